package forecast

import "math"

// Nash is a weighted Nash bargaining solution: the point x that maximises
// the product of the actors' gains over breakdown, each raised to the
// actor's capability × salience, that is Σ w_i ln g_i(x). Breakdown is
// taken to be the worst point an actor faces on the issue, the far end of
// the actors' range from its position, so every gain is positive inside
// the range. With linear utilities g_i(x) = 1 - |x - p_i|/span + the
// span's share of the distance to the far end; with quadratic utilities
// the distances are squared.
//
// Between the weighted median (which maximises the weighted sum of linear
// utilities) and the compromise model (the weighted sum of quadratic
// ones), the Nash product keeps the actors far from a point from being
// outvoted outright: its logarithm punishes a point that leaves an actor
// with nothing. This is the model family that, with the compromise model,
// comes near the best in the DEU literature (Achen 2006; Schneider,
// Finke and Bailer 2010).
func Nash(is Issue) float64 { return nash(is, false) }

// NashQuadratic is Nash with quadratic utilities.
func NashQuadratic(is Issue) float64 { return nash(is, true) }

func nash(is Issue, quadratic bool) float64 {
	if len(is.Actors) == 0 {
		return 0
	}
	lo, hi := is.Actors[0].Position, is.Actors[0].Position
	total := 0.0
	for _, a := range is.Actors {
		lo, hi = min(lo, a.Position), max(hi, a.Position)
		total += a.weight()
	}
	if hi == lo {
		return lo
	}
	if total == 0 {
		return mean(is.Actors)
	}
	span := hi - lo
	// Each actor's breakdown is the far end of the range; its gain at x is
	// how much better x is than that, as a share of the span.
	objective := func(x float64) float64 {
		v := 0.0
		for _, a := range is.Actors {
			w := a.weight()
			if w == 0 {
				continue
			}
			far := max(a.Position-lo, hi-a.Position) / span
			d := math.Abs(x-a.Position) / span
			g := far - d
			if quadratic {
				g = far*far - d*d
			}
			if g <= 0 {
				return math.Inf(-1)
			}
			v += w * math.Log(g)
		}
		return v
	}
	// The objective is concave (a sum of logarithms of concave positive
	// functions), so a golden-section search finds its maximum. The ends
	// themselves give some actor nothing, so the search stays inside.
	a, b := lo, hi
	const phi = 0.6180339887498949
	c, d := b-phi*(b-a), a+phi*(b-a)
	fc, fd := objective(c), objective(d)
	for range 80 {
		if b-a < 1e-9*span {
			break
		}
		if fc < fd {
			a, c, fc = c, d, fd
			d = a + phi*(b-a)
			fd = objective(d)
		} else {
			b, d, fd = d, c, fc
			c = b - phi*(b-a)
			fc = objective(c)
		}
	}
	return (a + b) / 2
}
