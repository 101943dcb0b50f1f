package align_test

import (
	"testing"

	"parley/align"
	"parley/internal/genpair"
	"parley/segment"
)

// BenchmarkAlignShapes aligns the two benchmark shapes of bench/genpair
// at 10,000 points and writes every link's redline, as a compare does
// after reading the files: the word features of both versions
// (Prepare), the alignment, and the redlines.
//
//	go test ./align -run X -bench AlignShapes -benchmem
func BenchmarkAlignShapes(b *testing.B) {
	genpair.Bench(b, 10000, func(b *testing.B, old, new []byte) {
		po, pn := segment.Text(string(old)).Points, segment.Text(string(new)).Points
		b.SetBytes(int64(len(old) + len(new)))
		for b.Loop() {
			al := align.AlignPrepared(align.Prepare(po), align.Prepare(pn), align.Options{})
			changed := 0
			for _, l := range al.Links {
				if len(al.Redline(l)) > 0 {
					changed++
				}
			}
			if changed == 0 {
				b.Fatal("no redlines")
			}
		}
	})
}

// BenchmarkFeaturesShapes computes the word features of the old version
// of each shape alone (Prepare: every word of every point hashed).
func BenchmarkFeaturesShapes(b *testing.B) {
	genpair.Bench(b, 10000, func(b *testing.B, old, _ []byte) {
		points := segment.Text(string(old)).Points
		b.SetBytes(int64(len(old)))
		for b.Loop() {
			align.Prepare(points)
		}
	})
}
