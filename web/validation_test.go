package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"parley"
)

// Bad input to the API is refused with 400 and a message naming the
// field; each of these was stored or silently changed before.
func TestAPIValidation(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	ua, mediator := ts.login(t, "ua"), ts.login(t, "mediator")
	base := "/api/v1/negotiations/" + itoa(ts.demo.ID)
	p := ts.position(t, "UA")
	positionPath := base + "/positions/" + itoa(p.ID)
	// position is a valid PUT body with the fields given replaced.
	position := func(fields string) string {
		return fmt.Sprintf(`{"date":"2025-12","ideal":%g,"salience":%g,"capability":%g,"revision":%d%s}`, p.Ideal, p.Salience, p.Capability, p.Revision, fields)
	}
	ukraine, russia := ts.parties["UA"].ID, ts.parties["RU"].ID
	actors, err := ts.store.ListActors(ctx, ts.demo.ID)
	must(t, err)
	sources, err := ts.store.ListSources(ctx, ts.demo.ID)
	must(t, err)
	if len(actors) == 0 || len(sources) == 0 {
		t.Fatal("the demo has no actors or no sources")
	}
	other, err := ts.store.FindVersionByID(ctx, ts.otherV.ID)
	must(t, err)
	understandings := base + "/events/" + itoa(ts.alaska.ID) + "/understandings"
	understanding := func(claim string) string {
		return `{"date":"2025-08-16","claims":[{"topic":"ceasefire","text":"A ceasefire first.","agreed":false},` + claim + `]}`
	}
	corrections := "/api/v1/alignments/" + itoa(ts.plan.ID) + "/" + itoa(ts.counter.ID) + "/corrections"

	for _, tc := range []struct {
		name, method, path, token, body string
		want                            string // the message must name this
	}{
		// Dates.
		{"position PUT without date", "PUT", positionPath, ua, strings.Replace(position(""), `"date":"2025-12",`, "", 1), "date: required"},
		{"position PUT with month 00", "PUT", positionPath, ua, strings.Replace(position(""), "2025-12", "2025-00", 1), `date "2025-00": there is no month 00`},
		{"position PUT with day 00", "PUT", positionPath, ua, strings.Replace(position(""), "2025-12", "2025-12-00", 1), `date "2025-12-00": there is no day 00`},
		{"understanding without date", "POST", understandings, ua, strings.Replace(understanding(`{"topic":"x","text":"y","agreed":true}`), `"date":"2025-08-16",`, "", 1), "date: required"},
		{"event with month 00", "POST", base + "/events", mediator, `{"kind":"call","title":"Call","date":"2025-00"}`, "there is no month 00"},

		// The JSON itself.
		{"trailing garbage", "PUT", positionPath, ua, position("") + " x", "unexpected data after the JSON value"},
		{"a second value", "PUT", positionPath, ua, position("") + "{}", "unexpected data after the JSON value"},
		{"unknown field", "PUT", positionPath, ua, position(`,"idael":3`), `unknown field "idael"`},
		{"unknown field in a claim", "POST", understandings, ua, understanding(`{"topic":"x","text":"y","agreed":true,"pointid":3}`), `unknown field "pointid"`},
		{"invalid UTF-8", "PUT", positionPath, ua, position(`,"note":"caf` + "\xe9" + `"`), "note: not valid UTF-8"},
		{"half a surrogate pair", "PUT", positionPath, ua, position(`,"note":"\ud800"`), "note: not valid UTF-8"},
		{"invalid UTF-8 in a claim", "POST", understandings, ua, understanding(`{"topic":"x","text":"` + "\xff" + `","agreed":true}`), "claims[1].text: not valid UTF-8"},
		{"invalid UTF-8 in a field name", "PUT", positionPath, ua, position(`,"n` + "\xff" + `":1`), "a field name is not valid UTF-8"},
		{"a number as a string", "PUT", positionPath, ua, strings.Replace(position(""), `"ideal":`, `"ideal":"3","x":`, 1), "ideal: want a number, got a JSON string"},

		// Issues.
		{"ordinal max changed", "POST", base + "/issues", mediator, `{"name":"Assets","scale":"ordinal","options":["a","b","c"],"max":10}`, "min and max of an ordinal scale are its first and last option, 0 and 2; got 0 and 10"},
		{"duplicate veto party", "POST", base + "/issues", mediator, fmt.Sprintf(`{"name":"Assets","scale":"numeric","min":0,"max":1,"veto_party_ids":[%d,%d,%d]}`, ukraine, russia, ukraine), fmt.Sprintf("veto_party_ids: %d is listed twice", ukraine)},

		// Events: every list of ids is a set.
		{"duplicate party", "POST", base + "/events", mediator, fmt.Sprintf(`{"kind":"call","title":"Call","date":"2025-12","party_ids":[%d,%d]}`, ukraine, ukraine), fmt.Sprintf("party_ids: %d is listed twice", ukraine)},
		{"duplicate actor", "POST", base + "/events", mediator, fmt.Sprintf(`{"kind":"call","title":"Call","date":"2025-12","actor_ids":[%d,%d]}`, actors[0].ID, actors[0].ID), "actor_ids: " + itoa(actors[0].ID) + " is listed twice"},
		{"duplicate version", "POST", base + "/events", mediator, fmt.Sprintf(`{"kind":"leak","title":"Leak","date":"2025-12","version_ids":[%d,%d]}`, ts.plan.ID, ts.plan.ID), "version_ids: " + itoa(ts.plan.ID) + " is listed twice"},
		{"duplicate source", "POST", base + "/events", mediator, fmt.Sprintf(`{"kind":"call","title":"Call","date":"2025-12","source_ids":[%d,%d]}`, sources[0].ID, sources[0].ID), "source_ids: " + itoa(sources[0].ID) + " is listed twice"},

		// Claims tie to this negotiation's points only.
		{"point of another negotiation", "POST", understandings, ua, understanding(fmt.Sprintf(`{"topic":"x","text":"y","agreed":true,"point_id":%d}`, other.Points[0].ID)), "claims[1].point_id: point " + itoa(other.Points[0].ID) + " is not a point of a version of this negotiation"},
		{"no such point", "POST", understandings, ua, understanding(`{"topic":"x","text":"y","agreed":true,"point_id":99999999}`), "claims[1].point_id: point 99999999"},
		{"no such issue", "POST", understandings, ua, understanding(`{"topic":"x","text":"y","agreed":true,"issue_id":99999999}`), "claims[1].issue_id"},

		// Corrections name each point once.
		{"a point listed twice", "POST", corrections, mediator, `{"action":"relink","kind":"reworded","old":[["1"],["1"]],"new":[["1"]]}`, "old: point 1 is listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.do(t, tc.method, tc.path, tc.token, tc.body)
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("%d %s, want 400", resp.StatusCode, body)
			}
			if code, msg := jsonError(t, body); code != parley.EINVALID || !strings.Contains(msg, tc.want) {
				t.Errorf("%s: %q, want %s naming %q", code, msg, parley.EINVALID, tc.want)
			}
		})
	}

	// What was refused left nothing behind, and the good forms still pass.
	if got := ts.position(t, "UA"); got.Revision != p.Revision || got.Date != p.Date {
		t.Errorf("a refused PUT changed the position: %+v", got)
	}
	for _, tc := range []struct{ name, method, path, token, body string }{
		{"ordinal with its own min and max", "POST", base + "/issues", mediator, `{"name":"Assets 2","scale":"ordinal","options":["a","b","c"],"min":0,"max":2}`},
		{"position PUT", "PUT", positionPath, ua, position(`,"note":"café \ud83d\ude00 \ufffd"`)},
		{"claim on a point of this negotiation", "POST", understandings, ua, understanding(`{"topic":"x","text":"y","agreed":true,"point_id":` + itoa(ts.planPoint(t)) + `}`)},
	} {
		if resp, body := ts.do(t, tc.method, tc.path, tc.token, tc.body); resp.StatusCode/100 != 2 {
			t.Errorf("%s: %d %s", tc.name, resp.StatusCode, body)
		}
	}
	if got := ts.position(t, "UA"); got.Note != "café 😀 \uFFFD" {
		t.Errorf("note stored as %q", got.Note)
	}
}

// planPoint returns the id of a point of the demo's 28-point plan.
func (t *testServer) planPoint(tb testing.TB) int64 {
	tb.Helper()
	v, err := t.store.FindVersionByID(context.Background(), t.plan.ID)
	must(tb, err)
	return v.Points[0].ID
}
