-- Alignments between two versions, recomputed as a whole, and the
-- corrections people make, kept for good.
CREATE TABLE alignments (
	id             INTEGER PRIMARY KEY,
	old_version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	new_version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	links          TEXT NOT NULL,
	computed_at    TEXT NOT NULL,
	UNIQUE (old_version_id, new_version_id)
);

CREATE TABLE corrections (
	id             INTEGER PRIMARY KEY,
	old_version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	new_version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	action         TEXT NOT NULL,
	old_point_ids  TEXT NOT NULL,
	new_point_ids  TEXT NOT NULL,
	kind           TEXT NOT NULL DEFAULT '',
	note           TEXT NOT NULL DEFAULT '',
	user_id        INTEGER REFERENCES users (id),
	created_at     TEXT NOT NULL
);
CREATE INDEX corrections_pair ON corrections (old_version_id, new_version_id);
