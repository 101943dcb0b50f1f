package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"parley"
	"parley/web"
)

// postMultipart posts a multipart form (fields, and a file when name is
// not empty) with a bearer token, as the upload form does.
func (t *testServer) postMultipart(tb testing.TB, path, token string, fields url.Values, fileName string, file []byte) (*http.Response, string) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			must(tb, mw.WriteField(k, v))
		}
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		must(tb, err)
		fw.Write(file)
	}
	must(tb, mw.Close())
	return t.post(tb, path, token, mw.FormDataContentType(), buf.String())
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// hiddenFields reads the save form of a preview page.
func hiddenFields(tb testing.TB, page string) url.Values {
	tb.Helper()
	out := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
		out.Add(m[1], html.UnescapeString(m[2]))
	}
	if out.Get("mac") == "" || out.Get("body") == "" {
		tb.Fatalf("the preview has no save form with the text and its MAC")
	}
	return out
}

func (t *testServer) versionCount(tb testing.TB) int {
	tb.Helper()
	list, err := t.store.ListVersions(context.Background(), parley.VersionFilter{NegotiationID: t.demo.ID})
	must(tb, err)
	return len(list)
}

// counterDraft is the 28-point plan with its first point reworded and a
// new point at the end, as a delegation's counter-draft would be.
func (t *testServer) counterDraft(tb testing.TB) (string, int) {
	tb.Helper()
	plan, err := t.store.FindVersionByID(context.Background(), t.plan.ID)
	must(tb, err)
	text := plan.Text
	first := plan.Points[0].Text
	text = strings.Replace(text, first, first+" Subject to a referendum in both countries.", 1)
	return text + "\n\n29. This counter-draft enters into force on signature.\n", len(plan.Points) + 1
}

