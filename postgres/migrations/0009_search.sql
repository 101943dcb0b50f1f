-- Full-text search. Keep in step with sqlite/migrations.
--
-- The views search_of_TABLE say, once per kind, what of each record is
-- searched: its kind and id, the negotiation, the party and visibility
-- that decide who sees it, a title (weighed more) and a body. search_docs keeps those rows with
-- their tsvector under a GIN index. A trigger on each record keeps
-- search_docs in step, inside the transaction of every write, whoever
-- writes: no writer has to remember the index, and a write that is rolled
-- back leaves no trace in it.
CREATE VIEW search_of_versions AS
SELECT 'version'::text AS kind, v.id AS item_id, 0::bigint AS parent_id, v.negotiation_id, coalesce(v.party_id, 0) AS party_id,
	'published'::text AS visibility, v.label AS title, trim(concat_ws(E'\n', v.venue, v.note, v.preamble)) AS body
FROM versions v;
CREATE VIEW search_of_points AS
SELECT 'point'::text AS kind, p.id AS item_id, p.version_id AS parent_id, v.negotiation_id, 0::bigint AS party_id,
	'published'::text AS visibility, trim(p.label || ' ' || p.heading) AS title, p.text AS body
FROM points p JOIN versions v ON v.id = p.version_id;
CREATE VIEW search_of_events AS
SELECT 'event'::text AS kind, e.id AS item_id, 0::bigint AS parent_id, e.negotiation_id, 0::bigint AS party_id,
	'published'::text AS visibility, e.title, trim(concat_ws(E'\n', e.place, e.description)) AS body
FROM events e;
CREATE VIEW search_of_understandings AS
SELECT 'understanding'::text AS kind, u.id AS item_id, u.event_id AS parent_id, e.negotiation_id, u.party_id, u.visibility,
	coalesce((SELECT string_agg(c->>'topic', ', ') FROM jsonb_array_elements(u.claims::jsonb) c), '') AS title,
	coalesce((SELECT string_agg(c->>'text', E'\n') FROM jsonb_array_elements(u.claims::jsonb) c), '') AS body
FROM understandings u JOIN events e ON e.id = u.event_id;
CREATE VIEW search_of_sources AS
SELECT 'source'::text AS kind, s.id AS item_id, 0::bigint AS parent_id, s.negotiation_id, 0::bigint AS party_id,
	'published'::text AS visibility, s.title, trim(concat_ws(E'\n', s.publisher, s.note, s.url)) AS body
FROM sources s;

-- search_words blanks ASCII punctuation, so that the 'simple' parser
-- reads "3.5", "red-line" or an address as the separate words SQLite's
-- unicode61 tokenizer reads there (parley.ParseSearch too). The 'simple'
-- configuration only folds case: no stemming of one language, so Russian
-- and Ukrainian words match as they are written, diacritics kept.
CREATE FUNCTION search_words(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT translate(t, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '                                ') $$;

CREATE TABLE search_docs (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind           TEXT NOT NULL,
	item_id        BIGINT NOT NULL,
	parent_id      BIGINT NOT NULL,
	negotiation_id BIGINT NOT NULL REFERENCES negotiations (id) ON DELETE CASCADE,
	party_id       BIGINT NOT NULL,
	visibility     TEXT NOT NULL,
	title          TEXT NOT NULL,
	body           TEXT NOT NULL,
	words          tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('simple', search_words(title)), 'A') || setweight(to_tsvector('simple', search_words(body)), 'B')) STORED,
	UNIQUE (kind, item_id)
);
CREATE INDEX search_docs_words ON search_docs USING gin (words);

-- search_track keeps the row of search_docs of the record a trigger fired
-- for, from the record's view (search_of_TABLE); the trigger names the
-- record's kind.
CREATE FUNCTION search_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		DELETE FROM search_docs WHERE kind = TG_ARGV[0] AND item_id = OLD.id;
	END IF;
	-- One static statement per table: plpgsql plans each once.
	IF TG_OP = 'DELETE' THEN
		RETURN NULL;
	ELSIF TG_TABLE_NAME = 'versions' THEN
		INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
		SELECT * FROM search_of_versions WHERE item_id = NEW.id;
	ELSIF TG_TABLE_NAME = 'points' THEN
		INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
		SELECT * FROM search_of_points WHERE item_id = NEW.id;
	ELSIF TG_TABLE_NAME = 'events' THEN
		INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
		SELECT * FROM search_of_events WHERE item_id = NEW.id;
	ELSIF TG_TABLE_NAME = 'understandings' THEN
		INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
		SELECT * FROM search_of_understandings WHERE item_id = NEW.id;
	ELSIF TG_TABLE_NAME = 'sources' THEN
		INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
		SELECT * FROM search_of_sources WHERE item_id = NEW.id;
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER versions_search AFTER INSERT OR UPDATE OR DELETE ON versions FOR EACH ROW EXECUTE FUNCTION search_track('version');
CREATE TRIGGER points_search AFTER INSERT OR UPDATE OR DELETE ON points FOR EACH ROW EXECUTE FUNCTION search_track('point');
CREATE TRIGGER events_search AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION search_track('event');
CREATE TRIGGER understandings_search AFTER INSERT OR UPDATE OR DELETE ON understandings FOR EACH ROW EXECUTE FUNCTION search_track('understanding');
CREATE TRIGGER sources_search AFTER INSERT OR UPDATE OR DELETE ON sources FOR EACH ROW EXECUTE FUNCTION search_track('source');

-- What was stored before this migration.
INSERT INTO search_docs (kind, item_id, parent_id, negotiation_id, party_id, visibility, title, body)
SELECT * FROM search_of_versions UNION ALL SELECT * FROM search_of_points UNION ALL SELECT * FROM search_of_events
UNION ALL SELECT * FROM search_of_understandings UNION ALL SELECT * FROM search_of_sources;
