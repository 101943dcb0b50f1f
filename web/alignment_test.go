package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"parley"
)

// TestAlignmentReadsDoNotWrite checks that the compare page and the
// alignment API compute the alignment without saving it (a GET that
// writes queues every reader on SQLite's write lock), and that a
// correction still shows at once.
func TestAlignmentReadsDoNotWrite(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	token := ts.login(t, "ua")
	api := "/api/v1/alignments/" + itoa(ts.plan.ID) + "/" + itoa(ts.counter.ID)
	for _, path := range []string{"/compare/" + itoa(ts.plan.ID) + "/" + itoa(ts.counter.ID), api, api} {
		if resp, body := ts.do(t, "GET", path, token, ""); resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
	}
	if _, err := ts.store.FindAlignment(ctx, ts.plan.ID, ts.counter.ID); parley.ErrorCode(err) != parley.ENOTFOUND {
		t.Fatalf("after GETs, the stored alignment: %v; want none stored", err)
	}

	// A mediator's correction is in the next GET, though the alignment
	// before it was cached.
	_, before := ts.do(t, "GET", api, token, "")
	mediator := ts.login(t, "mediator")
	resp, body := ts.do(t, "POST", api+"/corrections", mediator, `{"action":"relink","old":[["6"]],"new":[["7"]],"kind":"moved","note":"cache test"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("correction = %d %s", resp.StatusCode, body)
	}
	_, after := ts.do(t, "GET", api, token, "")
	if after == before || !strings.Contains(after, `"old":[["6"]],"new":[["7"]]`) {
		t.Errorf("the GET after a correction relinking 6 to 7 does not show it:\n%s", after)
	}
}

// TestCompareWarnings: a version whose numbering has a gap is flagged on
// the compare page (a notice naming the version and the gap) and in the
// alignment API's "warnings"; a well-read pair shows no notice.
func TestCompareWarnings(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	token := ts.login(t, "ua")
	page := "/compare/" + itoa(ts.plan.ID) + "/" + itoa(ts.counter.ID)
	if _, body := ts.do(t, "GET", page, token, ""); strings.Contains(body, `class="notice"`) {
		t.Errorf("the demo pair shows a notice:\n%s", body)
	}
	gappy := &parley.Version{NegotiationID: ts.plan.NegotiationID, DocumentID: ts.plan.DocumentID, Label: "Gappy draft", Status: parley.StatusDraft, Format: "text",
		Text: "1. One.\n2. Two.\n4. Four.", Body: []byte("1. One.\n2. Two.\n4. Four."), Points: []parley.Point{
			{Path: []string{"1"}, Label: "1.", Text: "One.", Line: 1},
			{Path: []string{"2"}, Label: "2.", Text: "Two.", Line: 2},
			{Path: []string{"4"}, Label: "4.", Text: "Four.", Line: 3},
		}}
	must(t, ts.store.CreateVersion(ctx, gappy))
	page = "/compare/" + itoa(ts.plan.ID) + "/" + itoa(gappy.ID)
	resp, body := ts.do(t, "GET", page, token, "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `class="notice"`) || !strings.Contains(body, "<li>Gappy draft: the top-level list skips 3: 4 follows 2</li>") {
		t.Errorf("GET %s = %d, want a notice of the gap:\n%s", page, resp.StatusCode, body)
	}
	_, body = ts.do(t, "GET", "/api/v1/alignments/"+itoa(ts.plan.ID)+"/"+itoa(gappy.ID), token, "")
	if !strings.Contains(body, `"warnings":[{"side":"new","code":"sequence-gap","message":"the top-level list skips 3: 4 follows 2","path":["4"],"line":3}]`) {
		t.Errorf("API: %s", body[max(0, len(body)-300):])
	}
}
