package segment_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/segment"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenPoint is what a golden file records of a point.
type goldenPoint struct {
	Path    []string `json:"path"`
	Label   string   `json:"label"`
	Heading string   `json:"heading,omitempty"`
	Text    string   `json:"text"`
	Line    int      `json:"line"`
}

type goldenDoc struct {
	Preamble string        `json:"preamble"`
	Points   []goldenPoint `json:"points"`
}

// TestSegmentGolden segments every input in testdata and compares
// the result with its .golden.json file. Run with -update to rewrite the
// golden files, then review them in the diff: they are the specification.
func TestSegmentGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden.json") {
			continue
		}
		n++
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			seg := segment.Text(string(body))
			checkInvariants(t, seg)
			doc := goldenDoc{Preamble: seg.Preamble, Points: []goldenPoint{}}
			for _, p := range seg.Points {
				doc.Points = append(doc.Points, goldenPoint{Path: p.Path, Label: p.Label, Heading: p.Heading, Text: p.Text, Line: p.Line})
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./align -run TestSegmentGolden -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("segmenting %s differs from %s:\n%s", name, golden, lineDiff(string(want), buf.String()))
			}
		})
	}
	if n < 10 {
		t.Errorf("only %d golden inputs in testdata", n)
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

// checkInvariants checks what every segmentation must satisfy: ordinals
// in order, lines increasing, unique valid paths, children after parents
// (when the parent exists at all), no empty labels.
func checkInvariants(t *testing.T, seg segment.Segmented) {
	t.Helper()
	seen := map[string]bool{}
	line := 0
	for i, p := range seg.Points {
		if p.Ordinal != i {
			t.Errorf("point %d (%s) has ordinal %d", i, p.Label, p.Ordinal)
		}
		if p.Line <= line {
			t.Errorf("point %s at line %d does not come after line %d", p.Label, p.Line, line)
		}
		line = p.Line
		if err := p.Validate(); err != nil {
			t.Errorf("point %d: %v", i, err)
		}
		if p.Label == "" {
			t.Errorf("point %d at line %d has no label", i, p.Line)
		}
		k := p.Key()
		if seen[k] {
			t.Errorf("path %s appears twice (line %d)", k, p.Line)
		}
		seen[k] = true
	}
}

// paths lists the point paths of a segmentation as "10/a" strings.
func paths(seg segment.Segmented) []string {
	out := make([]string, len(seg.Points))
	for i, p := range seg.Points {
		out[i] = p.Key()
	}
	return out
}

func TestSegmentPaths(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		paths []string
	}{
		{
			name:  "plan with sub-points",
			text:  "1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five:\n(a) first;\n(b) second;\n(c) third.\n6. Six.\n7. Seven.\n8. Eight.\n",
			paths: []string{"1", "2", "3", "4", "5", "5/a", "5/b", "5/c", "6", "7", "8"},
		},
		{
			name:  "indented sub-points under 10",
			text:  "9. Nine.\n\n10. Ten:\n    (a) a;\n    (b) b;\n    (c) c;\n    (d) d.\n\n11. Eleven.\n",
			paths: []string{"9", "10", "10/a", "10/b", "10/c", "10/d", "11"},
		},
		{
			name:  "article paragraph letter",
			text:  "Article 5\n\n(1) One:\n(a) x;\n(b) y.\n\n(2) Two.\n\nArticle 6\n\n(1) Again.\n",
			paths: []string{"5", "5/1", "5/1/a", "5/1/b", "5/2", "6", "6/1"},
		},
		{
			name:  "dotted under existing parent",
			text:  "1. General.\n\n1.1 First.\n\n1.2 Second.\n\n2. Other.\n\n2.1 Third.\n",
			paths: []string{"1", "1/1", "1/2", "2", "2/1"},
		},
		{
			name:  "dotted without parent is top-level",
			text:  "1.1 First.\n\n1.2 Second.\n\n2.1 Third.\n",
			paths: []string{"1/1", "1/2", "2/1"},
		},
		{
			name:  "three-level dotted",
			text:  "1. General.\n1.2. Scope.\n1.2.3. Detail.\n",
			paths: []string{"1", "1/2", "1/2/3"},
		},
		{
			name:  "roman after (h) is a letter",
			text:  "1. Lists:\n(a) a\n(b) b\n(c) c\n(d) d\n(e) e\n(f) f\n(g) g\n(h) h\n(i) i\n(j) j\n",
			paths: []string{"1", "1/a", "1/b", "1/c", "1/d", "1/e", "1/f", "1/g", "1/h", "1/i", "1/j"},
		},
		{
			name:  "roman sequence",
			text:  "1. Lists:\n(a) items:\n(i) one;\n(ii) two;\n(iii) three;\n(b) more.\n",
			paths: []string{"1", "1/a", "1/a/i", "1/a/ii", "1/a/iii", "1/b"},
		},
		{
			name:  "keywords",
			text:  "§ 4 Title\n\nText.\n\n§ 312a Other\n\nText.\n\n§ 313\n",
			paths: []string{"4", "312a", "313"},
		},
		{
			name:  "keyword ranks",
			text:  "Article 1\n\nSection 1\n\nSection 2\n\nArticle 2\n\nClause 1\n\nPoint 7\n\nArticle 3\n",
			paths: []string{"1", "1/1", "1/2", "2", "2/1", "2/7", "3"},
		},
		{
			name:  "annexes",
			text:  "1. Body.\n\nExhibit A\n\n1. Item.\n\nAnnex 2\n\nText.\n\nSchedule 1\n\nAppendix B\n",
			paths: []string{"1", "exhibit/a", "exhibit/a/1", "annex/2", "schedule/1", "appendix/b"},
		},
		{
			name:  "roman article numbers stay as printed",
			text:  "ARTICLE IV\n\nText.\n\nARTICLE V\n\nText.\n",
			paths: []string{"iv", "v"},
		},
		{
			name:  "true duplicate gets a suffix",
			text:  "1. One.\n\n2. Two.\n\nThen:\n\n1. One again.\n\n2. Two again.\n",
			paths: []string{"1", "2", "1~2", "2~2"},
		},
		{
			name:  "false positives stay in their paragraph",
			text:  "1. The parties met before the end of\n2025. The talks continue.\n\n2. Up to\n100,000 troops, or\n5 per cent of the force, remain. See § 4 of the\n1 Abs. 2 law.\n\n3. End.\n",
			paths: []string{"1", "2", "3"},
		},
		{
			name:  "gap after blank line is accepted",
			text:  "1. One.\n\n2. Two.\n\n4. Four.\n\n5. Five.\n",
			paths: []string{"1", "2", "4", "5"},
		},
		{
			name:  "wild number is not a point",
			text:  "1. One.\n\n2. Two.\n\n250. Not a point.\n\n3. Three.\n",
			paths: []string{"1", "2", "3"},
		},
		{
			name:  "markdown heading label",
			text:  "# Title\n\n#### § 1\n\n(1) Text.\n\n## Zweiter Abschnitt\n\n#### § 2 Überschrift\n\nText.\n",
			paths: []string{"1", "1/1", "2"},
		},
		{
			name:  "nested same style by indentation",
			text:  "1. Outer:\n   1. inner one\n   2. inner two\n2. Outer two.\n",
			paths: []string{"1", "1/1", "1/2", "2"},
		},
		{
			name:  "doubled letters under letters",
			text:  "1. Items:\n    a)  first,\n        aa) sub one,\n        bb) sub two,\n    b)  second.\n",
			paths: []string{"1", "1/a", "1/a/aa", "1/a/bb", "1/b"},
		},
		{
			name:  "upper letters and roman",
			text:  "A. Assets:\n    I. Fixed:\n        1. land;\n        2. plant;\n    II. Current:\n        1. stock.\nB. Liabilities.\n",
			paths: []string{"a", "a/i", "a/i/1", "a/i/2", "a/ii", "a/ii/1", "b"},
		},
		{
			name:  "table of contents lines are not points",
			text:  "Contents\n\n1. Ceasefire ........ 2\n2. Prisoners . . . . 4\nAnnex 1 ..... 9\n\n1. Ceasefire\n\nText.\n\n2. Prisoners\n\nText.\n",
			paths: []string{"1", "2"},
		},
		{
			name:  "no points",
			text:  "Just a paragraph of prose.\n\nAnother one, mentioning 1998.\n",
			paths: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seg := segment.Text(tt.text)
			checkInvariants(t, seg)
			if got := paths(seg); !slices.Equal(got, tt.paths) {
				t.Errorf("paths\n got %q\nwant %q", got, tt.paths)
			}
		})
	}
}

