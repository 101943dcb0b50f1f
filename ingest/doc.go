// Package ingest reads negotiated texts for import: it checks the input,
// decodes and normalises it, and splits it into numbered points with
// segment.Text.
//
// Read accepts plain text, Markdown, HTML, Word (.docx), PDF, Akoma Ntoso
// 3.0 XML and parley's JSON of a version of at most MaxBytes (32 MiB) and segment.MaxPoints (200,000) points. The body
// is kept exactly as received; the normalised Text (UTF-8 byte order
// mark dropped, CRLF and CR turned into LF, Unicode NFC, trailing white
// space trimmed from each line) is what points, line numbers and text
// hashes refer to. For HTML, Word and PDF, Text is the plain text
// extracted from the body, normalised the same way, and every format goes
// through the same segmenter. Normalize applies the normalisation on its
// own, so that a circulating copy of a text can be matched to a recorded
// one.
//
// # Formats
//
// The format is the one Read is given, or else the one DetectFormat
// finds: by the file name's extension (".html", ".htm", ".xhtml",
// ".docx", ".pdf", ".md", ".txt"), and when the extension says nothing,
// by the content: "%PDF-" at the start, a ZIP archive holding
// word/document.xml, a page that starts (after a byte order mark, white
// space, comments and doctype) with <html or <!DOCTYPE html, XML whose
// root is <akomaNtoso> (".akn" is always Akoma Ntoso), a JSON object with
// "points" (".json" is always parley's JSON), Markdown's front matter,
// headings or bold list items, and plain text otherwise.
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
//
// HTML (golang.org/x/net/html) and Word documents are read into
// paragraphs, written one per line with a blank line between them and
// with their nesting as indentation. Numbers the document computes are
// written in front of their paragraphs: an <ol> item gets the number a
// browser shows (type, start, value, reversed; "(a)", "(i)", "(1)" in
// nested lists), and a Word paragraph the label of Word's list numbering
// (numbering.xml and the styles that carry it; see numbering.go). Numbers
// typed in the text stay as they are. Headings (h1 to h6, Word's outline
// levels and heading styles) are shown to the segmenter as Markdown
// headings, so "Article 5" in a heading is a point and "Part two" a
// structure break, while Text keeps them as plain lines. HTML drops
// scripts, styles, navigation and hidden elements, and reads only <main>
// when a page has one; Word's text is read with tracked changes accepted
// and without hidden text, field codes, tables of contents, drawings,
// headers, footers and notes.
//
// Akoma Ntoso and parley's JSON are not segmented: they name their points
// themselves. In Akoma Ntoso every element of the body with a <num> is a
// point, nested as the elements nest, with its <heading> and the <p>s of
// its intro, content and wrap-up as its text; grouping elements (parts,
// chapters, titles) are unnumbered blocks; the eIds are kept in
// Document.EIDs and the title and date in Document.Label and Date (see
// akn.go). Parley's JSON gives its points back exactly. For both, Text is
// a plain text written from the points, which their lines refer to.
//
// PDF is read by Poppler's pdftotext (poppler-utils) in layout mode, run
// as a program with a time limit (PDFTimeout); its layout text is turned
// into lines without running heads, feet and page numbers, with blank
// lines where paragraphs end and words hyphenated at line ends joined.
//
// # Errors
//
// Inputs are refused with a *parley.Error whose message names the file
// and the problem: an empty file; a file over the limit of bytes, or a
// text of more than segment.MaxPoints points (both ETOOLARGE); a
// binary file named as text (PDF, Word, images, NUL bytes or many control
// characters); UTF-16 or UTF-32 text; bytes that are not UTF-8, with the
// line and column of the first one; a Word file that is not a ZIP
// archive, is damaged, encrypted or has no word/document.xml, or that
// unpacks to more than MaxBytes or holds too many files (a zip bomb,
// ETOOLARGE); a PDF that is truncated, damaged, encrypted or has no text
// (a scan); a document without text; and a text in which no numbered
// point can be found. Without pdftotext, reading a PDF fails with an
// EINTERNAL error that says to install poppler-utils.
package ingest
