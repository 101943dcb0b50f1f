package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/auth"
	"parley/demo"
	"parley/sqlite"
	"parley/web"
)

// demoHash is the argon2id hash of the demo password, made once: hashing is
// slow on purpose.
var demoHash = func() string {
	h, err := auth.HashPassword(demo.Password)
	if err != nil {
		panic(err)
	}
	return h
}()

// testServer is the server on the demo case, over TLS (the session cookie
// is __Host-, hence Secure), with a second negotiation the demo users are
// not members of.
type testServer struct {
	url     string
	client  *http.Client
	store   parley.Store
	srv     *web.Server
	demo    *parley.Negotiation
	other   *parley.Negotiation
	plan    *parley.Version // the 28-point plan
	counter *parley.Version // the European counter-proposal
	otherV  *parley.Version
	otherE  *parley.Event // an event of the other negotiation
	alaska  *parley.Event // the Trump-Putin summit
	parties map[string]*parley.Party
}

func MustServe(tb testing.TB) *testServer {
	tb.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "parley.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	n, _, err := demo.Load(ctx, store)
	if err != nil {
		tb.Fatal(err)
	}
	if err := demo.EnsureAccounts(ctx, store, n, demoHash); err != nil {
		tb.Fatal(err)
	}
	other := &parley.Negotiation{Title: "Another negotiation"}
	must(tb, store.CreateNegotiation(ctx, other))
	doc := &parley.Document{NegotiationID: other.ID, Title: "Text"}
	must(tb, store.CreateDocument(ctx, doc))
	ov := &parley.Version{NegotiationID: other.ID, DocumentID: doc.ID, Label: "Secret draft", Status: parley.StatusDraft, Format: "text",
		Text: "1. Secret.", Body: []byte("1. Secret."), Points: []parley.Point{{Path: []string{"1"}, Label: "1.", Text: "Secret."}}}
	must(tb, store.CreateVersion(ctx, ov))
	oe := &parley.Event{NegotiationID: other.ID, Kind: parley.EventMeeting, Title: "Secret meeting", Date: parley.MustParseDate("2025-11-01")}
	must(tb, store.CreateEvent(ctx, oe))

	srv, err := web.NewServer(store, nil)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewTLSServer(srv)
	tb.Cleanup(ts.Close)
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	t := &testServer{url: ts.URL, client: client, store: store, srv: srv, demo: n, other: other, otherV: ov, otherE: oe, parties: map[string]*parley.Party{}}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	must(tb, err)
	for _, v := range versions {
		if strings.HasPrefix(v.Label, "28-point") {
			t.plan = v
		}
		if strings.HasPrefix(v.Label, "European") {
			t.counter = v
		}
	}
	parties, err := store.ListParties(ctx, n.ID)
	must(tb, err)
	for _, p := range parties {
		t.parties[p.Code] = p
	}
	events, err := store.ListEvents(ctx, n.ID)
	must(tb, err)
	for _, e := range events {
		if e.Kind == parley.EventSummit && strings.Contains(e.Title, "Alaska") {
			t.alaska = e
		}
	}
	if t.alaska == nil {
		tb.Fatal("the demo has no Alaska summit")
	}
	return t
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// do sends a request with an optional bearer token and returns the status
// and body.
func (t *testServer) do(tb testing.TB, method, path, token, body string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(method, t.url+path, strings.NewReader(body))
	must(tb, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := t.client.Do(req)
	must(tb, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(tb, err)
	return resp, string(b)
}

// login returns an API token for a demo account.
func (t *testServer) login(tb testing.TB, username string) string {
	tb.Helper()
	resp, body := t.do(tb, "POST", "/api/v1/sessions", "", `{"username":"`+username+`","password":"demo"}`)
	if resp.StatusCode != http.StatusCreated {
		tb.Fatalf("login %s: %d %s", username, resp.StatusCode, body)
	}
	var out struct{ Token string }
	must(tb, json.Unmarshal([]byte(body), &out))
	if len(out.Token) < 20 {
		tb.Fatalf("token %q", out.Token)
	}
	return out.Token
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestHealthzAndHeaders(t *testing.T) {
	ts := MustServe(t)
	resp, body := ts.do(t, "GET", "/healthz", "", "")
	if resp.StatusCode != 200 || body != "ok\n" {
		t.Fatalf("healthz = %d %q", resp.StatusCode, body)
	}
	for _, path := range []string{"/", "/healthz", "/login", "/static/style.css", "/missing", "/api/v1/negotiations"} {
		resp, _ := ts.do(t, "GET", path, "", "")
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: Content-Security-Policy = %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q", path, resp.Header.Get("X-Content-Type-Options"))
		}
	}
}

func TestHealthzWhenStoreIsDown(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"))
	must(t, err)
	srv, err := web.NewServer(store, nil)
	must(t, err)
	store.Close()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("healthz with a closed store = %d, want 503", rec.Code)
	}
}

func TestAPILogin(t *testing.T) {
	ts := MustServe(t)
	resp, body := ts.do(t, "GET", "/api/v1/negotiations", "", "")
	if resp.StatusCode != 401 || !strings.Contains(body, `"error"`) || resp.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("anonymous: %d %s", resp.StatusCode, body)
	}
	for _, bad := range []string{`{"username":"ua","password":"wrong"}`, `{"username":"nobody","password":"demo"}`} {
		if resp, body := ts.do(t, "POST", "/api/v1/sessions", "", bad); resp.StatusCode != 401 {
			t.Fatalf("%s: %d %s", bad, resp.StatusCode, body)
		}
	}
	if resp, _ := ts.do(t, "POST", "/api/v1/sessions", "", `{"user":"ua"}`); resp.StatusCode != 400 {
		t.Fatalf("unknown field: %d", resp.StatusCode)
	}
	if resp, _ := ts.do(t, "POST", "/api/v1/sessions", "", `{"username":"`+strings.Repeat("a", web.MaxBodyBytes)+`"}`); resp.StatusCode != 413 {
		t.Fatalf("huge body: %d, want 413", resp.StatusCode)
	}
	token := ts.login(t, "ua")
	resp, body = ts.do(t, "GET", "/api/v1/negotiations", token, "")
	var list []struct {
		ID    int64
		Title string
		Role  string
	}
	must(t, json.Unmarshal([]byte(body), &list))
	if resp.StatusCode != 200 || len(list) != 1 || list[0].ID != ts.demo.ID || list[0].Title != ts.demo.Title || list[0].Role != parley.RoleDelegate {
		t.Fatalf("negotiations of ua: %d %s", resp.StatusCode, body)
	}
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", "not-a-token", ""); resp.StatusCode != 401 {
		t.Fatalf("bad token: %d", resp.StatusCode)
	}
	if resp, _ := ts.do(t, "DELETE", "/api/v1/sessions", token, ""); resp.StatusCode != 204 {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", token, ""); resp.StatusCode != 401 {
		t.Fatalf("after logout: %d, want 401", resp.StatusCode)
	}
}

