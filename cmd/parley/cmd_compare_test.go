package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"parley/segment"
)

// compareJSON is the contract of "parley compare --format json".
type compareJSON struct {
	Old, New struct {
		Points []struct {
			Path  []string `json:"path"`
			Label string   `json:"label"`
			Text  string   `json:"text"`
		} `json:"points"`
	}
	Links []struct {
		Old        [][]string `json:"old"`
		New        [][]string `json:"new"`
		Kind       string     `json:"kind"`
		Similarity float64    `json:"similarity"`
	} `json:"links"`
	Summary struct {
		Verdict string `json:"verdict"`
	} `json:"summary"`
}

const planOld = `1. The parties cease fire at midnight.
2. Prisoners are exchanged all for all.
3. A joint commission monitors the ceasefire and reports weekly to the guarantors.
4. Elections are held within one hundred days.
`

const planNew = `1. The parties cease fire at midnight.
2. A joint commission monitors the ceasefire.
3. The commission reports weekly to the guarantors.
4. Elections are held within one hundred and twenty days.
5. Humanitarian corridors open at once.
`

func TestCompareFiles(t *testing.T) {
	c := newCLI(t)
	old := writeFile(t, "old.txt", []byte(planOld))
	new := writeFile(t, "new.txt", []byte(planNew))
	var got compareJSON
	c.jsonOf(&got, "compare", old, new)
	if len(got.Old.Points) != 4 || len(got.New.Points) != 5 {
		t.Fatalf("points: %d old, %d new", len(got.Old.Points), len(got.New.Points))
	}
	kinds := map[string]string{}
	for _, l := range got.Links {
		var o, n []string
		for _, p := range l.Old {
			o = append(o, strings.Join(p, "/"))
		}
		for _, p := range l.New {
			n = append(n, strings.Join(p, "/"))
		}
		kinds[strings.Join(o, "+")+">"+strings.Join(n, "+")] = l.Kind
	}
	for link, kind := range map[string]string{
		"1>1":   "unchanged",
		"2>":    "deleted",
		"3>2+3": "split",
		"4>4":   "reworded",
		">5":    "added",
	} {
		if kinds[link] != kind {
			t.Errorf("link %s = %q, want %q (all: %v)", link, kinds[link], kind, kinds)
		}
	}

	text := c.ok("compare", old, new, "--color", "never")
	if !strings.Contains(text, "hundred {+and twenty +}days") || !strings.Contains(text, "split") {
		t.Errorf("text redline:\n%s", text)
	}
	html := c.ok("compare", old, new, "--format", "html")
	if !strings.HasPrefix(html, "<!doctype html>") || !strings.Contains(html, "<ins>and twenty </ins>") || strings.Contains(html, "<script") {
		t.Errorf("html page:\n%s", html)
	}
	md := c.ok("compare", old, new, "--format", "md")
	if !strings.Contains(md, "| Old | New | Change | Text |") || !strings.Contains(md, "**and twenty **") {
		t.Errorf("markdown:\n%s", md)
	}
	// --kind keeps the links of the kinds named, unchanged ones included.
	only := c.ok("compare", old, new, "--color", "never", "--kind", "split,unchanged")
	if !strings.Contains(only, "split") || !strings.Contains(only, "unchanged") || strings.Contains(only, "hundred") || strings.Contains(only, "Humanitarian") {
		t.Errorf("--kind split,unchanged:\n%s", only)
	}
	if _, errOut, code := c.run("compare", old, new, "--kind", "rewritten"); code != 2 || !strings.Contains(errOut, "--kind") {
		t.Errorf("--kind rewritten: exit %d, %q; want 2 naming --kind", code, errOut)
	}
	same := c.ok("compare", old, old)
	if !strings.Contains(same, "identical") {
		t.Errorf("identical files: %s", same)
	}
}

