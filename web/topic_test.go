package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"parley"
)

// topicsOf returns the topics the API gives point path of a version, and
// whether a person decided them.
func (t *testServer) topicsOf(tb testing.TB, token string, versionID int64, path string) ([]string, bool, []string) {
	tb.Helper()
	resp, body := t.do(tb, "GET", "/api/v1/versions/"+itoa(versionID)+"/topics", token, "")
	if resp.StatusCode != 200 {
		tb.Fatalf("version topics: %d %s", resp.StatusCode, body)
	}
	var out struct {
		Points []struct {
			Path        []string `json:"path"`
			Topics      []string `json:"topics"`
			Decided     bool     `json:"decided"`
			Suggestions []struct {
				Topic    string   `json:"topic"`
				Evidence []string `json:"evidence"`
			} `json:"suggestions"`
		} `json:"points"`
	}
	must(tb, json.Unmarshal([]byte(body), &out))
	for _, p := range out.Points {
		if strings.Join(p.Path, "/") == path {
			var evidence []string
			for _, s := range p.Suggestions {
				evidence = append(evidence, s.Evidence...)
			}
			return p.Topics, p.Decided, evidence
		}
	}
	tb.Fatalf("no point %s", path)
	return nil, false, nil
}

// The topics of a point are suggested with their evidence, corrected by a
// mediator (kept, audited, winning over the suggestion), refused to a
// delegate and refused with a message naming the field for bad input.
func TestTopicsSuggestedAndCorrected(t *testing.T) {
	ts := MustServe(t)
	ua, mediator := ts.login(t, "ua"), ts.login(t, "mediator")
	topics, decided, evidence := ts.topicsOf(t, ua, ts.plan.ID, "6")
	if !slices.Equal(topics, []string{"security"}) || decided || !slices.Contains(evidence, "armed forces") {
		t.Fatalf("point 6 of the plan: topics %v decided %v evidence %q, want security suggested from \"armed forces\"", topics, decided, evidence)
	}
	path := "/api/v1/versions/" + itoa(ts.plan.ID) + "/topics"
	for name, tc := range map[string]struct {
		token, body, field string
		status             int
	}{
		"delegate":         {ua, `{"path":["6"],"action":"correct","topics":["territory"]}`, "mediator", 403},
		"unknown topic":    {mediator, `{"path":["6"],"action":"correct","topics":["weather"]}`, "topics", 400},
		"unknown point":    {mediator, `{"path":["99"],"action":"correct","topics":["security"]}`, "path", 400},
		"unknown action":   {mediator, `{"path":["6"],"action":"guess","topics":["security"]}`, "action", 400},
		"confirm + topics": {mediator, `{"path":["6"],"action":"confirm","topics":["security"]}`, "topics", 400},
	} {
		if resp, body := ts.do(t, "POST", path, tc.token, tc.body); resp.StatusCode != tc.status || !strings.Contains(body, tc.field) {
			t.Errorf("%s: %d %s, want %d naming %s", name, resp.StatusCode, body, tc.status, tc.field)
		}
	}
	resp, body := ts.do(t, "POST", path, mediator, `{"path":["6"],"action":"correct","topics":["security","implementation"],"note":"the cap is a term to verify"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("correct: %d %s", resp.StatusCode, body)
	}
	if topics, decided, _ := ts.topicsOf(t, ua, ts.plan.ID, "6"); !slices.Equal(topics, []string{"implementation", "security"}) || !decided {
		t.Fatalf("after the correction: %v decided %v", topics, decided)
	}
	if resp, body := ts.do(t, "POST", path, mediator, `{"path":["24"],"action":"confirm"}`); resp.StatusCode != 201 || !strings.Contains(body, `"justice"`) {
		t.Fatalf("confirm point 24: %d %s, want the suggested justice kept", resp.StatusCode, body)
	}
	audit, err := ts.store.ListAudit(context.Background(), ts.demo.ID)
	must(t, err)
	var audited int
	for _, e := range audit {
		if e.Object == "topics" {
			audited++
		}
	}
	if audited != 2 {
		t.Errorf("%d audit entries for topics, want 2", audited)
	}
}

// The topic view lists the points on a topic in every version with the
// stances the caller may see, what each version added and dropped, and the
// positions on the topic's issues without another party's reservation.
func TestTopicView(t *testing.T) {
	ts := MustServe(t)
	ua, ru := ts.login(t, "ua"), ts.login(t, "ru")
	// A stance UA keeps to itself, on a point a mediator put on security.
	_, free := ts.stanceOf(t, "UA")
	plan, err := ts.store.FindVersionByID(context.Background(), ts.plan.ID)
	must(t, err)
	point := plan.Points[slices.IndexFunc(plan.Points, func(p parley.Point) bool { return p.ID == free })]
	if resp, body := ts.do(t, "POST", "/api/v1/versions/"+itoa(plan.ID)+"/topics", ts.login(t, "mediator"),
		fmt.Sprintf(`{"path":%q,"action":"correct","topics":["security"]}`, point.Path)); resp.StatusCode != 201 {
		t.Fatalf("mediator puts point %s on security: %d %s", point.Key(), resp.StatusCode, body)
	}
	if resp, body := ts.do(t, "POST", "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/stances", ua,
		fmt.Sprintf(`{"point_id":%d,"value":"red-line","date":"2025-12-01","visibility":"party","note":"Secret UA line"}`, point.ID)); resp.StatusCode != 201 {
		t.Fatalf("UA stance: %d %s", resp.StatusCode, body)
	}
	view := func(token string) (string, map[string]any) {
		resp, body := ts.do(t, "GET", "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/topics?topic=security", token, "")
		if resp.StatusCode != 200 {
			t.Fatalf("topic view: %d %s", resp.StatusCode, body)
		}
		var out map[string]any
		must(t, json.Unmarshal([]byte(body), &out))
		return body, out
	}
	uaBody, out := view(ua)
	ruBody, _ := view(ru)
	if !strings.Contains(uaBody, "Secret UA line") || strings.Contains(ruBody, "Secret UA line") {
		t.Errorf("UA's own stance: in UA's view %v, in RU's view %v; want only UA's", strings.Contains(uaBody, "Secret UA line"), strings.Contains(ruBody, "Secret UA line"))
	}
	if !strings.Contains(uaBody, "600,000") {
		t.Errorf("the plan's army cap is not among the security points")
	}
	versions, _ := out["versions"].([]any)
	if len(versions) < 2 {
		t.Fatalf("versions in the view: %d", len(versions))
	}
	var changed bool
	for _, v := range versions {
		m := v.(map[string]any)
		if len(m["added"].([]any))+len(m["dropped"].([]any)) > 0 {
			changed = true
		}
	}
	if !changed {
		t.Errorf("no version added or dropped a topic")
	}
	if resp, body := ts.do(t, "GET", "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/topics?topic=weather", ua, ""); resp.StatusCode != 400 || !strings.Contains(body, "topic") {
		t.Errorf("unknown topic: %d %s, want 400 naming topic", resp.StatusCode, body)
	}
	// The page shows the same, to a delegate.
	resp, page := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/topics?topic=security", ua, "")
	if resp.StatusCode != 200 || !strings.Contains(page, "600,000") || !strings.Contains(page, "added and dropped") {
		t.Errorf("topic page: %d, want the points and the changes", resp.StatusCode)
	}
}