// A delegate sees its own party's reservation values and no one else's;
// an observer sees none; the mediator sees only what parties share with
// mediators.
func TestReservationValuesStayWithTheirParty(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	positions, err := ts.store.ListPositions(ctx, parley.PositionFilter{NegotiationID: ts.demo.ID})
	must(t, err)
	// Share one Russian reservation with the mediator, to see it reach the
	// mediator and no one else.
	var shared *parley.Position
	for _, p := range positions {
		if p.PartyID == ts.parties["RU"].ID && p.Reservation != nil {
			shared = p
			break
		}
	}
	shared.ReservationVisibility = parley.VisibilityMediator
	must(t, ts.store.UpdatePosition(ctx, shared))

	for user, party := range map[string]string{"ua": "UA", "ru": "RU", "us": "US", "eu": "E3", "mediator": "", "observer": ""} {
		t.Run(user, func(t *testing.T) {
			resp, body := ts.do(t, "GET", "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/positions", ts.login(t, user), "")
			if resp.StatusCode != 200 {
				t.Fatalf("%d %s", resp.StatusCode, body)
			}
			var got []struct {
				ID          int64
				Party       string
				Issue       string
				Ideal       float64
				Reservation *float64
				Salience    float64
			}
			must(t, json.Unmarshal([]byte(body), &got))
			if len(got) != len(positions) {
				t.Fatalf("%d positions, want %d", len(got), len(positions))
			}
			own := 0
			for _, p := range got {
				if p.Issue == "" || p.Party == "" {
					t.Fatalf("position without issue or party: %+v", p)
				}
				mayShare := user == "mediator" && p.ID == shared.ID
				switch {
				case p.Party == party && p.Reservation == nil:
					t.Errorf("%s cannot see its own reservation on %s", user, p.Issue)
				case p.Party != party && p.Reservation != nil && !mayShare:
					t.Errorf("%s sees %s's reservation on %s", user, p.Party, p.Issue)
				case mayShare && p.Reservation == nil:
					t.Errorf("the mediator cannot see a reservation shared with mediators")
				}
				if p.Party == party {
					own++
				}
			}
			if party != "" && own == 0 {
				t.Fatalf("no positions of %s", party)
			}
		})
	}
}

