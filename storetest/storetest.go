// Package storetest is the conformance suite every parley.Store passes. The
// sqlite package runs it always; the postgres package runs it against a real
// server when PARLEY_TEST_POSTGRES names one (and fails, rather than skips,
// when CI=true and it does not).
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"parley"
)

// Opener returns a new, empty store; it registers its own cleanup.
type Opener func(tb testing.TB) parley.Store

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, parley.Store)
	}{
		{"Negotiations", testNegotiations},
		{"PartiesAndActors", testPartiesAndActors},
		{"Sources", testSources},
		{"SourceGrades", testSourceGrades},
		{"Versions", testVersions},
		{"VersionRejectsBadInputAtomically", testVersionAtomic},
		{"VersionConcurrentUpdate", testVersionConcurrentUpdate},
		{"Stances", testStances},
		{"StanceHistory", testStanceHistory},
		{"StancesCarried", testStancesCarried},
		{"StanceConcurrentCreate", testStanceConcurrentCreate},
		{"IssuesAndPositions", testIssuesAndPositions},
		{"EventsAndUnderstandings", testEventsAndUnderstandings},
		{"DatesInOrder", testDatesInOrder},
		{"Synonyms", testSynonyms},
		{"UsersAndMembers", testUsersAndMembers},
		{"MembersKeepAnOwner", testMembersKeepAnOwner},
		{"UsernamesNormalized", testUsernamesNormalized},
		{"SessionsOfAUser", testSessionsOfAUser},
		{"LoginCounters", testLoginCounters},
		{"LoginCountersConcurrent", testLoginCountersConcurrent},
		{"AlignmentsAndCorrections", testAlignments},
		{"Isolation", testIsolation},
		{"RecordKeys", testRecordKeys},
		{"RecordAppend", testRecordAppend},
		{"RecordConcurrentAppends", testRecordConcurrentAppends},
		{"Rounds", testRounds},
		{"Topics", testTopics},
		{"InTx", testInTx},
		{"Search", testSearch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// wantCode fails the test unless err carries the parley error code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := parley.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// fixture is a negotiation with two parties, a source and a document.
type fixture struct {
	n      *parley.Negotiation
	us, ru *parley.Party
	src    *parley.Source
	doc    *parley.Document
}

func newFixture(tb testing.TB, s parley.Store, title string) *fixture {
	return newFixtureWith(tb, s, title, func(src *parley.Source) error { return s.CreateSource(context.Background(), src) })
}

// SourceWriter stores a source and sets its ID. Tests of a store on an
// older schema pass one that writes the row as that schema held it, since
// the store's own CreateSource writes the columns of today.
type SourceWriter func(*parley.Source) error

// newFixtureWith is newFixture with its source stored by create.
func newFixtureWith(tb testing.TB, s parley.Store, title string, create SourceWriter) *fixture {
	tb.Helper()
	f := newBareFixture(tb, s, title)
	f.src = &parley.Source{NegotiationID: f.n.ID, Title: "Press report", Kind: parley.SourcePress, Reliability: "B", Credibility: 2, Date: parley.MustParseDate("2025-11-20")}
	must(tb, create(f.src))
	return f
}

// newBareFixture is newFixture without the source, for stores on the
// schema of an older parley (whose sources had fewer columns).
func newBareFixture(tb testing.TB, s parley.Store, title string) *fixture {
	tb.Helper()
	ctx := context.Background()
	f := &fixture{n: &parley.Negotiation{Title: title, Description: "test"}}
	must(tb, s.CreateNegotiation(ctx, f.n))
	f.us = &parley.Party{NegotiationID: f.n.ID, Name: "United States", Code: "US", Kind: parley.PartyState}
	f.ru = &parley.Party{NegotiationID: f.n.ID, Name: "Russia", Code: "RU", Kind: parley.PartyState}
	must(tb, s.CreateParty(ctx, f.us))
	must(tb, s.CreateParty(ctx, f.ru))
	f.doc = &parley.Document{NegotiationID: f.n.ID, Title: "Framework"}
	must(tb, s.CreateDocument(ctx, f.doc))
	return f
}

// newVersion returns an unsaved version of the fixture's document whose
// points are 1, 2, 2(a), 2(b), 3.
func (f *fixture) newVersion(label string, parents ...int64) *parley.Version {
	text := fmt.Sprintf("Preamble of %s.\n1. One.\n2. Two.\n   (a) Two a.\n   (b) Two b.\n3. Three.\n", label)
	var sources []int64
	if f.src != nil {
		sources = []int64{f.src.ID}
	}
	return &parley.Version{
		NegotiationID: f.n.ID, DocumentID: f.doc.ID, Label: label,
		Date: parley.MustParseDate("2025-11"), Status: parley.StatusDraft, PartyID: f.us.ID,
		ParentIDs: parents, SourceIDs: sources, Venue: "Geneva",
		Format: "text", Body: []byte("\ufeff" + text), Text: text, Preamble: "Preamble of " + label + ".",
		Points: []parley.Point{
			{Path: []string{"1"}, Label: "1.", Text: "One.", Line: 2},
			{Path: []string{"2"}, Label: "2.", Text: "Two.", Line: 3},
			{Path: []string{"2", "a"}, Label: "(a)", Text: "Two a.", Line: 4},
			{Path: []string{"2", "b"}, Label: "(b)", Text: "Two b.", Line: 5},
			{Path: []string{"3"}, Label: "3.", Text: "Three.", Line: 6, Tags: []string{"ceasefire"}},
		},
	}
}

func testNegotiations(t *testing.T, s parley.Store) {
	ctx := context.Background()
	n := &parley.Negotiation{Title: "Peace talks", Description: "first"}
	must(t, s.CreateNegotiation(ctx, n))
	if n.ID == 0 || n.Revision != 1 || n.CreatedAt.IsZero() {
		t.Fatalf("created negotiation = %+v, want ID, revision 1 and a creation time", n)
	}
	got, err := s.FindNegotiationByID(ctx, n.ID)
	must(t, err)
	if got.Title != "Peace talks" || got.Description != "first" || got.Revision != 1 {
		t.Fatalf("found %+v", got)
	}
	got, err = s.FindNegotiationByTitle(ctx, "PEACE TALKS")
	must(t, err)
	if got.ID != n.ID {
		t.Fatalf("find by title ignoring case: got id %d, want %d", got.ID, n.ID)
	}
	_, err = s.FindNegotiationByID(ctx, n.ID+1000)
	wantCode(t, err, parley.ENOTFOUND)
	wantCode(t, s.CreateNegotiation(ctx, &parley.Negotiation{Title: "Peace talks"}), parley.ECONFLICT)
	wantCode(t, s.CreateNegotiation(ctx, &parley.Negotiation{Title: "  "}), parley.EINVALID)

	// Optimistic concurrency: the second writer read revision 1 too.
	first, second := *got, *got
	first.Description = "edited by first"
	must(t, s.UpdateNegotiation(ctx, &first))
	if first.Revision != 2 {
		t.Fatalf("revision after update = %d, want 2", first.Revision)
	}
	second.Description = "edited by second"
	wantCode(t, s.UpdateNegotiation(ctx, &second), parley.ECONFLICT)
	got, err = s.FindNegotiationByID(ctx, n.ID)
	must(t, err)
	if got.Description != "edited by first" || got.Revision != 2 {
		t.Fatalf("after stale write: %+v, want the first writer's text at revision 2", got)
	}
	missing := &parley.Negotiation{ID: n.ID + 1000, Title: "x", Revision: 1}
	wantCode(t, s.UpdateNegotiation(ctx, missing), parley.ENOTFOUND)

	must(t, s.CreateNegotiation(ctx, &parley.Negotiation{Title: "Trade deal"}))
	list, err := s.ListNegotiations(ctx)
	must(t, err)
	if len(list) != 2 || list[0].Title != "Peace talks" || list[1].Title != "Trade deal" {
		t.Fatalf("list = %v", titles(list))
	}
}

func titles(list []*parley.Negotiation) []string {
	var out []string
	for _, n := range list {
		out = append(out, n.Title)
	}
	return out
}

func testPartiesAndActors(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Parties")
	other := newFixture(t, s, "Other")
	wantCode(t, s.CreateParty(ctx, &parley.Party{NegotiationID: f.n.ID, Name: "USA", Code: "us", Kind: parley.PartyState}), "")
	wantCode(t, s.CreateParty(ctx, &parley.Party{NegotiationID: f.n.ID, Name: "Again", Code: "RU", Kind: parley.PartyState}), parley.ECONFLICT)
	wantCode(t, s.CreateParty(ctx, &parley.Party{NegotiationID: f.n.ID, Name: "Bad", Code: "B", Kind: "empire"}), parley.EINVALID)
	wantCode(t, s.CreateParty(ctx, &parley.Party{NegotiationID: 99999, Name: "Orphan", Code: "O", Kind: parley.PartyState}), parley.EINVALID)

	p, err := s.FindParty(ctx, f.n.ID, "russia")
	must(t, err)
	if p.ID != f.ru.ID {
		t.Fatalf("find by name: got %d, want %d", p.ID, f.ru.ID)
	}
	p, err = s.FindParty(ctx, f.n.ID, "ru")
	must(t, err)
	if p.ID != f.ru.ID {
		t.Fatalf("find by code: got %d, want %d", p.ID, f.ru.ID)
	}
	_, err = s.FindParty(ctx, f.n.ID, "Ukraine")
	wantCode(t, err, parley.ENOTFOUND)

	a := &parley.Actor{NegotiationID: f.n.ID, PartyID: f.us.ID, Name: "Envoy", Role: "special envoy", From: parley.MustParseDate("2025-01")}
	must(t, s.CreateActor(ctx, a))
	wantCode(t, s.CreateActor(ctx, &parley.Actor{NegotiationID: f.n.ID, PartyID: other.us.ID, Name: "Spy"}), parley.EINVALID)
	actors, err := s.ListActors(ctx, f.n.ID)
	must(t, err)
	if len(actors) != 1 || actors[0].Name != "Envoy" || actors[0].From.String() != "2025-01" || actors[0].PartyID != f.us.ID {
		t.Fatalf("actors = %+v", actors)
	}
	parties, err := s.ListParties(ctx, f.n.ID)
	must(t, err)
	if len(parties) != 3 {
		t.Fatalf("%d parties, want 3", len(parties))
	}
}

func testSources(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Sources")
	wantCode(t, s.CreateSource(ctx, &parley.Source{NegotiationID: f.n.ID, Title: "x", Kind: parley.SourceLeak, Reliability: "G", Credibility: 2}), parley.EINVALID)
	wantCode(t, s.CreateSource(ctx, &parley.Source{NegotiationID: f.n.ID, Title: "x", Kind: parley.SourceLeak, Reliability: "A", Credibility: 7}), parley.EINVALID)
	got, err := s.FindSourceByID(ctx, f.src.ID)
	must(t, err)
	if got.Grade() != "B2" || got.Date.String() != "2025-11-20" || got.Title != "Press report" {
		t.Fatalf("source = %+v", got)
	}
	list, err := s.ListSources(ctx, f.n.ID)
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("%d sources, want 1", len(list))
	}
}

func testVersions(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Versions")
	v1 := f.newVersion("First draft")
	must(t, s.CreateVersion(ctx, v1))
	if v1.ID == 0 || v1.TextHash != parley.HashText(v1.Text) || v1.Points[4].ID == 0 || v1.Points[4].VersionID != v1.ID {
		t.Fatalf("created version = id %d hash %q points %+v", v1.ID, v1.TextHash, v1.Points)
	}
	v2 := f.newVersion("Counter draft", v1.ID)
	v2.Date = parley.MustParseDate("2025-11-23")
	must(t, s.CreateVersion(ctx, v2))

	got, err := s.FindVersionByID(ctx, v2.ID)
	must(t, err)
	if string(got.Body) != string(v2.Body) || got.Text != v2.Text || got.Preamble != v2.Preamble {
		t.Fatalf("body/text/preamble not kept exactly: %q / %q / %q", got.Body, got.Text, got.Preamble)
	}
	if !slices.Equal(got.ParentIDs, []int64{v1.ID}) || !slices.Equal(got.SourceIDs, []int64{f.src.ID}) || got.PartyID != f.us.ID {
		t.Fatalf("parents %v sources %v party %d", got.ParentIDs, got.SourceIDs, got.PartyID)
	}
	if got.Date.String() != "2025-11-23" || got.Venue != "Geneva" || got.Status != parley.StatusDraft {
		t.Fatalf("metadata = %+v", got)
	}
	if len(got.Points) != 5 {
		t.Fatalf("%d points, want 5", len(got.Points))
	}
	for i, p := range got.Points {
		want := v2.Points[i]
		if !slices.Equal(p.Path, want.Path) || p.Label != want.Label || p.Text != want.Text || p.Line != want.Line || p.Ordinal != i {
			t.Errorf("point %d = %+v, want %+v", i, p, want)
		}
	}
	if !slices.Equal(got.Points[4].Tags, []string{"ceasefire"}) {
		t.Errorf("tags = %v", got.Points[4].Tags)
	}

	list, err := s.ListVersions(ctx, parley.VersionFilter{NegotiationID: f.n.ID})
	must(t, err)
	if len(list) != 2 || list[0].ID != v1.ID || list[1].ID != v2.ID {
		t.Fatalf("list = %v, want first then counter draft (by date)", list)
	}
	if list[0].Points != nil || list[0].Body != nil || list[0].PointCount != 5 || !slices.Equal(list[1].ParentIDs, []int64{v1.ID}) {
		t.Fatalf("listed versions carry points/body or lack parents: %+v", list[1])
	}

	_, err = s.FindVersionByID(ctx, 424242)
	wantCode(t, err, parley.ENOTFOUND)

	// Metadata updates are optimistic.
	a, b := *got, *got
	a.Status = parley.StatusLeaked
	must(t, s.UpdateVersion(ctx, &a))
	b.Label = "stale"
	wantCode(t, s.UpdateVersion(ctx, &b), parley.ECONFLICT)
	again, err := s.FindVersionByID(ctx, v2.ID)
	must(t, err)
	if again.Status != parley.StatusLeaked || again.Label != "Counter draft" || again.Revision != 2 {
		t.Fatalf("after update: status %q label %q revision %d", again.Status, again.Label, again.Revision)
	}
}

func testVersionAtomic(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Atomic")
	other := newFixture(t, s, "Elsewhere")
	otherVersion := other.newVersion("Theirs")
	must(t, s.CreateVersion(ctx, otherVersion))

	cases := []struct {
		name   string
		change func(v *parley.Version)
	}{
		{"duplicate point", func(v *parley.Version) { v.Points[1].Path = []string{"1"} }},
		{"empty path", func(v *parley.Version) { v.Points[2].Path = nil }},
		{"no points", func(v *parley.Version) { v.Points = nil }},
		{"bad status", func(v *parley.Version) { v.Status = "rumoured" }},
		{"parent from another negotiation", func(v *parley.Version) { v.ParentIDs = []int64{otherVersion.ID} }},
		{"missing source", func(v *parley.Version) { v.SourceIDs = []int64{987654} }},
		{"party from another negotiation", func(v *parley.Version) { v.PartyID = other.us.ID }},
		{"missing document", func(v *parley.Version) { v.DocumentID = 987654 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := f.newVersion("Broken")
			c.change(v)
			err := s.CreateVersion(ctx, v)
			if code := parley.ErrorCode(err); code != parley.EINVALID && code != parley.ENOTFOUND {
				t.Fatalf("error = %v, want invalid or not found", err)
			}
			if parley.ErrorMessage(err) == "internal error" {
				t.Fatalf("message hides the problem: %v", err)
			}
		})
	}
	list, err := s.ListVersions(ctx, parley.VersionFilter{NegotiationID: f.n.ID})
	must(t, err)
	if len(list) != 0 {
		t.Fatalf("bad versions left %d rows behind", len(list))
	}
}

func testVersionConcurrentUpdate(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Race")
	v := f.newVersion("Draft")
	must(t, s.CreateVersion(ctx, v))
	const writers = 6
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			mine := *v
			mine.Note = fmt.Sprintf("writer %d", i)
			errs[i] = s.UpdateVersion(ctx, &mine)
		})
	}
	wg.Wait()
	oneWon(t, errs, "writer", "%d writers succeeded from the same revision, want exactly 1")
	got, err := s.FindVersionByID(ctx, v.ID)
	must(t, err)
	if got.Revision != 2 {
		t.Fatalf("revision = %d, want 2", got.Revision)
	}
}

