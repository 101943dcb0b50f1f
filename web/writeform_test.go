package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parley"
)

// A mediator adds an event with its participants from the timeline page;
// a delegate may not; a bad date is shown at its field with the form kept.
func TestEventForm(t *testing.T) {
	ts := MustServe(t)
	ua, mediator := ts.login(t, "ua"), ts.login(t, "mediator")
	path := ts.pagePath("/events")
	form := url.Values{"kind": {"meeting"}, "title": {"Evening meeting in Geneva"}, "date": {"2025-12-0x"}, "place": {"Geneva"},
		"parties": {itoa(ts.parties["UA"].ID), itoa(ts.parties["US"].ID)}, "versions": {itoa(ts.plan.ID)}}
	resp, body := ts.doForm(t, path, mediator, form.Encode())
	if resp.StatusCode != 400 || !strings.Contains(body, `<span class="field-error" role="alert">date:`) || !strings.Contains(body, `value="Evening meeting in Geneva"`) || !strings.Contains(body, "checked> UA") {
		t.Fatalf("bad date: %d, want 400 with the message at the date and the form as sent", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, path, ua, form.Encode()); resp.StatusCode != 403 || !strings.Contains(body, "mediator or an owner") {
		t.Fatalf("a delegate's event form: %d, want 403", resp.StatusCode)
	}
	bad := url.Values{"kind": {"meeting"}, "title": {"x"}, "date": {"2025-12"}, "parties": {"999999"}}
	if resp, body := ts.doForm(t, path, mediator, bad.Encode()); resp.StatusCode != 400 || !strings.Contains(body, "party_ids: 999999") {
		t.Fatalf("a party of no negotiation: %d, want 400 naming it", resp.StatusCode)
	}
	form.Set("date", "2025-12-02")
	resp, _ = ts.doForm(t, path, mediator, form.Encode())
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), ts.pagePath("/timeline#event-")) {
		t.Fatalf("event form: %d %q, want a redirect to the event", resp.StatusCode, resp.Header.Get("Location"))
	}
	events, err := ts.store.ListEvents(context.Background(), ts.demo.ID)
	must(t, err)
	last := events[len(events)-1]
	if last.Title != "Evening meeting in Geneva" || len(last.PartyIDs) != 2 || len(last.VersionIDs) != 1 || last.Date.String() != "2025-12-02" {
		t.Fatalf("the event stored = %+v", last)
	}
	if _, body := ts.do(t, "GET", ts.pagePath("/events/"+itoa(last.ID)), ua, ""); !strings.Contains(body, "Evening meeting in Geneva") || !strings.Contains(body, "Record UA's understanding") {
		t.Fatal("the new event's page has no understanding form for UA's delegate")
	}
}

