package align_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"parley"
	"parley/align"
	"parley/ingest"
)

// Every numbering style the segmenter reads survives into a correct
// alignment: each golden text aligned with itself is unchanged throughout,
// and with one top-level provision (and its sub-points) cut out, exactly
// those points are deleted and every other point is linked to itself.
func TestNumberingStylesAlign(t *testing.T) {
	files, _ := filepath.Glob("../segment/testdata/*.txt")
	md, _ := filepath.Glob("../segment/testdata/*.md")
	files = append(files, md...)
	if len(files) < 10 {
		t.Fatalf("only %d segmenter texts", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ingest.Read(f, body, "")
			if err != nil {
				t.Fatal(err)
			}
			points := doc.Points
			for _, l := range align.Align(points, points, align.Options{}).Links {
				if l.Kind != align.Unchanged || len(l.Old) != 1 || len(l.New) != 1 || l.Old[0] != l.New[0] {
					t.Fatalf("aligned with itself: %v -> %v %s", l.Old, l.New, l.Kind)
				}
			}
			// Cut the second top-level point with its sub-points.
			var tops []int
			for i, p := range points {
				if p.Depth() == 1 {
					tops = append(tops, i)
				}
			}
			if len(tops) < 3 {
				t.Skip("fewer than three top-level points")
			}
			cut := map[string]bool{}
			var kept []parley.Point
			prefix := points[tops[1]].Path
			for _, p := range points {
				if len(p.Path) >= len(prefix) && slices.Equal(p.Path[:len(prefix)], prefix) {
					cut[p.Key()] = true
					continue
				}
				kept = append(kept, p)
			}
			for _, l := range align.Align(points, kept, align.Options{}).Links {
				switch {
				case len(l.New) == 0:
					if !cut[points[l.Old[0]].Key()] {
						t.Errorf("point %s deleted, but it was kept", points[l.Old[0]].Label)
					}
				case len(l.Old) != 1 || len(l.New) != 1 || points[l.Old[0]].Key() != kept[l.New[0]].Key():
					t.Errorf("link %v -> %v (%s) after cutting %s", l.Old, l.New, l.Kind, points[tops[1]].Label)
				case l.Kind != align.Unchanged:
					t.Errorf("point %s is %s after cutting another point", points[l.Old[0]].Label, l.Kind)
				}
			}
		})
	}
}
