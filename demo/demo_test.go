package demo_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/contact"
	"parley/demo"
	"parley/sqlite"
	"parley/understand"
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

// compareEvent compares the published understandings of the demo event
// whose title holds title, as parley compares them for any reader.
func compareEvent(t *testing.T, title string) []understand.Topic {
	t.Helper()
	store, n := load(t)
	ctx := context.Background()
	events, err := store.ListEvents(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	var event *parley.Event
	for _, e := range events {
		if strings.Contains(e.Title, title) {
			event = e
		}
	}
	if event == nil {
		t.Fatalf("no event %q", title)
	}
	us, err := store.ListUnderstandings(ctx, event.ID)
	if err != nil {
		t.Fatal(err)
	}
	var cx understand.Context
	if cx.Parties, err = store.ListParties(ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	if cx.Issues, err = store.ListIssues(ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	if cx.Synonyms, err = store.ListSynonyms(ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	return understand.Compare(us, cx)
}

// The two capitals' readings of the Alaska summit, as the brief tells
// them: Washington says a leaders' meeting was promised and Moscow, under
// another topic the synonyms join, that it was not (disputed: "will"
// against "may" and "no"); Moscow alone claims the guarantees-for-Donbas
// trade, each half tied to its issue.
func TestAlaskaReadings(t *testing.T) {
	topics := compareEvent(t, "Alaska")
	var got []string
	for _, tp := range topics {
		got = append(got, tp.Key+" "+tp.Outcome)
	}
	if want := "leaders meeting disputed, security guarantees one-sided, donbas withdrawal one-sided"; strings.Join(got, ", ") != want {
		t.Fatalf("Alaska: %s, want %s", strings.Join(got, ", "), want)
	}
	meeting := topics[0]
	if us, ru := meeting.Agreed[0].Content, meeting.NotAgreed[0].Content; us.Modality != understand.ModalityWill || ru.Modality != understand.ModalityMay || !ru.Negated || us.Negated {
		t.Errorf("the meeting's readings: US %+v, RU %+v", us, ru)
	}
	var diffs []string
	for _, d := range meeting.Differences {
		diffs = append(diffs, d.String())
	}
	if got, want := strings.Join(diffs, "; "), "negation: affirmative vs negative; modality: will vs may"; got != want {
		t.Errorf("the meeting's readings differ on %q, want %q", got, want)
	}
	if topics[1].IssueID == 0 || topics[2].IssueID == 0 || topics[1].Scale != nil {
		t.Errorf("the trade's halves are tied to ordinal issues, with no figure to place: %+v", topics[1:])
	}
}

// The army-cap event: Kyiv's 800,000 in peacetime against Moscow's
// 100,000, under topics written differently, both said to be agreed.
func TestArmyCapReadings(t *testing.T) {
	topics := compareEvent(t, "army ceiling")
	if len(topics) != 1 {
		t.Fatalf("topics = %+v", topics)
	}
	cap := topics[0]
	if cap.Outcome != understand.Contradiction || len(cap.Differences) != 1 || cap.Differences[0].String() != "figures: 100,000 vs 800,000" {
		t.Fatalf("army cap: %s %v", cap.Outcome, cap.Differences)
	}
	if cap.Scale == nil || len(cap.Scale.Marks) != 2 || cap.Scale.Marks[0].Label != "100,000" || cap.Scale.Marks[1].Label != "800,000" || cap.Scale.Unit != "personnel" {
		t.Fatalf("army cap scale: %+v", cap.Scale)
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
	net, err := contact.Build(events, parties, actors, time.Date(2025, 11, 28, 0, 0, 0, 0, time.UTC), contact.DefaultHalfLife)
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
