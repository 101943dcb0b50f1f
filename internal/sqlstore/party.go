package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// CreateParty stores p and sets its ID.
func (s *DB) CreateParty(ctx context.Context, p *parley.Party) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO parties (negotiation_id, name, code, kind, note) VALUES (?, ?, ?, ?, ?)`,
			p.NegotiationID, p.Name, p.Code, p.Kind, p.Note)
		if err != nil {
			return s.wrap(err, "party %q", p.Code)
		}
		p.ID = id
		return s.audit(ctx, tx, p.NegotiationID, "create", "party", p.ID, nil, p)
	})
}

const partyColumns = `id, negotiation_id, name, code, kind, note`

func scanParty(sc interface{ Scan(...any) error }) (*parley.Party, error) {
	var p parley.Party
	err := sc.Scan(&p.ID, &p.NegotiationID, &p.Name, &p.Code, &p.Kind, &p.Note)
	return &p, err
}

// ListParties returns the parties of a negotiation in the order they were added.
func (s *DB) ListParties(ctx context.Context, negotiationID int64) ([]*parley.Party, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT `+partyColumns+` FROM parties WHERE negotiation_id = ? ORDER BY id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list parties")
	}
	return collect(rows, scanParty, s.wrapper("list parties"))
}

// FindParty finds a party by code or name, ignoring case.
func (s *DB) FindParty(ctx context.Context, negotiationID int64, codeOrName string) (*parley.Party, error) {
	p, err := scanParty(s.reads.QueryRowContext(ctx, s.q(`SELECT `+partyColumns+` FROM parties WHERE negotiation_id = ? AND (lower(code) = lower(?) OR lower(name) = lower(?)) ORDER BY id LIMIT 1`),
		negotiationID, codeOrName, codeOrName))
	if err != nil {
		return nil, s.wrap(err, "party %q", codeOrName)
	}
	return p, nil
}

// CreateActor stores a and sets its ID.
func (s *DB) CreateActor(ctx context.Context, a *parley.Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkRefs(ctx, tx, "party", "parties", a.NegotiationID, []int64{a.PartyID}); err != nil {
			return err
		}
		id, err := s.insert(ctx, tx, `INSERT INTO actors (negotiation_id, party_id, name, role, date_from, date_until, note) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			a.NegotiationID, a.PartyID, a.Name, a.Role, a.From.String(), a.Until.String(), a.Note)
		if err != nil {
			return s.wrap(err, "actor %q", a.Name)
		}
		a.ID = id
		return s.audit(ctx, tx, a.NegotiationID, "create", "actor", a.ID, nil, a)
	})
}

// ListActors returns the actors of a negotiation.
func (s *DB) ListActors(ctx context.Context, negotiationID int64) ([]*parley.Actor, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT id, negotiation_id, party_id, name, role, date_from, date_until, note FROM actors WHERE negotiation_id = ? ORDER BY id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list actors")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.Actor, error) {
		var a parley.Actor
		var from, until string
		err := sc.Scan(&a.ID, &a.NegotiationID, &a.PartyID, &a.Name, &a.Role, &from, &until, &a.Note)
		a.From, a.Until = parseDate(from), parseDate(until)
		return &a, err
	}, s.wrapper("list actors"))
}

// collect scans every row and closes rows.
func collect[T any](rows *sql.Rows, scan func(interface{ Scan(...any) error }) (*T, error), wrap func(error) error) ([]*T, error) {
	defer rows.Close()
	list := []*T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, wrap(err)
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err)
	}
	return list, nil
}

func (s *DB) wrapper(what string) func(error) error {
	return func(err error) error { return s.wrap(err, "%s", what) }
}
