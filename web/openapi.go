package web

import (
	"net/http"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"parley"
	"parley/auth"
	"parley/ingest"
)

// apiDocs describes each API route for the OpenAPI document; a test fails
// when a route has no description or a description no route.
var apiDocs = map[string]struct{ summary, body, answer string }{
	"POST /api/v1/sessions":                                        {"Log in: returns a bearer token.", "Login", "Token"},
	"DELETE /api/v1/sessions":                                      {"Log out: ends the session of the token sent.", "", ""},
	"GET /api/v1/negotiations":                                     {"The negotiations the caller is a member of, with the caller's role.", "", "NegotiationList"},
	"GET /api/v1/negotiations/{id}":                                {"One negotiation. ETag carries its revision.", "", "Negotiation"},
	"GET /api/v1/negotiations/{id}/parties":                        {"The parties of a negotiation.", "", "Array"},
	"GET /api/v1/negotiations/{id}/versions":                       {"The versions of a negotiation's texts, oldest first, without their points.", "", "Array"},
	"POST /api/v1/negotiations/{id}/versions":                      {"Add a version: the text as JSON (\"text\", or a Word or PDF file as \"body_base64\" with its \"name\") or as a multipart form (\"file\" or \"text\", with the upload form's fields). A delegate adds versions drafted by its own party only (party_id may be left out), mediators and owners any, observers none. The text is read and segmented as \"parley import\" does; a text the negotiation already holds gets 409, a text over 8 MiB 413. Stances on the parents' points are carried to it, to confirm. With preview=true nothing is stored: the answer shows the points and the segmenter's warnings.", "VersionCreate", "VersionCreated"},
	"GET /api/v1/negotiations/{id}/issues":                         {"The issues bargained over, with their scales.", "", "Array"},
	"GET /api/v1/negotiations/{id}/record":                         {"The signed record: recorded versions and endorsements, the checking key and the newest signed checkpoint.", "", "Record"},
	"GET /api/v1/negotiations/{id}/record/{version}/proof":         {"The proof file of a recorded version (text/plain), to check offline with parley verify --proof.", "", "Object"},
	"POST /api/v1/negotiations/{id}/record":                        {"Record a version as official (mediators and owners): its leaf is appended to the signed record and a new checkpoint signed; 409 when it is recorded already, 503 when the server holds no passphrase for the signing keys.", "RecordAdd", "Recorded"},
	"POST /api/v1/negotiations/{id}/record/{version}/endorsements": {"Endorse a recorded version for your own party (its delegates only; party defaults to yours): the party's signature is appended to the record; 409 when the party has endorsed it already, 503 when the server holds no passphrase for the signing keys.", "Endorsement", "Recorded"},
	"GET /api/v1/negotiations/{id}/forecasts":                      {"parley's forecast of every issue with its 80% interval (and, on an ordinal issue, each option's probability) and the blind deal-space verdict; computed from what every member sees and kept within the veto players' ranges the caller may see.", "", "ForecastList"},
	"POST /api/v1/negotiations/{id}/events":                        {"Put an event on the timeline (owners and mediators): kind, title, date with its precision, place, and the parties, actors, versions and sources of this negotiation it involves.", "EventCreate", "Object"},
	"POST /api/v1/negotiations/{id}/events/{event}/understandings": {"Record what your party believes was agreed at the event (its delegates only): claims by topic, each optionally tied to an issue (issue_id; the topic then defaults to the issue's name) or a point (point_id) of this negotiation; visibility party (default), mediator or published.", "UnderstandingCreate", "Object"},
	"POST /api/v1/negotiations/{id}/issues":                        {"Add an issue: a numeric scale (min, max, unit) or ordered options, and the veto players (owners and mediators only).", "IssueCreate", "Object"},
	"POST /api/v1/negotiations/{id}/positions":                     {"Record a new dated position of your own party (its delegates only); the reservation stays the party's own unless reservation_visibility shares it.", "PositionCreate", "Object"},
	"GET /api/v1/negotiations/{id}/positions":                      {"Each party's positions; reservation is null where the caller may not see it.", "", "PositionList"},
	"PUT /api/v1/negotiations/{id}/positions/{position}":           {"Update one of your party's positions (its delegates only). Send If-Match with the ETag you read: a stale one gets 412.", "PositionUpdate", "Position"},
	"GET /api/v1/negotiations/{id}/rounds":                         {"The sealed overlap rounds: per round its issue, who submitted and who is still to, and once closed its verdict (overlap, no overlap, incomplete); a delegate also gets its own party's submission. Nobody else's range is ever shown.", "", "RoundList"},
	"POST /api/v1/negotiations/{id}/rounds":                        {"Open a sealed overlap round on an issue with veto players (mediators and owners); one open round per issue.", "RoundOpen", "Round"},
	"POST /api/v1/negotiations/{id}/rounds/{round}/submission":     {"Seal your party's range into an open round (delegates of a veto player; once per round, 409 after that). Give ideal and reservation, or an empty body for your party's newest position.", "Submission", "Round"},
	"POST /api/v1/negotiations/{id}/rounds/{round}/close":          {"Close a round (mediators and owners): its verdict is computed now, once, from the sealed ranges, and kept.", "", "Round"},
	"GET /api/v1/negotiations/{id}/stances":                        {"The current stance of each party on each point, as far as the caller may see them (a party's draft stances stay with its delegates); to_confirm marks a stance carried from a parent version and not yet confirmed.", "", "StanceList"},
	"POST /api/v1/negotiations/{id}/stances":                       {"Record a party's first stance on a point: a delegate for its own party only (party_id may be left out), mediators and owners for any party, observers none. A party already holding one gets 409: change it with PUT.", "StanceCreate", "Stance"},
	"PUT /api/v1/negotiations/{id}/stances/{stance}":               {"Change a party's stance on a point, or confirm a carried one; the revision before is kept in its history. Send If-Match with the ETag you read (a stale one gets 412) or the revision in the body (a stale one gets 409).", "StanceUpdate", "Stance"},
	"GET /api/v1/negotiations/{id}/stances/{stance}/history":       {"Every revision of a stance, oldest first, each dated; revisions kept to the party stay with its delegates.", "", "StanceList"},
	"GET /api/v1/negotiations/{id}/events":                         {"The timeline: meetings, calls, leaks, statements, each with its participants, place, date and precision, linked versions and sources named, and how many of its understandings the caller may see.", "", "EventList"},
	"GET /api/v1/negotiations/{id}/events/{event}/understandings":  {"What each party records as agreed at the event: the understandings the caller may see (a party's own stay with its delegates).", "", "Array"},
	"GET /api/v1/negotiations/{id}/events/{event}/comparison":      {"The understandings the caller may see, compared subject by subject (an issue, a point, or a topic matched through the synonyms) by what the claims say (figures, dates, names, negation, will or may): agreed, not-agreed, contradiction (all say agreed, contents differ: the differences side by side), disputed (one says agreed, another not), or one-sided; claimed figures placed on the scale of a numeric issue.", "", "EventComparison"},
	"GET /api/v1/negotiations/{id}/synonyms":                       {"The synonyms the mediators keep: groups of a key and the other ways it is written, by which the topics of understandings and the names in claims are matched.", "", "Synonyms"},
	"PUT /api/v1/negotiations/{id}/synonyms":                       {"Replace the synonyms list (mediators and owners), audited. A term may stand in one group only (after normalising case, spaces and punctuation).", "Synonyms", "Synonyms"},
	"GET /api/v1/negotiations/{id}/contacts":                       {"Who talks to whom: parties and actors linked by shared meetings, calls, summits and talks, with strength (recency-weighted degree) and betweenness. Query: as_of=YYYY-MM-DD, half_life_days=N (90), party=CODE for whom that party should talk to.", "", "Contacts"},
	"GET /api/v1/negotiations/{id}/sources":                        {"The sources, graded with the Admiralty code.", "", "Array"},
	"POST /api/v1/negotiations/{id}/sources":                       {"Add a source (owners, mediators and delegates; observers none), graded with the Admiralty code: reliability A-F and credibility 1-6. ETag carries its revision.", "SourceCreate", "Source"},
	"GET /api/v1/negotiations/{id}/sources/{source}/grades":        {"Every grade the source was given, oldest first, with who gave it and when; the last is its grade now. ETag carries the source's revision.", "", "GradeList"},
	"POST /api/v1/negotiations/{id}/sources/{source}/grades":       {"Regrade a source (mediators and owners): the grade before is kept in its history. Send If-Match with the ETag you read (a stale one gets 412) or the revision in the body (a stale one gets 409).", "SourceGrade", "Source"},
	"GET /api/v1/negotiations/{id}/members":                        {"The members and their roles (owners only).", "", "Array"},
	"POST /api/v1/negotiations/{id}/members":                       {"Make an existing account a member (owners only): username or user_id, role, and party_id for a delegate; a member already gets 409.", "MemberCreate", "Member"},
	"PUT /api/v1/negotiations/{id}/members/{user}":                 {"Change a member's role and party (owners only); the last owner keeps its role (409).", "MemberUpdate", "Member"},
	"DELETE /api/v1/negotiations/{id}/members/{user}/sessions":     {"End every session and API token of a member (owners only): {\"ended\": N}.", "", "Object"},
	"DELETE /api/v1/negotiations/{id}/members/{user}":              {"Take a member's role in the negotiation away (owners only; not the last owner).", "", "Object"},
	"GET /api/v1/negotiations/{id}/audit":                          {"The audit log, oldest first (owners only): who changed what, when, before and after; confidential values the caller may not see are redacted.", "", "Array"},
	"POST /api/v1/password":                                        {"Change your password: {\"current\", \"new\"}. Every other session and API token of yours ends; this one goes on.", "PasswordChange", "Object"},
	"GET /api/v1/search":                                           {"Search versions, points, events, understandings and sources by the words in them, in the negotiations the caller is a member of, best first; only what the caller may see is found or counted (a party's own understandings stay with its delegates). Each hit has its kind, ids, title, a snippet whose matched words have match: true, and the url of its page.", "", "SearchResult"},
	"GET /api/v1/versions/{version}":                               {"One version with every point at every depth. ETag carries its revision.", "", "Object"},
	"GET /api/v1/alignments/{version}/{new}":                       {"The alignment of two versions, corrections applied, in the compare JSON.", "", "Comparison"},
	"POST /api/v1/alignments/{version}/{new}/corrections":          {"Confirm, relink or unlink points (mediators and owners).", "Correction", "Object"},
	"GET /api/v1/openapi.json":                                     {"This document.", "", "Object"},
	"GET /api/v1/negotiations/{id}/topics":                         {"The topic scheme (derived from the PA-X peace agreements codebook) and, for each version oldest first, the topics its points carry and those it added or dropped against the versions it derives from. With topic=KEY, also every point on that topic in every version (decided by a person or suggested, with the evidence words), the stances on them and the positions on the issues of the topic, as far as the caller may see them.", "", "Object"},
	"GET /api/v1/versions/{version}/topics":                        {"Each point's topics: a person's decision where there is one, the suggestions otherwise; the suggestions always come with the words of the point that made them.", "", "Object"},
	"POST /api/v1/versions/{version}/topics":                       {"Decide a point's topics (mediators and owners): action confirm takes the current suggestions, correct sets the topics given (keys of the scheme; none is allowed). Kept with who and when; the newest decision wins; audited.", "TopicDecision", "Object"},
}

