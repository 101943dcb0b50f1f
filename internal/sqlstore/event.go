package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"parley"
)

// CreateEvent stores e and sets its ID.
func (s *DB) CreateEvent(ctx context.Context, e *parley.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, check := range []struct {
			what, table string
			refs        []int64
		}{{"actor", "actors", e.ActorIDs}, {"party", "parties", e.PartyIDs}, {"version", "versions", e.VersionIDs}, {"source", "sources", e.SourceIDs}} {
			if err := s.checkRefs(ctx, tx, check.what, check.table, e.NegotiationID, check.refs); err != nil {
				return err
			}
		}
		id, err := s.insert(ctx, tx, `INSERT INTO events (negotiation_id, kind, title, date, place, description, actor_ids, party_ids, version_ids, source_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.NegotiationID, e.Kind, e.Title, e.Date.String(), e.Place, e.Description,
			toJSON(ids(e.ActorIDs)), toJSON(ids(e.PartyIDs)), toJSON(ids(e.VersionIDs)), toJSON(ids(e.SourceIDs)))
		if err != nil {
			return s.wrap(err, "event %q", e.Title)
		}
		e.ID = id
		return s.audit(ctx, tx, e.NegotiationID, "create", "event", e.ID, nil, e)
	})
}

// ListEvents returns the events of a negotiation by date.
func (s *DB) ListEvents(ctx context.Context, negotiationID int64) ([]*parley.Event, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT id, negotiation_id, kind, title, date, place, description, actor_ids, party_ids, version_ids, source_ids FROM events WHERE negotiation_id = ? ORDER BY date, id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list events")
	}
	events, err := collect(rows, func(sc interface{ Scan(...any) error }) (*parley.Event, error) {
		var e parley.Event
		var date, actors, parties, versions, sources string
		err := sc.Scan(&e.ID, &e.NegotiationID, &e.Kind, &e.Title, &date, &e.Place, &e.Description, &actors, &parties, &versions, &sources)
		e.Date = parseDate(date)
		e.ActorIDs, e.PartyIDs = fromJSON[[]int64](actors), fromJSON[[]int64](parties)
		e.VersionIDs, e.SourceIDs = fromJSON[[]int64](versions), fromJSON[[]int64](sources)
		return &e, err
	}, s.wrapper("list events"))
	byDate(events, func(e *parley.Event) parley.Date { return e.Date })
	return events, err
}

// CreateUnderstanding stores u and sets its ID.
func (s *DB) CreateUnderstanding(ctx context.Context, u *parley.Understanding) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var negotiationID int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT negotiation_id FROM events WHERE id = ?`), u.EventID).Scan(&negotiationID); err != nil {
			return s.wrap(err, "understanding: event %d", u.EventID)
		}
		if err := s.checkRefs(ctx, tx, "party", "parties", negotiationID, []int64{u.PartyID}); err != nil {
			return err
		}
		if u.SourceID != 0 {
			if err := s.checkRefs(ctx, tx, "source", "sources", negotiationID, []int64{u.SourceID}); err != nil {
				return err
			}
		}
		for k, c := range u.Claims {
			if c.IssueID != 0 {
				err := s.checkRefs(ctx, tx, "issue", "issues", negotiationID, []int64{c.IssueID})
				if parley.ErrorCode(err) == parley.EINVALID {
					return parley.Errorf(parley.EINVALID, "claims[%d].issue_id: %s", k, parley.ErrorMessage(err))
				}
				if err != nil {
					return err
				}
			}
			if c.PointID != 0 {
				var n int
				err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM points p JOIN versions v ON v.id = p.version_id WHERE p.id = ? AND v.negotiation_id = ?`), c.PointID, negotiationID).Scan(&n)
				if err != nil {
					return fmt.Errorf("%s: check point %d: %w", s.dialect.Name, c.PointID, err)
				}
				if n == 0 {
					return parley.Errorf(parley.EINVALID, "claims[%d].point_id: point %d is not a point of a version of this negotiation", k, c.PointID)
				}
			}
		}
		id, err := s.insert(ctx, tx, `INSERT INTO understandings (event_id, party_id, date, source_id, claims, visibility) VALUES (?, ?, ?, ?, ?, ?)`,
			u.EventID, u.PartyID, u.Date.String(), nullID(u.SourceID), toJSON(u.Claims), u.Visibility)
		if err != nil {
			return s.wrap(err, "understanding of party %d", u.PartyID)
		}
		u.ID = id
		return s.audit(ctx, tx, negotiationID, "create", "understanding", u.ID, nil, u)
	})
}

// ListUnderstandings returns the understandings recorded for an event.
func (s *DB) ListUnderstandings(ctx context.Context, eventID int64) ([]*parley.Understanding, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT id, event_id, party_id, date, source_id, claims, visibility FROM understandings WHERE event_id = ? ORDER BY party_id, id`), eventID)
	if err != nil {
		return nil, s.wrap(err, "list understandings")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.Understanding, error) {
		var u parley.Understanding
		var date, claims string
		var source sql.NullInt64
		err := sc.Scan(&u.ID, &u.EventID, &u.PartyID, &date, &source, &claims, &u.Visibility)
		u.Date, u.SourceID, u.Claims = parseDate(date), fromNullID(source), fromJSON[[]parley.Claim](claims)
		return &u, err
	}, s.wrapper("list understandings"))
}
