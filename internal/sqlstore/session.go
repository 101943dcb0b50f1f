package sqlstore

import (
	"context"
	"database/sql"
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
		return s.wrap(err, "session of user %d", sess.UserID)
	})
}

// FindSession returns the session with the token hash.
func (s *DB) FindSession(ctx context.Context, tokenHash string) (*parley.Session, error) {
	var sess parley.Session
	var created, seen, expires string
	err := s.reads.QueryRowContext(ctx, s.q(`SELECT token_hash, user_id, kind, name, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?`), tokenHash).
		Scan(&sess.TokenHash, &sess.UserID, &sess.Kind, &sess.Name, &created, &seen, &expires)
	if err != nil {
		return nil, s.wrap(err, "session")
	}
	sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt = parseTime(created), parseTime(seen), parseTime(expires)
	return &sess, nil
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

// SetPassword replaces a user's password hash.
func (s *DB) SetPassword(ctx context.Context, userID int64, hash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ? WHERE id = ?`), hash, userID)
		if err != nil {
			return s.wrap(err, "user %d", userID)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return parley.Errorf(parley.ENOTFOUND, "user %d not found", userID)
		}
		return nil
	})
}