func testStances(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Stances")
	v := f.newVersion("Draft")
	must(t, s.CreateVersion(ctx, v))
	st := &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[2].ID, PartyID: f.ru.ID, Value: parley.StanceRedLine,
		Date: parley.MustParseDate("2025-11-21"), SourceID: f.src.ID, Visibility: parley.VisibilityParty, Note: "internal"}
	must(t, s.CreateStance(ctx, st))
	day := parley.MustParseDate("2025-11-22")
	must(t, s.CreateStance(ctx, &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[0].ID, PartyID: f.us.ID, Value: parley.StanceAccept, Date: day, Visibility: parley.VisibilityPublished}))
	wantCode(t, s.CreateStance(ctx, &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[1].ID, PartyID: f.us.ID, Value: "maybe", Date: day, Visibility: parley.VisibilityPublished}), parley.EINVALID)
	wantCode(t, s.CreateStance(ctx, &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[1].ID, PartyID: f.us.ID, Value: parley.StanceAccept, Visibility: parley.VisibilityPublished}), parley.EINVALID) // undated
	other := newFixture(t, s, "Other stances")
	wantCode(t, s.CreateStance(ctx, &parley.Stance{NegotiationID: other.n.ID, PointID: v.Points[0].ID, PartyID: other.us.ID, Value: parley.StanceAccept, Date: day, Visibility: parley.VisibilityPublished}), parley.EINVALID)

	list, err := s.ListStances(ctx, parley.StanceFilter{VersionID: v.ID})
	must(t, err)
	if len(list) != 2 || list[0].PointID != v.Points[0].ID || list[1].Value != parley.StanceRedLine || list[1].Date.String() != "2025-11-21" || list[1].SourceID != f.src.ID {
		t.Fatalf("stances = %+v", list)
	}
	list, err = s.ListStances(ctx, parley.StanceFilter{NegotiationID: f.n.ID, PartyID: f.ru.ID})
	must(t, err)
	if len(list) != 1 || list[0].Visibility != parley.VisibilityParty {
		t.Fatalf("stances of RU = %+v", list)
	}
	stale := *list[0]
	list[0].Value = parley.StanceReject
	must(t, s.UpdateStance(ctx, list[0]))
	stale.Value = parley.StanceAccept
	wantCode(t, s.UpdateStance(ctx, &stale), parley.ECONFLICT)
}

