package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/auth"
	"parley/web"
)

// A password change, through the API or the page, ends every other
// session and API token of the user, and only that user's; the one it
// came with goes on.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	ua, err := ts.store.FindUserByUsername(ctx, "ua")
	must(t, err)
	current, other := ts.login(t, "ua"), ts.login(t, "ua")
	script, _, err := auth.StartSession(ctx, ts.store, ua.ID, parley.SessionAPI, "script", time.Now().UTC())
	must(t, err)
	ru := ts.login(t, "ru")
	path := "/api/v1/password"
	for _, c := range []struct{ body, want string }{
		{`{"current":"wrong","new":"tundra kettle orbit"}`, "403"},
		{`{"current":"demo","new":"short"}`, "400"},
		{`{"current":"demo","new":"password1234"}`, "400"},
		{`{"current":"demo","new":"UA"}`, "400"},
	} {
		if resp, body := ts.do(t, "POST", path, current, c.body); itoa(int64(resp.StatusCode)) != c.want {
			t.Fatalf("%s: %d %s, want %s", c.body, resp.StatusCode, body, c.want)
		}
	}
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", other, ""); resp.StatusCode != 200 {
		t.Fatalf("a refused change ended sessions: %d", resp.StatusCode)
	}
	if resp, body := ts.do(t, "POST", path, current, `{"current":"demo","new":"tundra kettle orbit"}`); resp.StatusCode != 200 {
		t.Fatalf("change: %d %s", resp.StatusCode, body)
	}
	for name, token := range map[string]string{"another login": other, "an API token": script} {
		if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", token, ""); resp.StatusCode != 401 {
			t.Errorf("%s after the password change: %d, want 401", name, resp.StatusCode)
		}
	}
	for name, token := range map[string]string{"the session that changed it": current, "another user's": ru} {
		if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", token, ""); resp.StatusCode != 200 {
			t.Errorf("%s after the password change: %d, want 200", name, resp.StatusCode)
		}
	}
	if resp, _ := ts.do(t, "POST", "/api/v1/sessions", "", `{"username":"ua","password":"demo"}`); resp.StatusCode != 401 {
		t.Fatalf("the old password: %d, want 401", resp.StatusCode)
	}
	if resp, _ := ts.do(t, "POST", "/api/v1/sessions", "", `{"username":"ua","password":"tundra kettle orbit"}`); resp.StatusCode != 201 {
		t.Fatalf("the new password: %d, want 201", resp.StatusCode)
	}

	// The page: a browser session changes the password; the API token ends.
	jar, _ := cookiejar.New(nil)
	client := *ts.client
	client.Jar = jar
	resp, err := client.PostForm(ts.url+"/login", url.Values{"username": {"ru"}, "password": {"demo"}})
	must(t, err)
	resp.Body.Close()
	page := func(form url.Values) (int, string) {
		var resp *http.Response
		var err error
		if form == nil {
			resp, err = client.Get(ts.url + "/account/password")
		} else {
			resp, err = client.PostForm(ts.url+"/account/password", form)
		}
		must(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		must(t, err)
		return resp.StatusCode, string(b)
	}
	if code, body := page(nil); code != 200 || !strings.Contains(body, `name="current"`) {
		t.Fatalf("password page: %d\n%.300s", code, body)
	}
	if code, body := page(url.Values{"current": {"demo"}, "new": {"tundra kettle orbit"}, "repeat": {"tundra kettle orbiT"}}); code != 400 || !strings.Contains(body, "differ") {
		t.Fatalf("two different copies: %d\n%.300s", code, body)
	}
	if code, body := page(url.Values{"current": {"demo"}, "new": {"tundra kettle orbit"}, "repeat": {"tundra kettle orbit"}}); code != 200 || !strings.Contains(body, `id="changed"`) {
		t.Fatalf("change from the page: %d\n%.300s", code, body)
	}
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", ru, ""); resp.StatusCode != 401 {
		t.Fatalf("ru's API token after ru changed the password in the browser: %d, want 401", resp.StatusCode)
	}
	if code, _ := page(nil); code != 200 {
		t.Fatalf("the browser session that changed the password: %d, want it kept", code)
	}
}

