package segment_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/ingest"
	"parley/segment"
)

// pts builds points from "path|text" entries, one line each from line 1.
func pts(entries ...string) []parley.Point {
	var ps []parley.Point
	for i, e := range entries {
		path, text, _ := strings.Cut(e, "|")
		p := strings.Split(path, "/")
		ps = append(ps, parley.Point{Ordinal: i, Path: p, Label: p[len(p)-1] + ".", Text: text, Line: i + 1})
	}
	return ps
}

// codes lists the codes of warnings, with their paths.
func codes(ws []segment.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Code+" "+parley.PathKey(w.Path))
	}
	return out
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name   string
		points []parley.Point
		want   []string
		msg    string // a part of the first warning's message
	}{
		{name: "well read", points: pts("1|a", "2|b", "2/a|x", "2/b|y", "3|c", "3/i|r", "3/ii|s", "3/iii|t", "4|d")},
		{name: "suffixed numbers", points: pts("1|a", "1a|b", "1b|c", "2|d")},
		{name: "letters through i", points: pts("1|a", "1/a|x", "1/b|x", "1/c|x", "1/d|x", "1/e|x", "1/f|x", "1/g|x", "1/h|x", "1/i|x", "1/j|x")},
		{name: "gap in numbers", points: pts("1|a", "2|b", "4|d", "5|e"), want: []string{"sequence-gap 4"}, msg: "skips 3: 4 follows 2"},
		{name: "gap in letters", points: pts("1|a", "2|b", "2/a|x", "2/b|x", "2/e|x"), want: []string{"sequence-gap 2/e"}, msg: "the list under 2 skips 2(c) and 2(d): 2(e) follows 2(b)"},
		{name: "gap in romans", points: pts("1|a", "1/i|x", "1/ii|x", "1/iv|x"), want: []string{"sequence-gap 1/iv"}, msg: "skips 1(iii)"},
		{name: "list starts late", points: pts("1|a", "1/c|x", "1/d|x"), want: []string{"sequence-gap 1/c"}, msg: "starts at 1(c): 1(a) and 1(b) is missing"},
		{name: "goes back", points: pts("1|a", "2|b", "5|e", "3|c"), want: []string{"sequence-gap 5", "sequence-order 3"}},
		{name: "duplicate path", points: pts("1|a", "2|b", "1~2|c", "2~2|d"), want: []string{"duplicate-path 1~2"}, msg: "points 1 to 2 occur again at line 3 (first at line 1)"},
		{name: "two duplicates apart", points: pts("1|a", "1/a|x", "1/a~2|y", "1/b|z", "1/b~2|w"), want: []string{"duplicate-path 1/a~2", "duplicate-path 1/b~2"}, msg: "point 1(a) occurs again at line 3"},
		{name: "heading only", points: pts("1|a", "2|", "3|c"), want: []string{"heading-only 2"}, msg: "point 2 (line 2) has a label but no text"},
		{name: "heading with points under it", points: pts("1|a", "2|", "2/a|x", "3|c")},
		{name: "repealed", points: func() []parley.Point {
			p := pts("1|a", "2|", "3|c")
			p[1].Heading = "(weggefallen)"
			return p
		}()},
		{name: "dropped level", points: pts("1|a", "1/1|x", "2|b", "2/1/1|y", "2/1/2|z"), want: []string{"dropped-level 2/1/1"}, msg: "point 2.1.1 (line 4) has no point 2.1 above it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ws := segment.Check(segment.Segmented{Points: c.points}, "")
			if got := codes(ws); !slices.Equal(got, c.want) {
				t.Fatalf("warnings %q, want %q (%v)", got, c.want, ws)
			}
			if c.msg != "" && !strings.Contains(ws[0].Message, c.msg) {
				t.Errorf("message %q, want it to say %q", ws[0].Message, c.msg)
			}
		})
	}
}

// TestCheckRangeNamed: a gap that an unnumbered line names as a range
// is the text's own.
func TestCheckRangeNamed(t *testing.T) {
	ps := pts("37|a", "48|b")
	ps[1].Line = 5
	seg := segment.Segmented{Points: ps, Blocks: []segment.Block{{Line: 3, Text: "§§ 38 bis 47b (weggefallen)", Next: 1}}}
	if ws := segment.Check(seg, ""); len(ws) != 0 {
		t.Errorf("warnings %v, want none", ws)
	}
	seg.Blocks[0].Text = "§ 38 Something"
	if ws := segment.Check(seg, ""); len(ws) != 1 || ws[0].Code != segment.WarnSequenceGap {
		t.Errorf("warnings %v, want a gap", ws)
	}
}

