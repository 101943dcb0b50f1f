package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// CreateDocument stores d and sets its ID.
func (s *DB) CreateDocument(ctx context.Context, d *parley.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO documents (negotiation_id, title) VALUES (?, ?)`, d.NegotiationID, d.Title)
		if err != nil {
			return s.wrap(err, "document %q", d.Title)
		}
		d.ID = id
		return s.audit(ctx, tx, d.NegotiationID, "create", "document", d.ID, nil, d)
	})
}

// ListDocuments returns the documents of a negotiation.
func (s *DB) ListDocuments(ctx context.Context, negotiationID int64) ([]*parley.Document, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT id, negotiation_id, title FROM documents WHERE negotiation_id = ? ORDER BY id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list documents")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.Document, error) {
		var d parley.Document
		err := sc.Scan(&d.ID, &d.NegotiationID, &d.Title)
		return &d, err
	}, s.wrapper("list documents"))
}

// afterPointInsert, when set by a test, runs after each point is written
// inside CreateVersion's transaction.
var afterPointInsert func(n int)

// CreateVersion stores v and its points in one transaction and sets the
// IDs, the text hash, the creation time and the revision.
func (s *DB) CreateVersion(ctx context.Context, v *parley.Version) error {
	if err := v.Validate(); err != nil {
		return err
	}
	now := s.Now()
	hash := parley.HashText(v.Text)
	return s.tx(ctx, func(tx *sql.Tx) error {
		var docNegotiation int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT negotiation_id FROM documents WHERE id = ?`), v.DocumentID).Scan(&docNegotiation)
		if err != nil {
			return s.wrap(err, "version %q: document %d", v.Label, v.DocumentID)
		}
		if docNegotiation != v.NegotiationID {
			return parley.Errorf(parley.EINVALID, "version %q: document %d belongs to another negotiation", v.Label, v.DocumentID)
		}
		if v.PartyID != 0 {
			if err := s.checkRefs(ctx, tx, "drafting party", "parties", v.NegotiationID, []int64{v.PartyID}); err != nil {
				return err
			}
		}
		for _, check := range []struct {
			what, table string
			refs        []int64
		}{{"actor", "actors", v.ActorIDs}, {"parent version", "versions", v.ParentIDs}, {"source", "sources", v.SourceIDs}} {
			if err := s.checkRefs(ctx, tx, check.what, check.table, v.NegotiationID, check.refs); err != nil {
				return err
			}
		}
		id, err := s.insert(ctx, tx, `INSERT INTO versions (negotiation_id, document_id, label, date, status, party_id, actor_ids, venue, source_ids, note, format, body, text, text_hash, preamble, created_at, revision)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			v.NegotiationID, v.DocumentID, v.Label, v.Date.String(), v.Status, nullID(v.PartyID), toJSON(ids(v.ActorIDs)), v.Venue,
			toJSON(ids(v.SourceIDs)), v.Note, v.Format, v.Body, v.Text, hash, v.Preamble, formatTime(now))
		if err != nil {
			return s.wrap(err, "version %q", v.Label)
		}
		for i, parent := range v.ParentIDs {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO version_parents (version_id, parent_id, position) VALUES (?, ?, ?)`), id, parent, i); err != nil {
				return s.wrap(err, "version %q: parent %d", v.Label, parent)
			}
		}
		pointIDs := make([]int64, len(v.Points))
		for i := range v.Points {
			p := &v.Points[i]
			pid, err := s.insert(ctx, tx, `INSERT INTO points (version_id, ordinal, path, path_key, label, heading, text, line, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, i, toJSON(p.Path), p.Key(), p.Label, p.Heading, p.Text, p.Line, toJSON(tagsOrEmpty(p.Tags)))
			if err != nil {
				return s.wrap(err, "version %q: point %s", v.Label, p.Label)
			}
			pointIDs[i] = pid
			if afterPointInsert != nil {
				afterPointInsert(i + 1)
			}
		}
		v.ID, v.TextHash, v.CreatedAt, v.Revision, v.PointCount = id, hash, now, 1, len(v.Points)
		for i := range v.Points {
			v.Points[i].ID, v.Points[i].VersionID, v.Points[i].Ordinal = pointIDs[i], id, i
		}
		return s.audit(ctx, tx, v.NegotiationID, "create", "version", v.ID, nil, versionSummary(v))
	})
}

func tagsOrEmpty(t []string) []string {
	if t == nil {
		return []string{}
	}
	return t
}

const versionColumns = `id, negotiation_id, document_id, label, date, status, party_id, actor_ids, venue, source_ids, note, format, text_hash, preamble, created_at, revision,
(SELECT count(*) FROM points WHERE points.version_id = versions.id)`

func scanVersion(sc interface{ Scan(...any) error }) (*parley.Version, error) {
	var v parley.Version
	var date, actors, sources, created string
	var party sql.NullInt64
	err := sc.Scan(&v.ID, &v.NegotiationID, &v.DocumentID, &v.Label, &date, &v.Status, &party, &actors, &v.Venue, &sources, &v.Note,
		&v.Format, &v.TextHash, &v.Preamble, &created, &v.Revision, &v.PointCount)
	v.Date, v.PartyID, v.CreatedAt = parseDate(date), fromNullID(party), parseTime(created)
	v.ActorIDs, v.SourceIDs = fromJSON[[]int64](actors), fromJSON[[]int64](sources)
	v.ParentIDs = []int64{}
	return &v, err
}

// FindVersionByID returns the version with its body, text, parents and points.
func (s *DB) FindVersionByID(ctx context.Context, id int64) (*parley.Version, error) {
	v, err := scanVersion(s.reads.QueryRowContext(ctx, s.q(`SELECT `+versionColumns+` FROM versions WHERE id = ?`), id))
	if err != nil {
		return nil, s.wrap(err, "version %d", id)
	}
	if err := s.loadParents(ctx, []*parley.Version{v}); err != nil {
		return nil, err
	}
	if s.versions.fill(v) {
		return v, nil
	}
	if err := s.reads.QueryRowContext(ctx, s.q(`SELECT body, text FROM versions WHERE id = ?`), id).Scan(&v.Body, &v.Text); err != nil {
		return nil, s.wrap(err, "version %d", id)
	}
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT id, version_id, ordinal, path, label, heading, text, line, tags FROM points WHERE version_id = ? ORDER BY ordinal`), id)
	if err != nil {
		return nil, s.wrap(err, "version %d: points", id)
	}
	points, err := collect(rows, func(sc interface{ Scan(...any) error }) (*parley.Point, error) {
		var p parley.Point
		var path, tags string
		err := sc.Scan(&p.ID, &p.VersionID, &p.Ordinal, &path, &p.Label, &p.Heading, &p.Text, &p.Line, &tags)
		p.Path, p.Tags = fromJSON[[]string](path), fromJSON[[]string](tags)
		return &p, err
	}, s.wrapper("version points"))
	if err != nil {
		return nil, err
	}
	v.Points = make([]parley.Point, len(points))
	for i, p := range points {
		v.Points[i] = *p
	}
	s.versions.keep(v)
	return v, nil
}

