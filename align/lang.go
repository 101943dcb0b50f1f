package align

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
)

// The aligner's word similarity counts terms, not words as written: a
// word's stem in its text's language ("Vertragsparteien" and
// "Vertragspartei", "договора" and "договор" are one term), and the
// function words of the language ("the", "der", "и", "в") as stop words
// that carry no evidence. Only the similarity sees terms: the hash that
// says two texts are equal, the redlines and everything shown keep the
// words as written.
//
// The language is read once for each alignment and each script, from both
// versions: a Latin word is stemmed as English, German, French or Spanish
// by which of those languages' function words the version uses most, a
// Cyrillic word as Russian or Ukrainian by the letters only one of them
// has (і ї є ґ against ы э ъ ё), an Arabic word as Arabic. A version with
// too little evidence of its own takes the pair's: the two sides of a pair
// must stem alike, or a word and its inflection would fall apart exactly
// where a redraft changed nothing. Words of other scripts or languages,
// and words with digits, are their own terms.

// language is a language the aligner stems.
type language uint8

const (
	noLanguage language = iota
	langEnglish
	langGerman
	langFrench
	langSpanish
	langRussian
	langUkrainian
	langArabic
	languages
)

// script is the writing system of a word, read from its first letter.
type script uint8

const (
	latinScript script = iota
	cyrillicScript
	arabicScript
	otherScript
	scripts
)

// scriptOf returns the script of word's first letter.
func scriptOf(word string) script {
	r, _ := utf8.DecodeRuneInString(word)
	switch {
	case r < 0x250: // Basic Latin to Latin Extended-B
		return latinScript
	case r >= 0x400 && r < 0x530:
		return cyrillicScript
	case r >= 0x600 && r < 0x700, r >= 0x750 && r < 0x780, r >= 0x8A0 && r < 0x900,
		r >= 0xFB50 && r < 0xFE00, r >= 0xFE70 && r < 0xFF00:
		return arabicScript
	}
	return otherScript
}

// stopText lists each language's stop words: articles, pronouns,
// prepositions, conjunctions, auxiliaries and the forms of "to be", the
// words any two texts in the language share whatever they say. The lists
// are short on purpose: a word that is merely frequent in one kind of
// document ("article", "party") is discounted by its inverse document
// frequency already, and negations ("not", "nicht", "не") stay words,
// since they are what a redraft often changes. A word in several lists
// (French and Spanish "de", "la", "en") is a stop word in each but gives
// no vote for a language.
var stopText = [languages]string{
	langEnglish: `a an the and or nor but if of to in on at by for with from into onto
		upon as than that this these those which who whom whose what it its
		is are was were be been being has have had do does did shall will
		would may might can could should must such any each all there their
		they them he she his her we our you your i`,
	langGerman: `der die das den dem des ein eine einer eines einem einen und oder
		aber wenn als wie im in an am auf aus bei mit nach von vom zu zum zur
		für über unter durch gegen um bis ist sind war waren wird werden
		wurde wurden worden sein hat haben hatte kann können soll sollen muss
		müssen darf dürfen er sie es sich ihr ihre ihren ihrem ihrer sein
		seine seinen seinem seiner dieser diese dieses diesem diesen jeder
		jede jedes jedem jeden welche welcher welches dass daß so auch`,
	langFrench: `le la les l un une des du de d au aux et ou mais si que qu qui
		dont où ce cet cette ces se s sa son ses leur leurs il ils elle elles
		on en dans par pour sur sous avec sans entre vers chez est sont était
		été être a ont avait sera seront peut doit doivent tout tous toute
		toutes y à lequel laquelle lesquels`,
	langSpanish: `el la los las lo un una unos unas de del al a y e o u que quien
		cual cuales cuyo cuya en por para con sin sobre entre hasta desde
		hacia ante bajo es son era fue ser sido será serán está están ha han
		había puede deben debe se su sus le les este esta estos estas ese esa
		esos esas dicho dicha todo toda todos todas como`,
	langRussian: `и в во на с со к ко по о об от из у за для до при под над без
		через а но или либо что чтобы как который которая которое которые
		которых которым это этот эта эти этого этой этих его её ее их он она
		оно они же ли бы быть был была было были является являются есть так
		также то тот та те того той`,
	langUkrainian: `і й та в у на з із зі до по о про від для при під над без
		через а але або чи що щоб як який яка яке які якого якої яких якій
		цей ця це ці цього цієї цих його її їх він вона воно вони ж би бути
		був була було були є так також той та те тих того тієї`,
	langArabic: `في من على إلى الى عن مع و أو او ثم أن ان إن هذا هذه ذلك تلك الذي
		التي الذين ما لا قد كان كانت يكون تكون هو هي هم كل بين عند أي`,
}

