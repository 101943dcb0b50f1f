package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"parley"
)

// testUsernamesNormalized checks that one account has one name however it
// is spelled: creation and lookup both use parley.NormalizeUsername.
func testUsernamesNormalized(t *testing.T, s parley.Store) {
	ctx := context.Background()
	u := &parley.User{Username: "\u200b Delegate.RU\u00a0", PasswordHash: "$argon2id$x"}
	must(t, s.CreateUser(ctx, u))
	if u.Username != "delegate.ru" {
		t.Fatalf("created username = %q, want delegate.ru", u.Username)
	}
	for _, spelling := range []string{"delegate.ru", " delegate.ru", "DELEGATE.RU\t", "delegate.ru\u00a0", "\ufeffdelegate.ru", "delegate.\u200bru"} {
		got, err := s.FindUserByUsername(ctx, spelling)
		must(t, err)
		if got.ID != u.ID {
			t.Fatalf("FindUserByUsername(%q) = user %d, want %d", spelling, got.ID, u.ID)
		}
	}
	wantCode(t, s.CreateUser(ctx, &parley.User{Username: "Delegate.ru ", PasswordHash: "$argon2id$y"}), parley.ECONFLICT)
	_, err := s.FindUserByUsername(ctx, "delegate. ru")
	wantCode(t, err, parley.ENOTFOUND)
	other := &parley.User{Username: "aide", PasswordHash: "$argon2id$z"}
	must(t, s.CreateUser(ctx, other))
	users, err := s.ListUsers(ctx)
	must(t, err)
	if len(users) != 2 || users[0].Username != "aide" || users[1].Username != "delegate.ru" || users[1].PasswordHash != "$argon2id$x" {
		t.Fatalf("users = %+v", users)
	}
}

// testSessionsOfAUser checks listing and ending a user's sessions, by ID,
// all at once, and with a password change.
func testSessionsOfAUser(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Sessions")
	ua := &parley.User{Username: "ua", PasswordHash: "$argon2id$ua"}
	ru := &parley.User{Username: "ru", PasswordHash: "$argon2id$ru"}
	must(t, s.CreateUser(ctx, ua))
	must(t, s.CreateUser(ctx, ru))
	now := time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)
	newSession := func(u *parley.User, hash, kind string, at time.Time) *parley.Session {
		sess := &parley.Session{TokenHash: hash, UserID: u.ID, Kind: kind, Name: "n-" + hash[:4], CreatedAt: at, LastSeenAt: at, ExpiresAt: at.Add(time.Hour)}
		must(t, s.CreateSession(ctx, sess))
		if sess.ID != hash[:parley.SessionIDLength] {
			t.Fatalf("session ID = %q, want the first %d digits of %s", sess.ID, parley.SessionIDLength, hash)
		}
		return sess
	}
	hex := func(c byte) string { return fmt.Sprintf("%02x%062d", c, c) }
	a1 := newSession(ua, hex(1), parley.SessionCookie, now)
	a2 := newSession(ua, hex(2), parley.SessionAPI, now.Add(time.Minute))
	a3 := newSession(ua, hex(3), parley.SessionAPI, now.Add(2*time.Minute))
	r1 := newSession(ru, hex(4), parley.SessionAPI, now)

	list, err := s.ListSessions(ctx, ua.ID)
	must(t, err)
	if len(list) != 3 || list[0].ID != a3.ID || list[2].ID != a1.ID || list[1].Kind != parley.SessionAPI || list[1].Name != a2.Name ||
		!list[1].ExpiresAt.Equal(a2.ExpiresAt) || list[0].TokenHash != a3.TokenHash {
		t.Fatalf("sessions of ua = %+v", list)
	}
	// By ID: only the user's own when a user is named; bad IDs are refused.
	wantCode(t, s.DeleteSessionByID(ctx, ru.ID, a2.ID), parley.ENOTFOUND)
	wantCode(t, s.DeleteSessionByID(ctx, 0, "zz"), parley.EINVALID)
	wantCode(t, s.DeleteSessionByID(ctx, 0, a2.ID[:8]), parley.EINVALID)
	must(t, s.DeleteSessionByID(ctx, ua.ID, a2.ID))
	_, err = s.FindSession(ctx, a2.TokenHash)
	wantCode(t, err, parley.ENOTFOUND)
	wantCode(t, s.DeleteSessionByID(ctx, 0, a2.ID), parley.ENOTFOUND)

	// A password change ends every other session of the user, no one else's.
	a4 := newSession(ua, hex(5), parley.SessionCookie, now)
	must(t, s.SetPassword(ctx, ua.ID, "$argon2id$ua2", a4.TokenHash))
	list, err = s.ListSessions(ctx, ua.ID)
	must(t, err)
	if len(list) != 1 || list[0].ID != a4.ID {
		t.Fatalf("sessions of ua after a password change = %+v, want only the one kept", list)
	}
	if _, err := s.FindSession(ctx, r1.TokenHash); err != nil {
		t.Fatalf("ru's token after ua's password change: %v", err)
	}
	wantCode(t, s.SetPassword(ctx, 999999, "$argon2id$x", ""), parley.ENOTFOUND)

	newSession(ua, hex(6), parley.SessionAPI, now)
	n, err := s.DeleteUserSessions(ctx, ua.ID, "")
	must(t, err)
	if n != 2 {
		t.Fatalf("DeleteUserSessions ended %d, want 2", n)
	}
	if list, _ := s.ListSessions(ctx, ua.ID); len(list) != 0 {
		t.Fatalf("sessions left: %+v", list)
	}
	if _, err := s.FindSession(ctx, r1.TokenHash); err != nil {
		t.Fatalf("ru's token after ua's sessions ended: %v", err)
	}

	// Removing a member takes the role away and is in the audit log.
	must(t, s.SetMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: ru.ID, Role: parley.RoleDelegate, PartyID: f.ru.ID}))
	must(t, s.RemoveMember(ctx, f.n.ID, ru.ID))
	wantCode(t, s.RemoveMember(ctx, f.n.ID, ru.ID), parley.ENOTFOUND)
	if m, _ := s.ListMemberships(ctx, ru.ID); len(m) != 0 {
		t.Fatalf("memberships after removal: %+v", m)
	}
	log, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	last := log[len(log)-1]
	if last.Action != "remove" || last.Object != "member" || last.ObjectID != ru.ID || last.Before == "" || last.After != "" {
		t.Fatalf("audit of the removal = %+v", last)
	}
}

