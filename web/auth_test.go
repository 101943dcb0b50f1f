package web_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"parley/auth"
)

// apiLoginFrom posts a login to the API as if from addr, straight to the
// handler (no network): the limiter keys on the client's address.
func (t *testServer) apiLoginFrom(tb testing.TB, addr, username, password string) *httptest.ResponseRecorder {
	tb.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	req := httptest.NewRequest("POST", "https://parley.test/api/v1/sessions", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr + ":40000"
	rec := httptest.NewRecorder()
	t.srv.ServeHTTP(rec, req)
	return rec
}

// One account is one account to the limiter, however its name is spelled:
// spaces, tabs, no-break and zero-width spaces around it and capitals get
// no fresh guesses.
func TestLoginLimiterNormalisesUsername(t *testing.T) {
	ts := MustServe(t)
	now := time.Date(2025, 11, 28, 12, 0, 0, 0, time.UTC)
	ts.srv.Now = func() time.Time { return now }
	for range 5 {
		if rec := ts.apiLoginFrom(t, "192.0.2.7", "ru", "wrong guess"); rec.Code != 401 {
			t.Fatalf("wrong password: %d %s", rec.Code, rec.Body)
		}
	}
	for _, spelling := range []string{"ru", " ru", "ru ", "\tru", "RU\u00a0", "\u200bru", "Ru\u2003", "\ufeffru\r\n"} {
		if rec := ts.apiLoginFrom(t, "192.0.2.7", spelling, "demo"); rec.Code != 429 {
			t.Errorf("login as %q after five failures on \"ru\": %d %s, want 429", spelling, rec.Code, rec.Body)
		}
	}
}

// next after login stays on this site: anything that a browser could read
// as another host, a scheme or a path with control characters goes to /.
func TestLoginNextStaysOnSite(t *testing.T) {
	ts := MustServe(t)
	cases := []struct{ next, want string }{
		{"/versions/1", "/versions/1"},
		{"/negotiations/1?tab=stances#p-2", "/negotiations/1?tab=stances#p-2"},
		{"", "/"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"\\\\evil.example", "/"},
		{"/\t/evil.example", "/"},
		{"/%09/evil.example", "/"},
		{"/\n/evil.example", "/"},
		{"/\r\n/evil.example", "/"},
		{"/ /evil.example", "/"},
		{"/\u00a0/evil.example", "/"},
		{"/\x00/evil.example", "/"},
		{"https://evil.example", "/"},
		{"http:/evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"/%2F%2Fevil.example", "/"},
		{"/%2f/evil.example", "/"},
		{"/%5Cevil.example", "/"},
		{"/%252F%252Fevil.example", "/"},
		{"evil.example", "/"},
		{"/\u200b/evil.example", "/"},
	}
	for _, c := range cases {
		form := url.Values{"username": {"ua"}, "password": {"demo"}, "next": {c.next}}
		req := httptest.NewRequest("POST", "https://parley.test/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		ts.srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != c.want {
			t.Errorf("next=%q: %d to %q, want %q", c.next, rec.Code, rec.Header().Get("Location"), c.want)
		}
	}
}

// cheapCheck stands in for the password hash where a test makes many
// wrong guesses: a wrong password fails at once, the right one is checked
// for real. It counts its calls.
func cheapCheck(calls *int) func(hash, password string) bool {
	return func(hash, password string) bool {
		*calls++
		return password == "demo" && auth.CheckPassword(hash, password)
	}
}

// An attacker guessing from one address slows down only that address: the
// account's owner, from another, logs in at once.
func TestLoginLimiterDoesNotLockOutTheOwner(t *testing.T) {
	ts := MustServe(t)
	now := time.Date(2025, 11, 28, 12, 0, 0, 0, time.UTC)
	ts.srv.Now = func() time.Time { return now }
	var calls int
	ts.srv.VerifyPassword = cheapCheck(&calls)
	for i := range 40 {
		if rec := ts.apiLoginFrom(t, "198.51.100.9", "ru", "guess"); rec.Code != 401 {
			t.Fatalf("guess %d: %d %s, want 401", i+1, rec.Code, rec.Body)
		}
		now = now.Add(20 * time.Minute) // the attacker waits out every back-off
	}
	if rec := ts.apiLoginFrom(t, "198.51.100.9", "ru", "guess"); rec.Code != 401 {
		t.Fatalf("the last guess: %d, want 401", rec.Code)
	}
	if rec := ts.apiLoginFrom(t, "198.51.100.9", "ru", "guess"); rec.Code != 429 {
		t.Fatalf("the attacker's next guess at once: %d, want 429", rec.Code)
	}
	if rec := ts.apiLoginFrom(t, "203.0.113.5", "ru", "demo"); rec.Code != 201 {
		t.Fatalf("the owner from another address: %d %s, want 201", rec.Code, rec.Body)
	}
	// Other accounts from the attacker's address are limited too (one
	// password tried on many accounts).
	if rec := ts.apiLoginFrom(t, "198.51.100.9", "ua", "guess"); rec.Code != 429 {
		t.Fatalf("another account from the guessing address: %d, want 429", rec.Code)
	}
}

// Guesses spread over many addresses reach the account-wide ceiling, which
// only slows: spelling the name differently gets no fresh guesses, and the
// owner still logs in at once from an address known to the account.
func TestLoginLimiterAccountCeiling(t *testing.T) {
	ts := MustServe(t)
	now := time.Date(2025, 11, 28, 12, 0, 0, 0, time.UTC)
	ts.srv.Now = func() time.Time { return now }
	var calls int
	ts.srv.VerifyPassword = cheapCheck(&calls)
	ts.srv.LoginLimits.Account.Free = 10
	if rec := ts.apiLoginFrom(t, "192.0.2.1", "ru", "demo"); rec.Code != 201 {
		t.Fatalf("the owner's first login: %d %s", rec.Code, rec.Body)
	}
	for i := range 10 {
		if rec := ts.apiLoginFrom(t, fmt.Sprintf("198.51.100.%d", i+10), "ru", "guess"); rec.Code != 401 {
			t.Fatalf("guess %d: %d %s, want 401", i+1, rec.Code, rec.Body)
		}
	}
	for i, spelling := range []string{"ru", " ru", "ru ", "\tru", "RU\u00a0", "\u200bru"} {
		if rec := ts.apiLoginFrom(t, fmt.Sprintf("198.51.100.%d", 100+i), spelling, "guess"); rec.Code != 429 {
			t.Errorf("guess as %q from a fresh address past the ceiling: %d, want 429", spelling, rec.Code)
		}
	}
	if rec := ts.apiLoginFrom(t, "192.0.2.1", "RU ", "demo"); rec.Code != 201 {
		t.Fatalf("the owner from their known address: %d %s, want 201", rec.Code, rec.Body)
	}
	rec := ts.apiLoginFrom(t, "203.0.113.77", "ru", "demo")
	if rec.Code != 429 {
		t.Fatalf("the owner from a new address past the ceiling: %d, want 429", rec.Code)
	}
	if wait, _ := strconv.Atoi(rec.Header().Get("Retry-After")); wait < 1 || wait > 60 {
		t.Fatalf("Retry-After = %q, want at most a minute: the ceiling only slows", rec.Header().Get("Retry-After"))
	}
	now = now.Add(time.Minute)
	if rec := ts.apiLoginFrom(t, "203.0.113.77", "ru", "demo"); rec.Code != 201 {
		t.Fatalf("the owner from a new address after a minute: %d %s", rec.Code, rec.Body)
	}
}

// A login as an unknown user checks a password hash all the same, so that
// it takes as long as a wrong password and timing does not reveal which
// usernames exist.
func TestLoginUnknownUserHashesAnyway(t *testing.T) {
	ts := MustServe(t)
	fresh, err := auth.HashPassword("anything at all")
	must(t, err)
	params := fresh[:strings.LastIndex(fresh[:strings.LastIndex(fresh, "$")], "$")+1] // "$argon2id$v=..$m=..,t=..,p=..$"
	for _, c := range []struct {
		username string
		want     int
	}{{"nobody", 1}, {"ru", 1}, {"", 1}} {
		calls := 0
		ts.srv.VerifyPassword = func(hash, password string) bool {
			calls++
			if !strings.HasPrefix(hash, params) {
				t.Errorf("login as %q checked against %q, not a hash with the parameters of HashPassword", c.username, hash)
			}
			return auth.CheckPassword(hash, password)
		}
		rec := ts.apiLoginFrom(t, "192.0.2.44", c.username, "wrong password")
		if rec.Code != 401 || calls != c.want {
			t.Errorf("login as %q: %d, %d hash checks, want 401 and %d", c.username, rec.Code, calls, c.want)
		}
	}
}

// Over plain HTTP to a host that is not this machine the browser drops the
// Secure cookie: the login page says so, and the form says so rather than
// sending the user back to log in for ever. HTTPS, a trusted proxy's
// X-Forwarded-Proto, and localhost all work.
func TestLoginOverPlainHTTPSaysWhy(t *testing.T) {
	ts := MustServe(t)
	cases := []struct {
		name, url, proto string
		trust, works     bool
	}{
		{"plain HTTP on a public name", "http://parley.example.org/login", "", false, false},
		{"plain HTTP on a LAN address", "http://192.168.1.20:8080/login", "", false, false},
		{"forwarded header from an untrusted peer", "http://parley.example.org/login", "https", false, false},
		{"trusted proxy, but over HTTP", "http://parley.example.org/login", "http", true, false},
		{"trusted proxy over HTTPS", "http://parley.example.org/login", "https", true, true},
		{"HTTPS", "https://parley.example.org/login", "", false, true},
		{"localhost", "http://localhost:8080/login", "", false, true},
		{"127.0.0.1", "http://127.0.0.1:8080/login", "", false, true},
		{"[::1]", "http://[::1]:8080/login", "", false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts.srv.TrustProxy = c.trust
			req := httptest.NewRequest("GET", c.url, nil)
			if c.proto != "" {
				req.Header.Set("X-Forwarded-Proto", c.proto)
			}
			rec := httptest.NewRecorder()
			ts.srv.ServeHTTP(rec, req)
			if warned := strings.Contains(rec.Body.String(), `id="insecure"`); rec.Code != 200 || warned == c.works {
				t.Fatalf("login page: %d, warning shown %v, want %v", rec.Code, warned, !c.works)
			}
			form := url.Values{"username": {"ua"}, "password": {"demo"}, "next": {"/"}}
			req = httptest.NewRequest("POST", c.url, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if c.proto != "" {
				req.Header.Set("X-Forwarded-Proto", c.proto)
			}
			rec = httptest.NewRecorder()
			ts.srv.ServeHTTP(rec, req)
			if c.works && (rec.Code != http.StatusSeeOther || rec.Header().Get("Set-Cookie") == "") {
				t.Fatalf("login: %d, cookie %q, want a redirect with the cookie", rec.Code, rec.Header().Get("Set-Cookie"))
			}
			if !c.works && (rec.Code == http.StatusSeeOther || !strings.Contains(rec.Body.String(), "plain HTTP")) {
				t.Fatalf("login: %d, want a page that says why it cannot work\n%.500s", rec.Code, rec.Body)
			}
		})
	}
}

// A failed login is logged, with the name and address and never the
// password.
func TestFailedLoginIsLogged(t *testing.T) {
	ts := MustServe(t)
	var log strings.Builder
	ts.srv.Logger = slog.New(slog.NewTextHandler(&log, nil))
	ts.apiLoginFrom(t, "192.0.2.5", "RU ", "hunter2 is my secret")
	ts.apiLoginFrom(t, "192.0.2.5", "nobody", "another secret")
	out := log.String()
	if !strings.Contains(out, "login failed") || !strings.Contains(out, "username=ru") || !strings.Contains(out, "addr=192.0.2.5") ||
		!strings.Contains(out, "reason=\"wrong password\"") || !strings.Contains(out, "reason=\"unknown user\"") {
		t.Fatalf("log:\n%s", out)
	}
	if strings.Contains(out, "secret") || strings.Contains(out, "hunter2") {
		t.Fatalf("the log holds a password:\n%s", out)
	}
}

// Every operation of the OpenAPI document has an operationId, each its own.
func TestOpenAPIOperationIDs(t *testing.T) {
	ts := MustServe(t)
	_, body := ts.do(t, "GET", "/api/v1/openapi.json", "", "")
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string         `json:"operationId"`
			Responses   map[string]any `json:"responses"`
		}
	}
	must(t, json.Unmarshal([]byte(body), &doc))
	seen := map[string]string{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			where := method + " " + path
			if op.OperationID == "" {
				t.Errorf("%s has no operationId", where)
			}
			if other, ok := seen[op.OperationID]; ok {
				t.Errorf("%s and %s share the operationId %q", where, other, op.OperationID)
			}
			seen[op.OperationID] = where
		}
	}
	for where, want := range map[string]string{"post /api/v1/password": "200", "delete /api/v1/negotiations/{id}/members/{user}/sessions": "200", "get /api/v1/negotiations/{id}/audit": "200"} {
		method, path, _ := strings.Cut(where, " ")
		op, ok := doc.Paths[path][method]
		if !ok || op.Responses[want] == nil || seen["changePassword"] == "" {
			t.Errorf("%s: %+v, want a %s answer documented", where, op, want)
		}
	}
}