// ListVersions returns versions without body, text or points, by date.
func (s *DB) ListVersions(ctx context.Context, f parley.VersionFilter) ([]*parley.Version, error) {
	query, args := `SELECT `+versionColumns+` FROM versions WHERE 1 = 1`, []any{}
	if f.ID != 0 {
		query, args = query+` AND id = ?`, append(args, f.ID)
	}
	if f.NegotiationID != 0 {
		query, args = query+` AND negotiation_id = ?`, append(args, f.NegotiationID)
	}
	if f.DocumentID != 0 {
		query, args = query+` AND document_id = ?`, append(args, f.DocumentID)
	}
	rows, err := s.reads.QueryContext(ctx, s.q(query+` ORDER BY date, id`), args...)
	if err != nil {
		return nil, s.wrap(err, "list versions")
	}
	list, err := collect(rows, scanVersion, s.wrapper("list versions"))
	if err != nil {
		return nil, err
	}
	byDate(list, func(v *parley.Version) parley.Date { return v.Date })
	return list, s.loadParents(ctx, list)
}

func (s *DB) loadParents(ctx context.Context, list []*parley.Version) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[int64]*parley.Version, len(list))
	for _, v := range list {
		byID[v.ID] = v
	}
	query, args := `SELECT version_id, parent_id FROM version_parents ORDER BY version_id, position`, []any{}
	if len(list) == 1 {
		query, args = `SELECT version_id, parent_id FROM version_parents WHERE version_id = ? ORDER BY position`, []any{list[0].ID}
	}
	rows, err := s.reads.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return s.wrap(err, "version parents")
	}
	defer rows.Close()
	for rows.Next() {
		var child, parent int64
		if err := rows.Scan(&child, &parent); err != nil {
			return s.wrap(err, "version parents")
		}
		if v := byID[child]; v != nil {
			v.ParentIDs = append(v.ParentIDs, parent)
		}
	}
	return s.wrap(rows.Err(), "version parents")
}

// UpdateVersion writes the version's metadata if v.Revision is current.
func (s *DB) UpdateVersion(ctx context.Context, v *parley.Version) error {
	if err := v.ValidateMetadata(); err != nil {
		return err
	}
	var before map[string]any
	if old, err := s.ListVersions(ctx, parley.VersionFilter{ID: v.ID}); err == nil && len(old) == 1 {
		before = versionSummary(old[0])
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if v.PartyID != 0 {
			if err := s.checkRefs(ctx, tx, "drafting party", "parties", v.NegotiationID, []int64{v.PartyID}); err != nil {
				return err
			}
		}
		if err := s.checkRecordedVersion(ctx, tx, v); err != nil {
			return err
		}
		err := s.updateRevision(ctx, tx, "versions", v.ID, v.Revision,
			`UPDATE versions SET label = ?, date = ?, status = ?, party_id = ?, venue = ?, note = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
			v.Label, v.Date.String(), v.Status, nullID(v.PartyID), v.Venue, v.Note)
		if err != nil {
			return err
		}
		v.Revision++
		return s.audit(ctx, tx, v.NegotiationID, "update", "version", v.ID, before, versionSummary(v))
	})
}

// versionSummary is what the audit log keeps of a version: its metadata,
// not its body.
func versionSummary(v *parley.Version) map[string]any {
	return map[string]any{"id": v.ID, "label": v.Label, "date": v.Date.String(), "status": v.Status, "party_id": v.PartyID,
		"venue": v.Venue, "note": v.Note, "text_hash": v.TextHash, "points": v.PointCount, "revision": v.Revision}
}
