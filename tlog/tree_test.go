package tlog_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"

	"parley/tlog"
)

const maxTestSize = 300

// referenceRoot is RFC 6962's recursive definition of the Merkle tree hash,
// written as plainly as possible.
func referenceRoot(hashes [][]byte) []byte {
	switch len(hashes) {
	case 0:
		return hashOf(nil)
	case 1:
		return hashes[0]
	}
	k := 1
	for k*2 < len(hashes) {
		k *= 2
	}
	return rfc6962.DefaultHasher.HashChildren(referenceRoot(hashes[:k]), referenceRoot(hashes[k:]))
}

func TestTreeRootMatchesCompactRangeAndReference(t *testing.T) {
	hashes := leafHashes(maxTestSize)
	big, err := tlog.NewTree(hashes)
	if err != nil {
		t.Fatal(err)
	}
	factory := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	rng := factory.NewEmptyRange(0)
	for n := 1; n <= maxTestSize; n++ {
		if err := rng.Append(hashes[n-1], nil); err != nil {
			t.Fatal(err)
		}
		want, err := rng.GetRootHash(nil)
		if err != nil {
			t.Fatal(err)
		}
		// The big tree at size n, a tree of exactly n leaves, and the
		// reference must all agree with the compact range.
		small, err := tlog.NewTree(hashes[:n])
		if err != nil {
			t.Fatal(err)
		}
		for name, tree := range map[string]*tlog.Tree{"prefix": big, "exact": small} {
			got, err := tree.Root(uint64(n))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s tree: root at size %d = %x, compact range says %x", name, n, got, want)
			}
		}
		if ref := referenceRoot(hashes[:n]); !bytes.Equal(ref, want) {
			t.Fatalf("reference root at size %d = %x, compact range says %x", n, ref, want)
		}
	}
	empty, err := big.Root(0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(empty, hashOf(nil)) {
		t.Errorf("root of the empty tree = %x, want SHA-256 of nothing", empty)
	}
}

func TestTreeAppendMatchesNewTree(t *testing.T) {
	hashes := leafHashes(100)
	var grown tlog.Tree
	for i, h := range hashes {
		if err := grown.Append(h); err != nil {
			t.Fatal(err)
		}
		if grown.Size() != uint64(i+1) {
			t.Fatalf("size after %d appends = %d", i+1, grown.Size())
		}
	}
	built, _ := tlog.NewTree(hashes)
	a, _ := grown.Root(100)
	b, _ := built.Root(100)
	if !bytes.Equal(a, b) {
		t.Fatalf("appended root %x != built root %x", a, b)
	}
	leaf, err := grown.LeafHash(42)
	if err != nil || !bytes.Equal(leaf, hashes[42]) {
		t.Fatalf("LeafHash(42) = %x, %v; want %x", leaf, err, hashes[42])
	}
}

func TestTreeInclusionEveryIndexEverySize(t *testing.T) {
	tree, err := tlog.NewTree(leafHashes(maxTestSize))
	if err != nil {
		t.Fatal(err)
	}
	for n := uint64(1); n <= maxTestSize; n++ {
		root, _ := tree.Root(n)
		for i := range n {
			p, err := tree.InclusionProof(i, n)
			if err != nil {
				t.Fatalf("InclusionProof(%d, %d): %v", i, n, err)
			}
			leaf, _ := tree.LeafHash(i)
			if err := tlog.VerifyInclusion(i, n, leaf, p, root); err != nil {
				t.Fatalf("inclusion of %d in size %d: %v", i, n, err)
			}
		}
	}
}

func TestTreeConsistencyEveryPair(t *testing.T) {
	tree, err := tlog.NewTree(leafHashes(maxTestSize))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for n := uint64(0); n <= maxTestSize; n++ {
		for m := uint64(0); m <= n; m++ {
			p, err := tree.ConsistencyProof(m, n)
			if err != nil {
				t.Fatalf("ConsistencyProof(%d, %d): %v", m, n, err)
			}
			r1, _ := tree.Root(m)
			r2, _ := tree.Root(n)
			if err := tlog.VerifyConsistency(m, n, p, r1, r2); err != nil {
				t.Fatalf("consistency %d -> %d: %v", m, n, err)
			}
			checked++
		}
	}
	if want := (maxTestSize + 1) * (maxTestSize + 2) / 2; checked != want {
		t.Fatalf("checked %d pairs, want %d", checked, want)
	}
}

