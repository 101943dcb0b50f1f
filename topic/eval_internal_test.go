package topic

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// labelled is one point of testdata/topics/labels.tsv.
type labelled struct {
	source, lang, split string
	path                []string
	topics              []string // sorted; empty for "none"
	text                string
}

// readLabels reads the labelled set.
func readLabels(t *testing.T) []labelled {
	t.Helper()
	f, err := os.Open("../testdata/topics/labels.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 6 {
			t.Fatalf("labels.tsv line %d: %d columns, want 6", n, len(cols))
		}
		l := labelled{source: cols[0], path: strings.Split(cols[1], "."), lang: cols[2], split: cols[3], text: cols[5]}
		if cols[4] != "none" {
			l.topics = strings.Split(cols[4], ",")
			for _, k := range l.topics {
				if _, ok := Find(k); !ok {
					t.Fatalf("labels.tsv line %d: unknown topic %q", n, k)
				}
			}
			slices.Sort(l.topics)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// suggestLabelled runs SuggestPoints on each document of the set, as the
// points of one version, and returns the suggested topics of each point.
func suggestLabelled(set []labelled, lexicons map[string]*lexicon) [][]string {
	out := make([][]string, len(set))
	for start := 0; start < len(set); {
		end := start
		var points []Point
		for end < len(set) && set[end].source == set[start].source {
			points = append(points, Point{Path: set[end].path, Text: set[end].text})
			end++
		}
		for i, ss := range suggestPoints(points, lexicons) {
			var keys []string
			for _, s := range ss {
				keys = append(keys, s.Topic)
			}
			slices.Sort(keys)
			out[start+i] = keys
		}
		start = end
	}
	return out
}

// score is the confusion counts of one category.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// report scores the points of one split and writes a Markdown table: per
// category precision and recall, micro totals, and the share of points
// whose suggested topics a person must correct (any topic to add or drop).
func report(t *testing.T, set []labelled, got [][]string, split string) (micro score, corrected, points int) {
	per := map[string]*score{}
	for _, c := range Scheme {
		per[c.Key] = &score{}
	}
	byLang := map[string][2]int{}
	for i, l := range set {
		if l.split != split {
			continue
		}
		points++
		if !slices.Equal(l.topics, got[i]) {
			corrected++
			bl := byLang[l.lang]
			bl[0]++
			byLang[l.lang] = bl
		}
		bl := byLang[l.lang]
		bl[1]++
		byLang[l.lang] = bl
		for _, c := range Scheme {
			want, have := slices.Contains(l.topics, c.Key), slices.Contains(got[i], c.Key)
			switch {
			case want && have:
				per[c.Key].tp++
			case have:
				per[c.Key].fp++
			case want:
				per[c.Key].fn++
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s: %d points\n\n| topic | labelled | suggested | right | P | R |\n|---|---|---|---|---|---|\n", split, points)
	for _, c := range Scheme {
		s := per[c.Key]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %.3f | %.3f |\n", c.Key, s.tp+s.fn, s.tp+s.fp, s.tp, s.precision(), s.recall())
		micro.tp, micro.fp, micro.fn = micro.tp+s.tp, micro.fp+s.fp, micro.fn+s.fn
	}
	fmt.Fprintf(&b, "| **micro** | %d | %d | %d | **%.3f** | **%.3f** |\n", micro.tp+micro.fn, micro.tp+micro.fp, micro.tp, micro.precision(), micro.recall())
	fmt.Fprintf(&b, "\npoints a person must correct: %d of %d (%.1f%%)", corrected, points, 100*ratio(corrected, points))
	for _, lang := range Languages {
		if bl := byLang[lang]; bl[1] > 0 {
			fmt.Fprintf(&b, "; %s %d of %d", lang, bl[0], bl[1])
		}
	}
	t.Log(b.String())
	return micro, corrected, points
}

// TestLabelledTopics scores the suggester on the development part of the
// labelled set, and on the held-out part only when PARLEY_TOPICS_HELDOUT
// is set (it was scored once, for docs/benchmarks.md). The floors keep the
// development figures from sliding back unnoticed.
//
//	go test ./topic -run TestLabelledTopics -v
func TestLabelledTopics(t *testing.T) {
	set := readLabels(t)
	if len(set) < 300 {
		t.Fatalf("%d labelled points, want at least 300", len(set))
	}
	got := suggestLabelled(set, lexicons)
	micro, _, _ := report(t, set, got, "dev")
	if micro.precision() < 0.80 || micro.recall() < 0.80 {
		t.Errorf("dev micro P %.3f R %.3f, want at least 0.80 each", micro.precision(), micro.recall())
	}
	if os.Getenv("PARLEY_TOPICS_HELDOUT") == "" {
		return
	}
	report(t, set, got, "heldout")
	pruned, kept := devLexicons(set)
	t.Logf("lexicon entries seen in development points: %v (kept, of all)", kept)
	report(t, set, suggestLabelled(set, pruned), "heldout")
}

// devLexicons returns the lexicons with only the entries that match a word
// or phrase of a development point of their language. The lexicons were
// written by the person who labelled the whole set (held-out points
// included) and wrote two of its texts; the entries that no development
// point has may have come from the held-out part, and scoring without them
// shows what the development part alone would give.
func devLexicons(set []labelled) (map[string]*lexicon, map[string][2]int) {
	out, kept := map[string]*lexicon{}, map[string][2]int{}
	for _, lang := range Languages {
		lx := lexicons[lang]
		used := make([]bool, len(lx.entries))
		for _, l := range set {
			if l.split == "dev" && l.lang == lang {
				markUsed(lx, l.text, used)
			}
		}
		pruned := &lexicon{lang: lang, byFirst: map[string][]int{}}
		for i, e := range lx.entries {
			if used[i] {
				pruned.byFirst[e.stems[0]] = append(pruned.byFirst[e.stems[0]], len(pruned.entries))
				pruned.entries = append(pruned.entries, e)
			}
		}
		out[lang], kept[lang] = pruned, [2]int{len(pruned.entries), len(lx.entries)}
	}
	return out, kept
}

// markUsed marks the entries that match a word or phrase of text.
func markUsed(lx *lexicon, text string, used []bool) {
	spans := words(text)
	stems := make([]string, len(spans))
	for i, w := range spans {
		stems[i] = stemOf(text[w[0]:w[1]], lx.lang)
	}
	for i := range stems {
		for _, e := range lx.byFirst[stems[i]] {
			n := len(lx.entries[e].stems)
			if i+n <= len(stems) && slices.Equal(stems[i:i+n], lx.entries[e].stems) {
				used[e] = true
			}
		}
	}
}