// A delegate uploads its party's counter-draft: the preview lists the
// points and stores nothing; the save stores exactly the previewed text,
// drafted by its party, with the plan as parent and stances carried, and
// audited; then the browser goes to the compare. The same text again is
// refused, and a tampered save form is refused.
func TestUploadPreviewThenSave(t *testing.T) {
	ts := MustServe(t)
	ua := ts.login(t, "ua")
	id := itoa(ts.demo.ID)

	if _, body := ts.do(t, "GET", "/negotiations/"+id, ua, ""); !strings.Contains(body, "Add a version") || !strings.Contains(body, `action="/negotiations/`+id+`/versions/preview"`) {
		t.Fatal("the negotiation page offers a delegate no upload form")
	}
	before := ts.versionCount(t)
	text, points := ts.counterDraft(t)
	fields := url.Values{"label": {"Ukrainian counter-draft"}, "date": {"2025-11"}, "status": {"counter-proposal"}, "parents": {itoa(ts.plan.ID)},
		"source_title": {"Delegation copy"}, "source_kind": {"participant"}, "source_grade": {"b2"}}
	resp, page := ts.postMultipart(t, "/negotiations/"+id+"/versions/preview", ua, fields, "counter.md", []byte(text))
	if resp.StatusCode != 200 || !strings.Contains(page, "Preview: Ukrainian counter-draft") || !strings.Contains(page, "Save this version") {
		t.Fatalf("preview: %d %.600s", resp.StatusCode, page)
	}
	if !strings.Contains(page, itoa(int64(points))+" points") || !strings.Contains(page, "This counter-draft enters into force") || !strings.Contains(page, "drafted by UA") {
		t.Fatalf("the preview does not list the points: %.2000s", page)
	}
	if n := ts.versionCount(t); n != before {
		t.Fatalf("the preview stored something: %d versions, want %d", n, before)
	}
	hidden := hiddenFields(t, page)
	if hidden.Get("party") != itoa(ts.parties["UA"].ID) {
		t.Fatalf("the delegate's party is not carried: %q", hidden.Get("party"))
	}

	// A save form whose text was changed is refused.
	tampered := url.Values{}
	for k, v := range hidden {
		tampered[k] = v
	}
	tampered.Set("body", "MS4gU29tZXRoaW5nIGVsc2Uu") // "1. Something else."
	if resp, body := ts.doForm(t, "/negotiations/"+id+"/versions", ua, tampered.Encode()); resp.StatusCode != 400 || !strings.Contains(body, "mac:") {
		t.Fatalf("tampered save: %d %.300s, want 400 naming mac", resp.StatusCode, body)
	}
	// Another user cannot save this user's preview.
	if resp, _ := ts.doForm(t, "/negotiations/"+id+"/versions", ts.login(t, "mediator"), hidden.Encode()); resp.StatusCode != 400 {
		t.Fatalf("another user's save of the preview: %d, want 400", resp.StatusCode)
	}

	resp, body := ts.doForm(t, "/negotiations/"+id+"/versions", ua, hidden.Encode())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %.500s", resp.StatusCode, body)
	}
	list, err := ts.store.ListVersions(context.Background(), parley.VersionFilter{NegotiationID: ts.demo.ID})
	must(t, err)
	if len(list) != before+1 {
		t.Fatalf("%d versions after the save, want %d", len(list), before+1)
	}
	var newest int64
	for _, v := range list {
		newest = max(newest, v.ID)
	}
	v, err := ts.store.FindVersionByID(context.Background(), newest)
	must(t, err)
	if loc := resp.Header.Get("Location"); loc != "/compare/"+itoa(ts.plan.ID)+"/"+itoa(v.ID) {
		t.Fatalf("save goes to %q, want the compare with the plan", loc)
	}
	if v.Label != "Ukrainian counter-draft" || v.PartyID != ts.parties["UA"].ID || v.Status != "counter-proposal" || v.Date.String() != "2025-11" ||
		len(v.ParentIDs) != 1 || v.ParentIDs[0] != ts.plan.ID || string(v.Body) != text || len(v.Points) != points || len(v.SourceIDs) != 1 {
		t.Fatalf("stored version: %+v", v)
	}
	sources, err := ts.store.ListSources(context.Background(), ts.demo.ID)
	must(t, err)
	found := false
	for _, s := range sources {
		found = found || s.ID == v.SourceIDs[0] && s.Title == "Delegation copy" && s.Grade() == "B2"
	}
	if !found {
		t.Fatal("the new source was not created with its grade")
	}
	carried, err := ts.store.ListStances(context.Background(), parley.StanceFilter{VersionID: v.ID})
	must(t, err)
	if len(carried) == 0 {
		t.Fatal("no stance was carried from the plan")
	}
	for _, st := range carried {
		if !st.ToConfirm() {
			t.Fatalf("a carried stance is not to confirm: %+v", st)
		}
	}
	audit, err := ts.store.ListAudit(context.Background(), ts.demo.ID)
	must(t, err)
	ua1, err := ts.store.FindUserByUsername(context.Background(), "ua")
	must(t, err)
	audited := false
	for _, e := range audit {
		audited = audited || e.Object == "version" && e.ObjectID == v.ID && e.Action == "create" && e.UserID == ua1.ID
	}
	if !audited {
		t.Fatal("the upload is not in the audit log under the delegate")
	}
	if resp, _ := ts.do(t, "GET", resp.Header.Get("Location"), ua, ""); resp.StatusCode != 200 {
		t.Fatalf("the compare after the save: %d", resp.StatusCode)
	}

	// The same save again, and the same text uploaded again, are refused.
	if resp, body := ts.doForm(t, "/negotiations/"+id+"/versions", ua, hidden.Encode()); resp.StatusCode != 409 || !strings.Contains(body, "already version "+itoa(v.ID)) {
		t.Fatalf("second save: %d %.300s, want 409 naming the version", resp.StatusCode, body)
	}
	if resp, body := ts.postMultipart(t, "/negotiations/"+id+"/versions/preview", ua, url.Values{"label": {"again"}}, "again.txt", []byte(text)); resp.StatusCode != 409 || !strings.Contains(body, "already version") {
		t.Fatalf("duplicate preview: %d %.300s, want 409", resp.StatusCode, body)
	}
	if n := ts.versionCount(t); n != before+1 {
		t.Fatalf("refused saves stored something: %d versions", n)
	}
}

