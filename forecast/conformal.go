package forecast

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// Conformal intervals. A split-conformal interval needs only forecasts of
// issues the model was not fitted on and their outcomes: the score of an
// issue says how far off the forecast was, and the interval of a new
// issue holds every outcome whose score would be at most the level's
// quantile of the calibration scores. Whatever the model, if the new issue
// is exchangeable with the calibration issues the interval holds its
// outcome with at least the level's probability.
//
// The interval grows outwards from the forecast point by the actors'
// positions: at a reach r it is the stretch from the point to the
// farthest actor positions within r × Spread of it, on either side
// (Reach). So its ends are positions some actor holds, where outcomes
// mostly land (a decision takes one side's text), and it is narrow where
// the actors nearly agree and wide where they are split. An issue's score
// is the least reach whose interval holds the outcome. An outcome outside
// the range of the actors' positions scores infinity: on a line, every
// point outside that range is worse for every actor than its nearest end,
// and on the DEU development data the outcome lay inside the range on 134
// of 135 tuning issues. So the interval never leaves the actors' range.
//
// The issues of one proposal are not exchangeable with each other (they
// share a text, a Council and a moment), but proposals are. So the
// quantile counts proposals (Issue.Group), not issues: each proposal
// weighs the same, shared among its issues, and the level is raised by
// the finite-sample factor (G+1)/G for G proposals (the pooled-CDF rule
// of Dunn, Wasserman and Ramdas for two-layer hierarchical data). With one
// issue per proposal this is the usual ⌈(n+1)·level⌉-th smallest score.
// docs/forecast.md says how the rule was chosen and what it scored.

// Conformal is a calibrated interval rule.
type Conformal struct {
	Level  float64 // the share of outcomes the interval is meant to hold, e.g. 0.8
	Q      float64 // the reach: the calibration scores' weighted quantile, in units of Spread
	N      int     // the number of calibration issues
	Groups int     // the number of calibration proposals (groups)
	// Scores are the calibration scores, sorted (infinite for an outcome
	// outside the range), and Weights each one's weight (its proposal's
	// share, 1/(Groups × issues of the proposal); they sum to 1): the
	// distribution Probabilities spreads over a scale of options.
	Scores  []float64
	Weights []float64
}

// Calibration is one calibration issue's score and the group (proposal)
// it belongs to.
type Calibration struct {
	Score float64
	Group string
}

// Spread is how far apart the actors stand around the point: the root of
// the capability × salience weighted mean squared distance of their
// positions from it (the unweighted one when no actor has weight).
func Spread(is Issue, point float64) float64 {
	sum, total := 0.0, 0.0
	for _, a := range is.Actors {
		d := a.Position - point
		sum += a.weight() * d * d
		total += a.weight()
	}
	if total == 0 {
		for _, a := range is.Actors {
			d := a.Position - point
			sum += d * d
		}
		total = float64(len(is.Actors))
	}
	if total == 0 {
		return 0
	}
	return math.Sqrt(sum / total)
}

// actorRange is the lowest and highest position.
func actorRange(is Issue) (lo, hi float64) {
	if len(is.Actors) == 0 {
		return 0, 0
	}
	lo, hi = is.Actors[0].Position, is.Actors[0].Position
	for _, a := range is.Actors {
		lo, hi = min(lo, a.Position), max(hi, a.Position)
	}
	return lo, hi
}

// Reach is the interval at reach r around the point: from the point to
// the farthest actor positions within r × Spread of it on either side,
// kept within the feasible range (the actors', and the veto players'
// when the issue has them). A larger reach never gives a smaller interval.
// An infinite reach gives the whole feasible range.
func Reach(is Issue, point, r float64) (low, high float64) {
	lo, hi := feasibleRange(is)
	if math.IsInf(r, 1) {
		return lo, hi
	}
	h := r * Spread(is, point)
	low, high = point, point
	for _, a := range is.Actors {
		if math.Abs(a.Position-point) <= h+1e-9 {
			low, high = min(low, a.Position), max(high, a.Position)
		}
	}
	return max(lo, low), min(hi, high)
}

// ConformalScore is how far off the forecast point was for the outcome:
// the least reach (in units of the issue's spread) whose interval holds
// it, that is the distance from the point to the nearest actor position
// at or beyond the outcome, over the spread. It is 0 for an outcome at the
// point, and infinite for an outcome outside the actors' range (or the
// veto players').
func ConformalScore(is Issue, point, outcome float64) float64 {
	lo, hi := feasibleRange(is)
	if outcome < lo-1e-9 || outcome > hi+1e-9 {
		return math.Inf(1)
	}
	if math.Abs(outcome-point) <= 1e-9 {
		return 0
	}
	s := Spread(is, point)
	best := math.Inf(1)
	for _, a := range is.Actors {
		beyond := a.Position >= outcome-1e-9
		if outcome < point {
			beyond = a.Position <= outcome+1e-9
		}
		if beyond && s > 0 {
			best = min(best, math.Abs(a.Position-point)/s)
		}
	}
	return best
}

