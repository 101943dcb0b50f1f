-- parley schema, SQLite dialect. Keep in step with postgres/migrations.
CREATE TABLE negotiations (
	id          INTEGER PRIMARY KEY,
	title       TEXT NOT NULL UNIQUE,
	description TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	revision    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE parties (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	name           TEXT NOT NULL,
	code           TEXT NOT NULL,
	kind           TEXT NOT NULL,
	note           TEXT NOT NULL DEFAULT '',
	UNIQUE (negotiation_id, code),
	UNIQUE (negotiation_id, name)
);

CREATE TABLE actors (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	party_id       INTEGER NOT NULL REFERENCES parties (id),
	name           TEXT NOT NULL,
	role           TEXT NOT NULL DEFAULT '',
	date_from      TEXT NOT NULL DEFAULT '',
	date_until     TEXT NOT NULL DEFAULT '',
	note           TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sources (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	title          TEXT NOT NULL,
	kind           TEXT NOT NULL,
	publisher      TEXT NOT NULL DEFAULT '',
	url            TEXT NOT NULL DEFAULT '',
	date           TEXT NOT NULL DEFAULT '',
	reliability    TEXT NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
	credibility    INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
	note           TEXT NOT NULL DEFAULT ''
);

CREATE TABLE documents (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	title          TEXT NOT NULL,
	UNIQUE (negotiation_id, title)
);

CREATE TABLE versions (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	document_id    INTEGER NOT NULL REFERENCES documents (id),
	label          TEXT NOT NULL,
	date           TEXT NOT NULL DEFAULT '',
	status         TEXT NOT NULL,
	party_id       INTEGER REFERENCES parties (id),
	actor_ids      TEXT NOT NULL DEFAULT '[]',
	venue          TEXT NOT NULL DEFAULT '',
	source_ids     TEXT NOT NULL DEFAULT '[]',
	note           TEXT NOT NULL DEFAULT '',
	format         TEXT NOT NULL,
	body           BLOB NOT NULL,
	text           TEXT NOT NULL,
	text_hash      TEXT NOT NULL,
	preamble       TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	revision       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX versions_negotiation ON versions (negotiation_id, date);
CREATE INDEX versions_text_hash ON versions (text_hash);

CREATE TABLE version_parents (
	version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	parent_id  INTEGER NOT NULL REFERENCES versions (id),
	position   INTEGER NOT NULL,
	PRIMARY KEY (version_id, parent_id)
);

CREATE TABLE points (
	id         INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	ordinal    INTEGER NOT NULL,
	path       TEXT NOT NULL,
	path_key   TEXT NOT NULL,
	label      TEXT NOT NULL,
	heading    TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	line       INTEGER NOT NULL,
	tags       TEXT NOT NULL DEFAULT '[]',
	UNIQUE (version_id, path_key),
	UNIQUE (version_id, ordinal)
);

CREATE TABLE stances (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	point_id       INTEGER NOT NULL REFERENCES points (id) ON DELETE CASCADE,
	party_id       INTEGER NOT NULL REFERENCES parties (id),
	value          TEXT NOT NULL,
	date           TEXT NOT NULL DEFAULT '',
	source_id      INTEGER REFERENCES sources (id),
	note           TEXT NOT NULL DEFAULT '',
	visibility     TEXT NOT NULL,
	revision       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX stances_point ON stances (point_id, party_id);

CREATE TABLE issues (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	name           TEXT NOT NULL,
	description    TEXT NOT NULL DEFAULT '',
	scale          TEXT NOT NULL,
	unit           TEXT NOT NULL DEFAULT '',
	min_value      REAL NOT NULL,
	max_value      REAL NOT NULL,
	options        TEXT NOT NULL DEFAULT '[]',
	veto_party_ids TEXT NOT NULL DEFAULT '[]',
	UNIQUE (negotiation_id, name)
);

CREATE TABLE positions (
	id                     INTEGER PRIMARY KEY,
	issue_id               INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
	party_id               INTEGER NOT NULL REFERENCES parties (id),
	date                   TEXT NOT NULL DEFAULT '',
	ideal                  REAL NOT NULL,
	reservation            REAL,
	reservation_visibility TEXT NOT NULL,
	salience               REAL NOT NULL,
	capability             REAL NOT NULL,
	source_id              INTEGER REFERENCES sources (id),
	note                   TEXT NOT NULL DEFAULT '',
	revision               INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX positions_issue ON positions (issue_id, party_id);

CREATE TABLE events (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	kind           TEXT NOT NULL,
	title          TEXT NOT NULL,
	date           TEXT NOT NULL,
	place          TEXT NOT NULL DEFAULT '',
	description    TEXT NOT NULL DEFAULT '',
	actor_ids      TEXT NOT NULL DEFAULT '[]',
	party_ids      TEXT NOT NULL DEFAULT '[]',
	version_ids    TEXT NOT NULL DEFAULT '[]',
	source_ids     TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX events_negotiation ON events (negotiation_id, date);

CREATE TABLE understandings (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	party_id   INTEGER NOT NULL REFERENCES parties (id),
	date       TEXT NOT NULL DEFAULT '',
	source_id  INTEGER REFERENCES sources (id),
	claims     TEXT NOT NULL,
	visibility TEXT NOT NULL
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL
);

CREATE TABLE members (
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role           TEXT NOT NULL,
	party_id       INTEGER REFERENCES parties (id),
	PRIMARY KEY (negotiation_id, user_id)
);