// A delegate uploads for its own party only; an observer not at all and is
// offered no form; bad fields are named.
func TestUploadWhoMay(t *testing.T) {
	ts := MustServe(t)
	ua, observer, mediator := ts.login(t, "ua"), ts.login(t, "observer"), ts.login(t, "mediator")
	path := "/negotiations/" + itoa(ts.demo.ID) + "/versions/preview"
	text := "1. A point.\n2. Another point.\n"

	// The segmenter's warnings are shown above the points.
	if resp, body := ts.postMultipart(t, path, ua, url.Values{"label": {"gap"}, "text": {"1. A point.\n2. Another.\n4. A gap before it.\n"}}, "", nil); resp.StatusCode != 200 ||
		!strings.Contains(body, "Warnings (1)") || !strings.Contains(body, "skips 3") {
		t.Fatalf("preview of a text with a gap: %d %.1500s", resp.StatusCode, body)
	}
	// No date: the preview says so.
	if resp, body := ts.postMultipart(t, path, ua, url.Values{"label": {"undated"}, "date": {""}, "text": {text}}, "", nil); resp.StatusCode != 200 || !strings.Contains(body, "2 points, undated") {
		t.Fatalf("undated preview: %d %.300s", resp.StatusCode, body)
	}
	if resp, body := ts.postMultipart(t, path, ua, url.Values{"label": {"x"}, "party": {itoa(ts.parties["RU"].ID)}, "text": {text}}, "", nil); resp.StatusCode != 403 || !strings.Contains(body, "party: a delegate adds versions drafted by its own party only") {
		t.Fatalf("UA's upload as RU's: %d %.300s, want 403", resp.StatusCode, body)
	}
	if resp, body := ts.postMultipart(t, path, observer, url.Values{"label": {"x"}, "text": {text}}, "", nil); resp.StatusCode != 403 || !strings.Contains(body, "observers") {
		t.Fatalf("observer's upload: %d %.300s, want 403", resp.StatusCode, body)
	}
	if _, body := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID), observer, ""); strings.Contains(body, "Add a version") {
		t.Fatal("an observer is offered the upload form")
	}
	for _, tt := range []struct {
		name   string
		fields url.Values
		file   string
		status int
		want   string
	}{
		{"no label", url.Values{"text": {text}}, "", 400, "label:"},
		{"foreign source", url.Values{"label": {"kept label"}, "source": {"999"}, "text": {text}}, "", 400, "source: 999"},
		{"bad date", url.Values{"label": {"x"}, "date": {"2025-13"}, "text": {text}}, "", 400, "date:"},
		{"bad status", url.Values{"label": {"x"}, "status": {"final"}, "text": {text}}, "", 400, "status:"},
		{"foreign parent", url.Values{"label": {"x"}, "parents": {itoa(ts.otherV.ID)}, "text": {text}}, "", 400, "parents:"},
		{"bad grade", url.Values{"label": {"x"}, "source_title": {"S"}, "source_grade": {"Z9"}, "text": {text}}, "", 400, "source_grade:"},
		{"no text", url.Values{"label": {"x"}}, "", 400, "file:"},
		{"both", url.Values{"label": {"x"}, "text": {text}}, "a.txt", 400, "not both"},
		{"no points", url.Values{"label": {"x"}, "text": {"Just a sentence without numbers."}}, "", 400, "point"},
	} {
		var file []byte
		if tt.file != "" {
			file = []byte(text)
		}
		resp, body := ts.postMultipart(t, path, mediator, tt.fields, tt.file, file)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d %.400s, want %d with %q", tt.name, resp.StatusCode, body, tt.status, tt.want)
		}
		// The form comes back open with the message and the fields sent.
		if !strings.Contains(body, `<p class="form-error" role="alert">`) || !strings.Contains(body, `<details class="upload-form" open>`) ||
			tt.fields.Get("label") != "" && !strings.Contains(body, `value="`+tt.fields.Get("label")+`"`) {
			t.Errorf("%s: the upload form does not come back open with the message and the fields", tt.name)
		}
	}
	big := bytes.Repeat([]byte("1. A long point.\n"), web.MaxUploadBytes/16)
	if resp, body := ts.postMultipart(t, path, mediator, url.Values{"label": {"big"}}, "big.txt", big); resp.StatusCode != 413 || !strings.Contains(body, "file:") {
		t.Fatalf("an oversized file: %d %.300s, want 413 naming the file", resp.StatusCode, body)
	}
}

