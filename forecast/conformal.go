package forecast

import (
	"math"
	"slices"
)

// Conformal intervals. A split-conformal interval needs only forecasts of
// issues the model was not fitted on and their outcomes: the score of an
// issue says how far off the forecast was, and the interval of a new
// issue holds every outcome whose score would be at most the level's
// quantile of the calibration scores. Whatever the model, if the new issue
// is exchangeable with the calibration issues the interval holds its
// outcome with at least the level's probability.
//
// The score used here scales the error by how far apart the actors stand
// (Spread): where the actors nearly agree the outcome is near them, where
// they are split it can land anywhere between them. And an outcome outside
// the range of the actors' positions scores infinity: on a line, every
// point outside that range is worse for every actor than its nearest end,
// and on the DEU development data the outcome lay inside the range on 134
// of 135 tuning issues. So the interval never leaves the actors' range.

// Conformal is a calibrated interval rule.
type Conformal struct {
	Level float64 // the share of outcomes the interval is meant to hold, e.g. 0.8
	Q     float64 // the calibration scores' quantile: the half-width in units of Spread
	N     int     // the number of calibration issues
	// Scores are the calibration scores, sorted (infinite for an outcome
	// outside the range): the distribution Probabilities spreads over a
	// scale of options.
	Scores []float64
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

// ConformalScore is how far off the forecast point was for the outcome,
// in units of the issue's spread; infinite when the outcome lies outside
// the actors' range (or the veto players') (or when the actors all stand at one point and the
// outcome is elsewhere).
func ConformalScore(is Issue, point, outcome float64) float64 {
	lo, hi := feasibleRange(is)
	if outcome < lo-1e-9 || outcome > hi+1e-9 {
		return math.Inf(1)
	}
	d := math.Abs(outcome - point)
	s := Spread(is, point)
	if s == 0 {
		if d <= 1e-9 {
			return 0
		}
		return math.Inf(1)
	}
	return d / s
}

// CalibrateConformal fits the interval rule from forecasts the model made
// without seeing the issues (points[k] for known[k], whose outcomes must
// be known): Q is the ⌈(n+1)·level⌉-th smallest score, infinite when there
// are too few issues for the level.
func CalibrateConformal(known []Issue, points []float64, level float64) Conformal {
	scores := make([]float64, 0, len(known))
	for k, is := range known {
		if is.Outcome == nil {
			continue
		}
		scores = append(scores, ConformalScore(is, points[k], *is.Outcome))
	}
	return CalibrateScores(scores, level)
}

// Interval is the issue's interval around the point: point ± Q × Spread,
// kept within the actors' range (and the veto players', when the issue has
// them: see ApplyRule).
func (c Conformal) Interval(is Issue, point float64) (low, high float64) {
	lo, hi := feasibleRange(is)
	if math.IsInf(c.Q, 1) {
		return lo, hi
	}
	h := c.Q * Spread(is, point)
	return max(lo, point-h), min(hi, point+h)
}

// DefaultConformal is the 80% rule for the default model, calibrated on
// the tuning part of the DEU development file (TestDefaultConformal
// recomputes it; docs/forecast.md gives its coverage and width on the
// untouched part).
var DefaultConformal = CalibrateScores(defaultScores, 0.8)

// CalibrateScores is the rule from calibration scores already computed.
func CalibrateScores(scores []float64, level float64) Conformal {
	scores = slices.Clone(scores)
	slices.Sort(scores)
	n := len(scores)
	c := Conformal{Level: level, N: n, Q: math.Inf(1), Scores: scores}
	if r := int(math.Ceil(float64(n+1) * level)); r >= 1 && r <= n {
		c.Q = scores[r-1]
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
// index): each finite score s puts half its weight at point + s × Spread
// and half at point - s × Spread, kept within the feasible range and
// rounded to the nearest option; an infinite score (an outcome outside the
// range) spreads its weight evenly over the options outside the range, or
// over all of them when none is outside. The answer sums to 1.
func (c Conformal) Probabilities(is Issue, point float64, n int) []float64 {
	p := make([]float64, max(n, 0))
	if n <= 0 {
		return p
	}
	lo, hi := feasibleRange(is)
	spread := Spread(is, point)
	option := func(x float64) int {
		x = min(hi, max(lo, x))
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
	scores := c.Scores
	if len(scores) == 0 {
		scores = []float64{0}
	}
	w := 1 / float64(len(scores))
	for _, s := range scores {
		if math.IsInf(s, 1) {
			for _, k := range outside {
				p[k] += w / float64(len(outside))
			}
			continue
		}
		p[option(point+s*spread)] += w / 2
		p[option(point-s*spread)] += w / 2
	}
	return p
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
