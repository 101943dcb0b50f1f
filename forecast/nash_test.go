package forecast_test

import (
	"math"
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

// A conformal interval: scores are distances over the spread; the rule's
// quantile is the ⌈(n+1)·level⌉-th smallest; the interval stays in the
// actors' range and an outcome outside it scores infinity.
func TestConformalByHand(t *testing.T) {
	is := forecast.Issue{Actors: []forecast.Actor{{Position: 20, Salience: 50, Capability: 1}, {Position: 80, Salience: 50, Capability: 1}}}
	// Spread around 50 is 30.
	if s := forecast.Spread(is, 50); math.Abs(s-30) > 1e-9 {
		t.Fatalf("spread %v, want 30", s)
	}
	if s := forecast.ConformalScore(is, 50, 65); math.Abs(s-0.5) > 1e-9 {
		t.Errorf("score %v, want 0.5", s)
	}
	if s := forecast.ConformalScore(is, 50, 90); !math.IsInf(s, 1) {
		t.Errorf("outcome outside the range scores %v, want +Inf", s)
	}
	var cal []forecast.Issue
	var points []float64
	for _, out := range []float64{50, 53, 56, 59, 62, 65, 68, 71, 74} { // scores 0, 0.1, ..., 0.8
		o := out
		c := is
		c.Outcome = &o
		cal = append(cal, c)
		points = append(points, 50)
	}
	c := forecast.CalibrateConformal(cal, points, 0.8)
	// n = 9: the ⌈10·0.8⌉ = 8th smallest score, 0.7.
	if math.Abs(c.Q-0.7) > 1e-9 || c.N != 9 {
		t.Fatalf("Q %v on %d, want 0.7 on 9", c.Q, c.N)
	}
	lo, hi := c.Interval(is, 50)
	if math.Abs(lo-29) > 1e-9 || math.Abs(hi-71) > 1e-9 {
		t.Errorf("interval %v-%v, want 29-71", lo, hi)
	}
	lo, hi = c.Interval(is, 75)
	if hi != 80 {
		t.Errorf("interval %v-%v, want it cut at the range's end 80", lo, hi)
	}
	if c := forecast.CalibrateConformal(cal[:2], points[:2], 0.8); !math.IsInf(c.Q, 1) {
		t.Errorf("two issues cannot calibrate an 80%% interval; Q = %v", c.Q)
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
	outside := 1 / float64(forecast.DefaultConformal.N) / 2 // one infinite score of 135, over options 0 and 4
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
