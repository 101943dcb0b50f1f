-- People's decisions about the topics of points. Keep in step with the
-- other dialect's migrations.
--
-- A decision is kept for good, like an alignment correction: the newest
-- decision on a point is its topics, the earlier ones its history. The
-- points' tags column is left as it is: a version's points are its text as
-- received, and a decision needs who and when.
CREATE TABLE topic_decisions (
	id         INTEGER PRIMARY KEY,
	point_id   INTEGER NOT NULL REFERENCES points (id) ON DELETE CASCADE,
	topics     TEXT NOT NULL,
	action     TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	user_id    INTEGER REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX topic_decisions_point ON topic_decisions (point_id, id);
