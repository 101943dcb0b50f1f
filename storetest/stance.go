package storetest

import (
	"context"
	"sync"
	"testing"

	"parley"
)

// testStanceHistory: a party holds one stance on a point; each change is a
// new revision, every revision is kept in order, stale writes and writes
// into another negotiation are refused, and the audit log has each change.
func testStanceHistory(t *testing.T, s parley.Store) {
	ctx := parley.WithActor(context.Background(), 0)
	f := newFixture(t, s, "Stance history")
	v := f.newVersion("Draft")
	must(t, s.CreateVersion(ctx, v))
	st := &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[1].ID, PartyID: f.ru.ID, Value: parley.StanceUndecided,
		Date: parley.MustParseDate("2025-11-20"), Visibility: parley.VisibilityParty, Note: "first reading"}
	must(t, s.CreateStance(ctx, st))
	if st.ID == 0 || st.Revision != 1 || st.RecordedAt.IsZero() {
		t.Fatalf("created stance = %+v, want an id, revision 1 and a time of writing", st)
	}
	// A second stance of the same party on the same point is refused.
	dup := &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[1].ID, PartyID: f.ru.ID, Value: parley.StanceAccept,
		Date: parley.MustParseDate("2025-11-21"), Visibility: parley.VisibilityPublished}
	wantCode(t, s.CreateStance(ctx, dup), parley.ECONFLICT)
	// Another party's stance on the point is its own.
	must(t, s.CreateStance(ctx, &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[1].ID, PartyID: f.us.ID, Value: parley.StanceAccept,
		Date: parley.MustParseDate("2025-11-20"), Visibility: parley.VisibilityPublished}))

	stale := *st
	st.Value, st.Date, st.Note = parley.StanceAcceptWithChanges, parley.MustParseDate("2025-11-24"), "with the Geneva changes"
	must(t, s.UpdateStance(ctx, st))
	st.Value, st.Date, st.Visibility, st.SourceID = parley.StanceAccept, parley.MustParseDate("2025-11-30"), parley.VisibilityPublished, f.src.ID
	// The point and party of a stance are not changed by an update.
	st.PointID, st.PartyID = v.Points[0].ID, f.us.ID
	must(t, s.UpdateStance(ctx, st))
	if st.Revision != 3 || st.PointID != v.Points[1].ID || st.PartyID != f.ru.ID {
		t.Fatalf("updated stance = %+v, want revision 3 on point %d of party %d", st, v.Points[1].ID, f.ru.ID)
	}
	stale.Value = parley.StanceReject
	wantCode(t, s.UpdateStance(ctx, &stale), parley.ECONFLICT)
	// A stance of this negotiation is not reached through another.
	other := newFixture(t, s, "Other stance history")
	wrong := *st
	wrong.NegotiationID = other.n.ID
	wantCode(t, s.UpdateStance(ctx, &wrong), parley.ENOTFOUND)
	bad := *st
	bad.Value = "maybe"
	wantCode(t, s.UpdateStance(ctx, &bad), parley.EINVALID)

	cur, err := s.ListStances(ctx, parley.StanceFilter{PointID: v.Points[1].ID, PartyID: f.ru.ID})
	must(t, err)
	if len(cur) != 1 || cur[0].Value != parley.StanceAccept || cur[0].Revision != 3 || cur[0].SourceID != f.src.ID || cur[0].RecordedAt.IsZero() {
		t.Fatalf("current stance = %+v, want accept at revision 3 with its source", cur)
	}
	hist, err := s.ListStanceHistory(ctx, parley.StanceFilter{NegotiationID: f.n.ID, PointID: v.Points[1].ID, PartyID: f.ru.ID})
	must(t, err)
	want := []struct {
		value, date, visibility string
		revision                int64
	}{
		{parley.StanceUndecided, "2025-11-20", parley.VisibilityParty, 1},
		{parley.StanceAcceptWithChanges, "2025-11-24", parley.VisibilityParty, 2},
		{parley.StanceAccept, "2025-11-30", parley.VisibilityPublished, 3},
	}
	if len(hist) != len(want) {
		t.Fatalf("history = %d revisions (%+v), want %d", len(hist), hist, len(want))
	}
	for i, w := range want {
		h := hist[i]
		if h.ID != st.ID || h.Value != w.value || h.Date.String() != w.date || h.Visibility != w.visibility || h.Revision != w.revision || h.RecordedAt.IsZero() {
			t.Errorf("history[%d] = %+v, want stance %d %s on %s (%s), revision %d", i, h, st.ID, w.value, w.date, w.visibility, w.revision)
		}
	}
	if hist[0].Note != "first reading" || hist[1].Note != "with the Geneva changes" {
		t.Errorf("history notes = %q, %q", hist[0].Note, hist[1].Note)
	}
	all, err := s.ListStanceHistory(ctx, parley.StanceFilter{VersionID: v.ID})
	must(t, err)
	if len(all) != 4 {
		t.Fatalf("history of the version = %d revisions, want 4 (3 of RU, 1 of US)", len(all))
	}
	entries, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	var actions []string
	for _, e := range entries {
		if e.Object == "stance" && e.ObjectID == st.ID {
			actions = append(actions, e.Action)
		}
	}
	if len(actions) != 3 || actions[0] != "create" || actions[1] != "update" || actions[2] != "update" {
		t.Fatalf("audit of stance %d = %v, want create, update, update", st.ID, actions)
	}
}

