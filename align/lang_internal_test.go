package align

import (
	"strings"
	"testing"

	"github.com/blevesearch/snowballstem"

	"parley"
)

// wordsOf returns the words of text as written, by wordSpans.
func wordsOf(text string) []string {
	spans := wordSpans(nil, text)
	var out []string
	for k := 0; k+1 < len(spans); k += 2 {
		out = append(out, text[spans[k]:spans[k+1]])
	}
	return out
}

// allScripts reads every script as lang.
func allScripts(lang language) (langs [scripts]language) {
	for sc := range langs {
		langs[sc] = lang
	}
	return langs
}

// TestTerms: the forms of a word in each language share a term, other
// words do not, and function words are stop words.
func TestTerms(t *testing.T) {
	env := snowballstem.NewEnv("")
	for _, tt := range []struct {
		name  string
		lang  language
		same  []string // groups of forms, one term a group, separated by |
		other string   // a word whose term is none of the groups'
		stop  string
	}{
		{"English", langEnglish, []string{"agreement agreements", "party parties", "withdraw withdrawal"}, "agree", "the"},
		{"German", langGerman, []string{"Vertragspartei Vertragsparteien", "Gefangene Gefangenen", "läßt lässt"}, "Partei", "der"},
		{"French", langFrench, []string{"négociation négociations", "accord accords"}, "accès", "les"},
		{"Spanish", langSpanish, []string{"acuerdo acuerdos", "negociación negociaciones"}, "acordar", "los"},
		{"Russian", langRussian, []string{"договор договора договоров договором", "сторона стороны сторонами", "ёлка елка"}, "договорённость", "и"},
		{"Ukrainian", langUkrainian, []string{"угода угоди угодою угоду", "зобов'язуються зобов’язується", "відповідальність відповідальності"}, "угодник", "та"},
		{"Arabic", langArabic, []string{"الاتفاقية اتفاقية الاتفاق", "كِتَاب كتاب"}, "كاتب", "في"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			langs := allScripts(tt.lang)
			term := func(word string) (uint64, bool) { return termHash(hashString(word), word, langs, env) }
			var firsts []uint64
			for _, group := range tt.same {
				words := wordsOf(group)
				h0, _ := term(words[0])
				firsts = append(firsts, h0)
				for _, w := range words[1:] {
					if h, _ := term(w); h != h0 {
						t.Errorf("%q and %q: different terms (stems %q, %q)", words[0], w, stem(normalise(words[0], tt.lang), tt.lang, env), stem(normalise(w, tt.lang), tt.lang, env))
					}
				}
			}
			h, stop := term(tt.other)
			for k, f := range firsts {
				if h == f {
					t.Errorf("%q has the term of %q", tt.other, tt.same[k])
				}
			}
			if stop {
				t.Errorf("%q: a stop word", tt.other)
			}
			if _, stop := term(tt.stop); !stop {
				t.Errorf("%q: not a stop word", tt.stop)
			}
		})
	}
}

