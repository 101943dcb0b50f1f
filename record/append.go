package record

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"time"

	"parley"
	"parley/tlog"
)

// Target is a stored version with the names its leaf records: the
// negotiation it belongs to and the party that drafted it.
type Target struct {
	Version       *parley.Version
	Negotiation   *parley.Negotiation
	DraftingParty string // the name of the party that drafted it, or ""
}

// LoadTarget loads the stored version id with its negotiation and the
// name of the party that drafted it.
func LoadTarget(ctx context.Context, store parley.Store, id int64) (*Target, error) {
	v, err := store.FindVersionByID(ctx, id)
	if err != nil {
		return nil, err
	}
	n, err := store.FindNegotiationByID(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	vc := &Target{Version: v, Negotiation: n}
	if v.PartyID != 0 {
		parties, err := store.ListParties(ctx, n.ID)
		if err != nil {
			return nil, err
		}
		for _, p := range parties {
			if p.ID == v.PartyID {
				vc.DraftingParty = p.Name
			}
		}
	}
	return vc, nil
}

// What names the version in messages: version 3 ("28-point plan").
func (vc *Target) What() string {
	return fmt.Sprintf("version %d (%q)", vc.Version.ID, vc.Version.Label)
}

// notRecorded fails with ECONFLICT when the log already records the version.
func (vc *Target) notRecorded(log []*parley.RecordLeaf) error {
	for _, l := range log {
		if l.Kind == parley.LeafVersion && l.VersionID == vc.Version.ID {
			return parley.Errorf(parley.ECONFLICT, "%s is already in the record of negotiation %d (leaf %d)", vc.What(), vc.Negotiation.ID, l.Index)
		}
	}
	return nil
}

// endorsable returns the version's leaf in the log, failing when the
// version is not recorded or p has endorsed it already.
func (vc *Target) endorsable(log []*parley.RecordLeaf, p *parley.Party) (*parley.RecordLeaf, error) {
	var version *parley.RecordLeaf
	for _, l := range log {
		switch {
		case l.Kind == parley.LeafVersion && l.VersionID == vc.Version.ID:
			version = l
		case l.Kind == parley.LeafEndorsement && l.VersionID == vc.Version.ID && l.PartyID == p.ID:
			return nil, parley.Errorf(parley.ECONFLICT, "%s has already endorsed %s (leaf %d)", p.Name, vc.What(), l.Index)
		}
	}
	if version == nil {
		return nil, parley.Errorf(parley.EINVALID, "%s is not in the record: run \"parley record add %d\" before it is endorsed", vc.What(), vc.Version.ID)
	}
	return version, nil
}

// AppendVersion appends the leaf of a version, signed into the log with
// the record key (key, opened as skey).
func AppendVersion(ctx context.Context, store parley.Store, vc *Target, key *parley.RecordKey, skey string) (*parley.RecordLeaf, *parley.RecordCheckpoint, []byte, error) {
	return appendLeaf(ctx, store, vc.Negotiation, key, skey, func(log []*parley.RecordLeaf, now time.Time) (*parley.RecordLeaf, error) {
		if err := vc.notRecorded(log); err != nil {
			return nil, err
		}
		entry, err := tlog.NewVersionEntry(vc.Version, vc.Negotiation.Title, vc.DraftingParty, now)
		if err != nil {
			return nil, err
		}
		b, err := entry.Encode()
		if err != nil {
			return nil, err
		}
		return &parley.RecordLeaf{Index: int64(len(log)), Kind: parley.LeafVersion, VersionID: vc.Version.ID, Leaf: b, RecordedAt: now,
			VersionRevision: vc.Version.Revision, NegotiationRevision: vc.Negotiation.Revision}, nil
	})
}

// AppendEndorsement appends p's endorsement of a recorded version, signed
// with p's key (private), into the log.
func AppendEndorsement(ctx context.Context, store parley.Store, vc *Target, p *parley.Party, private ed25519.PrivateKey, key *parley.RecordKey, skey string) (*parley.RecordLeaf, *parley.RecordCheckpoint, []byte, error) {
	return appendLeaf(ctx, store, vc.Negotiation, key, skey, func(log []*parley.RecordLeaf, now time.Time) (*parley.RecordLeaf, error) {
		version, err := vc.endorsable(log, p)
		if err != nil {
			return nil, err
		}
		en, err := tlog.SignEndorsement(private, p.Name, uint64(version.Index), version.Leaf)
		if err != nil {
			return nil, err
		}
		b, err := en.Encode()
		if err != nil {
			return nil, err
		}
		return &parley.RecordLeaf{Index: int64(len(log)), Kind: parley.LeafEndorsement, VersionID: vc.Version.ID, PartyID: p.ID, Leaf: b, RecordedAt: now}, nil
	})
}

// appendLeaf appends the leaf that makeLeaf builds, with the checkpoint of
// the log that ends in it signed by the record key, and returns the new
// root. Before it signs, it checks that the log is the one the last
// checkpoint signed, so that a damaged log is never signed over.
func appendLeaf(ctx context.Context, store parley.Store, n *parley.Negotiation, key *parley.RecordKey, skey string,
	makeLeaf func(log []*parley.RecordLeaf, now time.Time) (*parley.RecordLeaf, error)) (*parley.RecordLeaf, *parley.RecordCheckpoint, []byte, error) {
	var root []byte
	leaf, cp, err := store.AppendRecord(ctx, n.ID, func(log []*parley.RecordLeaf, last *parley.RecordCheckpoint, now time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
		leaves := make([][]byte, 0, len(log)+1)
		for _, l := range log {
			leaves = append(leaves, l.Leaf)
		}
		tree := tlog.BuildTree(leaves)
		if err := holdsLastCheckpoint(n, key, tree, last); err != nil {
			return nil, nil, err
		}
		leaf, err := makeLeaf(log, now)
		if err != nil {
			return nil, nil, err
		}
		if err := tree.Append(tlog.HashLeaf(leaf.Leaf)); err != nil {
			return nil, nil, err
		}
		size := tree.Size()
		if root, err = tree.Root(size); err != nil {
			return nil, nil, err
		}
		signed, err := tlog.Checkpoint{Origin: key.Name, Size: size, Root: root}.Sign(skey)
		if err != nil {
			return nil, nil, err
		}
		// A sealed key that does not match the stored public key would sign
		// checkpoints nobody can check: refuse it.
		if _, err := tlog.OpenCheckpoint(signed, key.PublicKey, key.Name); err != nil {
			return nil, nil, fmt.Errorf("%s: the sealed key does not match the public key stored beside it", KeyWhat(n, nil))
		}
		return leaf, &parley.RecordCheckpoint{Size: int64(size), Note: signed}, nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return leaf, cp, root, nil
}

// holdsLastCheckpoint checks that the log in tree is exactly the one the
// last checkpoint signed: every append issues a checkpoint of the whole
// log, so anything else means leaves or checkpoints were lost or changed.
func holdsLastCheckpoint(n *parley.Negotiation, key *parley.RecordKey, tree *tlog.Tree, last *parley.RecordCheckpoint) error {
	size := tree.Size()
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("the record of negotiation %d is damaged: %s; nothing more is signed over it (run parley record check)", n.ID, fmt.Sprintf(format, args...))
	}
	if last == nil {
		if size > 0 {
			return damaged("it has %d leaves but no checkpoint", size)
		}
		return nil
	}
	cp, err := tlog.OpenCheckpoint(last.Note, key.PublicKey, key.Name)
	if err != nil {
		return damaged("its last checkpoint does not open with the record key: %s", parley.ErrorMessage(err))
	}
	if cp.Size != size || uint64(last.Size) != size {
		return damaged("its last checkpoint covers %d leaves, the log has %d", cp.Size, size)
	}
	if root, err := tree.Root(size); err != nil || !bytes.Equal(root, cp.Root) {
		return damaged("its leaves no longer give the root of its last checkpoint")
	}
	return nil
}

// Appended is what a recording appended to a negotiation's log.
type Appended struct {
	Target     *Target
	Party      *parley.Party // the endorsing party; nil for a version
	Leaf       *parley.RecordLeaf
	Checkpoint *parley.RecordCheckpoint
	Root       []byte // the root of the log that ends in the leaf
	// MadeKey is the key made for this recording (the record key, or the
	// party's endorsement key), nil when it existed before.
	MadeKey *parley.RecordKey
}

// Add records the stored version id as official: it appends the version's
// leaf to its negotiation's log and signs the new checkpoint with the
// record key, which it makes, sealed with pass, on first use. A version is
// recorded once (ECONFLICT after that); a version whose stored text no
// longer matches its hash is refused.
func Add(ctx context.Context, store parley.Store, id int64, pass []byte) (*Appended, error) {
	vc, err := LoadTarget(ctx, store, id)
	if err != nil {
		return nil, err
	}
	if parley.HashText(vc.Version.Text) != vc.Version.TextHash {
		return nil, fmt.Errorf("%s: the stored text does not match its stored hash; it cannot be recorded (run parley record check)", vc.What())
	}
	// Fail early, before the keys are opened; the append checks again
	// under the lock.
	log, err := store.ListRecordLeaves(ctx, vc.Negotiation.ID)
	if err != nil {
		return nil, err
	}
	if err := vc.notRecorded(log); err != nil {
		return nil, err
	}
	key, created, err := LoadKey(ctx, store, vc.Negotiation, nil, pass)
	if err != nil {
		return nil, err
	}
	skey, err := OpenLogKey(vc.Negotiation, key, pass)
	if err != nil {
		return nil, err
	}
	out := &Appended{Target: vc}
	if created {
		out.MadeKey = key
	}
	if out.Leaf, out.Checkpoint, out.Root, err = AppendVersion(ctx, store, vc, key, skey); err != nil {
		return nil, err
	}
	return out, nil
}

// Endorse appends the endorsement of the recorded version id by the party
// (a code or a name), signed with the party's key, which it makes, sealed
// with pass, on first use. A party endorses a version once.
func Endorse(ctx context.Context, store parley.Store, id int64, party string, pass []byte) (*Appended, error) {
	vc, err := LoadTarget(ctx, store, id)
	if err != nil {
		return nil, err
	}
	p, err := store.FindParty(ctx, vc.Negotiation.ID, party)
	if err != nil {
		return nil, err
	}
	log, err := store.ListRecordLeaves(ctx, vc.Negotiation.ID)
	if err != nil {
		return nil, err
	}
	if _, err := vc.endorsable(log, p); err != nil {
		return nil, err
	}
	key, err := store.FindRecordKey(ctx, vc.Negotiation.ID, 0)
	if err != nil {
		return nil, err
	}
	skey, err := OpenLogKey(vc.Negotiation, key, pass)
	if err != nil {
		return nil, err
	}
	partyKey, created, err := LoadKey(ctx, store, vc.Negotiation, p, pass)
	if err != nil {
		return nil, err
	}
	private, err := OpenPartyKey(vc.Negotiation, p, partyKey, pass)
	if err != nil {
		return nil, err
	}
	out := &Appended{Target: vc, Party: p}
	if created {
		out.MadeKey = partyKey
	}
	if out.Leaf, out.Checkpoint, out.Root, err = AppendEndorsement(ctx, store, vc, p, private, key, skey); err != nil {
		return nil, err
	}
	return out, nil
}
