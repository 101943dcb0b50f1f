package forecast_test

import (
	"testing"

	"parley"
	"parley/forecast"
)

func TestFromPositionsTakesNewest(t *testing.T) {
	is := &parley.Issue{ID: 7, Name: "Army cap", Scale: parley.ScaleNumeric, Min: 0, Max: 1e6}
	res := 1.0
	positions := []*parley.Position{
		{IssueID: 7, PartyID: 1, Date: parley.MustParseDate("2025-04"), Ideal: 50000, Salience: 90, Capability: 60, Reservation: &res},
		{IssueID: 7, PartyID: 1, Date: parley.MustParseDate("2025-11"), Ideal: 100000, Salience: 90, Capability: 60},
		{IssueID: 7, PartyID: 2, Date: parley.MustParseDate("2025-11"), Ideal: 800000, Salience: 90, Capability: 60},
		{IssueID: 8, PartyID: 2, Ideal: 3, Salience: 10, Capability: 10},
	}
	names := map[int64]string{1: "RU", 2: "UA"}
	fi, sc := forecast.FromPositions(is, positions, func(id int64) string { return names[id] })
	if len(fi.Actors) != 2 || fi.Actors[0].Position != 100000 || fi.Actors[1].Name != "UA" || sc.Max != 1e6 {
		t.Fatalf("issue = %+v, scale %+v", fi, sc)
	}
	if got := forecast.Compromise(fi); got != 450000 {
		t.Fatalf("compromise = %v, want 450000", got)
	}
	f := forecast.Simulate(forecast.Compromise, fi, sc, forecast.DefaultUncertainty, 500)
	if f.Low > f.Median || f.Median > f.High || f.Low < 0 || f.High > 1e6 {
		t.Fatalf("interval %v-%v around %v", f.Low, f.High, f.Median)
	}
}

func TestBound(t *testing.T) {
	for _, tc := range []struct {
		name   string
		x      float64
		ranges []forecast.Range
		want   float64
		ok     bool
	}{
		{"no veto players", 42, nil, 42, true},
		{"inside", 50, []forecast.Range{{40, 80}, {0, 60}}, 50, true},
		{"above the overlap", 90, []forecast.Range{{40, 80}, {60, 0}}, 60, true},
		{"below the overlap", 10, []forecast.Range{{40, 80}, {0, 60}}, 40, true},
		{"no overlap", 50, []forecast.Range{{70, 80}, {0, 60}}, 50, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := forecast.Bound(tc.x, tc.ranges)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Bound(%v, %v) = %v, %v; want %v, %v", tc.x, tc.ranges, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// A veto player's range counts only when the caller may know its
// reservation value.
func TestVetoRangesRespectWhatTheCallerMayKnow(t *testing.T) {
	res := func(v float64) *float64 { return &v }
	is := &parley.Issue{ID: 1, VetoPartyIDs: []int64{10, 20}}
	positions := []*parley.Position{
		{IssueID: 1, PartyID: 10, Ideal: 100, Reservation: res(60)},
		{IssueID: 1, PartyID: 20, Ideal: 0, Reservation: res(80)},
		{IssueID: 1, PartyID: 30, Ideal: 50, Reservation: res(50)}, // not a veto player
	}
	all := forecast.VetoRanges(is, positions, func(*parley.Position) bool { return true })
	if len(all) != 2 || all[0] != (forecast.Range{Lo: 60, Hi: 100}) || all[1] != (forecast.Range{Lo: 0, Hi: 80}) {
		t.Fatalf("all ranges = %v", all)
	}
	own := forecast.VetoRanges(is, positions, func(p *parley.Position) bool { return p.PartyID == 20 })
	if len(own) != 1 || own[0] != (forecast.Range{Lo: 0, Hi: 80}) {
		t.Fatalf("party 20's view = %v, want only its own range", own)
	}
}
