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
	TokenHash  string    `json:"-"`
	UserID     int64     `json:"user_id"`
	Kind       string    `json:"kind"`
	Name       string    `json:"name,omitempty"` // what an API token is for
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
}

// SessionService stores sessions. Sessions live in the database so that
// several servers behind one load balancer share them.
type SessionService interface {
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the session with the token hash, or ENOTFOUND.
	FindSession(ctx context.Context, tokenHash string) (*Session, error)
	// TouchSession records that the session was used at t.
	TouchSession(ctx context.Context, tokenHash string, t time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error
	// FindUserByID returns one user.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// SetPassword replaces a user's password hash.
	SetPassword(ctx context.Context, userID int64, hash string) error
}
