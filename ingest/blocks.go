package ingest

import (
	"strings"
	"unicode/utf8"

	"parley"
	"parley/segment"
)

// A block is one paragraph of a structured document (an HTML block, a
// Word paragraph) on its way to the plain lines that the segmenter reads.
type block struct {
	indent  int    // columns before the first line, where the label stands
	cont    int    // columns before the lines after a line break
	heading int    // 1 to 6 for a heading, 0 for other paragraphs
	label   string // the number the document computes ("10.", "(a)"), or ""
	text    string // "\n" is a line break within the paragraph
	pre     bool   // keep spaces as they are (HTML <pre>)
	lead    bool   // leading white space of text is indentation (Word)
}

// Limits of the plain text made from a structured document.
const (
	maxIndent      = 40  // columns; deeper nesting is written at this depth
	maxHeadingText = 120 // characters; a longer "heading" is a paragraph
)

// plainWriter turns blocks into plain lines: one line per line break,
// a blank line between blocks, labels in front of their text and nesting
// as indentation. It remembers which lines are headings, so that the
// segmenter can be shown them as Markdown headings while Document.Text
// stays plain.
type plainWriter struct {
	b        strings.Builder
	lines    int         // lines written
	headings map[int]int // line index -> heading depth
	over     bool        // the text went over MaxBytes
}

// add writes one block. Blocks without text or label write nothing.
func (w *plainWriter) add(bl block) {
	if w.over {
		return
	}
	text := sanitize(bl.text)
	var lines []string
	if bl.heading > 0 {
		lines = []string{collapseSpace(text)}
	} else {
		lines = strings.Split(text, "\n")
	}
	// Drop blank lines at both ends; keep inner ones only in <pre>.
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 && bl.label == "" {
		return
	}
	if w.lines > 0 {
		w.b.WriteByte('\n') // the blank line between blocks
		w.lines++
	}
	first := ""
	if len(lines) > 0 {
		first = lines[0]
	}
	indent, first := w.lineIndent(bl, bl.indent, first)
	if bl.label != "" {
		first = strings.TrimSpace(bl.label + " " + first)
	}
	if bl.heading > 0 && indent < 4 && utf8.RuneCountInString(first) <= maxHeadingText && !strings.HasSuffix(first, ".") &&
		!strings.HasSuffix(first, ";") && !strings.HasSuffix(first, ",") && !strings.HasSuffix(first, ":") {
		if w.headings == nil {
			w.headings = map[int]int{}
		}
		w.headings[w.lines] = min(bl.heading, 6)
		indent = 0
	}
	w.line(indent, first)
	for _, l := range lines[min(1, len(lines)):] {
		if w.over {
			return
		}
		if !bl.pre && strings.TrimSpace(l) == "" {
			continue
		}
		in, l := w.lineIndent(bl, bl.cont, l)
		w.line(in, l)
	}
}

// lineIndent returns the indentation and the content of one line of a
// block: in <pre> and Word paragraphs the line's own leading white space
// adds to the block's indentation.
func (w *plainWriter) lineIndent(bl block, indent int, l string) (int, string) {
	if bl.pre || bl.lead {
		indent += leadingColumns(l)
	}
	l = strings.TrimSpace(l)
	if !bl.pre {
		l = collapseSpace(l)
	}
	return min(max(indent, 0), maxIndent), l
}

func (w *plainWriter) line(indent int, s string) {
	for range indent {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
	w.b.WriteByte('\n')
	w.lines++
	if w.b.Len() > MaxBytes {
		w.over = true
	}
}

// document normalises the written text and segments it.
func (w *plainWriter) document(name, format string, body []byte) (*Document, error) {
	if w.over {
		return nil, parley.Errorf(parley.ETOOLARGE, "the text of %s is over the limit of %s (%s bytes)", name, sizeString(MaxBytes), thousands(MaxBytes))
	}
	return segmentPlain(name, format, body, w.b.String(), w.headings)
}

// segmentPlain finishes the reading of a structured document: the plain
// text made from it is normalised as a text file is (it is valid UTF-8
// already, so only the checks for binary data are left out), and
// segmented, with the heading lines shown to the segmenter as Markdown
// headings.
func segmentPlain(name, format string, body []byte, plain string, headings map[int]int) (*Document, error) {
	text := normalizeValid(plain)
	if strings.TrimSpace(text) == "" {
		return nil, parley.Errorf(parley.EINVALID, "%s has no text", name)
	}
	view := text
	if len(headings) > 0 {
		lines := strings.Split(text, "\n")
		for i, depth := range headings {
			if i < len(lines) && strings.TrimSpace(lines[i]) != "" {
				lines[i] = strings.Repeat("#", depth) + " " + strings.TrimSpace(lines[i])
			}
		}
		view = strings.Join(lines, "\n")
	}
	seg := segment.Text(view)
	if len(seg.Points) == 0 {
		return nil, parley.Errorf(parley.EINVALID, "%s has no numbered points (expected %s)", name, pointHint(format))
	}
	if err := checkPoints(name, seg.Points); err != nil {
		return nil, err
	}
	return &Document{
		Format:   format,
		Body:     body,
		Text:     text,
		Preamble: seg.Preamble,
		Blocks:   seg.Blocks,
		Points:   seg.Points,
		Warnings: segment.Check(seg, view),
	}, nil
}

// pointHint says what numbered points look like in a format.
func pointHint(format string) string {
	switch format {
	case FormatHTML:
		return `numbered paragraphs such as "1." or "Article 5", or <ol> lists`
	case FormatDOCX:
		return `numbered paragraphs, typed or with Word's list numbering`
	}
	return `lines such as "1.", "(a)", "Article 5"`
}

// sanitize makes extracted text safe to normalise: invalid UTF-8 becomes
// U+FFFD, line and paragraph separators become line breaks, control
// characters other than tab and line feed become spaces and byte order
// marks (zero-width no-break spaces) are dropped.
func sanitize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' || c == 0x7F || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r < 0x20 || r >= 0x7F && r < 0xA0:
			b.WriteByte(' ')
		case r == '\uFEFF':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// collapseSpace turns every run of ASCII white space into one space and
// trims both ends. No-break spaces stay: they are part of the text.
func collapseSpace(s string) string {
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\n\r\f\v") {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
		}
	}
	return b.String()
}

// leadingColumns measures the white space at the start of s the way the
// segmenter does: a tab goes to the next multiple of 4.
func leadingColumns(s string) int {
	col := 0
	for _, r := range s {
		switch r {
		case ' ', '\u00a0', '\u2002', '\u2003', '\u3000':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col
		}
	}
	return col
}
