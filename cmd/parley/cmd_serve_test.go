package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"parley/demo"
	"parley/sqlite"
	"parley/web"
)

// A database that once served the demo keeps its demo accounts; serving it
// for real warns about them until their passwords change.
func TestServeWarnsAboutDemoAccounts(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var stderr bytes.Buffer
	e := &env{stdout: &bytes.Buffer{}, stderr: &stderr}
	warnDemoAccounts(ctx, e, store)
	if stderr.Len() != 0 {
		t.Fatalf("warning without demo accounts: %s", stderr.String())
	}
	n, _, err := demo.Load(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := web.HashPassword(demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.EnsureAccounts(ctx, store, n, hash); err != nil {
		t.Fatal(err)
	}
	warnDemoAccounts(ctx, e, store)
	if !strings.Contains(stderr.String(), "mediator, us, ru, ua, eu, observer") {
		t.Fatalf("warning = %q", stderr.String())
	}
}

// TestServeMetricsOnTheirOwnAddress checks that --metrics-addr serves
// /metrics on a listener of its own and that the public address does not.
func TestServeMetricsOnTheirOwnAddress(t *testing.T) {
	c := newCLI(t)
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", c.db, "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"}, strings.NewReader(""), w, io.Discard)
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	var public, metrics string
	for (public == "" || metrics == "") && lines.Scan() {
		line := lines.Text()
		if _, rest, ok := strings.Cut(line, "serving on "); ok {
			public = strings.Fields(rest)[0]
		}
		if _, rest, ok := strings.Cut(line, "metrics on "); ok {
			metrics = rest
		}
	}
	go io.Copy(io.Discard, out)
	if public == "" || metrics == "" {
		cancel()
		t.Fatalf("serve did not say where it serves: %v", <-done)
	}
	get := func(url string) (int, string) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	get(public + "healthz")
	if code, body := get(metrics); code != http.StatusOK || !strings.Contains(body, `parley_http_requests_total{route="GET /healthz",status="200"} 1`) {
		t.Errorf("GET %s = %d, want 200 with the healthz request counted:\n%s", metrics, code, body)
	}
	if code, _ := get(public + "metrics"); code != http.StatusNotFound {
		t.Errorf("GET /metrics on the public address = %d, want 404", code)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
}
