package segment

import (
	"slices"
	"strconv"
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
	delimZero                // "2.0": a section numbered with a zero, whose items are "2.1", "2.2"
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
	case "article", "ordinal":
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
	glued  bool     // no space after it: "(a)under"
}

// last returns the value of the innermost component.
func (l *label) last() int { return l.val[len(l.val)-1] }

// first reports whether the label starts a list: 1, a, i, A, I, "x.1",
// or 0 in a list of numbers counted from zero ("0. Definitions").
func (l *label) first() bool {
	return l.suffix == 0 && (l.last() == 1 || l.last() == 0 && l.style.kind == kindNumber && l.style.depth == 1)
}

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
	printed string // as it must appear: "Article", "ARTICLE", "Art.", "Статья"
	canon   string // the style name: "article"
	annex   bool   // an annex-like unit: its path is ["exhibit","a"]
	brk     bool   // a grouping heading ("Part II", "Глава 3"): a structure break, not a point
	// inserted is set for the units of a whole document's running
	// numbering (articles, §), where "Статья 67.1" and "Article 61-1" are
	// units inserted after 67 and 61, read as one path token.
	inserted bool
}

// articleWords are the spellings of "article" in the languages parley
// reads: the unit that constitutions, codes, regulations and treaties
// number through the whole text.
var articleWords = []string{
	"Article", "ARTICLE", "Art.", "ART.", "Art", "ART", "Artikel", "ARTIKEL",
	"Artículo", "ARTÍCULO", "Articulo", "ARTICULO", "Articolo", "ARTICOLO", "Artigo", "ARTIGO",
	"Artykuł", "ARTYKUŁ", "Článek", "ČLÁNEK", "Článok", "ČLÁNOK", "Čl.",
	"Статья", "СТАТЬЯ", "Стаття", "СТАТТЯ", "Артыкул", "АРТЫКУЛ", "Член", "ЧЛЕН", "Чл.",
	"المادة", "مادة",
}

// groupWords are the grouping headings above articles: parts, titles,
// chapters, sections of a code. They are structure breaks, not points.
var groupWords = []string{
	"Part", "PART", "Chapter", "CHAPTER", "Title", "TITLE", "Book", "BOOK", "Division", "DIVISION",
	"Subpart", "SUBPART", "Subtitle", "SUBTITLE", "Subchapter", "SUBCHAPTER",
	"Kapitel", "KAPITEL", "Teil", "TEIL", "Abschnitt", "ABSCHNITT", "Unterabschnitt", "UNTERABSCHNITT",
	"Titel", "TITEL", "Buch", "BUCH",
	"Titre", "TITRE", "Livre", "LIVRE", "Chapitre", "CHAPITRE", "Sous-titre", "SOUS-TITRE",
	"Título", "TÍTULO", "Titulo", "TITULO", "Capítulo", "CAPÍTULO", "Capitulo", "CAPITULO",
	"Sección", "SECCIÓN", "Libro", "LIBRO", "Capo", "CAPO", "Titolo", "TITOLO", "Sezione", "SEZIONE",
	"Rozdział", "ROZDZIAŁ", "Dział", "DZIAŁ", "Hlava", "HLAVA", "Díl", "DÍL", "Oddíl", "ODDÍL", "Část", "ČÁST",
	"Раздел", "РАЗДЕЛ", "Подраздел", "ПОДРАЗДЕЛ", "Глава", "ГЛАВА", "Розділ", "РОЗДІЛ",
	"Раздзел", "РАЗДЗЕЛ", "Подраздзел", "ПАДРАЗДЗЕЛ", "Падраздзел",
	"الباب", "الفصل", "القسم",
}

