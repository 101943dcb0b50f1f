package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"parley"
)

// CreateSession stores s.
func (s *DB) CreateSession(ctx context.Context, sess *parley.Session) error {
	if sess.TokenHash == "" || sess.UserID == 0 || (sess.Kind != parley.SessionCookie && sess.Kind != parley.SessionAPI) {
		return parley.Errorf(parley.EINVALID, "session: token, user and kind are required")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO sessions (token_hash, user_id, kind, name, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
			sess.TokenHash, sess.UserID, sess.Kind, sess.Name, formatTime(sess.CreatedAt), formatTime(sess.LastSeenAt), formatTime(sess.ExpiresAt))
		if err != nil {
			return s.wrap(err, "session of user %d", sess.UserID)
		}
		sess.ID = sess.TokenHash[:min(len(sess.TokenHash), parley.SessionIDLength)]
		return nil
	})
}

// FindSession returns the session with the token hash.
func (s *DB) FindSession(ctx context.Context, tokenHash string) (*parley.Session, error) {
	sess, err := scanSession(s.reads.QueryRowContext(ctx, s.q(`SELECT `+sessionColumns+` FROM sessions WHERE token_hash = ?`), tokenHash))
	if err != nil {
		return nil, s.wrap(err, "session")
	}
	return sess, nil
}

const sessionColumns = `token_hash, user_id, kind, name, created_at, last_seen_at, expires_at`

func scanSession(sc interface{ Scan(...any) error }) (*parley.Session, error) {
	var sess parley.Session
	var created, seen, expires string
	if err := sc.Scan(&sess.TokenHash, &sess.UserID, &sess.Kind, &sess.Name, &created, &seen, &expires); err != nil {
		return nil, err
	}
	sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt = parseTime(created), parseTime(seen), parseTime(expires)
	sess.ID = sess.TokenHash[:min(len(sess.TokenHash), parley.SessionIDLength)]
	return &sess, nil
}

// ListSessions returns a user's sessions and tokens, newest first.
func (s *DB) ListSessions(ctx context.Context, userID int64) ([]*parley.Session, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT `+sessionColumns+` FROM sessions WHERE user_id = ? ORDER BY created_at DESC, token_hash`), userID)
	if err != nil {
		return nil, s.wrap(err, "list sessions")
	}
	return collect(rows, scanSession, s.wrapper("list sessions"))
}

// DeleteSessionByID ends the session whose token hash starts with id.
func (s *DB) DeleteSessionByID(ctx context.Context, userID int64, id string) error {
	if len(id) != parley.SessionIDLength || strings.Trim(id, "0123456789abcdef") != "" {
		return parley.Errorf(parley.EINVALID, "session id %q: want %d hex digits", id, parley.SessionIDLength)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		query, args := `DELETE FROM sessions WHERE substr(token_hash, 1, ?) = ?`, []any{parley.SessionIDLength, id}
		if userID != 0 {
			query, args = query+` AND user_id = ?`, append(args, userID)
		}
		res, err := tx.ExecContext(ctx, s.q(query), args...)
		if err != nil {
			return s.wrap(err, "delete session %s", id)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return parley.Errorf(parley.ENOTFOUND, "session %s not found", id)
		}
		return nil
	})
}

// DeleteUserSessions ends a user's sessions and tokens but keep.
func (s *DB) DeleteUserSessions(ctx context.Context, userID int64, keep string) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = deleteUserSessions(ctx, s, tx, userID, keep)
		return err
	})
	return int(n), err
}

func deleteUserSessions(ctx context.Context, s *DB, tx *sql.Tx, userID int64, keep string) (int64, error) {
	res, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`), userID, keep)
	if err != nil {
		return 0, s.wrap(err, "end sessions of user %d", userID)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, s.wrap(err, "end sessions of user %d", userID)
	}
	return n, nil
}

// TouchSession records the last use of a session.
func (s *DB) TouchSession(ctx context.Context, tokenHash string, t time.Time) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`), formatTime(t), tokenHash)
	return s.wrap(err, "touch session")
}

// DeleteSession ends a session.
func (s *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash)
		return s.wrap(err, "delete session")
	})
}

// FindUserByID returns one user.
func (s *DB) FindUserByID(ctx context.Context, id int64) (*parley.User, error) {
	var u parley.User
	var created string
	err := s.reads.QueryRowContext(ctx, s.q(`SELECT id, username, name, password_hash, created_at FROM users WHERE id = ?`), id).
		Scan(&u.ID, &u.Username, &u.Name, &u.PasswordHash, &created)
	if err != nil {
		return nil, s.wrap(err, "user %d", id)
	}
	u.CreatedAt = parseTime(created)
	return &u, nil
}

// SetPassword replaces a user's password hash and ends the user's other
// sessions, in one transaction.
func (s *DB) SetPassword(ctx context.Context, userID int64, hash, keep string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ? WHERE id = ?`), hash, userID)
		if err != nil {
			return s.wrap(err, "user %d", userID)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return parley.Errorf(parley.ENOTFOUND, "user %d not found", userID)
		}
		_, err = deleteUserSessions(ctx, s, tx, userID, keep)
		return err
	})
}
