package tlog

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"math/bits"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"

	"parley"
)

// HashSize is the size in bytes of every hash in the log: leaf hashes, node
// hashes, roots and proof hashes are all SHA-256.
const HashSize = sha256.Size

// hasher is the one RFC 6962 hasher of the package; generation and
// verification must agree on it.
var hasher = rfc6962.DefaultHasher

// HashLeaf returns the RFC 6962 leaf hash of an encoded leaf:
// SHA-256(0x00 || leaf).
func HashLeaf(leaf []byte) []byte { return hasher.HashLeaf(leaf) }

// EmptyRoot returns the root hash of the tree with no leaves:
// SHA-256 of the empty string.
func EmptyRoot() []byte { return hasher.EmptyRoot() }

// Tree is an in-memory RFC 6962 Merkle tree over leaf hashes. It keeps the
// hash of every complete subtree, so the root, an inclusion proof or a
// consistency proof at any earlier size costs O(log² n) hashes and building
// it costs n. The zero Tree is empty and ready to use.
//
// A Tree is meant to be rebuilt from the stored leaves when needed; it is not
// safe for concurrent use while it grows.
type Tree struct {
	// levels[k] holds the hashes of the complete subtrees of 2^k leaves,
	// left to right, HashSize bytes each.
	levels [][]byte
}

// NewTree returns a tree over the given leaf hashes, in log order.
func NewTree(leafHashes [][]byte) (*Tree, error) {
	t := &Tree{}
	for i, h := range leafHashes {
		if len(h) != HashSize {
			return nil, parley.Errorf(parley.EINVALID, "leaf hash %d is %d bytes, want %d", i, len(h), HashSize)
		}
		t.push(h)
	}
	return t, nil
}

// BuildTree returns the tree over the given encoded leaves, in log order,
// hashing each with HashLeaf.
func BuildTree(leaves [][]byte) *Tree {
	t := &Tree{}
	for _, leaf := range leaves {
		t.push(HashLeaf(leaf))
	}
	return t
}

// Append adds one leaf hash at the end of the tree.
func (t *Tree) Append(leafHash []byte) error {
	if len(leafHash) != HashSize {
		return parley.Errorf(parley.EINVALID, "leaf hash is %d bytes, want %d", len(leafHash), HashSize)
	}
	t.push(leafHash)
	return nil
}

// push appends a leaf hash and the hashes of the subtrees it completes.
func (t *Tree) push(h []byte) {
	for level := 0; ; level++ {
		if level == len(t.levels) {
			t.levels = append(t.levels, nil)
		}
		t.levels[level] = append(t.levels[level], h...)
		n := uint64(len(t.levels[level]) / HashSize)
		if n%2 == 1 {
			return
		}
		h = hasher.HashChildren(t.node(level, n-2), t.node(level, n-1))
	}
}

// node returns the hash of the i-th complete subtree at the given level. The
// slice shares the tree's memory; callers copy before handing it out.
func (t *Tree) node(level int, i uint64) []byte {
	off := i * HashSize
	return t.levels[level][off : off+HashSize : off+HashSize]
}

// Size returns the number of leaves.
func (t *Tree) Size() uint64 {
	if len(t.levels) == 0 {
		return 0
	}
	return uint64(len(t.levels[0]) / HashSize)
}

// LeafHash returns the hash of leaf i.
func (t *Tree) LeafHash(i uint64) ([]byte, error) {
	if i >= t.Size() {
		return nil, parley.Errorf(parley.EINVALID, "leaf %d is beyond the tree's %d leaves", i, t.Size())
	}
	return bytes.Clone(t.node(0, i)), nil
}

// Root returns the root hash of the tree made of the first size leaves.
func (t *Tree) Root(size uint64) ([]byte, error) {
	if size > t.Size() {
		return nil, parley.Errorf(parley.EINVALID, "tree size %d is beyond the tree's %d leaves", size, t.Size())
	}
	if size == 0 {
		return EmptyRoot(), nil
	}
	return bytes.Clone(t.hashRange(0, size)), nil
}

// InclusionProof returns the RFC 6962 audit path of leaf index in the tree
// made of the first size leaves, from the leaf's sibling up.
func (t *Tree) InclusionProof(index, size uint64) ([][]byte, error) {
	if size > t.Size() {
		return nil, parley.Errorf(parley.EINVALID, "tree size %d is beyond the tree's %d leaves", size, t.Size())
	}
	if index >= size {
		return nil, parley.Errorf(parley.EINVALID, "leaf %d is not in a tree of size %d", index, size)
	}
	return t.inclusion(index, 0, size, [][]byte{}), nil
}