// The API adds a version from JSON or a multipart form with the same
// rules: a preview stores nothing, a duplicate is 409, an observer 403,
// an oversized text 413.
func TestAddVersionAPI(t *testing.T) {
	ts := MustServe(t)
	mediator, observer, ru := ts.login(t, "mediator"), ts.login(t, "observer"), ts.login(t, "ru")
	path := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/versions"
	text, points := ts.counterDraft(t)
	body, _ := json.Marshal(map[string]any{"label": "Mediator's bridging text", "date": "2025-11-28", "status": "proposal", "parent_ids": []int64{ts.plan.ID}, "text": text})
	before := ts.versionCount(t)

	resp, out := ts.do(t, "POST", path+"?preview=true", mediator, string(body))
	var got struct {
		Version struct {
			ID    int64
			Label string
		}
		Points         int
		Warnings       []struct{ Code, Message string }
		Stored         bool
		CarriedStances int `json:"carried_stances"`
	}
	must(t, json.Unmarshal([]byte(out), &got))
	if resp.StatusCode != 200 || got.Stored || got.Points != points || ts.versionCount(t) != before {
		t.Fatalf("preview: %d %+v, %d versions", resp.StatusCode, got, ts.versionCount(t))
	}
	if resp, out := ts.do(t, "POST", path, observer, string(body)); resp.StatusCode != 403 {
		t.Fatalf("observer: %d %s", resp.StatusCode, out)
	}
	resp, out = ts.do(t, "POST", path, mediator, string(body))
	must(t, json.Unmarshal([]byte(out), &got))
	if resp.StatusCode != 201 || !got.Stored || got.Version.ID == 0 || got.CarriedStances == 0 || resp.Header.Get("Location") != "/api/v1/versions/"+itoa(got.Version.ID) {
		t.Fatalf("add: %d %.500s", resp.StatusCode, out)
	}
	if resp, out := ts.do(t, "POST", path, mediator, string(body)); resp.StatusCode != 409 || !strings.Contains(out, "already version "+itoa(got.Version.ID)) {
		t.Fatalf("duplicate: %d %s", resp.StatusCode, out)
	}
	// Multipart, by RU's delegate: drafted by RU without saying so.
	resp, out = ts.postMultipart(t, path, ru, url.Values{"label": {"Russian reply"}, "parents": {itoa(got.Version.ID)}}, "reply.txt", []byte("1. No.\n2. Still no.\n"))
	if resp.StatusCode != 201 {
		t.Fatalf("multipart: %d %s", resp.StatusCode, out)
	}
	var reply struct{ Version parley.Version }
	must(t, json.Unmarshal([]byte(out), &reply))
	if reply.Version.PartyID != ts.parties["RU"].ID {
		t.Fatalf("RU's version is drafted by party %d", reply.Version.PartyID)
	}
	for _, tt := range []struct {
		body   string
		status int
		want   string
	}{
		{`{"label":"x","text":"1. A.\n2. B.\n","party_id":` + itoa(ts.parties["UA"].ID) + `}`, 403, "party_id: a delegate adds versions drafted by its own party only"},
		{`{"label":"x","text":"1. A.\n2. B.\n","parent_ids":[` + itoa(ts.otherV.ID) + `]}`, 400, "parent_ids: version"},
		{`{"label":"x"}`, 400, "text:"},
		{`{"label":"x","date":"28.11.2025","text":"1. A.\n2. B.\n"}`, 400, "date:"},
		{`{"label":"x","text":"1. A.\n","body_base64":"MQ=="}`, 400, "not both"},
		{`{"label":"x","text":"1. A.\n","colour":"red"}`, 400, "colour"},
		{`{"label":"x","format":"rtf","text":"1. A.\n"}`, 400, "format:"},
	} {
		if resp, out := ts.do(t, "POST", path, ru, tt.body); resp.StatusCode != tt.status || !strings.Contains(out, tt.want) {
			t.Errorf("%s: %d %s, want %d with %q", tt.body, resp.StatusCode, out, tt.status, tt.want)
		}
	}
	// A Word file as base64 is read as Word, and kept byte for byte.
	docx, err := os.ReadFile("../ingest/testdata/formats/contract-dotted.docx")
	must(t, err)
	word, _ := json.Marshal(map[string]any{"label": "Word draft", "name": "contract.docx", "body_base64": base64.StdEncoding.EncodeToString(docx)})
	resp, out = ts.do(t, "POST", path, mediator, string(word))
	var stored struct{ Version parley.Version }
	must(t, json.Unmarshal([]byte(out), &stored))
	if resp.StatusCode != 201 || stored.Version.Format != "docx" || len(stored.Version.Points) == 0 {
		t.Fatalf("Word file: %d %.300s", resp.StatusCode, out)
	}
	if v, err := ts.store.FindVersionByID(context.Background(), stored.Version.ID); err != nil || !bytes.Equal(v.Body, docx) {
		t.Fatalf("the Word file is not kept byte for byte: %v", err)
	}
	big, _ := json.Marshal(map[string]any{"label": "big", "text": strings.Repeat("1. A long point.\n", web.MaxUploadBytes/16)})
	if resp, out := ts.do(t, "POST", path, mediator, string(big)); resp.StatusCode != 413 {
		t.Fatalf("oversized text: %d %.300s", resp.StatusCode, out)
	}
	huge := `{"label":"huge","text":"` + strings.Repeat("a", web.MaxVersionBodyBytes) + `"}`
	if resp, out := ts.do(t, "POST", path, mediator, huge); resp.StatusCode != 413 {
		t.Fatalf("oversized body: %d %.300s", resp.StatusCode, out)
	}
}
