package forecast

import (
	"cmp"
	"math"
	"slices"
)

// The expected utility model of Bueno de Mesquita, as specified by Scholz,
// Calbert and Smith ("Unravelling Bueno De Mesquita's group decision
// model", Journal of Theoretical Politics 23(4), 2011). Actors challenge
// one another's positions; who wins a challenge depends on the votes of
// all the actors; each actor weighs a challenge by its expected utility,
// with a risk exponent that follows from how exposed its position is. From
// each actor's point of view every other actor falls into one of three
// cases, and the offers that follow move positions round by round:
//
//   - conflict: both expect to gain from a challenge and the proposer
//     expects more: the other should come over to the proposer's position;
//   - compromise: the proposer expects to gain, the other to lose, and the
//     gain is the larger: the other moves part of the way, in proportion to
//     its loss over the proposer's gain;
//   - capitulation: the proposer expects to gain, the other to lose more:
//     the other comes over to the proposer's position.
//
// Each actor takes the offer it received that moves it least. The rounds
// go on until no actor's position moves by more than the tolerance, or
// until the bound on rounds; the forecast is the median voter position
// after the last round. (An earlier version stopped when the median voter
// position stopped moving; since that position is always some actor's, it
// often did not move in the first round, and the model stopped there on
// most issues while positions were still moving: "eum" was then mostly
// the weighted median.)
//
// Positions are put on [0, 1] by the actors' range; saliences (0-100)
// become the probability that an actor resists a challenge (0-1);
// capabilities enter only as shares, so their scale does not matter.

// EUM is the expected utility model with its settings.
type EUM struct {
	// Q is the probability that the status quo holds when the other actor
	// does not take up a challenge. Scholz et al. follow Bueno de Mesquita
	// in setting it to 1; below 1, the status quo may drift towards the
	// median (better for the actor nearer the median, worse for the other).
	Q float64
	// MaxRounds bounds the rounds when the positions do not settle.
	MaxRounds int
	// Tolerance is how far (on [0, 1], the actors' range) any actor may
	// move in a round with the positions still counting as settled.
	Tolerance float64
}

// DefaultEUM is the model with Scholz et al.'s settings: Q = 1; the
// positions count as settled when none moves by more than a thousandth of
// the range, and at most 100 rounds run (docs/forecast.md gives the rounds
// used on the DEU data).
var DefaultEUM = EUM{Q: 1, MaxRounds: 100, Tolerance: 1e-3}

// ExpectedUtility runs DefaultEUM and returns its forecast.
func ExpectedUtility(is Issue) float64 { return DefaultEUM.Run(is).Forecast }

// Offer kinds.
const (
	OfferConflict     = "conflict"
	OfferCompromise   = "compromise"
	OfferCapitulation = "capitulation"
)

// Move is an offer an actor took in a round.
type Move struct {
	Actor    int    // the actor who moved
	Proposer int    // the actor whose offer it took
	Kind     string // OfferConflict, OfferCompromise or OfferCapitulation
	From, To float64
}

// Round is the state after one round of the model, on the issue's scale.
type Round struct {
	Positions []float64 // every actor's position after the round
	Risk      []float64 // the risk exponents the round used (0.5 to 2)
	Median    float64   // the median voter position after the round
	Moves     []Move
}

// EUMResult is a run of the model.
type EUMResult struct {
	Forecast float64 // the median voter position when it settled
	Start    float64 // the median voter position before the first round
	Rounds   []Round // one per round run: len(Rounds) is the rounds used
	Settled  bool    // false when MaxRounds ran out before the positions settled
}

