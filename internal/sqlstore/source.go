package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// CreateSource stores src with its first grade, at revision 1, and sets
// its ID.
func (s *DB) CreateSource(ctx context.Context, src *parley.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO sources (negotiation_id, title, kind, publisher, url, date, reliability, credibility, note, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			src.NegotiationID, src.Title, src.Kind, src.Publisher, src.URL, src.Date.String(), src.Reliability, src.Credibility, src.Note)
		if err != nil {
			return s.wrap(err, "source %q", src.Title)
		}
		src.ID, src.Revision = id, 1
		if err := s.keepGrade(ctx, tx, src, ""); err != nil {
			return err
		}
		return s.audit(ctx, tx, src.NegotiationID, "create", "source", src.ID, nil, src)
	})
}

// keepGrade adds src's grade now to its history.
func (s *DB) keepGrade(ctx context.Context, tx *sql.Tx, src *parley.Source, note string) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO source_grades (source_id, revision, reliability, credibility, note, user_id, graded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		src.ID, src.Revision, src.Reliability, src.Credibility, note, nullID(parley.ActorFrom(ctx)), formatTime(s.Now()))
	return s.wrap(err, "grade %d of source %d", src.Revision, src.ID)
}

// RegradeSource gives a source a new grade if src.Revision is current,
// keeping the grade before in its history.
func (s *DB) RegradeSource(ctx context.Context, src *parley.Source, note string) error {
	if err := parley.ValidGrade(src.Reliability, src.Credibility); err != nil {
		return err
	}
	if len(note) > 4000 {
		return parley.Errorf(parley.EINVALID, "note: %d bytes, over the limit of 4000", len(note))
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := scanSource(tx.QueryRowContext(ctx, s.q(`SELECT `+sourceColumns+` FROM sources WHERE id = ?`), src.ID))
		if err != nil {
			return s.wrap(err, "source %d", src.ID)
		}
		err = s.updateRevision(ctx, tx, "sources", src.ID, src.Revision,
			`UPDATE sources SET reliability = ?, credibility = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
			src.Reliability, src.Credibility)
		if err != nil {
			return err
		}
		after := *before
		after.Reliability, after.Credibility, after.Revision = src.Reliability, src.Credibility, before.Revision+1
		*src = after
		if err := s.keepGrade(ctx, tx, src, note); err != nil {
			return err
		}
		return s.audit(ctx, tx, src.NegotiationID, "regrade", "source", src.ID, before, src)
	})
}

// ListSourceGrades returns a source's grades, oldest first.
func (s *DB) ListSourceGrades(ctx context.Context, sourceID int64) ([]*parley.SourceGrade, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT id, source_id, revision, reliability, credibility, note, user_id, graded_at FROM source_grades WHERE source_id = ? ORDER BY revision, id`), sourceID)
	if err != nil {
		return nil, s.wrap(err, "list grades of source %d", sourceID)
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.SourceGrade, error) {
		var g parley.SourceGrade
		var user sql.NullInt64
		var at string
		err := sc.Scan(&g.ID, &g.SourceID, &g.Revision, &g.Reliability, &g.Credibility, &g.Note, &user, &at)
		g.UserID, g.GradedAt = fromNullID(user), parseTime(at)
		return &g, err
	}, s.wrapper("list source grades"))
}

const sourceColumns = `id, negotiation_id, title, kind, publisher, url, date, reliability, credibility, note, revision`

func scanSource(sc interface{ Scan(...any) error }) (*parley.Source, error) {
	var src parley.Source
	var date string
	err := sc.Scan(&src.ID, &src.NegotiationID, &src.Title, &src.Kind, &src.Publisher, &src.URL, &date, &src.Reliability, &src.Credibility, &src.Note, &src.Revision)
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
