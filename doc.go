// Package parley is the domain of parley, the written record of a
// negotiation fought over a text of numbered points.
//
// It holds the types every other package speaks (Negotiation, Party, Actor,
// Document, Version, Point, Source, Stance, Issue, Position, Event,
// Understanding, User, Member), their Validate methods, the rules of who may
// see and write what (CanSee, MayRecordPosition and the other May*
// functions), the coded Error type and the service interfaces that the
// stores implement. The computations on them live in their own packages:
// contact (who talks to whom), understand (what each side says was
// agreed), topic, align, forecast. It imports nothing of
// the project and nothing outside the standard library, so that the storage,
// the web app and the engines depend on it and never the other way round.
package parley
