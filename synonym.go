package parley

import (
	"context"
	"strings"
	"unicode"
)

// NormalizeTopic is how claims' topic keys and synonym terms are matched:
// letters folded to lower case, punctuation and spacing of any kind taken
// as one separator, apostrophes dropped. "Army Cap", "army-cap" and
// " ARMY_CAP." are one key, "army cap"; so are "Leaders' meeting" and
// "leaders meeting".
func NormalizeTopic(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			// "leaders'" and "Ukraine's" keep their word whole.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
		default:
			gap = true
		}
	}
	return b.String()
}

// SynonymGroup is one entry of the synonyms a negotiation's mediators keep:
// a canonical key and the other ways the parties write it. Topic keys of
// claims are matched through it ("army-cap" = "army ceiling" = "ceiling on
// the armed forces"), and so are names in what claims say ("Russia" =
// "Moscow" = "Россия" = "Росія").
type SynonymGroup struct {
	Key   string   `json:"key"`
	Terms []string `json:"terms"`
}

// ValidateSynonyms checks a negotiation's synonym list: every key and term
// a short line that normalises to something, and no term (or key) in two
// groups, since a term must stand for one thing.
func ValidateSynonyms(groups []SynonymGroup) error {
	if len(groups) > 1000 {
		return Errorf(EINVALID, "synonyms: at most 1000 groups, got %d", len(groups))
	}
	owner := map[string]int{}
	for i, g := range groups {
		if err := validName("synonyms key", g.Key, 80); err != nil {
			return Errorf(EINVALID, "synonyms group %d: %s", i+1, ErrorMessage(err))
		}
		if len(g.Terms) > 100 {
			return Errorf(EINVALID, "synonyms group %d (%s): at most 100 terms", i+1, g.Key)
		}
		for _, t := range append([]string{g.Key}, g.Terms...) {
			if err := validName("synonym term", t, 80); err != nil {
				return Errorf(EINVALID, "synonyms group %d (%s): %s", i+1, g.Key, ErrorMessage(err))
			}
			k := NormalizeTopic(t)
			if k == "" {
				return Errorf(EINVALID, "synonyms group %d (%s): term %q has no letters or digits", i+1, g.Key, t)
			}
			if j, ok := owner[k]; ok && j != i {
				return Errorf(EINVALID, "synonyms group %d (%s): term %q is already in group %d (%s)", i+1, g.Key, t, j+1, groups[j].Key)
			}
			owner[k] = i
		}
	}
	return nil
}

// ParseSynonyms reads synonyms written one group a line: the key, a
// colon, and the other terms separated by commas ("army-cap: army
// ceiling, потолок армии"); blank lines are skipped.
func ParseSynonyms(text string) ([]SynonymGroup, error) {
	groups := []SynonymGroup{}
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		g, err := ParseSynonymGroup(line)
		if err != nil {
			return nil, Errorf(EINVALID, "synonyms line %d: %s", i+1, ErrorMessage(err))
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// ParseSynonymGroup reads one group: "KEY: TERM, TERM".
func ParseSynonymGroup(line string) (SynonymGroup, error) {
	key, rest, ok := strings.Cut(line, ":")
	if !ok {
		return SynonymGroup{}, Errorf(EINVALID, "%q: want KEY: TERM, TERM, ... (a colon after the key)", strings.TrimSpace(line))
	}
	g := SynonymGroup{Key: strings.TrimSpace(key), Terms: []string{}}
	for _, t := range strings.Split(rest, ",") {
		if t = strings.TrimSpace(t); t != "" {
			g.Terms = append(g.Terms, t)
		}
	}
	return g, nil
}

// FormatSynonyms writes groups as ParseSynonyms reads them.
func FormatSynonyms(groups []SynonymGroup) string {
	var b strings.Builder
	for _, g := range groups {
		b.WriteString(g.Key + ": " + strings.Join(g.Terms, ", ") + "\n")
	}
	return b.String()
}

// SynonymService keeps each negotiation's synonym list. SetSynonyms
// replaces the whole list in one transaction and audits the change.
type SynonymService interface {
	ListSynonyms(ctx context.Context, negotiationID int64) ([]SynonymGroup, error)
	SetSynonyms(ctx context.Context, negotiationID int64, groups []SynonymGroup) error
}