// apiQueries lists the query parameters of the routes that read any.
var apiQueries = map[string][]struct{ name, kind, description string }{
	"POST /api/v1/negotiations/{id}/versions": {
		{"preview", "boolean", "true: read and check the text, store nothing"},
	},
	"GET /api/v1/negotiations/{id}/stances": {
		{"version", "integer", "a version id: only the stances on its points"},
	},
	"GET /api/v1/alignments/{version}/{new}": {
		{"hide", "string", "unchanged: leave out the unchanged links"},
		{"kind", "string", "only links of these kinds, comma-separated (reworded,added); every kind when absent"},
		{"low", "string", "1: only the links the aligner is unsure of (confidence under 0.5)"},
	},
	"GET /api/v1/search": {
		{"q", "string", "the words to find, up to 200 characters: a word also finds longer words it begins; \"quoted words\" in a row; -word leaves out what holds it (required)"},
		{"negotiation", "integer", "a negotiation id: search only there"},
		{"kind", "string", "version, point, event, understanding or source: only that kind"},
		{"limit", "integer", "the most hits, 1 to 100 (default 20)"},
	},
	"GET /api/v1/negotiations/{id}/topics": {
		{"topic", "string", "a topic key of the scheme: adds its points in every version, their stances and the positions on its issues"},
	},
	"GET /api/v1/negotiations/{id}/contacts": {
		{"as_of", "string", "the day to weigh contacts as of, YYYY-MM-DD (default: today)"},
		{"half_life_days", "integer", "the days it takes a contact's weight to halve, 1 to 3650 (default 90)"},
		{"party", "string", "a party's code or name: adds the suggestions of whom it should talk to"},
	},
}