// testLoginCounters checks counting, refusing, forgetting, undoing and
// pruning of failed-login counters.
func testLoginCounters(t *testing.T, s parley.Store) {
	ctx := context.Background()
	t0 := time.Date(2025, 11, 28, 12, 0, 0, 0, time.UTC)
	var seen map[string]parley.LoginCounter
	allow := func(c map[string]parley.LoginCounter) time.Duration { seen = c; return 0 }
	attempt := func(at time.Time, wait func(map[string]parley.LoginCounter) time.Duration, count ...string) time.Duration {
		t.Helper()
		left, err := s.BeginLogin(ctx, parley.LoginAttempt{Count: count, Read: []string{"mark"}, Now: at, Since: at.Add(-time.Hour)}, wait)
		must(t, err)
		return left
	}
	for i := range 3 {
		attempt(t0.Add(time.Duration(i)*time.Second), allow, "acct", "addr")
	}
	attempt(t0.Add(3*time.Second), allow, "acct")
	if seen["acct"].Failures != 3 || seen["addr"].Failures != 0 || seen["mark"].Failures != 0 || !seen["mark"].Last.IsZero() {
		t.Fatalf("counters before the fourth attempt = %+v", seen)
	}
	// A refused attempt counts nothing.
	if left := attempt(t0.Add(4*time.Second), func(map[string]parley.LoginCounter) time.Duration { return time.Minute }, "acct"); left != time.Minute {
		t.Fatalf("BeginLogin returned %v, want what wait said", left)
	}
	attempt(t0.Add(5*time.Second), allow, "acct", "addr")
	if c := seen["acct"]; c.Failures != 4 || !c.Last.Equal(t0.Add(3*time.Second)) || seen["addr"].Failures != 3 {
		t.Fatalf("counters = %+v, want acct 4 failures, the last at +3s, addr 3", seen)
	}
	// A success takes its own failure back, clears and marks.
	must(t, s.EndLogin(ctx, []string{"addr"}, []string{"acct"}, []string{"mark"}, t0.Add(6*time.Second)))
	attempt(t0.Add(7*time.Second), allow, "acct", "addr")
	if seen["acct"].Failures != 4 || seen["addr"].Failures != 0 || !seen["mark"].Last.Equal(t0.Add(6*time.Second)) {
		t.Fatalf("after a success: %+v", seen)
	}
	// Failures older than Since are forgotten, and counting starts again.
	later := t0.Add(2 * time.Hour)
	attempt(later, allow, "acct")
	attempt(later.Add(time.Second), allow, "acct")
	if seen["acct"].Failures != 1 {
		t.Fatalf("an hour later: %+v, want acct counted from nothing", seen)
	}
	// Pruning: failures before the first time, marks before the second.
	must(t, s.PruneLogins(ctx, later, t0))
	attempt(later.Add(2*time.Second), allow, "addr")
	if seen["addr"].Failures != 0 || seen["acct"].Failures != 0 && seen["mark"].Last.IsZero() {
		t.Fatalf("after pruning: %+v", seen)
	}
	if seen["mark"].Last.IsZero() {
		t.Fatal("a mark newer than the mark cut-off was pruned")
	}
	must(t, s.PruneLogins(ctx, later, later))
	attempt(later.Add(3*time.Second), allow)
	if !seen["mark"].Last.IsZero() {
		t.Fatalf("a mark older than the cut-off survived: %+v", seen)
	}
	// The undone counter that reaches nothing is gone; undoing nothing
	// does not go below zero.
	must(t, s.EndLogin(ctx, nil, []string{"nothing", "nothing"}, nil, later))
	attempt(later.Add(4*time.Second), allow, "nothing")
	attempt(later.Add(5*time.Second), allow, "nothing")
	if seen["nothing"].Failures != 1 {
		t.Fatalf("counter after undoing nothing = %+v", seen["nothing"])
	}
}

// testLoginCountersConcurrent checks that parallel attempts on one key
// queue: with a limit of three, exactly three of twenty pass, on two
// handles of the store as on one.
func testLoginCountersConcurrent(t *testing.T, s parley.Store) {
	ctx := context.Background()
	now := time.Date(2025, 11, 28, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	passed := 0
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			left, err := s.BeginLogin(ctx, parley.LoginAttempt{Count: []string{"shared", "addr"}, Now: now, Since: now.Add(-time.Hour)},
				func(c map[string]parley.LoginCounter) time.Duration {
					if c["shared"].Failures >= 3 {
						return time.Second
					}
					return 0
				})
			if err != nil {
				errs <- err
				return
			}
			if left == 0 {
				mu.Lock()
				passed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if passed != 3 {
		t.Fatalf("%d of 20 parallel attempts passed a limit of 3", passed)
	}
}