// Owners end a member's sessions and tokens, and take a member's role
// away, from the API and the members page; only for members of their own
// negotiation, and never the last owner.
func TestOwnersRevokeAndRemoveMembers(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	owner := ts.owner(t)
	ua, err := ts.store.FindUserByUsername(ctx, "ua")
	must(t, err)
	uaToken := ts.login(t, "ua")
	base := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/members/"
	stranger := &parley.User{Username: "stranger", PasswordHash: demoHash}
	must(t, ts.store.CreateUser(ctx, stranger))
	if resp, body := ts.do(t, "DELETE", base+itoa(stranger.ID)+"/sessions", owner, ""); resp.StatusCode != 404 {
		t.Fatalf("revoking a non-member: %d %s, want 404", resp.StatusCode, body)
	}
	if resp, body := ts.do(t, "DELETE", base+itoa(ua.ID)+"/sessions", ts.login(t, "mediator"), ""); resp.StatusCode != 403 {
		t.Fatalf("a mediator revoking: %d %s, want 403", resp.StatusCode, body)
	}
	resp, body := ts.do(t, "DELETE", base+itoa(ua.ID)+"/sessions", owner, "")
	if resp.StatusCode != 200 || !strings.Contains(body, `"ended":`) {
		t.Fatalf("revoke: %d %s", resp.StatusCode, body)
	}
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", uaToken, ""); resp.StatusCode != 401 {
		t.Fatalf("ua's token after the owner revoked it: %d, want 401", resp.StatusCode)
	}
	if resp, body := ts.do(t, "DELETE", base+itoa(ua.ID), owner, ""); resp.StatusCode != 200 {
		t.Fatalf("remove: %d %s", resp.StatusCode, body)
	}
	uaToken = ts.login(t, "ua")
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations/"+itoa(ts.demo.ID), uaToken, ""); resp.StatusCode != 404 {
		t.Fatalf("ua in the negotiation after removal: %d, want 404", resp.StatusCode)
	}
	ownerUser, err := ts.store.FindUserByUsername(ctx, "owner")
	must(t, err)
	if resp, body := ts.do(t, "DELETE", base+itoa(ownerUser.ID), owner, ""); resp.StatusCode != 409 {
		t.Fatalf("removing the last owner: %d %s, want 409", resp.StatusCode, body)
	}

	// The members page lists sessions and has the buttons; they work.
	jar, _ := cookiejar.New(nil)
	client := *ts.client
	client.Jar = jar
	r, err := client.PostForm(ts.url+"/login", url.Values{"username": {"owner"}, "password": {"demo"}})
	must(t, err)
	r.Body.Close()
	ru, err := ts.store.FindUserByUsername(ctx, "ru")
	must(t, err)
	ruToken := ts.login(t, "ru")
	r, err = client.Get(ts.url + "/negotiations/" + itoa(ts.demo.ID) + "/members")
	must(t, err)
	page, _ := io.ReadAll(r.Body)
	r.Body.Close()
	b := string(page)
	revoke := "/negotiations/" + itoa(ts.demo.ID) + "/members/" + itoa(ru.ID) + "/revoke"
	if r.StatusCode != 200 || !strings.Contains(b, `action="`+revoke+`"`) || !strings.Contains(b, "/audit") {
		t.Fatalf("members page: %d\n%.500s", r.StatusCode, b)
	}
	r, err = client.Post(ts.url+revoke, "application/x-www-form-urlencoded", nil)
	must(t, err)
	r.Body.Close()
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke form: %d", r.StatusCode)
	}
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", ruToken, ""); resp.StatusCode != 401 {
		t.Fatalf("ru's token after the revoke form: %d, want 401", resp.StatusCode)
	}
	r, err = client.Post(ts.url+"/negotiations/"+itoa(ts.demo.ID)+"/members/"+itoa(ru.ID)+"/remove", "application/x-www-form-urlencoded", nil)
	must(t, err)
	r.Body.Close()
	if m, _ := ts.store.ListMemberships(ctx, ru.ID); r.StatusCode != http.StatusSeeOther || len(m) != 0 {
		t.Fatalf("remove form: %d, memberships %+v", r.StatusCode, m)
	}
}