// keywords lists the spellings recognised at the start of a line. Only the
// capitalised and upper-case spellings count: "section 3 of the Treaty"
// at the start of a wrapped line is prose.
var keywords = func() []keyword {
	var out []keyword
	add := func(canon string, annex, brk bool, printed ...string) {
		for _, p := range printed {
			out = append(out, keyword{printed: p, canon: canon, annex: annex, brk: brk, inserted: canon == "article" || canon == "§"})
		}
	}
	add("article", false, false, articleWords...)
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
	add("part", false, true, groupWords...)
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
// "Part II", "Глава 3", "1. Abschnitt" or "Erster Teil".
func (ar *labelArena) parseLabels(s string) (labels []label, brk bool) {
	if s == "" {
		return nil, false
	}
	c := s[0]
	switch {
	case c == '(':
		return ar.parseParens(s), false
	case c >= '0' && c <= '9':
		ls := ar.parseNumber(s)
		if len(ls) > 0 && groupHeading(ls[0].rest) {
			ar.titled = true
			return nil, true // "1. Abschnitt", "2. Kapitel"
		}
		return ls, false
	case c == '*' || c == '_':
		return ar.parseEmphasised(s)
	case c >= 0x80, c >= 'A' && c <= 'Z':
		if l, isBreak, ok := ar.parseKeyword(s); ok {
			if isBreak {
				ar.titled = titledBreak(&l[0])
				return nil, true
			}
			return l, false
		}
		if l := ar.parseOrdinal(s); l != nil {
			return l, false
		}
		if ordinalGroup(s) {
			ar.titled = true
			return nil, true // "Erster Teil", "Second Part"
		}
		if c >= 0x80 {
			return ar.parseCyrillicLetter(s), false
		}
		return ar.parseLetters(s), false
	case c >= 'a' && c <= 'z':
		return ar.parseLetters(s), false
	}
	return nil, false
}

// parseEmphasised reads a keyword label in Markdown emphasis, as
// "**Artículo 1o**", "*Article 5 Title*" or "__Art. 3.__ Text" are
// printed: the emphasis marks around the label are dropped.
func (ar *labelArena) parseEmphasised(s string) ([]label, bool) {
	k := 0
	for k < len(s) && k < 3 && s[k] == s[0] {
		k++
	}
	inner := s[k:]
	if inner == "" || inner[0] == ' ' || inner[0] == '\t' || inner[0] == '*' || inner[0] == '_' {
		return nil, false
	}
	if end := strings.Index(inner, s[:k]); end > 0 {
		inner = strings.TrimRight(inner[:end], " ") + inner[end+k:]
	}
	if l, isBreak, ok := ar.parseKeyword(inner); ok {
		if isBreak {
			ar.titled = titledBreak(&l[0])
			return nil, true
		}
		return l, false
	}
	return ar.parseOrdinal(inner), false
}

// parseOrdinal reads an article numbered by an ordinal word alone, as
// the transitional articles of Spanish-language laws are: "PRIMERO.-
// El presente Decreto ...", "Segundo. ...", "**Único**".
func (ar *labelArena) parseOrdinal(s string) []label {
	i := 0
	for i < len(s) && i <= 20 {
		if c := s[i]; c < 0x80 {
			if !isLetter(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += n
	}
	if i < 4 || i > 20 || (i < len(s) && s[i] != '.' && s[i] != ':' && s[i] != '-' && s[i] < 0x80) {
		return nil // most lines: a word and a space
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
		return nil
	}
	var buf [48]byte
	v, ok := ordinalLabels[string(appendLower(buf[:0], s[:i]))]
	if !ok {
		return nil
	}
	rest, sepLed, dashed := s[i:], false, false
	if rest != "" {
		k := 0
		for k < len(rest) && k <= 4 {
			r, n := utf8.DecodeRuneInString(rest[k:])
			if !isSeparator(r) {
				break
			}
			dashed = dashed || (r != '.' && r != ':')
			k += n
		}
		if k == 0 || !boundary(rest[k:]) {
			return nil // "Primero, ..." or "Primero de ..." are prose
		}
		rest, sepLed = trimSpace(rest[k:]), true
	}
	ls := ar.take(1)
	ls[0].style = style{kind: kindKeyword, depth: 1, keyword: "ordinal"}
	ls[0].val[0], ls[0].tokens[0] = v, strconv.Itoa(v)
	ls[0].text, ls[0].rest, ls[0].sepLed, ls[0].dashed = s[:i], rest, sepLed, dashed
	return ls
}

// appendLower appends s in lower case to b: a map key built on the stack
// costs no allocation, where strings.ToLower would cost one per line.
func appendLower(b []byte, s string) []byte {
	for _, r := range s {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// ordinalLabels are the ordinal words that number transitional articles
// on their own.
var ordinalLabels = map[string]int{
	"primero": 1, "segundo": 2, "tercero": 3, "cuarto": 4, "quinto": 5, "sexto": 6,
	"séptimo": 7, "septimo": 7, "octavo": 8, "noveno": 9, "décimo": 10, "decimo": 10, "único": 1, "unico": 1,
	"primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6,
	"séptima": 7, "octava": 8, "novena": 9, "décima": 10, "única": 1,
}

// titledBreak reports whether a grouping heading stands alone or is
// followed by a title: "Глава 2", "Titre XIV - DE LA FRANCOPHONIE",
// "Chapter 3 General Provisions", not "Part 2 applies to ...".
func titledBreak(l *label) bool {
	return l.rest == "" || l.sepLed || allCaps(l.rest) || titleLike(l.rest) && !startsLower(l.rest)
}

// firstWord returns the text of s up to its first space.
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// groupWord reports whether w is a grouping keyword ("Abschnitt",
// "Chapter", "Глава") as it follows an ordinal: "1. Abschnitt".
func groupWord(w string) bool {
	if w == "" {
		return false
	}
	for _, kw := range keywordsByFirst[w[0]] {
		if kw.brk && kw.printed == w {
			return true
		}
	}
	return false
}

// groupHeading reports whether the rest of a line after an ordinal is a
// grouping heading: "Abschnitt", "Kapitel: Title", "Teil - Title",
// "Abschnitt Allgemeine Vorschriften", but not "Title to the goods".
func groupHeading(rest string) bool {
	w, after, _ := strings.Cut(rest, " ")
	if !groupWord(w) {
		return false
	}
	after = trimSpace(after)
	if after == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	return isSeparator(r) || (titleLike(after) && !startsLower(after))
}

// ordinalGroup reports a grouping heading led by an ordinal word:
// "Erster Teil", "Zweites Buch", "Second Part".
func ordinalGroup(s string) bool {
	w, rest, ok := strings.Cut(s, " ")
	if !ok || len(w) > 10 || !groupHeading(trimSpace(rest)) {
		return false
	}
	return leadingOrdinals[strings.ToLower(w)]
}

// leadingOrdinals are the ordinals printed before a grouping keyword.
var leadingOrdinals = map[string]bool{
	"erster": true, "erstes": true, "erste": true, "zweiter": true, "zweites": true, "zweite": true,
	"dritter": true, "drittes": true, "dritte": true, "vierter": true, "viertes": true, "vierte": true,
	"fünfter": true, "fünftes": true, "fünfte": true, "sechster": true, "sechstes": true, "sechste": true,
	"siebter": true, "siebtes": true, "siebenter": true, "achter": true, "achtes": true, "neunter": true,
	"neuntes": true, "zehnter": true, "zehntes": true,
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true,
	"seventh": true, "eighth": true, "ninth": true, "tenth": true,
}

// parseCyrillicLetter reads a Cyrillic letter item: "а)", "б)", "В.".
func (ar *labelArena) parseCyrillicLetter(s string) []label {
	r, n := utf8.DecodeRuneInString(s)
	v, suf, ok := cyrillicValue(r)
	if !ok || n >= len(s) {
		return nil
	}
	d := delimDot
	switch s[n] {
	case '.':
	case ')':
		d = delimParen
	default:
		return nil
	}
	if !boundary(s[n+1:]) {
		return nil
	}
	kind := kindLetter
	if unicode.IsUpper(r) {
		kind = kindUpperLetter
	}
	ls := ar.take(1)
	ls[0].style = style{kind: kind, delim: d, depth: 1}
	ls[0].val[0], ls[0].suffix = v, suf
	ls[0].tokens[0] = string(unicode.ToLower(r))
	ls[0].text = s[:n+1]
	ls[0].rest = trimSpace(s[n+1:])
	return ls
}

// cyrillicLetters are the letters that lists count with, in order; the
// letters that some lists skip and others use (ґ, є, і, ї, й, ў, ъ, ы, ь)
// count as a suffix of the letter before them, so that "г) ґ) д)" and
// "г) д)" both read as consecutive.
const cyrillicLetters = "абвгдежзиклмнопрстуфхцчшщэюя"

// cyrillicValue returns the counter of a Cyrillic letter.
func cyrillicValue(r rune) (n, suffix int, ok bool) {
	r = unicode.ToLower(r)
	switch r {
	case 'ґ':
		r, suffix = 'г', 1
	case 'ё', 'є':
		r, suffix = 'е', 1
	case 'і':
		r, suffix = 'и', 1
	case 'ї':
		r, suffix = 'и', 2
	case 'й':
		r, suffix = 'и', 3
	case 'ў':
		r, suffix = 'у', 1
	case 'ъ':
		r, suffix = 'щ', 1
	case 'ы':
		r, suffix = 'щ', 2
	case 'ь':
		r, suffix = 'щ', 3
	}
	k := 0
	for _, c := range cyrillicLetters {
		k++
		if c == r {
			return k, suffix, true
		}
	}
	return 0, 0, false
}

// parseParens reads "(a)", "(12)", "(iv)", "(2a)".
func (ar *labelArena) parseParens(s string) []label {
	end := strings.IndexByte(s, ')')
	if end < 2 || end > 9 {
		return nil
	}
	glued := false
	if !boundary(s[end+1:]) {
		r, _ := utf8.DecodeRuneInString(s[end+1:])
		if !unicode.IsLetter(r) {
			return nil
		}
		// "(a)under the licence": a label without its space, which
		// counts only where its list confirms it (see tryPoint).
		glued = true
	}
	tok := s[1:end]
	var buf [maxReadings]counter
	ls := ar.labelsFor(readCounters(tok, buf[:0]), delimParens, tok, s[:end+1], s[end+1:])
	for k := range ls {
		ls[k].glued = glued
	}
	return ls
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
		dotted := label{
			style:  style{kind: kindNumber, depth: n},
			val:    slices.Clone(comps[:n]),
			tokens: slices.Clone(tokens[:n]),
			text:   s[:i],
			rest:   trimSpace(s[i:]),
		}
		if n == 2 && tokens[1] == "0" {
			// "2.0 SCOPE": section 2 printed with a zero, which "2.1"
			// and "2.2" follow. Never a dotted number: no numbering
			// counts its items from N.0, so "1.0" before "1.1" is the
			// section's heading, not its first item.
			ls := ar.take(1)
			ls[0].style = style{kind: kindNumber, delim: delimZero, depth: 1}
			ls[0].val[0], ls[0].tokens[0] = comps[0], tokens[0]
			ls[0].text, ls[0].rest = dotted.text, dotted.rest
			return ls
		}
		return []label{dotted}
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
	// titled is set by parseLabels when it reports a grouping heading
	// that is alone on its line or followed by a title ("Titre XIV - DE
	// LA FRANCOPHONIE"), rather than by a sentence ("Part 2 applies").
	titled bool
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
	if _, n := digitAt(s, 0); n > 0 {
		out, end = ar.keywordNumber(s, kw)
		if out == nil {
			return nil, false
		}
	} else {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !(r == '\'' && i > 0) {
				break
			}
			i += n
		}
		if i == 0 || i > 40 {
			return nil, false
		}
		end = i
		word := s[:i]
		var kept [maxReadings]counter
		nk := 0
		if v, ok := ordinalWords[strings.ToLower(word)]; ok && (kw.inserted || kw.brk) {
			kept[0], nk = counter{kind: kindNumber, n: v}, 1
			word = strconv.Itoa(v)
		} else if i <= 8 {
			var buf [maxReadings]counter
			tok := word
			if kw.brk && i > 2 && (strings.HasSuffix(tok, "er") || strings.HasSuffix(tok, "re")) {
				tok = tok[:i-2] // "Titre Ier"
			}
			for _, c := range readCounters(tok, buf[:0]) {
				roman := c.kind == kindRoman || c.kind == kindUpperRoman
				if !roman && !kw.annex && !kw.brk {
					continue // "Article A" is not a numbering; "Section One" neither
				}
				if !roman && len(tok) > 1 {
					continue
				}
				kept[nk] = c
				nk++
			}
			word = strings.ToLower(tok)
		}
		if nk == 0 {
			return nil, false
		}
		out = ar.take(nk)
		for k, c := range kept[:nk] {
			out[k].style = style{kind: kindKeyword, depth: 1}
			out[k].val[0], out[k].tokens[0] = c.n, word
		}
	}
	after := s[end:]
	sepLed, dashed := false, false
	switch {
	case after == "":
	case after[0] == ' ' || after[0] == '\t':
		after = trimSpace(after)
		// A separator, or a run of dashes as plain text prints one:
		// "Section 1 -- Definitions".
		k := 0
		for k < len(after) && k < 3 {
			r, n := utf8.DecodeRuneInString(after[k:])
			if !isSeparator(r) || r == '.' || k > 0 && r != '-' {
				break
			}
			k += n
		}
		if r, _ := utf8.DecodeRuneInString(after); k > 0 && boundary(after[k:]) {
			after, sepLed, dashed = trimSpace(after[k:]), true, r != ':'
		}
	default:
		// One separator or a run of them: "Artículo 1o.-", "Art. 5.–".
		k, dash := 0, false
		for k < len(after) {
			r, n := utf8.DecodeRuneInString(after[k:])
			if !isSeparator(r) || k > 4 {
				break
			}
			dash = dash || (r != '.' && r != ':')
			k += n
		}
		if k == 0 || !boundary(after[k:]) {
			return nil, false // "Article 5b2", "Section 3's"
		}
		after, sepLed, dashed = trimSpace(after[k:]), true, dash
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

// keywordNumber reads the number after a keyword: "5", "1.01", "312a",
// and for articles the forms of inserted and ordinal numbers: "61-1",
// "67.1" (which is also read as a dotted number, for "Article 4.1"
// numbered by chapter), "89¹", "1o", "1º", "1er", "12а", "4 bis", and
// Arabic-Indic digits. It returns the readings and where the number ends.
func (ar *labelArena) keywordNumber(s string, kw keyword) ([]label, int) {
	var comps [maxDotted]int
	var tokens [maxDotted]string
	n, i, ok := readDotted(s, &comps, &tokens)
	if !ok {
		// Arabic-Indic digits: "المادة ١٢".
		v, k := 0, 0
		for {
			d, w := digitAt(s, k)
			if w == 0 || k > 24 {
				break
			}
			v, k = v*10+d, k+w
		}
		if k == 0 {
			return nil, 0
		}
		n, i, comps[0], tokens[0] = 1, k, v, strconv.Itoa(v)
	}
	if comps[0] > maxCounter {
		return nil, 0
	}
	num := tokens[0]
	suffix, insertedDot := 0, false
	switch {
	case n == 2 && kw.inserted:
		// "Статья 67.1": an inserted article, or article 1 of chapter 67.
		insertedDot = true
		num, suffix = s[:i], comps[1]
	case n > 1:
	case kw.inserted && i+1 < len(s) && s[i] == '-' && s[i+1] >= '0' && s[i+1] <= '9':
		var c2 [maxDotted]int
		var t2 [maxDotted]string
		if m, j, ok := readDotted(s[i+1:], &c2, &t2); ok && m == 1 {
			num, suffix, i = s[:i+1+j], c2[0], i+1+j // "61-1"
		}
	default:
		var sup int
		var supTok string
		for i < len(s) {
			d, w := superscriptAt(s, i)
			if w == 0 {
				break
			}
			sup, supTok, i = sup*10+d, supTok+strconv.Itoa(d), i+w
		}
		if supTok != "" {
			num, suffix = num+"."+supTok, sup // "89¹"
			break
		}
		num, suffix, i = numberSuffix(s, i, num)
	}
	var out []label
	if n == 1 || insertedDot {
		out = ar.take(1)
		out[0].val[0], out[0].tokens[0] = comps[0], num
		out[0].style = style{kind: kindKeyword, depth: 1}
		out[0].suffix = suffix
	}
	if n > 1 {
		out = append(out, label{val: slices.Clone(comps[:n]), tokens: slices.Clone(tokens[:n]), style: style{kind: kindKeyword, depth: n}})
	}
	return out, i
}

// numberSuffix reads what may follow the digits of a keyword number at
// s[i:]: a letter ("312a", "12а"), an ordinal mark ("1o", "1º", "1er",
// "2do") or a Latin multiplier ("4 bis"). It returns the path token,
// the suffix counter and where the number ends.
func numberSuffix(s string, i int, num string) (string, int, int) {
	if i >= len(s) {
		return num, 0, i
	}
	rest := s[i:]
	// Ordinal marks, which are no part of the number's value.
	for _, m := range []string{"º", "°", "ª"} {
		if strings.HasPrefix(rest, m) {
			return num, 0, i + len(m)
		}
	}
	letters := 0
	for letters < len(rest) && letters < 3 && rest[letters] >= 'a' && rest[letters] <= 'z' {
		letters++
	}
	if letters > 0 && (letters == len(rest) || !isLetter(rest[letters])) {
		w := rest[:letters]
		switch {
		case w == "er" || w == "re":
			return num, 0, i + letters // "1er", "1re"
		case w == "o" || (letters == 2 && w[1] == 'o' && strings.ContainsRune("rdtmvn", rune(w[0]))):
			return num + w, 0, i + letters // "1o", "2do": Spanish ordinals, printed as such
		case letters == 1:
			return num + w, int(w[0]-'a') + 1, i + 1 // "312a"
		}
		return num, 0, i
	}
	if r, w := utf8.DecodeRuneInString(rest); unicode.IsLower(r) && unicode.Is(unicode.Cyrillic, r) {
		if next, _ := utf8.DecodeRuneInString(rest[w:]); !unicode.IsLetter(next) {
			if v, suf, ok := cyrillicValue(r); ok {
				return num + rest[:w], v*4 + suf, i + w // "12а"
			}
		}
	}
	if rest[0] == ' ' {
		w := firstWord(rest[1:])
		w = strings.TrimRight(w, ".:-–—")
		if m, ok := multipliers[strings.ToLower(w)]; ok {
			return num + strings.ToLower(w), m, i + 1 + len(w) // "4 bis"
		}
	}
	return num, 0, i
}

// multipliers are the Latin words that number inserted units: "4 bis".
var multipliers = map[string]int{"bis": 1, "ter": 2, "quater": 3, "quinquies": 4, "sexies": 5, "septies": 6, "octies": 7}

// ordinalWords are the ordinals that stand for a number after a keyword:
// "Article premier", "Título Primero", "РАЗДЕЛ ПЕРВЫЙ", "Artículo único".
var ordinalWords = map[string]int{
	"premier": 1, "première": 1, "unique": 1, "préliminaire": 0,
	"primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercero": 3, "tercera": 3,
	"cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6,
	"séptimo": 7, "séptima": 7, "septimo": 7, "octavo": 8, "octava": 8, "noveno": 9, "novena": 9,
	"décimo": 10, "décima": 10, "decimo": 10, "único": 1, "única": 1, "unico": 1, "preliminar": 0,
	"первый": 1, "первая": 1, "первое": 1, "второй": 2, "вторая": 2, "второе": 2,
	"третий": 3, "третья": 3, "третье": 3, "четвертый": 4, "четвёртый": 4, "четвертая": 4,
	"пятый": 5, "пятая": 5, "шестой": 6, "шестая": 6, "седьмой": 7, "седьмая": 7,
	"восьмой": 8, "восьмая": 8, "девятый": 9, "девятая": 9, "десятый": 10, "десятая": 10,
	"перший": 1, "перша": 1, "другий": 2, "друга": 2, "третій": 3, "третя": 3,
	"четвертий": 4, "четверта": 4, "п'ятий": 5, "шостий": 6, "сьомий": 7, "восьмий": 8,
	"дев'ятий": 9, "десятий": 10,
	"першы": 1, "першая": 1, "другі": 2, "другая": 2, "трэці": 3, "трэцяя": 3,
	"чацвёрты": 4, "пяты": 5, "шосты": 6, "сёмы": 7, "восьмы": 8, "дзявяты": 9, "дзясяты": 10,
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
}

// digitAt reads one decimal digit at s[i:], ASCII or Arabic-Indic
// ("٣", "۳"), and returns its value and width (0 when there is none).
func digitAt(s string, i int) (int, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c >= '0' && c <= '9' {
		return int(c - '0'), 1
	}
	if s[i] < 0x80 {
		return 0, 0
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	switch {
	case r >= '٠' && r <= '٩':
		return int(r - '٠'), w
	case r >= '۰' && r <= '۹':
		return int(r - '۰'), w
	}
	return 0, 0
}

// superscriptAt reads one superscript digit at s[i:] ("¹" in "89¹").
func superscriptAt(s string, i int) (int, int) {
	if i >= len(s) || s[i] < 0x80 {
		return 0, 0
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '¹':
		return 1, w
	case '²':
		return 2, w
	case '³':
		return 3, w
	}
	if r >= '⁰' && r <= '⁹' && r != 'ⁱ' && r != '⁲' && r != '⁳' {
		return int(r - '⁰'), w
	}
	return 0, 0
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