func TestCompareBadInput(t *testing.T) {
	c := newCLI(t)
	good := writeFile(t, "good.txt", []byte(planOld))
	for name, body := range map[string][]byte{
		"empty.txt":  nil,
		"binary.bin": {0x00, 0x01, 0x02, 0xff, 0x00},
		"prose.txt":  []byte("No numbers here, only prose.\n"),
	} {
		bad := writeFile(t, name, body)
		_, errOut, code := c.run("compare", good, bad)
		if code != 2 || !strings.Contains(errOut, name) {
			t.Errorf("%s: exit %d, stderr %q; want 2 naming the file", name, code, errOut)
		}
	}
	if _, errOut, code := c.run("compare", good); code != 2 || !strings.Contains(errOut, "want OLD and NEW") {
		t.Errorf("one argument: exit %d, %q", code, errOut)
	}
	if _, errOut, code := c.run("compare", good, "77"); code != 2 || !strings.Contains(errOut, "neither a file nor a stored version") {
		t.Errorf("unknown version: exit %d, %q", code, errOut)
	}
}

func TestCompareStoredVersionsWithCorrections(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	var before compareJSON
	c.jsonOf(&before, "compare", "3", "4")
	if !strings.Contains(before.Summary.Verdict, "one to one") {
		t.Fatalf("28-point plan vs counter-proposal: %q", before.Summary.Verdict)
	}
	var correction struct {
		Correction int64
		Kind       string
		OldPoints  []int64 `json:"old_points"`
	}
	c.jsonOf(&correction, "link", "relink", "3", "4", "--old", "6", "--new", "7", "--kind", "moved", "--note", "test")
	if correction.Correction == 0 || correction.Kind != "moved" || len(correction.OldPoints) != 1 {
		t.Fatalf("link --format json: %+v", correction)
	}
	var after compareJSON
	c.jsonOf(&after, "compare", "3", "4")
	found := false
	for _, l := range after.Links {
		if len(l.Old) == 1 && strings.Join(l.Old[0], "/") == "6" {
			found = len(l.New) == 1 && strings.Join(l.New[0], "/") == "7" && l.Kind == "moved"
		}
	}
	if !found {
		t.Fatalf("the correction 6 -> 7 did not win: %+v", after.Links)
	}
	if _, errOut, code := c.run("link", "relink", "3", "4", "--old", "99", "--new", "7"); code != 2 || !strings.Contains(errOut, `--old "99"`) {
		t.Fatalf("unknown point: exit %d, %q", code, errOut)
	}
	// The lineage of stored versions takes the correction too.
	var lin struct {
		Threads []struct {
			Paths [][][]string
			Kinds []string
		}
	}
	c.jsonOf(&lin, "lineage", "3", "4")
	found = false
	for _, th := range lin.Threads {
		if len(th.Paths[0]) == 1 && strings.Join(th.Paths[0][0], "/") == "6" {
			found = len(th.Paths[1]) == 1 && strings.Join(th.Paths[1][0], "/") == "7" && th.Kinds[0] == "moved"
		}
	}
	if !found {
		t.Errorf("the lineage of 3 and 4 does not follow the correction 6 -> 7: %+v", lin.Threads)
	}
}

func TestLineage(t *testing.T) {
	c := newCLI(t)
	v1 := writeFile(t, "v1.txt", []byte(planOld))
	v2 := writeFile(t, "v2.txt", []byte(planNew))
	v3 := writeFile(t, "v3.txt", []byte(strings.Replace(planNew, "5. Humanitarian corridors open at once.\n", "", 1)))
	svg := c.ok("lineage", v1, v2, v3, "--format", "svg")
	if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, "v2.txt") || strings.Count(svg, "<rect") < 13 {
		t.Fatalf("svg:\n%.500s", svg)
	}
	csv := c.ok("lineage", v1, v2, v3, "--format", "csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if lines[0] != "thread,v1.txt,→,v2.txt,→,v3.txt" || len(lines) != 6 {
		t.Fatalf("csv:\n%s", csv)
	}
	var lj struct {
		Versions []struct{ Label string }
		Threads  []struct{ Kinds []string }
	}
	c.jsonOf(&lj, "lineage", v1, v2, v3)
	if len(lj.Versions) != 3 || len(lj.Threads) != 5 {
		t.Fatalf("json: %+v", lj)
	}
	if _, _, code := c.run("lineage", v1); code != 2 {
		t.Fatalf("one version: exit %d, want 2", code)
	}
}