// A delegate records its own party's understanding on the event page; it
// stays with the party; a mediator may not record one; empty claims are
// refused naming them.
func TestUnderstandingForm(t *testing.T) {
	ts := MustServe(t)
	ua, ru, mediator := ts.login(t, "ua"), ts.login(t, "ru"), ts.login(t, "mediator")
	page := ts.pagePath("/events/" + itoa(ts.alaska.ID))
	path := page + "/understandings"
	if _, body := ts.do(t, "GET", page, mediator, ""); strings.Contains(body, "understanding</summary>") {
		t.Fatal("a mediator is offered the understanding form")
	}
	form := url.Values{"date": {"2025-12-03"}, "visibility": {"party"}, "topic-1": {"prisoner-exchange"}, "text-1": {"An exchange of 1,000 for 1,000 was agreed."}, "agreed-1": {"yes"},
		"topic-2": {"energy-strikes"}, "text-2": {"A pause on energy strikes was not agreed."}, "agreed-2": {"no"}}
	if resp, body := ts.doForm(t, path, mediator, form.Encode()); resp.StatusCode != 403 || !strings.Contains(body, "delegates") {
		t.Fatalf("a mediator's understanding: %d, want 403", resp.StatusCode)
	}
	empty := url.Values{"date": {"2025-12-03"}}
	if resp, body := ts.doForm(t, path, ua, empty.Encode()); resp.StatusCode != 400 || !strings.Contains(body, `class="field-error full" role="alert">claims:`) {
		t.Fatalf("no claims: %d, want 400 naming the claims", resp.StatusCode)
	}
	half := url.Values{"date": {"2025-12-03"}, "topic-1": {"x"}}
	if resp, body := ts.doForm(t, path, ua, half.Encode()); resp.StatusCode != 400 || !strings.Contains(body, "text is required") {
		t.Fatalf("a claim without text: %d, want 400", resp.StatusCode)
	}
	resp, _ := ts.doForm(t, path, ua, form.Encode())
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"#readings" {
		t.Fatalf("understanding form: %d %q, want a redirect to the readings", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := ts.do(t, "GET", page, ua, ""); !strings.Contains(body, "An exchange of 1,000 for 1,000 was agreed.") {
		t.Fatal("UA does not see its own understanding")
	}
	if _, body := ts.do(t, "GET", page, ru, ""); strings.Contains(body, "An exchange of 1,000") || strings.Contains(body, "prisoner-exchange") {
		t.Fatal("RU sees UA's understanding kept to its party")
	}
	us, err := ts.store.ListUnderstandings(context.Background(), ts.alaska.ID)
	must(t, err)
	last := us[len(us)-1]
	if last.PartyID != ts.parties["UA"].ID || len(last.Claims) != 2 || last.Claims[1].Agreed || !last.Claims[0].Agreed {
		t.Fatalf("stored understanding = %+v", last)
	}
}

// A mediator adds an issue from the positions page; a delegate records
// and corrects its party's position there, never another party's; the
// reservation stays with the party; a stale correction is refused.
func TestIssueAndPositionForms(t *testing.T) {
	ts := MustServe(t)
	ua, ru, mediator := ts.login(t, "ua"), ts.login(t, "ru"), ts.login(t, "mediator")
	issues := ts.pagePath("/issues")
	issue := url.Values{"name": {"Frozen assets"}, "scale": {"ordinal"}, "options": {"returned\nsplit\nkept"}, "veto": {itoa(ts.parties["UA"].ID), itoa(ts.parties["RU"].ID)}}
	if resp, _ := ts.doForm(t, issues, ua, issue.Encode()); resp.StatusCode != 403 {
		t.Fatalf("a delegate's issue form: %d, want 403", resp.StatusCode)
	}
	numeric := url.Values{"name": {"Army cap"}, "scale": {"numeric"}, "min": {"800000"}, "max": {"600,000"}}
	if resp, body := ts.doForm(t, issues, mediator, numeric.Encode()); resp.StatusCode != 400 || !strings.Contains(body, `<span class="field-error" role="alert">max:`) {
		t.Fatalf("upside-down scale: %d, want 400 at max", resp.StatusCode)
	}
	resp, _ := ts.doForm(t, issues, mediator, issue.Encode())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("issue form: %d, want a redirect", resp.StatusCode)
	}
	id := strings.TrimPrefix(resp.Header.Get("Location"), ts.pagePath("/positions#issue-"))
	is, err := ts.store.FindIssueByID(context.Background(), formID(t, id))
	must(t, err)
	if is.Name != "Frozen assets" || len(is.Options) != 3 || len(is.VetoPartyIDs) != 2 {
		t.Fatalf("stored issue = %+v", is)
	}

	positions := ts.pagePath("/positions")
	if _, body := ts.do(t, "GET", positions, mediator, ""); strings.Contains(body, "position</summary>") {
		t.Fatal("a mediator is offered the position form")
	}
	pos := url.Values{"issue": {itoa(is.ID)}, "date": {"2025-12-04"}, "ideal": {"returned"}, "reservation": {"split"}, "visibility": {"party"},
		"salience": {"90"}, "capability": {"40"}, "as": {"new"}}
	if resp, body := ts.doForm(t, positions, mediator, pos.Encode()); resp.StatusCode != 403 || !strings.Contains(body, "delegates") {
		t.Fatalf("a mediator's position: %d, want 403", resp.StatusCode)
	}
	off := url.Values{"issue": {itoa(is.ID)}, "date": {"2025-12-04"}, "ideal": {"confiscated"}, "salience": {"90"}, "capability": {"40"}, "as": {"new"}}
	if resp, body := ts.doForm(t, positions, ua, off.Encode()); resp.StatusCode != 400 || !strings.Contains(body, `<span class="field-error" role="alert">ideal:`) {
		t.Fatalf("an option the scale has not: %d, want 400 at ideal", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, positions, ua, pos.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("position form: %d, want a redirect", resp.StatusCode)
	}
	list, err := ts.store.ListPositions(context.Background(), parley.PositionFilter{IssueID: is.ID})
	must(t, err)
	if len(list) != 1 || list[0].PartyID != ts.parties["UA"].ID || *list[0].Reservation != 1 || list[0].ReservationVisibility != parley.VisibilityParty {
		t.Fatalf("stored positions = %+v", list)
	}
	mine := list[0]
	// Russia sees the position, not the limit.
	var got []struct {
		IssueID     int64 `json:"issue_id"`
		Reservation *float64
	}
	ts.getJSON(t, ts.negotiationPath("/positions"), ru, &got)
	for _, p := range got {
		if p.IssueID == is.ID && p.Reservation != nil {
			t.Fatal("RU sees UA's limit recorded from the form")
		}
	}
	if _, body := ts.do(t, "GET", positions, ru, ""); strings.Contains(body, `value="split"`) {
		t.Fatal("RU's positions page holds UA's limit")
	}
	// Russia's delegate cannot correct Ukraine's position.
	correct := url.Values{"issue": {itoa(is.ID)}, "date": {"2025-12-05"}, "ideal": {"returned"}, "reservation": {"kept"}, "salience": {"90"}, "capability": {"40"},
		"as": {"update"}, "position": {itoa(mine.ID)}, "revision": {"1"}}
	if resp, body := ts.doForm(t, positions, ru, correct.Encode()); resp.StatusCode != 403 || !strings.Contains(body, "own party") {
		t.Fatalf("RU corrects UA's position: %d, want 403", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, positions, ua, correct.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("correction: %d, want a redirect", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, positions, ua, correct.Encode()); resp.StatusCode != 409 || !strings.Contains(body, "changed since the page was loaded") {
		t.Fatalf("stale correction: %d, want 409", resp.StatusCode)
	}
	if _, body := ts.do(t, "GET", positions, ua, ""); !strings.Contains(body, `value="kept"`) || !strings.Contains(body, "Correct the position of 2025-12-05") {
		t.Fatal("UA's form does not show its corrected position")
	}
}

func formID(tb testing.TB, s string) int64 {
	tb.Helper()
	v := url.Values{"id": {s}}
	var id int64
	for _, c := range v.Get("id") {
		if c < '0' || c > '9' {
			tb.Fatalf("%q is not an id", s)
		}
		id = id*10 + int64(c-'0')
	}
	return id
}
