package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"parley"
)

// CreateStance stores st and sets its ID, revision and time of writing.
// The point must belong to a version of st's negotiation, and the party
// must hold no stance on it yet.
func (s *DB) CreateStance(ctx context.Context, st *parley.Stance) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkStanceRefs(ctx, tx, st); err != nil {
			return err
		}
		var held int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM stances WHERE point_id = ? AND party_id = ?`), st.PointID, st.PartyID).Scan(&held)
		if err == nil {
			return parley.Errorf(parley.ECONFLICT, "party %d already holds a stance on point %d (stance %d): change that one", st.PartyID, st.PointID, held)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return s.wrap(err, "stance of party %d on point %d", st.PartyID, st.PointID)
		}
		st.RecordedAt = s.Now().UTC()
		id, err := s.insert(ctx, tx, `INSERT INTO stances (negotiation_id, point_id, party_id, value, date, source_id, note, visibility, carried_from, carried_kind, recorded_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			st.NegotiationID, st.PointID, st.PartyID, st.Value, st.Date.String(), nullID(st.SourceID), st.Note, st.Visibility, nullID(st.CarriedFrom), st.CarriedKind, formatTime(st.RecordedAt))
		if err != nil {
			return s.wrap(err, "stance of party %d on point %d", st.PartyID, st.PointID)
		}
		st.ID, st.Revision = id, 1
		if err := s.keepStance(ctx, tx, st); err != nil {
			return err
		}
		return s.audit(ctx, tx, st.NegotiationID, "create", "stance", st.ID, nil, st)
	})
}

// keepStance writes the revision st holds into the stance's history.
func (s *DB) keepStance(ctx context.Context, tx *sql.Tx, st *parley.Stance) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO stance_history (stance_id, revision, value, date, source_id, note, visibility, carried_from, carried_kind, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		st.ID, st.Revision, st.Value, st.Date.String(), nullID(st.SourceID), st.Note, st.Visibility, nullID(st.CarriedFrom), st.CarriedKind, formatTime(st.RecordedAt))
	return s.wrap(err, "stance %d: history", st.ID)
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
	if st.CarriedFrom != 0 {
		err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM stances WHERE id = ? AND negotiation_id = ? AND party_id = ?`), st.CarriedFrom, st.NegotiationID, st.PartyID).Scan(&n)
		if err != nil {
			return s.wrap(err, "stance: carried from %d", st.CarriedFrom)
		}
		if n == 0 {
			return parley.Errorf(parley.EINVALID, "stance: carried_from %d is not a stance of party %d in negotiation %d", st.CarriedFrom, st.PartyID, st.NegotiationID)
		}
	}
	if st.SourceID != 0 {
		return s.checkRefs(ctx, tx, "source", "sources", st.NegotiationID, []int64{st.SourceID})
	}
	return nil
}

// stanceWhere adds f's conditions to a query over stances s joined to
// points p.
func stanceWhere(query string, f parley.StanceFilter) (string, []any) {
	var args []any
	for _, c := range []struct {
		cond string
		id   int64
	}{
		{` AND s.negotiation_id = ?`, f.NegotiationID},
		{` AND p.version_id = ?`, f.VersionID},
		{` AND s.point_id = ?`, f.PointID},
		{` AND s.party_id = ?`, f.PartyID},
		{` AND s.id = ?`, f.ID},
	} {
		if c.id != 0 {
			query, args = query+c.cond, append(args, c.id)
		}
	}
	return query, args
}

func scanStance(sc interface{ Scan(...any) error }) (*parley.Stance, error) {
	var st parley.Stance
	var date, recorded string
	var source, carried sql.NullInt64
	err := sc.Scan(&st.ID, &st.NegotiationID, &st.PointID, &st.PartyID, &st.Value, &date, &source, &st.Note, &st.Visibility, &carried, &st.CarriedKind, &recorded, &st.Revision)
	st.Date, st.SourceID, st.CarriedFrom = parseDate(date), fromNullID(source), fromNullID(carried)
	if recorded != "" {
		st.RecordedAt = parseTime(recorded)
	}
	return &st, err
}

// ListStances returns the current stances f selects, by point then party.
func (s *DB) ListStances(ctx context.Context, f parley.StanceFilter) ([]*parley.Stance, error) {
	query, args := stanceWhere(`SELECT s.id, s.negotiation_id, s.point_id, s.party_id, s.value, s.date, s.source_id, s.note, s.visibility, s.carried_from, s.carried_kind, s.recorded_at, s.revision
FROM stances s JOIN points p ON p.id = s.point_id WHERE 1 = 1`, f)
	rows, err := s.reads.QueryContext(ctx, s.q(query+` ORDER BY p.version_id, p.ordinal, s.party_id, s.id`), args...)
	if err != nil {
		return nil, s.wrap(err, "list stances")
	}
	return collect(rows, scanStance, s.wrapper("list stances"))
}

// ListStanceHistory returns every revision of the stances f selects.
func (s *DB) ListStanceHistory(ctx context.Context, f parley.StanceFilter) ([]*parley.Stance, error) {
	query, args := stanceWhere(`SELECT s.id, s.negotiation_id, s.point_id, s.party_id, h.value, h.date, h.source_id, h.note, h.visibility, h.carried_from, h.carried_kind, h.recorded_at, h.revision
FROM stance_history h JOIN stances s ON s.id = h.stance_id JOIN points p ON p.id = s.point_id WHERE 1 = 1`, f)
	rows, err := s.reads.QueryContext(ctx, s.q(query+` ORDER BY p.version_id, p.ordinal, s.party_id, h.id`), args...)
	if err != nil {
		return nil, s.wrap(err, "list stance history")
	}
	return collect(rows, scanStance, s.wrapper("list stance history"))
}

// UpdateStance writes the stance if st.Revision is current, and keeps the
// new revision in the history. The point and party of a stance never
// change; the stored ones are kept.
func (s *DB) UpdateStance(ctx context.Context, st *parley.Stance) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		query, args := stanceWhere(`SELECT s.id, s.negotiation_id, s.point_id, s.party_id, s.value, s.date, s.source_id, s.note, s.visibility, s.carried_from, s.carried_kind, s.recorded_at, s.revision
FROM stances s JOIN points p ON p.id = s.point_id WHERE 1 = 1`, parley.StanceFilter{ID: st.ID, NegotiationID: st.NegotiationID})
		before, err := scanStance(tx.QueryRowContext(ctx, s.q(query+s.dialect.LockRow), args...))
		if err != nil {
			return s.wrap(err, "stance %d", st.ID)
		}
		st.PointID, st.PartyID = before.PointID, before.PartyID
		if err := s.checkStanceRefs(ctx, tx, st); err != nil {
			return err
		}
		st.RecordedAt = s.Now().UTC()
		err = s.updateRevision(ctx, tx, "stances", st.ID, st.Revision,
			`UPDATE stances SET value = ?, date = ?, source_id = ?, note = ?, visibility = ?, carried_from = ?, carried_kind = ?, recorded_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
			st.Value, st.Date.String(), nullID(st.SourceID), st.Note, st.Visibility, nullID(st.CarriedFrom), st.CarriedKind, formatTime(st.RecordedAt))
		if err != nil {
			return err
		}
		st.Revision++
		if err := s.keepStance(ctx, tx, st); err != nil {
			return err
		}
		return s.audit(ctx, tx, st.NegotiationID, "update", "stance", st.ID, before, st)
	})
}