// stopWords holds each language's stop words; voteOf gives the language
// of a word hash that is a stop word of that language only.
var stopWords, voteOf = func() (sets [languages]map[string]bool, votes map[uint64]language) {
	votes = map[uint64]language{}
	ambiguous := map[uint64]bool{}
	for lang, text := range stopText {
		sets[lang] = map[string]bool{}
		for _, w := range strings.Fields(text) {
			sets[lang][w] = true
			for _, h := range appendWords(nil, w) {
				if other, ok := votes[h]; ok && other != language(lang) {
					ambiguous[h] = true
				}
				votes[h] = language(lang)
			}
		}
	}
	for h := range ambiguous {
		delete(votes, h)
	}
	return sets, votes
}()

// Evidence read of each version: this many words and bytes from its start.
const (
	voteWords = 4000
	voteBytes = 32 << 10
)

// evidence is what one version says of its language.
type evidence struct {
	votes     [languages]int // stop words of one language only
	uk, ru    int            // letters only Ukrainian or only Russian has
	belarus   int            // ў, which only Belarusian has
	cyrillic  int            // all Cyrillic letters seen
	arabic    int            // Arabic letters seen
	wordsRead int
}

// readEvidence reads the language evidence of a version's first points.
func readEvidence(fs []features) evidence {
	var e evidence
	bytesRead := 0
	for i := range fs {
		if e.wordsRead >= voteWords || bytesRead >= voteBytes {
			break
		}
		for _, h := range fs[i].hashes {
			if lang, ok := voteOf[h]; ok {
				e.votes[lang]++
			}
		}
		e.wordsRead += len(fs[i].hashes)
		text := fs[i].text
		bytesRead += len(text)
		for k := 0; k+1 < len(text); k++ {
			c := text[k]
			if c >= 0xD8 && c <= 0xDB {
				e.arabic++
				k++
				continue
			}
			if c < 0xD0 || c > 0xD3 {
				continue
			}
			e.cyrillic++
			switch r := rune(c&0x1F)<<6 | rune(text[k+1]&0x3F); r {
			case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ':
				e.uk++
			case 'ы', 'э', 'ъ', 'ё', 'Ы', 'Э', 'Ъ', 'Ё':
				e.ru++
			case 'ў', 'Ў':
				e.belarus++
			}
			k++
		}
	}
	return e
}

// choose returns e's language for each script, and whether it is sure of
// it. Latin text takes the language whose stop words it uses most, if
// they are at least minVotes and twice the next language's; Cyrillic text
// is Ukrainian or Russian by letters, the stop words counting too, when
// one side has three times the other's; Belarusian (ў, and і with ы) is
// stemmed as neither.
func (e evidence) choose() (langs [scripts]language, sure [scripts]bool) {
	const minVotes = 5
	best, second := noLanguage, 0
	for _, lang := range []language{langEnglish, langGerman, langFrench, langSpanish} {
		switch n := e.votes[lang]; {
		case best == noLanguage || n > e.votes[best]:
			if best != noLanguage {
				second = e.votes[best]
			}
			best = lang
		case n > second:
			second = n
		}
	}
	if e.votes[best] >= minVotes && e.votes[best] >= 2*second {
		langs[latinScript], sure[latinScript] = best, true
	}
	uk := e.uk + e.votes[langUkrainian]
	ru := e.ru + e.votes[langRussian]
	switch {
	case e.belarus >= 3 || e.belarus > 0 && e.belarus*50 >= e.cyrillic:
		sure[cyrillicScript] = e.cyrillic >= 50
	case uk >= minVotes && uk >= 3*ru:
		langs[cyrillicScript], sure[cyrillicScript] = langUkrainian, true
	case ru >= minVotes && ru >= 3*uk:
		langs[cyrillicScript], sure[cyrillicScript] = langRussian, true
	}
	if e.arabic > 0 {
		langs[arabicScript], sure[arabicScript] = langArabic, true
	}
	return langs, sure
}

