-- The synonyms a negotiation's mediators keep, for matching the topic keys
-- of understandings and the names their claims mention. Keep in step with
-- sqlite/migrations.

-- One row per group: a canonical key and its other terms (a JSON list of
-- strings), in the order the list was set. That no term is in two groups
-- is checked when the list is set (terms match after normalisation, which
-- SQL does not do).
CREATE TABLE synonyms (
	negotiation_id BIGINT NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	seq            BIGINT NOT NULL,
	canonical      TEXT NOT NULL,
	terms          TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (negotiation_id, seq),
	UNIQUE (negotiation_id, canonical)
);
