package parley

import (
	"context"
	"time"
)

// AuditEntry is one change in the audit log: who changed what, when, and
// the object before and after (as JSON). The log holds confidential values
// (a position's reservation, a draft stance), so it is itself confidential:
// whoever reads it sees each entry only as far as they may see its object.
type AuditEntry struct {
	ID            int64     `json:"id"`
	At            time.Time `json:"at"`
	UserID        int64     `json:"user_id,omitempty"` // 0: the command line or the system
	NegotiationID int64     `json:"negotiation_id,omitempty"`
	Action        string    `json:"action"` // "create", "update"
	Object        string    `json:"object"` // "position", "stance", ...
	ObjectID      int64     `json:"object_id"`
	Before        string    `json:"before,omitempty"`
	After         string    `json:"after,omitempty"`
}

// AuditService reads the audit log; the stores write it in the same
// transaction as each change.
type AuditService interface {
	ListAudit(ctx context.Context, negotiationID int64) ([]*AuditEntry, error)
}

type actorKey struct{}

// WithActor returns a context that names the user making changes, for the
// audit log.
func WithActor(ctx context.Context, userID int64) context.Context {
	return context.WithValue(ctx, actorKey{}, userID)
}

// ActorFrom returns the user named by WithActor, or 0.
func ActorFrom(ctx context.Context) int64 {
	id, _ := ctx.Value(actorKey{}).(int64)
	return id
}