func testIssuesAndPositions(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Issues")
	army := &parley.Issue{NegotiationID: f.n.ID, Name: "Army cap", Scale: parley.ScaleNumeric, Unit: "personnel", Min: 0, Max: 1000000, VetoPartyIDs: []int64{f.us.ID, f.ru.ID}}
	must(t, s.CreateIssue(ctx, army))
	nato := &parley.Issue{NegotiationID: f.n.ID, Name: "NATO", Scale: parley.ScaleOrdinal, Options: []string{"banned", "deferred", "open"}}
	must(t, s.CreateIssue(ctx, nato))
	wantCode(t, s.CreateIssue(ctx, &parley.Issue{NegotiationID: f.n.ID, Name: "Army cap", Scale: parley.ScaleNumeric, Max: 1}), parley.ECONFLICT)
	wantCode(t, s.CreateIssue(ctx, &parley.Issue{NegotiationID: f.n.ID, Name: "Flat", Scale: parley.ScaleNumeric, Min: 5, Max: 5}), parley.EINVALID)

	got, err := s.FindIssueByID(ctx, nato.ID)
	must(t, err)
	if got.Max != 2 || !slices.Equal(got.Options, []string{"banned", "deferred", "open"}) {
		t.Fatalf("ordinal issue = %+v", got)
	}
	res := 250000.0
	ru := &parley.Position{IssueID: army.ID, PartyID: f.ru.ID, Date: parley.MustParseDate("2025-11"), Ideal: 100000, Reservation: &res,
		ReservationVisibility: parley.VisibilityParty, Salience: 80, Capability: 60, SourceID: f.src.ID}
	must(t, s.CreatePosition(ctx, ru))
	must(t, s.CreatePosition(ctx, &parley.Position{IssueID: army.ID, PartyID: f.us.ID, Ideal: 600000, ReservationVisibility: parley.VisibilityParty, Salience: 40, Capability: 90}))
	wantCode(t, s.CreatePosition(ctx, &parley.Position{IssueID: army.ID, PartyID: f.us.ID, Ideal: 2e6, ReservationVisibility: parley.VisibilityParty}), parley.EINVALID)
	wantCode(t, s.CreatePosition(ctx, &parley.Position{IssueID: nato.ID, PartyID: f.us.ID, Ideal: 1.5, ReservationVisibility: parley.VisibilityParty}), parley.EINVALID)
	wantCode(t, s.CreatePosition(ctx, &parley.Position{IssueID: army.ID, PartyID: f.us.ID, Ideal: 1, Salience: 101, ReservationVisibility: parley.VisibilityParty}), parley.EINVALID)

	list, err := s.ListPositions(ctx, parley.PositionFilter{NegotiationID: f.n.ID})
	must(t, err)
	if len(list) != 2 {
		t.Fatalf("%d positions, want 2", len(list))
	}
	var gotRU, gotUS *parley.Position
	for _, p := range list {
		if p.PartyID == f.ru.ID {
			gotRU = p
		} else {
			gotUS = p
		}
	}
	if gotRU.Reservation == nil || *gotRU.Reservation != 250000 || gotRU.Date.String() != "2025-11" || gotRU.SourceID != f.src.ID {
		t.Fatalf("RU position = %+v", gotRU)
	}
	if gotUS.Reservation != nil {
		t.Fatalf("US reservation = %v, want none", *gotUS.Reservation)
	}
	stale := *gotRU
	gotRU.Ideal = 150000
	editor := &parley.User{Username: "editor"}
	must(t, s.CreateUser(ctx, editor))
	must(t, s.UpdatePosition(parley.WithActor(ctx, editor.ID), gotRU))
	stale.Ideal = 50000
	wantCode(t, s.UpdatePosition(ctx, &stale), parley.ECONFLICT)

	// Every change is in the audit log, with who made it and the object
	// before and after; the refused stale write is not.
	log, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	var updates []*parley.AuditEntry
	for _, e := range log {
		if e.Object == "position" && e.Action == "update" {
			updates = append(updates, e)
		}
	}
	if len(updates) != 1 || updates[0].UserID != editor.ID || updates[0].ObjectID != gotRU.ID ||
		!strings.Contains(updates[0].Before, `"ideal":100000`) || !strings.Contains(updates[0].After, `"ideal":150000`) {
		t.Fatalf("audit of the position update = %+v", updates)
	}
	if len(log) < 6 || log[0].Object != "negotiation" || log[0].Action != "create" {
		t.Fatalf("audit log starts %+v (%d entries)", log[0], len(log))
	}
}

