package storetest

import (
	"context"
	"slices"
	"testing"

	"parley"
)

// testDatesInOrder stores events and versions with EDTF level 1 dates
// (a season, an interval, an approximate month, an open start) and
// checks that each reads back as written and that lists come in the
// order of the dates (parley.Date.Compare), not of their text: spring
// 2025 is "2025-21", which sorts after December as text.
func testDatesInOrder(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Dates")
	written := []string{"2025-24", "2025-12", "2025-21", "2025-11-20/2025-11-23", "2025-11~", "../2025-03", "2025-1X", "2025-11-20?"}
	want := []string{"../2025-03", "2025-21", "2025-1X", "2025-11", "2025-11~", "2025-11-20/2025-11-23", "2025-11-20?", "2025-24", "2025-12"}
	for _, d := range written {
		must(t, s.CreateEvent(ctx, &parley.Event{NegotiationID: f.n.ID, Kind: parley.EventMeeting, Title: d, Date: parley.MustParseDate(d)}))
	}
	must(t, s.CreateEvent(ctx, &parley.Event{NegotiationID: f.n.ID, Kind: parley.EventMeeting, Title: "2025-11", Date: parley.MustParseDate("2025-11")}))
	events, err := s.ListEvents(ctx, f.n.ID)
	must(t, err)
	var got []string
	for _, e := range events {
		if e.Date.String() != e.Title {
			t.Errorf("event dated %q reads back as %q", e.Title, e.Date)
		}
		got = append(got, e.Date.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("events in order:\n got %q\nwant %q", got, want)
	}

	for _, d := range []string{"2025-21", "2025-11-20/2025-11-23", "2025-12"} {
		v := f.newVersion(d)
		v.Date = parley.MustParseDate(d)
		must(t, s.CreateVersion(ctx, v))
	}
	versions, err := s.ListVersions(ctx, parley.VersionFilter{NegotiationID: f.n.ID})
	must(t, err)
	got = got[:0]
	for _, v := range versions {
		got = append(got, v.Date.String())
	}
	if want := []string{"2025-21", "2025-11-20/2025-11-23", "2025-12"}; !slices.Equal(got, want) {
		t.Errorf("versions in order: got %q, want %q", got, want)
	}
}
