package demo_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/demo"
	"parley/sqlite"
)

func load(t *testing.T) (parley.Store, *parley.Negotiation) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	n, loaded, err := demo.Load(ctx, store)
	if err != nil || !loaded {
		t.Fatalf("load: %v (loaded %v)", err, loaded)
	}
	return store, n
}

// The two capitals' readings of the Alaska summit, as the brief tells
// them: they contradict each other on a leaders' meeting, and Moscow alone
// claims the guarantees-for-Donbas trade.
func TestAlaskaReadings(t *testing.T) {
	store, n := load(t)
	ctx := context.Background()
	events, err := store.ListEvents(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	var alaska *parley.Event
	for _, e := range events {
		if strings.Contains(e.Title, "Alaska") {
			alaska = e
		}
	}
	if alaska == nil {
		t.Fatal("no Alaska summit")
	}
	us, err := store.ListUnderstandings(ctx, alaska.ID)
	if err != nil {
		t.Fatal(err)
	}
	counts := parley.CountOutcomes(parley.CompareUnderstandings(us))
	if counts[parley.TopicContradiction] < 1 || counts[parley.TopicOneSided] < 1 {
		t.Fatalf("Alaska: %v, want at least one contradiction and one one-sided claim", counts)
	}
}

// As of the analysis (28 November 2025), the United States is the only
// line between Russia and Ukraine.
func TestContactNetwork(t *testing.T) {
	store, n := load(t)
	ctx := context.Background()
	events, err := store.ListEvents(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	actors, err := store.ListActors(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	net, err := parley.Contacts(events, parties, actors, time.Date(2025, 11, 28, 0, 0, 0, 0, time.UTC), parley.DefaultHalfLife)
	if err != nil {
		t.Fatal(err)
	}
	code := map[int64]string{}
	for _, p := range parties {
		code[p.ID] = p.Code
	}
	var pairs []string
	for _, l := range net.Parties.Links {
		pairs = append(pairs, code[l.A]+"-"+code[l.B])
	}
	if got := strings.Join(pairs, " "); got != "US-RU US-UA" {
		t.Errorf("party links = %s", got)
	}
	for _, node := range net.Parties.Nodes {
		if want := map[string]float64{"US": 1}[node.Code]; node.Betweenness != want {
			t.Errorf("%s: betweenness %v, want %v", node.Code, node.Betweenness, want)
		}
	}
}