// TestCheckCoverage: words of the text that the segmentation gives to
// no point are counted, and the warning names the largest stretch.
func TestCheckCoverage(t *testing.T) {
	text := "Preamble words here.\n1. One two three four five.\n2. Six seven eight nine ten.\nLost line with many words in it here.\nMore lost words on this line too.\n3. Eleven twelve.\n"
	seg := segment.Text(text)
	if ws := segment.Check(seg, text); len(ws) != 0 {
		t.Fatalf("well read: %v", ws)
	}
	// The segmenter as it would be if it dropped the two lines after 2.
	seg.Points[1].Text = "Six seven eight nine ten."
	ws := segment.Check(seg, text)
	if len(ws) != 1 || ws[0].Code != segment.WarnLowCoverage {
		t.Fatalf("warnings %v, want low-coverage", ws)
	}
	for _, want := range []string{"only 50.0% of the body's words are in points (15 of 30)", "15 words, is under point 2", `from line 4: "Lost line with many words in it here."`} {
		if !strings.Contains(ws[0].Message, want) {
			t.Errorf("message %q, want %q", ws[0].Message, want)
		}
	}
	if ws[0].Line != 4 || parley.PathKey(ws[0].Path) != "2" {
		t.Errorf("line %d path %v, want 4 and 2", ws[0].Line, ws[0].Path)
	}
	// A parent's text after its points covers them.
	text = "1. Intro:\n(a) x\n(b) y\nAnd the rest of point one after its list.\n2. Two.\n"
	seg = segment.Text(text)
	if ws := segment.Check(seg, text); len(ws) != 0 {
		t.Errorf("text after a list: %v (%+v)", ws, seg.Points)
	}
}

// TestCheckSegmentedTexts runs Check on texts as the segmenter reads them.
func TestCheckSegmentedTexts(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"1. One.\n2. Two.\n3. Three.\n", nil},
		{"1. One.\n2. Two.\n4. Four.\n", []string{"sequence-gap 4"}},
		{"1. One:\n(a) x;\n(b) y;\n(d) z.\n2. Two.\n", []string{"sequence-gap 1/d"}},
		{"1. One.\n2. Two.\n3. Three.\n1. Again.\n2. And again.\n", []string{"duplicate-path 1~2"}},
	} {
		seg := segment.Text(c.text)
		if got := codes(segment.Check(seg, c.text)); !slices.Equal(got, c.want) {
			var ps []string
			for _, p := range seg.Points {
				ps = append(ps, fmt.Sprint(p.Path))
			}
			t.Errorf("%q: warnings %q, want %q (points %v)", c.text, got, c.want, ps)
		}
	}
}

// warningCeilings are the most warnings TestCheckRealTexts lets each real
// text have: what the segmenter gives them now, each a misreading that
// is still to be fixed (sections the segmenter misses, lists restarting
// inside a paragraph, chapters read as points). A text not listed may
// have none. Lower a ceiling when the segmenter improves; never raise
// one to make the test pass.
var warningCeilings = map[string]int{
	"by_constitution_be__1994.txt":    1,
	"by_constitution_ru__1994.txt":    1,
	"de_aktg__2013-01-11.txt":         6,
	"de_aktg__2022-01-28.txt":         3,
	"de_ao_1977__2013-01-11.txt":      22,
	"de_ao_1977__2022-01-28.txt":      22,
	"de_bverfgg__2012-09-11.txt":      6,
	"de_bverfgg__2022-01-28.txt":      6,
	"de_gvg__2013-01-11.txt":          3,
	"de_gvg__2022-01-28.txt":          2,
	"de_ifsg__2012-10-16.txt":         1,
	"de_ifsg__2022-02-13.txt":         10,
	"de_inso__2012-10-18.txt":         2,
	"de_inso__2022-02-13.txt":         1,
	"de_sgb_10__2013-01-11.txt":       6,
	"de_sgb_10__2022-01-28.txt":       3,
	"de_stpo__2013-01-11.txt":         4,
	"de_stpo__2022-01-28.txt":         2,
	"de_zpo__2013-01-11.txt":          6,
	"de_zpo__2022-02-13.txt":          8,
	"fr_constitution__2008-07-23.txt": 1,
	"mx_constitution__2014-07-07.txt": 14,
	"mx_constitution__2025-04-15.txt": 12,
	"ru_constitution__2019-03-27.txt": 1,
	"ru_constitution__2020-03-14.txt": 12,
	"ua_constitution__1996-06-28.txt": 1,
	"ua_constitution__2006-01-01.txt": 1,
	"hgb-2012.md":                     9,
	"hgb-2018.md":                     8,
	"stgb-2012.md":                    1,
	"stgb-2018.md":                    1,
}

