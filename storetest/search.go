package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"parley"
)

// everyone sees every hit: the local operator.
func everyone(*parley.SearchHit) bool { return true }

// delegateOf is what a delegate of the party sees: its own party's
// records and what is published (the rule parley.CanSee applies).
func delegateOf(partyID int64) func(*parley.SearchHit) bool {
	return func(h *parley.SearchHit) bool {
		return h.Visibility == parley.VisibilityPublished || h.PartyID == partyID
	}
}

// search runs a search and fails the test on an error.
func search(tb testing.TB, s parley.Store, q parley.SearchQuery) []*parley.SearchHit {
	tb.Helper()
	if q.Visible == nil {
		q.Visible = everyone
	}
	hits, err := s.Search(context.Background(), q)
	if err != nil {
		tb.Fatalf("search %q: %v", q.Text, err)
	}
	return hits
}

// found lists hits as "kind id", best first.
func found(hits []*parley.SearchHit) string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = fmt.Sprintf("%s %d", h.Kind, h.ID)
	}
	return strings.Join(out, ", ")
}

// searchFixture is a negotiation whose records hold words in English,
// Russian and Ukrainian.
type searchFixture struct {
	*fixture
	v      *parley.Version
	event  *parley.Event
	usOwn  *parley.Understanding // the US's own, VisibilityParty
	ruPub  *parley.Understanding // Russia's, published
	source *parley.Source
}

func newSearchFixture(tb testing.TB, s parley.Store, title string) *searchFixture {
	return newSearchFixtureWith(tb, s, title, func(src *parley.Source) error { return s.CreateSource(context.Background(), src) })
}

// newSearchFixtureWith is newSearchFixture with its sources stored by
// create.
func newSearchFixtureWith(tb testing.TB, s parley.Store, title string, create SourceWriter) *searchFixture {
	tb.Helper()
	ctx := context.Background()
	f := &searchFixture{fixture: newFixtureWith(tb, s, title, create)}
	text := "Preamble.\n1. Ceasefire along the line of contact.\n2. Перемирие вступает в силу немедленно.\n3. Вибори відбудуться протягом ста днів.\n4. Sanctions are lifted in stages.\n"
	f.v = &parley.Version{NegotiationID: f.n.ID, DocumentID: f.doc.ID, Label: "Geneva framework", Date: parley.MustParseDate("2025-11-23"),
		Status: parley.StatusDraft, PartyID: f.us.ID, Venue: "Palais des Nations", Note: "Tabled by the mediators",
		Format: "text", Body: []byte(text), Text: text, Preamble: "Preamble.",
		Points: []parley.Point{
			{Path: []string{"1"}, Label: "1.", Text: "Ceasefire along the line of contact.", Line: 2},
			{Path: []string{"2"}, Label: "2.", Text: "Перемирие вступает в силу немедленно.", Line: 3},
			{Path: []string{"3"}, Label: "3.", Text: "Вибори відбудуться протягом ста днів.", Line: 4},
			{Path: []string{"4"}, Label: "4.", Heading: "Sanctions", Text: "Sanctions are lifted in stages.", Line: 5},
		}}
	must(tb, s.CreateVersion(ctx, f.v))
	f.event = &parley.Event{NegotiationID: f.n.ID, Kind: parley.EventMeeting, Title: "Talks in Abu Dhabi", Date: parley.MustParseDate("2025-11-25"),
		Place: "Abu Dhabi", Description: "Delegations discussed the перемирие and prisoner exchanges."}
	must(tb, s.CreateEvent(ctx, f.event))
	f.usOwn = &parley.Understanding{EventID: f.event.ID, PartyID: f.us.ID, Visibility: parley.VisibilityParty,
		Claims: []parley.Claim{{Topic: "fallback", Text: "We could accept the quorvex compromise if pressed.", Agreed: true}}}
	must(tb, s.CreateUnderstanding(ctx, f.usOwn))
	f.ruPub = &parley.Understanding{EventID: f.event.ID, PartyID: f.ru.ID, Visibility: parley.VisibilityPublished,
		Claims: []parley.Claim{{Topic: "prisoners", Text: "Prisoner exchanges were agreed.", Agreed: true}}}
	must(tb, s.CreateUnderstanding(ctx, f.ruPub))
	f.source = &parley.Source{NegotiationID: f.n.ID, Title: "Заявление МИД", Kind: parley.SourceStatement, Publisher: "Ministry of Foreign Affairs",
		Reliability: "B", Credibility: 3, Date: parley.MustParseDate("2025-11-26"), Note: "On sanctions relief"}
	must(tb, create(f.source))
	return f
}