// TestSegmentEightPointPlan checks the own texts of an 8-point plan whose
// point 5 has three sub-points: a parent's text excludes its children.
func TestSegmentEightPointPlan(t *testing.T) {
	text := `Draft plan

1. Ceasefire along the current line.
2. Exchange of all prisoners.
3. Return of deported children.
4. Humanitarian corridors.
5. Security guarantees, consisting of:
   (a) a guarantee by the United States;
   (b) a European reassurance force; and
   (c) a joint monitoring commission.
6. Elections within 100 days.
7. Reconstruction fund.
8. Entry into force on signature.
`
	seg := segment.Text(text)
	want := []struct {
		path  []string
		label string
		text  string
	}{
		{[]string{"1"}, "1.", "Ceasefire along the current line."},
		{[]string{"2"}, "2.", "Exchange of all prisoners."},
		{[]string{"3"}, "3.", "Return of deported children."},
		{[]string{"4"}, "4.", "Humanitarian corridors."},
		{[]string{"5"}, "5.", "Security guarantees, consisting of:"},
		{[]string{"5", "a"}, "(a)", "a guarantee by the United States;"},
		{[]string{"5", "b"}, "(b)", "a European reassurance force; and"},
		{[]string{"5", "c"}, "(c)", "a joint monitoring commission."},
		{[]string{"6"}, "6.", "Elections within 100 days."},
		{[]string{"7"}, "7.", "Reconstruction fund."},
		{[]string{"8"}, "8.", "Entry into force on signature."},
	}
	if len(seg.Points) != len(want) {
		t.Fatalf("got %d points %q, want %d", len(seg.Points), paths(seg), len(want))
	}
	if seg.Preamble != "Draft plan" {
		t.Errorf("preamble %q", seg.Preamble)
	}
	for i, w := range want {
		p := seg.Points[i]
		if !slices.Equal(p.Path, w.path) || p.Label != w.label || p.Text != w.text || p.Ordinal != i || p.Line != i+3 {
			t.Errorf("point %d = %q %q %q ordinal %d line %d; want %q %q %q line %d",
				i, p.Path, p.Label, p.Text, p.Ordinal, p.Line, w.path, w.label, w.text, i+3)
		}
	}
}

