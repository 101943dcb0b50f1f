package align_test

import (
	"os"
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/ingest"
)

func readFile(tb testing.TB, path string) []parley.Point {
	tb.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := ingest.Read(path, body, "")
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return doc.Points
}

// A leaked retyping of the 28-point plan (another translation: different
// words, same order) aligns one to one, in order, with no moves.
func TestLeakedVariantAlignsOneToOne(t *testing.T) {
	old := readFile(t, "../demo/data/versions/plan-28.txt")
	leak := readFile(t, "../testdata/align/plan-28-vs-leak/new.txt")
	al := align.Align(old, leak, align.Options{})
	if len(al.Links) != len(old) || len(old) != len(leak) {
		t.Fatalf("%d links for %d and %d points", len(al.Links), len(old), len(leak))
	}
	for k, l := range al.Links {
		if len(l.Old) != 1 || len(l.New) != 1 || l.Old[0] != k || l.New[0] != k {
			t.Errorf("link %d = %v -> %v (%s), want point %d to point %d", k, l.Old, l.New, l.Kind, k, k)
		}
		if l.Kind != align.Unchanged && l.Kind != align.Reworded {
			t.Errorf("link %d is %s", k, l.Kind)
		}
	}
}

// The European counter-proposal keeps the plan's structure; the army cap
// stays linked and its redline shows 600,000 becoming 800,000.
func TestCounterProposalArmyCap(t *testing.T) {
	old := readFile(t, "../demo/data/versions/plan-28.txt")
	eu := readFile(t, "../demo/data/versions/eu-counter.txt")
	al := align.Align(old, eu, align.Options{})
	var cap *align.Link
	for k, l := range al.Links {
		if len(l.Old) == 1 && parley.PathKey(al.Old[l.Old[0]].Path) == "6" {
			cap = &al.Links[k]
		}
	}
	if cap == nil || len(cap.New) != 1 || parley.PathKey(al.New[cap.New[0]].Path) != "6" {
		t.Fatalf("point 6 (army cap) not linked to point 6: %+v", cap)
	}
	if cap.Kind != align.Reworded {
		t.Errorf("army cap link is %s, want reworded", cap.Kind)
	}
	var deleted, inserted string
	for _, op := range al.Redline(*cap) {
		switch op.Op {
		case align.OpDelete:
			deleted += op.Text
		case align.OpInsert:
			inserted += op.Text
		}
	}
	if !strings.Contains(deleted, "600") || !strings.Contains(inserted, "800") {
		t.Fatalf("redline deletes %q and inserts %q, want 600 -> 800", deleted, inserted)
	}
}

// Identical texts give only unchanged links.
func TestIdenticalTexts(t *testing.T) {
	old := readFile(t, "../demo/data/versions/plan-28.txt")
	al := align.Align(old, old, align.Options{})
	for _, l := range al.Links {
		if l.Kind != align.Unchanged || l.Similarity != 1 {
			t.Fatalf("link %v -> %v is %s %.2f", l.Old, l.New, l.Kind, l.Similarity)
		}
	}
}

// A person's fixed link is kept as given, and the rest aligns around it.
func TestFixedLinksWin(t *testing.T) {
	old := readFile(t, "../demo/data/versions/plan-28.txt")
	eu := readFile(t, "../demo/data/versions/eu-counter.txt")
	fixed := align.Link{Old: []int{5}, New: []int{6}, Kind: align.Moved} // 6 -> 7, as a person asserts
	al := align.Align(old, eu, align.Options{Fixed: []align.Link{fixed}})
	found := false
	for _, l := range al.Links {
		if l.Fixed {
			found = true
			if len(l.Old) != 1 || l.Old[0] != 5 || len(l.New) != 1 || l.New[0] != 6 || l.Kind != align.Moved {
				t.Fatalf("fixed link came back as %+v", l)
			}
			continue
		}
		for _, i := range l.Old {
			if i == 5 {
				t.Fatalf("old point 6 linked again: %+v", l)
			}
		}
		for _, j := range l.New {
			if j == 6 {
				t.Fatalf("new point 7 linked again: %+v", l)
			}
		}
	}
	if !found {
		t.Fatal("the fixed link is missing")
	}
}
