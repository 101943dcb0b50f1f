// Package topic suggests the topics of a negotiation's points from their
// words.
//
// The topics are the categories of Scheme, derived from the PA-X peace
// agreements codebook. A suggestion is transparent: each comes with the
// words of the point that made it, found in a per-language lexicon of
// words and phrases (lexicons/en.txt, ru.txt, uk.txt) that anyone can read
// and extend. Words are matched by their stems, as the aligner stems them
// (align.Stem), so "withdraws" and "withdraw", "санкций" and "санкции" are
// one entry. A point with no evidence of its own (a list item such as
// "(a) at the village of Zarechnoe") takes the topics of the point that
// introduces it.
//
// Suggestions are only suggestions: a person confirms or corrects a point's
// topics, and the decision is stored and wins (parley.TopicDecision).
// testdata/topics holds a labelled set of 313 points; docs/benchmarks.md
// gives the suggester's precision and recall on it.
//
// Like align, the package is pure computation: no storage, no HTTP.
package topic