func testEventsAndUnderstandings(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Events")
	v := f.newVersion("Plan")
	must(t, s.CreateVersion(ctx, v))
	envoy := &parley.Actor{NegotiationID: f.n.ID, PartyID: f.us.ID, Name: "Envoy"}
	must(t, s.CreateActor(ctx, envoy))
	late := &parley.Event{NegotiationID: f.n.ID, Kind: parley.EventSummit, Title: "Summit", Date: parley.MustParseDate("2025-08-15"), Place: "Anchorage",
		ActorIDs: []int64{envoy.ID}, PartyIDs: []int64{f.us.ID, f.ru.ID}, VersionIDs: []int64{v.ID}, SourceIDs: []int64{f.src.ID}}
	must(t, s.CreateEvent(ctx, late))
	early := &parley.Event{NegotiationID: f.n.ID, Kind: parley.EventMeeting, Title: "Spring talks", Date: parley.MustParseDate("2025-04")}
	must(t, s.CreateEvent(ctx, early))
	wantCode(t, s.CreateEvent(ctx, &parley.Event{NegotiationID: f.n.ID, Kind: parley.EventMeeting, Title: "Undated"}), parley.EINVALID)
	wantCode(t, s.CreateEvent(ctx, &parley.Event{NegotiationID: f.n.ID, Kind: parley.EventMeeting, Title: "Ghost", Date: parley.MustParseDate("2025"), ActorIDs: []int64{999999}}), parley.EINVALID)

	list, err := s.ListEvents(ctx, f.n.ID)
	must(t, err)
	if len(list) != 2 || list[0].Title != "Spring talks" || list[1].Place != "Anchorage" || !slices.Equal(list[1].PartyIDs, []int64{f.us.ID, f.ru.ID}) {
		t.Fatalf("events = %+v", list)
	}

	u := &parley.Understanding{EventID: late.ID, PartyID: f.us.ID, Visibility: parley.VisibilityPublished,
		Claims: []parley.Claim{{Topic: "leaders-meeting", Text: "They will meet.", Agreed: true}}}
	must(t, s.CreateUnderstanding(ctx, u))
	wantCode(t, s.CreateUnderstanding(ctx, &parley.Understanding{EventID: late.ID, PartyID: f.ru.ID, Visibility: parley.VisibilityPublished}), parley.EINVALID)
	us, err := s.ListUnderstandings(ctx, late.ID)
	must(t, err)
	if len(us) != 1 || len(us[0].Claims) != 1 || us[0].Claims[0].Topic != "leaders-meeting" || !us[0].Claims[0].Agreed {
		t.Fatalf("understandings = %+v", us)
	}
}

