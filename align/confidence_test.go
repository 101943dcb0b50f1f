package align_test

import (
	"fmt"
	"testing"

	"parley/align"
)

// On the labelled pairs a link's confidence tells right links from wrong
// ones: wrong links are less confident on average, and most right links
// are not flagged as low-confidence.
func TestConfidenceSeparatesWrongLinks(t *testing.T) {
	var right, wrong []float64
	for _, p := range labelledPairs(t) {
		if p.unscored || p.heldout {
			continue
		}
		want := map[string]bool{}
		for _, l := range p.truth {
			want[fmt.Sprint(l.Old, l.New)] = true
		}
		al := align.Align(p.old, p.new, align.Options{})
		for k, l := range al.PathLinks() {
			c := al.Links[k].Confidence
			if c < 0 || c > 1 {
				t.Fatalf("%s: confidence %v out of [0, 1]", p.name, c)
			}
			if want[fmt.Sprint(l.Old, l.New)] {
				right = append(right, c)
			} else {
				wrong = append(wrong, c)
			}
		}
	}
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(max(1, len(xs)))
	}
	low := func(xs []float64) float64 {
		n := 0
		for _, x := range xs {
			if x < align.LowConfidence {
				n++
			}
		}
		return float64(n) / float64(max(1, len(xs)))
	}
	t.Logf("right links: %d, mean confidence %.2f, %.0f%% low; wrong links: %d, mean %.2f, %.0f%% low",
		len(right), mean(right), 100*low(right), len(wrong), mean(wrong), 100*low(wrong))
	if mean(wrong) >= mean(right)-0.2 {
		t.Errorf("wrong links are about as confident as right ones")
	}
	if low(right) > 0.1 {
		t.Errorf("%.0f%% of right links flagged as low-confidence", 100*low(right))
	}
}
