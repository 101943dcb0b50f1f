package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parley"
)

// send makes a request with a JSON body and an optional If-Match.
func (t *testServer) send(tb testing.TB, method, path, token, ifMatch, body string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(method, t.url+path, strings.NewReader(body))
	must(tb, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	resp, err := t.client.Do(req)
	must(tb, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(tb, err)
	return resp, string(b)
}

// pagePath is the path of a page of the demo negotiation.
func (t *testServer) pagePath(rest string) string {
	return "/negotiations/" + itoa(t.demo.ID) + rest
}

// Sources from the API: members but observers add them, mediators and
// owners regrade them with the revision they read, every grade is kept
// with who gave it, bad input names the field.
func TestSourcesAPI(t *testing.T) {
	ts := MustServe(t)
	ua, mediator, observer := ts.login(t, "ua"), ts.login(t, "mediator"), ts.login(t, "observer")
	base := ts.negotiationPath("/sources")

	resp, body := ts.do(t, "POST", base, ua, `{"title":"Kyiv Independent report","kind":"press","publisher":"Kyiv Independent","url":"https://kyivindependent.com/x","date":"2025-12-01","reliability":"b","credibility":2}`)
	if resp.StatusCode != 201 || resp.Header.Get("ETag") != `"1"` {
		t.Fatalf("a delegate adds a source: %d %s", resp.StatusCode, body)
	}
	var src parley.Source
	must(t, json.Unmarshal([]byte(body), &src))
	if src.Grade() != "B2" || src.Revision != 1 {
		t.Fatalf("source = %+v", src)
	}
	if resp, body := ts.do(t, "POST", base, observer, `{"title":"x","kind":"press","reliability":"A","credibility":1}`); resp.StatusCode != 403 || !strings.Contains(body, "observers") {
		t.Fatalf("an observer adds a source: %d %s, want 403", resp.StatusCode, body)
	}
	for name, c := range map[string]struct{ body, field string }{
		"reliability": {`{"title":"x","kind":"press","reliability":"G","credibility":1}`, "reliability:"},
		"credibility": {`{"title":"x","kind":"press","reliability":"A","credibility":7}`, "credibility:"},
		"kind":        {`{"title":"x","kind":"rumour","reliability":"A","credibility":1}`, "kind:"},
		"title":       {`{"title":" ","kind":"press","reliability":"A","credibility":1}`, "title:"},
		"url":         {`{"title":"x","kind":"press","url":"javascript:alert(1)","reliability":"A","credibility":1}`, "url:"},
		"unknown":     {`{"title":"x","kind":"press","grade":"A1"}`, "grade"},
	} {
		if resp, body := ts.do(t, "POST", base, ua, c.body); resp.StatusCode != 400 || !strings.Contains(body, c.field) {
			t.Errorf("%s: %d %s, want 400 naming %s", name, resp.StatusCode, body, c.field)
		}
	}

	grades := base + "/" + itoa(src.ID) + "/grades"
	if resp, body := ts.send(t, "POST", grades, ua, `"1"`, `{"reliability":"E","credibility":5}`); resp.StatusCode != 403 {
		t.Fatalf("a delegate regrades: %d %s, want 403", resp.StatusCode, body)
	}
	if resp, body := ts.send(t, "POST", grades, mediator, `"7"`, `{"reliability":"C","credibility":3}`); resp.StatusCode != 412 || !strings.Contains(body, "If-Match") {
		t.Fatalf("stale If-Match: %d %s, want 412", resp.StatusCode, body)
	}
	if resp, body := ts.send(t, "POST", grades, mediator, "", `{"reliability":"C","credibility":3}`); resp.StatusCode != 400 || !strings.Contains(body, "revision") {
		t.Fatalf("no revision: %d %s, want 400 naming revision", resp.StatusCode, body)
	}
	if resp, body := ts.send(t, "POST", grades, mediator, `"1"`, `{"reliability":"G","credibility":3}`); resp.StatusCode != 400 || !strings.Contains(body, "reliability:") {
		t.Fatalf("bad grade: %d %s, want 400 naming reliability", resp.StatusCode, body)
	}
	resp, body = ts.send(t, "POST", grades, mediator, `"1"`, `{"reliability":"C","credibility":3,"note":"the report was partly retracted"}`)
	if resp.StatusCode != 201 || resp.Header.Get("ETag") != `"2"` || !strings.Contains(body, `"reliability":"C"`) {
		t.Fatalf("regrade: %d %s", resp.StatusCode, body)
	}
	if resp, body := ts.send(t, "POST", grades, mediator, "", `{"reliability":"A","credibility":1,"revision":1}`); resp.StatusCode != 409 || !strings.Contains(body, "regraded since you read it") {
		t.Fatalf("stale revision: %d %s, want 409", resp.StatusCode, body)
	}
	var hist []map[string]any
	ts.getJSON(t, grades, observer, &hist)
	if len(hist) != 2 || hist[0]["grade"] != "B2" || hist[1]["grade"] != "C3" || hist[1]["graded_by"] != "mediator" || hist[1]["note"] != "the report was partly retracted" {
		t.Fatalf("grade history = %v", hist)
	}
	// A source of another negotiation is not found under this one.
	other := &parley.Source{NegotiationID: ts.other.ID, Title: "Secret source", Kind: parley.SourceLeak, Reliability: "A", Credibility: 1}
	must(t, ts.store.CreateSource(context.Background(), other))
	if resp, body := ts.send(t, "POST", base+"/"+itoa(other.ID)+"/grades", mediator, "", `{"reliability":"C","credibility":3,"revision":1}`); resp.StatusCode != 404 || strings.Contains(body, "Secret") {
		t.Fatalf("another negotiation's source: %d %s, want 404", resp.StatusCode, body)
	}
	audit, err := ts.store.ListAudit(context.Background(), ts.demo.ID)
	must(t, err)
	if last := audit[len(audit)-1]; last.Action != "regrade" || last.Object != "source" || last.ObjectID != src.ID || last.UserID == 0 {
		t.Fatalf("last audit entry = %+v, want the regrading by the mediator", last)
	}
}

// Sources from the timeline page: the add form for members but
// observers, the regrade form for mediators and owners; a refused form
// shows its message next to the field; a stale regrade is refused.
func TestSourceForms(t *testing.T) {
	ts := MustServe(t)
	ua, mediator, observer := ts.login(t, "ua"), ts.login(t, "mediator"), ts.login(t, "observer")
	page := ts.pagePath("/timeline")
	_, body := ts.do(t, "GET", page, ua, "")
	if !strings.Contains(body, "Add a source") || strings.Contains(body, "Regrade") || strings.Contains(body, "Add an event") {
		t.Fatal("a delegate's timeline page: want the add-source form only")
	}
	if _, body := ts.do(t, "GET", page, observer, ""); strings.Contains(body, "Add a source") {
		t.Fatal("an observer is offered the add-source form")
	}
	_, body = ts.do(t, "GET", page, mediator, "")
	if !strings.Contains(body, "Regrade") || !strings.Contains(body, "Add an event") {
		t.Fatal("a mediator's timeline page has no regrade or event form")
	}

	add := ts.pagePath("/sources")
	form := url.Values{"title": {"Reuters wire"}, "kind": {"press"}, "grade": {"Z9"}, "date": {"2025-12-02"}}
	resp, body := ts.doForm(t, add, ua, form.Encode())
	if resp.StatusCode != 400 || !strings.Contains(body, `class="field-error"`) || !strings.Contains(body, "grade:") || !strings.Contains(body, `value="Reuters wire"`) {
		t.Fatalf("bad grade: %d, want 400 with the message at the field and the title kept", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, add, observer, url.Values{"title": {"x"}, "kind": {"press"}, "grade": {"A1"}}.Encode()); resp.StatusCode != 403 {
		t.Fatalf("an observer's form: %d, want 403", resp.StatusCode)
	}
	form.Set("grade", "b2")
	resp, _ = ts.doForm(t, add, ua, form.Encode())
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), page+"#source-") {
		t.Fatalf("add form: %d %q, want a redirect to the source", resp.StatusCode, resp.Header.Get("Location"))
	}
	id := strings.TrimPrefix(resp.Header.Get("Location"), page+"#source-")
	regrade := ts.pagePath("/sources/" + id + "/grades")
	if resp, _ := ts.doForm(t, regrade, ua, url.Values{"grade": {"A1"}, "revision": {"1"}}.Encode()); resp.StatusCode != 403 {
		t.Fatalf("a delegate's regrade form: %d, want 403", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, regrade, mediator, url.Values{"grade": {"A9"}, "revision": {"1"}}.Encode()); resp.StatusCode != 400 || !strings.Contains(body, "grade:") {
		t.Fatalf("bad regrade: %d, want 400 naming the grade", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, regrade, mediator, url.Values{"grade": {"C3"}, "revision": {"1"}, "note": {"second look"}}.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("regrade form: %d, want a redirect", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, regrade, mediator, url.Values{"grade": {"A1"}, "revision": {"1"}}.Encode()); resp.StatusCode != 409 || !strings.Contains(body, "regraded since you read it") {
		t.Fatalf("stale regrade form: %d, want 409 with a message", resp.StatusCode)
	}
	_, body = ts.do(t, "GET", page, observer, "")
	if !strings.Contains(body, "Grades (2)") || !strings.Contains(body, "by mediator: second look") || !strings.Contains(body, ">C3<") {
		t.Fatal("the timeline page does not show the grade history")
	}
}
