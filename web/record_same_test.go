package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	stdhtml "html"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"parley/align"
	"parley/export"
)

// The record page's verify form answers "same text, other format" for the
// 28-point plan's Markdown export pasted, and for its HTML page and Akoma
// Ntoso chosen as files; a file that cannot be read in its format is a
// 400 naming it.
func TestRecordVerifyFormSameText(t *testing.T) {
	ts := MustServe(t)
	ts.recordPlan(t)
	ua := ts.login(t, "ua")
	plan, err := ts.store.FindVersionByID(context.Background(), ts.plan.ID)
	must(t, err)
	path := "/negotiations/" + itoa(ts.demo.ID) + "/record/verify"
	v := &export.Version{Version: plan}
	var md, page, akn bytes.Buffer
	must(t, export.WriteVersionMarkdown(&md, v))
	must(t, export.WriteVersionHTML(&page, v))
	must(t, export.WriteVersionAKN(&akn, v, export.AKNOptions{}))
	same := []string{"Same text, other format:", "28-point plan"}

	resp, body := ts.doForm(t, path, ua, "text="+url.QueryEscape(md.String()))
	if resp.StatusCode != 200 || !hasAll(body, same) {
		t.Errorf("pasted Markdown: %d %.600s", resp.StatusCode, body)
	}
	upload := func(name string, file []byte) (int, string) {
		var mp bytes.Buffer
		mw := multipart.NewWriter(&mp)
		must(t, mw.WriteField("text", ""))
		fw, err := mw.CreateFormFile("file", name)
		must(t, err)
		fw.Write(file)
		must(t, mw.Close())
		resp, body := ts.post(t, path, ua, mw.FormDataContentType(), mp.String())
		return resp.StatusCode, body
	}
	for name, file := range map[string][]byte{"plan.html": page.Bytes(), "plan.akn": akn.Bytes()} {
		if code, body := upload(name, file); code != 200 || !hasAll(body, same) {
			t.Errorf("%s: %d %.600s", name, code, body)
		}
	}
	if code, body := upload("plan.docx", []byte("not a Word file")); code != 400 || !strings.Contains(stdhtml.UnescapeString(body), "plan.docx") {
		t.Errorf("a broken Word file: %d %.300s", code, body)
	}
	if code, _ := upload("empty.txt", nil); code != 400 {
		t.Errorf("no text and an empty file: %d, want 400", code)
	}
}

// hasAll reports whether a page holds every one of want (HTML escapes
// read as text).
func hasAll(body string, want []string) bool {
	text := stdhtml.UnescapeString(body)
	for _, w := range want {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// The API takes Akoma Ntoso and parley's JSON as it takes other files:
// the plan's exports come back as versions with the plan's points.
func TestAddVersionAPIInterchange(t *testing.T) {
	ts := MustServe(t)
	mediator := ts.login(t, "mediator")
	plan, err := ts.store.FindVersionByID(context.Background(), ts.plan.ID)
	must(t, err)
	v := &export.Version{Version: plan}
	var akn, js bytes.Buffer
	must(t, export.WriteVersionAKN(&akn, v, export.AKNOptions{}))
	must(t, export.WriteVersionJSON(&js, v))
	path := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/versions"
	resp, out := ts.postMultipart(t, path, mediator, url.Values{"label": {"from plan.akn"}, "date": {"2025-11"}}, "plan.akn", akn.Bytes())
	if resp.StatusCode != 201 {
		t.Fatalf("plan.akn: %d %s", resp.StatusCode, out)
	}
	var got struct{ Version struct{ ID int64 } }
	must(t, json.Unmarshal([]byte(out), &got))
	back, err := ts.store.FindVersionByID(context.Background(), got.Version.ID)
	must(t, err)
	if !align.SamePoints(plan.Points, back.Points) || back.Format != "akn" || back.Preamble != plan.Preamble {
		t.Errorf("plan.akn: format %s, %d points", back.Format, len(back.Points))
	}
	// The JSON holds the same points and preamble, so the same text: it
	// is refused as the version just stored.
	resp, out = ts.postMultipart(t, path, mediator, url.Values{"label": {"from plan.json"}}, "plan.json", js.Bytes())
	if resp.StatusCode != 409 || !strings.Contains(out, "already version "+itoa(got.Version.ID)) {
		t.Errorf("plan.json: %d %s", resp.StatusCode, out)
	}
}
