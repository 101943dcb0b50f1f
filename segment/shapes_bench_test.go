package segment_test

import (
	"testing"

	"parley/internal/genpair"
	"parley/segment"
)

// BenchmarkSegmentShapes segments the old text of the two benchmark shapes
// of bench/genpair at 10,000 points (flat: long points; nested: (a), (b),
// (c) lists under every point, some with (i), (ii)) and checks the
// self-checks on it, as a compare does for each file:
//
//	go test ./segment -run X -bench SegmentShapes -benchmem
func BenchmarkSegmentShapes(b *testing.B) {
	genpair.Bench(b, 10000, func(b *testing.B, old, _ []byte) {
		text := string(old)
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			seg := segment.Text(text)
			if len(seg.Points) < 10000 {
				b.Fatalf("%d points, want 10,000 or more", len(seg.Points))
			}
			segment.Check(seg, text)
		}
	})
}
