package forecast

import (
	"math"
	"slices"
)

// Candidate is a model that may learn settings from issues with known
// outcomes: Fit returns the model fitted on them (a fixed model ignores
// them).
type Candidate struct {
	Name string
	Note string // what it is, for reports
	Fit  func(train []Issue) func(Issue) float64
}

func fixed(m func(Issue) float64) func([]Issue) func(Issue) float64 {
	return func([]Issue) func(Issue) float64 { return m }
}

// shares is the grid of blend weights the shrinkage candidates choose from.
var shares = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}

// shrink is the candidate λ·base + (1-λ)·toward, λ fitted on the training
// issues from shares (ties to the larger λ, nearer base). toward may
// decline an issue (ok false): base alone then forecasts it.
func shrink(base func(Issue) float64, toward func(Issue) (float64, bool)) func([]Issue) func(Issue) float64 {
	return func(all []Issue) func(Issue) float64 {
		train := withOutcomes(all)
		best, bestErr := 1.0, math.Inf(1)
		b := make([]float64, len(train))
		t := make([]float64, len(train))
		ok := make([]bool, len(train))
		for k, is := range train {
			b[k] = base(is)
			t[k], ok[k] = toward(is)
		}
		for i := len(shares) - 1; i >= 0; i-- {
			l := shares[i]
			e := 0.0
			for k, is := range train {
				p := b[k]
				if ok[k] {
					p = l*b[k] + (1-l)*t[k]
				}
				e += math.Abs(p - *is.Outcome)
			}
			if e < bestErr-1e-9 {
				best, bestErr = l, e
			}
		}
		return func(is Issue) float64 {
			p := base(is)
			if x, ok := toward(is); ok {
				p = best*p + (1-best)*x
			}
			return p
		}
	}
}

func always(m func(Issue) float64) func(Issue) (float64, bool) {
	return func(is Issue) (float64, bool) { return m(is), true }
}

// statusQuo is the issue's reference point when it is known.
func statusQuo(is Issue) (float64, bool) {
	if is.StatusQuo == nil {
		return 0, false
	}
	return *is.StatusQuo, true
}

// Candidates are the models the default is chosen from (docs/forecast.md).
// Their expected utility runs are remembered by issue id, so the issues
// they are given must have distinct ids.
func Candidates() []Candidate {
	plain := func(is Issue) float64 { return mean(is.Actors) }
	eumOf := map[string]float64{}
	eum := func(is Issue) float64 {
		if x, ok := eumOf[is.ID]; ok {
			return x
		}
		x := ExpectedUtility(is)
		eumOf[is.ID] = x
		return x
	}
	return []Candidate{
		{"compromise", "capability × salience weighted mean", fixed(Compromise)},
		{"median", "capability × salience weighted median", fixed(WeightedMedian)},
		{"mean", "unweighted mean of the positions", fixed(plain)},
		{"nash", "weighted Nash bargaining, linear utilities", fixed(Nash)},
		{"nash-quadratic", "weighted Nash bargaining, quadratic utilities", fixed(NashQuadratic)},
		{"eum", "expected utility model (Scholz et al. 2011)", fixed(eum)},
		{"parley-2025", "damped compromise + EUM share by rule, refitted (FitParley)", func(all []Issue) func(Issue) float64 {
			train := withOutcomes(all)
			e := make([]float64, len(train))
			for k, is := range train {
				e[k] = eum(is)
			}
			p := fitParley(train, e)
			return func(is Issue) float64 {
				w := p.eumShare(is)
				return (1-w)*DampedCompromise(is, p.CapabilityExp, p.SalienceExp) + w*eum(is)
			}
		}},
		{"compromise→median", "λ·compromise + (1-λ)·median, λ fitted", shrink(Compromise, always(WeightedMedian))},
		{"compromise→mean", "λ·compromise + (1-λ)·unweighted mean, λ fitted", shrink(Compromise, always(plain))},
		{"compromise→nash", "λ·compromise + (1-λ)·Nash, λ fitted", shrink(Compromise, always(Nash))},
		{"compromise→eum", "λ·compromise + (1-λ)·EUM, λ fitted", shrink(Compromise, always(eum))},
		{"compromise→sq", "λ·compromise + (1-λ)·reference point where known, λ fitted", shrink(Compromise, statusQuo)},
	}
}

// CandidateScore is a candidate's grouped cross-validated error.
type CandidateScore struct {
	Name  string
	MAE   float64   // mean over the seeds of the out-of-fold mean absolute error
	Worst float64   // the worst seed's
	OOF   []float64 // the first seed's out-of-fold forecasts, by issue (NaN without an outcome)
}

// CrossValidateCandidates scores each candidate by grouped k-fold
// cross-validation on the issues with known outcomes, once per seed: each
// fold is forecast by the candidate fitted on the other folds.
func CrossValidateCandidates(cands []Candidate, issues []Issue, k int, seeds []uint64) []CandidateScore {
	known := withOutcomes(issues)
	out := make([]CandidateScore, len(cands))
	for c, cand := range cands {
		out[c] = CandidateScore{Name: cand.Name}
		for s, seed := range seeds {
			fold := Folds(known, k, seed)
			pred := OutOfFold(cand, known, fold)
			e := 0.0
			for i, is := range known {
				e += math.Abs(pred[i] - *is.Outcome)
			}
			e /= float64(max(1, len(known)))
			out[c].MAE += e / float64(len(seeds))
			out[c].Worst = max(out[c].Worst, e)
			if s == 0 {
				out[c].OOF = pred
			}
		}
	}
	return out
}

// OutOfFold forecasts each issue with the candidate fitted on the issues
// of the other folds.
func OutOfFold(cand Candidate, known []Issue, fold []int) []float64 {
	pred := make([]float64, len(known))
	k := slices.Max(fold) + 1
	for f := range k {
		var train []Issue
		for i, is := range known {
			if fold[i] != f {
				train = append(train, is)
			}
		}
		m := cand.Fit(train)
		for i, is := range known {
			if fold[i] == f {
				pred[i] = m(is)
			}
		}
	}
	return pred
}

// withOutcomes is the issues whose outcome is known.
func withOutcomes(issues []Issue) []Issue {
	var known []Issue
	for _, is := range issues {
		if is.Outcome != nil {
			known = append(known, is)
		}
	}
	return known
}