func testSearch(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newSearchFixture(t, s, "Search")
	other := newSearchFixture(t, s, "Search elsewhere")
	in := func(text string) parley.SearchQuery { return parley.SearchQuery{Text: text, NegotiationID: f.n.ID} }

	for _, tt := range []struct {
		query, want string
	}{
		{"ceasefire", fmt.Sprintf("point %d", f.v.Points[0].ID)},
		{"CEASEFIRE contact", fmt.Sprintf("point %d", f.v.Points[0].ID)},
		// Cyrillic words, in any case, also as the start of a word; a
		// word found in a point and in an event.
		{"ПЕРЕМИРИЕ", fmt.Sprintf("point %d, event %d", f.v.Points[1].ID, f.event.ID)},
		{"вибор", fmt.Sprintf("point %d", f.v.Points[2].ID)},
		{"днів", fmt.Sprintf("point %d", f.v.Points[2].ID)},
		{"заявление", fmt.Sprintf("source %d", f.source.ID)},
		// A version by its label, venue or note.
		{"palais nations", fmt.Sprintf("version %d", f.v.ID)},
		{"tabled", fmt.Sprintf("version %d", f.v.ID)},
		// An event by its place; an understanding by its claim.
		{"prisoner -agreed", fmt.Sprintf("event %d", f.event.ID)},
		{`"exchanges were agreed"`, fmt.Sprintf("understanding %d", f.ruPub.ID)},
		// A phrase is words in a row.
		{`"line contact"`, ""},
		{"nothing-like-this", ""},
	} {
		if got := found(search(t, s, in(tt.query))); got != tt.want {
			t.Errorf("search %q = [%s], want [%s]", tt.query, got, tt.want)
		}
	}

	// The title weighs more: the point headed "Sanctions" comes before the
	// source that mentions sanctions in its note.
	hits := search(t, s, in("sanctions"))
	if got, want := found(hits), fmt.Sprintf("point %d, source %d", f.v.Points[3].ID, f.source.ID); got != want {
		t.Errorf("search sanctions = [%s], want [%s] (title first)", got, want)
	}

	// What a hit says of itself.
	hits = search(t, s, in("перемирие"))
	p := hits[0]
	if p.NegotiationID != f.n.ID || p.ParentID != f.v.ID || p.Context != "Geneva framework" || p.Title != "2." || p.PointKey != f.v.Points[1].Key() || p.Visibility != parley.VisibilityPublished {
		t.Errorf("point hit = %+v", p)
	}
	if got := parley.SnippetText(p.Snippet, "[", "]"); !strings.Contains(got, "[Перемирие]") {
		t.Errorf("snippet = %q, want the word found marked", got)
	}
	hits = search(t, s, in("exchanges agreed"))
	if len(hits) != 1 || hits[0].Kind != parley.SearchUnderstanding || hits[0].ParentID != f.event.ID || hits[0].PartyID != f.ru.ID || hits[0].Context != "Talks in Abu Dhabi" || hits[0].Title != "prisoners" {
		t.Errorf("understanding hit = %+v", hits)
	}

	// A word only the US's own understanding holds: found by the US,
	// never by Russia's delegates, not even as a count against the limit.
	if got := found(search(t, s, parley.SearchQuery{Text: "quorvex", NegotiationID: f.n.ID, Visible: delegateOf(f.us.ID)})); got != fmt.Sprintf("understanding %d", f.usOwn.ID) {
		t.Errorf("the US searching its own word = [%s]", got)
	}
	if hits := search(t, s, parley.SearchQuery{Text: "quorvex", Visible: delegateOf(f.ru.ID)}); len(hits) != 0 {
		t.Errorf("Russia searching the US's confidential word found %s", found(hits))
	}
	if hits := search(t, s, parley.SearchQuery{Text: "fallback", Visible: delegateOf(f.ru.ID)}); len(hits) != 0 {
		t.Errorf("Russia found %s", found(hits))
	}

	// Filters: the negotiation, the kind; the limit counts only what the
	// reader may see.
	if hits := search(t, s, parley.SearchQuery{Text: "ceasefire"}); len(hits) != 2 {
		t.Errorf("ceasefire in every negotiation = [%s], want one point in each", found(hits))
	}
	if got := found(search(t, s, parley.SearchQuery{Text: "перемирие", Kind: parley.SearchEvent, NegotiationID: other.n.ID})); got != fmt.Sprintf("event %d", other.event.ID) {
		t.Errorf("events of the other negotiation = [%s]", got)
	}
	hits = search(t, s, parley.SearchQuery{Text: "перемирие", Limit: 3})
	if len(hits) != 3 {
		t.Errorf("limit 3 = [%s]", found(hits))
	}
	noPoints := func(h *parley.SearchHit) bool { return h.Kind != parley.SearchPoint }
	hits = search(t, s, parley.SearchQuery{Text: "перемирие", Limit: 2, Visible: noPoints})
	if len(hits) != 2 || hits[0].Kind != parley.SearchEvent || hits[1].Kind != parley.SearchEvent {
		t.Errorf("limit 2 of what the reader sees = [%s], want both events", found(hits))
	}

	// Bad queries name what is wrong.
	for _, q := range []parley.SearchQuery{
		{Text: "", Visible: everyone},
		{Text: "   ", Visible: everyone},
		{Text: "-ceasefire", Visible: everyone},
		{Text: "«»—…", Visible: everyone},
		{Text: strings.Repeat("a", parley.MaxSearchLength+1), Visible: everyone},
		{Text: strings.Repeat("w ", parley.MaxSearchTerms+1), Visible: everyone},
		{Text: "ceasefire", Kind: "stance", Visible: everyone},
		{Text: "ceasefire", Limit: parley.MaxSearchLimit + 1, Visible: everyone},
		{Text: "ceasefire"},
	} {
		_, err := s.Search(ctx, q)
		wantCode(t, err, parley.EINVALID)
	}

	// The index follows every write, in the write's transaction.
	f.v.Label = "Abu Dhabi framework"
	must(t, s.UpdateVersion(ctx, f.v))
	if got := found(search(t, s, parley.SearchQuery{Text: "geneva", NegotiationID: f.n.ID})); got != "" {
		t.Errorf("the old label is still found: [%s]", got)
	}
	hits = search(t, s, parley.SearchQuery{Text: "framework abu", NegotiationID: f.n.ID, Kind: parley.SearchVersion})
	if len(hits) != 1 || hits[0].Title != "Abu Dhabi framework" {
		t.Errorf("the new label = %+v", hits)
	}
	if hits := search(t, s, parley.SearchQuery{Text: "перемирие", NegotiationID: f.n.ID, Kind: parley.SearchPoint}); len(hits) != 1 || hits[0].Context != "Abu Dhabi framework" {
		t.Errorf("a point names its version's new label: %+v", hits)
	}
	stop := errors.New("stop")
	err := s.InTx(ctx, func(tx parley.Store) error {
		must(t, tx.CreateSource(ctx, &parley.Source{NegotiationID: f.n.ID, Title: "Vanishing report", Kind: parley.SourcePress, Reliability: "C", Credibility: 3}))
		if hits := search(t, tx, parley.SearchQuery{Text: "vanishing"}); len(hits) != 1 {
			t.Errorf("inside the transaction, its own source = [%s]", found(hits))
		}
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatal(err)
	}
	if hits := search(t, s, parley.SearchQuery{Text: "vanishing"}); len(hits) != 0 {
		t.Errorf("a source rolled back is found: [%s]", found(hits))
	}
}

// SearchIndexUpgrade checks migration 0009 on a database written before
// it: old is the store on that database with the migrations before 0009,
// upgrade closes it and opens the database again with every migration.
// What was stored before is found after.
//
// addSource writes a source as the old schema held it.
func SearchIndexUpgrade(t *testing.T, old parley.Store, addSource SourceWriter, upgrade func() parley.Store) {
	f := newSearchFixtureWith(t, old, "Before 0009", addSource)
	s := upgrade()
	for _, tt := range []struct{ query, want string }{
		{"ceasefire", fmt.Sprintf("point %d", f.v.Points[0].ID)},
		{"palais", fmt.Sprintf("version %d", f.v.ID)},
		{"abu dhabi", fmt.Sprintf("event %d", f.event.ID)},
		{"quorvex", fmt.Sprintf("understanding %d", f.usOwn.ID)},
		{"МИД", fmt.Sprintf("source %d", f.source.ID)},
	} {
		if got := found(search(t, s, parley.SearchQuery{Text: tt.query})); got != tt.want {
			t.Errorf("after the migration, search %q = [%s], want [%s]", tt.query, got, tt.want)
		}
	}
}
