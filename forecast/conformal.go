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
// the actors' range (or when the actors all stand at one point and the
// outcome is elsewhere).
func ConformalScore(is Issue, point, outcome float64) float64 {
	lo, hi := actorRange(is)
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
	slices.Sort(scores)
	n := len(scores)
	c := Conformal{Level: level, N: n, Q: math.Inf(1)}
	if r := int(math.Ceil(float64(n+1) * level)); r >= 1 && r <= n {
		c.Q = scores[r-1]
	}
	return c
}

// Interval is the issue's interval around the point: point ± Q × Spread,
// kept within the actors' range.
func (c Conformal) Interval(is Issue, point float64) (low, high float64) {
	lo, hi := actorRange(is)
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
var DefaultConformal = Conformal{Level: 0.8, Q: defaultConformalQ, N: defaultConformalN}

// defaultConformalQ and defaultConformalN are CalibrateConformal's answer
// for DefaultModel on the 135 tuning issues with outcomes.
const (
	defaultConformalQ = 0.89514387000003481
	defaultConformalN = 135
)

// Default is the default model's forecast with its conformal 80% interval
// (Runs is 0: no simulation behind it).
func Default(is Issue) Forecast {
	p := DefaultModel(is)
	lo, hi := DefaultConformal.Interval(is, p)
	return Forecast{Point: p, Median: p, Low: lo, High: hi}
}
