-- Sources are regraded, and every grade is kept. Keep in step with
-- postgres/migrations.

-- A source's revision counts its grades; a regrading names the one it read.
ALTER TABLE sources ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Every grade a source was given, oldest first by id, with who gave it
-- and when (empty for the grades given before they were kept).
CREATE TABLE source_grades (
	id          INTEGER PRIMARY KEY,
	source_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	revision    INTEGER NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
	credibility INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
	note        TEXT NOT NULL DEFAULT '',
	user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
	graded_at   TEXT NOT NULL DEFAULT '',
	UNIQUE (source_id, revision)
);

-- The grades stored so far become the first entries of their history.
INSERT INTO source_grades (source_id, revision, reliability, credibility)
	SELECT id, 1, reliability, credibility FROM sources ORDER BY id;
