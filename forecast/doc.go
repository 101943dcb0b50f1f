// Package forecast predicts where a bargaining issue will land from the
// positions, saliences and capabilities of the actors. Its models are the
// weighted median; the compromise model (the capability × salience
// weighted mean, the simple model that does best on the EU decision-making
// data); Bueno de Mesquita's expected utility model as specified by
// Scholz, Calbert and Smith (2011), with its rounds of challenges and
// offers (EUM); and parley's own model, a damped compromise pulled
// towards the expected utility forecast by a share that depends on the
// decision rule, fitted and cross-validated on the DEU development data
// (Parley, FitParley, CrossValidate). Simulate runs Monte Carlo over the
// uncertainty of every input for a median and a calibrated 80% interval;
// Bound keeps a forecast to what every veto player accepts. It reads the
// DEU table format, KTAB's spatial-model CSV and a simple CSV of its own.
// It is pure computation: no storage, no I/O beyond the reader it is
// given.
package forecast
