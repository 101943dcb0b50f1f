package align_test

import (
	"os"
	"testing"

	"parley"
	"parley/align"
	"parley/ingest"
)

// statutePair reads a real statute in two versions from the shared
// development data, or skips when it is not on this machine.
func statutePair(tb testing.TB, name string) (old, new []parley.Point) {
	tb.Helper()
	dir := "../../shared/data/texts/statutes/"
	var out [2][]parley.Point
	for k, year := range []string{"2012", "2018"} {
		path := dir + name + "-" + year + ".md"
		body, err := os.ReadFile(path)
		if err != nil {
			tb.Skipf("%s not here: %v", path, err)
		}
		doc, err := ingest.Read(path, body, "")
		if err != nil {
			tb.Fatal(err)
		}
		out[k] = doc.Points
	}
	return out[0], out[1]
}

// Sections whose number and heading did not change between the 2012 and
// 2018 Commercial and Criminal Codes must come out linked to each other.
func TestStatuteSectionsStayLinked(t *testing.T) {
	for _, code := range []string{"hgb", "stgb"} {
		t.Run(code, func(t *testing.T) {
			old, new := statutePair(t, code)
			al := align.Align(old, new, align.Options{})
			newIndex := map[string]int{}
			for j, p := range new {
				if p.Depth() == 1 {
					newIndex[p.Key()+"\x00"+p.Heading] = j
				}
			}
			linkOf := map[int]int{}
			for k, l := range al.Links {
				for _, i := range l.Old {
					linkOf[i] = k
				}
			}
			same, linked := 0, 0
			for i, p := range old {
				j, ok := newIndex[p.Key()+"\x00"+p.Heading]
				if p.Depth() != 1 || !ok {
					continue
				}
				same++
				for _, n := range al.Links[linkOf[i]].New {
					if n == j {
						linked++
						break
					}
				}
			}
			share := float64(linked) / float64(same)
			t.Logf("%s: %d of %d sections with the same number and heading linked (%.1f%%)", code, linked, same, 100*share)
			if same < 300 || share < 0.95 {
				t.Fatalf("%d of %d sections linked (%.1f%%), want at least 95%%", linked, same, 100*share)
			}
		})
	}
}
