-- Stances with their history. Keep in step with postgres/migrations.

-- A party holds one current stance on a point. A stance carried from a
-- parent version's point when its version came in names the stance it
-- came from and the kind of link that carried it, until it is confirmed.
ALTER TABLE stances ADD COLUMN carried_from INTEGER REFERENCES stances (id) ON DELETE SET NULL;
ALTER TABLE stances ADD COLUMN carried_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE stances ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';

-- Every revision of every stance, as it was written, oldest first by id.
CREATE TABLE stance_history (
	id           INTEGER PRIMARY KEY,
	stance_id    INTEGER NOT NULL REFERENCES stances (id) ON DELETE CASCADE,
	revision     INTEGER NOT NULL,
	value        TEXT NOT NULL,
	date         TEXT NOT NULL DEFAULT '',
	source_id    INTEGER REFERENCES sources (id),
	note         TEXT NOT NULL DEFAULT '',
	visibility   TEXT NOT NULL,
	carried_from INTEGER,
	carried_kind TEXT NOT NULL DEFAULT '',
	recorded_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stance_history_stance ON stance_history (stance_id, id);

-- The stances stored so far become the first entries of their history.
-- Where a party held several stances on one point, the newest stays the
-- current one and the others become its earlier history.
INSERT INTO stance_history (stance_id, revision, value, date, source_id, note, visibility)
	SELECT id, revision, value, date, source_id, note, visibility FROM stances ORDER BY point_id, party_id, date, id;
UPDATE stance_history SET stance_id = (
	SELECT newest.id FROM stances s JOIN stances newest ON newest.point_id = s.point_id AND newest.party_id = s.party_id
	WHERE s.id = stance_history.stance_id ORDER BY newest.date DESC, newest.id DESC LIMIT 1);
DELETE FROM stances WHERE id NOT IN (SELECT stance_id FROM stance_history)
	AND EXISTS (SELECT 1 FROM stances newer WHERE newer.point_id = stances.point_id AND newer.party_id = stances.party_id AND newer.id <> stances.id);

DROP INDEX stances_point;
CREATE UNIQUE INDEX stances_one_per_party ON stances (point_id, party_id);
