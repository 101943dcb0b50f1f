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
