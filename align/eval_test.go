package align_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/ingest"
)

// The labelled pairs in testdata/align are the development set of the
// aligner. These floors are the levels reached when they were set; a change
// that drops below them is a regression.
const (
	microF1Floor = 0.96
	pairF1Floor  = 0.75
)

var showPair = flag.String("show", "", "print the links of this labelled pair, marking the wrong ones")

// labelledPair is one folder of testdata/align.
type labelledPair struct {
	name     string
	old, new []parley.Point
	truth    []align.PathLink
	unscored bool // kept for inspection, not held to the floors
}

func readVersion(tb testing.TB, dir, stem string) []parley.Point {
	tb.Helper()
	for _, ext := range []string{".txt", ".md"} {
		path := filepath.Join(dir, stem+ext)
		body, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		doc, err := ingest.Read(filepath.Base(path), body, "")
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		return doc.Points
	}
	tb.Fatalf("%s: no %s.txt or %s.md", dir, stem, stem)
	return nil
}

func labelledPairs(tb testing.TB) []labelledPair {
	tb.Helper()
	files, err := filepath.Glob("../testdata/align/*/truth.json")
	if err != nil || len(files) < 10 {
		tb.Fatalf("want at least 10 labelled pairs in testdata/align, found %d (%v)", len(files), err)
	}
	sort.Strings(files)
	var out []labelledPair
	for _, f := range files {
		dir := filepath.Dir(f)
		var truth struct {
			Links    []align.PathLink `json:"links"`
			Unscored bool             `json:"unscored"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if err := json.Unmarshal(b, &truth); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		out = append(out, labelledPair{name: filepath.Base(dir), old: readVersion(tb, dir, "old"), new: readVersion(tb, dir, "new"), truth: truth.Links, unscored: truth.Unscored})
	}
	return out
}

func TestLabelledPairs(t *testing.T) {
	var total align.Counts
	var report strings.Builder
	fmt.Fprintf(&report, "%-28s %9s %6s %6s %6s %7s\n", "pair", "points", "P", "R", "F1", "kinds")
	for _, p := range labelledPairs(t) {
		al := align.Align(p.old, p.new, align.Options{})
		c := align.Score(al.PathLinks(), p.truth)
		fmt.Fprintf(&report, "%-28s %4d/%-4d %6.3f %6.3f %6.3f %3d/%-3d\n", p.name, len(p.old), len(p.new), c.Precision(), c.Recall(), c.F1(), c.KindsRight, c.KindsFound)
		if *showPair == p.name {
			showLinks(t, al, p.truth)
		}
		if p.unscored {
			continue
		}
		total.Add(c)
		if c.F1() < pairF1Floor {
			t.Errorf("%s: F1 %.3f below the floor %.2f", p.name, c.F1(), pairF1Floor)
		}
	}
	fmt.Fprintf(&report, "%-28s %9s %6.3f %6.3f %6.3f %3d/%-3d\n", "micro (scored pairs)", "", total.Precision(), total.Recall(), total.F1(), total.KindsRight, total.KindsFound)
	t.Log("\n" + report.String())
	if total.F1() < microF1Floor {
		t.Errorf("micro F1 %.3f below the floor %.2f", total.F1(), microF1Floor)
	}
}

// showLinks prints the predicted links, marking those not in the truth,
// then the true pairs that were missed.
func showLinks(t *testing.T, al *align.Alignment, truth []align.PathLink) {
	want := map[string]bool{}
	for _, l := range truth {
		want[fmt.Sprint(l.Old, l.New)] = true
	}
	got := map[string]bool{}
	for _, l := range al.PathLinks() {
		got[fmt.Sprint(l.Old, l.New)] = true
		mark := "  "
		if !want[fmt.Sprint(l.Old, l.New)] {
			mark = "XX"
		}
		t.Logf("%s %v -> %v %s", mark, l.Old, l.New, l.Kind)
	}
	for _, l := range truth {
		if !got[fmt.Sprint(l.Old, l.New)] {
			t.Logf("MISSED %v -> %v %s", l.Old, l.New, l.Kind)
		}
	}
}