// pairLanguages decides the languages of an alignment, per script: each
// version's own where it is sure, the pair's evidence where it is not
// (a short version next to a long one in the same language), and no
// language where neither is.
func pairLanguages(fs [2][]features) (out [2][scripts]language) {
	var e [2]evidence
	parallel(func() { e[0] = readEvidence(fs[0]) }, func() { e[1] = readEvidence(fs[1]) })
	both := e[0]
	for lang := range both.votes {
		both.votes[lang] += e[1].votes[lang]
	}
	both.uk += e[1].uk
	both.ru += e[1].ru
	both.belarus += e[1].belarus
	both.cyrillic += e[1].cyrillic
	both.arabic += e[1].arabic
	pair, pairSure := both.choose()
	for s := range e {
		own, sure := e[s].choose()
		for sc := range own {
			switch {
			case sure[sc]:
				out[s][sc] = own[sc]
			case pairSure[sc]:
				out[s][sc] = pair[sc]
			}
		}
	}
	return out
}

// lexicon gives an alignment's words their terms: stems in the languages
// read of the two versions, with stop words marked.
type lexicon struct {
	langs  [2][scripts]language
	words  [2]versionWords // each version's words and their terms
	shared bool            // the new version's words include the old one's (same languages)
	terms  *wordTable      // term hashes to term ids
	stop   []bool          // by term id: a stop word
}

// versionWords holds one version's distinct words (of the points that
// need terms) and their terms: the word hashed w is list[index.get(w)].
type versionWords struct {
	index *wordTable
	list  []wordTerm
}

// wordTerm is one distinct word and its term.
type wordTerm struct {
	word string // as written, in the point's text
	stop bool   // a stop word
	hash uint64 // the word's hash, then its term's
}

// newLexicon reads the languages of the two versions and the terms of the
// words of the points that need them. Each distinct word is stemmed once:
// the new version lists only the words the old one has not (nearly all of
// a redraft's words are in both) when the two are read in the same
// languages, and the stemming is shared between the two cores.
func newLexicon(fs [2][]features, need [2][]bool) *lexicon {
	lx := &lexicon{langs: pairLanguages(fs), terms: newWordTable(1024)}
	lx.shared = lx.langs[0] == lx.langs[1]
	lx.words[0] = listWords(fs[0], need[0], lx.langs[0], nil)
	known := (*wordTable)(nil)
	if lx.shared {
		known = lx.words[0].index
	}
	lx.words[1] = listWords(fs[1], need[1], lx.langs[1], known)
	type job struct {
		t    *wordTerm
		side int
	}
	var todo []job
	for s := range lx.words {
		list := lx.words[s].list
		for k := range list {
			todo = append(todo, job{&list[k], s})
		}
	}
	stemAll := func(jobs []job) {
		env := snowballstem.NewEnv("")
		for _, j := range jobs {
			j.t.hash, j.t.stop = termHash(j.t.hash, j.t.word, lx.langs[j.side], env)
		}
	}
	half := len(todo) / 2
	parallel(func() { stemAll(todo[:half]) }, func() { stemAll(todo[half:]) })
	return lx
}

