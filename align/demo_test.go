package align_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/ingest"
	"parley/segment"
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

// A sub-item that a redraft folds into its parent's text, shortened on the
// way, joins the parent's link as a merge; read the other way, the parent
// is split into itself and the new sub-item. The other sub-item, dropped,
// stays deleted.
func TestSubItemFoldedIntoParent(t *testing.T) {
	seg := func(text string) []parley.Point { return segment.Text(text).Points }
	old := seg(`3. The parent has declared that it stands by the obligations of the subsidiary.

4. the exemption of the subsidiary

(a) is stated in the notes to the consolidated accounts that the parent drew up under section 290, had audited, and filed by electronic submission with the operator of the federal register, and

(b) is announced separately in the federal gazette with a reference to this section.

5. The parent undertakes to cover any losses of the subsidiary in the next year.
`)
	new := seg(`3. The parent has declared that it stands by the obligations of the subsidiary.

4. the exemption of the subsidiary is stated in the notes to the consolidated accounts of the parent, and

5. The parent undertakes to cover any losses of the subsidiary in the next year.
`)
	find := func(links []align.PathLink, side func(align.PathLink) [][]string, path ...string) align.PathLink {
		for _, l := range links {
			for _, p := range side(l) {
				if slices.Equal(p, path) {
					return l
				}
			}
		}
		t.Fatalf("no link holds %v", path)
		return align.PathLink{}
	}
	oldSide := func(l align.PathLink) [][]string { return l.Old }
	newSide := func(l align.PathLink) [][]string { return l.New }

	links := align.Align(old, new, align.Options{}).PathLinks()
	if l := find(links, oldSide, "4", "a"); l.Kind != align.Merged || len(l.Old) != 2 || !slices.Equal(l.New[0], []string{"4"}) {
		t.Errorf("folded sub-item: %v -> %v %s, want [[4] [4 a]] -> [[4]] merged", l.Old, l.New, l.Kind)
	}
	if l := find(links, oldSide, "4", "b"); l.Kind != align.Deleted {
		t.Errorf("dropped sub-item: %v -> %v %s, want deleted", l.Old, l.New, l.Kind)
	}

	back := align.Align(new, old, align.Options{}).PathLinks()
	if l := find(back, newSide, "4", "a"); l.Kind != align.Split || len(l.New) != 2 || !slices.Equal(l.Old[0], []string{"4"}) {
		t.Errorf("sub-item cut out: %v -> %v %s, want [[4]] -> [[4] [4 a]] split", l.Old, l.New, l.Kind)
	}
}

// FuzzAlign checks, for any two texts, that every point of each is in
// exactly one link, that each link's kind fits its sides, that its
// similarity is between 0 and 1, and that every redline rebuilds the texts
// it joins.
func FuzzAlign(f *testing.F) {
	for _, dir := range []string{"plan-28-vs-condensed-19", "coalition-split-three", "regroup-many-to-many", "zpl-1.1-vs-2.0"} {
		old, errO := os.ReadFile("../testdata/align/" + dir + "/old.txt")
		new, errN := os.ReadFile("../testdata/align/" + dir + "/new.txt")
		if errO == nil && errN == nil {
			f.Add(string(old), string(new))
		}
	}
	f.Add("1. A\n(a) b c\n(b) d e\n2. F", "1. A b c\n2. F\n(a) d e")
	f.Fuzz(func(t *testing.T, oldText, newText string) {
		old, new := segment.Text(oldText).Points, segment.Text(newText).Points
		al := align.Align(old, new, align.Options{})
		seenO, seenN := make([]int, len(old)), make([]int, len(new))
		for _, l := range al.Links {
			for _, i := range l.Old {
				seenO[i]++
			}
			for _, j := range l.New {
				seenN[j]++
			}
			switch {
			case len(l.Old) == 0 && len(l.New) == 0:
				t.Fatalf("empty link %+v", l)
			case len(l.New) == 0 && l.Kind != align.Deleted, len(l.Old) == 0 && l.Kind != align.Added:
				t.Fatalf("link %+v: kind does not fit its sides", l)
			case l.Similarity < 0 || l.Similarity > 1:
				t.Fatalf("link %+v: similarity out of [0, 1]", l)
			}
			if len(l.Old) == 0 || len(l.New) == 0 {
				continue
			}
			var oldParts, newParts []string
			for _, i := range l.Old {
				oldParts = append(oldParts, pointText(old[i]))
			}
			for _, j := range l.New {
				newParts = append(newParts, pointText(new[j]))
			}
			if ops := al.Redline(l); ops != nil {
				if o, n := rebuild(ops); o != strings.Join(oldParts, "\n") || n != strings.Join(newParts, "\n") {
					t.Fatalf("link %+v: its redline does not rebuild its texts", l)
				}
			}
		}
		for i, n := range seenO {
			if n != 1 {
				t.Fatalf("old point %v in %d links", old[i].Path, n)
			}
		}
		for j, n := range seenN {
			if n != 1 {
				t.Fatalf("new point %v in %d links", new[j].Path, n)
			}
		}
	})
}

// pointText is a point's text as redlines read it: its heading, if any,
// before its text.
func pointText(p parley.Point) string {
	if p.Heading == "" {
		return p.Text
	}
	return p.Heading + " " + p.Text
}
