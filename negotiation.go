package parley

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Negotiation is a workspace: one negotiation with its parties, texts,
// positions, events and members.
type Negotiation struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// Revision counts updates; an update must name the revision it read,
	// so that a stale write is refused instead of silently overwriting.
	Revision int64 `json:"revision"`
}

// Validate checks the fields a caller sets.
func (n *Negotiation) Validate() error {
	return validName("negotiation title", n.Title, 200)
}

// NegotiationService stores negotiations.
type NegotiationService interface {
	CreateNegotiation(ctx context.Context, n *Negotiation) error
	FindNegotiationByID(ctx context.Context, id int64) (*Negotiation, error)
	// FindNegotiationByTitle matches the title exactly, then ignoring case.
	FindNegotiationByTitle(ctx context.Context, title string) (*Negotiation, error)
	ListNegotiations(ctx context.Context) ([]*Negotiation, error)
	// UpdateNegotiation writes title and description if n.Revision is still
	// the stored revision, and fails with ECONFLICT otherwise.
	UpdateNegotiation(ctx context.Context, n *Negotiation) error
}

// validName checks a required one-line name of at most max characters.
func validName(field, s string, max int) error {
	switch {
	case strings.TrimSpace(s) == "":
		return Errorf(EINVALID, "%s is required", field)
	case !utf8.ValidString(s):
		return Errorf(EINVALID, "%s is not valid UTF-8", field)
	case utf8.RuneCountInString(s) > max:
		return Errorf(EINVALID, "%s is longer than %d characters", field, max)
	case strings.ContainsAny(s, "\r\n\x00"):
		return Errorf(EINVALID, "%s must be one line", field)
	}
	return nil
}

// uniqueIDs refuses a list of ids that names one twice: a list of ids is
// a set, and a repeated id is a mistake the caller should hear of.
func uniqueIDs(field string, ids []int64) error {
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return Errorf(EINVALID, "%s: %d is listed twice", field, id)
		}
		seen[id] = true
	}
	return nil
}

// oneOf checks that s is one of the allowed values.
func oneOf(field, s string, allowed ...string) error {
	for _, a := range allowed {
		if s == a {
			return nil
		}
	}
	return Errorf(EINVALID, "%s %q is not one of %s", field, s, strings.Join(allowed, ", "))
}