// TestEveryRouteIsAuthorized walks the whole route table: every route is
// tried anonymously, by a member, and by a member of the demo against the
// other negotiation's objects (IDOR); a route not in the table of
// expectations fails the test.
func TestEveryRouteIsAuthorized(t *testing.T) {
	ts := MustServe(t)
	ts.recordPlan(t) // so that the proof route has something to prove
	// So that recording and endorsing work.
	ts.srv.KeyPassphrase = []byte(testPassphrase)
	delegate, mediator := ts.login(t, "ua"), ts.login(t, "mediator")
	uaPosition := ts.position(t, "UA")
	uaStance, freePoint := ts.stanceOf(t, "UA")
	rounds := ts.rounds(t)
	observer, err := ts.store.FindUserByUsername(context.Background(), "observer")
	must(t, err)
	must(t, ts.store.CreateUser(context.Background(), &parley.User{Username: "newcomer"}))
	sources, err := ts.store.ListSources(context.Background(), ts.demo.ID)
	must(t, err)
	fill := func(pattern string, negotiation, version, newVersion, event int64) (string, string) {
		method, path, _ := strings.Cut(pattern, " ")
		path = strings.ReplaceAll(path, "{user}", itoa(observer.ID))
		path = strings.ReplaceAll(path, "{source}", itoa(sources[0].ID))
		round := rounds.open
		if negotiation != ts.demo.ID {
			round = rounds.other
		}
		path = strings.ReplaceAll(path, "{round}", itoa(round))
		path = strings.ReplaceAll(path, "{event}", itoa(event))
		path = strings.ReplaceAll(path, "{position}", itoa(uaPosition.ID))
		path = strings.ReplaceAll(path, "{stance}", itoa(uaStance.ID))
		path = strings.ReplaceAll(path, "{$}", "")
		path = strings.ReplaceAll(path, "{id}", itoa(negotiation))
		path = strings.ReplaceAll(path, "{version}", itoa(version))
		path = strings.ReplaceAll(path, "{new}", itoa(newVersion))
		path = strings.ReplaceAll(path, "{format}", "json")
		return method, path
	}
	// A body each API route accepts from a caller it admits.
	bodies := map[string]string{
		"POST /api/v1/sessions":                                        `{"username":"ua","password":"demo"}`,
		"POST /api/v1/password":                                        `{"current":"demo","new":"tundra kettle orbit"}`,
		"POST /api/v1/alignments/{version}/{new}/corrections":          `{"action":"relink","old":[["6"]],"new":[["6"]],"kind":"reworded","note":"test"}`,
		"POST /api/v1/versions/{version}/topics":                       `{"path":["6"],"action":"correct","topics":["security"],"note":"route walk"}`,
		"PUT /api/v1/negotiations/{id}/positions/{position}":           positionBody(uaPosition, uaPosition.Ideal, uaPosition.Revision),
		"POST /api/v1/negotiations/{id}/issues":                        `{"name":"Route walk issue","scale":"numeric","min":0,"max":10}`,
		"POST /api/v1/negotiations/{id}/events":                        `{"kind":"meeting","title":"Route walk meeting","date":"2025-12-01"}`,
		"PUT /api/v1/negotiations/{id}/synonyms":                       `{"groups":[{"key":"route-walk","terms":["route walk topic"]}]}`,
		"POST /api/v1/negotiations/{id}/events/{event}/understandings": `{"date":"2025-12-01","claims":[{"topic":"route-walk","text":"Something was agreed.","agreed":true}]}`,
		"POST /api/v1/negotiations/{id}/rounds":                        fmt.Sprintf(`{"issue_id":%d}`, rounds.freeIssue),
		"POST /api/v1/negotiations/{id}/rounds/{round}/submission":     `{}`,
		"POST /api/v1/negotiations/{id}/rounds/{round}/close":          `{}`,
		"POST /api/v1/negotiations/{id}/stances":                       fmt.Sprintf(`{"point_id":%d,"value":"accept-with-changes","date":"2025-12-01"}`, freePoint),
		"PUT /api/v1/negotiations/{id}/stances/{stance}":               fmt.Sprintf(`{"value":"reject","date":"2025-12-01","revision":%d}`, uaStance.Revision),
		"POST /api/v1/negotiations/{id}/record":                        fmt.Sprintf(`{"version_id":%d}`, ts.counter.ID),
		"POST /api/v1/negotiations/{id}/record/{version}/endorsements": `{"party":"UA"}`,
		"POST /api/v1/negotiations/{id}/versions":                      `{"label":"Route walk","date":"2025-12","text":"1. A route walk point.\n2. Another point.\n"}`,
		"POST /api/v1/negotiations/{id}/sources":                       `{"title":"Route walk source","kind":"press","reliability":"C","credibility":3}`,
		"POST /api/v1/negotiations/{id}/sources/{source}/grades":       fmt.Sprintf(`{"reliability":"B","credibility":3,"revision":%d}`, sources[0].Revision),
		"POST /api/v1/negotiations/{id}/members":                       `{"username":"newcomer","role":"observer"}`,
		"PUT /api/v1/negotiations/{id}/members/{user}":                 `{"role":"observer"}`,
		"POST /api/v1/negotiations/{id}/positions":                     fmt.Sprintf(`{"issue_id":%d,"date":"2025-12-01","ideal":%g,"salience":50,"capability":50}`, uaPosition.IssueID, uaPosition.Ideal),
	}
	for _, rt := range web.Routes() {
		t.Run(rt.Pattern, func(t *testing.T) {
			method, path := fill(rt.Pattern, ts.demo.ID, ts.plan.ID, ts.counter.ID, ts.alaska.ID)
			body := bodies[rt.Pattern]
			if (method == "POST" || method == "PUT") && strings.HasPrefix(path, "/api/") && body == "" {
				t.Fatalf("no test body for %s", rt.Pattern)
			}
			anon, anonBody := ts.do(t, method, path, "", body)
			api := strings.HasPrefix(path, "/api/")
			switch rt.Rule {
			case "anyone":
				// Open: it may refuse bad credentials, never ask to log in.
				if strings.Contains(anonBody, "log in first") || anon.StatusCode == http.StatusSeeOther && strings.HasPrefix(anon.Header.Get("Location"), "/login") || anon.StatusCode == 403 {
					t.Fatalf("anonymous %s %s = %d %s, want it open", method, path, anon.StatusCode, anonBody)
				}
				return
			case "signedIn", "member", "mediating", "owning":
				if (api && anon.StatusCode != 401) || (!api && anon.StatusCode != http.StatusSeeOther) {
					t.Fatalf("anonymous %s %s = %d, want 401 or a redirect to log in", method, path, anon.StatusCode)
				}
			default:
				t.Fatalf("route %s has no rule the test knows", rt.Pattern)
			}
			if rt.Rule == "signedIn" || !api && method != "GET" {
				return
			}
			allowed := delegate
			if rt.Rule == "owning" {
				// No demo account owns the demo; members who are not owners are refused.
				if resp, body := ts.do(t, method, path, mediator, body); resp.StatusCode != 403 {
					t.Fatalf("mediator %s %s = %d %s, want 403", method, path, resp.StatusCode, body)
				}
				allowed = ts.owner(t)
			}
			if rt.Rule == "mediating" {
				if resp, body := ts.do(t, method, path, delegate, body); resp.StatusCode != 403 {
					t.Fatalf("delegate %s %s = %d %s, want 403", method, path, resp.StatusCode, body)
				}
				allowed = mediator
			}
			resp, respBody := ts.do(t, method, path, allowed, body)
			if resp.StatusCode != 200 && resp.StatusCode != 201 {
				t.Fatalf("allowed %s %s = %d %s", method, path, resp.StatusCode, respBody)
			}
			// IDOR: the same route with the other negotiation's ids.
			_, otherPath := fill(rt.Pattern, ts.other.ID, ts.otherV.ID, ts.otherV.ID, ts.otherE.ID)
			if resp, body := ts.do(t, method, otherPath, allowed, bodies[rt.Pattern]); resp.StatusCode != 404 || strings.Contains(body, "Secret") {
				t.Fatalf("non-member %s %s = %d %s, want 404 and nothing of it", method, otherPath, resp.StatusCode, body)
			}
			// And mixing: a version of this negotiation with one of the other.
			if strings.Contains(rt.Pattern, "{new}") {
				_, mixed := fill(rt.Pattern, ts.demo.ID, ts.plan.ID, ts.otherV.ID, ts.alaska.ID)
				if resp, body := ts.do(t, method, mixed, allowed, bodies[rt.Pattern]); resp.StatusCode != 404 || strings.Contains(body, "Secret") {
					t.Fatalf("mixed %s %s = %d %s, want 404", method, mixed, resp.StatusCode, body)
				}
			}
			// And an event of the other negotiation under this one.
			if strings.Contains(rt.Pattern, "{event}") {
				_, mixed := fill(rt.Pattern, ts.demo.ID, ts.plan.ID, ts.counter.ID, ts.otherE.ID)
				if resp, body := ts.do(t, method, mixed, allowed, bodies[rt.Pattern]); resp.StatusCode != 404 || strings.Contains(body, "Secret") {
					t.Fatalf("mixed %s %s = %d %s, want 404", method, mixed, resp.StatusCode, body)
				}
			}
		})
	}
}

