-- Sealed rounds of the blind overlap test. Keep in step with
-- postgres/migrations.

-- A round on an issue: opened by a mediator, closed once; the verdict is
-- computed at the close and kept. At most one open round per issue.
CREATE TABLE rounds (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	issue_id       INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
	opened_at      TEXT NOT NULL,
	closed_at      TEXT,
	verdict        TEXT NOT NULL DEFAULT '' CHECK (verdict IN ('', 'overlap', 'no overlap', 'incomplete')),
	CHECK ((closed_at IS NULL) = (verdict = ''))
);
CREATE INDEX rounds_negotiation ON rounds (negotiation_id, id);
CREATE UNIQUE INDEX rounds_one_open ON rounds (issue_id) WHERE closed_at IS NULL;

-- One sealed range per veto player per round, confidential to its party.
CREATE TABLE round_submissions (
	round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	party_id     INTEGER NOT NULL REFERENCES parties (id),
	low          REAL NOT NULL,
	high         REAL NOT NULL,
	submitted_at TEXT NOT NULL,
	PRIMARY KEY (round_id, party_id),
	CHECK (low <= high)
);