// TestSegmentTexts checks how texts are joined and where headings go.
func TestSegmentTexts(t *testing.T) {
	tests := []struct {
		name          string
		text          string
		idx           int
		label         string
		heading, body string
	}{
		{"wrapped lines join with a space", "1. The parties\nagree.\n", 0, "1.", "", "The parties agree."},
		{"paragraphs join with a blank line", "1. First.\n\nSecond.\n\n2. Next.\n", 0, "1.", "", "First.\n\nSecond."},
		{"short title stays in text", "1. Definitions.\n\nTerms.\n", 0, "1.", "", "Definitions.\n\nTerms."},
		{"article title after a dash", "Article 5 – Security guarantees\n\nThe text.\n", 0, "Article 5", "Security guarantees", "The text."},
		{"article title and body", "Section 2. Grant of Licence. Subject to the terms, you may copy.\n", 0, "Section 2", "Grant of Licence", "Subject to the terms, you may copy."},
		{"article sentence is body", "Article 3. The Parties shall cease all hostilities at once.\n", 0, "Article 3", "", "The Parties shall cease all hostilities at once."},
		{"sentence after a dash is body", "Article 3 – The Parties shall cease all hostilities at once.\n", 0, "Article 3", "", "The Parties shall cease all hostilities at once."},
		{"sentence after a colon is body", "Point 1: Russia withdraws its forces.\n\nPoint 2: Ukraine holds elections.\n", 0, "Point 1", "", "Russia withdraws its forces."},
		{"title after a colon", "Article 1: Definitions\n\nText.\n", 0, "Article 1", "Definitions", "Text."},
		{"title on the next line", "Article 5\nSecurity guarantees\n\nThe text.\n", 0, "Article 5", "Security guarantees", "The text."},
		{"capital title after a blank line", "ARTICLE V\n\nFINAL PROVISIONS\n\nThe text.\n", 0, "ARTICLE V", "FINAL PROVISIONS", "The text."},
		{"markdown heading title", "#### § 8 Handelsregister\n\n(1) Text.\n", 0, "§ 8", "Handelsregister", ""},
		{"unnumbered heading does not pollute", "1. One.\n\n## Part two\n\nIntro text.\n\n2. Two.\n", 0, "1.", "", "One."},
		{"text after a hanging list returns to the parent", "(3) Lead-in:\n\n1.  item one\n    continued;\n\n2.  item two\n    continued.\n\nClosing words.\n", 0, "(3)", "", "Lead-in:\n\nClosing words."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seg := segment.Text(tt.text)
			if len(seg.Points) <= tt.idx {
				t.Fatalf("only %d points: %q", len(seg.Points), paths(seg))
			}
			p := seg.Points[tt.idx]
			if p.Label != tt.label || p.Heading != tt.heading || p.Text != tt.body {
				t.Errorf("got label %q heading %q text %q; want %q %q %q", p.Label, p.Heading, p.Text, tt.label, tt.heading, tt.body)
			}
		})
	}
}

