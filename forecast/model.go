package forecast

import (
	"cmp"
	"slices"
)

// Actor is one actor's stand on an issue.
type Actor struct {
	Name       string
	Position   float64
	Salience   float64 // 0-100
	Capability float64 // any positive scale
	Veto       bool    // a veto player: no outcome without its agreement (Rule RuleVeto)
}

// Issue is one bargaining dimension with the actors who took a position.
type Issue struct {
	ID        string
	Actors    []Actor
	StatusQuo *float64 // the reference point, when known
	Outcome   *float64 // the decision, when known (for evaluation)
	Rule      string   // RuleMajority, RuleUnanimity or RuleVeto; "" when not known
	Group     string   // issues of one proposal share a group (cross-validation keeps them together)
}

// weight is what an actor brings to bear on an issue.
func (a Actor) weight() float64 { return a.Capability * a.Salience }

// Compromise is the capability × salience weighted mean of the positions.
// With no weight at all it is the plain mean.
func Compromise(is Issue) float64 {
	sum, total := 0.0, 0.0
	for _, a := range is.Actors {
		sum += a.weight() * a.Position
		total += a.weight()
	}
	if total == 0 {
		return mean(is.Actors)
	}
	return sum / total
}

// WeightedMedian is the position at which the actors on either side weigh
// the same (capability × salience): no coalition of more than half the
// weight prefers another point. Between two positions that split the
// weight exactly, it is their midpoint.
func WeightedMedian(is Issue) float64 {
	actors := slices.Clone(is.Actors)
	slices.SortFunc(actors, func(a, b Actor) int { return cmp.Compare(a.Position, b.Position) })
	total := 0.0
	for _, a := range actors {
		total += a.weight()
	}
	if total == 0 {
		return mean(actors)
	}
	acc := 0.0
	for k, a := range actors {
		acc += a.weight()
		switch {
		case acc > total/2:
			return a.Position
		case acc == total/2 && k+1 < len(actors):
			return (a.Position + actors[k+1].Position) / 2
		}
	}
	return actors[len(actors)-1].Position
}

func mean(actors []Actor) float64 {
	if len(actors) == 0 {
		return 0
	}
	s := 0.0
	for _, a := range actors {
		s += a.Position
	}
	return s / float64(len(actors))
}

// DefaultModelName names the model behind "parley", the default
// forecast: the weighted Nash bargaining solution, chosen by grouped
// cross-validation on the DEU development data and checked on a part of it
// never tuned on (docs/forecast.md; TestModelChoice re-runs the choice).
const DefaultModelName = "nash"

// DefaultModelNote says in words what the default model is.
const DefaultModelNote = "weighted Nash bargaining solution"

// DefaultModel is the default forecast, within the issue's decision rule.
func DefaultModel(is Issue) float64 { return ApplyRule(is, Nash(is)) }

// Models are the forecast models by name, each kept within the issue's
// decision rule (ApplyRule). "parley" is always the default model,
// whichever that is (DefaultModelName says which).
var Models = map[string]func(Issue) float64{
	"parley":      DefaultModel,
	"compromise":  withRule(Compromise),
	"median":      withRule(WeightedMedian),
	"eum":         withRule(ExpectedUtility),
	"nash":        withRule(Nash),
	"parley-2025": withRule(DefaultParley.Predict),
}

// ModelNames lists the models in the order reports show them.
var ModelNames = []string{"parley", "compromise", "median", "nash", "eum"}
