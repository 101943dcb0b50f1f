package topic

import (
	"bufio"
	"embed"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"parley/align"
)

//go:embed lexicons/*.txt
var lexiconFiles embed.FS

// Languages lists the languages that have a lexicon, as ISO 639-1 codes.
var Languages = []string{"en", "ru", "uk"}

// entry is one word or phrase of a lexicon.
type entry struct {
	topic  string
	text   string   // as written in the lexicon
	stems  []string // the stems of its words, in order
	weight float64  // 1 for strong evidence, 0.5 for weak
}

// lexicon is one language's entries, indexed by the stem of their first
// word.
type lexicon struct {
	lang    string
	entries []entry
	byFirst map[string][]int
}

// lexicons holds the parsed lexicon of each language.
var lexicons = func() map[string]*lexicon {
	out := map[string]*lexicon{}
	for _, lang := range Languages {
		body, err := lexiconFiles.ReadFile("lexicons/" + lang + ".txt")
		if err != nil {
			panic(fmt.Sprintf("topic: lexicon %s: %v", lang, err)) // embedded: a build error
		}
		lx, err := parseLexicon(lang, string(body))
		if err != nil {
			panic(err.Error()) // embedded: TestLexiconsParse catches it first
		}
		out[lang] = lx
	}
	return out
}()

// parseLexicon reads a lexicon: "key: entry, entry" lines, # comments, and
// entries prefixed "~" for weak evidence.
func parseLexicon(lang, body string) (*lexicon, error) {
	lx := &lexicon{lang: lang, byFirst: map[string][]int{}}
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, list, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !ok {
			return nil, fmt.Errorf("topic: lexicon %s line %d: no \"key:\"", lang, n)
		}
		if _, known := Find(key); !known {
			return nil, fmt.Errorf("topic: lexicon %s line %d: unknown topic %q", lang, n, key)
		}
		for _, text := range strings.Split(list, ",") {
			text = strings.TrimSpace(text)
			weight := 1.0
			if strings.HasPrefix(text, "~") {
				text, weight = strings.TrimSpace(text[1:]), 0.5
			}
			var stems []string
			for _, w := range words(text) {
				stems = append(stems, align.Stem(text[w[0]:w[1]], lang))
			}
			if len(stems) == 0 {
				return nil, fmt.Errorf("topic: lexicon %s line %d: an empty entry", lang, n)
			}
			// Inflections of one word in the lexicon are one entry: the
			// evidence of a word counts once, at its strongest.
			if i := lx.find(key, stems); i >= 0 {
				lx.entries[i].weight = max(lx.entries[i].weight, weight)
				continue
			}
			lx.byFirst[stems[0]] = append(lx.byFirst[stems[0]], len(lx.entries))
			lx.entries = append(lx.entries, entry{topic: key, text: text, stems: stems, weight: weight})
		}
	}
	return lx, sc.Err()
}

// words returns where each word of text starts and ends: runs of letters
// and digits, with an apostrophe inside a word kept in it (Ukrainian
// "об'єднань"). Hyphens and other marks end a word, in the lexicon and in
// the text alike.
func words(text string) [][2]int {
	var out [][2]int
	start := -1
	prevLetter := false
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !inWord && prevLetter && isApostrophe(r) && i+len(string(r)) < len(text) {
			next := []rune(text[i+len(string(r)):])[0]
			inWord = unicode.IsLetter(next)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
		prevLetter = inWord
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// stemOf is the stem of one word, as the aligner has it.
func stemOf(word, lang string) string { return align.Stem(word, lang) }

// find returns the index of the entry of topic with these stems, or -1.
func (lx *lexicon) find(topic string, stems []string) int {
	for _, i := range lx.byFirst[stems[0]] {
		if lx.entries[i].topic == topic && slices.Equal(lx.entries[i].stems, stems) {
			return i
		}
	}
	return -1
}
