package web_test

import (
	"context"
	"encoding/json"
	stdhtml "html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parley"
	"parley/record"
)

// testPassphrase seals the keys the recording tests make.
const testPassphrase = "test passphrase"

// recorded is the answer of the record and endorse routes.
type recorded struct {
	VersionID int64 `json:"version_id"`
	Kind      string
	Index     int64
	Party     string
	TreeSize  int64 `json:"tree_size"`
	Root      string
}

// The API records a version as official for a mediator, once; a delegate
// endorses it for its own party, once, and never for another; observers
// do neither; every leaf is audited with its author, and the record then
// checks.
func TestRecordAndEndorseFromTheAPI(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	base := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/record"
	mediator, ua, observer := ts.login(t, "mediator"), ts.login(t, "ua"), ts.login(t, "observer")
	planBody := `{"version_id":` + itoa(ts.plan.ID) + `}`
	endorse := base + "/" + itoa(ts.plan.ID) + "/endorsements"

	// Without a passphrase the server cannot sign: 503, and nothing stored.
	resp, body := ts.do(t, "POST", base, mediator, planBody)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "recording is not available on this server") || !strings.Contains(body, `"code":"unavailable"`) {
		t.Fatalf("no passphrase: %d %s", resp.StatusCode, body)
	}
	ts.srv.KeyPassphrase = []byte(testPassphrase)

	for _, tc := range []struct {
		who, token, role string
	}{{"observer", observer, "an observer"}, {"delegate", ua, "a delegate"}} {
		resp, body := ts.do(t, "POST", base, tc.token, planBody)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "you are "+tc.role) {
			t.Errorf("%s records: %d %s, want 403 naming its role", tc.who, resp.StatusCode, body)
		}
	}
	if leaves, err := ts.store.ListRecordLeaves(ctx, ts.demo.ID); err != nil || len(leaves) != 0 {
		t.Fatalf("refused recordings left %d leaves (%v)", len(leaves), err)
	}
	if resp, body := ts.do(t, "POST", base, mediator, `{"version_id":`+itoa(ts.otherV.ID)+`}`); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "Secret") {
		t.Errorf("another negotiation's version: %d %s, want 404", resp.StatusCode, body)
	}
	if resp, body := ts.do(t, "POST", base, mediator, `{}`); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "version_id") {
		t.Errorf("no version_id: %d %s, want 400 naming it", resp.StatusCode, body)
	}
	if resp, body := ts.do(t, "POST", endorse, ua, `{}`); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "not in the record") {
		t.Errorf("endorsing an unrecorded version: %d %s, want 400", resp.StatusCode, body)
	}

	resp, body = ts.do(t, "POST", base, mediator, planBody)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("mediator records: %d %s", resp.StatusCode, body)
	}
	var got recorded
	must(t, json.Unmarshal([]byte(body), &got))
	if got.VersionID != ts.plan.ID || got.Kind != parley.LeafVersion || got.Index != 0 || got.TreeSize != 1 || got.Root == "" {
		t.Fatalf("recorded = %+v", got)
	}
	if resp, body := ts.do(t, "POST", base, mediator, planBody); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "already in the record") {
		t.Errorf("a second recording: %d %s, want 409", resp.StatusCode, body)
	}

	if resp, body := ts.do(t, "POST", endorse, ua, `{"party":"RU"}`); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "own party only, not for RU") {
		t.Errorf("UA's delegate endorses for RU: %d %s, want 403", resp.StatusCode, body)
	}
	for _, tc := range []struct {
		who, token, role string
	}{{"observer", observer, "an observer"}, {"mediator", mediator, "a mediator"}} {
		if resp, body := ts.do(t, "POST", endorse, tc.token, `{"party":"UA"}`); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "you are "+tc.role) {
			t.Errorf("%s endorses: %d %s, want 403 naming its role", tc.who, resp.StatusCode, body)
		}
	}
	// A passphrase that does not open the keys is the server's trouble:
	// 503, not the caller's 403.
	ts.srv.KeyPassphrase = []byte("not the one")
	if resp, body := ts.do(t, "POST", endorse, ua, `{}`); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "does not open") {
		t.Errorf("a wrong passphrase: %d %s, want 503", resp.StatusCode, body)
	}
	ts.srv.KeyPassphrase = []byte(testPassphrase)
	resp, body = ts.do(t, "POST", endorse, ua, `{}`) // its own party by default
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("UA endorses: %d %s", resp.StatusCode, body)
	}
	got = recorded{}
	must(t, json.Unmarshal([]byte(body), &got))
	if got.Kind != parley.LeafEndorsement || got.Party != "UA" || got.Index != 1 || got.TreeSize != 2 {
		t.Fatalf("endorsed = %+v", got)
	}
	if resp, body := ts.do(t, "POST", endorse, ua, `{"party":"UA"}`); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "already endorsed") {
		t.Errorf("a second endorsement: %d %s, want 409", resp.StatusCode, body)
	}

	sum, err := record.Check(ctx, ts.store, ts.demo)
	if err != nil {
		t.Fatalf("the record does not check: %v", err)
	}
	if sum.Versions != 1 || sum.Endorsements != 1 || sum.Checkpoints != 2 {
		t.Fatalf("record = %+v", sum)
	}

	// Each leaf is in the audit log, with who appended it.
	audit, err := ts.store.ListAudit(ctx, ts.demo.ID)
	must(t, err)
	authors := map[string]int64{}
	for _, e := range audit {
		if e.Object == "record" && e.Action == "append" {
			var after struct{ Kind string }
			must(t, json.Unmarshal([]byte(e.After), &after))
			authors[after.Kind] = e.UserID
		}
	}
	for kind, user := range map[string]string{parley.LeafVersion: "mediator", parley.LeafEndorsement: "ua"} {
		u, err := ts.store.FindUserByUsername(ctx, user)
		must(t, err)
		if authors[kind] != u.ID {
			t.Errorf("audit: the %s leaf's author is user %d, want %s (%d)", kind, authors[kind], user, u.ID)
		}
	}
}

