package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parley"
)

// stanceOf returns a stance of the party on the 28-point plan, and a
// point of the plan on which the party holds none.
func (t *testServer) stanceOf(tb testing.TB, party string) (*parley.Stance, int64) {
	tb.Helper()
	ctx := context.Background()
	list, err := t.store.ListStances(ctx, parley.StanceFilter{VersionID: t.plan.ID, PartyID: t.parties[party].ID})
	must(tb, err)
	if len(list) == 0 {
		tb.Fatalf("the demo has no stance of %s on the plan", party)
	}
	held := map[int64]bool{}
	for _, st := range list {
		held[st.PointID] = true
	}
	v, err := t.store.FindVersionByID(ctx, t.plan.ID)
	must(tb, err)
	for _, p := range v.Points {
		if !held[p.ID] {
			return list[0], p.ID
		}
	}
	tb.Fatalf("%s holds a stance on every point of the plan", party)
	return nil, 0
}

// put sends a PUT with a bearer token and an optional If-Match.
func (t *testServer) put(tb testing.TB, path, token, ifMatch, body string) (*http.Response, string) {
	tb.Helper()
	return t.send(tb, "PUT", path, token, ifMatch, body)
}

// The stance API: a delegate records and changes its own party's stances
// only, a mediator any party's, an observer none; a stale If-Match gets
// 412 and a stale revision 409; bad input is refused naming the field;
// every revision is kept and audited.
func TestStancesAPI(t *testing.T) {
	ts := MustServe(t)
	ua, ru, mediator, observer := ts.login(t, "ua"), ts.login(t, "ru"), ts.login(t, "mediator"), ts.login(t, "observer")
	base := ts.negotiationPath("/stances")
	_, point := ts.stanceOf(t, "UA")
	uaID, ruID := ts.parties["UA"].ID, ts.parties["RU"].ID

	for name, c := range map[string]struct {
		token, body, field string
		status             int
	}{
		"delegate for another party": {ru, fmt.Sprintf(`{"point_id":%d,"party_id":%d,"value":"accept","date":"2025-12-01"}`, point, uaID), "party_id", 403},
		"observer":                   {observer, fmt.Sprintf(`{"point_id":%d,"party_id":%d,"value":"accept","date":"2025-12-01"}`, point, uaID), "observers", 403},
		"unknown value":              {ua, fmt.Sprintf(`{"point_id":%d,"value":"maybe","date":"2025-12-01"}`, point), "value", 400},
		"no date":                    {ua, fmt.Sprintf(`{"point_id":%d,"value":"accept"}`, point), "date", 400},
		"bad date":                   {ua, fmt.Sprintf(`{"point_id":%d,"value":"accept","date":"2025-13-01"}`, point), "month", 400},
		"no point":                   {ua, `{"value":"accept","date":"2025-12-01"}`, "point_id", 400},
		"point of another text":      {ua, fmt.Sprintf(`{"point_id":%d,"value":"accept","date":"2025-12-01"}`, ts.otherV.Points[0].ID), "point", 400},
		"mediator keeps it to party": {mediator, fmt.Sprintf(`{"point_id":%d,"party_id":%d,"value":"accept","date":"2025-12-01","visibility":"party"}`, point, uaID), "visibility", 400},
		"unknown field":              {ua, fmt.Sprintf(`{"point_id":%d,"value":"accept","date":"2025-12-01","mood":"good"}`, point), "mood", 400},
	} {
		resp, body := ts.do(t, "POST", base, c.token, c.body)
		if resp.StatusCode != c.status || !strings.Contains(body, c.field) {
			t.Errorf("%s: %d %s, want %d naming %q", name, resp.StatusCode, body, c.status, c.field)
		}
	}

	// UA's delegate records its own stance, published.
	resp, body := ts.do(t, "POST", base, ua, fmt.Sprintf(`{"point_id":%d,"value":"accept-with-changes","date":"2025-12-01","visibility":"published","note":"if 4 is reworded"}`, point))
	if resp.StatusCode != 201 || resp.Header.Get("ETag") != `"1"` {
		t.Fatalf("create: %d %s (ETag %q)", resp.StatusCode, body, resp.Header.Get("ETag"))
	}
	var st parley.Stance
	must(t, json.Unmarshal([]byte(body), &st))
	if st.PartyID != uaID || st.Value != parley.StanceAcceptWithChanges || st.Visibility != parley.VisibilityPublished {
		t.Fatalf("created stance = %+v", st)
	}
	if resp, body := ts.do(t, "POST", base, ua, fmt.Sprintf(`{"point_id":%d,"value":"reject","date":"2025-12-02"}`, point)); resp.StatusCode != 409 {
		t.Fatalf("a second stance on the point: %d %s, want 409", resp.StatusCode, body)
	}

	path := base + "/" + itoa(st.ID)
	if resp, body := ts.put(t, path, ru, `"1"`, `{"value":"reject","date":"2025-12-02"}`); resp.StatusCode != 403 || !strings.Contains(body, "party_id") {
		t.Fatalf("RU changes UA's stance: %d %s, want 403 naming party_id", resp.StatusCode, body)
	}
	if resp, body := ts.put(t, path, observer, `"1"`, `{"value":"reject","date":"2025-12-02"}`); resp.StatusCode != 403 {
		t.Fatalf("observer changes a stance: %d %s, want 403", resp.StatusCode, body)
	}
	resp, body = ts.put(t, path, ua, `"1"`, `{"value":"accept","date":"2025-12-03","note":"reworded as asked"}`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update: %d %s (ETag %q)", resp.StatusCode, body, resp.Header.Get("ETag"))
	}
	if resp, body := ts.put(t, path, ua, `"1"`, `{"value":"reject","date":"2025-12-04"}`); resp.StatusCode != 412 || !strings.Contains(body, "If-Match") {
		t.Fatalf("stale If-Match: %d %s, want 412 naming If-Match", resp.StatusCode, body)
	}
	if resp, body := ts.put(t, path, ua, "", `{"value":"reject","date":"2025-12-04","revision":1}`); resp.StatusCode != 409 {
		t.Fatalf("stale revision: %d %s, want 409", resp.StatusCode, body)
	}
	if resp, body := ts.put(t, path, ua, "", `{"value":"reject","date":"2025-12-04"}`); resp.StatusCode != 400 || !strings.Contains(body, "revision") {
		t.Fatalf("no revision: %d %s, want 400 naming revision", resp.StatusCode, body)
	}
	if resp, body := ts.put(t, path, ua, `"2"`, `{"value":"reject","date":"2025-12-04","party_id":`+itoa(ruID)+`}`); resp.StatusCode != 400 || !strings.Contains(body, "party_id") {
		t.Fatalf("moving a stance to another party: %d %s, want 400", resp.StatusCode, body)
	}
	// The mediator may change any party's stance.
	if resp, body := ts.put(t, path, mediator, `"2"`, `{"value":"reject","date":"2025-12-05","visibility":"published"}`); resp.StatusCode != 200 {
		t.Fatalf("mediator update: %d %s", resp.StatusCode, body)
	}
	// Another negotiation's id does not reach the stance.
	if resp, body := ts.put(t, "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/stances/999999", ua, "", `{"value":"reject","date":"2025-12-04","revision":1}`); resp.StatusCode != 404 {
		t.Fatalf("no such stance: %d %s, want 404", resp.StatusCode, body)
	}

	var hist []struct {
		Value, Date, Party string
		Revision           int64
	}
	ts.getJSON(t, path+"/history", ru, &hist)
	if len(hist) != 3 || hist[0].Value != parley.StanceAcceptWithChanges || hist[1].Value != parley.StanceAccept || hist[2].Value != parley.StanceReject ||
		hist[2].Date != "2025-12-05" || hist[2].Revision != 3 || hist[0].Party != "UA" {
		t.Fatalf("history = %+v", hist)
	}
	log, err := ts.store.ListAudit(context.Background(), ts.demo.ID)
	must(t, err)
	var actions []string
	for _, e := range log {
		if e.Object == "stance" && e.ObjectID == st.ID {
			if e.UserID == 0 {
				t.Errorf("audit entry %+v names no user", e)
			}
			actions = append(actions, e.Action)
		}
	}
	if strings.Join(actions, ",") != "create,update,update" {
		t.Fatalf("audit of the stance = %v", actions)
	}

	// A draft stance of UA is not seen, changed or listed by RU.
	resp, body = ts.do(t, "POST", base, mediator, fmt.Sprintf(`{"point_id":%d,"party_id":%d,"value":"undecided","date":"2025-12-01"}`, point, ruID))
	if resp.StatusCode != 201 {
		t.Fatalf("mediator records RU's stance: %d %s", resp.StatusCode, body)
	}
	uaDraft, _ := ts.stanceOf(t, "UA")
	for _, s := range ts.allStances(t, ts.demo.ID) {
		if s.PartyID == uaID && s.Visibility == parley.VisibilityParty {
			uaDraft = s
		}
	}
	if uaDraft.Visibility == parley.VisibilityParty {
		if resp, body := ts.put(t, base+"/"+itoa(uaDraft.ID), ru, "", `{"value":"reject","date":"2025-12-04","revision":1}`); resp.StatusCode != 404 {
			t.Fatalf("RU changes UA's draft: %d %s, want 404", resp.StatusCode, body)
		}
		if resp, body := ts.do(t, "GET", base+"/"+itoa(uaDraft.ID)+"/history", ru, ""); resp.StatusCode != 404 {
			t.Fatalf("RU reads UA's draft history: %d %s, want 404", resp.StatusCode, body)
		}
		var seen []struct{ ID int64 }
		ts.getJSON(t, base+"?version="+itoa(ts.plan.ID), ru, &seen)
		for _, s := range seen {
			if s.ID == uaDraft.ID {
				t.Fatal("RU lists UA's draft stance")
			}
		}
	}
}

