package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"parley"
)

// A delegate records a new position of its own party; its reservation
// reaches no other party; bad values are refused with the field named.
func TestCreateIssueAndPosition(t *testing.T) {
	ts := MustServe(t)
	ua, ru, mediator := ts.login(t, "ua"), ts.login(t, "ru"), ts.login(t, "mediator")
	base := "/api/v1/negotiations/" + itoa(ts.demo.ID)

	resp, body := ts.do(t, "POST", base+"/issues", mediator, fmt.Sprintf(`{"name":"Frozen assets","scale":"ordinal","options":["returned","split","kept"],"veto_party_ids":[%d,%d]}`, ts.parties["UA"].ID, ts.parties["RU"].ID))
	if resp.StatusCode != 201 {
		t.Fatalf("create issue: %d %s", resp.StatusCode, body)
	}
	var issue struct {
		ID  int64
		Max float64
	}
	must(t, json.Unmarshal([]byte(body), &issue))
	if issue.Max != 2 {
		t.Fatalf("ordinal issue max = %v, want 2", issue.Max)
	}
	for name, bad := range map[string]string{
		"no options":    `{"name":"X","scale":"ordinal","options":["one"]}`,
		"upside down":   `{"name":"X","scale":"numeric","min":5,"max":1}`,
		"foreign party": `{"name":"X","scale":"numeric","min":0,"max":1,"veto_party_ids":[999999]}`,
	} {
		if resp, body := ts.do(t, "POST", base+"/issues", mediator, bad); resp.StatusCode != 400 {
			t.Errorf("%s: %d %s, want 400", name, resp.StatusCode, body)
		}
	}

	position := fmt.Sprintf(`{"issue_id":%d,"date":"2025-12-02","ideal":0,"reservation":1,"salience":80,"capability":30}`, issue.ID)
	if resp, body := ts.do(t, "POST", base+"/positions", mediator, position); resp.StatusCode != 403 {
		t.Fatalf("a mediator recording a position: %d %s, want 403", resp.StatusCode, body)
	}
	if resp, body := ts.do(t, "POST", base+"/positions", ua, position); resp.StatusCode != 201 || !strings.Contains(body, `"reservation_visibility":"party"`) {
		t.Fatalf("create position: %d %s", resp.StatusCode, body)
	}
	for name, bad := range map[string]struct{ body, field string }{
		"off the scale": {fmt.Sprintf(`{"issue_id":%d,"date":"2025-12-02","ideal":7,"salience":1,"capability":1}`, issue.ID), "ideal"},
		"no date":       {fmt.Sprintf(`{"issue_id":%d,"ideal":1,"salience":1,"capability":1}`, issue.ID), "date"},
		"no such issue": {`{"issue_id":999999,"date":"2025-12-02","ideal":1,"salience":1,"capability":1}`, "issue_id"},
		"salience":      {fmt.Sprintf(`{"issue_id":%d,"date":"2025-12-02","ideal":1,"salience":101,"capability":1}`, issue.ID), "salience"},
	} {
		if resp, body := ts.do(t, "POST", base+"/positions", ua, bad.body); resp.StatusCode != 400 || !strings.Contains(body, bad.field) {
			t.Errorf("%s: %d %s, want 400 naming %s", name, resp.StatusCode, body, bad.field)
		}
	}

	// Russia sees Ukraine's new position, never its reservation.
	var got []struct {
		Issue       string
		Party       string
		Reservation *float64
	}
	ts.getJSON(t, base+"/positions", ru, &got)
	seen := false
	for _, p := range got {
		if p.Issue == "Frozen assets" && p.Party == "UA" {
			seen = true
			if p.Reservation != nil {
				t.Fatalf("RU sees UA's reservation on the new issue")
			}
		}
	}
	if !seen {
		t.Fatal("the new position is not listed")
	}
}