func TestTreeRangeErrors(t *testing.T) {
	tree, _ := tlog.NewTree(leafHashes(10))
	tests := []struct {
		name string
		call func() error
	}{
		{"root beyond size", func() error { _, err := tree.Root(11); return err }},
		{"inclusion index = size", func() error { _, err := tree.InclusionProof(5, 5); return err }},
		{"inclusion size beyond tree", func() error { _, err := tree.InclusionProof(1, 11); return err }},
		{"consistency old > new", func() error { _, err := tree.ConsistencyProof(6, 5); return err }},
		{"consistency new beyond tree", func() error { _, err := tree.ConsistencyProof(1, 11); return err }},
		{"leaf hash beyond tree", func() error { _, err := tree.LeafHash(10); return err }},
		{"append short hash", func() error { return tree.Append([]byte{1, 2, 3}) }},
		{"new tree short hash", func() error { _, err := tlog.NewTree([][]byte{make([]byte, 31)}); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err == nil {
				t.Fatal("no error")
			}
		})
	}
	if tree.Size() != 10 {
		t.Fatalf("a rejected append changed the size to %d", tree.Size())
	}
}

// TestInclusionTamper mutates every part of valid inclusion proofs.
func TestInclusionTamper(t *testing.T) {
	const size = 37
	tree, _ := tlog.NewTree(leafHashes(size))
	for _, tc := range []struct{ index, size uint64 }{{0, 1}, {0, 37}, {5, 8}, {20, 37}, {36, 37}, {31, 33}, {12, 13}} {
		t.Run(fmt.Sprintf("%d-of-%d", tc.index, tc.size), func(t *testing.T) {
			root, _ := tree.Root(tc.size)
			leaf, _ := tree.LeafHash(tc.index)
			p, _ := tree.InclusionProof(tc.index, tc.size)
			if err := tlog.VerifyInclusion(tc.index, tc.size, leaf, p, root); err != nil {
				t.Fatalf("valid proof rejected: %v", err)
			}
			reject := func(what string, index, size uint64, leaf []byte, p [][]byte, root []byte) {
				t.Helper()
				if err := tlog.VerifyInclusion(index, size, leaf, p, root); err == nil {
					t.Errorf("%s: accepted", what)
				}
			}
			for h := range p {
				for b := range p[h] {
					q := clone(p)
					q[h] = flipped(q[h], b)
					reject(fmt.Sprintf("hash %d byte %d flipped", h, b), tc.index, tc.size, leaf, q, root)
				}
			}
			for b := range root {
				reject(fmt.Sprintf("root byte %d flipped", b), tc.index, tc.size, leaf, p, flipped(root, b))
			}
			for b := range leaf {
				reject(fmt.Sprintf("leaf byte %d flipped", b), tc.index, tc.size, flipped(leaf, b), p, root)
			}
			for i := range uint64(size + 2) {
				if i != tc.index {
					reject(fmt.Sprintf("index %d", i), i, tc.size, leaf, p, root)
				}
			}
			// A wrong size is caught when its proof has another shape;
			// the proof file binds the size through the signed checkpoint.
			for s := uint64(1); s <= size+2; s++ {
				if want, err := tree.InclusionProof(tc.index, min(s, size)); s != tc.size && (err != nil || len(want) != len(p)) {
					reject(fmt.Sprintf("size %d", s), tc.index, s, leaf, p, root)
				}
			}
			if len(p) > 0 {
				reject("truncated", tc.index, tc.size, leaf, p[:len(p)-1], root)
				reject("first hash dropped", tc.index, tc.size, leaf, p[1:], root)
			}
			reject("extended", tc.index, tc.size, leaf, append(clone(p), hashOf([]byte("x"))), root)
			reject("root of another size", tc.index, tc.size, leaf, p, mustRoot(t, tree, tc.size-1))
			if len(p) > 0 {
				q := clone(p)
				q[0] = q[0][:31]
				reject("short hash", tc.index, tc.size, leaf, q, root)
			}
		})
	}
}

