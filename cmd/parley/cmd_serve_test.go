package main

import (
	"bytes"
	"context"
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
