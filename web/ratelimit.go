package web

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"parley"
)

// LoginLimit is how many failed logins under one key are free before each
// further attempt must wait, twice as long as the last (from a second) up
// to MaxWait. Failures are forgotten an hour after the last one.
type LoginLimit struct {
	Free    int
	MaxWait time.Duration
}

// LoginLimits are the limits the server applies to each login, all at
// once. An attacker cannot use them to keep the owner of an account out:
// Pair and Address count only the attacker's own address; Account counts
// every address but is high, waits at most a minute, and does not apply
// from an address the account logged in from before.
type LoginLimits struct {
	// Pair limits one account from one address: guessing a password.
	Pair LoginLimit
	// Address limits one address across accounts: trying one password on
	// many accounts.
	Address LoginLimit
	// Account limits one account across addresses: guessing from many
	// addresses. It only slows.
	Account LoginLimit
}

// DefaultLoginLimits are the limits of a new server.
var DefaultLoginLimits = LoginLimits{
	Pair:    LoginLimit{Free: 5, MaxWait: 15 * time.Minute},
	Address: LoginLimit{Free: 20, MaxWait: 15 * time.Minute},
	Account: LoginLimit{Free: 100, MaxWait: time.Minute},
}

const (
	// forgetFailures is how long failures count after the last one.
	forgetFailures = time.Hour
	// knownAddressLife is how long a successful login exempts its address
	// from the account-wide limit.
	knownAddressLife = 30 * 24 * time.Hour
	// pruneEvery is how often a server deletes stale counters.
	pruneEvery = 10 * time.Minute
)

// wait is how long an attempt must wait after c's failures.
func (l LoginLimit) wait(c parley.LoginCounter, now time.Time) time.Duration {
	if c.Failures < l.Free {
		return 0
	}
	backoff := l.MaxWait
	if n := c.Failures - l.Free; n < 30 && time.Second<<n < backoff {
		backoff = time.Second << n
	}
	return max(0, c.Last.Add(backoff).Sub(now))
}

// loginKeys are the counters of one login attempt.
type loginKeys struct {
	pair, address, account string
	known                  string // the mark of an earlier login of the account from the address
}

func newLoginKeys(username, addr string) loginKeys {
	if len(username) > 64 { // no valid name is this long; keep keys short
		username = username[:64]
	}
	return loginKeys{
		pair:    "pair:" + username + "|" + addr,
		address: "addr:" + addr,
		account: "acct:" + username,
		known:   "known:" + username + "|" + addr,
	}
}

// throttle counts a login attempt against its keys, or says how long it
// must wait first.
func (s *Server) throttle(ctx context.Context, k loginKeys, now time.Time) (time.Duration, error) {
	s.pruneLogins(ctx, now)
	limits := s.LoginLimits
	return s.Store.BeginLogin(ctx, parley.LoginAttempt{
		Count: []string{k.pair, k.address, k.account},
		Read:  []string{k.known},
		Now:   now,
		Since: now.Add(-forgetFailures),
	}, func(c map[string]parley.LoginCounter) time.Duration {
		w := max(limits.Pair.wait(c[k.pair], now), limits.Address.wait(c[k.address], now))
		if known := c[k.known]; known.Last.IsZero() || now.Sub(known.Last) > knownAddressLife {
			w = max(w, limits.Account.wait(c[k.account], now))
		}
		return w
	})
}

// succeeded takes back the failure throttle counted for a right password:
// the pair starts afresh, the address and account keep their earlier
// failures (a success on one's own account must not wipe out the guesses
// one made at others), and the address is known to the account.
func (s *Server) succeeded(ctx context.Context, k loginKeys, now time.Time) error {
	return s.Store.EndLogin(ctx, []string{k.pair}, []string{k.address, k.account}, []string{k.known}, now)
}

// pruneLogins deletes stale counters, at most every pruneEvery per server.
func (s *Server) pruneLogins(ctx context.Context, now time.Time) {
	s.pruneMu.Lock()
	due := now.Sub(s.lastPrune) >= pruneEvery
	if due {
		s.lastPrune = now
	}
	s.pruneMu.Unlock()
	if due {
		if err := s.Store.PruneLogins(ctx, now.Add(-forgetFailures), now.Add(-knownAddressLife)); err != nil {
			s.Logger.Warn("prune login counters", "err", err)
		}
	}
}

// clientAddr is the address a request came from: the peer's, or, with
// TrustProxy, the one the proxy appended to X-Forwarded-For. An IPv6
// address counts by its /64, which one attacker usually holds whole.
func (s *Server) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if s.TrustProxy {
		if list := r.Header.Values("X-Forwarded-For"); len(list) > 0 {
			parts := strings.Split(list[len(list)-1], ",")
			if ip := net.ParseIP(strings.TrimSpace(parts[len(parts)-1])); ip != nil {
				host = ip.String()
			}
		}
	}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		return (&net.IPNet{IP: ip.Mask(net.CIDRMask(64, 128)), Mask: net.CIDRMask(64, 128)}).String()
	}
	return host
}
