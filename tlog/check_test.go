package tlog_test

import (
	"bytes"
	"strings"
	"testing"

	"parley/tlog"
)

func TestCheckLog(t *testing.T) {
	skey, vkey := testKeys(t)
	leaves := testLog(t)
	var checkpoints [][]byte
	for _, size := range []uint64{0, 1, 3, 4, 7} {
		checkpoints = append(checkpoints, signCheckpoint(t, leaves, size, testOrigin, skey))
	}
	head, err := tlog.CheckLog(leaves, checkpoints, vkey, testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	want := tlog.BuildTree(leaves)
	root, _ := want.Root(7)
	if head.Size != 7 || head.Origin != testOrigin || !bytes.Equal(head.Root, root) {
		t.Fatalf("head %+v", head)
	}
	if _, err := tlog.CheckLog(nil, nil, vkey, testOrigin); err != nil {
		t.Fatalf("empty log: %v", err)
	}
}

func TestCheckLogRejects(t *testing.T) {
	skey, vkey := testKeys(t)
	otherSkey, _ := logKey(t, testKeyName, 8)
	leaves := testLog(t)
	checkpoint := func(leaves [][]byte, size uint64) []byte {
		return signCheckpoint(t, leaves, size, testOrigin, skey)
	}
	with := func(i int, leaf []byte) [][]byte {
		l := append([][]byte(nil), leaves...)
		l[i] = leaf
		return l
	}
	endorsement := func(index uint64, versionLeaf []byte) []byte {
		e, err := tlog.SignEndorsement(partyKey(3), "Party C", index, versionLeaf)
		if err != nil {
			t.Fatal(err)
		}
		return mustEncode(t, e)
	}
	badSignature := func() []byte {
		e, _ := tlog.ParseEndorsement(leaves[4])
		e.Signature = flipped(e.Signature, 0)
		return mustEncode(t, e)
	}
	otherNegotiation := sampleVersion(5)
	otherNegotiation.NegotiationID = 8
	forked := with(1, mustEncode(t, sampleVersion(9)))
	rootless := tlog.Checkpoint{Origin: testOrigin, Size: 0, Root: hashOf([]byte("not empty"))}
	badEmpty, err := rootless.Sign(skey)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name        string
		leaves      [][]byte
		checkpoints [][]byte
		want        string
	}{
		{"malformed leaf", with(3, []byte("parley/version/v1\nnegotiation-id 7\n")), nil, "leaf 3: version leaf line 3: missing field negotiation"},
		{"unknown leaf kind", with(5, []byte("hello\n")), nil, "leaf 5: leaf line 1"},
		{"endorsement of a later leaf", with(2, endorsement(3, leaves[3])), nil, "leaf 2: the endorsement refers to leaf 3"},
		{"endorsement of itself", with(2, endorsement(2, leaves[0])), nil, "leaf 2: the endorsement refers to leaf 2"},
		{"endorsement of an endorsement", with(4, endorsement(2, leaves[0])), nil, "leaf 4: the endorsement refers to leaf 2, which is not a version leaf"},
		{"endorsement names the wrong index", with(4, endorsement(1, leaves[0])), nil, "leaf 4: endorsement by \"Party C\": version-leaf-hash"},
		{"endorsement signature broken", with(4, badSignature()), nil, "leaf 4: endorsement by \"Party B\": signature not valid"},
		{"another negotiation", with(5, mustEncode(t, otherNegotiation)), nil, "leaf 5: negotiation-id 8"},
		{"checkpoint by another key", leaves, [][]byte{checkpoint(leaves, 3), signCheckpoint(t, leaves, 5, testOrigin, otherSkey)}, "checkpoint 2 of 2: checkpoint has no signature by key"},
		{"checkpoint of another origin", leaves, [][]byte{signCheckpoint(t, leaves, 5, "parley.example/negotiation/8", skey)}, "checkpoint 1 of 1: checkpoint origin"},
		{"checkpoint beyond the log", leaves[:5], [][]byte{checkpoint(leaves, 6)}, "checkpoint 1 of 1: tree size 6 is beyond the log's 5 leaves"},
		{"history rewritten after a checkpoint", forked, [][]byte{checkpoint(leaves, 1), checkpoint(leaves, 3)}, "checkpoint 2 of 2 (tree size 3) is not consistent"},
		{"checkpoint of the same size, other root", forked, [][]byte{checkpoint(leaves, 7)}, "checkpoint 1 of 1 (tree size 7) is not consistent"},
		{"empty checkpoint with a root", leaves, [][]byte{badEmpty}, "checkpoint 1 of 1 (tree size 0) is not consistent"},
		{"checkpoint mangled", leaves, [][]byte{bytes.Replace(checkpoint(leaves, 3), []byte("\n3\n"), []byte("\n4\n"), 1)}, "checkpoint 1 of 1: checkpoint signature not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tlog.CheckLog(tt.leaves, tt.checkpoints, vkey, testOrigin)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}
