package forecast_test

import (
	"math"
	"strconv"
	"testing"

	"parley/forecast"
)

// Worked by hand: with linear utilities and breakdown at the far end, two
// actors at 0 and 100 with weights w1 and w2 maximise w1 ln(1-t) + w2 ln t,
// so t = w2/(w1+w2); three of equal weight at 0, 100, 100 give t = 2/3.
func TestNashByHand(t *testing.T) {
	two := forecast.Issue{Actors: []forecast.Actor{{Position: 0, Salience: 50, Capability: 1}, {Position: 100, Salience: 50, Capability: 3}}}
	if got := forecast.Nash(two); math.Abs(got-75) > 1e-4 {
		t.Errorf("two actors: %v, want 75", got)
	}
	three := forecast.Issue{Actors: []forecast.Actor{{Position: 0, Salience: 60, Capability: 1}, {Position: 100, Salience: 60, Capability: 1}, {Position: 100, Salience: 60, Capability: 1}}}
	if got := forecast.Nash(three); math.Abs(got-200.0/3) > 1e-4 {
		t.Errorf("three actors: %v, want 66.67", got)
	}
	// Quadratic: two actors at 0 and 1 (span 1), equal weight: by symmetry 0.5.
	sym := forecast.Issue{Actors: []forecast.Actor{{Position: 0, Salience: 50, Capability: 1}, {Position: 1, Salience: 50, Capability: 1}}}
	if got := forecast.NashQuadratic(sym); math.Abs(got-0.5) > 1e-6 {
		t.Errorf("quadratic: %v, want 0.5", got)
	}
	// An actor in the middle pulls harder than its weight would in a mean:
	// its gain falls to nothing at either end.
	mid := forecast.Issue{Actors: []forecast.Actor{{Position: 0, Salience: 50, Capability: 1}, {Position: 50, Salience: 50, Capability: 1}, {Position: 100, Salience: 50, Capability: 2}}}
	if n, c := forecast.Nash(mid), forecast.Compromise(mid); !(n < c) || n < 50 {
		t.Errorf("nash %v, compromise %v: want nash between 50 and the compromise", n, c)
	}
	for _, is := range []forecast.Issue{{}, {Actors: []forecast.Actor{{Position: 7}}}, {Actors: []forecast.Actor{{Position: 3}, {Position: 9}}}} {
		if got := forecast.Nash(is); math.IsNaN(got) || math.IsInf(got, 0) {
			t.Errorf("%v: %v", is.Actors, got)
		}
	}
}

// A conformal interval grows from the point by the actors' positions: an
// outcome's score is the distance to the nearest position at or beyond
// it, over the spread; the rule's quantile counts proposals, not issues;
// the interval ends at positions within the reach, inside the actors'
// range, and an outcome outside it scores infinity.
func TestConformalByHand(t *testing.T) {
	// Two actors carry all the weight (spread 30 around 50); the others
	// have no salience, so they mark positions without moving the spread.
	is := forecast.Issue{Actors: []forecast.Actor{{Position: 20, Salience: 50, Capability: 1}, {Position: 80, Salience: 50, Capability: 1}}}
	for _, x := range []float64{53, 56, 59, 62, 65, 68, 71, 74} {
		is.Actors = append(is.Actors, forecast.Actor{Position: x, Capability: 1})
	}
	if s := forecast.Spread(is, 50); math.Abs(s-30) > 1e-9 {
		t.Fatalf("spread %v, want 30", s)
	}
	for _, c := range []struct{ outcome, score float64 }{
		{50, 0}, {65, 0.5}, {64, 0.5}, {75, 1}, {30, 1}, {20, 1}, {90, math.Inf(1)},
	} {
		if s := forecast.ConformalScore(is, 50, c.outcome); math.Abs(s-c.score) > 1e-9 && s != c.score {
			t.Errorf("outcome %v scores %v, want %v", c.outcome, s, c.score)
		}
	}
	var cal []forecast.Issue
	var points []float64
	for k, out := range []float64{50, 53, 56, 59, 62, 65, 68, 71, 74} { // scores 0, 0.1, ..., 0.8
		o := out
		c := is
		c.ID, c.Outcome = strconv.Itoa(k), &o
		cal = append(cal, c)
		points = append(points, 50)
	}
	c := forecast.CalibrateConformal(cal, points, 0.8)
	// Nine proposals of one issue each: the ⌈10·0.8⌉ = 8th smallest score, 0.7.
	if math.Abs(c.Q-0.7) > 1e-9 || c.N != 9 || c.Groups != 9 {
		t.Fatalf("Q %v on %d issues of %d groups, want 0.7 on 9 of 9", c.Q, c.N, c.Groups)
	}
	// Reach 0.7 × 30 = 21: positions up to 71 on the right, none on the left.
	if lo, hi := c.Interval(is, 50); lo != 50 || hi != 71 {
		t.Errorf("interval %v-%v, want 50-71", lo, hi)
	}
	if lo, hi := forecast.Reach(is, 50, 1); lo != 20 || hi != 80 {
		t.Errorf("reach 1: %v-%v, want the whole range 20-80", lo, hi)
	}
	if lo, hi := forecast.Reach(is, 50, math.Inf(1)); lo != 20 || hi != 80 {
		t.Errorf("infinite reach: %v-%v, want 20-80", lo, hi)
	}
	// The five smallest scores from one proposal weigh as one proposal:
	// five groups, each 1/5, need 0.8 × 6/5 = 0.96 of the weight: 0.8.
	for k := range 5 {
		cal[k].Group = "one proposal"
	}
	if c := forecast.CalibrateConformal(cal, points, 0.8); math.Abs(c.Q-0.8) > 1e-9 || c.Groups != 5 {
		t.Errorf("grouped: Q %v over %d groups, want 0.8 over 5", c.Q, c.Groups)
	}
	if c := forecast.CalibrateConformal(cal[5:7], points[5:7], 0.8); !math.IsInf(c.Q, 1) {
		t.Errorf("two proposals cannot calibrate an 80%% interval; Q = %v", c.Q)
	}
}