// eumState is one round's working data, on [0, 1].
type eumState struct {
	x    []float64 // positions
	s    []float64 // saliences, 0-1
	w    []float64 // capability × salience
	q    float64
	mu   float64   // the median voter position
	prob []float64 // prob[i*n+j]: the chance that i wins a challenge against j
	// order, xs, cw and cx are probabilities' working space: the actors
	// by position, their positions, and running sums of weight and of
	// weight × position.
	order, below, upTo []int
	xs, cw, cx         []float64
	// lnNear[i*n+j] and lnFar[i*n+j] are ln(0.5 - d/2) and ln(0.5 + d/2)
	// for the distance d between i and j, so that (0.5 ± d/2)^r is one
	// exp away for any actor's risk exponent r.
	lnNear, lnFar []float64
}

// Run runs the model on the issue.
func (m EUM) Run(is Issue) EUMResult {
	n := len(is.Actors)
	if n == 0 {
		return EUMResult{}
	}
	lo, hi := is.Actors[0].Position, is.Actors[0].Position
	for _, a := range is.Actors {
		lo, hi = min(lo, a.Position), max(hi, a.Position)
	}
	if hi == lo || n == 1 {
		return EUMResult{Forecast: lo, Start: lo, Settled: true}
	}
	span := hi - lo
	st := &eumState{
		x:      make([]float64, n),
		s:      make([]float64, n),
		w:      make([]float64, n),
		q:      m.Q,
		prob:   make([]float64, n*n),
		lnNear: make([]float64, n*n),
		lnFar:  make([]float64, n*n),
		order:  make([]int, 0, n),
		below:  make([]int, n),
		upTo:   make([]int, n),
		xs:     make([]float64, n),
		cw:     make([]float64, n+1),
		cx:     make([]float64, n+1),
	}
	for k, a := range is.Actors {
		st.x[k] = (a.Position - lo) / span
		st.s[k] = min(1, max(0, a.Salience/100))
		st.w[k] = max(0, a.Capability) * st.s[k]
	}
	maxRounds := m.MaxRounds
	if maxRounds <= 0 {
		maxRounds = DefaultEUM.MaxRounds
	}
	st.mu = st.median()
	res := EUMResult{Start: lo + st.mu*span}
	risk := make([]float64, n)
	for range maxRounds {
		st.distances()
		st.probabilities()
		st.riskExponents(risk)
		moves := st.offers(risk)
		moved := 0.0
		for _, mv := range moves {
			moved = max(moved, math.Abs(mv.To-st.x[mv.Actor]))
			st.x[mv.Actor] = mv.To
		}
		st.mu = st.median()
		r := Round{Positions: make([]float64, n), Risk: append([]float64(nil), risk...), Median: lo + st.mu*span}
		for k, x := range st.x {
			r.Positions[k] = lo + x*span
		}
		for _, mv := range moves {
			mv.From, mv.To = lo+mv.From*span, lo+mv.To*span
			r.Moves = append(r.Moves, mv)
		}
		res.Rounds = append(res.Rounds, r)
		if moved <= m.Tolerance {
			res.Settled = true
			break
		}
	}
	res.Forecast = lo + st.mu*span
	return res
}

// median is the median voter position: the actor position that beats
// every other in a pairwise vote in which each actor votes with the weight
// capability × salience times how much nearer the one position is to its
// own than the other. On a line that is the position with the least
// weighted distance to all the actors (the weighted median); ties go to
// the lower position.
func (st *eumState) median() float64 {
	best, bestCost := 0.0, math.Inf(1)
	for _, cand := range st.x {
		cost := 0.0
		for k, x := range st.x {
			cost += st.w[k] * math.Abs(x-cand)
		}
		if cost < bestCost-1e-12 || (math.Abs(cost-bestCost) <= 1e-12 && cand < best) {
			best, bestCost = cand, cost
		}
	}
	return best
}

