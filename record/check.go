package record

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"parley"
	"parley/tlog"
)

// Summary is what a record check found.
type Summary struct {
	Leaves, Versions, Endorsements, Checkpoints int
	Size                                        uint64 // the size of the whole log
	Root                                        []byte // its root
}

// Failure is a record or proof that does not hold, with a message naming
// what fails: not a mistake of the caller, nor of the store.
type Failure struct{ msg string }

func (f *Failure) Error() string { return f.msg }

// Failf makes a Failure.
func Failf(format string, args ...any) error { return &Failure{fmt.Sprintf(format, args...)} }

// Check checks one negotiation's record: every leaf row against its
// bytes and the stored data, then the whole log and every checkpoint with
// tlog.CheckLog.
func Check(ctx context.Context, store parley.Store, n *parley.Negotiation) (*Summary, error) {
	rows, err := store.ListRecordLeaves(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	cps, err := store.ListRecordCheckpoints(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	sum := &Summary{Leaves: len(rows), Checkpoints: len(cps)}
	where := fmt.Sprintf("the record of negotiation %d (%q)", n.ID, n.Title)
	if len(rows) == 0 {
		if len(cps) > 0 {
			return nil, Failf("%s has no leaves but %d checkpoints: leaves were lost", where, len(cps))
		}
		return sum, nil
	}
	key, err := store.FindRecordKey(ctx, n.ID, 0)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		return nil, Failf("%s has %d leaves but no record key to check its checkpoints with", where, len(rows))
	}
	if err != nil {
		return nil, err
	}
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	partyByID := map[int64]*parley.Party{}
	for _, p := range parties {
		partyByID[p.ID] = p
	}
	leaves := make([][]byte, len(rows))
	for i, row := range rows {
		if row.Index != int64(i) {
			return nil, Failf("%s: leaf %d is missing (the next stored leaf has index %d)", where, i, row.Index)
		}
		leaves[i] = row.Leaf
		switch row.Kind {
		case parley.LeafVersion:
			sum.Versions++
			if err := checkVersionLeaf(ctx, store, n, partyByID, row); err != nil {
				return nil, err
			}
		case parley.LeafEndorsement:
			sum.Endorsements++
			if err := checkEndorsementLeaf(ctx, store, n, partyByID, rows, row); err != nil {
				return nil, err
			}
		default:
			return nil, Failf("%s: leaf %d is of unknown kind %q", where, i, row.Kind)
		}
	}
	notes := make([][]byte, len(cps))
	for i, c := range cps {
		if c.Size != int64(i+1) {
			return nil, Failf("%s: the checkpoint of tree size %d is missing (every recording issues one)", where, i+1)
		}
		notes[i] = c.Note
	}
	whole, err := tlog.CheckLog(leaves, notes, key.PublicKey, key.Name)
	if err != nil {
		return nil, Failf("%s: %s", where, parley.ErrorMessage(err))
	}
	if len(cps) < len(rows) {
		return nil, Failf("%s: leaves %d to %d are not covered by any checkpoint", where, len(cps), len(rows)-1)
	}
	sum.Size, sum.Root = whole.Size, whole.Root
	return sum, nil
}

// checkVersionLeaf derives a version leaf again from the stored version,
// its text and points, the negotiation, the drafting party and the time
// kept in the leaf row, and compares it byte for byte with the stored leaf.
func checkVersionLeaf(ctx context.Context, store parley.Store, n *parley.Negotiation, parties map[int64]*parley.Party, row *parley.RecordLeaf) error {
	recorded, err := tlog.ParseVersionEntry(row.Leaf)
	if err != nil {
		return Failf("leaf %d of negotiation %d's record is not a version leaf: %s", row.Index, n.ID, parley.ErrorMessage(err))
	}
	what := fmt.Sprintf("version %d (%q)", recorded.VersionID, recorded.Label)
	if recorded.VersionID != row.VersionID {
		return Failf("%s: leaf %d records version %d, but its row says version %d", what, row.Index, recorded.VersionID, row.VersionID)
	}
	v, err := store.FindVersionByID(ctx, row.VersionID)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		return Failf("%s: the recorded version is no longer stored (leaf %d)", what, row.Index)
	}
	if err != nil {
		return err
	}
	stored := *v
	stored.TextHash = parley.HashText(v.Text) // the text as stored now, not the hash kept beside it
	drafting := ""
	if p := parties[v.PartyID]; p != nil {
		drafting = p.Name
	}
	entry, err := tlog.NewVersionEntry(&stored, n.Title, drafting, row.RecordedAt)
	if err != nil {
		return Failf("%s: the stored version no longer makes a leaf: %s", what, parley.ErrorMessage(err))
	}
	if recorded.BodyHash == "" {
		entry.BodyHash = "" // a v1 leaf, written before leaves fixed the original bytes
	}
	derived, err := entry.Encode()
	if err != nil {
		return Failf("%s: the stored version no longer makes a leaf: %s", what, parley.ErrorMessage(err))
	}
	if !bytes.Equal(derived, row.Leaf) {
		return Failf("%s: %s (leaf %d of negotiation %d's record)", what, leafDifference(recorded, entry), row.Index, n.ID)
	}
	if v.TextHash != stored.TextHash {
		return Failf("%s: the stored text hash no longer matches the stored text (leaf %d of negotiation %d's record)", what, row.Index, n.ID)
	}
	return nil
}