// TestSegmentPreamble checks that unnumbered headings before the first
// point stay in the preamble, without their markers.
func TestSegmentPreamble(t *testing.T) {
	seg := segment.Text("# Treaty\n\nThe Parties\nagree:\n\n1. Peace.\n")
	if seg.Preamble != "Treaty\n\nThe Parties agree:" {
		t.Errorf("preamble %q", seg.Preamble)
	}
}

// TestSegmentLineEnds checks that CRLF and a byte order mark do not change
// the result.
func TestSegmentLineEnds(t *testing.T) {
	lf := "Intro\n\n1. One\nwrapped.\n\n2. Two.\n"
	crlf := "\uFEFF" + strings.ReplaceAll(lf, "\n", "\r\n")
	a, b := segment.Text(lf), segment.Text(crlf)
	if a.Preamble != b.Preamble || len(a.Points) != len(b.Points) {
		t.Fatalf("LF %+v\nCRLF %+v", a, b)
	}
	for i := range a.Points {
		if a.Points[i].Text != b.Points[i].Text || a.Points[i].Line != b.Points[i].Line {
			t.Errorf("point %d: LF %+v, CRLF %+v", i, a.Points[i], b.Points[i])
		}
	}
}

const textsDir = "../../shared/data/texts"

// TestSegmentRealTexts runs the segmenter over real licences and statutes
// (when the shared data is there) and checks that the results are sane.
// Run with -v for a summary of each file.
func TestSegmentRealTexts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(textsDir, "licences", "*.txt"))
	statutes, _ := filepath.Glob(filepath.Join(textsDir, "statutes", "*.md"))
	files = append(files, statutes...)
	if len(files) == 0 {
		t.Skip("no shared texts in " + textsDir)
	}
	results := map[string]segment.Segmented{}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seg := segment.Text(string(body))
		name := filepath.Base(f)
		results[name] = seg
		t.Run(name, func(t *testing.T) { checkInvariants(t, seg) })
		top, maxDepth, dups := 0, 0, 0
		for _, p := range seg.Points {
			if p.Depth() == 1 {
				top++
			}
			maxDepth = max(maxDepth, p.Depth())
			if strings.Contains(p.Key(), "~") {
				dups++
			}
		}
		t.Logf("%-20s %5d points, %4d top-level, depth %d, %d renamed duplicates", name, len(seg.Points), top, maxDepth, dups)
	}

	topLevel := func(name string) []string {
		var out []string
		for _, p := range results[name].Points {
			if p.Depth() == 1 {
				out = append(out, p.Path[0])
			}
		}
		return out
	}
	if _, ok := results["Apache-2.0.txt"]; ok {
		if got := topLevel("Apache-2.0.txt"); !slices.Equal(got, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}) {
			t.Errorf("Apache-2.0 top-level points %q, want 1..9", got)
		}
		if got := paths(results["Apache-2.0.txt"]); !slices.Contains(got, "4/d") || len(got) != 13 {
			t.Errorf("Apache-2.0 points %q, want 1..9 and 4/a..4/d", got)
		}
	}
	if seg, ok := results["CDDL-1.0.txt"]; ok {
		if got := paths(seg); !slices.Contains(got, "1/9/a") || !slices.Contains(got, "1/13") || !slices.Contains(got, "6/3") {
			t.Errorf("CDDL-1.0 points %q", got)
		}
	}
	if seg, ok := results["APSL-1.0.txt"]; ok {
		if got := paths(seg); !slices.Contains(got, "12/1/c") || !slices.Contains(got, "exhibit/a") {
			t.Errorf("APSL-1.0 points %q", got)
		}
	}
	// The HGB of 2012 has 790 sections as "#### § N" headings (ranges of
	// repealed sections such as "§§ 66 bis 72" are headings without a
	// point); every one must be a top-level point and nothing else may be.
	for name, want := range map[string]int{"hgb-2012.md": 790, "hgb-2018.md": 671, "stgb-2012.md": 524, "stgb-2018.md": 550} {
		seg, ok := results[name]
		if !ok {
			continue
		}
		top := 0
		for _, p := range seg.Points {
			if p.Depth() == 1 {
				top++
				if !strings.HasPrefix(p.Label, "§") {
					t.Errorf("%s: top-level point %s at line %d is not a section", name, p.Label, p.Line)
				}
			}
		}
		if top != want {
			t.Errorf("%s: %d top-level sections, want %d", name, top, want)
		}
		if len(seg.Points) < 3*want {
			t.Errorf("%s: only %d points in all", name, len(seg.Points))
		}
	}
}

