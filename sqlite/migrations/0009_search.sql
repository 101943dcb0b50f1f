-- Full-text search. Keep in step with postgres/migrations.
--
-- The views search_of_TABLE say, once per kind, what of each record is
-- searched: its kind and id, the negotiation, the party and visibility
-- that decide who sees it, a title (weighed more) and a body. (One view
-- per kind, not one union of all: a trigger's lookup of one row then
-- stays a lookup, where SQLite would read every arm of a union.) search_docs keeps those rows and
-- search_fts indexes them (FTS5, an external-content table over
-- search_docs). Triggers on the records keep search_docs in step, inside
-- the transaction of every write, whoever writes: no writer has to
-- remember the index, and a write that is rolled back leaves no trace in
-- it.
CREATE VIEW search_of_versions AS
SELECT 'version' AS kind, v.id AS item_id, 0 AS parent_id, v.negotiation_id, coalesce(v.party_id, 0) AS party_id,
	'published' AS visibility, v.label AS title, trim(v.venue || char(10) || v.note || char(10) || v.preamble) AS body
FROM versions v;
CREATE VIEW search_of_points AS
SELECT 'point' AS kind, p.id AS item_id, p.version_id AS parent_id, v.negotiation_id, 0 AS party_id,
	'published' AS visibility, trim(p.label || ' ' || p.heading) AS title, p.text AS body
FROM points p JOIN versions v ON v.id = p.version_id;
CREATE VIEW search_of_events AS
SELECT 'event' AS kind, e.id AS item_id, 0 AS parent_id, e.negotiation_id, 0 AS party_id,
	'published' AS visibility, e.title, trim(e.place || char(10) || e.description) AS body
FROM events e;
CREATE VIEW search_of_understandings AS
SELECT 'understanding' AS kind, u.id AS item_id, u.event_id AS parent_id, e.negotiation_id, u.party_id, u.visibility,
	coalesce((SELECT group_concat(json_extract(c.value, '$.topic'), ', ') FROM json_each(u.claims) c), '') AS title,
	coalesce((SELECT group_concat(json_extract(c.value, '$.text'), char(10)) FROM json_each(u.claims) c), '') AS body
FROM understandings u JOIN events e ON e.id = u.event_id;
CREATE VIEW search_of_sources AS
SELECT 'source' AS kind, s.id AS item_id, 0 AS parent_id, s.negotiation_id, 0 AS party_id,
	'published' AS visibility, s.title, trim(s.publisher || char(10) || s.note || char(10) || s.url) AS body
FROM sources s;

CREATE TABLE search_docs (
	id             INTEGER PRIMARY KEY,
	kind           TEXT NOT NULL,
	item_id        INTEGER NOT NULL,
	parent_id      INTEGER NOT NULL,
	negotiation_id INTEGER NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	party_id       INTEGER NOT NULL,
	visibility     TEXT NOT NULL,
	title          TEXT NOT NULL,
	body           TEXT NOT NULL,
	UNIQUE (kind, item_id)
);

-- Diacritics are kept, as PostgreSQL's 'simple' configuration keeps them:
-- both stores find the same records for the same words.
CREATE VIRTUAL TABLE search_fts USING fts5 (title, body, content = 'search_docs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0');

CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN
	INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
	INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;

-- An update is a delete and an insert: the FTS rows follow the
-- search_docs rows through their triggers.
CREATE TRIGGER versions_search_insert AFTER INSERT ON versions BEGIN
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_versions WHERE item_id = new.id;
END;
CREATE TRIGGER versions_search_update AFTER UPDATE ON versions BEGIN
	DELETE FROM search_docs WHERE kind = 'version' AND item_id = old.id;
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_versions WHERE item_id = new.id;
END;
CREATE TRIGGER versions_search_delete AFTER DELETE ON versions BEGIN
	DELETE FROM search_docs WHERE kind = 'version' AND item_id = old.id;
END;

CREATE TRIGGER points_search_insert AFTER INSERT ON points BEGIN
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_points WHERE item_id = new.id;
END;
CREATE TRIGGER points_search_update AFTER UPDATE ON points BEGIN
	DELETE FROM search_docs WHERE kind = 'point' AND item_id = old.id;
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_points WHERE item_id = new.id;
END;
CREATE TRIGGER points_search_delete AFTER DELETE ON points BEGIN
	DELETE FROM search_docs WHERE kind = 'point' AND item_id = old.id;
END;

CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_events WHERE item_id = new.id;
END;
CREATE TRIGGER events_search_update AFTER UPDATE ON events BEGIN
	DELETE FROM search_docs WHERE kind = 'event' AND item_id = old.id;
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_events WHERE item_id = new.id;
END;
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
	DELETE FROM search_docs WHERE kind = 'event' AND item_id = old.id;
END;

CREATE TRIGGER understandings_search_insert AFTER INSERT ON understandings BEGIN
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_understandings WHERE item_id = new.id;
END;
CREATE TRIGGER understandings_search_update AFTER UPDATE ON understandings BEGIN
	DELETE FROM search_docs WHERE kind = 'understanding' AND item_id = old.id;
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_understandings WHERE item_id = new.id;
END;
CREATE TRIGGER understandings_search_delete AFTER DELETE ON understandings BEGIN
	DELETE FROM search_docs WHERE kind = 'understanding' AND item_id = old.id;
END;

CREATE TRIGGER sources_search_insert AFTER INSERT ON sources BEGIN
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_sources WHERE item_id = new.id;
END;
CREATE TRIGGER sources_search_update AFTER UPDATE ON sources BEGIN
	DELETE FROM search_docs WHERE kind = 'source' AND item_id = old.id;
	INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
	SELECT * FROM search_of_sources WHERE item_id = new.id;
END;
CREATE TRIGGER sources_search_delete AFTER DELETE ON sources BEGIN
	DELETE FROM search_docs WHERE kind = 'source' AND item_id = old.id;
END;

-- What was stored before this migration.
INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
SELECT * FROM search_of_versions UNION ALL SELECT * FROM search_of_points UNION ALL SELECT * FROM search_of_events
UNION ALL SELECT * FROM search_of_understandings UNION ALL SELECT * FROM search_of_sources;