func TestLoginRateLimit(t *testing.T) {
	ts := MustServe(t)
	now := time.Date(2025, 11, 28, 12, 0, 0, 0, time.UTC)
	ts.srv.Now = func() time.Time { return now }
	for range 5 {
		if resp, _ := ts.do(t, "POST", "/api/v1/sessions", "", `{"username":"ru","password":"guess"}`); resp.StatusCode != 401 {
			t.Fatalf("wrong password: %d", resp.StatusCode)
		}
	}
	resp, body := ts.do(t, "POST", "/api/v1/sessions", "", `{"username":"ru","password":"demo"}`)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("after five failures: %d %s, want 429 with Retry-After", resp.StatusCode, body)
	}
	now = now.Add(2 * time.Second) // the wait is over: no permanent lock-out
	if resp, body := ts.do(t, "POST", "/api/v1/sessions", "", `{"username":"ru","password":"demo"}`); resp.StatusCode != 201 {
		t.Fatalf("after the wait: %d %s", resp.StatusCode, body)
	}
}

func TestLoginPagesAndCookie(t *testing.T) {
	ts := MustServe(t)
	jar, _ := cookiejar.New(nil)
	client := *ts.client
	client.Jar = jar

	resp, err := client.Get(ts.url + "/versions/" + itoa(ts.plan.ID))
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Fatalf("anonymous page: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// A cross-site form post is refused before it is read.
	req, _ := http.NewRequest("POST", ts.url+"/login", strings.NewReader(url.Values{"username": {"ua"}, "password": {"demo"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err = client.Do(req)
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site login = %d, want 403", resp.StatusCode)
	}
	resp, err = client.PostForm(ts.url+"/login", url.Values{"username": {"ua"}, "password": {"demo"}, "next": {"/versions/" + itoa(ts.plan.ID)}})
	must(t, err)
	resp.Body.Close()
	cookie := resp.Header.Get("Set-Cookie")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(cookie, web.CookieName+"=") ||
		!strings.Contains(cookie, "Secure") || !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") {
		t.Fatalf("login: %d, cookie %q", resp.StatusCode, cookie)
	}
	resp, err = client.Get(ts.url + resp.Header.Get("Location"))
	must(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "600,000") || !strings.Contains(string(page), `id="p-10/a"`) {
		t.Fatalf("version page after login: %d\n%.400s", resp.StatusCode, page)
	}
	resp, err = client.Get(ts.url + "/")
	must(t, err)
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), ts.demo.Title) || strings.Contains(string(page), ts.other.Title) {
		t.Fatalf("home page lists the wrong negotiations:\n%.600s", page)
	}
	resp, err = client.Post(ts.url+"/logout", "application/x-www-form-urlencoded", nil)
	must(t, err)
	resp.Body.Close()
	resp, err = client.Get(ts.url + "/")
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after logout: %d, want a redirect to log in", resp.StatusCode)
	}
}

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("correct horse")
	must(t, err)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash = %q", h)
	}
	if !auth.CheckPassword(h, "correct horse") || auth.CheckPassword(h, "correct horse!") || auth.CheckPassword("$argon2id$garbage", "x") {
		t.Fatal("CheckPassword is wrong")
	}
	h2, _ := auth.HashPassword("correct horse")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: no salt")
	}
}

