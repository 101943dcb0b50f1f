package understand

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Modalities a claim can state.
const (
	ModalityWill = "will" // will, shall, must, promised; будет, должен; буде, має
	ModalityMay  = "may"  // may, might, could, possibly; может, возможно; може, можливо
)

// Content is what a claim says, as far as comparing it needs: its figures,
// dates, names, negation and modality. Every field is read from the words
// of the claim by the rules of this package (see the package comment), so a
// reader can check each one against the text.
type Content struct {
	Lang     string   `json:"lang"` // "en", "ru" or "uk": the script and letters the text is written in
	Figures  []Figure `json:"figures"`
	Dates    []string `json:"dates"`             // EDTF: "2025-08-15", "2025-08", "2025"
	Names    []string `json:"names"`             // the parties and synonyms it names, by code or key, in order of first mention
	Places   []string `json:"places"`            // other capitalised names, as written: "Kherson", "Donbas"
	Negated  bool     `json:"negated,omitempty"` // the claim says not, no, never; не, нет, ни; не, ні
	Modality string   `json:"modality,omitempty"`
}

// Figure is a number a claim states, scaled by its magnitude word
// ("800 тыс." is 800000), with its unit where one follows or precedes it.
type Figure struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit,omitempty"` // "personnel", "%", "USD", "EUR", "days", "months", "years", "km", "article", "point"
	Text  string  `json:"text"`           // as written: "800 тыс."
}

// String writes the figure's value with thousands grouped, and its unit.
func (f Figure) String() string {
	s := formatNumber(f.Value)
	switch f.Unit {
	case "":
		return s
	case "%":
		return s + "%"
	case "article", "point":
		return f.Unit + " " + s
	}
	return s + " " + f.Unit
}

// formatNumber writes x with its thousands grouped by commas: 800,000.
func formatNumber(x float64) string {
	if x != math.Trunc(x) || math.Abs(x) >= 1e15 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	digits := strconv.FormatInt(int64(math.Abs(x)), 10)
	var b strings.Builder
	if x < 0 {
		b.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// Lexicon holds the words the extractor knows beyond the built-in ones: the
// negotiation's parties and the names in its synonym list, each mapped to
// the key it is reported under.
type Lexicon struct {
	names []nameTerm
}

type nameTerm struct {
	words []string // normalised words of the term
	key   string
	exact string // for a short all-capital code ("US"): the term as written, matched case-sensitively
}

// AddName makes term (a party's name or code, a synonym) read as key.
func (l *Lexicon) AddName(term, key string) {
	words := strings.Fields(normalizeWord(term))
	if len(words) == 0 {
		return
	}
	nt := nameTerm{words: words, key: key}
	// "US" must not match the pronoun "us": short codes in capitals match
	// only as written.
	if len(words) == 1 && utf8.RuneCountInString(term) <= 3 && strings.ToUpper(term) == term {
		nt.exact = strings.TrimSpace(term)
	}
	l.names = append(l.names, nt)
}

// token is one word, number or mark of a claim's text.
type token struct {
	text  string // as written
	low   string // lower case, for words; the text for others
	kind  byte   // 'w' word, 'n' number, 'p' punctuation
	value float64
	start bool // a word that begins a sentence
}

// tokenize splits text into words (letters, with inner apostrophes and
// hyphens split off), numbers (with their thousands separators and decimal
// mark, see readNumber) and single marks of punctuation.
func tokenize(text string) []token {
	rs := []rune(text)
	var out []token
	sentenceStart := true
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case unicode.IsDigit(r):
			v, n := readNumber(rs[i:])
			out = append(out, token{text: string(rs[i : i+n]), low: string(rs[i : i+n]), kind: 'n', value: v})
			i += n
			sentenceStart = false
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || isApostrophe(rs[j]) && j+1 < len(rs) && unicode.IsLetter(rs[j+1])) {
				j++
			}
			w := string(rs[i:j])
			out = append(out, token{text: w, low: strings.ToLower(w), kind: 'w', start: sentenceStart})
			i = j
			sentenceStart = false
		default:
			out = append(out, token{text: string(r), low: string(r), kind: 'p'})
			if r == '.' || r == '!' || r == '?' || r == ';' || r == ':' {
				sentenceStart = true
			}
			i++
		}
	}
	return out
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// readNumber reads the number at the start of rs and returns its value and
// length. A comma, dot, apostrophe or space (plain, no-break or narrow
// no-break) followed by exactly three digits groups thousands, after a
// head of one to three digits: 800,000 · 800 000 · 800.000 · 1 250 000. A
// comma or dot followed by other digits is a decimal mark: 1,5 · 2.75.
func readNumber(rs []rune) (float64, int) {
	digits := func(from int) int {
		n := 0
		for from+n < len(rs) && unicode.IsDigit(rs[from+n]) {
			n++
		}
		return n
	}
	head := digits(0)
	var b strings.Builder
	b.WriteString(string(rs[:head]))
	i := head
	grouped := false
	for head <= 3 && i+4 <= len(rs) && strings.ContainsRune(",. \u00a0\u202f'", rs[i]) && digits(i+1) == 3 {
		// The same separator throughout: "1,250,000", not "1,250.000".
		if grouped && rs[i] != rs[i-4] {
			break
		}
		b.WriteString(string(rs[i+1 : i+4]))
		i += 4
		grouped = true
	}
	if i+1 < len(rs) && (rs[i] == ',' || rs[i] == '.') && digits(i+1) > 0 && !(grouped && rs[i] == rs[i-4]) {
		n := digits(i + 1)
		b.WriteByte('.')
		b.WriteString(string(rs[i+1 : i+1+n]))
		i += 1 + n
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		return 0, i
	}
	return v, i
}