func testSynonyms(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Synonyms")
	other := newFixture(t, s, "Synonyms elsewhere")
	got, err := s.ListSynonyms(ctx, f.n.ID)
	must(t, err)
	if got == nil || len(got) != 0 {
		t.Fatalf("no synonyms yet: %#v", got)
	}
	groups := []parley.SynonymGroup{{Key: "army-cap", Terms: []string{"army ceiling", "потолок армии"}}, {Key: "RU", Terms: []string{"Moscow"}}, {Key: "nato"}}
	must(t, s.SetSynonyms(ctx, f.n.ID, groups))
	must(t, s.SetSynonyms(ctx, other.n.ID, []parley.SynonymGroup{{Key: "army-cap", Terms: []string{"troops"}}}))
	got, err = s.ListSynonyms(ctx, f.n.ID)
	must(t, err)
	if len(got) != 3 || got[0].Key != "army-cap" || !slices.Equal(got[0].Terms, []string{"army ceiling", "потолок армии"}) || got[1].Key != "RU" || got[2].Terms == nil || len(got[2].Terms) != 0 {
		t.Fatalf("synonyms = %#v", got)
	}
	// A term in two groups, even written otherwise, is refused, and the
	// list stays as it was.
	wantCode(t, s.SetSynonyms(ctx, f.n.ID, []parley.SynonymGroup{{Key: "a", Terms: []string{"Army Ceiling"}}, {Key: "b", Terms: []string{"army-ceiling"}}}), parley.EINVALID)
	wantCode(t, s.SetSynonyms(ctx, 999999, groups), parley.ENOTFOUND)
	got, err = s.ListSynonyms(ctx, f.n.ID)
	must(t, err)
	if len(got) != 3 {
		t.Fatalf("a refused list changed the synonyms: %#v", got)
	}
	// Replacing the list replaces it whole; the change is audited with the
	// list before and after.
	must(t, s.SetSynonyms(ctx, f.n.ID, []parley.SynonymGroup{{Key: "leaders-meeting", Terms: []string{"Putin-Zelensky meeting"}}}))
	got, err = s.ListSynonyms(ctx, f.n.ID)
	must(t, err)
	if len(got) != 1 || got[0].Key != "leaders-meeting" {
		t.Fatalf("synonyms = %#v", got)
	}
	elsewhere, err := s.ListSynonyms(ctx, other.n.ID)
	must(t, err)
	if len(elsewhere) != 1 || elsewhere[0].Terms[0] != "troops" {
		t.Fatalf("another negotiation's synonyms = %#v", elsewhere)
	}
	audit, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	var last *parley.AuditEntry
	for _, e := range audit {
		if e.Object == "synonyms" {
			last = e
		}
	}
	if last == nil || last.Action != "update" || !strings.Contains(last.Before, "потолок армии") || !strings.Contains(last.After, "Putin-Zelensky meeting") {
		t.Fatalf("audit entry = %+v", last)
	}
}