func (t *testServer) allStances(tb testing.TB, negotiation int64) []*parley.Stance {
	tb.Helper()
	list, err := t.store.ListStances(context.Background(), parley.StanceFilter{NegotiationID: negotiation})
	must(tb, err)
	return list
}

// stateOf reads the agreement state of a point on the version page.
func stateOf(tb testing.TB, page, key string) string {
	tb.Helper()
	i := strings.Index(page, `id="p-`+key+`"`)
	if i < 0 {
		tb.Fatalf("the page has no point %s", key)
	}
	j := strings.LastIndex(page[:i], `class="point `)
	cls := page[j : j+strings.Index(page[j:], `"`+` id=`)]
	k := strings.Index(cls, "state-")
	return cls[k+len("state-"):]
}

// Agreed means every party with a say accepts: "accept with changes"
// keeps the point open, and so does a party still silent.
func TestAgreedMeansEveryoneAccepts(t *testing.T) {
	ts := MustServe(t)
	mediator := ts.login(t, "mediator")
	_, point := ts.stanceOf(t, "UA")
	v, err := ts.store.FindVersionByID(context.Background(), ts.plan.ID)
	must(t, err)
	var key string
	for _, p := range v.Points {
		if p.ID == point {
			key = p.Key()
		}
	}
	page := func() string {
		resp, body := ts.do(t, "GET", "/versions/"+itoa(ts.plan.ID), mediator, "")
		if resp.StatusCode != 200 {
			t.Fatalf("version page: %d", resp.StatusCode)
		}
		return body
	}
	var withSay []*parley.Party
	for _, p := range ts.parties {
		if parley.HasSay(p) {
			withSay = append(withSay, p)
		}
	}
	// Clear the point: every party with a say holds no stance but UA...
	held := map[int64]*parley.Stance{}
	for _, s := range ts.allStances(t, ts.demo.ID) {
		if s.PointID == point {
			held[s.PartyID] = s
		}
	}
	set := func(party *parley.Party, value string) {
		t.Helper()
		if s := held[party.ID]; s != nil {
			resp, body := ts.put(t, ts.negotiationPath("/stances/"+itoa(s.ID)), mediator, "", fmt.Sprintf(`{"value":%q,"date":"2025-12-06","visibility":"published","revision":%d}`, value, s.Revision))
			if resp.StatusCode != 200 {
				t.Fatalf("set %s: %d %s", party.Code, resp.StatusCode, body)
			}
			must(t, json.Unmarshal([]byte(body), s))
			return
		}
		resp, body := ts.do(t, "POST", ts.negotiationPath("/stances"), mediator, fmt.Sprintf(`{"point_id":%d,"party_id":%d,"value":%q,"date":"2025-12-06","visibility":"published"}`, point, party.ID, value))
		if resp.StatusCode != 201 {
			t.Fatalf("set %s: %d %s", party.Code, resp.StatusCode, body)
		}
		var s parley.Stance
		must(t, json.Unmarshal([]byte(body), &s))
		held[party.ID] = &s
	}
	for _, p := range withSay[:len(withSay)-1] {
		set(p, parley.StanceAccept)
	}
	if got := stateOf(t, page(), key); got != "open" {
		t.Fatalf("with one party silent, state = %s, want open", got)
	}
	last := withSay[len(withSay)-1]
	set(last, "accept-with-changes")
	if got := stateOf(t, page(), key); got != "open" {
		t.Fatalf("with %s accepting with changes, state = %s, want open", last.Code, got)
	}
	set(last, "accept")
	if got := stateOf(t, page(), key); got != "agreed" {
		t.Fatalf("with every party accepting, state = %s, want agreed", got)
	}
	set(last, "red-line")
	if got := stateOf(t, page(), key); got != "blocked" {
		t.Fatalf("with a red line, state = %s, want blocked", got)
	}
}