// magnitudes are the words that scale a number, by the stem they start
// with, in English, Russian and Ukrainian.
var magnitudes = []struct {
	stem  string
	scale float64
}{
	{"thousand", 1e3}, {"тыс", 1e3}, {"тис", 1e3}, {"k", 1e3},
	{"million", 1e6}, {"mln", 1e6}, {"млн", 1e6}, {"миллион", 1e6}, {"мільйон", 1e6}, {"m", 1e6},
	{"billion", 1e9}, {"bn", 1e9}, {"млрд", 1e9}, {"миллиард", 1e9}, {"мільярд", 1e9},
}

// magnitude returns the scale of a magnitude word, or 0. Single letters
// ("k", "m") count only as the whole word, the others as stems.
func magnitude(w string) float64 {
	for _, m := range magnitudes {
		if w == m.stem || utf8.RuneCountInString(m.stem) > 1 && strings.HasPrefix(w, m.stem) && !strings.HasPrefix(w, "тисн") {
			return m.scale
		}
	}
	return 0
}

// units maps the words that follow a number to the unit they name, by
// stem. The army's size is counted in "personnel", as the demo's issue is.
var units = []struct{ stem, unit string }{
	{"troop", "personnel"}, {"soldier", "personnel"}, {"personnel", "personnel"}, {"servicem", "personnel"}, {"service members", "personnel"},
	{"военнослужащ", "personnel"}, {"военных", "personnel"}, {"солдат", "personnel"}, {"человек", "personnel"}, {"штык", "personnel"},
	{"військовослужбов", "personnel"}, {"військових", "personnel"}, {"солдатів", "personnel"}, {"осіб", "personnel"}, {"чоловік", "personnel"},
	{"percent", "%"}, {"per cent", "%"}, {"процент", "%"}, {"відсот", "%"},
	{"dollar", "USD"}, {"usd", "USD"}, {"доллар", "USD"}, {"долар", "USD"},
	{"euro", "EUR"}, {"eur", "EUR"}, {"евро", "EUR"}, {"євро", "EUR"},
	{"day", "days"}, {"дн", "days"}, {"день", "days"}, {"дня", "days"},
	{"month", "months"}, {"месяц", "months"}, {"місяц", "months"},
	{"year", "years"}, {"лет", "years"}, {"год", "years"}, {"рок", "years"}, {"рік", "years"},
	{"km", "km"}, {"kilomet", "km"}, {"км", "km"}, {"кілометр", "km"}, {"километр", "km"},
}