// probabilities fills st.prob: the chance that i's position prevails over
// j's is the votes for i over all the votes cast between them, where actor
// k casts capability × salience × (|x_k - x_j| - |x_k - x_i|).
//
// With a < b the two positions and m their midpoint, an actor at x ≤ a
// casts (b - a) for a, one between a and m casts a + b - 2x, and the mirror
// images for b; so with the actors sorted by position and running sums of
// weight and weight × position, each pair takes a few binary searches
// instead of a pass over all the actors.
func (st *eumState) probabilities() {
	n := len(st.x)
	order := st.order[:0]
	for k := range n {
		order = append(order, k)
	}
	slices.SortFunc(order, func(p, q int) int { return cmp.Compare(st.x[p], st.x[q]) })
	xs, cw, cx := st.xs[:n], st.cw[:n+1], st.cx[:n+1]
	cw[0], cx[0] = 0, 0
	for t, k := range order {
		xs[t] = st.x[k]
		cw[t+1] = cw[t] + st.w[k]
		cx[t+1] = cx[t] + st.w[k]*st.x[k]
	}
	// below[k] counts the positions < x_k, upTo[k] those ≤ x_k.
	below, upTo := st.below[:n], st.upTo[:n]
	for t, k := range order {
		if t > 0 && xs[t] == xs[t-1] {
			below[k] = below[order[t-1]]
		} else {
			below[k] = t
		}
	}
	for t := n - 1; t >= 0; t-- {
		k := order[t]
		if t < n-1 && xs[t] == xs[t+1] {
			upTo[k] = upTo[order[t+1]]
		} else {
			upTo[k] = t + 1
		}
	}
	for i := range n {
		st.prob[i*n+i] = 0.5
		for j := i + 1; j < n; j++ {
			lo, hi := i, j
			if st.x[lo] > st.x[hi] {
				lo, hi = hi, lo
			}
			a, b := st.x[lo], st.x[hi]
			if a == b {
				st.prob[i*n+j], st.prob[j*n+i] = 0.5, 0.5
				continue
			}
			m := (a + b) / 2
			ia, ib := upTo[lo], below[hi]
			ml := ia + countBelow(xs[ia:ib], m) // positions < m
			mh := ml
			for mh < ib && xs[mh] == m {
				mh++
			}
			forA := (b-a)*cw[ia] + (a+b)*(cw[ml]-cw[ia]) - 2*(cx[ml]-cx[ia])
			forB := (b-a)*(cw[n]-cw[ib]) + 2*(cx[ib]-cx[mh]) - (a+b)*(cw[ib]-cw[mh])
			forA, forB = max(0, forA), max(0, forB)
			p := 0.5
			if total := forA + forB; total > 0 {
				p = forA / total
			}
			if lo != i {
				p = 1 - p
			}
			st.prob[i*n+j], st.prob[j*n+i] = p, 1-p
		}
	}
}

