package parley

import (
	"context"
	"time"
)

// Session kinds.
const (
	SessionCookie = "cookie" // a browser's login, in a __Host- cookie
	SessionAPI    = "api"    // a token for scripts, sent as "Authorization: Bearer"
)

// Session is a login: a random token known to the client, stored only as
// its SHA-256 hash, so that a copy of the database opens no session.
type Session struct {
	// ID names the session to its owner and administrators (in lists, to
	// revoke it): the first SessionIDLength hex digits of TokenHash, which
	// open nothing.
	ID         string    `json:"id"`
	TokenHash  string    `json:"-"`
	UserID     int64     `json:"user_id"`
	Kind       string    `json:"kind"`
	Name       string    `json:"name,omitempty"` // what an API token is for
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
}

// SessionIDLength is the length of a session's ID.
const SessionIDLength = 16

// SessionService stores sessions. Sessions live in the database so that
// several servers behind one load balancer share them.
type SessionService interface {
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the session with the token hash, or ENOTFOUND.
	FindSession(ctx context.Context, tokenHash string) (*Session, error)
	// TouchSession records that the session was used at t.
	TouchSession(ctx context.Context, tokenHash string, t time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error
	// ListSessions returns a user's sessions and API tokens, newest first.
	ListSessions(ctx context.Context, userID int64) ([]*Session, error)
	// DeleteSessionByID ends the session with the ID; userID, unless 0,
	// must be its user. ENOTFOUND if there is none.
	DeleteSessionByID(ctx context.Context, userID int64, id string) error
	// DeleteUserSessions ends every session and API token of a user but
	// the one whose token hash is keep ("" keeps none), and says how many
	// it ended.
	DeleteUserSessions(ctx context.Context, userID int64, keep string) (int, error)
	// FindUserByID returns one user.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// SetPassword replaces a user's password hash and, in the same
	// transaction, ends every session and API token of the user but the one
	// whose token hash is keep ("" keeps none): whoever knew the old
	// password keeps no way in.
	SetPassword(ctx context.Context, userID int64, hash, keep string) error
}
