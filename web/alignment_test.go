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