// BenchmarkCompareStatute runs "parley compare --format json" on the
// Commercial Code 2012 -> 2018, the real pair of bench/compare.sh.
func BenchmarkCompareStatute(b *testing.B) {
	dir := "../../../shared/data/texts/statutes/"
	if _, err := os.Stat(dir + "hgb-2012.md"); err != nil {
		b.Skip("statutes not here")
	}
	b.ReportAllocs()
	for b.Loop() {
		err := run(context.Background(), []string{"compare", dir + "hgb-2012.md", dir + "hgb-2018.md", "--format", "json"}, strings.NewReader(""), io.Discard, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestInputLimits checks that every command that reads a text refuses one
// of more points than parley handles, with exit 2 and the limits in the
// message, before it aligns or stores anything. A text of nothing but
// labels has a point every five bytes: 64 MiB of it ran for minutes and
// took gigabytes.
func TestInputLimits(t *testing.T) {
	c := newCLI(t)
	good := writeFile(t, "good.txt", []byte(planOld))
	many := writeFile(t, "many.txt", bytes.Repeat([]byte("1. x\n"), segment.MaxPoints+1))
	for _, args := range [][]string{
		{"compare", good, many},
		{"compare", many, good, "--format", "text"},
		{"import", many, "--negotiation", "Talks", "--label", "huge"},
		{"verify", many},
	} {
		_, errOut, code := c.run(args...)
		if code != 2 || !strings.Contains(errOut, "many.txt: more than 200,000 points; parley handles at most 200,000 points, 8,000,000 words (and 32.0 MiB) per text") {
			t.Errorf("parley %s: exit %d, stderr %q; want 2 and the limits", strings.Join(args, " "), code, errOut)
		}
	}
}

// TestCompareWarnings: a text read with a gap in its numbering is
// reported: on standard error in text format, in a top-level "warnings"
// list in JSON, whose contract fields stay as they were. Stored versions
// get the checks on their points.
func TestCompareWarnings(t *testing.T) {
	c := newCLI(t)
	old := writeFile(t, "old.txt", []byte(planOld))
	gappy := strings.Replace(planNew, "3. The commission reports weekly to the guarantors.\n", "", 1)
	new := writeFile(t, "new.txt", []byte(gappy))

	out, errOut, code := c.run("compare", old, new, "--color", "never")
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errOut)
	}
	wantLine := new + ": warning: the top-level list skips 3: 4 follows 2\n"
	if errOut != wantLine {
		t.Errorf("stderr %q, want %q", errOut, wantLine)
	}
	if strings.Contains(out, "warning") {
		t.Errorf("warnings on stdout: %s", out)
	}

	raw := c.ok("compare", old, new, "--format", "json")
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range doc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"links", "new", "old", "summary", "warnings"}) {
		t.Errorf("top-level fields %v", keys)
	}
	var contract compareJSON
	dec := json.NewDecoder(strings.NewReader(raw))
	if err := dec.Decode(&contract); err != nil || len(contract.Old.Points) != 4 || len(contract.New.Points) != 4 || len(contract.Links) == 0 {
		t.Errorf("contract fields: %v %+v", err, contract)
	}
	var ws []struct {
		Side, Code, Message string
		Path                []string
		Line                int
	}
	if err := json.Unmarshal(doc["warnings"], &ws); err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Side != "new" || ws[0].Code != "sequence-gap" || !slices.Equal(ws[0].Path, []string{"4"}) || ws[0].Line != 3 {
		t.Errorf("warnings %+v, want one sequence-gap on new at 4, line 3", ws)
	}

	// A well-read pair: an empty list, nothing on stderr.
	raw = c.ok("compare", old, old, "--format", "json")
	if !strings.Contains(raw, `,"warnings":[]}`) {
		t.Errorf("JSON of a well-read pair ends %q", raw[max(0, len(raw)-40):])
	}
	if _, errOut, _ := c.run("compare", old, old); errOut != "" {
		t.Errorf("stderr of a well-read pair: %q", errOut)
	}

	// Stored versions: the checks on their points.
	c.ok("import", old, "--negotiation", "Plan", "--label", "v1")
	_, errOut, code = c.run("import", new, "--negotiation", "Plan", "--label", "v2")
	if code != 0 || !strings.Contains(errOut, new+": warning: the top-level list skips 3: 4 follows 2") {
		t.Errorf("import: exit %d, stderr %q", code, errOut)
	}
	raw = c.ok("compare", "1", "2", "--format", "json")
	if !strings.Contains(raw, `"warnings":[{"side":"new","code":"sequence-gap"`) {
		t.Errorf("stored versions: %s", raw[max(0, len(raw)-300):])
	}
}