// apiForms names the schema of the routes that also read a multipart form.
var apiForms = map[string]string{
	"POST /api/v1/negotiations/{id}/versions": "VersionForm",
}

var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

// openAPI builds the OpenAPI 3.1 document from the routes.
func openAPI(table []route) map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range table {
		if !rt.api {
			continue
		}
		method, path, _ := strings.Cut(rt.pattern, " ")
		doc := apiDocs[rt.pattern]
		op := map[string]any{"summary": shortSummary(doc.summary), "description": doc.summary, "tags": []string{apiTag(path)},
			"responses": responses(rt, doc.answer), "operationId": operationID(rt)}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "integer"}})
		}
		for _, q := range apiQueries[rt.pattern] {
			params = append(params, map[string]any{"name": q.name, "in": "query", "required": false, "schema": map[string]any{"type": q.kind}, "description": q.description})
		}
		if params != nil {
			op["parameters"] = params
		}
		if doc.body != "" {
			content := map[string]any{"application/json": map[string]any{"schema": ref(doc.body)}}
			if form := apiForms[rt.pattern]; form != "" {
				content["multipart/form-data"] = map[string]any{"schema": ref(form)}
			}
			op["requestBody"] = map[string]any{"required": true, "content": content}
		}
		// An empty list says that the route needs no credentials; linters
		// ask every operation to say one or the other.
		op["security"] = []any{}
		if rt.rule != anyone {
			op["security"] = []any{map[string]any{"bearer": []any{}}, map[string]any{"cookie": []any{}}}
		}
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		paths[path][strings.ToLower(method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "parley API", "version": "1",
			"description": "The written record of a negotiation: versions, points, alignments, positions and stances. Errors are {\"error\", \"code\"}."},
		// The document is served by the server it describes, so its paths
		// are relative to wherever that server is reached.
		"servers": []any{map[string]any{"url": "/", "description": "the server that serves this document"}},
		"paths":   paths,
		"tags":    apiTags(paths),
		"components": map[string]any{
			"securitySchemes": map[string]any{
				"bearer": map[string]any{"type": "http", "scheme": "bearer"},
				"cookie": map[string]any{"type": "apiKey", "in": "cookie", "name": CookieName},
			},
			"schemas": openAPISchemas(),
		},
	}
}

// shortSummary is the first clause of a route's description, for the
// one-line summary of its operation: "Log in: returns a bearer token." is
// "Log in".
func shortSummary(description string) string {
	end := len(description)
	for _, sep := range []string{": ", ". ", " (", "; "} {
		if k := strings.Index(description, sep); k > 0 && k < end {
			end = k
		}
	}
	return strings.TrimSuffix(description[:end], ".")
}

