package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parley"
)

// Owners add existing accounts as members and change roles, from the API
// and the members page; the last owner is not demoted; bad input names
// the field; every change is audited.
func TestMembersWrites(t *testing.T) {
	ts := MustServe(t)
	owner, mediator := ts.owner(t), ts.login(t, "mediator")
	ctx := context.Background()
	for _, name := range []string{"analyst", "envoy"} {
		must(t, ts.store.CreateUser(ctx, &parley.User{Username: name, PasswordHash: demoHash}))
	}
	base := ts.negotiationPath("/members")
	uaID := itoa(ts.parties["UA"].ID)

	if resp, _ := ts.do(t, "POST", base, mediator, `{"username":"analyst","role":"observer"}`); resp.StatusCode != 403 {
		t.Fatalf("a mediator adds a member: %d, want 403", resp.StatusCode)
	}
	for name, c := range map[string]struct{ body, field string }{
		"no such account":      {`{"username":"nobody","role":"observer"}`, "username:"},
		"no account named":     {`{"role":"observer"}`, "username:"},
		"bad role":             {`{"username":"analyst","role":"king"}`, "role:"},
		"delegate of no party": {`{"username":"analyst","role":"delegate"}`, "party_id:"},
		"party of another":     {`{"username":"analyst","role":"delegate","party_id":999999}`, "party_id:"},
		"observer with party":  {`{"username":"analyst","role":"observer","party_id":` + uaID + `}`, "party_id:"},
	} {
		if resp, body := ts.do(t, "POST", base, owner, c.body); resp.StatusCode != 400 || !strings.Contains(body, c.field) {
			t.Errorf("%s: %d %s, want 400 naming %s", name, resp.StatusCode, body, c.field)
		}
	}
	resp, body := ts.do(t, "POST", base, owner, `{"username":"analyst","role":"delegate","party_id":`+uaID+`}`)
	if resp.StatusCode != 201 || !strings.Contains(body, `"username":"analyst"`) {
		t.Fatalf("add a delegate: %d %s", resp.StatusCode, body)
	}
	if resp, body := ts.do(t, "POST", base, owner, `{"username":"analyst","role":"observer"}`); resp.StatusCode != 409 || !strings.Contains(body, "already") {
		t.Fatalf("add twice: %d %s, want 409", resp.StatusCode, body)
	}
	analyst, err := ts.store.FindUserByUsername(ctx, "analyst")
	must(t, err)
	// The new delegate reads the negotiation as UA's delegate.
	if resp, _ := ts.do(t, "GET", ts.negotiationPath(""), ts.login(t, "analyst"), ""); resp.StatusCode != 200 {
		t.Fatalf("the new member reads the negotiation: %d", resp.StatusCode)
	}
	if resp, body := ts.send(t, "PUT", base+"/"+itoa(analyst.ID), owner, "", `{"role":"mediator"}`); resp.StatusCode != 200 || !strings.Contains(body, `"role":"mediator"`) {
		t.Fatalf("change a role: %d %s", resp.StatusCode, body)
	}
	if resp, _ := ts.send(t, "PUT", base+"/999999", owner, "", `{"role":"mediator"}`); resp.StatusCode != 404 {
		t.Fatalf("change a non-member: %d, want 404", resp.StatusCode)
	}
	self, err := ts.store.FindUserByUsername(ctx, "owner")
	must(t, err)
	if resp, body := ts.send(t, "PUT", base+"/"+itoa(self.ID), owner, "", `{"role":"observer"}`); resp.StatusCode != 409 || !strings.Contains(body, "last owner") {
		t.Fatalf("demote the last owner: %d %s, want 409", resp.StatusCode, body)
	}

	// The members page: its forms, a refused one shown at its field.
	page := ts.pagePath("/members")
	_, body = ts.do(t, "GET", page, owner, "")
	if !strings.Contains(body, "Add a member") || !strings.Contains(body, "Change analyst&#39;s role") && !strings.Contains(body, "Change analyst's role") {
		t.Fatal("the members page has no add or role form")
	}
	form := url.Values{"username": {"envoy"}, "role": {"delegate"}}
	resp, body = ts.doForm(t, page, owner, form.Encode())
	if resp.StatusCode != 400 || !strings.Contains(body, `<span class="field-error" role="alert">party_id:`) || !strings.Contains(body, `value="envoy"`) {
		t.Fatalf("a delegate without a party: %d, want 400 at the party", resp.StatusCode)
	}
	form.Set("party", uaID)
	if resp, _ := ts.doForm(t, page, owner, form.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add form: %d, want a redirect", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, page+"/"+itoa(self.ID), owner, url.Values{"role": {"mediator"}}.Encode()); resp.StatusCode != 409 || !strings.Contains(body, "last owner") {
		t.Fatalf("demote the last owner from the page: %d, want 409", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, page+"/"+itoa(analyst.ID), owner, url.Values{"role": {"owner"}}.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("role form: %d, want a redirect", resp.StatusCode)
	}
	// Two owners now: the first may step down.
	if resp, _ := ts.doForm(t, page+"/"+itoa(self.ID), owner, url.Values{"role": {"observer"}}.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("an owner of two steps down: %d, want a redirect", resp.StatusCode)
	}
	audit, err := ts.store.ListAudit(ctx, ts.demo.ID)
	must(t, err)
	counts := map[string]int{}
	for _, e := range audit {
		if e.Object == "member" && e.UserID == self.ID {
			counts[e.Action]++
		}
	}
	if counts["add"] != 2 || counts["set"] != 3 {
		t.Fatalf("member changes audited as the owner = %v, want 2 adds and 3 changes", counts)
	}
}
