package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"parley"
	"parley/demo"
	"parley/sqlite"
	"parley/web"
)

// MustServe starts the server on the demo case and returns its URL and store.
func MustServe(tb testing.TB) (string, parley.Store) {
	tb.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "parley.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	if _, _, err := demo.Load(ctx, store); err != nil {
		tb.Fatal(err)
	}
	srv, err := web.NewServer(store, nil)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	return ts.URL, store
}

func get(tb testing.TB, url string) (*http.Response, string) {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, string(body)
}

func TestPages(t *testing.T) {
	url, store := MustServe(t)
	ctx := context.Background()
	negotiations, err := store.ListNegotiations(ctx)
	if err != nil || len(negotiations) != 1 {
		t.Fatalf("negotiations: %v, %v", negotiations, err)
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: negotiations[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	var plan *parley.Version
	for _, v := range versions {
		if strings.HasPrefix(v.Label, "28-point") {
			plan = v
		}
	}
	if plan == nil {
		t.Fatal("demo has no 28-point plan")
	}

	resp, body := get(t, url+"/healthz")
	if resp.StatusCode != 200 || body != "ok\n" {
		t.Fatalf("healthz = %d %q", resp.StatusCode, body)
	}
	resp, body = get(t, url+"/")
	if resp.StatusCode != 200 || !strings.Contains(body, negotiations[0].Title) || !strings.Contains(body, "/versions/") {
		t.Fatalf("home = %d:\n%s", resp.StatusCode, body)
	}
	for _, v := range versions {
		if !strings.Contains(body, v.Label) {
			t.Errorf("home page lacks version %q", v.Label)
		}
	}
	resp, body = get(t, url+"/versions/"+itoa(plan.ID))
	if resp.StatusCode != 200 || !strings.Contains(body, "600,000") || !strings.Contains(body, `id="p-10/a"`) {
		t.Fatalf("version page = %d:\n%s", resp.StatusCode, body)
	}
	for _, path := range []string{"/versions/99999", "/versions/abc", "/nowhere"} {
		resp, _ = get(t, url+path)
		if resp.StatusCode != 404 {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	url, _ := MustServe(t)
	for _, path := range []string{"/", "/healthz", "/versions/1", "/static/style.css", "/missing"} {
		resp, _ := get(t, url+path)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: Content-Security-Policy = %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q", path, h.Get("X-Content-Type-Options"))
		}
	}
}

func TestHealthzWhenStoreIsDown(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.NewServer(store, nil)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("healthz with a closed store = %d, want 503", rec.Code)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
