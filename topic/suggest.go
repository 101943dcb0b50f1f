package topic

import (
	"slices"
	"strings"
	"unicode"
)

// Threshold is the evidence a topic needs to be suggested: one strong
// entry or two weak ones.
const Threshold = 1.0

// Share is the part of the best topic's score that another topic needs to
// be suggested alongside it: a point is mostly about one or two things,
// and a word of another topic in passing ("within 30 days of signature")
// does not make it about that topic too.
var Share = 0.8

// Suggestion is a topic suggested for a point, with the evidence.
type Suggestion struct {
	Topic string `json:"topic"`
	// Score is the sum of the weights of the lexicon entries found.
	Score float64 `json:"score"`
	// Evidence lists the words of the point that matched, as written,
	// in the order they occur.
	Evidence []string `json:"evidence"`
	// From is the path of the point whose evidence is used, when the
	// point has none of its own and takes its parent's topics.
	From []string `json:"from,omitempty"`
}

// Language returns the lexicon language of a text, from its letters:
// Cyrillic text is Ukrainian when it has more of the letters only
// Ukrainian uses (і ї є ґ) than of those only Russian uses (ы э ъ ё), and
// Russian otherwise; Latin text is English. It returns "" for text with
// neither script.
func Language(text string) string {
	var latin, cyrillic, uk, ru int
	for _, r := range strings.ToLower(text) {
		switch {
		case r >= 'a' && r <= 'z':
			latin++
		case r >= 0x400 && r < 0x530 && unicode.IsLetter(r):
			cyrillic++
			switch r {
			case 'і', 'ї', 'є', 'ґ':
				uk++
			case 'ы', 'э', 'ъ', 'ё':
				ru++
			}
		}
	}
	switch {
	case cyrillic == 0 && latin == 0:
		return ""
	case cyrillic < latin:
		return "en"
	case uk > ru:
		return "uk"
	}
	return "ru"
}

// Suggest returns the topics that text's words suggest in language lang
// (one of Languages; "" reads it with Language), best first. A language
// without a lexicon gives none.
func Suggest(text, lang string) []Suggestion {
	return suggest(text, lang, lexicons)
}

// suggest is Suggest with the lexicons given.
func suggest(text, lang string, lexicons map[string]*lexicon) []Suggestion {
	if lang == "" {
		lang = Language(text)
	}
	lx := lexicons[lang]
	if lx == nil {
		return nil
	}
	spans := words(text)
	stems := make([]string, len(spans))
	for i, w := range spans {
		stems[i] = stemOf(text[w[0]:w[1]], lang)
	}
	score := map[string]float64{}
	evidence := map[string][][2]int{} // spans of matched words per topic
	seen := map[int]bool{}            // entries counted once each
	for i := range stems {
		for _, e := range lx.byFirst[stems[i]] {
			en := lx.entries[e]
			if seen[e] || i+len(en.stems) > len(stems) || !slices.Equal(stems[i:i+len(en.stems)], en.stems) {
				continue
			}
			seen[e] = true
			score[en.topic] += en.weight
			evidence[en.topic] = append(evidence[en.topic], [2]int{spans[i][0], spans[i+len(en.stems)-1][1]})
		}
	}
	top := 0.0
	for _, v := range score {
		top = max(top, v)
	}
	var out []Suggestion
	for _, c := range Scheme {
		if score[c.Key] < Threshold || score[c.Key] < Share*top {
			continue
		}
		out = append(out, Suggestion{Topic: c.Key, Score: score[c.Key], Evidence: evidenceWords(text, evidence[c.Key])})
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}

// evidenceWords returns the matched stretches of text in text order, each
// once; a stretch inside another (a word of a matched phrase) is left out.
func evidenceWords(text string, spans [][2]int) []string {
	slices.SortFunc(spans, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return b[1] - a[1] // the longer first
	})
	var out []string
	end := -1
	for _, s := range spans {
		if s[1] <= end {
			continue
		}
		out = append(out, text[s[0]:s[1]])
		end = s[1]
	}
	return out
}

// Point is what SuggestPoints reads of a point: its path and its own text.
type Point struct {
	Path []string
	Text string
}

// SuggestPoints suggests the topics of the points of one version, in
// document order, reading the language once from the whole version. A
// point with no suggestion of its own takes its nearest ancestor's, marked
// with From; a point whose text says its content is not known takes none.
func SuggestPoints(points []Point) [][]Suggestion {
	return suggestPoints(points, lexicons)
}

// suggestPoints is SuggestPoints with the lexicons given.
func suggestPoints(points []Point, lexicons map[string]*lexicon) [][]Suggestion {
	var all strings.Builder
	for _, p := range points {
		all.WriteString(p.Text)
		all.WriteByte('\n')
	}
	lang := Language(all.String())
	out := make([][]Suggestion, len(points))
	own := map[string]int{} // path key to index, for ancestors
	for i, p := range points {
		own[strings.Join(p.Path, "/")] = i
		out[i] = suggest(p.Text, lang, lexicons)
		if len(out[i]) > 0 || strings.TrimSpace(p.Text) == "" || unknownText(p.Text) {
			continue
		}
		for n := len(p.Path) - 1; n > 0; n-- {
			j, ok := own[strings.Join(p.Path[:n], "/")]
			if !ok || len(out[j]) == 0 {
				continue
			}
			for _, s := range out[j] {
				s.From = points[j].Path
				out[i] = append(out[i], s)
			}
			break
		}
	}
	return out
}

// unknownText reports whether a point's text only says that its content is
// not known (parley's placeholder for unpublished points).
func unknownText(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, p := range []string{"not known", "content not published", "не известно", "невідомо"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