// countBelow is how many of the sorted xs are below v.
func countBelow(xs []float64, v float64) int {
	lo, hi := 0, len(xs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if xs[mid] < v {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// expected is i's expected utility of challenging j, with risk exponent r:
//
//	EU = s_j (P U_s + (1-P) U_f) + (1-s_j) U_s - Q U_sq - (1-Q)(T U_b + (1-T) U_w)
//
// where P is i's chance of prevailing, U_s = 2 - 4(0.5 - d/2)^r and
// U_f = 2 - 4(0.5 + d/2)^r the utilities of success and failure at
// distance d, U_sq = 2 - 4(0.5)^r that of the status quo, and U_b and U_w
// those of the status quo getting better or worse for i (with d_μ, i's
// distance to the median: 2 - 4(0.5 ∓ (d_μ + d)/4)^r); T is 1 when i is at
// least as near the median as j (the drift then favours i).
func (st *eumState) expected(i, j int, r float64) float64 {
	us, uf, usq := st.utilities(i, j, r)
	return st.expectedWith(i, j, r, us, uf, usq)
}

// utilities are U_s, U_f and U_sq at the distance between i and j for risk
// exponent r (the same for i against j as for j against i).
func (st *eumState) utilities(i, j int, r float64) (us, uf, usq float64) {
	if r == 1 {
		d := math.Abs(st.x[i] - st.x[j])
		return 2 * d, -2 * d, 0
	}
	k := i*len(st.x) + j
	return 2 - 4*math.Exp(r*st.lnNear[k]), 2 - 4*math.Exp(r*st.lnFar[k]), 2 - 4*math.Exp(-r*math.Ln2)
}

func (st *eumState) expectedWith(i, j int, r, us, uf, usq float64) float64 {
	p := st.prob[i*len(st.x)+j]
	eu := st.s[j]*(p*us+(1-p)*uf) + (1-st.s[j])*us - st.q*usq
	if st.q < 1 {
		d := math.Abs(st.x[i] - st.x[j])
		dm := math.Abs(st.x[i] - st.mu)
		if dm <= math.Abs(st.x[j]-st.mu) {
			eu -= (1 - st.q) * (2 - 4*math.Pow(max(0, 0.5-0.25*(dm+d)), r))
		} else {
			eu -= (1 - st.q) * (2 - 4*math.Pow(0.5+0.25*(dm+d), r))
		}
	}
	return eu
}

// distances fills lnNear and lnFar for the current positions.
func (st *eumState) distances() {
	n := len(st.x)
	for i := range n {
		for j := i; j < n; j++ {
			d := math.Abs(st.x[i] - st.x[j])
			near, far := math.Log(max(0, 0.5-0.5*d)), math.Log(0.5+0.5*d)
			st.lnNear[i*n+j], st.lnNear[j*n+i] = near, near
			st.lnFar[i*n+j], st.lnFar[j*n+i] = far, far
		}
	}
}

// riskExponents fills r: an actor whose position others gain much by
// challenging (computed risk-neutrally) is risk-acceptant, one whose
// position is safe is risk-averse. With the exposure E_i = Σ_j EU_j(i),
// R_i = (2 E_i - E_max - E_min) / (E_max - E_min) lies in [-1, 1] and
// r_i = (1 - R_i/3) / (1 + R_i/3) in [0.5, 2].
func (st *eumState) riskExponents(r []float64) {
	n := len(st.x)
	exposure := make([]float64, n)
	for i := range n {
		for j := range n {
			if j != i {
				exposure[i] += st.expected(j, i, 1)
			}
		}
	}
	lo, hi := exposure[0], exposure[0]
	for _, e := range exposure {
		lo, hi = min(lo, e), max(hi, e)
	}
	for i, e := range exposure {
		R := 0.0
		if hi > lo {
			R = (2*e - hi - lo) / (hi - lo)
		}
		r[i] = (1 - R/3) / (1 + R/3)
	}
}

// offers works out, from every proposer's point of view, what it offers
// every other actor, and returns for each actor the offer that moves it
// least (none when it received none).
func (st *eumState) offers(r []float64) []Move {
	n := len(st.x)
	best := make([]Move, n)
	has := make([]bool, n)
	for i := range n {
		for j := range n {
			if i == j || st.x[i] == st.x[j] {
				continue
			}
			us, uf, usq := st.utilities(i, j, r[i])
			mine := st.expectedWith(i, j, r[i], us, uf, usq)   // i challenging j, as i sees it
			theirs := st.expectedWith(j, i, r[i], us, uf, usq) // j challenging i, as i sees it
			var kind string
			to := st.x[i]
			switch {
			case mine > 0 && theirs > 0 && mine > theirs:
				kind = OfferConflict
			case mine > 0 && theirs < 0 && mine > -theirs:
				kind = OfferCompromise
				to = st.x[j] + (st.x[i]-st.x[j])*(-theirs/mine)
			case mine > 0 && theirs < 0:
				kind = OfferCapitulation
			default:
				continue
			}
			mv := Move{Actor: j, Proposer: i, Kind: kind, From: st.x[j], To: to}
			if !has[j] || math.Abs(to-st.x[j]) < math.Abs(best[j].To-st.x[j]) {
				best[j], has[j] = mv, true
			}
		}
	}
	var moves []Move
	for j := range n {
		if has[j] {
			moves = append(moves, best[j])
		}
	}
	return moves
}
