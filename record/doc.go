// Package record keeps the signed, append-only record of a negotiation's
// official versions: it makes and seals the keys, appends a recorded
// version or a party's endorsement with a signed checkpoint of the whole
// log, checks a record against the stored data, and writes the proof that
// a version is in it, to be checked offline with "parley verify --proof".
// The command line and the web both call it, under their own access
// rules; the log itself is package tlog.
package record
