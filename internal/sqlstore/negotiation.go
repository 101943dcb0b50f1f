package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// CreateNegotiation stores n and sets its ID, times and revision.
func (s *DB) CreateNegotiation(ctx context.Context, n *parley.Negotiation) error {
	if err := n.Validate(); err != nil {
		return err
	}
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO negotiations (title, description, created_at, updated_at, revision) VALUES (?, ?, ?, ?, 1)`,
			n.Title, n.Description, formatTime(now), formatTime(now))
		if err != nil {
			return s.wrap(err, "negotiation %q", n.Title)
		}
		n.ID, n.CreatedAt, n.UpdatedAt, n.Revision = id, now, now, 1
		return s.audit(ctx, tx, n.ID, "create", "negotiation", n.ID, nil, n)
	})
}

const negotiationColumns = `id, title, description, created_at, updated_at, revision`

func scanNegotiation(sc interface{ Scan(...any) error }) (*parley.Negotiation, error) {
	var n parley.Negotiation
	var created, updated string
	if err := sc.Scan(&n.ID, &n.Title, &n.Description, &created, &updated, &n.Revision); err != nil {
		return nil, err
	}
	n.CreatedAt, n.UpdatedAt = parseTime(created), parseTime(updated)
	return &n, nil
}

// FindNegotiationByID returns one negotiation.
func (s *DB) FindNegotiationByID(ctx context.Context, id int64) (*parley.Negotiation, error) {
	n, err := scanNegotiation(s.reads.QueryRowContext(ctx, s.q(`SELECT `+negotiationColumns+` FROM negotiations WHERE id = ?`), id))
	if err != nil {
		return nil, s.wrap(err, "negotiation %d", id)
	}
	return n, nil
}

// FindNegotiationByTitle matches the title exactly, then ignoring case.
func (s *DB) FindNegotiationByTitle(ctx context.Context, title string) (*parley.Negotiation, error) {
	n, err := scanNegotiation(s.reads.QueryRowContext(ctx, s.q(`SELECT `+negotiationColumns+` FROM negotiations WHERE title = ?`), title))
	if err == sql.ErrNoRows {
		n, err = scanNegotiation(s.reads.QueryRowContext(ctx, s.q(`SELECT `+negotiationColumns+` FROM negotiations WHERE lower(title) = lower(?) ORDER BY id LIMIT 1`), title))
	}
	if err != nil {
		return nil, s.wrap(err, "negotiation %q", title)
	}
	return n, nil
}

// ListNegotiations returns every negotiation, oldest first.
func (s *DB) ListNegotiations(ctx context.Context) ([]*parley.Negotiation, error) {
	rows, err := s.reads.QueryContext(ctx, `SELECT `+negotiationColumns+` FROM negotiations ORDER BY id`)
	if err != nil {
		return nil, s.wrap(err, "list negotiations")
	}
	return collect(rows, scanNegotiation, s.wrapper("list negotiations"))
}

// UpdateNegotiation writes title and description if n.Revision is current.
func (s *DB) UpdateNegotiation(ctx context.Context, n *parley.Negotiation) error {
	if err := n.Validate(); err != nil {
		return err
	}
	now := s.Now()
	before, _ := s.FindNegotiationByID(ctx, n.ID)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkRecordedTitle(ctx, tx, n); err != nil {
			return err
		}
		err := s.updateRevision(ctx, tx, "negotiations", n.ID, n.Revision,
			`UPDATE negotiations SET title = ?, description = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
			n.Title, n.Description, formatTime(now))
		if err != nil {
			return err
		}
		n.UpdatedAt = now
		n.Revision++
		return s.audit(ctx, tx, n.ID, "update", "negotiation", n.ID, before, n)
	})
}
