package align_test

import (
	"os"
	"strings"
	"testing"

	"parley"
)

// knownSpurious are points the segmenter finds that are not points of the
// text (SEGMENTER-NOTES.md); their pair's truth leaves them out.
var knownSpurious = map[string]bool{
	"stgb-177-179-regrouping/old/179/2/1": true,
}

// Every truth in testdata/align names only points the segmenter finds, and
// every point it finds is on exactly one link. This reads the texts with the
// segmenter only; it never runs the aligner, so it may be run on a pair
// before its truth is committed. PARLEY_PAIR limits it to pairs whose
// name starts with the given prefix.
func TestTruthCoversPoints(t *testing.T) {
	only := os.Getenv("PARLEY_PAIR")
	for _, p := range labelledPairs(t) {
		if only != "" && !strings.HasPrefix(p.name, only) {
			continue
		}
		check := func(side string, points []parley.Point, truth [][][]string) {
			seen := map[string]int{}
			for _, paths := range truth {
				for _, path := range paths {
					seen[parley.PathKey(path)]++
				}
			}
			have := map[string]bool{}
			for _, pt := range points {
				k := pt.Key()
				have[k] = true
				if knownSpurious[p.name+"/"+side+"/"+k] {
					continue
				}
				switch seen[k] {
				case 0:
					t.Errorf("%s: %s point %s (%s) is on no link", p.name, side, strings.Join(pt.Path, "/"), pt.Label)
				case 1:
				default:
					t.Errorf("%s: %s point %s is on %d links", p.name, side, strings.Join(pt.Path, "/"), seen[k])
				}
			}
			for k := range seen {
				if !have[k] {
					t.Errorf("%s: the truth names %s point %q, which the segmenter does not find", p.name, side, k)
				}
			}
		}
		var olds, news [][][]string
		for _, l := range p.truth {
			olds = append(olds, l.Old)
			news = append(news, l.New)
		}
		check("old", p.old, olds)
		check("new", p.new, news)
	}
}