// unitOf returns the unit a word names, or "".
func unitOf(w string) string {
	for _, u := range units {
		if strings.HasPrefix(w, u.stem) {
			return u.unit
		}
	}
	return ""
}

// references are the words after which a number names a point or an
// article rather than a quantity: "Article 5", "пункт 6".
var references = map[string]string{
	"article": "article", "статья": "article", "статьи": "article", "стаття": "article", "статті": "article",
	"point": "point", "points": "point", "пункт": "point", "пункта": "point", "пункту": "point", "paragraph": "point",
}

// months maps month words (and their stems in the genitive) to their
// number, in English, Russian and Ukrainian.
var months = []struct {
	stem string
	n    int
}{
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6}, {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
	{"январ", 1}, {"феврал", 2}, {"март", 3}, {"апрел", 4}, {"ма", 5}, {"июн", 6}, {"июл", 7}, {"август", 8}, {"сентябр", 9}, {"октябр", 10}, {"ноябр", 11}, {"декабр", 12},
	{"січ", 1}, {"лют", 2}, {"берез", 3}, {"квіт", 4}, {"трав", 5}, {"черв", 6}, {"лип", 7}, {"серп", 8}, {"верес", 9}, {"жовт", 10}, {"листопад", 11}, {"груд", 12},
}

// monthOf returns the month a word names, or 0. English months are whole
// words ("may" is also a modal: it counts as May only next to a day or a
// year); Russian and Ukrainian ones are stems, the short "ма" only as "мая"
// or "май".
func monthOf(w string) int {
	for _, m := range months {
		switch {
		case m.stem == "ма":
			if w == "мая" || w == "май" {
				return 5
			}
		case m.stem[0] < utf8.RuneSelf:
			if w == m.stem || len(w) == 3 && strings.HasPrefix(m.stem, w) {
				return m.n
			}
		case strings.HasPrefix(w, m.stem):
			return m.n
		}
	}
	return 0
}

// Negations, and the words that state each modality, in English, Russian
// and Ukrainian.
var (
	negations = []string{"not", "no", "never", "none", "nor", "cannot", "не", "нет", "ни", "никогда", "ні", "ніколи", "жодних", "жодної", "жодного", "никаких", "никакой"}
	will      = []string{"will", "shall", "must", "promise", "promised", "promises", "pledged", "committed", "commits",
		"будет", "будут", "должен", "должна", "должно", "должны", "обязуется", "обязуются", "обещал", "обещала", "обещали",
		"буде", "будуть", "має", "мають", "повинен", "повинна", "повинні", "зобов'язується", "зобов’язується", "пообіцяв", "пообіцяла", "пообіцяли"}
	may = []string{"may", "might", "could", "can", "possibly", "possible", "possibility", "perhaps",
		"может", "могут", "мог", "могли", "возможно", "возможность", "може", "можуть", "міг", "могли", "можливо", "можливість"}
)

// notNames are capitalised words that begin a clause or name nothing.
var notNames = map[string]bool{"the": true, "a": true, "an": true, "in": true, "on": true, "it": true, "this": true, "that": true, "i": true, "we": true, "they": true}

// Extract reads what a claim says. lex adds the negotiation's parties and
// synonyms to the names it knows; nil knows none.
func Extract(text string, lex *Lexicon) Content {
	toks := tokenize(text)
	c := Content{Lang: language(text), Figures: []Figure{}, Dates: []string{}}
	used := make([]bool, len(toks)) // tokens a date or a figure took
	c.Dates = dates(toks, used)
	c.Figures = figures(toks, used)
	for i, t := range toks {
		if t.kind != 'w' {
			continue
		}
		switch {
		case slices.Contains(negations, t.low) || strings.HasSuffix(t.low, "n't") || strings.HasSuffix(t.low, "n’t"):
			c.Negated = true
			if t.low == "won't" || t.low == "won’t" {
				c.Modality = strongest(c.Modality, ModalityWill)
			}
		case slices.Contains(will, t.low):
			c.Modality = strongest(c.Modality, ModalityWill)
		case slices.Contains(may, t.low) && !used[i]:
			c.Modality = strongest(c.Modality, ModalityMay)
		}
	}
	c.Names, c.Places = names(toks, used, lex)
	return c
}