// CalibrateConformal fits the interval rule from forecasts the model made
// without seeing the issues (points[k] for known[k], whose outcomes must
// be known), grouped by proposal (Issue.Group; an issue without a group or
// an id is a group of its own).
func CalibrateConformal(known []Issue, points []float64, level float64) Conformal {
	var cal []Calibration
	for k, is := range known {
		if is.Outcome == nil {
			continue
		}
		g := is.group()
		if g == "" {
			g = "#" + strconv.Itoa(k)
		}
		cal = append(cal, Calibration{ConformalScore(is, points[k], *is.Outcome), g})
	}
	return CalibrateScores(cal, level)
}

// Interval is the issue's interval around the point: Reach at the rule's
// reach Q.
func (c Conformal) Interval(is Issue, point float64) (low, high float64) {
	return Reach(is, point, c.Q)
}

// DefaultConformal is the 80% rule for the default model, calibrated on
// the tuning part of the DEU development file (TestDefaultConformal
// recomputes it; docs/forecast.md gives its coverage and width on the
// untouched part).
var DefaultConformal = CalibrateScores(defaultCalibration, 0.8)

// CalibrateScores is the rule from calibration scores already computed:
// Q is the least score at which the weighted share of scores at or below
// it reaches level × (G+1)/G, each of the G groups weighing 1/G shared
// evenly among its issues; infinite when there are too few groups for the
// level.
func CalibrateScores(cal []Calibration, level float64) Conformal {
	cal = slices.Clone(cal)
	slices.SortStableFunc(cal, func(a, b Calibration) int { return cmp.Compare(a.Score, b.Score) })
	size := map[string]int{}
	for _, x := range cal {
		size[x.Group]++
	}
	g := float64(len(size))
	c := Conformal{Level: level, N: len(cal), Groups: len(size), Q: math.Inf(1)}
	need := level * (g + 1) / g
	acc := 0.0
	for _, x := range cal {
		w := 1 / (g * float64(size[x.Group]))
		c.Scores = append(c.Scores, x.Score)
		c.Weights = append(c.Weights, w)
		acc += w
		if math.IsInf(c.Q, 1) && acc >= need-1e-12 {
			c.Q = x.Score
		}
	}
	return c
}

// Default is the default model's forecast with its conformal 80% interval
// (Runs is 0: no simulation behind it).
func Default(is Issue) Forecast {
	p := DefaultModel(is)
	lo, hi := DefaultConformal.Interval(is, p)
	return Forecast{Point: p, Median: p, Low: lo, High: hi}
}

// Probabilities spreads the rule's calibration scores over a scale of
// options 0, 1, ..., n-1 (an ordinal issue: a position is an option's
// index): each finite score s puts half its weight at each end of the
// interval at reach s (Reach), rounded to the nearest option; an infinite
// score (an outcome outside the range) spreads its weight evenly over the
// options outside the feasible range, or over all of them when none is
// outside. The answer sums to 1.
func (c Conformal) Probabilities(is Issue, point float64, n int) []float64 {
	p := make([]float64, max(n, 0))
	if n <= 0 {
		return p
	}
	lo, hi := feasibleRange(is)
	option := func(x float64) int {
		return min(n-1, max(0, int(math.Floor(x+0.5))))
	}
	var outside []int
	for k := range n {
		if float64(k) < lo-0.5 || float64(k) > hi+0.5 {
			outside = append(outside, k)
		}
	}
	if len(outside) == 0 {
		for k := range n {
			outside = append(outside, k)
		}
	}
	scores, weights := c.Scores, c.Weights
	if len(scores) == 0 {
		scores, weights = []float64{0}, []float64{1}
	}
	for k, s := range scores {
		w := weights[k]
		if math.IsInf(s, 1) {
			for _, o := range outside {
				p[o] += w / float64(len(outside))
			}
			continue
		}
		low, high := Reach(is, point, s)
		p[option(low)] += w / 2
		p[option(high)] += w / 2
	}
	return p
}

// BoundProbabilities moves the probability of each option that some veto
// player would not accept (outside the ranges' intersection) to the
// nearest option all of them accept, as Bound moves a point: the chances
// of the bounded outcome. When the ranges do not overlap it returns p
// unchanged and false.
func BoundProbabilities(p []float64, ranges []Range) ([]float64, bool) {
	out := make([]float64, len(p))
	for k, x := range p {
		b, ok := Bound(float64(k), ranges)
		if !ok {
			return p, false
		}
		// Ordinal limits are options, so the bound is one too.
		j := min(len(p)-1, max(0, int(math.Floor(b+0.5))))
		out[j] += x
	}
	return out, true
}

// MedianOption is the option at which the probabilities first reach one
// half: the forecast on an ordinal scale (it minimises the expected
// distance in options, as the point forecast does on a numeric scale).
func MedianOption(p []float64) int {
	acc := 0.0
	for k, x := range p {
		acc += x
		if acc >= 0.5-1e-9 {
			return k
		}
	}
	return max(0, len(p)-1)
}
