package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"

	"parley"
)

// audit writes one entry of the audit log inside the change's transaction,
// so that a change and its record stand or fall together.
func (s *DB) audit(ctx context.Context, tx *sql.Tx, negotiationID int64, action, object string, id int64, before, after any) error {
	enc := func(v any) string {
		if v == nil {
			return ""
		}
		b, err := json.Marshal(v)
		if err != nil || string(b) == "null" {
			return ""
		}
		return string(b)
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO audit (at, user_id, negotiation_id, action, object, object_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		formatTime(s.Now()), nullID(parley.ActorFrom(ctx)), nullID(negotiationID), action, object, id, enc(before), enc(after))
	return s.wrap(err, "audit %s %s %d", action, object, id)
}

// ListAudit returns the audit log of a negotiation, oldest first.
func (s *DB) ListAudit(ctx context.Context, negotiationID int64) ([]*parley.AuditEntry, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT id, at, user_id, negotiation_id, action, object, object_id, before_json, after_json FROM audit WHERE negotiation_id = ? ORDER BY id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list audit")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.AuditEntry, error) {
		var e parley.AuditEntry
		var at string
		var user, negotiation sql.NullInt64
		err := sc.Scan(&e.ID, &at, &user, &negotiation, &e.Action, &e.Object, &e.ObjectID, &e.Before, &e.After)
		e.At, e.UserID, e.NegotiationID = parseTime(at), fromNullID(user), fromNullID(negotiation)
		return &e, err
	}, s.wrapper("list audit"))
}
