package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"parley"
)

// BeginLogin reads, checks and counts a login attempt in one transaction.
// The counters' rows are created first and then locked in key order (on
// PostgreSQL; SQLite's write transaction holds the whole database), so two
// servers checking one account at once take turns.
func (s *DB) BeginLogin(ctx context.Context, a parley.LoginAttempt, wait func(map[string]parley.LoginCounter) time.Duration) (time.Duration, error) {
	keys := slices.Concat(a.Count, a.Read)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	counted := map[string]bool{}
	for _, k := range a.Count {
		counted[k] = true
	}
	since, now := a.Since.UnixMilli(), a.Now.UnixMilli()
	var left time.Duration
	err := s.tx(ctx, func(tx *sql.Tx) error {
		counters := map[string]parley.LoginCounter{}
		for _, k := range keys {
			if counted[k] {
				if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO login_counters (counter_key, failures, last_ms) VALUES (?, 0, 0) ON CONFLICT (counter_key) DO NOTHING`), k); err != nil {
					return s.wrap(err, "login counter")
				}
			}
			var failures int
			var last int64
			err := tx.QueryRowContext(ctx, s.q(`SELECT failures, last_ms FROM login_counters WHERE counter_key = ?`+s.dialect.LockRow), k).Scan(&failures, &last)
			if errors.Is(err, sql.ErrNoRows) {
				counters[k] = parley.LoginCounter{Key: k}
				continue
			}
			if err != nil {
				return s.wrap(err, "login counter")
			}
			if counted[k] && last < since {
				failures = 0
			}
			c := parley.LoginCounter{Key: k, Failures: failures}
			if last != 0 {
				c.Last = time.UnixMilli(last).UTC()
			}
			counters[k] = c
		}
		if left = wait(counters); left > 0 {
			return nil
		}
		for _, k := range a.Count {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE login_counters SET failures = CASE WHEN last_ms < ? THEN 1 ELSE failures + 1 END, last_ms = ? WHERE counter_key = ?`), since, now, k); err != nil {
				return s.wrap(err, "count login")
			}
		}
		return nil
	})
	return left, err
}

// EndLogin takes back what BeginLogin counted for a login that succeeded.
func (s *DB) EndLogin(ctx context.Context, clear, undo, remember []string, now time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, k := range clear {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_counters WHERE counter_key = ?`), k); err != nil {
				return s.wrap(err, "clear login counter")
			}
		}
		for _, k := range undo {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE login_counters SET failures = failures - 1 WHERE counter_key = ? AND failures > 0`), k); err != nil {
				return s.wrap(err, "undo login counter")
			}
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_counters WHERE counter_key = ? AND failures <= 0`), k); err != nil {
				return s.wrap(err, "undo login counter")
			}
		}
		for _, k := range remember {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO login_counters (counter_key, failures, last_ms) VALUES (?, 0, ?)
ON CONFLICT (counter_key) DO UPDATE SET failures = 0, last_ms = excluded.last_ms`), k, now.UnixMilli()); err != nil {
				return s.wrap(err, "remember login")
			}
		}
		return nil
	})
}

// PruneLogins forgets old counters and marks.
func (s *DB) PruneLogins(ctx context.Context, failures, marks time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_counters WHERE (failures > 0 AND last_ms < ?) OR (failures <= 0 AND last_ms < ?)`),
			failures.UnixMilli(), marks.UnixMilli())
		return s.wrap(err, "prune login counters")
	})
}
