package storetest

import (
	"context"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"parley"
)

// Before returns the migrations of dir numbered below n: a store opened
// with them is a database as an older parley wrote it.
func Before(tb testing.TB, dir fs.FS, n string) fs.FS {
	tb.Helper()
	names, err := fs.Glob(dir, "*.sql")
	must(tb, err)
	out := fstest.MapFS{}
	for _, name := range names {
		if path.Base(name) >= n {
			continue
		}
		body, err := fs.ReadFile(dir, name)
		must(tb, err)
		out[name] = &fstest.MapFile{Data: body}
	}
	return out
}

// OldStance writes a stance row as the schema before migration 0008 held
// it, with no history and no rule of one stance per party and point.
type OldStance func(negotiationID, pointID, partyID int64, value, date string) error

// StanceHistoryUpgrade checks migration 0008 on a database written before
// it: old is the store on that database with the migrations before 0008
// and a way to write old stance rows; upgrade closes it and opens the
// database again with every migration. Each stance becomes the first
// entry of its history; of two stances of a party on one point, the newer
// stays current and the older becomes its earlier history.
func StanceHistoryUpgrade(t *testing.T, old parley.Store, insert OldStance, upgrade func() parley.Store) {
	ctx := context.Background()
	f := newBareFixture(t, old, "Before 0008")
	v := f.newVersion("Draft")
	must(t, old.CreateVersion(ctx, v))
	for _, st := range []struct {
		point       int64
		value, date string
	}{
		{v.Points[0].ID, "reject", "2025-11-25"}, // newer, written first
		{v.Points[0].ID, "undecided", "2025-11-20"},
		{v.Points[1].ID, "accept", "2025-11-21"},
	} {
		must(t, insert(f.n.ID, st.point, f.us.ID, st.value, st.date))
	}
	s := upgrade()
	cur, err := s.ListStances(ctx, parley.StanceFilter{VersionID: v.ID})
	must(t, err)
	if len(cur) != 2 || cur[0].Value != parley.StanceReject || cur[1].Value != parley.StanceAccept {
		t.Fatalf("current stances after the migration = %+v, want reject on 1 and accept on 2", cur)
	}
	hist, err := s.ListStanceHistory(ctx, parley.StanceFilter{PointID: v.Points[0].ID})
	must(t, err)
	var got []string
	for _, h := range hist {
		got = append(got, h.Value+" "+h.Date.String())
	}
	if strings.Join(got, ", ") != "undecided 2025-11-20, reject 2025-11-25" {
		t.Fatalf("history of point 1 = %v, want the older stance first", got)
	}
	// The stance goes on: a change is its next revision.
	cur[0].Value = parley.StanceAccept
	must(t, s.UpdateStance(ctx, cur[0]))
	wantCode(t, s.CreateStance(ctx, &parley.Stance{NegotiationID: f.n.ID, PointID: v.Points[1].ID, PartyID: f.us.ID, Value: parley.StanceReject,
		Date: parley.MustParseDate("2025-12-01"), Visibility: parley.VisibilityPublished}), parley.ECONFLICT)
}

// OldSource writes a source row as the schema before migration 0010 held
// it, with no revision and no grade history, and returns its id.
type OldSource func(negotiationID int64, title, reliability string, credibility int) (int64, error)

// SourceGradesUpgrade checks migration 0010 on a database written before
// it: each source keeps its grade, is at revision 1, and has that grade as
// the first entry of its history; a regrading then goes on from there.
func SourceGradesUpgrade(t *testing.T, old parley.Store, insert OldSource, upgrade func() parley.Store) {
	ctx := context.Background()
	f := newBareFixture(t, old, "Before 0010")
	id, err := insert(f.n.ID, "Old wire report", "B", 2)
	must(t, err)
	s := upgrade()
	src, err := s.FindSourceByID(ctx, id)
	must(t, err)
	if src.Grade() != "B2" || src.Revision != 1 {
		t.Fatalf("source after the migration = %+v, want B2 at revision 1", src)
	}
	grades, err := s.ListSourceGrades(ctx, id)
	must(t, err)
	if len(grades) != 1 || grades[0].Grade() != "B2" || grades[0].Revision != 1 || !grades[0].GradedAt.IsZero() {
		t.Fatalf("grades after the migration = %+v, want the old grade, undated", grades)
	}
	src.Reliability, src.Credibility = "D", 4
	must(t, s.RegradeSource(ctx, src, "looked again"))
	grades, err = s.ListSourceGrades(ctx, id)
	must(t, err)
	if len(grades) != 2 || grades[1].Grade() != "D4" || src.Revision != 2 {
		t.Fatalf("grades after a regrading = %+v", grades)
	}
}
