package parley

import (
	"strings"
	"unicode/utf8"
)

// Point is a numbered unit of a version. Points nest: "10(a)" is a child of
// "10". Path holds the numbering tokens outermost first in the document's
// own numbering: "2(a)(4)" is ["2","a","4"], "3.1" is ["3","1"], "Article 7"
// is ["7"], roman numerals stay lower-case text ("ii"), "Exhibit A" is
// ["exhibit","a"].
type Point struct {
	ID        int64    `json:"id,omitempty"`
	VersionID int64    `json:"version_id,omitempty"`
	Ordinal   int      `json:"ordinal"` // position in document order, from 0
	Path      []string `json:"path"`
	Label     string   `json:"label"` // as printed: "10.", "(a)", "Article 7"
	Heading   string   `json:"heading,omitempty"`
	Text      string   `json:"text"` // its own text, children excluded
	Line      int      `json:"line"` // line of the normalised text where it starts, from 1
	Tags      []string `json:"tags,omitempty"`
}

// Depth is 1 for a top-level point, 2 for its children, and so on.
func (p *Point) Depth() int { return len(p.Path) }

// Key returns the path as one string, for maps.
func (p *Point) Key() string { return PathKey(p.Path) }

// ParentPath returns the path of the point's parent, or nil at the top.
func (p *Point) ParentPath() []string {
	if len(p.Path) < 2 {
		return nil
	}
	return p.Path[:len(p.Path)-1]
}

// PathKey joins a path into one string ("10/a").
func PathKey(path []string) string { return strings.Join(path, "/") }

// PathHash is a 64-bit FNV-1a hash of a path's tokens, for indexes that need
// no strings. Paths that differ may share a hash: an index keyed by it must
// compare the paths themselves.
func PathHash(path []string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, tok := range path {
		for k := 0; k < len(tok); k++ {
			h = (h ^ uint64(tok[k])) * prime
		}
		h = (h ^ '/') * prime
	}
	return h
}

// FormatPath writes a path for people: "10(a)(ii)", "3.1", "exhibit a".
func FormatPath(path []string) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(path[0])
	for i, tok := range path[1:] {
		if path[0] == "exhibit" || path[0] == "annex" || path[0] == "schedule" || path[0] == "appendix" {
			if i == 0 {
				b.WriteString(" " + tok)
				continue
			}
		}
		if isDigits(tok) && isDigits(path[i]) {
			b.WriteString("." + tok)
		} else {
			b.WriteString("(" + tok + ")")
		}
	}
	return b.String()
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MaxPointDepth bounds how deep points may nest.
const MaxPointDepth = 8

// Validate checks the point's path, label and text.
func (p *Point) Validate() error {
	if len(p.Path) == 0 {
		return Errorf(EINVALID, "point at line %d has an empty path", p.Line)
	}
	if len(p.Path) > MaxPointDepth {
		return Errorf(EINVALID, "point %s nests deeper than %d levels", p.Label, MaxPointDepth)
	}
	for _, tok := range p.Path {
		if tok == "" || strings.ContainsAny(tok, "/ \t\n") || utf8.RuneCountInString(tok) > 32 {
			return Errorf(EINVALID, "point at line %d: bad path token %q", p.Line, tok)
		}
	}
	if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Label) {
		return Errorf(EINVALID, "point %s is not valid UTF-8", p.Label)
	}
	return nil
}
