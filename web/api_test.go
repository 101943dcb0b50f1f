package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parley/web"
)

// Every route that reads a body reads at most its limit: one byte more gets
// 413 and a message with the limit, from the JSON API and from the pages
// alike. The record page's verify form read any size: a post of 40 MB took
// 18 s and 1.1 GB.
func TestBodyLimits(t *testing.T) {
	ts := MustServe(t)
	ua, mediator := ts.login(t, "ua"), ts.login(t, "mediator")
	// pad makes a URL-encoded form of exactly n bytes: field=xxx...
	pad := func(field string, n int) string { return field + "=" + strings.Repeat("x", n-len(field)-1) }
	verify := "/negotiations/" + itoa(ts.demo.ID) + "/record/verify"
	correct := "/compare/" + itoa(ts.plan.ID) + "/" + itoa(ts.counter.ID)
	events := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/events"
	jsonOf := func(n int) string {
		head := `{"kind":"meeting","title":"Talks","date":"2025-11-20","description":"`
		return head + strings.Repeat("x", n-len(head)-2) + `"}`
	}
	for _, tc := range []struct {
		name, path, token, contentType, body string
		limit                                string // as the message says it
	}{
		{"login form", "/login", "", "application/x-www-form-urlencoded", pad("username", web.MaxLoginFormBytes+1), "4 KiB (4,096 bytes)"},
		{"correction form", correct, mediator, "application/x-www-form-urlencoded", pad("note", web.MaxCorrectionFormBytes+1), "64 KiB (65,536 bytes)"},
		{"verify form", verify, ua, "application/x-www-form-urlencoded", pad("text", web.MaxVerifyFormBytes+1), "2 MiB (2,097,152 bytes)"},
		{"JSON write", events, mediator, "application/json", jsonOf(web.MaxBodyBytes + 1), "1 MiB (1,048,576 bytes)"},
		{"JSON login", "/api/v1/sessions", "", "application/json", `{"username":"` + strings.Repeat("x", web.MaxBodyBytes) + `"}`, "1 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.post(t, tc.path, tc.token, tc.contentType, tc.body)
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("%d bytes: %d, want 413\n%.300s", len(tc.body), resp.StatusCode, body)
			}
			if !strings.Contains(body, "over the limit of "+tc.limit) {
				t.Errorf("the message does not say the limit %q: %.300s", tc.limit, body)
			}
		})
	}

	// At the limit a body is read: the verify form answers (no points in
	// a text of x's), the event is created.
	if resp, body := ts.post(t, verify, ua, "application/x-www-form-urlencoded", pad("text", web.MaxVerifyFormBytes)); resp.StatusCode != 200 {
		t.Errorf("verify form at its limit: %d %.300s", resp.StatusCode, body)
	}
	if resp, body := ts.post(t, events, mediator, "application/json", jsonOf(2000)); resp.StatusCode != 201 {
		t.Errorf("an event: %d %.300s", resp.StatusCode, body)
	}

	// A multipart form is bounded alike, and its parts held in memory.
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	fw, err := mw.CreateFormFile("text", "plan.txt")
	must(t, err)
	fw.Write(bytes.Repeat([]byte("1. x\n"), web.MaxVerifyFormBytes/5+1))
	must(t, mw.Close())
	if resp, body := ts.post(t, verify, ua, mw.FormDataContentType(), mp.String()); resp.StatusCode != 413 {
		t.Errorf("multipart verify form over its limit: %d %.300s", resp.StatusCode, body)
	}
	mp.Reset()
	mw = multipart.NewWriter(&mp)
	must(t, mw.WriteField("text", "1. The tenant pays the rent.\n2. The landlord repairs the heating.\n"))
	must(t, mw.Close())
	if resp, body := ts.post(t, verify, ua, mw.FormDataContentType(), mp.String()); resp.StatusCode != 200 || !strings.Contains(body, "None:") {
		t.Errorf("multipart verify form: %d %.300s", resp.StatusCode, body)
	}
}

// A pasted text within the byte limit but of more points than parley
// handles is refused before it is aligned, with the limits in the message.
func TestVerifyFormRefusesTooManyPoints(t *testing.T) {
	ts := MustServe(t)
	ts.recordPlan(t)
	ua := ts.login(t, "ua")
	text := strings.Repeat("1. x\n", 200_001)
	resp, body := ts.post(t, "/negotiations/"+itoa(ts.demo.ID)+"/record/verify", ua, "application/x-www-form-urlencoded", "text="+url.QueryEscape(text))
	if resp.StatusCode != 413 || !strings.Contains(body, "more than 200,000 points; parley handles at most 200,000 points, 8,000,000 words (and 32.0 MiB) per text") {
		t.Fatalf("%d %.400s", resp.StatusCode, body)
	}
}

// post sends a body of the given type, with a bearer token when one is
// given, as a same-origin page or a script would.
func (t *testServer) post(tb testing.TB, path, token, contentType, body string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest("POST", t.url+path, strings.NewReader(body))
	must(tb, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := t.client.Do(req)
	must(tb, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(tb, err)
	return resp, string(b)
}

// jsonError decodes the API's error document.
func jsonError(tb testing.TB, body string) (code, message string) {
	tb.Helper()
	var e struct{ Code, Error string }
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		tb.Fatalf("not an error document: %v\n%s", err, body)
	}
	return e.Code, e.Error
}
