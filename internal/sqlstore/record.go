package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"parley"
)

// CreateRecordKey stores a sealed key and sets its ID and creation time.
func (s *DB) CreateRecordKey(ctx context.Context, k *parley.RecordKey) error {
	if err := k.Validate(); err != nil {
		return err
	}
	now := s.Now()
	what := func() string {
		if k.PartyID == 0 {
			return fmt.Sprintf("the record key of negotiation %d", k.NegotiationID)
		}
		return fmt.Sprintf("the endorsement key of party %d", k.PartyID)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM negotiations WHERE id = ?`), k.NegotiationID).Scan(&exists); err != nil {
			return s.wrap(err, "%s", what())
		}
		if exists == 0 {
			return parley.Errorf(parley.ENOTFOUND, "negotiation %d not found", k.NegotiationID)
		}
		if k.PartyID != 0 {
			if err := s.checkRefs(ctx, tx, "party", "parties", k.NegotiationID, []int64{k.PartyID}); err != nil {
				return err
			}
		}
		id, err := s.insert(ctx, tx, `INSERT INTO record_keys (negotiation_id, party_id, name, public_key, sealed_key, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			k.NegotiationID, nullID(k.PartyID), k.Name, k.PublicKey, k.SealedKey, formatTime(now))
		if err != nil {
			if s.dialect.Classify(err) == parley.ECONFLICT {
				return parley.Errorf(parley.ECONFLICT, "%s already exists: a key that may have signed the record is never replaced", what())
			}
			return s.wrap(err, "%s", what())
		}
		k.ID, k.CreatedAt = id, now
		// The audit log keeps the public half only.
		return s.audit(ctx, tx, k.NegotiationID, "create", "record_key", k.ID, nil,
			map[string]any{"id": k.ID, "party_id": k.PartyID, "name": k.Name, "public_key": k.PublicKey})
	})
}

const recordKeyColumns = `id, negotiation_id, party_id, name, public_key, sealed_key, created_at`

func scanRecordKey(sc interface{ Scan(...any) error }) (*parley.RecordKey, error) {
	var k parley.RecordKey
	var party sql.NullInt64
	var created string
	err := sc.Scan(&k.ID, &k.NegotiationID, &party, &k.Name, &k.PublicKey, &k.SealedKey, &created)
	k.PartyID, k.CreatedAt = fromNullID(party), parseTime(created)
	return &k, err
}

// FindRecordKey returns the negotiation's record key (partyID 0) or a
// party's endorsement key.
func (s *DB) FindRecordKey(ctx context.Context, negotiationID, partyID int64) (*parley.RecordKey, error) {
	var row *sql.Row
	var err error
	if partyID == 0 {
		row = s.reads.QueryRowContext(ctx, s.q(`SELECT `+recordKeyColumns+` FROM record_keys WHERE negotiation_id = ? AND party_id IS NULL`), negotiationID)
	} else {
		row = s.reads.QueryRowContext(ctx, s.q(`SELECT `+recordKeyColumns+` FROM record_keys WHERE negotiation_id = ? AND party_id = ?`), negotiationID, partyID)
	}
	k, err := scanRecordKey(row)
	if err != nil {
		if partyID == 0 {
			return nil, s.wrap(err, "the record key of negotiation %d", negotiationID)
		}
		return nil, s.wrap(err, "the endorsement key of party %d", partyID)
	}
	return k, nil
}

// ListRecordKeys returns the record key first, then the parties' keys.
func (s *DB) ListRecordKeys(ctx context.Context, negotiationID int64) ([]*parley.RecordKey, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT `+recordKeyColumns+` FROM record_keys WHERE negotiation_id = ? ORDER BY party_id IS NOT NULL, id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list record keys")
	}
	return collect(rows, scanRecordKey, s.wrapper("list record keys"))
}

// afterRecordInsert, when set by a test, runs inside AppendRecord's
// transaction after the leaf and its checkpoint are written.
var afterRecordInsert func()