// listWords lists the distinct words of the points that need terms, but
// those known already, reading a point's words as written (wordSpans)
// when it has one not listed yet. A version with no language has none to
// list.
func listWords(fs []features, need []bool, langs [scripts]language, known *wordTable) versionWords {
	var vw versionWords
	if langs == ([scripts]language{}) {
		return vw
	}
	vw.index = newWordTable(1024)
	var spans []int32
	for i := range fs {
		if !need[i] {
			continue
		}
		f := &fs[i]
		spans = spans[:0]
		for k, w := range f.hashes {
			if _, ok := vw.index.get(w); ok {
				continue
			}
			if known != nil {
				if _, ok := known.get(w); ok {
					continue
				}
			}
			if len(spans) == 0 {
				spans = wordSpans(spans, f.text)
			}
			if 2*k+1 >= len(spans) { // never: wordSpans finds the words appendWords hashed
				break
			}
			vw.index.put(w)
			vw.list = append(vw.list, wordTerm{word: f.text[spans[2*k]:spans[2*k+1]], hash: w})
		}
	}
	return vw
}

// term returns the term id of the word hashed w of version side: a word
// met before has its term already (the vocabulary's table holds it).
func (v *vocabulary) term(w uint64, side int) int32 {
	if id, ok := v.ids.get(w); ok {
		return id
	}
	h, stop := w, false
	lx := v.lex
	for _, s := range [2]int{side, 0} {
		if s != side && !lx.shared {
			break
		}
		if vw := &lx.words[s]; vw.index != nil {
			if k, ok := vw.index.get(w); ok {
				h, stop = vw.list[k].hash, vw.list[k].stop
				break
			}
		}
	}
	id := lx.add(h, stop)
	v.ids.set(w, id)
	return id
}

// wordSpans appends where each word of text starts and ends, two offsets
// a word: the words appendWords hashes, by the same rules, read a
// character at a time. appendWords is the hot loop of reading a version,
// and keeping offsets there slowed it by a third for every text, when only
// the words of changed points in a language are ever stemmed. TestWordSpans
// and FuzzWordSpans hold the two to the same words.
func wordSpans(spans []int32, text string) []int32 {
	start, n, digitsOnly := 0, 0, true
	for k := 0; k < len(text); {
		if wordByte[text[k]] != 0 {
			// A run of ASCII letters and digits, in one loop.
			if n == 0 {
				start = k
			}
			for ; k < len(text) && wordByte[text[k]] != 0; k++ {
				digitsOnly = digitsOnly && text[k] <= '9'
			}
			n++
			continue
		}
		r, size := rune(text[k]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[k:])
		}
		word, join := false, false
		switch {
		case (r == ',' || r == '.' || r == '\'' || r == '\u00a0' || r == '\u202f') && n > 0 && digitsOnly && threeDigits(text, k+size):
			join = true // a thousands separator
		case (r == '\'' || r == '’' || r == 'ʼ') && n > 0 && betweenCyrillic(text, k, k+size):
			join = true
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsMark(r) && n > 0):
			word, digitsOnly = true, false
		case r >= utf8.RuneSelf && unicode.IsDigit(r):
			word = true
		}
		switch {
		case word:
			if n == 0 {
				start = k
			}
			n++
		case !join:
			if n > 0 {
				spans = append(spans, int32(start), int32(k))
			}
			n, digitsOnly = 0, true
		}
		k += size
	}
	if n > 0 {
		spans = append(spans, int32(start), int32(len(text)))
	}
	return spans
}

// stopTag sets stop words' term hashes apart from stems.
const stopTag = 0x5a0b_7e3c_91d4_2f68

// maxStemmed is the longest word stemmed, in bytes: 64 letters of
// Cyrillic, more than the longest German compounds. Some of the Snowball
// stemmers take time that grows faster than the word's length (a
// 10,000-byte word took the Spanish one a second, a 100,000-byte one a
// minute and a half), and a text can hold a "word" of megabytes.
const maxStemmed = 128

