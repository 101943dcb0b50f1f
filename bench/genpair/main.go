// Command genpair writes a synthetic pair of versions of a long numbered
// text, for benchmarks: old.txt and new.txt with N points each, where the
// new one renumbers, rewords, moves, splits, merges, drops and adds points
// at fixed rates. The output depends only on -n, -seed and -shape: flat
// (the default: long points, a fifth of them with a few lettered
// sub-points) or nested (shorter points that each introduce a list (a),
// (b), (c) ..., a quarter of whose items hold a list (i), (ii) ...; the new
// version also drops, adds, rewords and moves sub-points). See
// internal/genpair.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"parley/internal/genpair"
)

func main() {
	n := flag.Int("n", 10000, "number of points (at every level) in the old version")
	seed := flag.Uint64("seed", 1, "random seed")
	dir := flag.String("dir", ".", "output directory")
	shape := flag.String("shape", "flat", "flat (long points, a few lettered sub-points) or nested ((a), (b), (c) under every point, some with (i), (ii))")
	flag.Parse()
	old, new, err := genpair.Pair(*shape, *n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genpair:", err)
		os.Exit(2)
	}
	for name, body := range map[string][]byte{"old.txt": old, "new.txt": new} {
		if err := os.WriteFile(filepath.Join(*dir, name), body, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "genpair:", err)
			os.Exit(1)
		}
	}
}