// TestConsistencyTamper mutates every part of valid consistency proofs.
func TestConsistencyTamper(t *testing.T) {
	const size = 40
	tree, _ := tlog.NewTree(leafHashes(size))
	for _, tc := range []struct{ m, n uint64 }{{1, 2}, {3, 7}, {4, 8}, {7, 40}, {16, 40}, {1, 40}, {39, 40}, {5, 5}} {
		t.Run(fmt.Sprintf("%d-to-%d", tc.m, tc.n), func(t *testing.T) {
			r1, r2 := mustRoot(t, tree, tc.m), mustRoot(t, tree, tc.n)
			p, _ := tree.ConsistencyProof(tc.m, tc.n)
			if err := tlog.VerifyConsistency(tc.m, tc.n, p, r1, r2); err != nil {
				t.Fatalf("valid proof rejected: %v", err)
			}
			reject := func(what string, m, n uint64, p [][]byte, r1, r2 []byte) {
				t.Helper()
				if err := tlog.VerifyConsistency(m, n, p, r1, r2); err == nil {
					t.Errorf("%s: accepted", what)
				}
			}
			for h := range p {
				for b := range p[h] {
					q := clone(p)
					q[h] = flipped(q[h], b)
					reject(fmt.Sprintf("hash %d byte %d flipped", h, b), tc.m, tc.n, q, r1, r2)
				}
			}
			for b := range r1 {
				reject(fmt.Sprintf("old root byte %d flipped", b), tc.m, tc.n, p, flipped(r1, b), r2)
				reject(fmt.Sprintf("new root byte %d flipped", b), tc.m, tc.n, p, r1, flipped(r2, b))
			}
			if len(p) > 0 {
				reject("truncated", tc.m, tc.n, p[:len(p)-1], r1, r2)
			}
			reject("extended", tc.m, tc.n, append(clone(p), hashOf([]byte("x"))), r1, r2)
			reject("sizes swapped", tc.n+1, tc.n, p, r2, r1)
			if tc.m > 1 {
				reject("old size - 1", tc.m-1, tc.n, p, r1, r2)
			}
		})
	}
	t.Run("empty old tree with a root that is not empty", func(t *testing.T) {
		if err := tlog.VerifyConsistency(0, 5, nil, hashOf([]byte("x")), mustRoot(t, tree, 5)); err == nil {
			t.Fatal("accepted")
		}
	})
}

func mustRoot(tb testing.TB, tree *tlog.Tree, size uint64) []byte {
	tb.Helper()
	r, err := tree.Root(size)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func clone(p [][]byte) [][]byte {
	q := make([][]byte, len(p))
	for i := range p {
		q[i] = bytes.Clone(p[i])
	}
	return q
}

// BenchmarkTree builds a tree of 10,000 leaves and proves every leaf in it,
// plus a consistency proof from every hundredth size.
func BenchmarkTree(b *testing.B) {
	const n = 10_000
	leaves := make([][]byte, n)
	for i := range leaves {
		leaves[i] = fmt.Appendf(nil, "parley/version/v1\nversion-id %d\n", i)
	}
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			tlog.BuildTree(leaves)
		}
	})
	tree := tlog.BuildTree(leaves)
	b.Run("inclusion-every-leaf", func(b *testing.B) {
		for b.Loop() {
			for i := range uint64(n) {
				if _, err := tree.InclusionProof(i, n); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("consistency-every-100", func(b *testing.B) {
		for b.Loop() {
			for m := uint64(0); m <= n; m += 100 {
				if _, err := tree.ConsistencyProof(m, n); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("build-and-prove-all", func(b *testing.B) {
		for b.Loop() {
			tree := tlog.BuildTree(leaves)
			root, _ := tree.Root(n)
			for i := range uint64(n) {
				p, _ := tree.InclusionProof(i, n)
				leaf, _ := tree.LeafHash(i)
				if err := tlog.VerifyInclusion(i, n, leaf, p, root); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
