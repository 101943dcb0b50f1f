package align

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the numbering at the start of a line ("10.", "(a)",
// "iv)", "1.2.3", "Article 5", "§ 312a", "Exhibit A") into labels. It knows
// nothing about the rest of the document: whether a label is really a point
// is decided in segment.go from the numbering around it.

// numKind is the kind of counter a numbering uses.
type numKind uint8

const (
	kindNumber       numKind = iota + 1 // 1, 2, 3; 10a; 1.2.3
	kindLetter                          // a, b, c; aa, bb
	kindRoman                           // i, ii, iii
	kindUpperLetter                     // A, B, C
	kindUpperRoman                      // I, II, III
	kindDoubleLetter                    // aa, bb, cc as a list of its own (German statutes nest it under a, b, c)
	kindKeyword                         // Article 5, Section 3, § 4, Point 7, Clause 2
	kindAnnex                           // Exhibit A, Annex 2, Schedule 1, Appendix B
)

// delim is the punctuation around a counter.
type delim uint8

const (
	delimNone   delim = iota // keywords and dotted numbers: "Article 5", "1.2"
	delimDot                 // "1.", "a.", "iv."
	delimParen               // "1)", "a)", "iv)"
	delimParens              // "(1)", "(a)", "(iv)"
)

// style identifies a numbering scheme. Two labels with equal styles count
// in the same list; a new style opens a deeper level.
type style struct {
	kind    numKind
	delim   delim
	depth   int    // components of a dotted number: 1 for "3.", 2 for "3.1"
	keyword string // canonical keyword of kindKeyword and kindAnnex labels
}

// structural reports whether the style is a keyword numbering (Article,
// Section, §, Exhibit), which outranks plain list numbering.
func (st style) structural() bool { return st.kind == kindKeyword || st.kind == kindAnnex }

// rank orders keyword styles from the outside in: annexes hold articles,
// articles hold sections, sections hold paragraphs and clauses. Other
// styles have no rank.
func (st style) rank() int {
	switch st.keyword {
	case "exhibit", "annex", "schedule", "appendix", "attachment":
		return 1
	case "article":
		return 2
	case "section", "§":
		return 3
	case "paragraph", "clause", "point":
		return 4
	}
	return 5
}

// label is one reading of the numbering at the start of a line.
type label struct {
	style  style
	val    []int    // counter values, one per dotted component; letters count a=1
	suffix int      // letter after the last number: "8a" is 1, "8b" is 2
	tokens []string // path tokens as printed, lower-case: ["3","1"], ["iv"], ["exhibit","a"]
	text   string   // the label as printed: "10.", "(a)", "Article 7"
	rest   string   // the rest of the line, trimmed
	sepLed bool     // a keyword label followed by a separator such as ":" or "–"
	dashed bool     // the separator was a dash, which usually announces a title
}

// last returns the value of the innermost component.
func (l *label) last() int { return l.val[len(l.val)-1] }

// first reports whether the label starts a list: 1, a, i, A, I, "x.1".
func (l *label) first() bool { return l.last() == 1 && l.suffix == 0 }

// maxCounter bounds the numbers read as counters, so that absurd numbers
// such as phone numbers never become points and tokens stay short.
const maxCounter = 999999

// counter is one reading of a counter token such as "12", "8a", "iv", "B".
type counter struct {
	kind   numKind
	n      int
	suffix int
}

// readCounters classifies a counter token. A token can have several
// readings: "i", "v", "x" (and "I", "V", "X") are letters or roman
// numerals, "aa" continues a list after "z" or starts a list of doubled
// letters; the surrounding numbering decides which.
func readCounters(tok string) []counter {
	if tok == "" || len(tok) > 8 {
		return nil
	}
	if c := tok[0]; c >= '0' && c <= '9' {
		n, i := 0, 0
		for i < len(tok) && tok[i] >= '0' && tok[i] <= '9' {
			n = n*10 + int(tok[i]-'0')
			i++
		}
		if n > maxCounter {
			return nil
		}
		switch {
		case i == len(tok):
			return []counter{{kind: kindNumber, n: n}}
		case i == len(tok)-1 && tok[i] >= 'a' && tok[i] <= 'z':
			return []counter{{kind: kindNumber, n: n, suffix: int(tok[i]-'a') + 1}}
		}
		return nil
	}
	lower, upper := true, true
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c >= 'a' && c <= 'z':
			upper = false
		case c >= 'A' && c <= 'Z':
			lower = false
		default:
			return nil
		}
	}
	if !lower && !upper {
		return nil
	}
	letterKind, romanKind := kindLetter, kindRoman
	if upper {
		letterKind, romanKind = kindUpperLetter, kindUpperRoman
	}
	low := strings.ToLower(tok)
	var out []counter
	switch {
	case len(low) == 1:
		out = append(out, counter{kind: letterKind, n: int(low[0]-'a') + 1})
	case len(low) == 2 && low[0] == low[1]:
		// "aa", "bb": the letters after "z" in many English lists, or a
		// list of its own one level below "a", "b" in German statutes.
		out = append(out, counter{kind: letterKind, n: 26 + int(low[0]-'a') + 1})
		if lower {
			out = append(out, counter{kind: kindDoubleLetter, n: int(low[0]-'a') + 1})
		}
	}
	if len(low) > 1 || strings.ContainsAny(low, "ivx") {
		if n, ok := romanValue(low); ok {
			out = append(out, counter{kind: romanKind, n: n})
		}
	}
	return out
}

