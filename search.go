package parley

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of things a search finds.
const (
	SearchVersion       = "version"
	SearchPoint         = "point"
	SearchEvent         = "event"
	SearchUnderstanding = "understanding"
	SearchSource        = "source"
)

// SearchKinds lists the kinds of things a search finds.
var SearchKinds = []string{SearchVersion, SearchPoint, SearchEvent, SearchUnderstanding, SearchSource}

// Limits of a search.
const (
	// MaxSearchLength is the longest query, in characters.
	MaxSearchLength = 200
	// MaxSearchTerms is the most words and phrases a query may hold.
	MaxSearchTerms = 12
	// DefaultSearchLimit is how many hits a search returns unless told.
	DefaultSearchLimit = 20
	// MaxSearchLimit is the most hits one search returns.
	MaxSearchLimit = 100
)

// Marks around a matched word in SearchHit snippets as the stores write
// them: characters of Unicode's private use area, which no text of a
// negotiation holds, so that a snippet is split into parts without
// guessing (SplitSnippet).
const (
	SnippetOpen  = "\ue000"
	SnippetClose = "\ue001"
)

// SearchQuery is a search: words to find, where, and who reads the result.
type SearchQuery struct {
	// Text is what the reader typed: words, "quoted phrases" and
	// -excluded words (ParseSearch).
	Text string
	// NegotiationID, if not 0, keeps to one negotiation.
	NegotiationID int64
	// Kind, if not "", keeps to one of SearchKinds.
	Kind string
	// Limit is the most hits returned; 0 is DefaultSearchLimit.
	Limit int
	// Visible says whether the reader may see a hit. The store asks it of
	// every match, best first, and keeps those it allows until Limit: what
	// it refuses is never returned nor counted. It is given the hit's
	// kind, ids, negotiation, party and visibility (not yet its title or
	// snippet). Required: a store does not guess who reads.
	Visible func(h *SearchHit) bool
}

// Validate checks the query and sets the default limit; it returns the
// parsed terms.
func (q *SearchQuery) Validate() ([]SearchTerm, error) {
	terms, err := ParseSearch(q.Text)
	if err != nil {
		return nil, err
	}
	if q.Kind != "" {
		if err := oneOf("kind", q.Kind, SearchKinds...); err != nil {
			return nil, err
		}
	}
	switch {
	case q.Limit == 0:
		q.Limit = DefaultSearchLimit
	case q.Limit < 0 || q.Limit > MaxSearchLimit:
		return nil, Errorf(EINVALID, "limit %d is not between 1 and %d", q.Limit, MaxSearchLimit)
	}
	if q.NegotiationID < 0 {
		return nil, Errorf(EINVALID, "negotiation %d is not a negotiation id", q.NegotiationID)
	}
	if q.Visible == nil {
		return nil, Errorf(EINVALID, "search: the reader's visibility is required")
	}
	return terms, nil
}

// SearchTerm is one thing a query asks for: a word, matched as the start
// of a word ("negotiat" finds "negotiations"), or a phrase of whole words
// in a row; Exclude asks for records without it.
type SearchTerm struct {
	Words   []string
	Phrase  bool
	Exclude bool
}

