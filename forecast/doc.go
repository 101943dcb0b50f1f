// Package forecast predicts where a bargaining issue will land from the
// positions, saliences and capabilities of the actors. Its models are the
// weighted Nash bargaining solution (Nash, the default since issue 16,
// chosen by grouped cross-validation: SplitByGroup, Candidates,
// CrossValidateCandidates; docs/forecast.md); the compromise model (the
// capability × salience weighted mean); the weighted median; Bueno de
// Mesquita's expected utility model as specified by Scholz, Calbert and
// Smith (2011), run until positions settle (EUM); and parley's 2025
// model, a damped compromise pulled towards the expected utility forecast
// (Parley). Every model keeps to the decision rule (ApplyRule).
// Default gives the default model's forecast with a split-conformal 80%
// interval (Conformal: it grows from the point by the actors' positions,
// its quantile taken by proposal), which also spreads into option
// probabilities on an ordinal scale (BoundProbabilities keeps them to the
// veto players' limits); Simulate runs Monte Carlo over the uncertainty of
// every input instead; Bound keeps a forecast to what every veto player
// accepts. It reads the DEU table format, KTAB's spatial-model CSV and a
// simple CSV of its own. It is pure computation: no storage, no I/O
// beyond the reader it is given.
package forecast
