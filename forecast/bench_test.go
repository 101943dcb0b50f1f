package forecast_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"parley/forecast"
)

// syntheticIssues makes n issues of k actors with positions, saliences and
// capabilities drawn at random (seeded).
func syntheticIssues(n, k int) []forecast.Issue {
	rng := rand.New(rand.NewPCG(7, 11))
	issues := make([]forecast.Issue, n)
	for i := range issues {
		is := forecast.Issue{ID: fmt.Sprintf("s%d", i)}
		for a := range k {
			is.Actors = append(is.Actors, forecast.Actor{
				Name:       fmt.Sprintf("a%d", a),
				Position:   100 * rng.Float64(),
				Salience:   10 + 90*rng.Float64(),
				Capability: 1 + 99*rng.Float64(),
			})
		}
		issues[i] = is
	}
	return issues
}

// BenchmarkMonteCarlo: 1,000 runs of parley's model on each of 10 issues
// with 30 actors (the target is under 2 s for the whole case).
func BenchmarkMonteCarlo(b *testing.B) {
	issues := syntheticIssues(10, 30)
	for b.Loop() {
		for _, is := range issues {
			forecast.Simulate(forecast.ParleyModel, is, forecast.Percent, forecast.DefaultUncertainty, 1000)
		}
	}
}

// BenchmarkKTAB80: every model on KTAB's 80-actor sample (the target is
// under 0.5 s).
func BenchmarkKTAB80(b *testing.B) {
	f, err := os.Open("../../shared/data/ktab/dummyData-a080.csv")
	if err != nil {
		b.Skip(err)
	}
	issues, err := forecast.ReadKTAB(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, is := range issues {
			for _, name := range forecast.ModelNames {
				forecast.Models[name](is)
			}
		}
	}
}
