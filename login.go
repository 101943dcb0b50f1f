package parley

import (
	"context"
	"time"
)

// LoginCounter counts the recent failed logins under one key (an account,
// an address, or an account from an address).
type LoginCounter struct {
	Key      string    `json:"key"`
	Failures int       `json:"failures"`
	Last     time.Time `json:"last"` // the last change; zero if none
}

// LoginAttempt is what BeginLogin counts and reads.
type LoginAttempt struct {
	// Count are the keys a failure is counted against.
	Count []string
	// Read are keys only read: marks that EndLogin left.
	Read []string
	// Now is the time of the attempt.
	Now time.Time
	// Since forgets older failures: a counter of Count last changed before
	// it starts again from nothing.
	Since time.Time
}

// LoginThrottleService keeps the counters that slow down password
// guessing. They live in the database so that every server on it enforces
// one limit: an attacker gains nothing by spreading guesses over servers.
type LoginThrottleService interface {
	// BeginLogin reads the counters of a.Count and a.Read (a missing one
	// has no failures) and passes them, by key, to wait. If wait returns
	// zero, it counts a failure against every key of a.Count at a.Now
	// before it returns: an attempt counts while its password is checked,
	// and parallel attempts queue for the counters instead of all passing
	// one check. EndLogin takes the failure back if the password was right.
	// BeginLogin returns what wait returned.
	BeginLogin(ctx context.Context, a LoginAttempt, wait func(map[string]LoginCounter) time.Duration) (time.Duration, error)
	// EndLogin, after a successful login, deletes the counters of clear,
	// counts one failure fewer against undo, and sets the counters of
	// remember to no failures at now (a mark that a login succeeded).
	EndLogin(ctx context.Context, clear, undo, remember []string, now time.Time) error
	// PruneLogins deletes the counters with failures last changed before
	// failures, and the marks (no failures) last set before marks.
	PruneLogins(ctx context.Context, failures, marks time.Time) error
}