// romanValue reads a lower-case roman numeral up to 399 ("cccxcix"). Only
// the canonical spelling counts, so "iiii" or "vx" are not numerals.
func romanValue(s string) (int, bool) {
	if s == "" || len(s) > 12 {
		return 0, false
	}
	digit := func(c byte) int {
		switch c {
		case 'i':
			return 1
		case 'v':
			return 5
		case 'x':
			return 10
		case 'l':
			return 50
		case 'c':
			return 100
		}
		return 0
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := digit(s[i])
		if v == 0 {
			return 0, false
		}
		if i+1 < len(s) && digit(s[i+1]) > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total > 399 || romanString(total) != s {
		return 0, false
	}
	return total, true
}

// romanString writes n (1..399) as a lower-case roman numeral.
func romanString(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// keyword is a word that introduces a numbered unit, as in "Article 5".
type keyword struct {
	printed string // as it must appear: "Article", "ARTICLE", "Art."
	canon   string // the style name: "article"
	annex   bool   // an annex-like unit: its path is ["exhibit","a"]
	brk     bool   // a grouping heading ("Part II", "Chapter 3"): a structure break, not a point
}

// keywords lists the spellings recognised at the start of a line. Only the
// capitalised and upper-case spellings count: "section 3 of the Treaty"
// at the start of a wrapped line is prose.
var keywords = func() []keyword {
	var out []keyword
	add := func(canon string, annex, brk bool, printed ...string) {
		for _, p := range printed {
			out = append(out, keyword{printed: p, canon: canon, annex: annex, brk: brk})
		}
	}
	add("article", false, false, "Article", "ARTICLE", "Art.", "ART.", "Artikel", "ARTIKEL")
	add("section", false, false, "Section", "SECTION", "Sec.", "SEC.", "Sect.")
	add("§", false, false, "§")
	add("point", false, false, "Point", "POINT")
	add("clause", false, false, "Clause", "CLAUSE")
	add("paragraph", false, false, "Paragraph", "PARAGRAPH", "Para.")
	add("exhibit", true, false, "Exhibit", "EXHIBIT")
	add("annex", true, false, "Annex", "ANNEX")
	add("schedule", true, false, "Schedule", "SCHEDULE")
	add("appendix", true, false, "Appendix", "APPENDIX")
	add("attachment", true, false, "Attachment", "ATTACHMENT")
	add("part", false, true, "Part", "PART", "Chapter", "CHAPTER", "Title", "TITLE", "Book", "BOOK",
		"Division", "DIVISION", "Subpart", "SUBPART", "Kapitel", "KAPITEL", "Teil", "TEIL", "Abschnitt", "Titel")
	return out
}()

// parseLabels reads the numbering at the start of s, a line without its
// indentation. It returns every reading (at most three), or nil when the line
// does not start with a label. brk reports a grouping heading such as
// "Part II".
func parseLabels(s string) (labels []label, brk bool) {
	if s == "" {
		return nil, false
	}
	c := s[0]
	switch {
	case c == '(':
		return parseParens(s), false
	case c >= '0' && c <= '9':
		return parseNumber(s), false
	case c == 0xC2 && strings.HasPrefix(s, "§"), c >= 'A' && c <= 'Z':
		if l, isBreak, ok := parseKeyword(s); ok {
			if isBreak {
				return nil, true
			}
			return l, false
		}
		if c == 0xC2 {
			return nil, false
		}
		return parseLetters(s), false
	case c >= 'a' && c <= 'z':
		return parseLetters(s), false
	}
	return nil, false
}

// parseParens reads "(a)", "(12)", "(iv)", "(2a)".
func parseParens(s string) []label {
	end := strings.IndexByte(s, ')')
	if end < 2 || end > 9 {
		return nil
	}
	if !boundary(s[end+1:]) {
		return nil
	}
	tok := s[1:end]
	return labelsFor(readCounters(tok), delimParens, tok, s[:end+1], s[end+1:])
}

// parseLetters reads "a.", "b)", "iv.", "A.", "IV)".
func parseLetters(s string) []label {
	i := 0
	for i < len(s) && i <= 8 && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == 0 || i > 8 || i >= len(s) {
		return nil
	}
	d := delimDot
	switch s[i] {
	case '.':
	case ')':
		d = delimParen
	default:
		return nil
	}
	if !boundary(s[i+1:]) {
		return nil
	}
	return labelsFor(readCounters(s[:i]), d, s[:i], s[:i+1], s[i+1:])
}

// parseNumber reads "1.", "10)", "10a.", "1.2", "1.2.3.".
func parseNumber(s string) []label {
	comps, tokens, i, ok := readDotted(s)
	if !ok {
		return nil
	}
	if len(comps) > 1 {
		// A dotted number: an optional final dot, then a space or the end.
		if i < len(s) && s[i] == '.' {
			i++
		}
		if !boundary(s[i:]) {
			return nil
		}
		return []label{{
			style:  style{kind: kindNumber, depth: len(comps)},
			val:    comps,
			tokens: tokens,
			text:   s[:i],
			rest:   trimSpace(s[i:]),
		}}
	}
	suffix := 0
	if i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		suffix = int(s[i]-'a') + 1
		tokens[0] += s[i : i+1]
		i++
	}
	if i >= len(s) {
		return nil
	}
	d := delimDot
	switch s[i] {
	case '.':
	case ')':
		d = delimParen
	default:
		return nil
	}
	if !boundary(s[i+1:]) {
		return nil
	}
	return []label{{
		style:  style{kind: kindNumber, delim: d, depth: 1},
		val:    comps,
		suffix: suffix,
		tokens: tokens,
		text:   s[:i+1],
		rest:   trimSpace(s[i+1:]),
	}}
}

// readDotted reads digits and dot-separated digit groups at the start of s:
// "12" or "1.2.3". It stops before a final dot that is not followed by a
// digit. Each group has at most six digits.
func readDotted(s string) (comps []int, tokens []string, end int, ok bool) {
	i := 0
	for {
		start := i
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if i-start >= 6 {
				return nil, nil, 0, false
			}
			n = n*10 + int(s[i]-'0')
			i++
		}
		if i == start {
			return nil, nil, 0, false
		}
		comps = append(comps, n)
		tokens = append(tokens, s[start:i])
		if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' && len(comps) < 8 {
			i++
			continue
		}
		return comps, tokens, i, true
	}
}

