// Package export writes parley's data out for people and other programs:
// comparisons of two versions as JSON, terminal text, Markdown and a
// self-contained HTML page; lineages as CSV and SVG; a version as its text,
// Markdown, HTML, JSON or Akoma Ntoso 3.0 XML; and a negotiation as
// TimelineJS JSON, a CSV of its events, or JSON; events with what they
// name, the parties' understandings of an event compared, and the contact
// network as JSON and SVG, in the shapes the API and the command line
// share. It renders values the
// caller has loaded and never reads a store. Exports of a negotiation hold
// only what every member may see (Negotiation.Shared).
package export