// inclusion appends to p the audit path of leaf index within the subtree
// over leaves [begin, end), following RFC 6962 section 2.1.1.
func (t *Tree) inclusion(index, begin, end uint64, p [][]byte) [][]byte {
	n := end - begin
	if n == 1 {
		return p
	}
	k := split(n)
	if index < begin+k {
		p = t.inclusion(index, begin, begin+k, p)
		return append(p, bytes.Clone(t.hashRange(begin+k, end)))
	}
	p = t.inclusion(index, begin+k, end, p)
	return append(p, bytes.Clone(t.hashRange(begin, begin+k)))
}

// ConsistencyProof returns the RFC 6962 proof that the tree of size1 leaves
// is a prefix of the tree of size2 leaves. It is empty when size1 is 0 or
// equal to size2.
func (t *Tree) ConsistencyProof(size1, size2 uint64) ([][]byte, error) {
	if size2 > t.Size() {
		return nil, parley.Errorf(parley.EINVALID, "tree size %d is beyond the tree's %d leaves", size2, t.Size())
	}
	if size1 > size2 {
		return nil, parley.Errorf(parley.EINVALID, "consistency from size %d to the smaller size %d", size1, size2)
	}
	if size1 == 0 || size1 == size2 {
		return [][]byte{}, nil
	}
	return t.subproof(size1, 0, size2, true, [][]byte{}), nil
}

// subproof appends to p the RFC 6962 (section 2.1.2) SUBPROOF of the first m
// leaves of the subtree over [begin, end); whole says whether those m leaves
// are the whole old tree, whose root the verifier already knows.
func (t *Tree) subproof(m, begin, end uint64, whole bool, p [][]byte) [][]byte {
	n := end - begin
	if m == n {
		if whole {
			return p
		}
		return append(p, bytes.Clone(t.hashRange(begin, end)))
	}
	k := split(n)
	if m <= k {
		p = t.subproof(m, begin, begin+k, whole, p)
		return append(p, bytes.Clone(t.hashRange(begin+k, end)))
	}
	p = t.subproof(m-k, begin+k, end, false, p)
	return append(p, bytes.Clone(t.hashRange(begin, begin+k)))
}

// hashRange returns the Merkle tree hash of leaves [begin, end), a range
// produced by RFC 6962's recursive split from [0, size). Such a range starts
// at a multiple of its length rounded up to a power of two, so its left part
// is always a complete subtree the tree has stored.
func (t *Tree) hashRange(begin, end uint64) []byte {
	n := end - begin
	if n&(n-1) == 0 {
		level := bits.TrailingZeros64(n)
		return t.node(level, begin>>level)
	}
	k := split(n)
	return hasher.HashChildren(t.hashRange(begin, begin+k), t.hashRange(begin+k, end))
}

// split returns the largest power of two smaller than n, for n >= 2.
func split(n uint64) uint64 { return 1 << (bits.Len64(n-1) - 1) }

// VerifyInclusion checks, with github.com/transparency-dev/merkle/proof, that
// leafHash is leaf index of the tree of the given size and root.
func VerifyInclusion(index, size uint64, leafHash []byte, inclusion [][]byte, root []byte) error {
	if err := checkHashes("inclusion proof", inclusion); err != nil {
		return err
	}
	if index >= size {
		return parley.Errorf(parley.EINVALID, "leaf %d is not in a tree of size %d", index, size)
	}
	err := proof.VerifyInclusion(hasher, index, size, leafHash, inclusion, root)
	var mismatch proof.RootMismatchError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &mismatch):
		return parley.Errorf(parley.EINVALID, "inclusion proof of leaf %d does not match the root of the tree of size %d", index, size)
	}
	return parley.Errorf(parley.EINVALID, "inclusion proof of leaf %d in the tree of size %d: %v", index, size, err)
}

// VerifyConsistency checks, with github.com/transparency-dev/merkle/proof,
// that the tree of size1 leaves and root1 is a prefix of the tree of size2
// leaves and root2. Unlike the merkle package it also insists that a tree of
// size 0 has the empty root.
func VerifyConsistency(size1, size2 uint64, consistency [][]byte, root1, root2 []byte) error {
	if err := checkHashes("consistency proof", consistency); err != nil {
		return err
	}
	if size1 == 0 && !bytes.Equal(root1, EmptyRoot()) {
		return parley.Errorf(parley.EINVALID, "the root of the empty tree is not SHA-256 of nothing")
	}
	err := proof.VerifyConsistency(hasher, size1, size2, consistency, root1, root2)
	var mismatch proof.RootMismatchError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &mismatch):
		return parley.Errorf(parley.EINVALID, "consistency proof from size %d to size %d does not match the roots", size1, size2)
	}
	return parley.Errorf(parley.EINVALID, "consistency proof from size %d to size %d: %v", size1, size2, err)
}

func checkHashes(what string, hashes [][]byte) error {
	for i, h := range hashes {
		if len(h) != HashSize {
			return parley.Errorf(parley.EINVALID, "%s hash %d is %d bytes, want %d", what, i+1, len(h), HashSize)
		}
	}
	return nil
}