// strongest keeps "may" once a claim says it: "will possibly" is a "may".
func strongest(had, now string) string {
	if had == ModalityMay {
		return had
	}
	return now
}

// language tells English, Russian and Ukrainian apart by their letters:
// і, ї, є and ґ are Ukrainian, ы, э, ъ and ё Russian; other Cyrillic text
// is taken for Russian, the rest for English.
func language(text string) string {
	cyrillic := false
	for _, r := range strings.ToLower(text) {
		switch {
		case strings.ContainsRune("іїєґ", r):
			return "uk"
		case strings.ContainsRune("ыэъё", r):
			return "ru"
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic = true
		}
	}
	if cyrillic {
		return "ru"
	}
	return "en"
}

// dates finds dates: ISO 2025-08-15; a day, month word and year in either
// order ("15 August 2025", "August 15, 2025", "15 серпня 2025"); a month
// word and a year ("August 2025"); a year alone (1900-2100, written
// without separators). It marks the tokens it takes in used.
func dates(toks []token, used []bool) []string {
	out := []string{}
	add := func(s string, from, to int) {
		for k := from; k < to; k++ {
			used[k] = true
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	isYear := func(t token) bool {
		return t.kind == 'n' && len(t.text) == 4 && t.value >= 1900 && t.value <= 2100
	}
	isDay := func(t token) bool { return t.kind == 'n' && len(t.text) <= 2 && t.value >= 1 && t.value <= 31 }
	for i := 0; i < len(toks); i++ {
		if used[i] {
			continue
		}
		t := toks[i]
		at := func(k int) token {
			if k < len(toks) {
				return toks[k]
			}
			return token{}
		}
		// ISO: 2025 - 08 - 15, or 2025 - 08.
		if isYear(t) && at(i+1).text == "-" && at(i+2).kind == 'n' && len(at(i+2).text) == 2 {
			m := int(at(i + 2).value)
			if at(i+3).text == "-" && at(i+4).kind == 'n' && len(at(i+4).text) == 2 {
				add(edtf(int(t.value), m, int(at(i+4).value)), i, i+5)
				continue
			}
			add(edtf(int(t.value), m, 0), i, i+3)
			continue
		}
		if isDay(t) && at(i+1).kind == 'w' && monthOf(at(i+1).low) > 0 {
			m := monthOf(at(i + 1).low)
			if isYear(at(i + 2)) {
				add(edtf(int(at(i+2).value), m, int(t.value)), i, i+3)
				continue
			}
		}
		if t.kind == 'w' && monthOf(t.low) > 0 {
			m := monthOf(t.low)
			if isDay(at(i+1)) && at(i+2).text == "," && isYear(at(i+3)) {
				add(edtf(int(at(i+3).value), m, int(at(i+1).value)), i, i+4)
				continue
			}
			if isYear(at(i + 1)) {
				add(edtf(int(at(i+1).value), m, 0), i, i+2)
				continue
			}
		}
		if isYear(t) && !grouped(t.text) {
			add(edtf(int(t.value), 0, 0), i, i+1)
		}
	}
	return out
}

func grouped(s string) bool { return strings.ContainsAny(s, ",. \u00a0\u202f'") }

func edtf(y, m, d int) string {
	switch {
	case m == 0:
		return strconv.Itoa(y)
	case d == 0:
		return strconv.Itoa(y) + "-" + twoDigits(m)
	}
	return strconv.Itoa(y) + "-" + twoDigits(m) + "-" + twoDigits(d)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// figures finds the numbers that are not dates, each with the magnitude
// word and unit around it: "$100 billion", "800 тыс. военнослужащих",
// "15%", "Article 5".
func figures(toks []token, used []bool) []Figure {
	out := []Figure{}
	for i, t := range toks {
		if t.kind != 'n' || used[i] {
			continue
		}
		f := Figure{Value: t.value}
		from, to := i, i+1
		if i > 0 {
			switch prev := toks[i-1]; {
			case prev.text == "$":
				f.Unit, from = "USD", i-1
			case prev.text == "€":
				f.Unit, from = "EUR", i-1
			case prev.kind == 'w' && references[prev.low] != "":
				f.Unit, from = references[prev.low], i-1
			}
		}
		if to < len(toks) && toks[to].kind == 'w' {
			// "k" and "m" scale money only ("$5m"): "100 m" may be metres.
			if m := magnitude(toks[to].low); m > 0 && (len(toks[to].low) > 1 || f.Unit == "USD" || f.Unit == "EUR") {
				f.Value *= m
				to++
				if to < len(toks) && toks[to].text == "." {
					to++
				}
			}
		}
		if f.Unit == "" && to < len(toks) {
			switch next := toks[to]; {
			case next.text == "%":
				f.Unit = "%"
				to++
			case next.text == "$":
				f.Unit = "USD"
				to++
			case next.text == "€":
				f.Unit = "EUR"
				to++
			case next.kind == 'w':
				if u := unitOf(next.low); u != "" {
					f.Unit = u
					to++
				}
			}
		}
		var parts []string
		for k := from; k < to; k++ {
			used[k] = true
			parts = append(parts, toks[k].text)
		}
		f.Text = joinTokens(parts)
		out = append(out, f)
	}
	return out
}

// joinTokens writes tokens back with spaces between words, none before
// a dot or a percent sign or after a currency sign.
func joinTokens(parts []string) string {
	var b strings.Builder
	for k, p := range parts {
		if k > 0 && p != "." && p != "%" && parts[k-1] != "$" && parts[k-1] != "€" {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// names finds who and what a claim names: the lexicon's terms (parties,
// synonyms; at any place in the sentence, as phrases of whole words) by
// their key, and apart from them any other capitalised word that does not
// begin a sentence ("Donbas", "Zelensky"), as written.
func names(toks []token, used []bool, lex *Lexicon) (known, others []string) {
	out := []string{}
	taken := make([]bool, len(toks))
	if lex != nil {
		for i := range toks {
			for _, nt := range lex.names {
				if matchesAt(toks, i, nt) {
					for k := i; k < i+len(nt.words); k++ {
						taken[k] = true
					}
					if !slices.Contains(out, nt.key) {
						out = append(out, nt.key)
					}
				}
			}
		}
	}
	places := []string{}
	for i, t := range toks {
		if t.kind != 'w' || taken[i] || used[i] || t.start {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.text)
		if !unicode.IsUpper(r) || notNames[t.low] || monthOf(t.low) > 0 {
			continue
		}
		name := strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s")
		if !slices.Contains(places, name) {
			places = append(places, name)
		}
	}
	return out, places
}

// matchesAt reports whether the term's words start at toks[i].
func matchesAt(toks []token, i int, nt nameTerm) bool {
	if nt.exact != "" {
		return toks[i].text == nt.exact
	}
	for k, w := range nt.words {
		if i+k >= len(toks) || toks[i+k].kind != 'w' || normalizeWord(toks[i+k].text) != w {
			return false
		}
	}
	return true
}

// normalizeWord is a word (or phrase) for matching: in lower case, with
// a possessive "'s" dropped.
func normalizeWord(s string) string {
	s = strings.ToLower(s)
	for _, suffix := range []string{"'s", "’s"} {
		s = strings.ReplaceAll(s, suffix+" ", " ")
		s = strings.TrimSuffix(s, suffix)
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}