// BenchmarkSegment segments the largest statute in the shared texts.
func BenchmarkSegment(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(textsDir, "statutes", "*.md"))
	if len(files) == 0 {
		b.Skip("no shared statutes in " + textsDir)
	}
	var largest []byte
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if len(body) > len(largest) {
			largest = body
		}
	}
	text := string(largest)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = segment.Text(text)
	}
}

// FuzzSegment checks that Segment never panics and always returns
// consistent points, whatever the text.
func FuzzSegment(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/*")
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden.json") {
			continue
		}
		if body, err := os.ReadFile(in); err == nil {
			f.Add(string(body))
		}
	}
	f.Add("1.\n(a)\n(i)\nA.\nI.\n1.1\n1.1.1\nArticle 1\n§ 1\nExhibit A\n1~2.\n")
	f.Add("Статья 1.\n**Artículo 2o.-** x\nа) y\nГлава 2\n\u200b§ 3 Scope. x\nСтатья 31\nArticle 3-1\nالمادة ٤\nPRIMERO.- x\n(g)\n(h)\n(i)\n0. z\n")
	f.Add("(1) x:\nhave agreed:\n\nI. a.\n\n1. b\n(a)c\n2.0 D\n2.1 e\n*  3. Boxed text of thirty chars  *\nSection 1 -- T\n\nArticle 1\nTitle Case Heading Here\n\n3. f\nEND\n\nII. g\n")
	f.Fuzz(func(t *testing.T, text string) {
		seg := segment.Text(text)
		lines := strings.Count(text, "\n") + strings.Count(text, "\r") + 1
		seen := map[string]bool{}
		for i, p := range seg.Points {
			if p.Ordinal != i || p.Line < 1 || p.Line > lines || p.Label == "" {
				t.Fatalf("point %d: %+v", i, p)
			}
			if len(p.Path) == 0 || len(p.Path) > parley.MaxPointDepth {
				t.Fatalf("point %d: path %q", i, p.Path)
			}
			if seen[p.Key()] {
				t.Fatalf("path %s twice", p.Key())
			}
			seen[p.Key()] = true
		}
		// A text split into lines beforehand segments the same.
		if !strings.ContainsAny(text, "\r") && !strings.HasPrefix(text, "\uFEFF") {
			if got := segment.Lines(strings.Split(text, "\n")); !reflect.DeepEqual(got, seg) {
				t.Fatalf("SegmentLines gives %+v, Segment %+v", got, seg)
			}
		}
	})
}

// A sentence that a blank line breaks inside a parenthesis, in the last
// item of a list, goes on in that item: the parenthesis cannot be closed
// by another point. A paragraph after a finished last item still goes to
// the enclosing point.
func TestSegmentOpenParenthesisAcrossBlankLine(t *testing.T) {
	text := `11. Liability.

11.1 Nothing here limits a liability that the law does not let one limit.

12. Termination.

12.1 Termination. This licence ends:

(a) automatically if You fail to comply with any term; or

(b) at once in the event described in Section 9.1.

12.2 Effect of Termination. Upon termination, You agree to destroy all
copies of the Code (in the case of

termination under Section 9.1) that are in your possession. Sections 8 and
10 survive.

13. Miscellaneous.

13.1 Notices go to the addresses above.

This paragraph closes section 13.
`
	seg := segment.Text(text)
	own := map[string]string{}
	for _, p := range seg.Points {
		own[strings.Join(p.Path, ".")] = p.Text
	}
	if !strings.Contains(own["12.2"], "termination under Section 9.1) that are in your possession") {
		t.Errorf("12.2 = %q, want the rest of its sentence", own["12.2"])
	}
	if strings.Contains(own["12"], "termination under") {
		t.Errorf("12 = %q took the rest of 12.2's sentence", own["12"])
	}
	if !strings.Contains(own["13"], "This paragraph closes section 13.") || strings.Contains(own["13.1"], "closes section 13") {
		t.Errorf("13 = %q, 13.1 = %q: the closing paragraph belongs to 13", own["13"], own["13.1"])
	}
}
