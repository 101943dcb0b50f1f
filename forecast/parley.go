package forecast

import (
	"math"
	"math/rand/v2"
)

// Decision rules.
const (
	RuleMajority  = "majority"  // a qualified or simple majority decides
	RuleUnanimity = "unanimity" // every actor (every veto player) must agree
)

// Parley is parley's own model: a compromise in which capability and
// salience count with damped exponents, pulled towards the expected
// utility model's forecast by a weight that depends on the decision rule.
//
// Why this shape. The compromise model weighs each actor by capability ×
// salience; on the EU data, weights that grow more slowly than capability
// (a square root and below, as in Penrose's square-root rule for voting
// weights) do better, because capability is not votes and small actors
// still bargain. Where all must agree, every actor can hold out and the
// bargaining the expected utility model describes, with its challenges and
// capitulations, matters more; where a majority decides, less.
type Parley struct {
	CapabilityExp float64 // weight = capability^CapabilityExp × salience^SalienceExp
	SalienceExp   float64
	EUMUnanimity  float64 // the expected utility model's share under unanimity
	EUMMajority   float64 // and under majority rule (and when the rule is unknown)
}

// DefaultParley holds the settings FitParley chose on the DEU development
// file (see TestParleyFit, which refits them, and docs/benchmarks.md for
// their cross-validated error).
var DefaultParley = Parley{CapabilityExp: 0.25, SalienceExp: 0, EUMUnanimity: 0.4, EUMMajority: 0.2}

// ParleyModel is the default model ("parley" in Models): since the model
// choice of issue 16 that is the Nash bargaining solution, not Parley,
// which fitted the development data better and forecast unseen proposals
// worse than the compromise model (docs/forecast.md); Parley stays as
// "parley-2025".
func ParleyModel(is Issue) float64 { return DefaultModel(is) }

// Predict forecasts the issue.
func (p Parley) Predict(is Issue) float64 {
	w := p.eumShare(is)
	c := DampedCompromise(is, p.CapabilityExp, p.SalienceExp)
	if w == 0 {
		return c
	}
	return (1-w)*c + w*ExpectedUtility(is)
}

func (p Parley) eumShare(is Issue) float64 {
	if is.Rule == RuleUnanimity || is.Rule == RuleVeto {
		return p.EUMUnanimity
	}
	return p.EUMMajority
}

// DampedCompromise is the weighted mean of the positions with weights
// capability^a × salience^b; a = b = 1 is the compromise model, a = b = 0
// the plain mean.
func DampedCompromise(is Issue, a, b float64) float64 {
	sum, total := 0.0, 0.0
	for _, act := range is.Actors {
		w := math.Pow(max(0, act.Capability), a) * math.Pow(max(0, act.Salience), b)
		sum += w * act.Position
		total += w
	}
	if total == 0 {
		return mean(is.Actors)
	}
	return sum / total
}

// parleyGrid is the settings FitParley chooses from.
// The grid is small on purpose. A finer one (exponents in quarters up to
// 1, shares in tenths) fits each training fold more closely and forecasts
// the held-out folds worse: over 20 seeds of grouped five-fold
// cross-validation its mean error is 23.84 against 23.57 for this grid,
// and it loses to the compromise model on one seed where this grid loses
// on none. Capability's exponent starts at a quarter, not 0: on the DEU
// file leaving capability out fits about as well, but a model of
// bargaining that ignores power would forecast a ceasefire as if every
// party weighed the same.
var parleyGrid = struct{ capability, salience, unanimity, majority []float64 }{
	capability: []float64{0.25, 0.5},
	salience:   []float64{0, 0.5},
	unanimity:  []float64{0, 0.2, 0.4},
	majority:   []float64{0, 0.2},
}

// FitParley chooses the settings with the least mean absolute error on
// the issues with known outcomes, from a small grid (parleyGrid). Ties go
// to the first setting in grid order, which prefers smaller exponents and
// shares.
func FitParley(issues []Issue) Parley {
	var known []Issue
	var eum []float64
	for _, is := range issues {
		if is.Outcome != nil {
			known = append(known, is)
			eum = append(eum, ExpectedUtility(is))
		}
	}
	return fitParley(known, eum)
}

func fitParley(known []Issue, eum []float64) Parley {
	best, bestErr := DefaultParley, math.Inf(1)
	g := parleyGrid
	damped := make([]float64, len(known))
	for _, a := range g.capability {
		for _, b := range g.salience {
			for k, is := range known {
				damped[k] = DampedCompromise(is, a, b)
			}
			for _, wu := range g.unanimity {
				for _, wm := range g.majority {
					p := Parley{a, b, wu, wm}
					e := 0.0
					for k, is := range known {
						w := p.eumShare(is)
						e += math.Abs((1-w)*damped[k] + w*eum[k] - *is.Outcome)
					}
					if e < bestErr-1e-9 {
						best, bestErr = p, e
					}
				}
			}
		}
	}
	return best
}

// CrossValidate estimates FitParley's error on issues it was not fitted
// on: the issues with known outcomes are split into folds by group (the
// issues of one proposal stay together, so that none of a proposal's
// issues is used to forecast another of the same proposal), each fold is
// forecast by the settings fitted on the others, and the mean absolute
// errors of parley's model and of the fixed models are returned by name.
func CrossValidate(issues []Issue, folds int, seed uint64) map[string]float64 {
	var known []Issue
	var eum []float64
	groups := map[string]int{}
	var names []string
	for _, is := range issues {
		if is.Outcome == nil {
			continue
		}
		known = append(known, is)
		eum = append(eum, ExpectedUtility(is))
		g := is.Group
		if g == "" {
			g = is.ID
		}
		if _, ok := groups[g]; !ok {
			groups[g] = len(names)
			names = append(names, g)
		}
	}
	order := make([]int, len(names))
	for k := range order {
		order[k] = k
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	fold := make([]int, len(names))
	for k, g := range order {
		fold[g] = k % max(folds, 2)
	}
	errs := map[string]float64{}
	for f := range max(folds, 2) {
		var train, test []Issue
		var trainEUM, testEUM []float64
		for k, is := range known {
			g := is.Group
			if g == "" {
				g = is.ID
			}
			if fold[groups[g]] == f {
				test, testEUM = append(test, is), append(testEUM, eum[k])
			} else {
				train, trainEUM = append(train, is), append(trainEUM, eum[k])
			}
		}
		if len(test) == 0 || len(train) == 0 {
			continue
		}
		p := fitParley(train, trainEUM)
		for k, is := range test {
			w := p.eumShare(is)
			pred := (1-w)*DampedCompromise(is, p.CapabilityExp, p.SalienceExp) + w*testEUM[k]
			errs["parley"] += math.Abs(pred - *is.Outcome)
			errs["compromise"] += math.Abs(Compromise(is) - *is.Outcome)
			errs["median"] += math.Abs(WeightedMedian(is) - *is.Outcome)
			errs["eum"] += math.Abs(testEUM[k] - *is.Outcome)
		}
	}
	for name := range errs {
		errs[name] /= float64(len(known))
	}
	return errs
}
