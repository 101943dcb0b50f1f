package tlog

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/transparency-dev/merkle/proof"

	"parley"
)

// ProofHeader is the first line of a proof file.
const ProofHeader = "parley proof v1"

// Bounds of a proof file. A log of a billion leaves needs 30 proof hashes.
const (
	maxProofSize       = 1 << 20
	maxLeafLines       = 64
	maxProofHashes     = 64
	maxEndorsements    = 1000
	maxCheckpointLines = 128
)

// ProvenLeaf is one leaf of a proof: its index in the log, its bytes and
// its inclusion proof in the checkpoint's tree.
type ProvenLeaf struct {
	Index     uint64
	Leaf      []byte
	Inclusion [][]byte
}

// Proof shows that a version is in a log, checkable offline with only the
// log's verifier key. It holds the version leaf, the endorsement leaves of
// that version, each with its inclusion proof, and the signed checkpoint
// they are proved against.
//
// Its text form, written by Marshal and read by ParseProof, is
//
//	parley proof v1
//	tree-size 12
//	version 5
//	leaf 12
//	<the 12 lines of the version leaf>
//	inclusion 4
//	<4 lines, each the base64 of a proof hash, from the leaf up>
//	endorsement 7
//	leaf 7
//	<the 7 lines of the endorsement leaf>
//	inclusion 4
//	<4 lines of base64>
//	checkpoint 5
//	<the 5 lines of the signed checkpoint note>
//
// with one endorsement block per endorsement, in increasing index order,
// or none. Every count is a decimal number without leading zeros, and the
// file ends after the last line of the checkpoint.
type Proof struct {
	// TreeSize is the size of the checkpoint's tree, repeated for readers.
	TreeSize     uint64
	Version      ProvenLeaf
	Endorsements []ProvenLeaf
	// Checkpoint is the signed checkpoint note.
	Checkpoint []byte
}

// VerifiedProof is what a proof proves once Verify accepts it.
type VerifiedProof struct {
	Checkpoint   Checkpoint
	Index        uint64
	Version      *VersionEntry
	Endorsements []*Endorsement
}

// NewProof returns the proof that the version leaf at versionIndex is in the
// tree of the signed checkpoint, with every endorsement of that version the
// checkpoint's tree holds. leaves are the log's leaves in order, at least as
// many as the checkpoint's tree size; vkey is the log's verifier key. The
// proof is verified before it is returned.
func NewProof(leaves [][]byte, versionIndex uint64, signedCheckpoint []byte, vkey string) (*Proof, error) {
	cp, err := openCheckpoint(signedCheckpoint, vkey)
	if err != nil {
		return nil, err
	}
	if cp.Size > uint64(len(leaves)) {
		return nil, parley.Errorf(parley.EINVALID, "the checkpoint's tree size %d is beyond the log's %d leaves", cp.Size, len(leaves))
	}
	if versionIndex >= cp.Size {
		return nil, parley.Errorf(parley.EINVALID, "leaf %d is not in the checkpoint's tree of size %d", versionIndex, cp.Size)
	}
	tree := BuildTree(leaves[:cp.Size])
	root, err := tree.Root(cp.Size)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(root, cp.Root) {
		return nil, parley.Errorf(parley.EINVALID, "the checkpoint's root does not match the log's first %d leaves", cp.Size)
	}
	versionLeaf := leaves[versionIndex]
	if _, err := ParseVersionEntry(versionLeaf); err != nil {
		return nil, parley.Errorf(parley.EINVALID, "leaf %d: %s", versionIndex, parley.ErrorMessage(err))
	}
	prove := func(i uint64) (ProvenLeaf, error) {
		inclusion, err := tree.InclusionProof(i, cp.Size)
		return ProvenLeaf{Index: i, Leaf: bytes.Clone(leaves[i]), Inclusion: inclusion}, err
	}
	p := &Proof{TreeSize: cp.Size, Checkpoint: bytes.Clone(signedCheckpoint)}
	if p.Version, err = prove(versionIndex); err != nil {
		return nil, err
	}
	for i := versionIndex + 1; i < cp.Size; i++ {
		if !bytes.HasPrefix(leaves[i], []byte(EndorsementHeader+"\n")) {
			continue
		}
		e, err := ParseEndorsement(leaves[i])
		if err != nil {
			return nil, parley.Errorf(parley.EINVALID, "leaf %d: %s", i, parley.ErrorMessage(err))
		}
		if e.VersionIndex != versionIndex {
			continue
		}
		pl, err := prove(i)
		if err != nil {
			return nil, err
		}
		p.Endorsements = append(p.Endorsements, pl)
	}
	if _, err := p.Verify(vkey); err != nil {
		return nil, err
	}
	return p, nil
}

