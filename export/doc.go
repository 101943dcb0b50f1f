// Package export writes parley's data out for people and other programs:
// comparisons of two versions as JSON, terminal text, Markdown and a
// self-contained HTML page, and lineages as CSV and SVG.
package export
