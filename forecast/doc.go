// Package forecast predicts where a bargaining issue will land from the
// positions, saliences and capabilities of the actors: the weighted median
// and the compromise model (the capability × salience weighted mean, the
// simple model that does best on the EU decision-making data). It reads
// the DEU table format. It is pure computation: no storage, no I/O beyond
// the reader it is given.
package forecast