// AppendRecord adds a leaf and its signed checkpoint in one transaction.
// The transaction first takes the negotiation's row (PostgreSQL: FOR NO
// KEY UPDATE; SQLite's BEGIN IMMEDIATE already holds the database), so
// appends to one log run one at a time and each sees the leaves of the one
// before; the primary key (negotiation, index) would refuse a second leaf
// at the same index even so.
func (s *DB) AppendRecord(ctx context.Context, negotiationID int64, build parley.RecordBuilder) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
	var leaf *parley.RecordLeaf
	var cp *parley.RecordCheckpoint
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM negotiations WHERE id = ?`+s.dialect.LockRow), negotiationID).Scan(&id); err != nil {
			return s.wrap(err, "negotiation %d", negotiationID)
		}
		log, err := s.recordLeaves(ctx, tx, negotiationID)
		if err != nil {
			return err
		}
		last, err := s.lastCheckpoint(ctx, tx, negotiationID)
		if err != nil {
			return err
		}
		now := s.Now().UTC().Truncate(time.Second)
		l, c, err := build(log, last, now)
		if err != nil {
			return err
		}
		if l == nil || c == nil {
			return fmt.Errorf("%s: append record: the builder returned no leaf or no checkpoint", s.dialect.Name)
		}
		l.NegotiationID, c.NegotiationID = negotiationID, negotiationID
		if err := s.checkAppend(ctx, tx, log, l, c); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO record_leaves (negotiation_id, leaf_index, kind, version_id, party_id, leaf, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
			negotiationID, l.Index, l.Kind, l.VersionID, nullID(l.PartyID), l.Leaf, formatTime(l.RecordedAt))
		if err != nil {
			return s.wrap(err, "record leaf %d of negotiation %d", l.Index, negotiationID)
		}
		c.CreatedAt = s.Now()
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO record_checkpoints (negotiation_id, tree_size, note, created_at) VALUES (?, ?, ?, ?)`),
			negotiationID, c.Size, string(c.Note), formatTime(c.CreatedAt))
		if err != nil {
			return s.wrap(err, "record checkpoint of size %d of negotiation %d", c.Size, negotiationID)
		}
		if afterRecordInsert != nil {
			afterRecordInsert()
		}
		leaf, cp = l, c
		return s.audit(ctx, tx, negotiationID, "append", "record", l.Index, nil,
			map[string]any{"index": l.Index, "kind": l.Kind, "version_id": l.VersionID, "party_id": l.PartyID, "tree_size": c.Size})
	})
	if err != nil {
		return nil, nil, err
	}
	return leaf, cp, nil
}

// checkAppend checks what a builder made against the log it was given.
func (s *DB) checkAppend(ctx context.Context, tx *sql.Tx, log []*parley.RecordLeaf, l *parley.RecordLeaf, c *parley.RecordCheckpoint) error {
	next := int64(len(log))
	if l.Index != next {
		return parley.Errorf(parley.EINVALID, "record leaf index %d: the log has %d leaves, so the next index is %d", l.Index, next, next)
	}
	if c.Size != next+1 {
		return parley.Errorf(parley.EINVALID, "record checkpoint of size %d: the log with the new leaf has %d leaves", c.Size, next+1)
	}
	if len(c.Note) == 0 {
		return parley.Errorf(parley.EINVALID, "record checkpoint of size %d is empty", c.Size)
	}
	if err := l.Validate(); err != nil {
		return err
	}
	recorded := false
	for _, prev := range log {
		if prev.Kind == parley.LeafVersion && prev.VersionID == l.VersionID {
			recorded = true
			if l.Kind == parley.LeafVersion {
				return parley.Errorf(parley.ECONFLICT, "version %d is already in the record (leaf %d)", l.VersionID, prev.Index)
			}
		}
		if l.Kind == parley.LeafEndorsement && prev.Kind == parley.LeafEndorsement && prev.VersionID == l.VersionID && prev.PartyID == l.PartyID {
			return parley.Errorf(parley.ECONFLICT, "party %d has already endorsed version %d (leaf %d)", l.PartyID, l.VersionID, prev.Index)
		}
	}
	if l.Kind == parley.LeafEndorsement && !recorded {
		return parley.Errorf(parley.EINVALID, "version %d is not in the record: record it before it is endorsed", l.VersionID)
	}
	if err := s.checkRefs(ctx, tx, "version", "versions", l.NegotiationID, []int64{l.VersionID}); err != nil {
		return err
	}
	for _, fresh := range []struct {
		what, table  string
		id, revision int64
	}{{"version", "versions", l.VersionID, l.VersionRevision}, {"negotiation", "negotiations", l.NegotiationID, l.NegotiationRevision}} {
		if fresh.revision == 0 {
			continue
		}
		var current int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT revision FROM `+fresh.table+` WHERE id = ?`), fresh.id).Scan(&current); err != nil {
			return s.wrap(err, "%s %d", fresh.what, fresh.id)
		}
		if current != fresh.revision {
			return parley.Errorf(parley.ECONFLICT, "%s %d was changed while its leaf was made (revision %d, the leaf has %d): try again", fresh.what, fresh.id, current, fresh.revision)
		}
	}
	if l.PartyID != 0 {
		return s.checkRefs(ctx, tx, "party", "parties", l.NegotiationID, []int64{l.PartyID})
	}
	return nil
}

const recordLeafColumns = `negotiation_id, leaf_index, kind, version_id, party_id, leaf, recorded_at`

func scanRecordLeaf(sc interface{ Scan(...any) error }) (*parley.RecordLeaf, error) {
	var l parley.RecordLeaf
	var party sql.NullInt64
	var recorded string
	err := sc.Scan(&l.NegotiationID, &l.Index, &l.Kind, &l.VersionID, &party, &l.Leaf, &recorded)
	l.PartyID, l.RecordedAt = fromNullID(party), parseTime(recorded)
	return &l, err
}

func (s *DB) recordLeaves(ctx context.Context, qr queryer, negotiationID int64) ([]*parley.RecordLeaf, error) {
	rows, err := qr.QueryContext(ctx, s.q(`SELECT `+recordLeafColumns+` FROM record_leaves WHERE negotiation_id = ? ORDER BY leaf_index`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list record leaves")
	}
	return collect(rows, scanRecordLeaf, s.wrapper("list record leaves"))
}

// ListRecordLeaves returns the log's leaves in index order.
func (s *DB) ListRecordLeaves(ctx context.Context, negotiationID int64) ([]*parley.RecordLeaf, error) {
	return s.recordLeaves(ctx, s.reads, negotiationID)
}

// lastCheckpoint returns the checkpoint of the largest tree, or nil.
func (s *DB) lastCheckpoint(ctx context.Context, tx *sql.Tx, negotiationID int64) (*parley.RecordCheckpoint, error) {
	c := parley.RecordCheckpoint{NegotiationID: negotiationID}
	var note, created string
	err := tx.QueryRowContext(ctx, s.q(`SELECT tree_size, note, created_at FROM record_checkpoints WHERE negotiation_id = ? ORDER BY tree_size DESC LIMIT 1`), negotiationID).Scan(&c.Size, &note, &created)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, s.wrap(err, "last record checkpoint of negotiation %d", negotiationID)
	}
	c.Note, c.CreatedAt = []byte(note), parseTime(created)
	return &c, nil
}

// ListRecordCheckpoints returns the checkpoints issued, by tree size.
func (s *DB) ListRecordCheckpoints(ctx context.Context, negotiationID int64) ([]*parley.RecordCheckpoint, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT negotiation_id, tree_size, note, created_at FROM record_checkpoints WHERE negotiation_id = ? ORDER BY tree_size`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list record checkpoints")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.RecordCheckpoint, error) {
		var c parley.RecordCheckpoint
		var note, created string
		err := sc.Scan(&c.NegotiationID, &c.Size, &note, &created)
		c.Note, c.CreatedAt = []byte(note), parseTime(created)
		return &c, err
	}, s.wrapper("list record checkpoints"))
}