// The form on each point of the version page records a stance; a stale
// form is refused with a message, a delegate records for its own party
// only, and the point shows its history.
func TestStanceForm(t *testing.T) {
	ts := MustServe(t)
	ua, ru, observer := ts.login(t, "ua"), ts.login(t, "ru"), ts.login(t, "observer")
	_, point := ts.stanceOf(t, "UA")
	uaID := ts.parties["UA"].ID
	path := "/versions/" + itoa(ts.plan.ID) + "/stances"
	form := func(value, date, rev string) string {
		return url.Values{"point": {itoa(point)}, "party": {itoa(uaID)}, "value": {value}, "date": {date}, "note": {"from the form"},
			"visibility": {"published"}, "rev-" + itoa(uaID): {rev}}.Encode()
	}

	resp, body := ts.do(t, "GET", "/versions/"+itoa(ts.plan.ID), ua, "")
	if resp.StatusCode != 200 || !strings.Contains(body, `action="`+path+`"`) || !strings.Contains(body, "Record a stance") {
		t.Fatalf("the version page has no stance form for a delegate: %d", resp.StatusCode)
	}
	if _, body := ts.do(t, "GET", "/versions/"+itoa(ts.plan.ID), observer, ""); strings.Contains(body, "Record a stance") {
		t.Fatal("an observer is offered the stance form")
	}

	if resp, body := ts.doForm(t, path, observer, form("accept", "2025-12-01", "0")); resp.StatusCode != 403 || !strings.Contains(body, "observers") {
		t.Fatalf("observer's form: %d, want 403 with a message", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, path, ru, form("accept", "2025-12-01", "0")); resp.StatusCode != 403 || !strings.Contains(body, "own party") {
		t.Fatalf("RU's form for UA: %d, want 403 with a message", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, path, ua, form("accept", "2025-14-01", "0")); resp.StatusCode != 400 || !strings.Contains(body, "date:") || !strings.Contains(body, `class="form-error"`) {
		t.Fatalf("bad date: %d, want 400 with the message at the point", resp.StatusCode)
	}
	resp, _ = ts.doForm(t, path, ua, form("accept_with_changes", "2025-12-01", "0"))
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/versions/"+itoa(ts.plan.ID)+"#p-") {
		t.Fatalf("form: %d (Location %q), want a redirect to the point", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The same form again, drawn before that stance existed, is stale.
	if resp, body := ts.doForm(t, path, ua, form("reject", "2025-12-02", "0")); resp.StatusCode != 409 || !strings.Contains(body, "changed since the page was loaded") {
		t.Fatalf("stale form: %d, want 409 with a message", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, path, ua, form("reject", "2025-12-02", "1")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second form: %d, want a redirect", resp.StatusCode)
	}
	_, body = ts.do(t, "GET", "/versions/"+itoa(ts.plan.ID), ru, "")
	if !strings.Contains(body, "History (2)") || !strings.Contains(body, "accept with changes") || !strings.Contains(body, "from the form") {
		t.Fatal("the point does not show its history to RU")
	}

	// A mediator records any party's stance, but not one kept to the party.
	mediator := ts.login(t, "mediator")
	var silent *parley.Party
	for _, p := range ts.parties {
		held, err := ts.store.ListStances(context.Background(), parley.StanceFilter{PointID: point, PartyID: p.ID})
		must(t, err)
		if parley.HasSay(p) && len(held) == 0 {
			silent = p
		}
	}
	if silent == nil {
		t.Fatal("every party holds a stance on the point")
	}
	mediatorForm := func(visibility string) string {
		return url.Values{"point": {itoa(point)}, "party": {itoa(silent.ID)}, "value": {"undecided"}, "date": {"2025-12-03"}, "visibility": {visibility}}.Encode()
	}
	if resp, body := ts.doForm(t, path, mediator, mediatorForm("party")); resp.StatusCode != 400 || !strings.Contains(body, "visibility:") {
		t.Fatalf("mediator's party-only form: %d, want 400 naming visibility", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, path, mediator, mediatorForm("mediator")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("mediator's form for %s: %d, want a redirect", silent.Code, resp.StatusCode)
	}
	if _, body := ts.do(t, "GET", "/versions/"+itoa(ts.plan.ID), mediator, ""); !strings.Contains(body, silent.Code+": undecided") {
		t.Fatalf("the mediator does not see the stance it recorded for %s", silent.Code)
	}
}

// A stance carried to a new version shows as "carried, to confirm", agrees
// nothing, and is confirmed with one button by whoever may record it.
func TestCarriedStanceIsConfirmed(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	ua, ru := ts.login(t, "ua"), ts.login(t, "ru")
	uaID := ts.parties["UA"].ID
	var from *parley.Stance
	for _, s := range ts.allStances(t, ts.demo.ID) {
		if s.PartyID == uaID && s.Visibility == parley.VisibilityPublished {
			from = s
		}
	}
	if from == nil {
		t.Fatal("the demo has no published stance of UA")
	}
	counter, err := ts.store.FindVersionByID(ctx, ts.counter.ID)
	must(t, err)
	point := counter.Points[0]
	held, err := ts.store.ListStances(ctx, parley.StanceFilter{PointID: point.ID, PartyID: uaID})
	must(t, err)
	if len(held) > 0 {
		t.Fatalf("UA already holds a stance on the counter-proposal's point %s", point.Key())
	}
	carried := &parley.Stance{NegotiationID: ts.demo.ID, PointID: point.ID, PartyID: uaID, Value: parley.StanceAccept, Date: from.Date,
		Visibility: parley.VisibilityPublished, CarriedFrom: from.ID, CarriedKind: parley.LinkReworded}
	must(t, ts.store.CreateStance(ctx, carried))

	_, body := ts.do(t, "GET", "/versions/"+itoa(counter.ID), ru, "")
	if !strings.Contains(body, "carried, to confirm: reworded") || strings.Contains(body, "Confirm UA") {
		t.Fatal("RU's page does not mark UA's carried stance, or offers RU to confirm it")
	}
	_, body = ts.do(t, "GET", "/versions/"+itoa(counter.ID), ua, "")
	if !strings.Contains(body, "Confirm UA") || !strings.Contains(body, "1 to confirm") {
		t.Fatal("UA's page offers no confirmation of its carried stance")
	}
	if got := stateOf(t, body, point.Key()); got == "agreed" {
		t.Fatalf("a carried accept made point %s agreed", point.Key())
	}
	confirm := url.Values{"point": {itoa(point.ID)}, "party": {itoa(uaID)}, "value": {carried.Value}, "date": {"2025-12-08"},
		"visibility": {carried.Visibility}, "rev-" + itoa(uaID): {itoa(carried.Revision)}}.Encode()
	if resp, body := ts.doForm(t, "/versions/"+itoa(counter.ID)+"/stances", ua, confirm); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", resp.StatusCode, body)
	}
	now, err := ts.store.ListStances(ctx, parley.StanceFilter{ID: carried.ID})
	must(t, err)
	if len(now) != 1 || now[0].ToConfirm() || now[0].Revision != 2 || now[0].Date.String() != "2025-12-08" {
		t.Fatalf("after confirming: %+v", now)
	}
	hist, err := ts.store.ListStanceHistory(ctx, parley.StanceFilter{ID: carried.ID})
	must(t, err)
	if len(hist) != 2 || !hist[0].ToConfirm() || hist[1].ToConfirm() {
		t.Fatalf("history: %+v", hist)
	}
}
