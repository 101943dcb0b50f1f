package align

import (
	"slices"
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

// maxReadings is the most readings a counter token has: "ii" is a
// letter after "z", a doubled letter and a roman numeral.
const maxReadings = 3

// readCounters classifies a counter token and appends its readings to out,
// which callers keep on the stack. A token can have several readings: "i",
// "v", "x" (and "I", "V", "X") are letters or roman numerals, "aa"
// continues a list after "z" or starts a list of doubled letters; the
// surrounding numbering decides which.
func readCounters(tok string, out []counter) []counter {
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
			return append(out, counter{kind: kindNumber, n: n})
		case i == len(tok)-1 && tok[i] >= 'a' && tok[i] <= 'z':
			return append(out, counter{kind: kindNumber, n: n, suffix: int(tok[i]-'a') + 1})
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

// keywordsByFirst lists the keywords by their first byte, in the order of
// keywords: a line is compared only with the keywords it could start with,
// not with all of them (many lines start with a capital).
var keywordsByFirst = func() (by [256][]keyword) {
	for _, kw := range keywords {
		by[kw.printed[0]] = append(by[kw.printed[0]], kw)
	}
	return by
}()

// parseLabels reads the numbering at the start of s, a line without its
// indentation. It returns every reading (at most three), or nil when the line
// does not start with a label. brk reports a grouping heading such as
// "Part II".
func (ar *labelArena) parseLabels(s string) (labels []label, brk bool) {
	if s == "" {
		return nil, false
	}
	c := s[0]
	switch {
	case c == '(':
		return ar.parseParens(s), false
	case c >= '0' && c <= '9':
		return ar.parseNumber(s), false
	case c == 0xC2 && strings.HasPrefix(s, "§"), c >= 'A' && c <= 'Z':
		if l, isBreak, ok := ar.parseKeyword(s); ok {
			if isBreak {
				return nil, true
			}
			return l, false
		}
		if c == 0xC2 {
			return nil, false
		}
		return ar.parseLetters(s), false
	case c >= 'a' && c <= 'z':
		return ar.parseLetters(s), false
	}
	return nil, false
}

// parseParens reads "(a)", "(12)", "(iv)", "(2a)".
func (ar *labelArena) parseParens(s string) []label {
	end := strings.IndexByte(s, ')')
	if end < 2 || end > 9 {
		return nil
	}
	if !boundary(s[end+1:]) {
		return nil
	}
	tok := s[1:end]
	var buf [maxReadings]counter
	return ar.labelsFor(readCounters(tok, buf[:0]), delimParens, tok, s[:end+1], s[end+1:])
}

// parseLetters reads "a.", "b)", "iv.", "A.", "IV)".
func (ar *labelArena) parseLetters(s string) []label {
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
	var buf [maxReadings]counter
	return ar.labelsFor(readCounters(s[:i], buf[:0]), d, s[:i], s[:i+1], s[i+1:])
}

// parseNumber reads "1.", "10)", "10a.", "1.2", "1.2.3.".
func (ar *labelArena) parseNumber(s string) []label {
	var comps [maxDotted]int
	var tokens [maxDotted]string
	n, i, ok := readDotted(s, &comps, &tokens)
	if !ok {
		return nil
	}
	if n > 1 {
		// A dotted number: an optional final dot, then a space or the end.
		if i < len(s) && s[i] == '.' {
			i++
		}
		if !boundary(s[i:]) {
			return nil
		}
		return []label{{
			style:  style{kind: kindNumber, depth: n},
			val:    slices.Clone(comps[:n]),
			tokens: slices.Clone(tokens[:n]),
			text:   s[:i],
			rest:   trimSpace(s[i:]),
		}}
	}
	suffix := 0
	if i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		suffix = int(s[i]-'a') + 1
		tokens[0] = s[:i+1] // "10a"
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
	ls := ar.take(1)
	ls[0].style = style{kind: kindNumber, delim: d, depth: 1}
	ls[0].val[0] = comps[0]
	ls[0].suffix = suffix
	ls[0].tokens[0] = tokens[0]
	ls[0].text = s[:i+1]
	ls[0].rest = trimSpace(s[i+1:])
	return ls
}

// maxDotted is the most components a dotted number has: "1.2.3.4.5.6.7.8".
const maxDotted = 8

// readDotted reads digits and dot-separated digit groups at the start of s:
// "12" or "1.2.3". It stops before a final dot that is not followed by a
// digit. Each group has at most six digits. The n groups are stored in
// comps and tokens, which callers keep on the stack.
func readDotted(s string, comps *[maxDotted]int, tokens *[maxDotted]string) (n, end int, ok bool) {
	i := 0
	for {
		start := i
		v := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if i-start >= 6 {
				return 0, 0, false
			}
			v = v*10 + int(s[i]-'0')
			i++
		}
		if i == start {
			return 0, 0, false
		}
		comps[n], tokens[n] = v, s[start:i]
		n++
		if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' && n < maxDotted {
			i++
			continue
		}
		return n, i, true
	}
}