// leafDifference says in words how the stored data differs from what a
// version leaf recorded.
func leafDifference(recorded, now *tlog.VersionEntry) string {
	switch {
	case recorded.TextHash != now.TextHash:
		return "stored text no longer matches the recorded hash"
	case recorded.BodyHash != now.BodyHash:
		return "the stored original bytes (the body as received) no longer match the recorded body-sha256"
	case recorded.PointCount != now.PointCount:
		return fmt.Sprintf("stored points no longer match the record (%d recorded, %d stored)", recorded.PointCount, now.PointCount)
	case recorded.PointsHash != now.PointsHash:
		return "stored points no longer match the recorded points hash"
	case recorded.NegotiationID != now.NegotiationID:
		return fmt.Sprintf("the version now belongs to negotiation %d, the record says %d", now.NegotiationID, recorded.NegotiationID)
	case recorded.Negotiation != now.Negotiation:
		return fmt.Sprintf("the negotiation is now titled %q, the record says %q", now.Negotiation, recorded.Negotiation)
	case recorded.Label != now.Label:
		return fmt.Sprintf("the label is now %q", now.Label)
	case recorded.Date != now.Date:
		return fmt.Sprintf("the date is now %q, the record says %q", now.Date, recorded.Date)
	case recorded.Status != now.Status:
		return fmt.Sprintf("the status is now %q, the record says %q", now.Status, recorded.Status)
	case recorded.DraftingParty != now.DraftingParty:
		return fmt.Sprintf("the drafting party is now %q, the record says %q", now.DraftingParty, recorded.DraftingParty)
	case !recorded.RecordedAt.Equal(now.RecordedAt):
		return fmt.Sprintf("the time of recording kept beside the leaf (%s) is not the one in it (%s)",
			now.RecordedAt.Format(time.RFC3339), recorded.RecordedAt.Format(time.RFC3339))
	}
	return "the stored data no longer gives the recorded leaf byte for byte"
}

// checkEndorsementLeaf checks an endorsement row against its leaf: the
// version it endorses, the party it names and the party's stored key. Its
// signature is checked by tlog.CheckLog.
func checkEndorsementLeaf(ctx context.Context, store parley.Store, n *parley.Negotiation, parties map[int64]*parley.Party, rows []*parley.RecordLeaf, row *parley.RecordLeaf) error {
	where := fmt.Sprintf("leaf %d of negotiation %d's record", row.Index, n.ID)
	en, err := tlog.ParseEndorsement(row.Leaf)
	if err != nil {
		return Failf("%s is not an endorsement leaf: %s", where, parley.ErrorMessage(err))
	}
	p := parties[row.PartyID]
	if p == nil {
		return Failf("%s: the endorsing party %d is no longer stored", where, row.PartyID)
	}
	what := fmt.Sprintf("the endorsement by %s (%s)", p.Name, where)
	if en.VersionIndex >= uint64(row.Index) || rows[en.VersionIndex].Kind != parley.LeafVersion || rows[en.VersionIndex].VersionID != row.VersionID {
		return Failf("%s endorses leaf %d, which is not the leaf of version %d", what, en.VersionIndex, row.VersionID)
	}
	if en.Party != p.Name {
		return Failf("%s names the party %q", what, en.Party)
	}
	key, err := store.FindRecordKey(ctx, n.ID, p.ID)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		return Failf("%s: %s has no endorsement key stored", what, p.Name)
	}
	if err != nil {
		return err
	}
	if base64.StdEncoding.EncodeToString(en.PublicKey) != key.PublicKey {
		return Failf("%s is not signed with %s's endorsement key", what, p.Name)
	}
	return nil
}

// Proof returns the text of the proof that a version is in the
// negotiation's log, against the last checkpoint issued: the file
// "parley verify --proof" checks offline.
func Proof(ctx context.Context, store parley.Store, negotiationID, versionID int64) ([]byte, error) {
	rows, err := store.ListRecordLeaves(ctx, negotiationID)
	if err != nil {
		return nil, err
	}
	index := int64(-1)
	leaves := make([][]byte, len(rows))
	for i, r := range rows {
		leaves[i] = r.Leaf
		if r.Kind == parley.LeafVersion && r.VersionID == versionID {
			index = r.Index
		}
	}
	if index < 0 {
		return nil, parley.Errorf(parley.ENOTFOUND, "version %d is not in the record of negotiation %d: record it first (parley record add %d)", versionID, negotiationID, versionID)
	}
	cps, err := store.ListRecordCheckpoints(ctx, negotiationID)
	if err != nil {
		return nil, err
	}
	key, err := store.FindRecordKey(ctx, negotiationID, 0)
	if err != nil {
		return nil, err
	}
	if len(cps) == 0 {
		return nil, Failf("the record of negotiation %d has no checkpoint (run parley record check)", negotiationID)
	}
	proof, err := tlog.NewProof(leaves, uint64(index), cps[len(cps)-1].Note, key.PublicKey)
	if err != nil {
		return nil, Failf("the record of negotiation %d cannot prove version %d: %s (run parley record check)", negotiationID, versionID, parley.ErrorMessage(err))
	}
	return proof.Marshal()
}