// checkRecordedVersion refuses to change what a version leaf records
// (label, date, status, drafting party) once the version is in the record:
// the leaf could no longer be derived again from the stored version, and
// "parley record check" would fail for good, since the log is append-only.
func (s *DB) checkRecordedVersion(ctx context.Context, tx *sql.Tx, v *parley.Version) error {
	var negotiationID int64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT negotiation_id FROM versions WHERE id = ?`), v.ID).Scan(&negotiationID); err != nil {
		return s.wrap(err, "version %d", v.ID)
	}
	// Queue behind any append to the record, which holds this row.
	var id int64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM negotiations WHERE id = ?`+s.dialect.LockRow), negotiationID).Scan(&id); err != nil {
		return s.wrap(err, "negotiation %d", negotiationID)
	}
	var index int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT leaf_index FROM record_leaves WHERE version_id = ? AND kind = 'version'`), v.ID).Scan(&index)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return s.wrap(err, "version %d: record", v.ID)
	}
	var label, date, status string
	var party sql.NullInt64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT label, date, status, party_id FROM versions WHERE id = ?`), v.ID).Scan(&label, &date, &status, &party); err != nil {
		return s.wrap(err, "version %d", v.ID)
	}
	if label != v.Label || date != v.Date.String() || status != v.Status || fromNullID(party) != v.PartyID {
		return parley.Errorf(parley.ECONFLICT, "version %d (%q) is in the record (leaf %d): its label, date, status and drafting party can no longer change", v.ID, label, index)
	}
	return nil
}

// checkRecordedTitle refuses to rename a negotiation whose record names it.
func (s *DB) checkRecordedTitle(ctx context.Context, tx *sql.Tx, n *parley.Negotiation) error {
	var title string
	// The lock queues the rename behind any append to the record.
	if err := tx.QueryRowContext(ctx, s.q(`SELECT title FROM negotiations WHERE id = ?`+s.dialect.LockRow), n.ID).Scan(&title); err != nil {
		return s.wrap(err, "negotiation %d", n.ID)
	}
	if title == n.Title {
		return nil
	}
	var leaves int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM record_leaves WHERE negotiation_id = ? AND kind = 'version'`), n.ID).Scan(&leaves); err != nil {
		return s.wrap(err, "negotiation %d: record", n.ID)
	}
	if leaves > 0 {
		return parley.Errorf(parley.ECONFLICT, "negotiation %d (%q) has versions in its record, which name it: its title can no longer change", n.ID, title)
	}
	return nil
}
