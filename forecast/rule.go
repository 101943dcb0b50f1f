package forecast

// RuleVeto is the rule of a stored issue with named veto players: an
// outcome needs every one of them (Actor.Veto) to agree; the others count
// as the models weigh them.
const RuleVeto = "veto"

// vetoRange is the stretch of the line no veto player can block in favour
// of a point every veto player prefers: the range of the veto players'
// positions (outside it, the nearer end is better for all of them). Under
// unanimity every actor is a veto player; ok is false when the issue has
// none.
func vetoRange(is Issue) (lo, hi float64, ok bool) {
	for _, a := range is.Actors {
		if is.Rule != RuleUnanimity && !a.Veto {
			continue
		}
		if !ok {
			lo, hi, ok = a.Position, a.Position, true
			continue
		}
		lo, hi = min(lo, a.Position), max(hi, a.Position)
	}
	return lo, hi, ok
}

// feasibleRange is where an outcome can land: the actors' range, within
// the veto players' range when the issue has veto players.
func feasibleRange(is Issue) (lo, hi float64) {
	lo, hi = actorRange(is)
	if vlo, vhi, ok := vetoRange(is); ok {
		lo, hi = max(lo, vlo), min(hi, vhi)
	}
	return lo, hi
}

// ApplyRule keeps a forecast within what the issue's decision rule allows:
// within the veto players' positions when it has veto players (under
// unanimity, all the actors). Under majority rule, or with no rule known,
// it returns x unchanged. It uses ideal points only, never reservation
// values (Bound does that, for those who may see them).
func ApplyRule(is Issue, x float64) float64 {
	lo, hi, ok := vetoRange(is)
	if !ok {
		return x
	}
	return min(hi, max(lo, x))
}

// withRule is the model with its forecast kept within the decision rule.
func withRule(m func(Issue) float64) func(Issue) float64 {
	return func(is Issue) float64 { return ApplyRule(is, m(is)) }
}
