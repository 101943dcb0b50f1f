package web_test

import (
	"context"
	stdhtml "html"
	"net/url"
	"strings"
	"testing"
)

// The synonyms list: every member reads it, mediators and owners change
// it (API and page), each change audited; a bad list gets a 400 naming
// what is wrong, and changes nothing.
func TestSynonyms(t *testing.T) {
	ts := MustServe(t)
	path := ts.negotiationPath("/synonyms")
	mediator, ua := ts.login(t, "mediator"), ts.login(t, "ua")
	var got struct {
		Groups []struct {
			Key   string
			Terms []string
		}
	}
	ts.getJSON(t, path, ua, &got)
	if len(got.Groups) == 0 || got.Groups[0].Key != "leaders-meeting" {
		t.Fatalf("the demo's synonyms = %+v", got)
	}
	for _, tt := range []struct {
		token, body string
		status      int
		want        string
	}{
		{ua, `{"groups":[]}`, 403, ""},
		{mediator, `{"groups":[{"key":"a","terms":["Army Cap"]},{"key":"b","terms":["army-cap"]}]}`, 400, `term \"army-cap\" is already in group 1 (a)`},
		{mediator, `{"groups":[{"key":"","terms":["x"]}]}`, 400, "synonyms key is required"},
		{mediator, `{}`, 400, "groups: required"},
		{mediator, `{"groups":[{"key":"army-cap","terms":["troop cap","потолок армии"]}]}`, 200, `"terms":["troop cap","потолок армии"]`},
	} {
		resp, body := ts.do(t, "PUT", path, tt.token, tt.body)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("PUT %s: %d %s; want %d and %s", tt.body, resp.StatusCode, body, tt.status, tt.want)
		}
	}
	ts.getJSON(t, path, ua, &got)
	if len(got.Groups) != 1 || got.Groups[0].Terms[1] != "потолок армии" {
		t.Fatalf("after PUT: %+v", got)
	}

	// The page: the list for everyone, the form for mediators and owners.
	page := "/negotiations/" + itoa(ts.demo.ID) + "/synonyms"
	if resp, body := ts.do(t, "GET", page, ua, ""); resp.StatusCode != 200 || !strings.Contains(body, "потолок армии") || strings.Contains(body, "<textarea") {
		t.Errorf("the page for a delegate: %d, form shown %v", resp.StatusCode, strings.Contains(body, "<textarea"))
	}
	if resp, body := ts.do(t, "GET", page, mediator, ""); resp.StatusCode != 200 || !strings.Contains(body, `<textarea id="synonyms" name="synonyms"`) ||
		!strings.Contains(body, "army-cap: troop cap, потолок армии") {
		t.Errorf("the page for a mediator: %d %s", resp.StatusCode, body)
	}
	form := func(text string) string { return "synonyms=" + url.QueryEscape(text) }
	if resp, _ := ts.doForm(t, page, ua, form("x: y")); resp.StatusCode != 403 {
		t.Errorf("a delegate posts the form: %d, want 403", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, page, mediator, form("army-cap: troops\nleaders-meeting army ceiling")); resp.StatusCode != 400 ||
		!strings.Contains(stdhtml.UnescapeString(body), "synonyms line 2") || !strings.Contains(body, "leaders-meeting army ceiling") {
		t.Errorf("a bad line: %d, want 400 naming line 2 with the text kept", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, page, mediator, form("army-cap: troops, army ceiling\r\nRU: Moscow\r\n")); resp.StatusCode != 303 || resp.Header.Get("Location") != page {
		t.Errorf("the form: %d to %q, want 303 to the page", resp.StatusCode, resp.Header.Get("Location"))
	}
	ts.getJSON(t, path, ua, &got)
	if len(got.Groups) != 2 || got.Groups[1].Key != "RU" {
		t.Fatalf("after the form: %+v", got)
	}
	audit, err := ts.store.ListAudit(context.Background(), ts.demo.ID)
	must(t, err)
	changes := 0
	for _, e := range audit {
		if e.Object == "synonyms" && e.UserID != 0 {
			changes++
		}
	}
	if changes != 2 {
		t.Errorf("%d audited changes of the synonyms by a user, want 2 (the PUT and the form)", changes)
	}
}

// A delegate records a claim on an issue alone, with no topic: the
// issue's name becomes its topic; an issue of no negotiation is refused.
func TestUnderstandingOnAnIssue(t *testing.T) {
	ts := MustServe(t)
	ua := ts.login(t, "ua")
	issues, err := ts.store.ListIssues(context.Background(), ts.demo.ID)
	must(t, err)
	path := ts.negotiationPath("/events/" + itoa(ts.armyCapEvent(t)) + "/understandings")
	resp, body := ts.do(t, "POST", path, ua, `{"date":"2025-12-01","visibility":"published","claims":[{"text":"Capped at 800 тис.","agreed":true,"issue_id":`+itoa(issues[0].ID)+`}]}`)
	if resp.StatusCode != 201 || !strings.Contains(body, `"topic":"`+issues[0].Name) {
		t.Fatalf("a claim on an issue: %d %s", resp.StatusCode, body)
	}
	for body, want := range map[string]string{
		`{"date":"2025-12-01","claims":[{"text":"x","agreed":true,"issue_id":999999}]}`:             "claim topic is required",
		`{"date":"2025-12-01","claims":[{"topic":"t","text":"x","agreed":true,"issue_id":999999}]}`: "claims[0].issue_id",
		`{"date":"2025-12-01","claims":[{"topic":"t","text":"x","agreed":true,"point_id":999999}]}`: "claims[0].point_id",
	} {
		if resp, got := ts.do(t, "POST", path, ua, body); resp.StatusCode != 400 || !strings.Contains(got, want) {
			t.Errorf("%s: %d %s, want 400 naming %s", body, resp.StatusCode, got, want)
		}
	}
}
