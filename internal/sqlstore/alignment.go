package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// SaveAlignment stores a, replacing the alignment stored for its versions.
func (s *DB) SaveAlignment(ctx context.Context, a *parley.Alignment) error {
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkPair(ctx, tx, a.OldVersionID, a.NewVersionID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM alignments WHERE old_version_id = ? AND new_version_id = ?`), a.OldVersionID, a.NewVersionID); err != nil {
			return s.wrap(err, "alignment %d -> %d", a.OldVersionID, a.NewVersionID)
		}
		links := a.Links
		if links == nil {
			links = []parley.AlignmentLink{}
		}
		id, err := s.insert(ctx, tx, `INSERT INTO alignments (old_version_id, new_version_id, links, computed_at) VALUES (?, ?, ?, ?)`,
			a.OldVersionID, a.NewVersionID, toJSON(links), formatTime(now))
		if err != nil {
			return s.wrap(err, "alignment %d -> %d", a.OldVersionID, a.NewVersionID)
		}
		a.ID, a.ComputedAt = id, now
		return nil
	})
}

// checkPair checks that two different versions of one negotiation exist.
func (s *DB) checkPair(ctx context.Context, qr queryer, oldID, newID int64) error {
	var oldN, newN int64
	if err := qr.QueryRowContext(ctx, s.q(`SELECT negotiation_id FROM versions WHERE id = ?`), oldID).Scan(&oldN); err != nil {
		return s.wrap(err, "version %d", oldID)
	}
	if err := qr.QueryRowContext(ctx, s.q(`SELECT negotiation_id FROM versions WHERE id = ?`), newID).Scan(&newN); err != nil {
		return s.wrap(err, "version %d", newID)
	}
	if oldN != newN {
		return parley.Errorf(parley.EINVALID, "versions %d and %d belong to different negotiations", oldID, newID)
	}
	return nil
}

// FindAlignment returns the stored alignment of two versions.
func (s *DB) FindAlignment(ctx context.Context, oldID, newID int64) (*parley.Alignment, error) {
	a := &parley.Alignment{}
	var links, computed string
	err := s.reads.QueryRowContext(ctx, s.q(`SELECT id, old_version_id, new_version_id, links, computed_at FROM alignments WHERE old_version_id = ? AND new_version_id = ?`), oldID, newID).
		Scan(&a.ID, &a.OldVersionID, &a.NewVersionID, &links, &computed)
	if err != nil {
		return nil, s.wrap(err, "alignment of versions %d and %d", oldID, newID)
	}
	a.Links, a.ComputedAt = fromJSON[[]parley.AlignmentLink](links), parseTime(computed)
	return a, nil
}

// CreateCorrection stores c after checking that its points belong to its
// versions.
func (s *DB) CreateCorrection(ctx context.Context, c *parley.Correction) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkPair(ctx, tx, c.OldVersionID, c.NewVersionID); err != nil {
			return err
		}
		for _, side := range []struct {
			version int64
			points  []int64
		}{{c.OldVersionID, c.OldPointIDs}, {c.NewVersionID, c.NewPointIDs}} {
			for _, p := range side.points {
				var n int
				if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM points WHERE id = ? AND version_id = ?`), p, side.version).Scan(&n); err != nil {
					return s.wrap(err, "correction: point %d", p)
				}
				if n == 0 {
					return parley.Errorf(parley.EINVALID, "correction: point %d is not a point of version %d", p, side.version)
				}
			}
		}
		id, err := s.insert(ctx, tx, `INSERT INTO corrections (old_version_id, new_version_id, action, old_point_ids, new_point_ids, kind, note, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.OldVersionID, c.NewVersionID, c.Action, toJSON(ids(c.OldPointIDs)), toJSON(ids(c.NewPointIDs)), c.Kind, c.Note, nullID(c.UserID), formatTime(now))
		if err != nil {
			return s.wrap(err, "correction")
		}
		c.ID, c.CreatedAt = id, now
		var negotiationID int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT negotiation_id FROM versions WHERE id = ?`), c.OldVersionID).Scan(&negotiationID); err != nil {
			return s.wrap(err, "correction")
		}
		return s.audit(ctx, tx, negotiationID, "create", "correction", c.ID, nil, c)
	})
}

// ListCorrections returns the corrections of two versions, oldest first.
func (s *DB) ListCorrections(ctx context.Context, oldID, newID int64) ([]*parley.Correction, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT id, old_version_id, new_version_id, action, old_point_ids, new_point_ids, kind, note, user_id, created_at
FROM corrections WHERE old_version_id = ? AND new_version_id = ? ORDER BY id`), oldID, newID)
	if err != nil {
		return nil, s.wrap(err, "list corrections")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.Correction, error) {
		var c parley.Correction
		var oldPoints, newPoints, created string
		var user sql.NullInt64
		err := sc.Scan(&c.ID, &c.OldVersionID, &c.NewVersionID, &c.Action, &oldPoints, &newPoints, &c.Kind, &c.Note, &user, &created)
		c.OldPointIDs, c.NewPointIDs = fromJSON[[]int64](oldPoints), fromJSON[[]int64](newPoints)
		c.UserID, c.CreatedAt = fromNullID(user), parseTime(created)
		return &c, err
	}, s.wrapper("list corrections"))
}
