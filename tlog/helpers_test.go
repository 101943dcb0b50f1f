package tlog_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"parley"
	"parley/tlog"
)

// Fixed names and keys, so that the committed fuzz seeds stay valid.
const (
	testOrigin  = "parley.example/negotiation/7"
	testKeyName = "parley-negotiation-7"
)

// logKey returns a note key pair derived from seed, so tests are repeatable.
func logKey(tb testing.TB, name string, seed byte) (skey, vkey string) {
	tb.Helper()
	skey, vkey, err := note.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{seed}, ed25519.SeedSize)), name)
	if err != nil {
		tb.Fatal(err)
	}
	return skey, vkey
}

// testKeys returns the log key every test uses.
func testKeys(tb testing.TB) (skey, vkey string) { return logKey(tb, testKeyName, 7) }

// partyKey returns a deterministic ed25519 key for a party.
func partyKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

// textHash returns a distinct hex text hash for n.
func textHash(n int) string { return parley.HashText(fmt.Sprintf("text of version %d\n", n)) }

// sampleVersion returns a valid version entry numbered n.
func sampleVersion(n int) *tlog.VersionEntry {
	return &tlog.VersionEntry{
		NegotiationID: 7,
		Negotiation:   "Peace framework talks",
		VersionID:     int64(40 + n),
		Label:         fmt.Sprintf("Draft %d", n),
		Date:          parley.MustParseDate("2025-11-20"),
		Status:        parley.StatusProposal,
		DraftingParty: "Party A",
		TextHash:      textHash(n),
		PointCount:    12,
		PointsHash:    parley.HashText(fmt.Sprintf("points %d", n)),
		RecordedAt:    time.Date(2025, 11, 21, 10, 0, n%60, 0, time.UTC),
	}
}

// mustEncode encodes an entry or fails the test.
func mustEncode(tb testing.TB, e tlog.Entry) []byte {
	tb.Helper()
	b, err := e.Encode()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// testLog returns the leaves of a small log: versions at 0, 1, 3 and 5,
// endorsements of version 0 at 2 and 4 (parties A and B) and of version 3
// at 6.
func testLog(tb testing.TB) [][]byte {
	tb.Helper()
	var leaves [][]byte
	addVersion := func(n int) {
		leaves = append(leaves, mustEncode(tb, sampleVersion(n)))
	}
	endorse := func(party string, seed byte, index int) {
		e, err := tlog.SignEndorsement(partyKey(seed), party, uint64(index), leaves[index])
		if err != nil {
			tb.Fatal(err)
		}
		leaves = append(leaves, mustEncode(tb, e))
	}
	addVersion(0)
	addVersion(1)
	endorse("Party A", 1, 0)
	addVersion(3)
	endorse("Party B", 2, 0)
	addVersion(5)
	endorse("Party A", 1, 3)
	return leaves
}

// signCheckpoint signs the checkpoint of the first size leaves.
func signCheckpoint(tb testing.TB, leaves [][]byte, size uint64, origin, skey string) []byte {
	tb.Helper()
	tree := tlog.BuildTree(leaves[:size])
	root, err := tree.Root(size)
	if err != nil {
		tb.Fatal(err)
	}
	signed, err := tlog.Checkpoint{Origin: origin, Size: size, Root: root}.Sign(skey)
	if err != nil {
		tb.Fatal(err)
	}
	return signed
}

// leafHashes returns n distinct leaf hashes.
func leafHashes(n int) [][]byte {
	hashes := make([][]byte, n)
	for i := range hashes {
		hashes[i] = tlog.HashLeaf(fmt.Appendf(nil, "leaf %d\n", i))
	}
	return hashes
}

// flipped returns a copy of b with bit 0 of byte i flipped.
func flipped(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

// hashOf is SHA-256 as a slice.
func hashOf(b []byte) []byte {
	h := sha256.Sum256(b)
	return h[:]
}
