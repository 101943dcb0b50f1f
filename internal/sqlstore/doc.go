// Package sqlstore implements parley.Store on database/sql with
// hand-written SQL that both SQLite and PostgreSQL accept.
//
// The sqlite and postgres packages own everything that differs between the
// two databases (the driver, connection settings, how a write transaction
// begins, the migrations, how a constraint violation is recognised) and hand
// it to Open as a Dialect. Writing the queries once keeps the two stores
// from drifting apart; the conformance suite in storetest holds them to the
// same behaviour.
//
// Conventions: identifiers are 64-bit integers assigned by the database;
// instants are stored as RFC 3339 text in UTC; dates of uncertain precision
// as EDTF text (which sorts correctly as text); short lists (path tokens,
// tags, actor and source references) as JSON text, checked against the
// negotiation on every write.
package sqlstore
