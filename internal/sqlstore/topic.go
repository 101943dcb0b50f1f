package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"parley"
)

// CreateTopicDecision stores d after checking that its point exists, and
// audits it with the point's decision before it.
func (s *DB) CreateTopicDecision(ctx context.Context, d *parley.TopicDecision) error {
	if err := d.Validate(); err != nil {
		return err
	}
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var negotiationID int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT v.negotiation_id, v.id FROM points p JOIN versions v ON v.id = p.version_id WHERE p.id = ?`), d.PointID).Scan(&negotiationID, &d.VersionID)
		if errors.Is(err, sql.ErrNoRows) {
			return parley.Errorf(parley.ENOTFOUND, "topics: point %d not found", d.PointID)
		}
		if err != nil {
			return s.wrap(err, "topics of point %d", d.PointID)
		}
		before, err := s.listTopicDecisions(ctx, tx, parley.TopicFilter{PointID: d.PointID})
		if err != nil {
			return err
		}
		id, err := s.insert(ctx, tx, `INSERT INTO topic_decisions (point_id, topics, action, note, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			d.PointID, toJSON(d.Topics), d.Action, d.Note, nullID(d.UserID), formatTime(now))
		if err != nil {
			return s.wrap(err, "topics of point %d", d.PointID)
		}
		d.ID, d.CreatedAt = id, now
		var prev any
		if len(before) > 0 {
			prev = before[len(before)-1]
		}
		return s.audit(ctx, tx, negotiationID, "create", "topics", d.ID, prev, d)
	})
}

// ListTopicDecisions returns the decisions f selects, oldest first.
func (s *DB) ListTopicDecisions(ctx context.Context, f parley.TopicFilter) ([]*parley.TopicDecision, error) {
	return s.listTopicDecisions(ctx, s.reads, f)
}

func (s *DB) listTopicDecisions(ctx context.Context, qr queryer, f parley.TopicFilter) ([]*parley.TopicDecision, error) {
	query := `SELECT d.id, d.point_id, p.version_id, d.topics, d.action, d.note, d.user_id, d.created_at
FROM topic_decisions d JOIN points p ON p.id = d.point_id JOIN versions v ON v.id = p.version_id WHERE 1 = 1`
	var args []any
	if f.NegotiationID != 0 {
		query, args = query+` AND v.negotiation_id = ?`, append(args, f.NegotiationID)
	}
	if f.VersionID != 0 {
		query, args = query+` AND p.version_id = ?`, append(args, f.VersionID)
	}
	if f.PointID != 0 {
		query, args = query+` AND d.point_id = ?`, append(args, f.PointID)
	}
	rows, err := qr.QueryContext(ctx, s.q(query+` ORDER BY d.id`), args...)
	if err != nil {
		return nil, s.wrap(err, "list topics")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.TopicDecision, error) {
		var d parley.TopicDecision
		var topics, created string
		var user sql.NullInt64
		err := sc.Scan(&d.ID, &d.PointID, &d.VersionID, &topics, &d.Action, &d.Note, &user, &created)
		d.Topics, d.UserID, d.CreatedAt = fromJSON[[]string](topics), fromNullID(user), parseTime(created)
		if d.Topics == nil {
			d.Topics = []string{}
		}
		return &d, err
	}, s.wrapper("list topics"))
}