// testStancesCarried: a stance carried to a new version's point names the
// stance it came from and the link kind; confirming it clears both and
// keeps the carried revision in the history.
func testStancesCarried(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Carried stances")
	v1 := f.newVersion("First")
	must(t, s.CreateVersion(ctx, v1))
	v2 := f.newVersion("Second", v1.ID)
	must(t, s.CreateVersion(ctx, v2))
	day := parley.MustParseDate("2025-11-20")
	old := &parley.Stance{NegotiationID: f.n.ID, PointID: v1.Points[0].ID, PartyID: f.ru.ID, Value: parley.StanceAccept, Date: day, Visibility: parley.VisibilityPublished}
	must(t, s.CreateStance(ctx, old))

	wantCode(t, s.CreateStance(ctx, &parley.Stance{NegotiationID: f.n.ID, PointID: v2.Points[0].ID, PartyID: f.us.ID, Value: parley.StanceAccept, Date: day,
		Visibility: parley.VisibilityPublished, CarriedFrom: old.ID, CarriedKind: parley.LinkUnchanged}), parley.EINVALID) // another party's stance
	wantCode(t, s.CreateStance(ctx, &parley.Stance{NegotiationID: f.n.ID, PointID: v2.Points[0].ID, PartyID: f.ru.ID, Value: parley.StanceAccept, Date: day,
		Visibility: parley.VisibilityPublished, CarriedFrom: old.ID, CarriedKind: parley.LinkAdded}), parley.EINVALID) // nothing is carried over an added link

	carried := &parley.Stance{NegotiationID: f.n.ID, PointID: v2.Points[0].ID, PartyID: f.ru.ID, Value: parley.StanceAccept, Date: day,
		Visibility: parley.VisibilityPublished, CarriedFrom: old.ID, CarriedKind: parley.LinkReworded}
	must(t, s.CreateStance(ctx, carried))
	got, err := s.ListStances(ctx, parley.StanceFilter{VersionID: v2.ID})
	must(t, err)
	if len(got) != 1 || got[0].CarriedFrom != old.ID || got[0].CarriedKind != parley.LinkReworded || !got[0].ToConfirm() {
		t.Fatalf("stances of the new version = %+v, want one carried from %d over a reworded link", got, old.ID)
	}
	confirm := *got[0]
	confirm.CarriedFrom, confirm.CarriedKind, confirm.Date = 0, "", parley.MustParseDate("2025-11-25")
	must(t, s.UpdateStance(ctx, &confirm))
	hist, err := s.ListStanceHistory(ctx, parley.StanceFilter{ID: carried.ID})
	must(t, err)
	if len(hist) != 2 || !hist[0].ToConfirm() || hist[0].CarriedFrom != old.ID || hist[1].ToConfirm() || hist[1].Date.String() != "2025-11-25" {
		t.Fatalf("history of the carried stance = %+v, want the carried revision, then the confirmed one", hist)
	}
	// The old version's stance is untouched.
	got, err = s.ListStances(ctx, parley.StanceFilter{VersionID: v1.ID})
	must(t, err)
	if len(got) != 1 || got[0].ID != old.ID || got[0].Revision != 1 || got[0].ToConfirm() {
		t.Fatalf("stances of the old version = %+v", got)
	}
}

// testStanceConcurrentCreate: of several writers creating one party's
// first stance on a point at once, exactly one succeeds; the others get a
// conflict, never a second stance.
func testStanceConcurrentCreate(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Stance race")
	v := f.newVersion("Draft")
	must(t, s.CreateVersion(ctx, v))
	const writers = 6
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			errs[i] = s.CreateStance(ctx, &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[2].ID, PartyID: f.us.ID,
				Value: parley.StanceValues[i%len(parley.StanceValues)], Date: parley.MustParseDate("2025-11-20"), Visibility: parley.VisibilityPublished})
		})
	}
	wg.Wait()
	oneWon(t, errs, "writer", "%d writers created a stance of one party on one point, want exactly 1")
	got, err := s.ListStanceHistory(ctx, parley.StanceFilter{PointID: v.Points[2].ID})
	must(t, err)
	if len(got) != 1 {
		t.Fatalf("history = %d revisions, want 1", len(got))
	}
}
