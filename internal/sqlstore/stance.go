package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// CreateStance stores st and sets its ID and revision. The point must belong
// to a version of st's negotiation.
func (s *DB) CreateStance(ctx context.Context, st *parley.Stance) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkStanceRefs(ctx, tx, st); err != nil {
			return err
		}
		id, err := s.insert(ctx, tx, `INSERT INTO stances (negotiation_id, point_id, party_id, value, date, source_id, note, visibility, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			st.NegotiationID, st.PointID, st.PartyID, st.Value, st.Date.String(), nullID(st.SourceID), st.Note, st.Visibility)
		if err != nil {
			return s.wrap(err, "stance of party %d on point %d", st.PartyID, st.PointID)
		}
		st.ID, st.Revision = id, 1
		return s.audit(ctx, tx, st.NegotiationID, "create", "stance", st.ID, nil, st)
	})
}

func (s *DB) checkStanceRefs(ctx context.Context, tx *sql.Tx, st *parley.Stance) error {
	var n int
	err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM points p JOIN versions v ON v.id = p.version_id WHERE p.id = ? AND v.negotiation_id = ?`), st.PointID, st.NegotiationID).Scan(&n)
	if err != nil {
		return s.wrap(err, "stance: point %d", st.PointID)
	}
	if n == 0 {
		return parley.Errorf(parley.EINVALID, "stance: point %d does not exist in negotiation %d", st.PointID, st.NegotiationID)
	}
	if err := s.checkRefs(ctx, tx, "party", "parties", st.NegotiationID, []int64{st.PartyID}); err != nil {
		return err
	}
	if st.SourceID != 0 {
		return s.checkRefs(ctx, tx, "source", "sources", st.NegotiationID, []int64{st.SourceID})
	}
	return nil
}

// ListStances returns the stances f selects, by point then party.
func (s *DB) ListStances(ctx context.Context, f parley.StanceFilter) ([]*parley.Stance, error) {
	query := `SELECT s.id, s.negotiation_id, s.point_id, s.party_id, s.value, s.date, s.source_id, s.note, s.visibility, s.revision
FROM stances s JOIN points p ON p.id = s.point_id WHERE 1 = 1`
	var args []any
	if f.NegotiationID != 0 {
		query, args = query+` AND s.negotiation_id = ?`, append(args, f.NegotiationID)
	}
	if f.VersionID != 0 {
		query, args = query+` AND p.version_id = ?`, append(args, f.VersionID)
	}
	if f.PartyID != 0 {
		query, args = query+` AND s.party_id = ?`, append(args, f.PartyID)
	}
	rows, err := s.reads.QueryContext(ctx, s.q(query+` ORDER BY p.version_id, p.ordinal, s.party_id, s.id`), args...)
	if err != nil {
		return nil, s.wrap(err, "list stances")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.Stance, error) {
		var st parley.Stance
		var date string
		var source sql.NullInt64
		err := sc.Scan(&st.ID, &st.NegotiationID, &st.PointID, &st.PartyID, &st.Value, &date, &source, &st.Note, &st.Visibility, &st.Revision)
		st.Date, st.SourceID = parseDate(date), fromNullID(source)
		return &st, err
	}, s.wrapper("list stances"))
}

// UpdateStance writes the stance if st.Revision is current.
func (s *DB) UpdateStance(ctx context.Context, st *parley.Stance) error {
	if err := st.Validate(); err != nil {
		return err
	}
	var before *parley.Stance
	if list, err := s.ListStances(ctx, parley.StanceFilter{NegotiationID: st.NegotiationID}); err == nil {
		for _, x := range list {
			if x.ID == st.ID {
				before = x
			}
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if st.SourceID != 0 {
			if err := s.checkRefs(ctx, tx, "source", "sources", st.NegotiationID, []int64{st.SourceID}); err != nil {
				return err
			}
		}
		err := s.updateRevision(ctx, tx, "stances", st.ID, st.Revision,
			`UPDATE stances SET value = ?, date = ?, source_id = ?, note = ?, visibility = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
			st.Value, st.Date.String(), nullID(st.SourceID), st.Note, st.Visibility)
		if err != nil {
			return err
		}
		st.Revision++
		return s.audit(ctx, tx, st.NegotiationID, "update", "stance", st.ID, before, st)
	})
}
