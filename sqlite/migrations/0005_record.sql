-- The record: each negotiation's signed, append-only log. Keep in step with
-- postgres/migrations.

-- Signing keys: per negotiation the log's record key (party_id NULL), per
-- party its endorsement key. The private key is kept only sealed under a
-- passphrase (tlog.SealKey); the public key is in the clear.
CREATE TABLE record_keys (
	id             INTEGER PRIMARY KEY,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	party_id       INTEGER REFERENCES parties (id),
	name           TEXT NOT NULL,
	public_key     TEXT NOT NULL,
	sealed_key     TEXT NOT NULL,
	created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX record_keys_log ON record_keys (negotiation_id) WHERE party_id IS NULL;
CREATE UNIQUE INDEX record_keys_party ON record_keys (negotiation_id, party_id) WHERE party_id IS NOT NULL;

-- The leaves, exactly as hashed into the log, numbered from 0 without gaps
-- per negotiation.
CREATE TABLE record_leaves (
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	leaf_index     INTEGER NOT NULL CHECK (leaf_index >= 0),
	kind           TEXT NOT NULL CHECK (kind IN ('version', 'endorsement')),
	version_id     INTEGER NOT NULL REFERENCES versions (id),
	party_id       INTEGER REFERENCES parties (id),
	leaf           BLOB NOT NULL,
	recorded_at    TEXT NOT NULL,
	PRIMARY KEY (negotiation_id, leaf_index),
	CHECK ((kind = 'version' AND party_id IS NULL) OR (kind = 'endorsement' AND party_id IS NOT NULL))
);
CREATE UNIQUE INDEX record_leaves_version ON record_leaves (version_id) WHERE kind = 'version';
CREATE UNIQUE INDEX record_leaves_endorsement ON record_leaves (version_id, party_id) WHERE kind = 'endorsement';

-- Every checkpoint issued: the signed note over the first tree_size leaves.
CREATE TABLE record_checkpoints (
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	tree_size      INTEGER NOT NULL CHECK (tree_size > 0),
	note           TEXT NOT NULL,
	created_at     TEXT NOT NULL,
	PRIMARY KEY (negotiation_id, tree_size)
);

-- Append-only: a leaf or a checkpoint, once written, is never changed.
CREATE TRIGGER record_leaves_append_only BEFORE UPDATE ON record_leaves
BEGIN
	SELECT RAISE(ABORT, 'the record is append-only: a leaf is never changed');
END;
CREATE TRIGGER record_checkpoints_append_only BEFORE UPDATE ON record_checkpoints
BEGIN
	SELECT RAISE(ABORT, 'the record is append-only: a checkpoint is never changed');
END;
