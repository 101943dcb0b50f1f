package main

import (
	"context"
	"strings"
	"testing"

	"parley"
	"parley/demo"
	"parley/sqlite"
)

// A demo negotiation left half-loaded (by a load that wrote entry by entry
// and was cut short) is refused, by "parley demo" and by "serve --demo",
// which loads it the same way.
func TestDemoRefusesHalfLoaded(t *testing.T) {
	c := newCLI(t)
	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	n := &parley.Negotiation{Title: demo.Title()}
	if err := store.CreateNegotiation(ctx, n); err != nil {
		t.Fatal(err)
	}
	store.Close()
	out, errOut, code := c.run("demo")
	if code != 1 || !strings.Contains(errOut, "incomplete") || strings.Contains(out, "already loaded") {
		t.Fatalf("parley demo on a half-loaded demo: exit %d\n%s%s", code, out, errOut)
	}
}
