package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/internal/genpair"
)

// BenchmarkCompareShapes runs "parley compare OLD NEW --format json" on
// the two shapes of bench/genpair at 10,000 points, files written to a
// temporary directory: the whole command in one process, reading,
// segmenting, self-checks, alignment and JSON. bench/compare.sh times the
// command as a process against git; this one is for profiles:
//
//	go test ./cmd/parley -run X -bench CompareShapes -benchmem -cpuprofile cpu.out
func BenchmarkCompareShapes(b *testing.B) {
	genpair.Bench(b, 10000, func(b *testing.B, old, new []byte) {
		dir := b.TempDir()
		o, n := filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt")
		if err := os.WriteFile(o, old, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(n, new, 0o644); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(old) + len(new)))
		for b.Loop() {
			err := run(context.Background(), []string{"compare", o, n, "--format", "json"}, strings.NewReader(""), io.Discard, io.Discard)
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