func TestStemUkrainian(t *testing.T) {
	for word, want := range map[string]string{
		"угода":            "угод",
		"угодою":           "угод",
		"сторонами":        "сторон",
		"законів":          "закон",
		"безпечного":       "безпечн",
		"безпечному":       "безпечн",
		"виконання":        "виконанн",
		"виконанням":       "виконанн",
		"виконують":        "викону",
		"виконується":      "викону",
		"виконати":         "викона",
		"відповідальністю": "відповідальност",
		"кошти":            "кошт", // -ти only after a vowel, as an infinitive
		"мир":              "мир",  // nothing after the first vowel to take
		"ці":               "ці",
		"день":             "ден",
	} {
		if got := stemUkrainian(word); got != want {
			t.Errorf("stemUkrainian(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestPairLanguages: each text's language is read from its function
// words (Latin script) or its letters (Cyrillic); a short text with too
// little evidence takes its partner's; Belarusian and unknown Latin text
// are not stemmed.
func TestPairLanguages(t *testing.T) {
	texts := map[string]string{
		"en":    "The parties shall cease all hostilities and withdraw their forces from the line of contact within thirty days of the signature of this agreement.",
		"de":    "Die Vertragsparteien stellen alle Kampfhandlungen ein und ziehen ihre Streitkräfte binnen dreißig Tagen nach der Unterzeichnung von der Kontaktlinie ab, und die Mission wird sie überwachen.",
		"fr":    "Les parties cessent toutes les hostilités et retirent leurs forces de la ligne de contact dans les trente jours qui suivent la signature du présent accord.",
		"es":    "Las partes cesan todas las hostilidades y retiran sus fuerzas de la línea de contacto dentro de los treinta días siguientes a la firma del presente acuerdo y los anexos.",
		"ru":    "Стороны прекращают все военные действия и отводят свои силы от линии соприкосновения в течение тридцати дней после подписания этого соглашения, объём которого определён.",
		"uk":    "Сторони припиняють усі бойові дії та відводять свої сили від лінії зіткнення протягом тридцяти днів після підписання цієї угоди, її додатків і протоколів.",
		"be":    "Бакі спыняюць усе баявыя дзеянні і адводзяць свае сілы ад лініі сутыкнення на працягу трыццаці дзён пасля падпісання гэтага пагаднення ўсімі бакамі.",
		"ar":    "تلتزم الأطراف بوقف جميع الأعمال العدائية وسحب قواتها من خط التماس خلال ثلاثين يوما من توقيع هذا الاتفاق.",
		"short": "Agreement.",
		"none":  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
	}
	read := func(key string) []features {
		return newFeatures([]parley.Point{{Path: []string{"1"}, Text: texts[key]}})
	}
	for _, tt := range []struct {
		old, new string
		script   script
		want     [2]language
	}{
		{"en", "en", latinScript, [2]language{langEnglish, langEnglish}},
		{"de", "de", latinScript, [2]language{langGerman, langGerman}},
		{"fr", "es", latinScript, [2]language{langFrench, langSpanish}},
		{"en", "de", latinScript, [2]language{langEnglish, langGerman}},
		{"short", "en", latinScript, [2]language{langEnglish, langEnglish}},
		{"none", "none", latinScript, [2]language{noLanguage, noLanguage}},
		{"ru", "uk", cyrillicScript, [2]language{langRussian, langUkrainian}},
		{"uk", "uk", cyrillicScript, [2]language{langUkrainian, langUkrainian}},
		{"be", "be", cyrillicScript, [2]language{noLanguage, noLanguage}},
		{"ar", "ar", arabicScript, [2]language{langArabic, langArabic}},
		{"en", "en", arabicScript, [2]language{noLanguage, noLanguage}},
	} {
		got := pairLanguages([2][]features{read(tt.old), read(tt.new)})
		if g := [2]language{got[0][tt.script], got[1][tt.script]}; g != tt.want {
			t.Errorf("%s and %s, script %d: languages %v, want %v", tt.old, tt.new, tt.script, g, tt.want)
		}
	}
}

// TestStopWordsCarryNoEvidence: two points that share only their function
// words score as near nothing; the same points sharing one content word
// score as that word.
func TestStopWordsCarryNoEvidence(t *testing.T) {
	pts := func(texts ...string) []parley.Point {
		var out []parley.Point
		for _, s := range texts {
			out = append(out, parley.Point{Text: s})
		}
		return out
	}
	old := pts("The parties of the agreement and the guarantors shall meet in the capital.", "Grain is shipped by sea.")
	new := pts("The withdrawal of the forces and the exchange of the prisoners shall be completed in the spring.", "Grain shipments by sea continue.")
	fs := [2][]features{newFeatures(old), newFeatures(new)}
	v := newVocabulary()
	v.build(fs, [2][]bool{{true, true}, {true, true}})
	if s := v.score(&fs[0][0], &fs[1][0]); s.contAinB > 0.01 || s.contBinA > 0.01 {
		t.Errorf("points sharing only stop words: %.3f and %.3f of their weight shared, want about 0", s.contAinB, s.contBinA)
	}
	if s := v.score(&fs[0][1], &fs[1][1]); s.contAinB < 0.3 {
		t.Errorf("points sharing grain, ship and sea: %.3f of the weight shared", s.contAinB)
	}
}

// TestWordSpans: the spans wordSpans gives are the words appendWords
// hashes, one for one, whatever the text.
func TestWordSpans(t *testing.T) {
	for _, text := range wordSpanTexts {
		checkWordSpans(t, text)
	}
}

var wordSpanTexts = []string{
	"",
	"The parties' forces: 600,000 or 600.000 or 600 000 (a)(b).",
	"Об'єкт і об’єкт, обʼєкт; l'accord d'aujourd'hui",
	"الاتِّفاقِ بين الطرفين ١٢٣",
	"Straße ÄÖÜ ß 12a x\u00a0000 ' '' ,,, 1,23,456",
	"\xff\xfe broken \xc3 utf-8 \xd0",
}

func checkWordSpans(t *testing.T, text string) {
	t.Helper()
	hashes := appendWords(nil, text)
	spans := wordSpans(nil, text)
	if len(spans) != 2*len(hashes) {
		t.Fatalf("%q: %d words, %d spans", text, len(hashes), len(spans)/2)
	}
	for k, h := range hashes {
		word := text[spans[2*k]:spans[2*k+1]]
		if again := appendWords(nil, word); len(again) != 1 || again[0] != h {
			t.Errorf("%q: word %d spans %q, which reads as %d words", text, k, word, len(again))
		}
	}
}

func FuzzWordSpans(f *testing.F) {
	for _, text := range wordSpanTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkWordSpans(t, text)
		// No stemmer fails on a word of any text.
		env := snowballstem.NewEnv("")
		for lang := langEnglish; lang < languages; lang++ {
			for _, w := range wordsOf(text) {
				termHash(hashString(w), w, allScripts(lang), env)
			}
		}
	})
}

// TestTokens: an apostrophe joins two Cyrillic letters and nothing else;
// Arabic vowel signs are part of their word.
func TestTokens(t *testing.T) {
	for text, want := range map[string]string{
		"об'єкт м’ясо обʼєкт":   "об'єкт|м’ясо|обʼєкт",
		"l'accord the parties'": "l|accord|the|parties",
		"الاتِّفاقِ والسلام":    "الاتِّفاقِ|والسلام",
	} {
		if got := strings.Join(wordsOf(text), "|"); got != want {
			t.Errorf("words of %q: %q, want %q", text, got, want)
		}
	}
}

// TestLongWordsNotStemmed: a word longer than maxStemmed is its own term
// (some stemmers take minutes on a word of 100,000 bytes).
func TestLongWordsNotStemmed(t *testing.T) {
	env := snowballstem.NewEnv("")
	long := strings.Repeat("é", maxStemmed)
	if h, _ := termHash(7, long, allScripts(langSpanish), env); h != 7 {
		t.Errorf("a word of %d bytes was stemmed", len(long))
	}
	short := strings.Repeat("é", maxStemmed/2-1) + "s"
	if h, _ := termHash(7, short, allScripts(langSpanish), env); h == 7 {
		t.Errorf("a word of %d bytes was not stemmed", len(short))
	}
}