// labelsFor builds one label per counter reading.
func labelsFor(cs []counter, d delim, tok, printed, rest string) []label {
	if len(cs) == 0 {
		return nil
	}
	out := make([]label, 0, len(cs))
	for _, c := range cs {
		t := strings.ToLower(tok)
		out = append(out, label{
			style:  style{kind: c.kind, delim: d, depth: 1},
			val:    []int{c.n},
			suffix: c.suffix,
			tokens: []string{t},
			text:   printed,
			rest:   trimSpace(rest),
		})
	}
	return out
}

// parseKeyword reads "Article 5", "ARTICLE V", "Art. 5", "§ 312a",
// "Section 1.01", "Exhibit A", "Annex 2", and grouping headings such as
// "Part II". ok is false when s does not start with a keyword and a
// designator.
func parseKeyword(s string) (labels []label, isBreak, ok bool) {
	for _, kw := range keywords {
		if !strings.HasPrefix(s, kw.printed) {
			continue
		}
		after := s[len(kw.printed):]
		spaced := trimSpace(after)
		if len(spaced) == len(after) && kw.canon != "§" {
			continue // "Articles", "Sectional"
		}
		if strings.HasPrefix(spaced, "§") {
			continue // "§§ 66 bis 72" is a range, not one unit
		}
		ls, ok := readDesignator(spaced, kw)
		if !ok {
			continue
		}
		for i := range ls {
			ls[i].text = s[:len(s)-len(spaced)] + ls[i].text
		}
		return ls, kw.brk, true
	}
	return nil, false, false
}