// labelsFor builds one label per counter reading.
func (ar *labelArena) labelsFor(cs []counter, d delim, tok, printed, rest string) []label {
	if len(cs) == 0 {
		return nil
	}
	t := strings.ToLower(tok)
	rest = trimSpace(rest)
	out := ar.take(len(cs))
	for k, c := range cs {
		l := &out[k]
		l.style = style{kind: c.kind, delim: d, depth: 1}
		l.val[0] = c.n
		l.suffix = c.suffix
		l.tokens[0] = t
		l.text = printed
		l.rest = rest
	}
	return out
}

// labelArena hands out the labels read from one text's lines, each with
// val and tokens of length 1 ready to fill, from blocks rather than one
// allocation per line: a long text has thousands of lines with a label,
// and these allocations were a good part of the segmenter's time. The
// labels live as long as the segmenter that reads them. Each val and
// tokens has no spare capacity, so that appending to one never writes
// into another.
type labelArena struct {
	labels []label
	vals   []int
	tokens []string
	block  int // the size of the last block
}

// maxLabelBlock bounds the blocks, which start small for short texts and
// double.
const maxLabelBlock = 256

// take returns n (1 to maxReadings) fresh labels of one counter each.
func (ar *labelArena) take(n int) []label {
	if len(ar.labels) < n {
		ar.block = min(max(2*ar.block, 8), maxLabelBlock)
		ar.labels = make([]label, ar.block)
		ar.vals = make([]int, ar.block)
		ar.tokens = make([]string, ar.block)
	}
	ls, vals, tokens := ar.labels[:n:n], ar.vals[:n:n], ar.tokens[:n:n]
	ar.labels, ar.vals, ar.tokens = ar.labels[n:], ar.vals[n:], ar.tokens[n:]
	for k := range ls {
		ls[k].val, ls[k].tokens = vals[k:k+1:k+1], tokens[k:k+1:k+1]
	}
	return ls
}

// parseKeyword reads "Article 5", "ARTICLE V", "Art. 5", "§ 312a",
// "Section 1.01", "Exhibit A", "Annex 2", and grouping headings such as
// "Part II". ok is false when s does not start with a keyword and a
// designator.
func (ar *labelArena) parseKeyword(s string) (labels []label, isBreak, ok bool) {
	for _, kw := range keywordsByFirst[s[0]] {
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
		ls, ok := ar.readDesignator(spaced, kw)
		if !ok {
			continue
		}
		for i := range ls {
			// The label printed in spaced, with the keyword before it.
			ls[i].text = s[:len(s)-len(spaced)+len(ls[i].text)]
		}
		return ls, kw.brk, true
	}
	return nil, false, false
}

// readDesignator reads the number after a keyword and what follows it.
func (ar *labelArena) readDesignator(s string, kw keyword) ([]label, bool) {
	if s == "" {
		return nil, false
	}
	var out []label
	var end int
	if c := s[0]; c >= '0' && c <= '9' {
		var comps [maxDotted]int
		var tokens [maxDotted]string
		n, i, ok := readDotted(s, &comps, &tokens)
		if !ok {
			return nil, false
		}
		suffix := 0
		if i < len(s) && s[i] >= 'a' && s[i] <= 'z' && (i+1 == len(s) || !isLetter(s[i+1])) {
			suffix = int(s[i]-'a') + 1
			tokens[n-1] = s[i-len(tokens[n-1]) : i+1] // "312a"
			i++
		}
		end = i
		if n == 1 {
			out = ar.take(1)
			out[0].val[0], out[0].tokens[0] = comps[0], tokens[0]
		} else {
			out = []label{{val: slices.Clone(comps[:n]), tokens: slices.Clone(tokens[:n])}}
		}
		out[0].style = style{kind: kindKeyword, depth: n}
		out[0].suffix = suffix
	} else {
		i := 0
		for i < len(s) && isLetter(s[i]) {
			i++
		}
		if i == 0 || i > 8 {
			return nil, false
		}
		end = i
		var buf, keep [maxReadings]counter
		kept := keep[:0]
		for _, c := range readCounters(s[:i], buf[:0]) {
			roman := c.kind == kindRoman || c.kind == kindUpperRoman
			if !roman && !kw.annex {
				continue // "Article A" is not a numbering; "Section One" neither
			}
			if !roman && i > 1 {
				continue
			}
			kept = append(kept, c)
		}
		if len(kept) == 0 {
			return nil, false
		}
		out = ar.take(len(kept))
		for k, c := range kept {
			out[k].style = style{kind: kindKeyword, depth: 1}
			out[k].val[0], out[k].tokens[0] = c.n, strings.ToLower(s[:i])
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