// The audit log shows owners every change, but no confidential value
// they may not see: reservations kept to a party, draft stances.
func TestAuditLogRedactsWhatTheReaderMayNotSee(t *testing.T) {
	ts := MustServe(t)
	owner := ts.owner(t)
	ua := ts.position(t, "UA")
	secret := 123457.0
	p := *ua
	p.Reservation, p.ReservationVisibility, p.Note = &secret, parley.VisibilityParty, "our walk-away point"
	must(t, ts.store.UpdatePosition(parley.WithActor(context.Background(), 0), &p))
	resp, body := ts.do(t, "GET", "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/audit", owner, "")
	if resp.StatusCode != 200 {
		t.Fatalf("audit: %d %s", resp.StatusCode, body)
	}
	if strings.Contains(body, "123457") || strings.Contains(body, "walk-away") {
		t.Fatalf("the owner's audit log shows UA's confidential reservation or note:\n%.500s", body)
	}
	var entries []struct {
		Object   string
		ObjectID int64 `json:"object_id"`
		After    map[string]any
	}
	must(t, json.Unmarshal([]byte(body), &entries))
	found := false
	for _, e := range entries {
		if e.Object == "position" && e.ObjectID == ua.ID && e.After != nil && e.After["redacted"] != nil {
			found = true
		}
		if e.Object == "position" && e.After != nil && e.After["reservation"] != nil && e.After["reservation_visibility"] != parley.VisibilityPublished {
			t.Fatalf("a reservation the owner may not see: %+v", e)
		}
		if e.Object == "stance" && e.After != nil && e.After["visibility"] != parley.VisibilityPublished && e.After["value"] != nil {
			t.Fatalf("a draft stance shown to the owner: %+v", e)
		}
	}
	if !found {
		t.Fatal("the update of UA's position is not in the log, marked redacted")
	}
	// UA's delegates see their own reservation in the log; RU's do not.
	log, err := ts.store.ListAudit(context.Background(), ts.demo.ID)
	must(t, err)
	show := func(m *parley.Member) string {
		var b strings.Builder
		for _, e := range web.VisibleAudit(m, log) {
			b.WriteString(e.Before + e.After)
		}
		return b.String()
	}
	if s := show(&parley.Member{Role: parley.RoleDelegate, PartyID: ts.parties["UA"].ID}); !strings.Contains(s, "123457") || !strings.Contains(s, "walk-away") {
		t.Fatal("UA's delegate does not see UA's own reservation in the log")
	}
	if s := show(&parley.Member{Role: parley.RoleDelegate, PartyID: ts.parties["RU"].ID}); strings.Contains(s, "123457") {
		t.Fatal("RU's delegate sees UA's reservation in the log")
	}
	if s := show(&parley.Member{Role: parley.RoleMediator}); strings.Contains(s, "123457") {
		t.Fatal("a mediator sees a reservation UA keeps to itself")
	}
	// The page shows the log, redacted the same way.
	jar, _ := cookiejar.New(nil)
	client := *ts.client
	client.Jar = jar
	r, err := client.PostForm(ts.url+"/login", url.Values{"username": {"owner"}, "password": {"demo"}, "next": {"/negotiations/" + itoa(ts.demo.ID) + "/audit"}})
	must(t, err)
	r.Body.Close()
	r, err = client.Get(ts.url + r.Header.Get("Location"))
	must(t, err)
	page, _ := io.ReadAll(r.Body)
	r.Body.Close()
	b := string(page)
	if r.StatusCode != 200 || !strings.Contains(b, "Audit log") || strings.Contains(b, "123457") || !strings.Contains(b, "redacted") {
		t.Fatalf("audit page: %d\n%.500s", r.StatusCode, b)
	}
}
