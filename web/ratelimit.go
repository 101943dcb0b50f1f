package web

import (
	"math"
	"sync"
	"time"
)

// loginLimiter slows down password guessing, per account and per address:
// after a few failures each further attempt must wait twice as long as
// the last, up to a quarter of an hour. There is no lock-out: the owner of
// the account can always log in again after the wait, and a success clears
// the record.
type loginLimiter struct {
	mu       sync.Mutex
	failures map[string]*attempts
}

type attempts struct {
	count int
	last  time.Time
}

const (
	freeFailures = 5
	maxWait      = 15 * time.Minute
	forgetAfter  = time.Hour
)

func newLoginLimiter() *loginLimiter { return &loginLimiter{failures: map[string]*attempts{}} }

// wait returns how long the keys must still wait before another attempt.
func (l *loginLimiter) wait(now time.Time, keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	longest := time.Duration(0)
	for _, k := range keys {
		a := l.failures[k]
		if a == nil || a.count < freeFailures {
			continue
		}
		if now.Sub(a.last) > forgetAfter {
			delete(l.failures, k)
			continue
		}
		backoff := time.Duration(math.Min(float64(maxWait), float64(time.Second)*math.Pow(2, float64(a.count-freeFailures))))
		if left := a.last.Add(backoff).Sub(now); left > longest {
			longest = left
		}
	}
	return longest
}

// fail records a failed attempt for the keys.
func (l *loginLimiter) fail(now time.Time, keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.failures) > 100_000 { // a flood of addresses: forget the old ones
		for k, a := range l.failures {
			if now.Sub(a.last) > time.Minute {
				delete(l.failures, k)
			}
		}
	}
	for _, k := range keys {
		a := l.failures[k]
		if a == nil {
			a = &attempts{}
			l.failures[k] = a
		}
		a.count++
		a.last = now
	}
}

// succeed clears the record of the keys.
func (l *loginLimiter) succeed(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		delete(l.failures, k)
	}
}
