-- The audit log: every change, who made it, and the object before and after.
CREATE TABLE audit (
	id             INTEGER PRIMARY KEY,
	at             TEXT NOT NULL,
	user_id        INTEGER REFERENCES users (id),
	negotiation_id INTEGER REFERENCES negotiations (id) ON DELETE CASCADE,
	action         TEXT NOT NULL,
	object         TEXT NOT NULL,
	object_id      INTEGER NOT NULL,
	before_json    TEXT NOT NULL DEFAULT '',
	after_json     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_negotiation ON audit (negotiation_id, id);
