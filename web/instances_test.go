package web_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley"
	"parley/demo"
	"parley/postgres"
	"parley/sqlite"
	"parley/web"
)

// twoStores opens one database twice, as two servers would: a SQLite file,
// or a fresh PostgreSQL database when PARLEY_TEST_POSTGRES names a server.
func twoStores(tb testing.TB, kind string) (parley.Store, parley.Store) {
	tb.Helper()
	ctx := context.Background()
	open := func(string) (parley.Store, error) { return nil, nil }
	target := ""
	switch kind {
	case "sqlite":
		target = filepath.Join(tb.TempDir(), "shared.db")
		open = func(t string) (parley.Store, error) { return sqlite.Open(ctx, t) }
	case "postgres":
		base := os.Getenv("PARLEY_TEST_POSTGRES")
		if base == "" {
			if os.Getenv("CI") == "true" {
				tb.Fatal("CI=true but PARLEY_TEST_POSTGRES is not set")
			}
			tb.Skip("PARLEY_TEST_POSTGRES not set")
		}
		admin, err := sql.Open("pgx", base)
		must(tb, err)
		tb.Cleanup(func() { admin.Close() })
		var b [6]byte
		rand.Read(b[:])
		name := "parley_web_" + hex.EncodeToString(b[:])
		_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name)
		must(tb, err)
		tb.Cleanup(func() { admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
		u, err := url.Parse(base)
		must(tb, err)
		u.Path = "/" + name
		target = u.String()
		open = func(t string) (parley.Store, error) { return postgres.Open(ctx, t) }
	}
	a, err := open(target)
	must(tb, err)
	tb.Cleanup(func() { a.Close() })
	b, err := open(target)
	must(tb, err)
	tb.Cleanup(func() { b.Close() })
	return a, b
}

// Two servers on one database, as behind a load balancer: a login on one
// works on the other, and a change made through one shows through the other.
func TestTwoServersShareOneDatabase(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			storeA, storeB := twoStores(t, kind)
			n, _, err := demo.Load(ctx, storeA)
			must(t, err)
			must(t, demo.EnsureAccounts(ctx, storeA, n, demoHash))
			var urls [2]string
			var client *http.Client
			for k, store := range []parley.Store{storeA, storeB} {
				srv, err := web.NewServer(store, nil)
				must(t, err)
				ts := httptest.NewTLSServer(srv)
				t.Cleanup(ts.Close)
				urls[k], client = ts.URL, ts.Client()
			}
			call := func(base, method, path, token, body string) (int, string) {
				req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				resp, err := client.Do(req)
				must(t, err)
				defer resp.Body.Close()
				b, err := io.ReadAll(resp.Body)
				must(t, err)
				return resp.StatusCode, string(b)
			}
			code, body := call(urls[0], "POST", "/api/v1/sessions", "", `{"username":"mediator","password":"demo"}`)
			if code != 201 {
				t.Fatalf("login on A: %d %s", code, body)
			}
			var login struct{ Token string }
			must(t, json.Unmarshal([]byte(body), &login))

			versions, err := storeA.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
			must(t, err)
			var plan, counter int64
			for _, v := range versions {
				switch {
				case strings.HasPrefix(v.Label, "28-point"):
					plan = v.ID
				case strings.HasPrefix(v.Label, "European"):
					counter = v.ID
				}
			}
			path := "/api/v1/alignments/" + itoa(plan) + "/" + itoa(counter)
			code, body = call(urls[1], "POST", path+"/corrections", login.Token, `{"action":"relink","old":[["6"]],"new":[["7"]],"kind":"moved","note":"on B"}`)
			if code != 201 {
				t.Fatalf("correction on B with A's token: %d %s", code, body)
			}
			code, body = call(urls[0], "GET", path, login.Token, "")
			if code != 200 || !strings.Contains(body, `{"old":[["6"]],"new":[["7"]],"kind":"moved"`) || !strings.Contains(body, `"fixed":true`) {
				t.Fatalf("alignment on A after the correction on B: %d %.300s", code, body)
			}
			if code, _ := call(urls[1], "DELETE", "/api/v1/sessions", login.Token, ""); code != 204 {
				t.Fatalf("logout on B: %d", code)
			}
			if code, _ := call(urls[0], "GET", "/api/v1/negotiations", login.Token, ""); code != 401 {
				t.Fatalf("A after logout on B: %d, want 401", code)
			}
		})
	}
}

// Two servers on one database enforce one login limit: guesses spread over
// them are counted together.
func TestTwoServersShareTheLoginLimit(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			storeA, storeB := twoStores(t, kind)
			n, _, err := demo.Load(ctx, storeA)
			must(t, err)
			must(t, demo.EnsureAccounts(ctx, storeA, n, demoHash))
			var servers [2]*web.Server
			for k, store := range []parley.Store{storeA, storeB} {
				srv, err := web.NewServer(store, nil)
				must(t, err)
				servers[k] = srv
			}
			login := func(srv *web.Server, password string) int {
				req := httptest.NewRequest("POST", "https://parley.test/api/v1/sessions", strings.NewReader(`{"username":"ru","password":"`+password+`"}`))
				req.RemoteAddr = "192.0.2.9:5000"
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				return rec.Code
			}
			for i := range 5 {
				if code := login(servers[i%2], "guess"); code != 401 {
					t.Fatalf("guess %d: %d, want 401", i+1, code)
				}
			}
			for k := range servers {
				if code := login(servers[k], "demo"); code != 429 {
					t.Fatalf("server %c after five guesses spread over both: %d, want 429", 'A'+k, code)
				}
			}
		})
	}
}