// position returns the first position of a party in the demo.
func (t *testServer) position(tb testing.TB, party string) *parley.Position {
	tb.Helper()
	list, err := t.store.ListPositions(context.Background(), parley.PositionFilter{NegotiationID: t.demo.ID, PartyID: t.parties[party].ID})
	must(tb, err)
	return list[0]
}

func positionBody(p *parley.Position, ideal float64, revision int64) string {
	b, _ := json.Marshal(map[string]any{"date": p.Date, "ideal": ideal, "reservation": p.Reservation, "salience": p.Salience,
		"capability": p.Capability, "note": "updated", "revision": revision})
	return string(b)
}

func TestUpdatePosition(t *testing.T) {
	ts := MustServe(t)
	ua, ru, mediator := ts.login(t, "ua"), ts.login(t, "ru"), ts.login(t, "mediator")
	p := ts.position(t, "UA")
	path := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/positions/" + itoa(p.ID)
	for _, who := range []string{ru, mediator} {
		if resp, body := ts.do(t, "PUT", path, who, positionBody(p, p.Ideal, p.Revision)); resp.StatusCode != 403 {
			t.Fatalf("another party's position: %d %s, want 403", resp.StatusCode, body)
		}
	}
	req := func(body, ifMatch string) (*http.Response, string) {
		r, _ := http.NewRequest("PUT", ts.url+path, strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+ua)
		if ifMatch != "" {
			r.Header.Set("If-Match", ifMatch)
		}
		resp, err := ts.client.Do(r)
		must(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := req(positionBody(p, p.Ideal+1, p.Revision), `"`+itoa(p.Revision)+`"`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"`+itoa(p.Revision+1)+`"` {
		t.Fatalf("update: %d %s (ETag %s)", resp.StatusCode, body, resp.Header.Get("ETag"))
	}
	if resp, body := req(positionBody(p, p.Ideal+2, p.Revision+1), `"`+itoa(p.Revision)+`"`); resp.StatusCode != 412 {
		t.Fatalf("stale If-Match: %d %s, want 412", resp.StatusCode, body)
	}
	if resp, body := req(positionBody(p, p.Ideal+2, p.Revision), ""); resp.StatusCode != 409 {
		t.Fatalf("stale revision: %d %s, want 409", resp.StatusCode, body)
	}
	if resp, body := req(positionBody(p, -5, p.Revision+1), ""); resp.StatusCode != 400 || !strings.Contains(body, "off the scale") {
		t.Fatalf("off the scale: %d %s, want 400", resp.StatusCode, body)
	}
	log, err := ts.store.ListAudit(context.Background(), ts.demo.ID)
	must(t, err)
	last := log[len(log)-1]
	if last.Object != "position" || last.Action != "update" || last.UserID == 0 {
		t.Fatalf("audit: %+v", last)
	}
}

// owner makes an owner of the demo negotiation and returns its token.
func (t *testServer) owner(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	u, err := t.store.FindUserByUsername(ctx, "owner")
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		u = &parley.User{Username: "owner", PasswordHash: demoHash}
		must(tb, t.store.CreateUser(ctx, u))
		must(tb, t.store.SetMember(ctx, &parley.Member{NegotiationID: t.demo.ID, UserID: u.ID, Role: parley.RoleOwner}))
	}
	return t.login(tb, "owner")
}

// A browser session ends after twelve idle hours and after seven days in
// all; an API token lasts ninety days whatever its use.
func TestSessionTimeouts(t *testing.T) {
	ts := MustServe(t)
	now := time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)
	ts.srv.Now = func() time.Time { return now }
	ctx := context.Background()
	u, err := ts.store.FindUserByUsername(ctx, "ua")
	must(t, err)
	cookie, _, err := auth.StartSession(ctx, ts.store, u.ID, parley.SessionCookie, "", now)
	must(t, err)
	api, _, err := auth.StartSession(ctx, ts.store, u.ID, parley.SessionAPI, "script", now)
	must(t, err)
	page := func(token string) int {
		req, _ := http.NewRequest("GET", ts.url+"/", nil)
		req.AddCookie(&http.Cookie{Name: web.CookieName, Value: token})
		resp, err := ts.client.Do(req)
		must(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := page(cookie); code != 200 {
		t.Fatalf("fresh session: %d", code)
	}
	now = now.Add(11 * time.Hour)
	if code := page(cookie); code != 200 {
		t.Fatalf("after 11 idle hours: %d", code)
	}
	now = now.Add(13 * time.Hour)
	if code := page(cookie); code != http.StatusSeeOther {
		t.Fatalf("after 13 idle hours: %d, want the session gone", code)
	}
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", api, ""); resp.StatusCode != 200 {
		t.Fatalf("API token after a day: %d", resp.StatusCode)
	}
	now = now.Add(91 * 24 * time.Hour)
	if resp, _ := ts.do(t, "GET", "/api/v1/negotiations", api, ""); resp.StatusCode != 401 {
		t.Fatalf("API token after 91 days: %d, want 401", resp.StatusCode)
	}
}
