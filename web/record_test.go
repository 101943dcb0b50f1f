package web_test

import (
	"context"
	stdhtml "html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/tlog"
)

// recordPlan makes the 28-point plan official in the demo's record, as
// "parley record add" does, with a key made for the test, and returns the
// log's verifier key.
func (t *testServer) recordPlan(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	name := "parley/negotiation/" + itoa(t.demo.ID) + "/test"
	skey, vkey, err := tlog.GenerateKey(name)
	must(tb, err)
	// Sealed with testPassphrase, which tests that record from the web give
	// the server.
	sealed, err := tlog.SealKey(skey, []byte(testPassphrase))
	must(tb, err)
	must(tb, t.store.CreateRecordKey(ctx, &parley.RecordKey{NegotiationID: t.demo.ID, Name: name, PublicKey: vkey, SealedKey: sealed}))
	plan, err := t.store.FindVersionByID(ctx, t.plan.ID) // with its points
	must(tb, err)
	_, _, err = t.store.AppendRecord(ctx, t.demo.ID, func(log []*parley.RecordLeaf, last *parley.RecordCheckpoint, now time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
		entry, err := tlog.NewVersionEntry(plan, t.demo.Title, "United States", now)
		if err != nil {
			return nil, nil, err
		}
		leaf, err := entry.Encode()
		if err != nil {
			return nil, nil, err
		}
		tree := tlog.BuildTree([][]byte{leaf})
		root, err := tree.Root(1)
		if err != nil {
			return nil, nil, err
		}
		signed, err := tlog.Checkpoint{Origin: name, Size: 1, Root: root}.Sign(skey)
		if err != nil {
			return nil, nil, err
		}
		return &parley.RecordLeaf{Index: 0, Kind: parley.LeafVersion, VersionID: plan.ID, Leaf: leaf, RecordedAt: now},
			&parley.RecordCheckpoint{Size: 1, Note: signed}, nil
	})
	must(tb, err)
	return vkey
}

// The record page and API show what was recorded, and the proof file they
// give verifies offline against the plan's text.
func TestRecordPageAndProof(t *testing.T) {
	ts := MustServe(t)
	ua := ts.login(t, "ua")
	base := "/api/v1/negotiations/" + itoa(ts.demo.ID)

	var empty struct{ Entries []any }
	ts.getJSON(t, base+"/record", ua, &empty)
	if len(empty.Entries) != 0 {
		t.Fatalf("a fresh demo has %d record entries", len(empty.Entries))
	}
	if resp, _ := ts.do(t, "GET", base+"/record/"+itoa(ts.plan.ID)+"/proof", ua, ""); resp.StatusCode != 404 {
		t.Fatalf("proof of an unrecorded version: %d, want 404", resp.StatusCode)
	}

	vkey := ts.recordPlan(t)
	var rec struct {
		PublicKey  string `json:"public_key"`
		Checkpoint string
		Size       int64
		Entries    []struct {
			Kind      string
			VersionID int64 `json:"version_id"`
			Label     string
		}
	}
	ts.getJSON(t, base+"/record", ua, &rec)
	if rec.PublicKey != vkey || rec.Size != 1 || len(rec.Entries) != 1 || rec.Entries[0].VersionID != ts.plan.ID || !strings.HasPrefix(rec.Checkpoint, "parley/negotiation/") {
		t.Fatalf("record = %+v", rec)
	}
	resp, body := ts.do(t, "GET", base+"/record/"+itoa(ts.plan.ID)+"/proof", ua, "")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, tlog.ProofHeader) {
		t.Fatalf("proof: %d %.80s", resp.StatusCode, body)
	}
	proof, err := tlog.ParseProof([]byte(body))
	must(t, err)
	verified, err := proof.Verify(vkey)
	must(t, err)
	plan, err := ts.store.FindVersionByID(context.Background(), ts.plan.ID)
	must(t, err)
	if err := verified.Version.CheckText(plan.Text); err != nil {
		t.Fatalf("the proof does not hold the plan's text: %v", err)
	}
	if err := verified.Version.CheckText(strings.Replace(plan.Text, "600,000", "650,000", 1)); err == nil {
		t.Fatal("the proof also holds a changed text")
	}

	page, html := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/record", ua, "")
	if page.StatusCode != 200 || !strings.Contains(html, "28-point plan") || !strings.Contains(html, "proof file") || !strings.Contains(stdhtml.UnescapeString(html), vkey) {
		t.Fatalf("record page: %d\n%.400s", page.StatusCode, html)
	}
}

// The record page checks a pasted text: the plan itself is exact, the
// plan with one number changed is near and names point 6, a lease is none.
func TestRecordVerifyForm(t *testing.T) {
	ts := MustServe(t)
	ts.recordPlan(t)
	ua := ts.login(t, "ua")
	plan, err := ts.store.FindVersionByID(context.Background(), ts.plan.ID)
	must(t, err)
	path := "/negotiations/" + itoa(ts.demo.ID) + "/record/verify"
	form := func(text string) string { return "text=" + url.QueryEscape(text) }
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"exact", plan.Text, []string{"Exact:", "28-point plan"}},
		{"near", strings.Replace(plan.Text, "600,000", "650,000", 1), []string{"Near:", "1 point differs", "<del>600</del><ins>650</ins>"}},
		{"none", "1. The tenant pays the rent on the first of the month.\n2. The landlord repairs the heating.\n", []string{"None:", "near needs 0.80"}},
		{"no points", "A note with nothing numbered in it.", []string{"None:", "no numbered points"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.doForm(t, path, ua, form(tc.text))
			if resp.StatusCode != 200 {
				t.Fatalf("%d %.300s", resp.StatusCode, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdhtml.UnescapeString(body), w) && !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
	if resp, _ := ts.doForm(t, path, ua, form("   ")); resp.StatusCode != 400 {
		t.Errorf("an empty text: %d, want 400", resp.StatusCode)
	}
}

// doForm posts a form with a bearer token, as a same-origin page would.
func (t *testServer) doForm(tb testing.TB, path, token, form string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest("POST", t.url+path, strings.NewReader(form))
	must(tb, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := t.client.Do(req)
	must(tb, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(tb, err)
	return resp, string(b)
}