// termHash returns the hash of the term of word, whose hash is w, written
// in a version whose languages are langs, and whether it is a stop word. A
// word that is not stemmed (no language for its script, digits in it, or
// longer than maxStemmed) is its own term.
func termHash(w uint64, word string, langs [scripts]language, env *snowballstem.Env) (uint64, bool) {
	sc := scriptOf(word)
	if sc == otherScript || langs[sc] == noLanguage || hasDigit(word) || len(word) > maxStemmed {
		return w, false
	}
	lang := langs[sc]
	word = normalise(word, lang)
	if stopWords[lang][word] {
		return hashString(word) ^ stopTag, true
	}
	return hashString(stem(word, lang, env)), false
}

// normalise lower-cases word and, in Russian and Ukrainian, spells ё as е
// (Russian prints it or not as it likes) and drops apostrophes (see
// appendWords).
func normalise(word string, lang language) string {
	word = strings.ToLower(word)
	if lang == langRussian || lang == langUkrainian {
		word = strings.Map(func(r rune) rune {
			switch r {
			case '\'', '’', 'ʼ':
				return -1
			case 'ё':
				return 'е'
			}
			return r
		}, word)
	}
	return word
}

// snowball holds the Snowball stemmer of each language that has one.
var snowball = [languages]func(*snowballstem.Env) bool{
	langEnglish: english.Stem,
	langGerman:  german.Stem,
	langFrench:  french.Stem,
	langSpanish: spanish.Stem,
	langRussian: russian.Stem,
	langArabic:  arabic.Stem,
}

// stem returns the stem of a lower-cased word in lang.
func stem(word string, lang language, env *snowballstem.Env) string {
	if lang == langUkrainian {
		return stemUkrainian(word)
	}
	if snowball[lang] == nil {
		return word
	}
	env.SetCurrent(word)
	snowball[lang](env)
	return env.Current()
}

// hashString is the FNV-1a hash of s, as appendWords hashes a word.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// add returns the id of the term hash h, giving it the next id if it has
// none.
func (lx *lexicon) add(h uint64, stop bool) int32 {
	id := lx.terms.put(h)
	if int(id) == len(lx.stop) {
		lx.stop = append(lx.stop, stop)
	}
	return id
}

// stopIDF is the squared inverse document frequency of a stop word: the
// least any word has (see vocabulary.build), so that a point of stop words
// only still has a weight, but next to nothing.
const stopIDF = 0.05 * 0.05

// quiet takes the evidence from stop words: the least weight a word can
// have, and a document frequency that keeps them out of the candidate
// lists (see postings).
func (lx *lexicon) quiet(df []int32, idf []float64) {
	for id, stop := range lx.stop {
		if stop {
			idf[id] = stopIDF
			df[id] = max(df[id], maxPostings+1)
		}
	}
}

// set stores k with the id given, replacing any it had.
func (t *wordTable) set(k uint64, id int32) {
	if k == 0 {
		k = 1
	}
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	for i := t.slot(k); ; i = (i + 1) & (len(t.keys) - 1) {
		switch t.keys[i] {
		case k:
			t.vals[i] = id
			return
		case 0:
			t.keys[i], t.vals[i] = k, id
			t.n++
			return
		}
	}
}

// betweenCyrillic reports whether the characters before text[i] and at
// text[j] are Cyrillic letters.
func betweenCyrillic(text string, i, j int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[j:])
	return isCyrillicLetter(before) && isCyrillicLetter(after)
}

func isCyrillicLetter(r rune) bool { return r >= 0x400 && r < 0x530 && unicode.IsLetter(r) }