// Verify checks the proof with the log's verifier key vkey: the checkpoint's
// signature, the version leaf and its inclusion in the checkpoint's tree,
// and each endorsement's signature, reference and inclusion. Readers still
// compare the checkpoint's origin with the log they expect, and the text
// they hold with Version.CheckText.
func (p *Proof) Verify(vkey string) (*VerifiedProof, error) {
	cp, err := openCheckpoint(p.Checkpoint, vkey)
	if err != nil {
		return nil, err
	}
	if p.TreeSize != cp.Size {
		return nil, parley.Errorf(parley.EINVALID, "the proof's tree-size %d is not the checkpoint's tree size %d", p.TreeSize, cp.Size)
	}
	v, err := ParseVersionEntry(p.Version.Leaf)
	if err != nil {
		return nil, err
	}
	if err := checkInclusion("version leaf", p.Version, cp); err != nil {
		return nil, err
	}
	vp := &VerifiedProof{Checkpoint: cp, Index: p.Version.Index, Version: v}
	prev := p.Version.Index
	for _, pl := range p.Endorsements {
		if pl.Index <= prev {
			return nil, parley.Errorf(parley.EINVALID, "endorsement at index %d: endorsements must follow the version and each other in index order", pl.Index)
		}
		prev = pl.Index
		e, err := ParseEndorsement(pl.Leaf)
		if err != nil {
			return nil, parley.Errorf(parley.EINVALID, "endorsement at index %d: %s", pl.Index, parley.ErrorMessage(err))
		}
		if e.VersionIndex != p.Version.Index {
			return nil, parley.Errorf(parley.EINVALID, "endorsement at index %d endorses the version at index %d, not %d", pl.Index, e.VersionIndex, p.Version.Index)
		}
		if err := e.Verify(p.Version.Leaf); err != nil {
			return nil, parley.Errorf(parley.EINVALID, "endorsement at index %d: %s", pl.Index, parley.ErrorMessage(err))
		}
		if err := checkInclusion("endorsement leaf", pl, cp); err != nil {
			return nil, err
		}
		vp.Endorsements = append(vp.Endorsements, e)
	}
	return vp, nil
}

// checkInclusion verifies, with the merkle proof package, that a proven leaf
// is in the checkpoint's tree.
func checkInclusion(what string, pl ProvenLeaf, cp Checkpoint) error {
	if pl.Index >= cp.Size {
		return parley.Errorf(parley.EINVALID, "%s at index %d is not in the checkpoint's tree of size %d", what, pl.Index, cp.Size)
	}
	if err := checkHashes("inclusion proof", pl.Inclusion); err != nil {
		return parley.Errorf(parley.EINVALID, "%s at index %d: %s", what, pl.Index, parley.ErrorMessage(err))
	}
	err := proof.VerifyInclusion(hasher, pl.Index, cp.Size, HashLeaf(pl.Leaf), pl.Inclusion, cp.Root)
	var mismatch proof.RootMismatchError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &mismatch):
		return parley.Errorf(parley.EINVALID, "%s at index %d: inclusion proof does not match the checkpoint root", what, pl.Index)
	}
	return parley.Errorf(parley.EINVALID, "%s at index %d: inclusion proof: %v", what, pl.Index, err)
}

// Marshal returns the text form of the proof.
func (p *Proof) Marshal() ([]byte, error) {
	if len(p.Endorsements) > maxEndorsements {
		return nil, parley.Errorf(parley.EINVALID, "proof has %d endorsements, more than %d", len(p.Endorsements), maxEndorsements)
	}
	var b bytes.Buffer
	b.WriteString(ProofHeader + "\n")
	fmt.Fprintf(&b, "tree-size %d\n", p.TreeSize)
	fmt.Fprintf(&b, "version %d\n", p.Version.Index)
	if err := writeProvenLeaf(&b, "version leaf", p.Version); err != nil {
		return nil, err
	}
	for _, e := range p.Endorsements {
		fmt.Fprintf(&b, "endorsement %d\n", e.Index)
		if err := writeProvenLeaf(&b, "endorsement leaf", e); err != nil {
			return nil, err
		}
	}
	n, err := countLines("checkpoint", p.Checkpoint, maxCheckpointLines)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(&b, "checkpoint %d\n", n)
	b.Write(p.Checkpoint)
	if b.Len() > maxProofSize {
		return nil, parley.Errorf(parley.EINVALID, "proof is larger than %d bytes", maxProofSize)
	}
	return b.Bytes(), nil
}

func writeProvenLeaf(b *bytes.Buffer, what string, pl ProvenLeaf) error {
	n, err := countLines(what, pl.Leaf, maxLeafLines)
	if err != nil {
		return err
	}
	if len(pl.Inclusion) > maxProofHashes {
		return parley.Errorf(parley.EINVALID, "%s at index %d: inclusion proof has %d hashes, more than %d", what, pl.Index, len(pl.Inclusion), maxProofHashes)
	}
	if err := checkHashes("inclusion proof", pl.Inclusion); err != nil {
		return parley.Errorf(parley.EINVALID, "%s at index %d: %s", what, pl.Index, parley.ErrorMessage(err))
	}
	fmt.Fprintf(b, "leaf %d\n", n)
	b.Write(pl.Leaf)
	fmt.Fprintf(b, "inclusion %d\n", len(pl.Inclusion))
	for _, h := range pl.Inclusion {
		b.WriteString(base64.StdEncoding.EncodeToString(h))
		b.WriteByte('\n')
	}
	return nil
}

