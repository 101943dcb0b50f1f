package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"parley"
	"parley/segment"
)

// A structured document (Akoma Ntoso, parley's JSON) names its points
// itself: it is not segmented. Its points, preamble and unnumbered blocks
// are written out as a plain text for Document.Text, one line per line of
// text, a blank line between points and nesting as indentation, and every
// point's Line is the line where it starts in that text.

// structured is a structured document on its way to a Document.
type structured struct {
	preamble string
	points   []parley.Point
	blocks   []segment.Block // Line is filled in by document
	order    []structEntry   // points and blocks in document order
	eids     []string        // the eId of each point, "" when it has none
	label    string          // the title the document gives itself
	date     string          // the date it gives itself, YYYY[-MM[-DD]]
}

// structEntry is one point or block, for writing the text in order.
type structEntry struct {
	block bool
	index int // into points or blocks
}

func (s *structured) addPoint(p parley.Point, eid string) int {
	p.Ordinal = len(s.points)
	s.points = append(s.points, p)
	s.eids = append(s.eids, eid)
	s.order = append(s.order, structEntry{index: p.Ordinal})
	return p.Ordinal
}

func (s *structured) addBlock(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	s.blocks = append(s.blocks, segment.Block{Text: text, Next: len(s.points)})
	s.order = append(s.order, structEntry{block: true, index: len(s.blocks) - 1})
}

// document writes the text, fills in the lines, keeps paths unique and
// checks the points as Read checks a segmented text.
func (s *structured) document(name, format string, body []byte) (*Document, error) {
	if len(s.points) == 0 {
		return nil, parley.Errorf(parley.EINVALID, "%s has no numbered points (expected %s)", name, pointHint(format))
	}
	if err := checkPoints(name, s.points); err != nil {
		return nil, err
	}
	warnings := s.uniquePaths()
	for i := range s.points {
		if err := s.points[i].Validate(); err != nil {
			return nil, parley.Errorf(parley.EINVALID, "%s: %s", name, parley.ErrorMessage(err))
		}
	}
	var b strings.Builder
	line := 1
	write := func(indent int, text string) {
		for _, l := range strings.Split(text, "\n") {
			if l != "" {
				b.WriteString(strings.Repeat(" ", min(indent, maxIndent)))
			}
			b.WriteString(l)
			b.WriteByte('\n')
			line++
		}
	}
	gap := func() {
		if b.Len() > 0 {
			b.WriteByte('\n')
			line++
		}
	}
	if s.preamble != "" {
		write(0, s.preamble)
	}
	for _, e := range s.order {
		gap()
		if e.block {
			s.blocks[e.index].Line = line
			write(0, s.blocks[e.index].Text)
			continue
		}
		p := &s.points[e.index]
		p.Line = line
		indent := 4 * (len(p.Path) - 1)
		first := p.Label
		if p.Heading != "" {
			first += " " + p.Heading
		}
		if p.Text != "" && p.Heading == "" {
			head, rest, _ := strings.Cut(p.Text, "\n")
			write(indent, strings.TrimSpace(first+" "+head))
			if rest != "" {
				write(indent+4, rest)
			}
			continue
		}
		write(indent, first)
		if p.Text != "" {
			write(indent+4, p.Text)
		}
	}
	text := normalizeValid(b.String())
	if strings.TrimSpace(text) == "" {
		return nil, parley.Errorf(parley.EINVALID, "%s has no text", name)
	}
	if len(text) > MaxBytes {
		return nil, parley.Errorf(parley.ETOOLARGE, "the text of %s is over the limit of %s (%s bytes)", name, sizeString(MaxBytes), thousands(MaxBytes))
	}
	seg := segment.Segmented{Preamble: s.preamble, Points: s.points, Blocks: s.blocks}
	return &Document{
		Format:   format,
		Body:     body,
		Text:     text,
		Preamble: s.preamble,
		Points:   s.points,
		Blocks:   s.blocks,
		Warnings: append(warnings, segment.Check(seg, "")...),
		EIDs:     s.eids,
		Label:    s.label,
		Date:     s.date,
	}, nil
}

// uniquePaths keeps apart points that share a path, as the segmenter
// does: the second "3" becomes "3~2", with a warning.
func (s *structured) uniquePaths() []segment.Warning {
	var out []segment.Warning
	seen := make(map[string]int, len(s.points))
	renamed := map[string]string{} // old key of a renamed point -> new last token
	for i := range s.points {
		p := &s.points[i]
		// A renamed point's children follow it.
		for d := len(p.Path) - 1; d >= 1; d-- {
			if tok, ok := renamed[parley.PathKey(p.Path[:d])]; ok {
				p.Path = append(append([]string(nil), p.Path[:d-1]...), append([]string{tok}, p.Path[d:]...)...)
				break
			}
		}
		key := p.Key()
		seen[key]++
		if seen[key] == 1 {
			continue
		}
		old := key
		for n := seen[key]; ; n++ {
			tok := p.Path[len(p.Path)-1] + "~" + itoa(n)
			path := append(append([]string(nil), p.ParentPath()...), tok)
			if seen[parley.PathKey(path)] == 0 {
				p.Path = path
				seen[p.Key()] = 1
				renamed[old] = tok
				break
			}
		}
		out = append(out, segment.Warning{Code: segment.WarnDuplicatePath, Path: p.Path, Line: p.Line,
			Message: "point " + parley.FormatPath(p.Path) + " (" + p.Label + ") has the number of a point before it; it is kept as " + parley.FormatPath(p.Path)})
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// labelPath reads the path a label stands for, as the segmenter reads it
// when the label stands alone on a line: "Article 7" is ["7"], "(a)" is
// ["a"], "3.1" is ["3","1"], "Schedule 1" is ["schedule","1"]. A label
// the segmenter does not read as one ("ii.", "PART I", "7") gives its last
// word, lower-case and without punctuation; a label without letters or
// digits gives nil.
func labelPath(label string) []string {
	label = collapseSpace(sanitize(label))
	if label == "" {
		return nil
	}
	if seg := segment.Text(label + "\n"); len(seg.Points) == 1 && seg.Points[0].Label == strings.TrimSuffix(label, ".") || len(seg.Points) == 1 && seg.Points[0].Label == label {
		return seg.Points[0].Path
	}
	fields := strings.FieldsFunc(strings.ToLower(label), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(fields) == 0 {
		return nil
	}
	return []string{pathToken(fields[len(fields)-1])}
}

// pathToken makes s a valid path token: no white space or "/", at most
// 32 characters.
func pathToken(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '/' || !unicode.IsGraphic(r) {
			return '-'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > 32 {
		s = string([]rune(s)[:32])
	}
	return s
}
