// Package ingest reads negotiated texts for import: it checks the input,
// decodes and normalises it, and splits it into numbered points with
// align.Segment.
//
// Read accepts plain text and Markdown of at most MaxBytes (64 MiB). The
// body is kept exactly as received; the normalised Text (UTF-8 byte order
// mark dropped, CRLF and CR turned into LF, Unicode NFC, trailing white
// space trimmed from each line) is what points, line numbers and text
// hashes refer to. Normalize applies the same normalisation on its own,
// so that a circulating copy of a text can be matched to a recorded one.
//
// Inputs are refused with a *parley.Error whose message names the file
// and the problem: an empty file; a file over the limit (ETOOLARGE); a
// binary file (PDF, Word, images, NUL bytes or many control characters);
// UTF-16 or UTF-32 text; bytes that are not UTF-8, with the line and
// column of the first one; and a text in which no numbered point can be
// found.
//
// Markdown is turned into plain lines before segmenting, one line for one
// line so that line numbers stay those of Text: YAML front matter and
// HTML comments are dropped, definition lists (":   value") are folded
// into their term (and so into the preamble when they come before the
// first point), and emphasis, escapes, links, inline HTML and bullets in
// front of a numbering ("- 1.", "* (a)") are removed. Numbered Markdown
// lists ("1.") stay as they are. Headings keep their markers; the
// segmenter reads "#### § 1 Title" as the point "§ 1" with the heading
// "Title" and treats unnumbered headings as structure breaks.
package ingest