// TestCheckRealTexts holds the warnings of every real text in the shared
// texts (when they are there) to its ceiling, and most German statutes
// to a handful: a well-read text gets few or none. Run with -v for the
// counts.
func TestCheckRealTexts(t *testing.T) {
	var files []string
	for _, pat := range []string{"versions/*.txt", "statutes/*.md", "licences/*.txt"} {
		m, _ := filepath.Glob(filepath.Join(textsDir, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no shared texts in " + textsDir)
	}
	german, few := 0, 0
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		doc, err := ingest.Read(name, body, "")
		if err != nil {
			continue
		}
		t.Logf("%s: %d warnings %v", name, len(doc.Warnings), codes(doc.Warnings))
		if n := len(doc.Warnings); n > warningCeilings[name] {
			t.Errorf("%s: %d warnings, at most %d expected: %v", name, n, warningCeilings[name], doc.Warnings)
		}
		if strings.HasPrefix(name, "de_") {
			german++
			if len(doc.Warnings) <= 5 {
				few++
			}
		}
	}
	if german > 0 && few*2 < german+1 {
		t.Errorf("%d of %d German statutes have at most 5 warnings, want most", few, german)
	}
}

// TestCheckBrokenRealTexts breaks well-read real texts on purpose and
// expects the warning that says so, at the right place.
func TestCheckBrokenRealTexts(t *testing.T) {
	for _, c := range []struct {
		file      string
		edit      func(lines []string) []string
		code      string
		line      int // of the warning, in the edited text
		fragments string
	}{
		{"licences/Apache-2.0.txt", func(l []string) []string { return slices.Delete(l, 66, 67) }, segment.WarnSequenceGap, 68, "skips 3: 4 follows 2"},
		{"licences/Apache-2.0.txt", func(l []string) []string {
			l[103] = strings.Replace(l[103], "6. Trademarks", "5. Trademarks", 1)
			return l
		}, segment.WarnDuplicatePath, 104, "point 5 occurs again at line 104 (first at line 102)"},
		{"licences/Apache-2.0.txt", func(l []string) []string {
			l[76] = strings.Replace(l[76], "(c) You", "You", 1)
			return l
		}, segment.WarnSequenceGap, 82, "the list under 4 skips 4(c): 4(d) follows 4(b)"},
		{"versions/de_gmbhg__2012-08-03.txt", func(l []string) []string { return slices.Delete(l, 50, 51) }, segment.WarnSequenceGap, 77, "skips 3: 4 follows 2"},
	} {
		body, err := os.ReadFile(filepath.Join(textsDir, c.file))
		if err != nil {
			t.Skip("no shared texts in " + textsDir)
		}
		doc, err := ingest.Read(filepath.Base(c.file), body, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Warnings) != 0 {
			t.Fatalf("%s as it is: %v, want none", c.file, doc.Warnings)
		}
		broken := strings.Join(c.edit(strings.Split(string(body), "\n")), "\n")
		doc, err = ingest.Read(filepath.Base(c.file), []byte(broken), "")
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, w := range doc.Warnings {
			found = found || w.Code == c.code && w.Line == c.line && strings.Contains(w.Message, c.fragments)
		}
		if !found {
			t.Errorf("%s broken: %v, want %s at line %d saying %q", c.file, doc.Warnings, c.code, c.line, c.fragments)
		}
	}
}

// TestCheckUnreadLabel: a paragraph inside a point that starts with a
// label going on the point's list was not read as a point.
func TestCheckUnreadLabel(t *testing.T) {
	text := "1. One.\n\n2. Two.\n\n6. Six, which the segmenter does not take after 2.\n\n4. Four.\n"
	seg := segment.Text(text)
	// As a segmenter that rejected "6." and then "4." would read it.
	seg = segment.Segmented{Points: seg.Points[:2]}
	seg.Points[1].Text = "Two. 6. Six, which the segmenter does not take after 2. 4. Four."
	ws := segment.Check(seg, text)
	if got := codes(ws); !slices.Equal(got, []string{"unread-label 2", "unread-label 2"}) {
		t.Fatalf("warnings %v", ws)
	}
	if ws[0].Line != 5 || !strings.Contains(ws[0].Message, `line 5, inside point 2, starts with a label ("6. Six, which`) {
		t.Errorf("warning %+v", ws[0])
	}
	// A list inside a point's text counted from 1 again, and a wrapped
	// line that starts with a number: none.
	for _, c := range []struct{ text, two string }{
		{"1. One.\n\n2. Two, with a list of its own:\n\n1. first;\n\n2. second.\n", "Two, with a list of its own: 1. first; 2. second."},
		{"1. One.\n\n2. Two, as in the law of\n5. March 1990.\n", "Two, as in the law of 5. March 1990."},
	} {
		seg := segment.Segmented{Points: pts("1|One.", "2|"+c.two)}
		seg.Points[1].Line = 3
		if ws := segment.Check(seg, c.text); len(ws) != 0 {
			t.Errorf("%q: %v", c.text, ws)
		}
	}
}
