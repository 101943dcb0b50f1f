package forecast_test

import (
	"math"
	"testing"

	"parley/forecast"
)

// threeActors is the hand-worked case: A at 0 (capability 1, salience
// 100), B at 50 (2, 50), C at 100 (1, 80). On [0, 1] the positions are 0,
// 0.5 and 1, the saliences 1, 0.5 and 0.8, the vote weights c×s 1, 1, 0.8.
func threeActors() forecast.Issue {
	return forecast.Issue{ID: "hand", Actors: []forecast.Actor{
		{Name: "A", Position: 0, Capability: 1, Salience: 100},
		{Name: "B", Position: 50, Capability: 2, Salience: 50},
		{Name: "C", Position: 100, Capability: 1, Salience: 80},
	}}
}

func close6(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// The first round, worked by hand.
//
// Median voter: weighted distances 1.3 (at 0), 0.9 (at 0.5), 1.5 (at 1):
// B's position, 50.
//
// Win probabilities from the votes c_k s_k (|x_k-x_j| - |x_k-x_i|):
// P(A,B) = 0.5/1.4 = 5/14, P(A,C) = 1/1.8 = 5/9, P(B,C) = 1/1.4 = 5/7.
//
// Risk-neutral (r = 1, Q = 1) the utilities are U_s = 2d, U_f = -2d,
// U_sq = 0, so EU(i,j) = 2d (s_j (2P-1) + 1 - s_j):
// EU(B,A) = 2/7, EU(C,A) = -2/9, EU(A,B) = 5/14, EU(C,B) = 2/7,
// EU(A,C) = 26/45, EU(B,C) = 19/35. Exposures: A 4/63, B 9/14, C 353/315.
// A is the least exposed (R = -1, r = 2), C the most (R = 1, r = 0.5);
// B has R = 32/333 and r = (1 - 32/999)/(1 + 32/999) = 967/1031.
//
// Offers. A (r = 2) against B: U_s = 1.75, U_f = -0.25, U_sq = 1;
// EU_A(A,B) = 3/28 > EU_A(B,A) = 1/28 > 0: conflict, B should come to 0.
// A against C: EU_A(A,C) = 1.6/9 - 0.6 < 0: no offer. B (r = 967/1031)
// against C: EU_B(B,C) = 0.5491 > EU_B(C,B) = 0.2966 > 0: conflict, C
// should come to 50. B against A and C against both see the other side
// gaining more: no offer. So B moves to 0 and C to 50, and the median
// voter moves to 0 (weighted distances 0.4 at 0, 1.0 at 0.5).
func TestExpectedUtilityFirstRoundByHand(t *testing.T) {
	res := forecast.DefaultEUM.Run(threeActors())
	if res.Start != 50 {
		t.Errorf("median voter before the first round = %v, want 50", res.Start)
	}
	if len(res.Rounds) == 0 {
		t.Fatal("no rounds")
	}
	r1 := res.Rounds[0]
	wantRisk := []float64{2, 967.0 / 1031, 0.5}
	for k, want := range wantRisk {
		if !close6(r1.Risk[k], want) {
			t.Errorf("round 1: risk exponent of actor %d = %.6f, want %.6f", k, r1.Risk[k], want)
		}
	}
	wantMoves := []forecast.Move{
		{Actor: 1, Proposer: 0, Kind: forecast.OfferConflict, From: 50, To: 0},
		{Actor: 2, Proposer: 1, Kind: forecast.OfferConflict, From: 100, To: 50},
	}
	if len(r1.Moves) != len(wantMoves) {
		t.Fatalf("round 1 moves = %+v, want %+v", r1.Moves, wantMoves)
	}
	for k, want := range wantMoves {
		got := r1.Moves[k]
		if got.Actor != want.Actor || got.Proposer != want.Proposer || got.Kind != want.Kind || !close6(got.From, want.From) || !close6(got.To, want.To) {
			t.Errorf("round 1 move %d = %+v, want %+v", k, got, want)
		}
	}
	if r1.Median != 0 {
		t.Errorf("median after round 1 = %v, want 0", r1.Median)
	}
}

// The whole runs, checked against an independent implementation of the
// same equations (a short script, run by hand): rounds, offers and the
// settled median.
func TestExpectedUtilityRuns(t *testing.T) {
	five := forecast.Issue{ID: "five", Actors: []forecast.Actor{
		{Position: 10, Capability: 3, Salience: 60},
		{Position: 30, Capability: 1, Salience: 90},
		{Position: 35, Capability: 2, Salience: 40},
		{Position: 70, Capability: 2, Salience: 70},
		{Position: 90, Capability: 1, Salience: 100},
	}}
	for _, tc := range []struct {
		name     string
		model    forecast.EUM
		issue    forecast.Issue
		forecast float64
		rounds   int
		last     []float64 // positions after the last round
	}{
		// Round 2: B has come to A, and C capitulates to A as well; in
		// round 3 nobody moves and the run stops.
		{"three actors", forecast.DefaultEUM, threeActors(), 0, 3, []float64{0, 0, 0}},
		// With Q = 0.5 the status quo may drift: B compromises towards A
		// round after round (37.5, 31.195, 27.161, 24.301) until A gives
		// in to C, and then B follows (round 6 confirms).
		{"three actors, Q 0.5", forecast.EUM{Q: 0.5, MaxRounds: 100, Tolerance: 1e-6}, threeActors(), 100, 6, []float64{100, 100, 100}},
		// B (30) is the least exposed; C and D come to 30 in round 1, and
		// after round 2 (A at 27.237, E at 63.666) A and E go on
		// compromising towards 30 until, in round 42, neither moves by a
		// thousandth of the range.
		{"five actors", forecast.DefaultEUM, five, 30, 42, []float64{30, 30, 30, 30, 34.12434345822239}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.model.Run(tc.issue)
			if !close6(res.Forecast, tc.forecast) || len(res.Rounds) != tc.rounds || !res.Settled {
				t.Fatalf("forecast %v after %d rounds (settled %v), want %v after %d", res.Forecast, len(res.Rounds), res.Settled, tc.forecast, tc.rounds)
			}
			got := res.Rounds[len(res.Rounds)-1].Positions
			for k := range tc.last {
				if !close6(got[k], tc.last[k]) {
					t.Errorf("last positions = %v, want %v", got, tc.last)
					break
				}
			}
		})
	}
	if r := forecast.DefaultEUM.Run(five).Rounds[1].Positions; !close6(r[0], 27.236961518281046) || !close6(r[4], 63.66608434654082) {
		t.Errorf("five actors after round 2: %v", r)
	}
	q := forecast.EUM{Q: 0.5, MaxRounds: 100, Tolerance: 1e-6}.Run(threeActors())
	for k, want := range []float64{37.5, 31.19517543859651, 27.16084348069243, 24.300553592660698} {
		if got := q.Rounds[k].Positions[1]; !close6(got, want) {
			t.Errorf("Q 0.5: B after round %d = %v, want %v", k+1, got, want)
		}
	}
}

func TestExpectedUtilityEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		issue forecast.Issue
		want  float64
	}{
		{"no actors", forecast.Issue{}, 0},
		{"one actor", forecast.Issue{Actors: []forecast.Actor{{Position: 42, Capability: 1, Salience: 50}}}, 42},
		{"all agree", forecast.Issue{Actors: []forecast.Actor{{Position: 7, Capability: 1, Salience: 50}, {Position: 7, Capability: 3, Salience: 10}}}, 7},
		{"no weight", forecast.Issue{Actors: []forecast.Actor{{Position: 0}, {Position: 100}}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := forecast.ExpectedUtility(tc.issue); got != tc.want || math.IsNaN(got) {
				t.Errorf("forecast = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestParleyFit refits parley's model on the development file: the
// settings in DefaultParley must be what FitParley chooses there, and
// under grouped five-fold cross-validation (settings fitted without the
// fold's proposals) the model must beat the three fixed models.
func TestParleyFit(t *testing.T) {
	issues := devIssues(t)
	if got := forecast.FitParley(issues); got != forecast.DefaultParley {
		t.Errorf("FitParley = %+v; DefaultParley holds %+v", got, forecast.DefaultParley)
	}
	for seed := range uint64(3) {
		errs := forecast.CrossValidate(issues, 5, seed)
		t.Logf("seed %d: %v", seed, errs)
		for _, other := range []string{"compromise", "median", "eum"} {
			if errs["parley"] >= errs[other] {
				t.Errorf("seed %d: cross-validated error of parley %.2f is not below %s %.2f", seed, errs["parley"], other, errs[other])
			}
		}
	}
}

// The Monte Carlo interval of the default model (--interval montecarlo),
// with the shared spread calibrated for it (see DefaultUncertainty),
// holds about 80% of the outcomes of the development file.
func TestMonteCarloIntervalCoverage(t *testing.T) {
	issues := devIssues(t)
	c, n := forecast.IntervalCoverage(forecast.DefaultModel, issues, forecast.Percent, forecast.DefaultUncertainty, 200)
	t.Logf("the default model's Monte Carlo 80%% interval holds %.3f of %d outcomes", c, n)
	if c < 0.75 || c > 0.85 {
		t.Errorf("coverage %.3f, want about 0.80", c)
	}
}

// The median voter position need not move for the model to go on: here
// the median voter (at 60, the heaviest actor) holds for two rounds while
// the others' positions shift, and then gives way; a rule that stopped
// when the median did not move would have stopped after round 1 at 60.
func TestExpectedUtilityMovesWhenTheMedianHolds(t *testing.T) {
	is := forecast.Issue{ID: "holds", Actors: []forecast.Actor{
		{Position: 60, Capability: 3, Salience: 80},
		{Position: 20, Capability: 2, Salience: 90},
		{Position: 10, Capability: 1, Salience: 100},
		{Position: 80, Capability: 1, Salience: 60},
	}}
	res := forecast.DefaultEUM.Run(is)
	if res.Start != 60 || res.Rounds[0].Median != 60 || res.Rounds[1].Median != 60 {
		t.Fatalf("start %v, medians %v, %v: want 60 held for two rounds", res.Start, res.Rounds[0].Median, res.Rounds[1].Median)
	}
	if !res.Settled || len(res.Rounds) < 3 || close6(res.Forecast, 60) {
		t.Fatalf("forecast %v after %d rounds (settled %v): want it to leave 60", res.Forecast, len(res.Rounds), res.Settled)
	}
	t.Logf("forecast %v after %d rounds", res.Forecast, len(res.Rounds))
	if !close6(res.Forecast, 20) {
		t.Errorf("forecast %v, want 20", res.Forecast)
	}
}
