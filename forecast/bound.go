package forecast

// Range is the stretch of a scale an actor accepts: from its ideal point
// to its reservation value (the worst it would accept), either way round.
type Range struct{ Lo, Hi float64 }

// Bound keeps a forecast to what every veto player accepts: the point of
// the ranges' intersection nearest to x. When the ranges do not overlap
// there is no outcome all of them accept; Bound then returns x unchanged
// and false. With no ranges it returns x and true.
func Bound(x float64, ranges []Range) (float64, bool) {
	if len(ranges) == 0 {
		return x, true
	}
	lo, hi := ranges[0].Lo, ranges[0].Hi
	for _, r := range ranges {
		a, b := min(r.Lo, r.Hi), max(r.Lo, r.Hi)
		lo, hi = max(lo, a), min(hi, b)
	}
	if lo > hi {
		return x, false
	}
	return min(hi, max(lo, x)), true
}

// BoundForecast bounds a Monte Carlo forecast: its point, median and
// interval. It reports false, and leaves the forecast as it is, when the
// veto players' ranges do not overlap.
func BoundForecast(f Forecast, ranges []Range) (Forecast, bool) {
	if _, ok := Bound(f.Point, ranges); !ok {
		return f, false
	}
	f.Point, _ = Bound(f.Point, ranges)
	f.Median, _ = Bound(f.Median, ranges)
	f.Low, _ = Bound(f.Low, ranges)
	f.High, _ = Bound(f.High, ranges)
	return f, true
}