// countLines returns the number of lines of text, which must be non-empty
// and end with a newline.
func countLines(what string, text []byte, max int) (int, error) {
	if len(text) == 0 || text[len(text)-1] != '\n' {
		return 0, parley.Errorf(parley.EINVALID, "%s is empty or does not end with a newline", what)
	}
	n := bytes.Count(text, []byte("\n"))
	if n > max {
		return 0, parley.Errorf(parley.EINVALID, "%s has %d lines, more than %d", what, n, max)
	}
	return n, nil
}

// ParseProof reads the text form of a proof. It checks the form only; Verify
// checks what the proof says.
func ParseProof(b []byte) (*Proof, error) {
	if len(b) > maxProofSize {
		return nil, parley.Errorf(parley.EINVALID, "proof is larger than %d bytes", maxProofSize)
	}
	if len(b) == 0 || b[len(b)-1] != '\n' {
		return nil, parley.Errorf(parley.EINVALID, "proof is empty or does not end with a newline")
	}
	r := &proofReader{lines: strings.Split(string(b[:len(b)-1]), "\n")}
	if r.lines[0] != ProofHeader {
		return nil, parley.Errorf(parley.EINVALID, "proof line 1: want %q, found %s", ProofHeader, quoteCut(r.lines[0]))
	}
	r.next = 1
	p := &Proof{}
	p.TreeSize = r.number("tree-size", math.MaxUint64)
	p.Version.Index = r.number("version", math.MaxUint64)
	p.Version.Leaf, p.Version.Inclusion = r.provenLeaf()
	for r.err == nil && r.next < len(r.lines) && strings.HasPrefix(r.lines[r.next], "endorsement ") {
		if len(p.Endorsements) == maxEndorsements {
			r.fail("more than %d endorsements", maxEndorsements)
			break
		}
		var e ProvenLeaf
		e.Index = r.number("endorsement", math.MaxUint64)
		e.Leaf, e.Inclusion = r.provenLeaf()
		p.Endorsements = append(p.Endorsements, e)
	}
	n := r.number("checkpoint", maxCheckpointLines)
	if r.err == nil && n == 0 {
		r.fail("the checkpoint has no lines")
	}
	p.Checkpoint = r.block(int(n))
	if r.err == nil && r.next < len(r.lines) {
		r.next++
		r.fail("unexpected line after the checkpoint: %s", quoteCut(r.lines[r.next-1]))
	}
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}

// proofReader reads a proof line by line, keeping the first error.
type proofReader struct {
	lines []string
	next  int // index of the next line; the last line read is line number next
	err   error
}

func (r *proofReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = parley.Errorf(parley.EINVALID, "proof line %d: %s", r.next, fmt.Sprintf(format, args...))
	}
}

// take returns the next line, or fails naming what was expected.
func (r *proofReader) take(want string) (string, bool) {
	if r.err != nil {
		return "", false
	}
	if r.next >= len(r.lines) {
		r.next++
		r.fail("missing; want %s", want)
		return "", false
	}
	r.next++
	return r.lines[r.next-1], true
}

// number reads "key N" with N canonical decimal and at most max.
func (r *proofReader) number(key string, max uint64) uint64 {
	line, ok := r.take(fmt.Sprintf("%q and a number", key))
	if !ok {
		return 0
	}
	v, ok := strings.CutPrefix(line, key+" ")
	if !ok {
		r.fail("want %q and a number, found %s", key, quoteCut(line))
		return 0
	}
	n, ok := parseDecimal(v)
	if !ok {
		r.fail("%s: %s is not a decimal number without leading zeros", key, quoteCut(v))
		return 0
	}
	if n > max {
		r.fail("%s: %d is more than %d", key, n, max)
		return 0
	}
	return n
}

// block returns the next n lines, each with its newline.
func (r *proofReader) block(n int) []byte {
	if r.err != nil {
		return nil
	}
	if left := len(r.lines) - r.next; left < n {
		r.next = len(r.lines) + 1
		r.fail("missing; the proof ends %d lines early", n-left)
		return nil
	}
	var b bytes.Buffer
	for _, line := range r.lines[r.next : r.next+n] {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	r.next += n
	return b.Bytes()
}

// provenLeaf reads "leaf N", N lines, "inclusion K" and K hashes.
func (r *proofReader) provenLeaf() ([]byte, [][]byte) {
	n := r.number("leaf", maxLeafLines)
	if r.err == nil && n == 0 {
		r.fail("a leaf has at least one line")
	}
	leaf := r.block(int(n))
	k := r.number("inclusion", maxProofHashes)
	inclusion := make([][]byte, 0, k)
	for range k {
		line, ok := r.take("an inclusion proof hash")
		if !ok {
			break
		}
		h, ok := decodeBase64(line, HashSize)
		if !ok {
			r.fail("%s is not the base64 of a %d-byte hash", quoteCut(line), HashSize)
			break
		}
		inclusion = append(inclusion, h)
	}
	return leaf, inclusion
}
