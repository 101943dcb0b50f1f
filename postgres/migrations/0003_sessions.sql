-- Logins and API tokens, shared by every server on the database. Only the
-- SHA-256 of a token is kept.
CREATE TABLE sessions (
	token_hash   TEXT PRIMARY KEY,
	user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind         TEXT NOT NULL,
	name         TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
