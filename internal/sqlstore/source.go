package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// CreateSource stores src and sets its ID.
func (s *DB) CreateSource(ctx context.Context, src *parley.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO sources (negotiation_id, title, kind, publisher, url, date, reliability, credibility, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			src.NegotiationID, src.Title, src.Kind, src.Publisher, src.URL, src.Date.String(), src.Reliability, src.Credibility, src.Note)
		if err != nil {
			return s.wrap(err, "source %q", src.Title)
		}
		src.ID = id
		return s.audit(ctx, tx, src.NegotiationID, "create", "source", src.ID, nil, src)
	})
}

const sourceColumns = `id, negotiation_id, title, kind, publisher, url, date, reliability, credibility, note`

func scanSource(sc interface{ Scan(...any) error }) (*parley.Source, error) {
	var src parley.Source
	var date string
	err := sc.Scan(&src.ID, &src.NegotiationID, &src.Title, &src.Kind, &src.Publisher, &src.URL, &date, &src.Reliability, &src.Credibility, &src.Note)
	src.Date = parseDate(date)
	return &src, err
}

// ListSources returns the sources of a negotiation.
func (s *DB) ListSources(ctx context.Context, negotiationID int64) ([]*parley.Source, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT `+sourceColumns+` FROM sources WHERE negotiation_id = ? ORDER BY id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list sources")
	}
	return collect(rows, scanSource, s.wrapper("list sources"))
}

// FindSourceByID returns one source.
func (s *DB) FindSourceByID(ctx context.Context, id int64) (*parley.Source, error) {
	src, err := scanSource(s.reads.QueryRowContext(ctx, s.q(`SELECT `+sourceColumns+` FROM sources WHERE id = ?`), id))
	if err != nil {
		return nil, s.wrap(err, "source %d", id)
	}
	return src, nil
}
