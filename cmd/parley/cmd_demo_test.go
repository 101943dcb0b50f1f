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

// "parley demo --record" signs the case's official versions into the
// record with their endorsements, once: the record checks, lists the
// versions and endorsements of the case, and a second run adds nothing.
func TestDemoRecord(t *testing.T) {
	c := newCLI(t)
	if out := c.ok("demo", "--record"); !strings.Contains(out, "recorded 3 official versions") {
		t.Fatalf("demo --record: %q", out)
	}
	var leaves []struct {
		Kind  string
		Label string
		Party string
	}
	c.jsonOf(&leaves, "record", "list", "--negotiation", "1")
	var got []string
	for _, l := range leaves {
		got = append(got, l.Kind+" "+l.Label+" "+l.Party)
	}
	want := []string{"version 28-point plan ", "endorsement 28-point plan United States",
		"version European counter-proposal ", "endorsement European counter-proposal United Kingdom, France and Germany (E3)",
		"version 19-point Geneva framework ", "endorsement 19-point Geneva framework United States", "endorsement 19-point Geneva framework Ukraine"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("record:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if out := c.ok("record", "check"); !strings.Contains(out, "7 leaves (3 versions, 4 endorsements)") {
		t.Fatalf("record check: %q", out)
	}
	if out := c.ok("demo", "--record"); strings.Contains(out, "recorded") {
		t.Fatalf("second demo --record recorded again: %q", out)
	}
}
