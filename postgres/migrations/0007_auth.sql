-- Counters of failed logins, shared by every server on the database: one
-- row per key (an account, an address, an account from an address, or the
-- mark that a login from an address succeeded). Times are Unix
-- milliseconds, which compare as numbers.
CREATE TABLE login_counters (
	counter_key TEXT PRIMARY KEY,
	failures    INTEGER NOT NULL DEFAULT 0,
	last_ms     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX login_counters_last ON login_counters (last_ms);