func testUsersAndMembers(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Members")
	u := &parley.User{Username: "mediator", Name: "The Mediator", PasswordHash: "$argon2id$x"}
	must(t, s.CreateUser(ctx, u))
	wantCode(t, s.CreateUser(ctx, &parley.User{Username: "mediator"}), parley.ECONFLICT)
	wantCode(t, s.CreateUser(ctx, &parley.User{Username: "Bad Name"}), parley.EINVALID)
	got, err := s.FindUserByUsername(ctx, "mediator")
	must(t, err)
	if got.ID != u.ID || got.PasswordHash != "$argon2id$x" {
		t.Fatalf("user = %+v", got)
	}
	_, err = s.FindUserByUsername(ctx, "nobody")
	wantCode(t, err, parley.ENOTFOUND)

	must(t, s.SetMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: u.ID, Role: parley.RoleObserver}))
	must(t, s.SetMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: u.ID, Role: parley.RoleDelegate, PartyID: f.ru.ID}))
	wantCode(t, s.SetMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: u.ID, Role: parley.RoleDelegate}), parley.EINVALID)
	members, err := s.ListMembers(ctx, f.n.ID)
	must(t, err)
	if len(members) != 1 || members[0].Role != parley.RoleDelegate || members[0].PartyID != f.ru.ID {
		t.Fatalf("members = %+v", members)
	}
	mine, err := s.ListMemberships(ctx, u.ID)
	must(t, err)
	if len(mine) != 1 || mine[0].NegotiationID != f.n.ID {
		t.Fatalf("memberships = %+v", mine)
	}

	// Sessions: stored by token hash, found, touched, ended.
	now := time.Now().UTC().Truncate(time.Millisecond)
	sess := &parley.Session{TokenHash: "abc123", UserID: u.ID, Kind: parley.SessionCookie, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}
	must(t, s.CreateSession(ctx, sess))
	wantCode(t, s.CreateSession(ctx, sess), parley.ECONFLICT)
	wantCode(t, s.CreateSession(ctx, &parley.Session{TokenHash: "x", UserID: u.ID, Kind: "magic"}), parley.EINVALID)
	later := now.Add(time.Minute)
	must(t, s.TouchSession(ctx, "abc123", later))
	got2, err := s.FindSession(ctx, "abc123")
	must(t, err)
	if got2.UserID != u.ID || !got2.LastSeenAt.Equal(later) || !got2.ExpiresAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("session = %+v", got2)
	}
	must(t, s.DeleteSession(ctx, "abc123"))
	_, err = s.FindSession(ctx, "abc123")
	wantCode(t, err, parley.ENOTFOUND)
	must(t, s.SetPassword(ctx, u.ID, "$argon2id$new", ""))
	byID, err := s.FindUserByID(ctx, u.ID)
	must(t, err)
	if byID.PasswordHash != "$argon2id$new" {
		t.Fatalf("password hash = %q", byID.PasswordHash)
	}
}