// apiTag groups operations by the resource their path names:
// "/api/v1/negotiations/{id}/rounds/{round}/close" is "rounds".
func apiTag(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "/api/v1/"), "/")
	if len(parts) >= 3 && parts[0] == "negotiations" {
		return parts[2]
	}
	return strings.TrimSuffix(parts[0], ".json")
}

// tagDescriptions says what each group of operations is about.
var tagDescriptions = map[string]string{
	"sessions":     "Logging in and out with bearer tokens.",
	"password":     "Your own password.",
	"negotiations": "The negotiations you are a member of.",
	"parties":      "The parties of a negotiation.",
	"versions":     "Versions of the negotiated texts and their points.",
	"alignments":   "Which point became which between two versions, and corrections to it.",
	"issues":       "The issues bargained over and their scales.",
	"positions":    "Each party's dated positions on the issues.",
	"rounds":       "Sealed rounds that say whether the parties' limits overlap.",
	"forecasts":    "Where each issue is likely to land.",
	"stances":      "Each party's stance on each point.",
	"events":       "The timeline of meetings, calls, leaks and statements, and what each party believes was agreed.",
	"contacts":     "Who talks to whom.",
	"topics":       "What the points are about: topics suggested from their words and decided by people.",
	"sources":      "Where texts and events came from, graded for reliability.",
	"record":       "The signed, append-only record of official versions.",
	"members":      "Members, their roles and their sessions.",
	"audit":        "Who changed what, and when.",
	"search":       "Finding versions, points, events, understandings and sources by their words.",
	"openapi":      "This document.",
}

// apiTags lists the tags the operations use, in order, with what each is
// about.
func apiTags(paths map[string]map[string]any) []any {
	seen := map[string]bool{}
	for path := range paths {
		seen[apiTag(path)] = true
	}
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	slices.Sort(names)
	out := make([]any, len(names))
	for k, name := range names {
		tag := map[string]any{"name": name}
		if d := tagDescriptions[name]; d != "" {
			tag["description"] = d
		}
		out[k] = tag
	}
	return out
}