// readDesignator reads the number after a keyword and what follows it.
func readDesignator(s string, kw keyword) ([]label, bool) {
	if s == "" {
		return nil, false
	}
	var out []label
	var end int
	if c := s[0]; c >= '0' && c <= '9' {
		comps, tokens, i, ok := readDotted(s)
		if !ok {
			return nil, false
		}
		suffix := 0
		if i < len(s) && s[i] >= 'a' && s[i] <= 'z' && (i+1 == len(s) || !isLetter(s[i+1])) {
			suffix = int(s[i]-'a') + 1
			tokens[len(tokens)-1] += s[i : i+1]
			i++
		}
		end = i
		out = append(out, label{style: style{kind: kindKeyword, depth: len(comps)}, val: comps, suffix: suffix, tokens: tokens})
	} else {
		i := 0
		for i < len(s) && isLetter(s[i]) {
			i++
		}
		if i == 0 || i > 8 {
			return nil, false
		}
		end = i
		for _, c := range readCounters(s[:i]) {
			roman := c.kind == kindRoman || c.kind == kindUpperRoman
			if !roman && !kw.annex {
				continue // "Article A" is not a numbering; "Section One" neither
			}
			if !roman && i > 1 {
				continue
			}
			out = append(out, label{style: style{kind: kindKeyword, depth: 1}, val: []int{c.n}, tokens: []string{strings.ToLower(s[:i])}})
		}
		if len(out) == 0 {
			return nil, false
		}
	}
	after := s[end:]
	sepLed, dashed := false, false
	switch {
	case after == "":
	case after[0] == ' ' || after[0] == '\t':
		after = trimSpace(after)
		if r, n := utf8.DecodeRuneInString(after); isSeparator(r) && r != '.' && boundary(after[n:]) {
			after, sepLed, dashed = trimSpace(after[n:]), true, r != ':'
		}
	default:
		r, n := utf8.DecodeRuneInString(after)
		if !isSeparator(r) || !boundary(after[n:]) {
			return nil, false // "Article 5b2", "Section 3's"
		}
		after, sepLed, dashed = trimSpace(after[n:]), true, r != '.' && r != ':'
	}
	for i := range out {
		l := &out[i]
		if kw.annex {
			l.style = style{kind: kindAnnex, depth: 1, keyword: kw.canon}
			l.tokens = append([]string{kw.canon}, l.tokens...)
		} else {
			l.style.keyword = kw.canon
		}
		l.text = s[:end]
		l.rest = after
		l.sepLed = sepLed
		l.dashed = dashed
	}
	return out, true
}

// isSeparator reports punctuation that may stand between a keyword label
// and its title: "Article 5. Title", "Article 5: Title", "Article 5 – Title".
func isSeparator(r rune) bool {
	switch r {
	case '.', ':', '-', '–', '—', '―':
		return true
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// boundary reports whether s is empty or starts with white space: a label
// must be followed by a space ("1. The"), so "1.5%" and "3.1(b)" are not
// labels.
func boundary(s string) bool {
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// trimSpace trims Unicode white space at both ends.
func trimSpace(s string) string { return strings.TrimFunc(s, unicode.IsSpace) }
