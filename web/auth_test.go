package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
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
	_ = context.Background
}