// operationID names an API operation after its handler: apiLogin is
// "login".
func operationID(rt route) string {
	name := runtime.FuncForPC(reflect.ValueOf(rt.handle).Pointer()).Name()
	name = name[strings.LastIndex(name, ".")+1:]
	name = strings.TrimSuffix(strings.TrimPrefix(name, "api"), "-fm")
	if name == "" {
		return strings.ToLower(strings.ReplaceAll(rt.pattern, " ", "_"))
	}
	return strings.ToLower(name[:1]) + name[1:]
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func responses(rt route, answer string) map[string]any {
	ok := "200"
	if strings.HasPrefix(rt.pattern, "POST") {
		ok = "201"
	}
	if strings.HasPrefix(rt.pattern, "PUT") {
		out := responses(route{pattern: "GET" + strings.TrimPrefix(rt.pattern, "PUT"), rule: rt.rule}, answer)
		out["403"] = map[string]any{"description": "the caller may not change it: another party's, or an observer"}
		out["409"] = map[string]any{"description": "stale revision in the body"}
		out["412"] = map[string]any{"description": "If-Match does not match the current ETag"}
		out["413"] = map[string]any{"description": "body over 1 MiB"}
		out["400"] = map[string]any{"description": "bad input"}
		return out
	}
	if strings.HasPrefix(rt.pattern, "DELETE") && answer == "" {
		ok = "204"
	}
	if rt.pattern == "POST /api/v1/password" {
		out := responses(route{pattern: "POST /api/v1/sessions", rule: anyone}, answer)
		out["200"], out["403"] = out["201"], map[string]any{"description": "the current password is wrong"}
		delete(out, "201")
		out["401"] = map[string]any{"description": "not logged in"}
		return out
	}
	out := map[string]any{ok: map[string]any{"description": "success"}}
	if answer != "" {
		out[ok] = map[string]any{"description": "success", "content": map[string]any{"application/json": map[string]any{"schema": ref(answer)}}}
	}
	errResp := map[string]any{"content": map[string]any{"application/json": map[string]any{"schema": ref("Error")}}}
	for code, what := range map[string]string{"400": "bad input", "413": "body over 1 MiB"} {
		if rt.rule != anyone || strings.HasPrefix(rt.pattern, "POST") {
			out[code] = merge(errResp, what)
		}
	}
	if rt.rule != anyone {
		out["401"] = merge(errResp, "not logged in")
		out["404"] = merge(errResp, "not found, or not a member")
	}
	if rt.rule == mediating {
		out["403"] = merge(errResp, "not a mediator or owner")
	}
	if rt.rule == owning {
		out["403"] = merge(errResp, "not an owner")
	}
	if strings.HasPrefix(rt.pattern, "POST /api/v1/negotiations/{id}/record") {
		out["403"] = merge(errResp, "the caller's role may not: recording is for mediators and owners, endorsing for the party's own delegates")
		out["409"] = merge(errResp, "recorded or endorsed already")
		out["503"] = merge(errResp, "recording is not available on this server: no passphrase for the signing keys")
	}
	if rt.pattern == "POST /api/v1/negotiations/{id}/sources/{source}/grades" {
		out["409"] = merge(errResp, "stale revision in the body")
		out["412"] = merge(errResp, "If-Match does not match the source's current ETag")
	}
	if rt.pattern == "POST /api/v1/negotiations/{id}/members" || rt.pattern == "PUT /api/v1/negotiations/{id}/members/{user}" {
		out["409"] = merge(errResp, "a member already, or the last owner demoted")
	}
	if rt.pattern == "POST /api/v1/negotiations/{id}/versions" {
		out["200"] = map[string]any{"description": "preview=true: read and checked, nothing stored", "content": map[string]any{"application/json": map[string]any{"schema": ref(answer)}}}
		out["403"] = merge(errResp, "an observer, or a delegate naming another party")
		out["409"] = merge(errResp, "the negotiation already holds this text")
		out["413"] = merge(errResp, "a text over 8 MiB, or a body over 11 MiB")
	}
	if rt.pattern == "POST /api/v1/sessions" {
		out["401"] = merge(errResp, "wrong username or password")
		out["429"] = merge(errResp, "too many failed logins; see Retry-After")
	}
	return out
}

func merge(m map[string]any, description string) map[string]any {
	out := map[string]any{"description": description}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// openAPISchemas returns the components/schemas of the OpenAPI document,
// built when the document is (not when the program starts, as a command
// line run has no use for them).
func openAPISchemas() map[string]any {
	str := map[string]any{"type": "string"}
	integer := map[string]any{"type": "integer"}
	number := map[string]any{"type": "number"}
	paths := map[string]any{"type": "array", "items": map[string]any{"type": "array", "items": str}}
	strs := map[string]any{"type": "array", "items": str}
	content := obj(map[string]any{"lang": str, "figures": refs(obj(map[string]any{"value": number, "unit": str, "text": str}, "value", "text")),
		"dates": strs, "names": strs, "places": strs, "negated": map[string]any{"type": "boolean"}, "modality": map[string]any{"enum": []string{"will", "may"}}},
		"lang", "figures", "dates", "names", "places")
	claim := obj(map[string]any{"party_id": integer, "party": str, "understanding_id": integer, "date": str, "topic": str, "text": str,
		"agreed": map[string]any{"type": "boolean"}, "point_id": integer, "issue_id": integer, "content": content}, "party_id", "party", "topic", "text", "agreed", "content")
	link := obj(map[string]any{"a": integer, "b": integer, "count": integer, "last": str, "kinds": map[string]any{"type": "array", "items": str},
		"weight": number, "event_ids": map[string]any{"type": "array", "items": integer}}, "a", "b", "count", "last", "weight")
	return map[string]any{
		"Error":          obj(map[string]any{"error": str, "code": str}, "error", "code"),
		"Login":          obj(map[string]any{"username": str, "password": str}, "username", "password"),
		"PasswordChange": obj(map[string]any{"current": str, "new": map[string]any{"type": "string", "minLength": auth.MinPasswordLength}}, "current", "new"),
		"Token":          obj(map[string]any{"token": str, "expires_at": str}, "token"),
		"Object":         map[string]any{"type": "object"},
		"VersionCreate": obj(map[string]any{"text": str, "body_base64": map[string]any{"type": "string", "contentEncoding": "base64"},
			"name":   map[string]any{"type": "string", "description": "the file's name; its extension tells the format"},
			"format": map[string]any{"enum": append([]string{""}, ingest.Formats...)}, "label": str,
			"date":   map[string]any{"type": "string", "description": "YYYY, YYYY-MM or YYYY-MM-DD"},
			"status": map[string]any{"enum": parley.Statuses}, "venue": str, "document": str,
			"party_id":   map[string]any{"type": "integer", "description": "the drafting party; a delegate's own when left out"},
			"parent_ids": map[string]any{"type": "array", "items": integer}, "source_id": integer,
			"source_title": map[string]any{"type": "string", "description": "a source found by title or created, instead of source_id"},
			"source_kind":  map[string]any{"enum": parley.SourceKinds}, "source_grade": map[string]any{"type": "string", "description": "Admiralty grade of a new source, such as B2"}},
			"label"),
		"VersionForm": obj(map[string]any{"file": map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}, "text": str,
			"format": str, "label": str, "date": str, "status": str, "venue": str, "document": str, "party": integer,
			"parents": map[string]any{"type": "string", "description": "version ids, comma-separated or the field repeated"},
			"source":  integer, "source_title": str, "source_kind": str, "source_grade": str}, "label"),
		"VersionCreated": obj(map[string]any{"version": map[string]any{"type": "object"}, "points": integer,
			"warnings": map[string]any{"type": "array", "items": obj(map[string]any{"code": str, "message": str, "line": integer,
				"path": map[string]any{"type": "array", "items": str}}, "code", "message")},
			"carried_stances": integer, "stored": map[string]any{"type": "boolean"}}, "version", "points", "warnings", "stored"),
		"Array": map[string]any{"type": "array", "items": map[string]any{"type": "object"}},
		"SearchResult": obj(map[string]any{"query": str, "hits": map[string]any{"type": "array", "items": obj(map[string]any{
			"kind": map[string]any{"enum": parley.SearchKinds}, "id": integer, "negotiation_id": integer, "negotiation": str,
			"parent_id":  map[string]any{"type": "integer", "description": "the version of a point, the event of an understanding"},
			"party_id":   map[string]any{"type": "integer", "description": "the party of an understanding, the drafting party of a version"},
			"visibility": map[string]any{"enum": []string{"party", "mediator", "published"}}, "title": str, "context": str, "point_key": str,
			"snippet": map[string]any{"type": "array", "items": obj(map[string]any{"text": str, "match": map[string]any{"type": "boolean"}}, "text")},
			"url":     map[string]any{"type": "string", "description": "the page that shows it"}},
			"kind", "id", "negotiation_id", "title", "snippet", "url")}}, "query", "hits"),
		"Negotiation": obj(map[string]any{"id": integer, "title": str, "description": str, "role": str, "party_id": integer, "revision": integer},
			"id", "title", "role"),
		"NegotiationList": map[string]any{"type": "array", "items": ref("Negotiation")},
		"Position": obj(map[string]any{"id": integer, "issue_id": integer, "issue": str, "party_id": integer, "party": str, "date": str,
			"ideal": number, "reservation": map[string]any{"type": []string{"number", "null"}}, "salience": number, "capability": number, "revision": integer},
			"party", "issue", "ideal", "reservation", "salience"),
		"PositionList": map[string]any{"type": "array", "items": ref("Position")},
		"PositionUpdate": obj(map[string]any{"date": str, "ideal": number, "reservation": map[string]any{"type": []string{"number", "null"}},
			"reservation_visibility": map[string]any{"enum": []string{"party", "mediator", "published"}}, "salience": number, "capability": number,
			"note": str, "revision": integer}, "ideal", "salience", "capability", "revision"),
		"Stance": obj(map[string]any{"id": integer, "negotiation_id": integer, "point_id": integer, "party_id": integer, "party": str,
			"value": map[string]any{"enum": parley.StanceValues}, "date": str, "source_id": integer, "note": str,
			"visibility":   map[string]any{"enum": []string{"party", "mediator", "published"}},
			"carried_from": map[string]any{"type": "integer", "description": "the stance on a parent version's point this one was carried from; set until confirmed"},
			"carried_kind": map[string]any{"enum": []string{"unchanged", "moved", "reworded", "split", "merged", "unknown"}},
			"to_confirm":   map[string]any{"type": "boolean"}, "recorded_at": str, "revision": integer},
			"id", "point_id", "party_id", "value", "date", "visibility", "revision"),
		"StanceList": map[string]any{"type": "array", "items": ref("Stance")},
		"StanceCreate": obj(map[string]any{"point_id": integer, "party_id": map[string]any{"type": "integer", "description": "the party; a delegate's own when left out"},
			"value": map[string]any{"type": "string", "description": "accept, accept-with-changes, undecided, reject or red-line (accept_with_changes and red_line too)"},
			"date":  str, "source_id": integer, "note": map[string]any{"type": "string", "maxLength": 4000},
			"visibility": map[string]any{"enum": []string{"party", "mediator", "published"}, "description": "default: party for a delegate, mediator for a mediator or owner"}},
			"point_id", "value", "date"),
		"StanceUpdate": obj(map[string]any{"value": str, "date": str, "source_id": integer, "note": map[string]any{"type": "string", "maxLength": 4000},
			"visibility": map[string]any{"enum": []string{"party", "mediator", "published"}, "description": "default: unchanged"},
			"revision":   map[string]any{"type": "integer", "description": "the revision you read; may be left out with If-Match"}},
			"value", "date"),
		"Record": obj(map[string]any{"public_key": str, "checkpoint": str, "size": integer,
			"entries": refs(obj(map[string]any{"index": integer, "kind": map[string]any{"enum": []string{"version", "endorsement"}}, "version_id": integer,
				"label": str, "party": str, "recorded_at": str}, "index", "kind", "version_id", "recorded_at"))}, "public_key", "checkpoint", "size", "entries"),
		"RecordAdd":   obj(map[string]any{"version_id": integer}, "version_id"),
		"Endorsement": obj(map[string]any{"party": map[string]any{"type": "string", "description": "the endorsing party's code or name; a delegate's own when left out"}}),
		"Recorded": obj(map[string]any{"negotiation_id": integer, "version_id": integer, "label": str, "kind": map[string]any{"enum": []string{"version", "endorsement"}},
			"index": integer, "party": str, "tree_size": integer, "root": str, "checkpoint": str}, "negotiation_id", "version_id", "kind", "index", "tree_size", "root", "checkpoint"),
		"Round": obj(map[string]any{"id": integer, "issue_id": integer, "issue": str, "opened_at": str, "closed_at": str,
			"verdict":   map[string]any{"enum": []string{"overlap", "no overlap", "incomplete"}, "description": "set when the round closes"},
			"submitted": map[string]any{"type": "array", "items": str, "description": "codes of the parties that submitted; never what"},
			"waiting":   map[string]any{"type": "array", "items": str, "description": "codes of the veto players that have not submitted"},
			"own":       obj(map[string]any{"low": number, "high": number, "at": str}, "low", "high")}, "id", "issue_id", "opened_at", "submitted", "waiting"),
		"RoundList":  map[string]any{"type": "array", "items": ref("Round")},
		"RoundOpen":  obj(map[string]any{"issue_id": integer}, "issue_id"),
		"Submission": obj(map[string]any{"ideal": number, "reservation": number}),
		"ForecastList": map[string]any{"type": "array", "items": obj(map[string]any{"issue_id": integer, "issue": str,
			"deal_space": map[string]any{"enum": []string{"overlap", "no overlap", "incomplete", "unknown"},
				"description": "from the latest closed sealed round, or from published limits when every veto player published its own; never from limits read live"},
			"deal_space_round": ref("Round"), "open_round": ref("Round"),
			"zone": map[string]any{"type": "array", "items": number, "description": "where the limits overlap; only when every veto player published its limit"}, "model": str,
			"forecast": map[string]any{"type": []string{"number", "null"}}, "median": map[string]any{"type": []string{"number", "null"}},
			"interval": map[string]any{"type": []string{"array", "null"}, "items": number}, "bounded": map[string]any{"type": "boolean"},
			"label": str, "scale": map[string]any{"type": "array", "items": number},
			"options": map[string]any{"type": "array", "description": "ordinal issues: each option's forecast probability; label is then the forecast option",
				"items": obj(map[string]any{"option": str, "probability": number}, "option", "probability")}}, "issue_id", "issue", "deal_space", "model", "forecast")},
		"EventCreate": obj(map[string]any{"kind": map[string]any{"enum": parley.EventKinds}, "title": str, "date": str, "place": str, "description": str,
			"party_ids": map[string]any{"type": "array", "items": integer}, "actor_ids": map[string]any{"type": "array", "items": integer},
			"version_ids": map[string]any{"type": "array", "items": integer}, "source_ids": map[string]any{"type": "array", "items": integer}},
			"kind", "title", "date"),
		"UnderstandingCreate": obj(map[string]any{"date": str, "source_id": integer, "visibility": map[string]any{"enum": []string{"party", "mediator", "published"}},
			"claims": map[string]any{"type": "array", "items": obj(map[string]any{"topic": str, "text": str, "agreed": map[string]any{"type": "boolean"},
				"point_id": integer, "issue_id": integer}, "text", "agreed")}}, "claims"),
		"Synonyms": obj(map[string]any{"groups": refs(obj(map[string]any{"key": str, "terms": map[string]any{"type": "array", "items": str}}, "key", "terms"))}, "groups"),
		"IssueCreate": obj(map[string]any{"name": str, "description": str, "scale": map[string]any{"enum": []string{"numeric", "ordinal"}}, "unit": str,
			"min": number, "max": number, "options": map[string]any{"type": "array", "items": str}, "veto_party_ids": map[string]any{"type": "array", "items": integer}},
			"name", "scale"),
		"PositionCreate": obj(map[string]any{"issue_id": integer, "date": str, "ideal": number, "reservation": map[string]any{"type": []string{"number", "null"}},
			"reservation_visibility": map[string]any{"enum": []string{"party", "mediator", "published"}}, "salience": number, "capability": number,
			"note": str, "source_id": integer}, "issue_id", "date", "ideal", "salience", "capability"),
		"TopicDecision": obj(map[string]any{"path": map[string]any{"type": "array", "items": str}, "action": map[string]any{"enum": []string{"confirm", "correct"}},
			"topics": map[string]any{"type": "array", "items": str}, "note": str}, "path", "action"),
		"Source": obj(map[string]any{"id": integer, "negotiation_id": integer, "title": str, "kind": map[string]any{"enum": parley.SourceKinds},
			"publisher": str, "url": str, "date": str, "reliability": map[string]any{"enum": []string{"A", "B", "C", "D", "E", "F"}},
			"credibility": map[string]any{"type": "integer", "minimum": 1, "maximum": 6}, "note": str, "revision": integer},
			"id", "title", "kind", "reliability", "credibility", "revision"),
		"SourceCreate": obj(map[string]any{"title": str, "kind": map[string]any{"enum": parley.SourceKinds}, "publisher": str,
			"url":  map[string]any{"type": "string", "description": "an http or https address"},
			"date": map[string]any{"type": "string", "description": "YYYY, YYYY-MM or YYYY-MM-DD"}, "reliability": map[string]any{"enum": []string{"A", "B", "C", "D", "E", "F"}},
			"credibility": map[string]any{"type": "integer", "minimum": 1, "maximum": 6}, "note": map[string]any{"type": "string", "maxLength": 4000}},
			"title", "kind", "reliability", "credibility"),
		"SourceGrade": obj(map[string]any{"reliability": map[string]any{"enum": []string{"A", "B", "C", "D", "E", "F"}},
			"credibility": map[string]any{"type": "integer", "minimum": 1, "maximum": 6}, "note": map[string]any{"type": "string", "maxLength": 4000, "description": "why"},
			"revision": map[string]any{"type": "integer", "description": "the source's revision you read; may be left out with If-Match"}},
			"reliability", "credibility"),
		"GradeList": refs(obj(map[string]any{"id": integer, "source_id": integer, "revision": integer, "reliability": str, "credibility": integer,
			"grade": str, "note": str, "user_id": integer, "graded_by": str, "graded_at": str}, "revision", "reliability", "credibility", "grade")),
		"Member": obj(map[string]any{"negotiation_id": integer, "user_id": integer, "username": str,
			"role": map[string]any{"enum": []string{"owner", "mediator", "delegate", "observer"}}, "party_id": integer}, "user_id", "username", "role"),
		"MemberCreate": obj(map[string]any{"username": str, "user_id": integer, "role": map[string]any{"enum": []string{"owner", "mediator", "delegate", "observer"}},
			"party_id": map[string]any{"type": "integer", "description": "for a delegate: the party it acts for"}}, "role"),
		"MemberUpdate": obj(map[string]any{"role": map[string]any{"enum": []string{"owner", "mediator", "delegate", "observer"}},
			"party_id": map[string]any{"type": "integer", "description": "for a delegate: the party it acts for"}}, "role"),
		"Correction": obj(map[string]any{"action": map[string]any{"enum": []string{"confirm", "relink", "unlink"}},
			"old": paths, "new": paths, "kind": str, "note": str}, "action"),
		"EventList": map[string]any{"type": "array", "items": obj(map[string]any{"id": integer, "kind": str, "contact": map[string]any{"type": "boolean"},
			"title": str, "date": str, "date_precision": str, "place": str, "description": str,
			"parties":        refs(obj(map[string]any{"id": integer, "code": str, "name": str}, "id", "code", "name")),
			"actors":         refs(obj(map[string]any{"id": integer, "name": str, "role": str, "party_id": integer, "party": str}, "id", "name", "party")),
			"versions":       refs(obj(map[string]any{"id": integer, "label": str, "status": str, "date": str}, "id", "label", "status")),
			"sources":        refs(obj(map[string]any{"id": integer, "title": str, "kind": str, "grade": str, "url": str, "date": str}, "id", "title", "grade")),
			"understandings": integer}, "id", "kind", "title", "date", "date_precision", "parties", "actors", "versions", "sources")},
		"EventComparison": obj(map[string]any{"event": map[string]any{"type": "object"}, "parties": refs(obj(map[string]any{"id": integer, "code": str, "name": str}, "id", "code")),
			"counts": map[string]any{"type": "object"},
			"topics": refs(obj(map[string]any{"topic": str, "key": str, "issue_id": integer, "outcome": map[string]any{"enum": []string{"agreed", "not-agreed", "contradiction", "disputed", "one-sided"}},
				"points_differ": map[string]any{"type": "boolean"}, "summary": str,
				"differences": refs(obj(map[string]any{"what": map[string]any{"enum": []string{"figures", "dates", "names", "places", "negation", "modality", "issue"}},
					"says": refs(obj(map[string]any{"party_id": integer, "party": str, "says": str}, "party_id", "party", "says"))}, "what", "says")),
				"scale": obj(map[string]any{"issue_id": integer, "issue": str, "unit": str, "min": number, "max": number,
					"marks": refs(obj(map[string]any{"party_id": integer, "party": str, "value": number, "label": str, "text": str, "agreed": map[string]any{"type": "boolean"}, "at": number},
						"party_id", "party", "value", "label", "at"))}, "issue_id", "issue", "min", "max", "marks"),
				"agreed": refs(claim), "not_agreed": refs(claim), "silent": refs(obj(map[string]any{"id": integer, "code": str, "name": str}, "id", "code"))},
				"topic", "key", "outcome", "summary", "differences", "agreed", "not_agreed", "silent"))},
			"event", "parties", "counts", "topics"),
		"Contacts": obj(map[string]any{"now": str, "half_life_days": number,
			"parties": ref("ContactGraph"), "actors": ref("ContactGraph"), "lines": refs(link),
			"party": map[string]any{"type": "object"}, "suggestions": refs(obj(map[string]any{"kind": map[string]any{"enum": []string{"party", "actor", "broker"}},
				"id": integer, "name": str, "code": str, "strength": number, "line": number, "last_contact": str,
				"reach": integer, "reach_name": str, "reach_line": number, "reason": str}, "kind", "id", "name", "reason"))},
			"now", "half_life_days", "parties", "actors", "suggestions"),
		"ContactGraph": obj(map[string]any{"nodes": refs(obj(map[string]any{"id": integer, "name": str, "code": str, "party_id": integer, "role": str,
			"events": integer, "degree": integer, "strength": number, "betweenness": number, "last_contact": str},
			"id", "name", "strength", "betweenness")), "links": refs(link)}, "nodes", "links"),
		"Comparison": obj(map[string]any{"old": map[string]any{"type": "object"}, "new": map[string]any{"type": "object"},
			"links":   map[string]any{"type": "array", "items": obj(map[string]any{"old": paths, "new": paths, "kind": str, "similarity": number, "confidence": number}, "old", "new", "kind", "similarity")},
			"summary": map[string]any{"type": "object"},
			"warnings": refs(obj(map[string]any{"side": map[string]any{"enum": []string{"old", "new"}}, "code": str, "message": str,
				"path": map[string]any{"type": "array", "items": str}, "line": integer}, "side", "code", "message"))}, "old", "new", "links"),
	}
}

func refs(item map[string]any) map[string]any { return map[string]any{"type": "array", "items": item} }

func obj(props map[string]any, required ...string) map[string]any {
	out := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

// apiOpenAPI serves the OpenAPI document, built from the route table when
// the server starts.
func (s *Server) apiOpenAPI() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		writeJSON(w, http.StatusOK, s.openapi)
	}
}