// Non-interference: the forecasts a delegate gets do not change when
// another party's confidential reservation values change, so they cannot
// reveal them; its own do bound its forecasts. The deal-space verdicts
// do not change either: they come from closed sealed rounds only.
func TestForecastsRevealNoOtherReservation(t *testing.T) {
	ts := MustServe(t)
	ua := ts.login(t, "ua")
	path := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/forecasts"
	_, before := ts.do(t, "GET", path, ua, "")
	var got []struct {
		Issue    string
		Forecast *float64
		Interval []float64
		Bounded  bool
	}
	must(t, json.Unmarshal([]byte(before), &got))
	if len(got) != 6 || got[0].Forecast == nil || len(got[0].Interval) != 2 {
		t.Fatalf("forecasts: %s", before)
	}
	bounded := 0
	for _, f := range got {
		if f.Bounded {
			bounded++
		}
	}
	if bounded == 0 {
		t.Fatal("no forecast is bounded by Ukraine's own limits")
	}

	ctx := context.Background()
	positions, err := ts.store.ListPositions(ctx, parley.PositionFilter{NegotiationID: ts.demo.ID})
	must(t, err)
	changed := 0
	for _, p := range positions {
		if p.PartyID == ts.parties["UA"].ID || p.Reservation == nil || p.ReservationVisibility == parley.VisibilityPublished {
			continue
		}
		ts.mirrorReservation(t, p, "")
		changed++
	}
	if changed == 0 {
		t.Fatal("no other party's confidential reservation to change")
	}
	_, after := ts.do(t, "GET", path, ua, "")
	if after != before {
		t.Fatalf("Ukraine's forecasts or deal-space verdicts changed with other parties' confidential reservations:\nbefore %s\nafter  %s", before, after)
	}
}

// mirrorReservation moves a stored position's reservation value to its
// mirror image on the issue's scale and appends note to its note.
func (ts *testServer) mirrorReservation(t *testing.T, p *parley.Position, note string) {
	t.Helper()
	ctx := context.Background()
	is, err := ts.store.FindIssueByID(ctx, p.IssueID)
	must(t, err)
	r := is.Min + is.Max - *p.Reservation
	if is.Scale == parley.ScaleOrdinal {
		r = float64(int(r))
	}
	p.Reservation, p.Note = &r, p.Note+note
	must(t, ts.store.UpdatePosition(ctx, p))
}

// Where the limits overlap is shown only when every veto player has
// published its reservation value: consent to show it.
func TestDealZoneOnlyWithConsent(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	ua := ts.login(t, "ua")
	page := "/negotiations/" + itoa(ts.demo.ID)
	_, before := ts.do(t, "GET", page, ua, "")
	if strings.Contains(before, "all who must agree show their limits") {
		t.Fatal("a zone is shown before anyone consented")
	}
	positions, err := ts.store.ListPositions(ctx, parley.PositionFilter{NegotiationID: ts.demo.ID})
	must(t, err)
	issues, err := ts.store.ListIssues(ctx, ts.demo.ID)
	must(t, err)
	army := issues[0]
	publish := func(party string) {
		for _, p := range positions {
			if p.IssueID == army.ID && p.PartyID == ts.parties[party].ID && p.Reservation != nil {
				p.ReservationVisibility = parley.VisibilityPublished
				must(t, ts.store.UpdatePosition(ctx, p))
			}
		}
	}
	publish("UA")
	if _, body := ts.do(t, "GET", page, ua, ""); strings.Contains(body, "all who must agree show their limits") {
		t.Fatal("a zone is shown when only one veto player consented")
	}
	publish("RU")
	_, body := ts.do(t, "GET", page, ua, "")
	if !strings.Contains(body, "all who must agree show their limits") || !strings.Contains(body, "between ") {
		t.Fatalf("no zone once every veto player published its limit:\n%.2000s", body)
	}
	var got []struct {
		Issue string
		Zone  *[2]float64
	}
	ts.getJSON(t, "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/forecasts", ua, &got)
	if got[0].Zone == nil || got[0].Zone[0] > got[0].Zone[1] {
		t.Fatalf("forecasts API zone = %v", got[0].Zone)
	}
	for _, f := range got[1:] {
		if f.Zone != nil {
			t.Fatalf("%s shows a zone nobody consented to", f.Issue)
		}
	}
}