// The version and record pages carry the buttons: a mediator records, a
// delegate endorses for its party, an observer sees neither; without a
// passphrase they say that recording is not available.
func TestRecordAndEndorseFromThePages(t *testing.T) {
	ts := MustServe(t)
	mediator, ua, observer := ts.login(t, "mediator"), ts.login(t, "ua"), ts.login(t, "observer")
	versionPage := "/versions/" + itoa(ts.plan.ID)
	recordPage := "/negotiations/" + itoa(ts.demo.ID) + "/record"
	page := func(path, token string) string {
		t.Helper()
		resp, body := ts.do(t, "GET", path, token, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return stdhtml.UnescapeString(body)
	}

	for _, path := range []string{versionPage, recordPage} {
		if p := page(path, mediator); !strings.Contains(p, "Record as official</button>") || !strings.Contains(p, "Recording is not available on this server") {
			t.Errorf("%s without a passphrase: no disabled button saying why", path)
		}
	}
	form := "version=" + itoa(ts.plan.ID)
	if resp, body := ts.doForm(t, recordPage, mediator, form); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "not available") {
		t.Fatalf("recording without a passphrase: %d", resp.StatusCode)
	}

	ts.srv.KeyPassphrase = []byte(testPassphrase)
	if p := page(versionPage, observer); strings.Contains(p, "Record as official") || strings.Contains(p, "Endorse for") {
		t.Error("the observer sees record buttons")
	}
	if resp, _ := ts.doForm(t, recordPage, observer, form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("observer records through the form: %d, want 403", resp.StatusCode)
	}
	if p := page(versionPage, mediator); !strings.Contains(p, `action="/negotiations/`+itoa(ts.demo.ID)+`/record"`) || strings.Contains(p, "Recording is not available") {
		t.Fatal("the mediator has no record button on the version page")
	}
	resp, _ := ts.doForm(t, recordPage, mediator, form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != recordPage+"#leaf-0" {
		t.Fatalf("record form: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, body := ts.doForm(t, recordPage, mediator, form); resp.StatusCode != http.StatusConflict || !strings.Contains(stdhtml.UnescapeString(body), "already in the record") {
		t.Errorf("recording twice through the form: %d", resp.StatusCode)
	}
	if p := page(versionPage, mediator); !strings.Contains(p, "in the official record") || strings.Contains(p, "Record as official</button>") {
		t.Error("the version page does not say the version is recorded")
	}

	endorse := recordPage + "/" + itoa(ts.plan.ID) + "/endorsements"
	if p := page(versionPage, ua); !strings.Contains(p, `action="`+endorse+`"`) || !strings.Contains(p, "Endorse for UA") {
		t.Fatal("UA's delegate has no endorse button on the version page")
	}
	if resp, body := ts.doForm(t, endorse, ua, "party=RU"); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "not for RU") {
		t.Errorf("UA endorses for RU through the form: %d", resp.StatusCode)
	}
	resp, _ = ts.doForm(t, endorse, ua, "party="+url.QueryEscape("UA"))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != recordPage+"#leaf-1" {
		t.Fatalf("endorse form: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	p := page(recordPage, ua)
	if !strings.Contains(p, "Endorsed by <strong>UA</strong>") || strings.Contains(p, "Endorse for UA</button>") {
		t.Error("the record page does not show UA's endorsement, or still offers it")
	}
	if p := page(recordPage, ts.login(t, "ru")); !strings.Contains(p, "Endorse for RU</button>") {
		t.Error("RU's delegate has no endorse button on the record page")
	}
	if _, err := record.Check(context.Background(), ts.store, ts.demo); err != nil {
		t.Fatalf("the record does not check: %v", err)
	}
}
