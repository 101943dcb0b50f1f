package parley

import (
	"context"
	"time"
)

// Kinds of leaf in a negotiation's record.
const (
	LeafVersion     = "version"     // an official version of a text
	LeafEndorsement = "endorsement" // a party's signature over a recorded version
)

// RecordKey is a signing key of a negotiation's record: the log's own key,
// which signs its checkpoints (PartyID 0), or a party's endorsement key.
// The private half is only ever kept sealed under a passphrase; the store
// never sees it in the clear.
type RecordKey struct {
	ID            int64 `json:"id"`
	NegotiationID int64 `json:"negotiation_id"`
	// PartyID is the party whose endorsement key this is, 0 for the log's
	// record key.
	PartyID int64 `json:"party_id,omitempty"`
	// Name names the key: for the record key, the note key name, which is
	// also the origin line of the log's checkpoints; for a party's key, the
	// party's name.
	Name string `json:"name"`
	// PublicKey is what a reader checks signatures with: the note verifier
	// key ("name+hash+key") for the record key, the base64 of the ed25519
	// public key for a party's key.
	PublicKey string `json:"public_key"`
	// SealedKey is the private key sealed under a passphrase (tlog.SealKey).
	SealedKey string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks the fields a caller sets.
func (k *RecordKey) Validate() error {
	if k.NegotiationID == 0 {
		return Errorf(EINVALID, "record key: negotiation is required")
	}
	if err := validName("record key name", k.Name, 255); err != nil {
		return err
	}
	if err := validName("record key public key", k.PublicKey, 1000); err != nil {
		return err
	}
	if k.SealedKey == "" {
		return Errorf(EINVALID, "record key %q: the sealed private key is required", k.Name)
	}
	return nil
}

// RecordLeaf is one leaf of a negotiation's record: the exact bytes that
// are hashed into the log, and what they are about.
type RecordLeaf struct {
	NegotiationID int64 `json:"negotiation_id"`
	// Index is the leaf's place in the log, from 0, with no gaps.
	Index int64 `json:"index"`
	// Kind is LeafVersion or LeafEndorsement.
	Kind string `json:"kind"`
	// VersionID is the recorded version, or the endorsed one.
	VersionID int64 `json:"version_id"`
	// PartyID is the endorsing party of an endorsement, 0 for a version.
	PartyID int64 `json:"party_id,omitempty"`
	// Leaf is the canonical encoding hashed into the log, byte for byte.
	Leaf []byte `json:"leaf"`
	// RecordedAt is when the leaf entered the log, to the second; a
	// version leaf repeats it, so that it can be derived again.
	RecordedAt time.Time `json:"recorded_at"`

	// VersionRevision and NegotiationRevision, when set on a leaf to
	// append, are the revisions of the version and the negotiation the leaf
	// was made from: AppendRecord fails with ECONFLICT if either changed
	// since, so that a leaf never records metadata that is no longer
	// stored. They are not kept.
	VersionRevision     int64 `json:"-"`
	NegotiationRevision int64 `json:"-"`
}

// Validate checks the fields of a leaf to append.
func (l *RecordLeaf) Validate() error {
	switch {
	case l.Kind != LeafVersion && l.Kind != LeafEndorsement:
		return Errorf(EINVALID, "record leaf %d: kind %q is not one of %s, %s", l.Index, l.Kind, LeafVersion, LeafEndorsement)
	case l.VersionID == 0:
		return Errorf(EINVALID, "record leaf %d: version is required", l.Index)
	case l.Kind == LeafEndorsement && l.PartyID == 0:
		return Errorf(EINVALID, "record leaf %d: an endorsement needs its party", l.Index)
	case l.Kind == LeafVersion && l.PartyID != 0:
		return Errorf(EINVALID, "record leaf %d: a version leaf names no party", l.Index)
	case len(l.Leaf) == 0:
		return Errorf(EINVALID, "record leaf %d is empty", l.Index)
	case l.RecordedAt.IsZero():
		return Errorf(EINVALID, "record leaf %d: the time of recording is required", l.Index)
	}
	return nil
}

// RecordCheckpoint is a signed checkpoint issued for a negotiation's log:
// the signed note that commits to the first Size leaves.
type RecordCheckpoint struct {
	NegotiationID int64     `json:"negotiation_id"`
	Size          int64     `json:"size"`
	Note          []byte    `json:"note"`
	CreatedAt     time.Time `json:"created_at"`
}

// RecordBuilder makes what AppendRecord adds: given the leaves already in
// the log (in order), the last checkpoint issued for them (nil if none)
// and the time of recording, it returns the next leaf (Index len(log)) and
// the checkpoint of the log that ends in it (Size len(log)+1), signed. It
// runs inside the append's transaction, so it must be quick and must not
// touch the store.
type RecordBuilder func(log []*RecordLeaf, last *RecordCheckpoint, now time.Time) (*RecordLeaf, *RecordCheckpoint, error)

// RecordService keeps each negotiation's record: its signing keys (sealed),
// its append-only log of leaves and the checkpoints issued for it.
type RecordService interface {
	// CreateRecordKey stores a key and sets its ID and creation time. A
	// negotiation has one record key and each party one endorsement key;
	// a second is ECONFLICT, since a key that signed the record is never
	// replaced.
	CreateRecordKey(ctx context.Context, k *RecordKey) error
	// FindRecordKey returns the negotiation's record key (partyID 0) or a
	// party's endorsement key, or ENOTFOUND.
	FindRecordKey(ctx context.Context, negotiationID, partyID int64) (*RecordKey, error)
	// ListRecordKeys returns a negotiation's keys: the record key first,
	// then the parties' keys in the order they were made.
	ListRecordKeys(ctx context.Context, negotiationID int64) ([]*RecordKey, error)

	// AppendRecord adds one leaf and the checkpoint signed over the log
	// that ends in it, in one transaction serialised with every other
	// append to the same log: two appends never get the same index, and
	// an append that returned nil survives a crash. It calls build with
	// the log as it stands once the lock is held. A version recorded
	// twice, or endorsed twice by one party, is ECONFLICT.
	//
	// The store keeps bytes: checking what they say (signatures, roots) is
	// the builder's part, with the log and last checkpoint it is given.
	AppendRecord(ctx context.Context, negotiationID int64, build RecordBuilder) (*RecordLeaf, *RecordCheckpoint, error)
	// ListRecordLeaves returns the log's leaves in index order.
	ListRecordLeaves(ctx context.Context, negotiationID int64) ([]*RecordLeaf, error)
	// ListRecordCheckpoints returns the checkpoints issued for the log, in
	// the order they were issued (by tree size).
	ListRecordCheckpoints(ctx context.Context, negotiationID int64) ([]*RecordCheckpoint, error)
}

// MayRecordVersion says whether a member may record a version of its
// negotiation as official: mediators and owners. The error names the
// member's role.
func MayRecordVersion(m *Member) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only members of the negotiation may record a version as official")
	case m.Role == RoleMediator || m.Role == RoleOwner:
		return nil
	}
	return Errorf(EFORBIDDEN, "only a mediator or an owner records a version as official; you are %s of this negotiation", RoleName(m.Role))
}

// MayEndorse says whether a member may endorse a recorded version for the
// party p (nil: the member's own). An endorsement is the party's own
// signature, so only that party's delegates give it; mediators, owners
// and observers do not. The error names the member's role or the party.
func MayEndorse(m *Member, p *Party) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only a party's delegates endorse a recorded version for it")
	case m.Role != RoleDelegate:
		return Errorf(EFORBIDDEN, "only a party's delegates endorse a recorded version for it; you are %s of this negotiation", RoleName(m.Role))
	case p != nil && p.ID != m.PartyID:
		return Errorf(EFORBIDDEN, "party: a delegate endorses for its own party only, not for %s", p.Code)
	}
	return nil
}

// RoleName writes a role with its article, for messages: "an observer".
func RoleName(role string) string {
	if role == RoleOwner || role == RoleObserver {
		return "an " + role
	}
	return "a " + role
}