// Veto players: every model keeps to the range of their ideal points; the
// other actors still count inside it. Under unanimity all are veto players.
func TestDecisionRule(t *testing.T) {
	is := forecast.Issue{Rule: forecast.RuleVeto, Actors: []forecast.Actor{
		{Name: "A", Position: 0, Salience: 100, Capability: 10},
		{Name: "B", Position: 60, Salience: 50, Capability: 1, Veto: true},
		{Name: "C", Position: 90, Salience: 50, Capability: 1, Veto: true},
	}}
	for _, name := range forecast.ModelNames {
		got := forecast.Models[name](is)
		if got < 60 || got > 90 {
			t.Errorf("%s: %v outside the veto players' 60-90", name, got)
		}
	}
	if raw := forecast.Compromise(is); raw >= 60 {
		t.Fatalf("the case does not test the rule: compromise %v", raw)
	}
	f := forecast.Default(is)
	if f.Low < 60 || f.High > 90 || f.Point < f.Low || f.Point > f.High {
		t.Errorf("default forecast %+v outside 60-90", f)
	}
	majority := forecast.Issue{Rule: forecast.RuleMajority}
	for _, a := range is.Actors {
		a.Veto = false
		majority.Actors = append(majority.Actors, a)
	}
	if got := forecast.Models["compromise"](majority); got != forecast.Compromise(majority) {
		t.Errorf("majority rule changed the compromise: %v", got)
	}
	if got := forecast.ApplyRule(forecast.Issue{Rule: forecast.RuleUnanimity, Actors: is.Actors}, 95); got != 90 {
		t.Errorf("unanimity: %v, want 90", got)
	}
}

// On an ordinal scale the forecast is an option with a probability for
// each option, summing to one, and the options outside the actors' range
// get only the weight of outcomes that fell outside it.
func TestOptionProbabilities(t *testing.T) {
	is := forecast.Issue{Actors: []forecast.Actor{
		{Position: 1, Salience: 50, Capability: 1},
		{Position: 2, Salience: 50, Capability: 1},
		{Position: 3, Salience: 50, Capability: 2},
	}}
	point := forecast.DefaultModel(is)
	p := forecast.DefaultConformal.Probabilities(is, point, 5)
	sum := 0.0
	for _, x := range p {
		sum += x
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Fatalf("probabilities %v sum to %v", p, sum)
	}
	outside := 0.0 // the weight of outcomes outside the range, over options 0 and 4
	for k, sc := range forecast.DefaultConformal.Scores {
		if math.IsInf(sc, 1) {
			outside += forecast.DefaultConformal.Weights[k] / 2
		}
	}
	if math.Abs(p[0]-outside) > 1e-9 || math.Abs(p[4]-outside) > 1e-9 {
		t.Errorf("outside the range: %v and %v, want %v each", p[0], p[4], outside)
	}
	if k := forecast.MedianOption(p); k != int(math.Floor(point+0.5)) {
		t.Errorf("median option %d for point %v (%v)", k, point, p)
	}
	// Where every actor stands on one option, only the outside weight is elsewhere.
	one := forecast.Issue{Actors: []forecast.Actor{{Position: 2, Salience: 50, Capability: 1}, {Position: 2, Salience: 90, Capability: 3}}}
	if q := forecast.DefaultConformal.Probabilities(one, 2, 3); q[2] < 0.99 || forecast.MedianOption(q) != 2 {
		t.Errorf("agreement on option 2: %v", q)
	}
}

// Bounded option probabilities move the chance of each option a veto
// player refuses to the nearest option all of them accept, as Bound moves
// the point.
func TestBoundProbabilities(t *testing.T) {
	p := []float64{0.1, 0.2, 0.3, 0.25, 0.15}
	got, ok := forecast.BoundProbabilities(p, []forecast.Range{{Lo: 1, Hi: 4}, {Lo: 3, Hi: 0}})
	want := []float64{0, 0.3, 0.3, 0.4, 0}
	if !ok {
		t.Fatal("ranges 1-4 and 0-3 overlap")
	}
	for k := range want {
		if math.Abs(got[k]-want[k]) > 1e-12 {
			t.Fatalf("bounded to 1-3: %v, want %v", got, want)
		}
	}
	if same, ok := forecast.BoundProbabilities(p, []forecast.Range{{Lo: 0, Hi: 1}, {Lo: 3, Hi: 4}}); ok || &same[0] != &p[0] {
		t.Errorf("ranges 0-1 and 3-4 do not overlap: %v, %v", same, ok)
	}
	if same, ok := forecast.BoundProbabilities(p, nil); !ok || same[2] != 0.3 {
		t.Errorf("no ranges: %v, %v", same, ok)
	}
}
