package forecast_test

import (
	"math"
	"os"
	"strings"
	"testing"

	"parley/forecast"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Hand-computed: three actors at 0, 60 and 100 with weights 2×50=100,
// 1×100=100 and 1×40=40.
func TestCompromiseAndMedianByHand(t *testing.T) {
	is := forecast.Issue{Actors: []forecast.Actor{
		{Name: "A", Position: 0, Salience: 50, Capability: 2},
		{Name: "B", Position: 60, Salience: 100, Capability: 1},
		{Name: "C", Position: 100, Salience: 40, Capability: 1},
	}}
	// (0×100 + 60×100 + 100×40) / 240 = 10000/240
	if got := forecast.Compromise(is); !near(got, 10000.0/240) {
		t.Errorf("compromise = %v, want %v", got, 10000.0/240)
	}
	// Cumulative weight 100, 200, 240: half is 120, first passed at B.
	if got := forecast.WeightedMedian(is); got != 60 {
		t.Errorf("median = %v, want 60", got)
	}
	// An exact split lands between the two positions.
	tie := forecast.Issue{Actors: []forecast.Actor{{Position: 10, Salience: 50, Capability: 1}, {Position: 30, Salience: 50, Capability: 1}}}
	if got := forecast.WeightedMedian(tie); got != 20 {
		t.Errorf("median of an even split = %v, want 20", got)
	}
	none := forecast.Issue{Actors: []forecast.Actor{{Position: 10}, {Position: 30}}}
	if forecast.Compromise(none) != 20 || forecast.WeightedMedian(none) != 20 {
		t.Errorf("no weights: want the plain mean")
	}
}

func TestReadDEURejectsBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          "",
		"no out column":  "isnr\tpa\tsa\n1\n",
		"no weights":     "isnr\tpa\tsa\tout\n",
		"bad weight":     "isnr\tpa\tsa\tout\nx\n",
		"bad position":   "isnr\tpa\tsa\tout\n1\ni1\tlots\t50\t10\n",
		"missing issue":  "isnr\tpa\tsa\tout\n1\n\t10\t50\t10\n",
		"no actor pairs": "isnr\tout\n\n1\t5\n",
	} {
		if _, err := forecast.ReadDEU(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// devIssues reads the DEU development file, or skips when it is not here.
func devIssues(t *testing.T) []forecast.Issue {
	t.Helper()
	f, err := os.Open("../../shared/data/deu/deu-dev.tsv")
	if err != nil {
		t.Skipf("development data not here: %v", err)
	}
	defer f.Close()
	issues, err := forecast.ReadDEU(f)
	if err != nil {
		t.Fatal(err)
	}
	return issues
}

// On the development file the compromise model with GDP weights comes out
// near 24.3, which checks the reading of the data.
func TestDEUDevelopmentFile(t *testing.T) {
	issues := devIssues(t)
	mae, n := forecast.MeanAbsoluteError(forecast.Compromise, issues)
	t.Logf("%d issues with outcomes; compromise MAE %.2f", n, mae)
	if n < 150 || math.Abs(mae-24.3) > 0.1 {
		t.Fatalf("compromise MAE %.2f on %d issues, want about 24.3", mae, n)
	}
	med, _ := forecast.MeanAbsoluteError(forecast.WeightedMedian, issues)
	t.Logf("weighted median MAE %.2f", med)
}

// The interval is calibrated with grouped cross-validation on the
// development file: the shared spread is fitted on four fifths of the
// proposals and the coverage measured on the fifth left out.
func TestCalibration(t *testing.T) {
	issues := devIssues(t)
	const runs = 200
	all := forecast.Calibrate(forecast.Compromise, issues, forecast.Percent, forecast.DefaultUncertainty, 0.8, runs)
	t.Logf("shared spread calibrated on all issues for the compromise model: %.3f (DefaultUncertainty uses %.3f, calibrated for parley's model)", all, forecast.DefaultUncertainty.Shared)
	if math.Abs(all-forecast.DefaultUncertainty.Shared) > 0.05 {
		t.Errorf("calibration gives %.3f, far from DefaultUncertainty's %.3f", all, forecast.DefaultUncertainty.Shared)
	}
	fold := func(id string) int { // by proposal: the id's part before "i"
		p, _, _ := strings.Cut(id, "i")
		h := 0
		for _, r := range p {
			h = h*31 + int(r)
		}
		return (h%5 + 5) % 5
	}
	in, n := 0.0, 0
	for k := range 5 {
		var train, test []forecast.Issue
		for _, is := range issues {
			if fold(is.ID) == k {
				test = append(test, is)
			} else {
				train = append(train, is)
			}
		}
		u := forecast.DefaultUncertainty
		u.Shared = forecast.Calibrate(forecast.Compromise, train, forecast.Percent, u, 0.8, runs)
		c, m := forecast.IntervalCoverage(forecast.Compromise, test, forecast.Percent, u, runs)
		t.Logf("fold %d: shared spread %.3f, coverage %.2f on %d held-out issues", k, u.Shared, c, m)
		in += c * float64(m)
		n += m
	}
	coverage := in / float64(n)
	t.Logf("cross-validated coverage of the 80%% interval: %.3f on %d issues", coverage, n)
	if coverage < 0.72 || coverage > 0.88 {
		t.Fatalf("cross-validated coverage %.3f, want about 0.80", coverage)
	}
}
