package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"parley"
	"parley/sqlite"
)

// parley search finds a point by a word in it; a party's own
// understanding is found only --as one of its delegates.
func TestSearchCommand(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	const title = "Ending the war in Ukraine (2025)"
	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	n, err := store.FindNegotiationByTitle(ctx, title)
	must(t, err)
	events, err := store.ListEvents(ctx, n.ID)
	must(t, err)
	for _, name := range []string{"ua", "ru"} {
		p, err := store.FindParty(ctx, n.ID, strings.ToUpper(name))
		must(t, err)
		u := &parley.User{Username: name, PasswordHash: "$argon2id$x"}
		must(t, store.CreateUser(ctx, u))
		must(t, store.SetMember(ctx, &parley.Member{NegotiationID: n.ID, UserID: u.ID, Role: parley.RoleDelegate, PartyID: p.ID}))
	}
	store.Close()
	c.ok("understandings", "add", strconv.FormatInt(events[0].ID, 10), "--party", "UA", "--claim", "fallback=agreed: We could live with the kestrelwood formula.")

	var res struct {
		Query string
		Hits  []struct {
			Kind, Title, Context, Negotiation, URL string
			Snippet                                []parley.SnippetPart
		}
	}
	c.jsonOf(&res, "search", "Zaporizhzhia", "nuclear", "--kind", "point", "--limit", "2", "--negotiation", title)
	if res.Query != "Zaporizhzhia nuclear" || len(res.Hits) != 2 {
		t.Fatalf("search = %+v", res)
	}
	for _, h := range res.Hits {
		if h.Kind != "point" || h.Negotiation != title || h.Context == "" || !strings.HasPrefix(h.URL, "/versions/") ||
			!strings.Contains(parley.SnippetText(h.Snippet, "[", "]"), "[Zaporizhzhia]") {
			t.Errorf("hit = %+v", h)
		}
	}
	if out := c.ok("search", "zaporizhzhia", "--limit", "1"); !strings.Contains(out, "[Zaporizhzhia]") || !strings.HasPrefix(out, "point ") {
		t.Errorf("text output:\n%s", out)
	}

	// The confidential word: UA's delegate finds it; the operator (as an
	// owner sees) and Russia's delegate do not.
	if out := c.ok("search", "kestrelwood", "--as", "ua"); !strings.HasPrefix(out, "understanding ") || !strings.Contains(out, "[kestrelwood]") {
		t.Errorf("--as ua:\n%s", out)
	}
	for _, args := range [][]string{{"search", "kestrelwood"}, {"search", "kestrelwood", "--as", "ru"}, {"search", "fallback", "--as", "ru", "--kind", "understanding"}} {
		if out := c.ok(args...); strings.Contains(out, "live with") || !strings.HasPrefix(out, "nothing found") {
			t.Errorf("parley %s:\n%s", strings.Join(args, " "), out)
		}
	}
	c.jsonOf(&res, "search", "kestrelwood", "--as", "ru")
	if len(res.Hits) != 0 {
		t.Errorf("--as ru --format json = %+v", res)
	}

	c.fails(2, "(q)", "search", "")
	c.fails(2, "(q)", "search", "--", "-crimea")
	c.fails(2, "kind", "search", "ceasefire", "--kind", "stance")
	c.fails(2, "--limit", "search", "ceasefire", "--limit", "0")
	c.fails(2, "--as nobody", "search", "ceasefire", "--as", "nobody")
	c.fails(1, "not found", "search", "ceasefire", "--negotiation", "No such talks")
}
