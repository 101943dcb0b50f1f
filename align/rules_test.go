package align_test

import (
	"slices"
	"testing"

	"parley/align"
	"parley/segment"
)

// linkOf returns the link that holds the old point at path.
func linkOf(t *testing.T, links []align.PathLink, path ...string) align.PathLink {
	t.Helper()
	for _, l := range links {
		for _, p := range l.Old {
			if slices.Equal(p, path) {
				return l
			}
		}
	}
	t.Fatalf("no link holds old %v", path)
	return align.PathLink{}
}

// Two clauses rewritten one for one, whose openings share a run of common
// words, stay two links: each old clause also resembles the other new one,
// but only through words its own counterpart holds already, which is no
// sign of text crossing between them.
func TestSharedOpeningIsNoRegrouping(t *testing.T) {
	old := segment.Text(`1. Scope. This licence covers the software and its manuals.

2. Permitted uses.

2.1 You may use, copy, display, run and change the original software, with or without changes, only for your own study and evaluation, provided that in each case:

(a) you keep every copyright notice of the author in each copy; and

(b) you give a copy of this licence with every copy you hand on.

2.2 You may use, copy, display, run, change and publish the covered software, provided that in each case:

(a) you meet the conditions of section 2.1 for its source; and

(b) you mark each changed file with the date of the change.

3. Warranty. The software comes without any warranty.
`).Points
	new := segment.Text(`1. Scope. This licence covers the software and its manuals.

2. Permitted uses.

2.1 Unchanged software. You may use, copy, display, run, share inside your firm and publish exact, unaltered copies of the original software, for any purpose, provided that in each case:

(a) you keep every copyright notice of the author in each copy; and

(b) you give a copy of this licence with every copy you hand on or publish.

2.2 Changed software. You may change the covered software and use, copy, display, run, share inside your firm and publish your changes and the covered software, for any purpose, provided that in each case you also meet these conditions:

(a) you meet the conditions of section 2.1 for its source; and

(b) you mark each changed file with the date of the change.

3. Warranty. The software comes without any warranty.
`).Points
	links := align.Align(old, new, align.Options{}).PathLinks()
	for _, n := range []string{"1", "2"} {
		l := linkOf(t, links, "2", n)
		if len(l.Old) != 1 || len(l.New) != 1 || !slices.Equal(l.New[0], []string{"2", n}) {
			t.Errorf("2.%s: %v -> %v %s, want 2.%s -> 2.%s alone", n, l.Old, l.New, l.Kind, n, n)
		}
	}
}

// A heading of one word is contained in any clause that uses the word: it
// is not attached to such a clause's link by containment alone. Between
// APSL 1.1 and 1.2 (both in the labelled set) section 9 "Liability." lost
// its sub-clause 9.1, and 9.2 became the new 9; the heading must not join
// clause 6, which speaks of "liability obligations".
func TestOneWordHeadingIsNoPart(t *testing.T) {
	old := readFile(t, "../testdata/align/apsl-1.0-vs-1.1/new.txt") // APSL 1.1
	new := readFile(t, "../testdata/align/apsl-1.2-vs-2.0/old.txt") // APSL 1.2
	links := align.Align(old, new, align.Options{}).PathLinks()
	if l := linkOf(t, links, "6"); len(l.Old) != 1 {
		t.Errorf("6: %v -> %v %s, want 6 alone", l.Old, l.New, l.Kind)
	}
	if l := linkOf(t, links, "9"); !slices.ContainsFunc(l.New, func(p []string) bool { return slices.Equal(p, []string{"9"}) }) {
		t.Errorf("9: %v -> %v %s, want it with the new 9", l.Old, l.New, l.Kind)
	}
}
