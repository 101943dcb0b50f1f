package forecast_test

import (
	"math"
	"testing"

	"parley/forecast"
)

// devSplit is the development file split into the part models are tuned
// on and the untouched part (forecast.UntouchedSeed).
func devSplit(t *testing.T) (tune, untouched []forecast.Issue) {
	t.Helper()
	return forecast.SplitByGroup(devIssues(t), forecast.UntouchedShare, forecast.UntouchedSeed)
}

func known(issues []forecast.Issue) []forecast.Issue {
	var out []forecast.Issue
	for _, is := range issues {
		if is.Outcome != nil {
			out = append(out, is)
		}
	}
	return out
}

// TestModelChoice re-runs the choice of the default model
// (docs/forecast.md): every candidate is scored by grouped five-fold
// cross-validation on the tuning part (five seeds), and fitted on the
// whole tuning part and scored on the untouched part. The default is the
// candidate with the least cross-validated error among those that beat the
// compromise model on both; the compromise model when none does.
func TestModelChoice(t *testing.T) {
	tune, untouched := devSplit(t)
	cands := forecast.Candidates()
	scores := forecast.CrossValidateCandidates(cands, tune, 5, []uint64{0, 1, 2, 3, 4})
	cv := map[string]float64{}
	held := map[string]float64{}
	for k, c := range cands {
		u, n := forecast.MeanAbsoluteError(c.Fit(tune), untouched)
		cv[c.Name], held[c.Name] = scores[k].MAE, u
		t.Logf("%-18s cross-validated %.2f (worst seed %.2f)  untouched %.2f on %d issues", c.Name, scores[k].MAE, scores[k].Worst, u, n)
	}
	choice := "compromise"
	for _, c := range cands {
		if cv[c.Name] < cv["compromise"] && held[c.Name] < held["compromise"] && cv[c.Name] < cv[choice] {
			choice = c.Name
		}
	}
	if choice != forecast.DefaultModelName {
		t.Errorf("the rule chooses %s; DefaultModelName is %s", choice, forecast.DefaultModelName)
	}
	// The default must not lose to compromise on either part.
	if cv["nash"] >= cv["compromise"] || held["nash"] >= held["compromise"] {
		t.Errorf("nash %.2f / %.2f against compromise %.2f / %.2f", cv["nash"], held["nash"], cv["compromise"], held["compromise"])
	}
}

// The untouched split is fixed: same proposals whatever the order of the
// issues, no proposal on both sides, about a quarter of the proposals.
func TestSplitByGroup(t *testing.T) {
	issues := devIssues(t)
	tune, untouched := forecast.SplitByGroup(issues, forecast.UntouchedShare, forecast.UntouchedSeed)
	if len(tune)+len(untouched) != len(issues) {
		t.Fatalf("%d + %d issues, want %d", len(tune), len(untouched), len(issues))
	}
	side := map[string]int{}
	for _, is := range tune {
		side[is.Group] = 1
	}
	groups := 0
	for _, is := range untouched {
		if side[is.Group] == 1 {
			t.Fatalf("proposal %s on both sides", is.Group)
		}
		if side[is.Group] == 0 {
			groups++
		}
		side[is.Group] = 2
	}
	if groups != int(0.25*float64(len(side))+0.5) {
		t.Errorf("%d of %d proposals untouched, want a quarter", groups, len(side))
	}
	rev := make([]forecast.Issue, len(issues))
	for k, is := range issues {
		rev[len(issues)-1-k] = is
	}
	_, again := forecast.SplitByGroup(rev, forecast.UntouchedShare, forecast.UntouchedSeed)
	if len(again) != len(untouched) {
		t.Errorf("the split depends on the order of the issues: %d then %d untouched", len(untouched), len(again))
	}
	fold := forecast.Folds(issues, 5, 3)
	byGroup := map[string]int{}
	for k, is := range issues {
		if f, ok := byGroup[is.Group]; ok && f != fold[k] {
			t.Fatalf("proposal %s in folds %d and %d", is.Group, f, fold[k])
		}
		byGroup[is.Group] = fold[k]
	}
}

// TestDefaultConformal recomputes the default interval rule on the tuning
// part and reports its coverage and mean width on the untouched part.
func TestDefaultConformal(t *testing.T) {
	tune, untouched := devSplit(t)
	cal := known(tune)
	points := make([]float64, len(cal))
	for k, is := range cal {
		points[k] = forecast.DefaultModel(is) // a fixed model: nothing was fitted on these
	}
	c := forecast.CalibrateConformal(cal, points, 0.8)
	t.Logf("calibrated on %d tuning issues: Q = %.17g", c.N, c.Q)
	d := forecast.DefaultConformal
	if math.Abs(c.Q-d.Q) > 1e-9 || c.N != d.N || len(c.Scores) != len(d.Scores) {
		t.Fatalf("calibration gives Q %.6f on %d issues; DefaultConformal holds %.6f on %d", c.Q, c.N, d.Q, d.N)
	}
	for k := range c.Scores {
		if c.Scores[k] != d.Scores[k] && math.Abs(c.Scores[k]-d.Scores[k]) > 1e-9 {
			t.Fatalf("score %d: %v, DefaultConformal holds %v", k, c.Scores[k], d.Scores[k])
		}
	}
	in, width, n := 0, 0.0, 0
	for _, is := range known(untouched) {
		f := forecast.Default(is)
		if *is.Outcome >= f.Low-1e-9 && *is.Outcome <= f.High+1e-9 {
			in++
		}
		width += f.High - f.Low
		n++
	}
	t.Logf("untouched part: coverage %.3f (%d of %d), mean width %.1f", float64(in)/float64(n), in, n, width/float64(n))
	if width/float64(n) > 70 {
		t.Errorf("mean width %.1f, want at most 70", width/float64(n))
	}
	// 46 issues: a coverage of 0.8 would fall below 0.65 by chance less
	// than one time in a hundred.
	if c := float64(in) / float64(n); c < 0.65 || c > 0.95 {
		t.Errorf("coverage %.3f far from 0.8", c)
	}
}