// testIsolation checks that one negotiation's lists never show another's rows.
func testIsolation(t *testing.T, s parley.Store) {
	ctx := context.Background()
	a := newFixture(t, s, "A")
	b := newFixture(t, s, "B")
	must(t, s.CreateVersion(ctx, a.newVersion("a1")))
	list, err := s.ListVersions(ctx, parley.VersionFilter{NegotiationID: b.n.ID})
	must(t, err)
	parties, err := s.ListParties(ctx, b.n.ID)
	must(t, err)
	if len(list) != 0 || len(parties) != 2 {
		t.Fatalf("negotiation B sees %d versions and %d parties, want 0 and 2", len(list), len(parties))
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("ping: %v", err)
	}
	var pe *parley.Error
	if err := s.CreateParty(ctx, &parley.Party{NegotiationID: a.n.ID, Code: "X", Kind: parley.PartyState}); !errors.As(err, &pe) {
		t.Fatalf("missing name gave %v, want a parley error", err)
	}
}

func testAlignments(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Alignments")
	v1 := f.newVersion("First")
	must(t, s.CreateVersion(ctx, v1))
	v2 := f.newVersion("Second", v1.ID)
	must(t, s.CreateVersion(ctx, v2))

	_, err := s.FindAlignment(ctx, v1.ID, v2.ID)
	wantCode(t, err, parley.ENOTFOUND)
	a := &parley.Alignment{OldVersionID: v1.ID, NewVersionID: v2.ID, Links: []parley.AlignmentLink{
		{OldPointIDs: []int64{v1.Points[0].ID}, NewPointIDs: []int64{v2.Points[0].ID}, Kind: parley.LinkUnchanged, Similarity: 1},
		{OldPointIDs: []int64{v1.Points[1].ID}, NewPointIDs: nil, Kind: parley.LinkDeleted},
	}}
	must(t, s.SaveAlignment(ctx, a))
	a.Links = a.Links[:1]
	must(t, s.SaveAlignment(ctx, a)) // replaces
	got, err := s.FindAlignment(ctx, v1.ID, v2.ID)
	must(t, err)
	if len(got.Links) != 1 || got.Links[0].Kind != parley.LinkUnchanged || got.Links[0].NewPointIDs[0] != v2.Points[0].ID || got.ComputedAt.IsZero() {
		t.Fatalf("alignment = %+v", got)
	}

	other := newFixture(t, s, "Other alignments")
	ov := other.newVersion("Theirs")
	must(t, s.CreateVersion(ctx, ov))
	wantCode(t, s.SaveAlignment(ctx, &parley.Alignment{OldVersionID: v1.ID, NewVersionID: ov.ID}), parley.EINVALID)

	c := &parley.Correction{OldVersionID: v1.ID, NewVersionID: v2.ID, Action: parley.CorrectionRelink,
		OldPointIDs: []int64{v1.Points[2].ID}, NewPointIDs: []int64{v2.Points[3].ID}, Kind: parley.LinkMoved, Note: "checked against the paper copy"}
	must(t, s.CreateCorrection(ctx, c))
	must(t, s.CreateCorrection(ctx, &parley.Correction{OldVersionID: v1.ID, NewVersionID: v2.ID, Action: parley.CorrectionUnlink, NewPointIDs: []int64{v2.Points[4].ID}}))
	wantCode(t, s.CreateCorrection(ctx, &parley.Correction{OldVersionID: v1.ID, NewVersionID: v2.ID, Action: parley.CorrectionRelink,
		OldPointIDs: []int64{v2.Points[0].ID}, NewPointIDs: []int64{v2.Points[1].ID}, Kind: parley.LinkReworded}), parley.EINVALID) // old point of the wrong version
	wantCode(t, s.CreateCorrection(ctx, &parley.Correction{OldVersionID: v1.ID, NewVersionID: v2.ID, Action: "approve"}), parley.EINVALID)
	wantCode(t, s.CreateCorrection(ctx, &parley.Correction{OldVersionID: v1.ID, NewVersionID: v2.ID, Action: parley.CorrectionRelink,
		OldPointIDs: []int64{v1.Points[0].ID}, Kind: parley.LinkReworded}), parley.EINVALID) // reworded needs both sides
	list, err := s.ListCorrections(ctx, v1.ID, v2.ID)
	must(t, err)
	if len(list) != 2 || list[0].Note != "checked against the paper copy" || list[0].Kind != parley.LinkMoved || list[1].Action != parley.CorrectionUnlink {
		t.Fatalf("corrections = %+v", list)
	}
}

// oneWon checks the errors of writers that raced for one change: each
// succeeded or lost with a conflict, and exactly one succeeded. who names
// a writer in messages; tooMany reports the count of winners (%d).
func oneWon(t *testing.T, errs []error, who, tooMany string) {
	t.Helper()
	won := 0
	for _, err := range errs {
		switch parley.ErrorCode(err) {
		case "":
			won++
		case parley.ECONFLICT:
		default:
			t.Errorf("%s failed with %v, want success or conflict", who, err)
		}
	}
	if won != 1 {
		t.Fatalf(tooMany, won)
	}
}
