package tlog

import (
	"parley"
)

// CheckLog checks a whole log: leaves are all its leaves in order and
// checkpoints the signed checkpoints issued for it, in any order. It checks
// that every leaf parses; that every endorsement's signature verifies and
// that it endorses an earlier version leaf, by leaf hash and text hash; that
// all version leaves name the same negotiation id; that every checkpoint is
// signed by vkey for origin; and that every checkpoint is consistent with
// the tree of all the leaves, by a consistency proof generated here and
// verified with the merkle proof package. The error names the first leaf
// index or checkpoint at fault.
//
// On success CheckLog returns the unsigned checkpoint of the whole log, which
// the caller may sign as the next one.
func CheckLog(leaves [][]byte, checkpoints [][]byte, vkey, origin string) (Checkpoint, error) {
	var negotiationID int64
	firstVersion := -1
	for i, leaf := range leaves {
		entry, err := ParseEntry(leaf)
		if err != nil {
			return Checkpoint{}, parley.Errorf(parley.EINVALID, "leaf %d: %s", i, parley.ErrorMessage(err))
		}
		switch e := entry.(type) {
		case *VersionEntry:
			if e.NegotiationID == 0 {
				break
			}
			if negotiationID == 0 {
				negotiationID, firstVersion = e.NegotiationID, i
			} else if e.NegotiationID != negotiationID {
				return Checkpoint{}, parley.Errorf(parley.EINVALID, "leaf %d: negotiation-id %d is not the negotiation-id %d of leaf %d", i, e.NegotiationID, negotiationID, firstVersion)
			}
		case *Endorsement:
			if e.VersionIndex >= uint64(i) {
				return Checkpoint{}, parley.Errorf(parley.EINVALID, "leaf %d: the endorsement refers to leaf %d, which does not come before it", i, e.VersionIndex)
			}
			versionLeaf := leaves[e.VersionIndex]
			if _, err := ParseVersionEntry(versionLeaf); err != nil {
				return Checkpoint{}, parley.Errorf(parley.EINVALID, "leaf %d: the endorsement refers to leaf %d, which is not a version leaf", i, e.VersionIndex)
			}
			if err := e.Verify(versionLeaf); err != nil {
				return Checkpoint{}, parley.Errorf(parley.EINVALID, "leaf %d: %s", i, parley.ErrorMessage(err))
			}
		}
	}

	tree := BuildTree(leaves)
	size := tree.Size()
	root, err := tree.Root(size)
	if err != nil {
		return Checkpoint{}, err
	}
	for j, signed := range checkpoints {
		cp, err := OpenCheckpoint(signed, vkey, origin)
		if err != nil {
			return Checkpoint{}, parley.Errorf(parley.EINVALID, "checkpoint %d of %d: %s", j+1, len(checkpoints), parley.ErrorMessage(err))
		}
		if cp.Size > size {
			return Checkpoint{}, parley.Errorf(parley.EINVALID, "checkpoint %d of %d: tree size %d is beyond the log's %d leaves", j+1, len(checkpoints), cp.Size, size)
		}
		consistency, err := tree.ConsistencyProof(cp.Size, size)
		if err != nil {
			return Checkpoint{}, err
		}
		if err := VerifyConsistency(cp.Size, size, consistency, cp.Root, root); err != nil {
			return Checkpoint{}, parley.Errorf(parley.EINVALID, "checkpoint %d of %d (tree size %d) is not consistent with the log's %d leaves: %s",
				j+1, len(checkpoints), cp.Size, size, parley.ErrorMessage(err))
		}
	}
	return Checkpoint{Origin: origin, Size: size, Root: root}, nil
}