// ParseSearch reads a query: words (runs of letters and digits, in lower
// case, anything else separates them), "quoted phrases", and words or
// phrases preceded by "-", which the records found must not hold. The
// stores read words the same way (SQLite's unicode61 tokenizer;
// PostgreSQL's 'simple' configuration on text whose ASCII punctuation is
// blanked), so a query finds what it names in any script: Latin,
// Cyrillic, Greek. At least one term must not be excluded.
func ParseSearch(text string) ([]SearchTerm, error) {
	switch n := utf8.RuneCountInString(text); {
	case !utf8.ValidString(text):
		return nil, Errorf(EINVALID, "the search (q) is not valid UTF-8")
	case strings.TrimSpace(text) == "":
		return nil, Errorf(EINVALID, "the search (q) is empty; give at least one word")
	case n > MaxSearchLength:
		return nil, Errorf(EINVALID, "the search (q) is %d characters long, more than %d", n, MaxSearchLength)
	}
	var terms []SearchTerm
	rest := strings.ToLower(text)
	for rest != "" {
		r, size := utf8.DecodeRuneInString(rest)
		exclude := false
		if r == '-' {
			exclude, rest = true, rest[size:]
			r, size = utf8.DecodeRuneInString(rest)
		}
		var chunk string
		phrase := r == '"'
		if phrase {
			rest = rest[size:]
			end := strings.IndexByte(rest, '"')
			if end < 0 {
				end = len(rest) // an unclosed quote runs to the end
			}
			chunk, rest = rest[:end], strings.TrimPrefix(rest[end:], `"`)
		} else {
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			chunk, rest = rest[:end], rest[end:]
		}
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		words := searchWords(chunk)
		if len(words) == 0 {
			continue
		}
		if phrase || len(words) == 1 {
			terms = append(terms, SearchTerm{Words: words, Phrase: phrase, Exclude: exclude})
			continue
		}
		// "red-line" or "10(a)": the words of one token, each a term.
		for _, w := range words {
			terms = append(terms, SearchTerm{Words: []string{w}, Exclude: exclude})
		}
	}
	include := 0
	for _, t := range terms {
		if !t.Exclude {
			include++
		}
	}
	switch {
	case include == 0:
		return nil, Errorf(EINVALID, "the search (q) has no word to look for (letters or digits, not only excluded words)")
	case len(terms) > MaxSearchTerms:
		return nil, Errorf(EINVALID, "the search (q) has %d words and phrases, more than %d", len(terms), MaxSearchTerms)
	}
	return terms, nil
}

// searchWords splits s into words: runs of letters, digits and the marks
// that combine with them.
func searchWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

// SnippetPart is a piece of a snippet; Match marks the words the search
// matched.
type SnippetPart struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// SplitSnippet splits a snippet marked with SnippetOpen and SnippetClose
// into parts.
func SplitSnippet(s string) []SnippetPart {
	var parts []SnippetPart
	for s != "" {
		open := strings.Index(s, SnippetOpen)
		if open < 0 {
			parts = append(parts, SnippetPart{Text: s})
			break
		}
		if open > 0 {
			parts = append(parts, SnippetPart{Text: s[:open]})
		}
		s = s[open+len(SnippetOpen):]
		end := strings.Index(s, SnippetClose)
		if end < 0 {
			end = len(s)
		}
		if end > 0 {
			parts = append(parts, SnippetPart{Text: s[:end], Match: true})
		}
		s = strings.TrimPrefix(s[end:], SnippetClose)
	}
	return parts
}

// SnippetText joins the parts of a snippet, with each match between open
// and close.
func SnippetText(parts []SnippetPart, open, close string) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Match {
			b.WriteString(open + p.Text + close)
			continue
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// SearchHit is one thing a search found.
type SearchHit struct {
	Kind          string `json:"kind"`
	ID            int64  `json:"id"`
	NegotiationID int64  `json:"negotiation_id"`
	// ParentID is the version of a point and the event of an
	// understanding; 0 for the other kinds.
	ParentID int64 `json:"parent_id,omitempty"`
	// PartyID owns an understanding, and drafted a version (0 when not
	// known); 0 for the other kinds.
	PartyID int64 `json:"party_id,omitempty"`
	// Visibility is the understanding's; every member sees the other
	// kinds, which are VisibilityPublished.
	Visibility string `json:"visibility"`
	// Title names the thing: a version's label, a point's label and
	// heading, an event's or a source's title, an understanding's topics.
	Title string `json:"title"`
	// Context is the version label of a point and the event title of an
	// understanding; "" for the other kinds.
	Context string `json:"context,omitempty"`
	// PointKey is a point's path as Point.Key writes it ("2.a"), which
	// names it on its version's page; "" for the other kinds.
	PointKey string        `json:"point_key,omitempty"`
	Snippet  []SnippetPart `json:"snippet"`
	// Score orders the hits of one search, higher first; it means nothing
	// across searches or stores.
	Score float64 `json:"-"`
}

// SearchService finds what parley keeps by the words in it.
type SearchService interface {
	// Search returns the hits of q the reader may see (q.Visible), best
	// first. The index is kept in step with every write, in the write's
	// own transaction.
	Search(ctx context.Context, q SearchQuery) ([]*SearchHit, error)
}