// stemUkrainian is a light stemmer for Ukrainian, which Snowball lacks. It
// takes off one inflectional ending (of case and number for nouns,
// adjectives and participles; of person and the infinitive for verbs) and
// a reflexive -ся/-сь, so that the forms of a word a redraft moves
// between ("угода", "угоди", "угодою"; "виконує", "виконують",
// "виконується") share a stem. It leaves derivation alone ("виконання"
// and "виконати" stay two words) and does not undo the vowel changes of
// a closed syllable ("сторона", "сторін"), except the frequent -ість,
// -ості of abstract nouns, which all end -ост. An ending is only taken
// after the word's first vowel and leaves two letters at least, which
// keeps short words and most pronouns whole. word is lower-cased, its
// apostrophes dropped.
func stemUkrainian(word string) string {
	rs := []rune(word)
	rv := slices.IndexFunc(rs, isUkrainianVowel) + 1 // endings start at rv or later
	if rv == 0 || rv >= len(rs) {
		return word
	}
	end := len(rs)
	if hasRunes(rs[:end], reflexive[0]) || hasRunes(rs[:end], reflexive[1]) {
		if end-2 >= rv && end-2 >= 2 {
			end -= 2
		}
	}
	best := 0
	for _, e := range ukrainianEndings {
		n := len(e.runes)
		if n <= best || end-n < rv || end-n < 2 || !hasRunes(rs[:end], e.runes) {
			continue
		}
		if e.afterVowel && !isUkrainianVowel(rs[end-n-1]) {
			continue
		}
		best = n
	}
	end -= best
	if end-1 >= rv && end-1 >= 2 && rs[end-1] == 'ь' {
		end--
	}
	stem := rs[:end]
	if n := len(stem); n >= 4 && stem[n-3] == 'і' && stem[n-2] == 'с' && stem[n-1] == 'т' {
		stem[n-3] = 'о' // -ість, -істю as -ості
	}
	return string(stem)
}

func isUkrainianVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'є', 'и', 'і', 'ї', 'о', 'у', 'ю', 'я':
		return true
	}
	return false
}

// hasRunes reports whether rs ends with suffix.
func hasRunes(rs, suffix []rune) bool {
	return len(suffix) <= len(rs) && slices.Equal(rs[len(rs)-len(suffix):], suffix)
}

var reflexive = [2][]rune{[]rune("ся"), []rune("сь")}

type ukrainianEnding struct {
	runes      []rune
	afterVowel bool // only after a vowel (the infinitive's -ти)
}

// ukrainianEndings are the endings stemUkrainian takes off, the longest
// that fits winning.
var ukrainianEndings = func() []ukrainianEnding {
	var out []ukrainianEnding
	for _, e := range []string{
		// nouns
		"а", "я", "о", "е", "є", "и", "і", "ї", "у", "ю",
		"ам", "ям", "ах", "ях", "ами", "ями", "ів", "їв", "ей",
		"ові", "еві", "єві", "ом", "ем", "єм", "ою", "ею", "єю",
		// adjectives, participles, pronouns
		"ий", "ій", "ім", "им", "их", "іх", "ими", "іми",
		"ого", "ього", "ому", "ьому", "ої",
		// verbs: present, with the reflexive's -ть- (-ується), imperative
		"ють", "ять", "уть", "ать", "ить", "єть", "еть",
		"ємо", "емо", "имо", "єте", "ете", "ите", "єш", "еш", "иш",
	} {
		out = append(out, ukrainianEnding{runes: []rune(e)})
	}
	return append(out, ukrainianEnding{runes: []rune("ти"), afterVowel: true})
}()

// hasDigit reports whether word has an ASCII digit.
func hasDigit(word string) bool {
	for i := 0; i < len(word); i++ {
		if word[i] >= '0' && word[i] <= '9' {
			return true
		}
	}
	return false
}

// languageCodes names the languages the aligner stems by their ISO 639-1
// codes.
var languageCodes = map[string]language{
	"en": langEnglish, "de": langGerman, "fr": langFrench, "es": langSpanish,
	"ru": langRussian, "uk": langUkrainian, "ar": langArabic,
}

// Stem returns the term of word in the language of ISO 639-1 code lang
// ("en", "ru", "uk", ...) as the aligner reads it: lower-cased, ё as е and
// apostrophes dropped in Russian and Ukrainian, and stemmed. A word in
// another language is only lower-cased; a word with digits is kept whole.
// Other packages that match words (the topic lexicons) use it so that a
// word is one term everywhere in parley.
func Stem(word, lang string) string {
	l, ok := languageCodes[lang]
	if !ok {
		return strings.ToLower(word)
	}
	word = normalise(word, l)
	if hasDigit(word) || len(word) > maxStemmed {
		return word
	}
	return stem(word, l, snowballstem.NewEnv(""))
}
