package segment

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"parley"
	"parley/internal/alloc"
)

// MaxPoints is the most points parley handles in one text: 200,000, twice
// the largest generated benchmark and far above any negotiated text (the
// Commercial Code has about 6,000). Time and memory grow with the points,
// not only the bytes (a text of nothing but labels, "1. x", has a point
// every five bytes), and a text over the limit is refused before it is
// aligned (see ingest.Read).
const MaxPoints = 200_000

// Segmented is a text split into its numbered points.
type Segmented struct {
	// Preamble is the text before the first point, trimmed, with the same
	// joining as point texts. Unnumbered headings before the first point
	// are kept in it as paragraphs of their own.
	Preamble string
	// Points are the numbered points in document order, at every depth,
	// with Ordinal, Path, Label, Heading, Text and Line filled in.
	Points []parley.Point
	// Blocks are the unnumbered blocks after the first point: grouping
	// headings ("PART II", "Глава 3", "## Erstes Buch"), lines in
	// capitals standing alone, and the text under them up to the next
	// point. Their text belongs to no point, and is kept here rather
	// than dropped.
	Blocks []Block
}

// Block is an unnumbered block of text between points: a grouping
// heading and what follows it up to the next point.
type Block struct {
	// Line is the line of the normalised text where it starts, from 1.
	Line int
	// Text is its text, with the same joining as point texts: the
	// heading, its title lines and any paragraphs under them.
	Text string
	// Next is the Ordinal of the point that follows it, or the number
	// of points when it ends the text.
	Next int
}

// Text splits a normalised text (LF line ends, NFC) into numbered
// points. The package documentation describes the rules; in short, a line
// that starts with a label ("10.", "(a)", "iv)", "1.2.3", "Article 5",
// "§ 4", "Exhibit A") starts a point when the label fits the numbering
// around it, every other line belongs to the point before it, and the
// nesting follows the numbering styles and the indentation. Text never
// fails: a text without points gives a Preamble and no Points. It stops
// reading after point MaxPoints+1, so that a text with too many points
// costs no more than that to find out: a caller that finds more than
// MaxPoints Points has a text it should refuse.
func Text(text string) Segmented {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	n, starts := 0, 0
	for rest, blank := text, true; ; {
		line, after, more := strings.Cut(rest, "\n")
		n++
		starts += mayStart(blank, line)
		if !more {
			break
		}
		rest, blank = after, isBlank(line)
	}
	s := newSegmenter(n, len(text), starts)
	s.lines.text = text
	s.run()
	return s.result()
}

// Lines is Text for a text already split into lines (without
// their line feeds, carriage returns or byte order mark), as a reader that
// rewrites some lines of a text has it: the lines need not be joined
// again.
func Lines(lines []string) Segmented {
	size, starts := 0, 0
	blank := true
	for _, l := range lines {
		size += len(l) + 1
		starts += mayStart(blank, l)
		blank = isBlank(l)
	}
	s := newSegmenter(len(lines), size, starts)
	s.lines.lines = lines
	s.run()
	return s.result()
}

// fitKind says how a label fits the numbering open on the stack.
type fitKind uint8

const (
	fitNone    fitKind = iota
	fitNext            // the next number of an open list: 4 after 3, (c) after (b)
	fitFirst           // the first item of a new, deeper list: 1, (a), (i)
	fitGap             // an open list skipping a few numbers: 14 after 12
	fitRestart         // the first item again in a list that is open: a second "1."
	fitJump            // an open list, far out of sequence
	fitOrphan          // a new list that does not start at its first item
)

// fit is one way to place a label: at stack index level, replacing the
// levels from there on.
type fit struct {
	lab   *label
	kind  fitKind
	level int
	score int
	gap   int // how many numbers a fitGap skips
	// flat is set when the label continues the list read as a number
	// whose superscript was flattened: "671" after "67" is 67.1.
	flat             bool
	flatVal, flatSuf int
	// continued is set on a fitOrphan that the next item continues.
	continued bool
}

// level is one open level of numbering.
type level struct {
	style   style
	indent  int
	val     []int
	suffix  int
	point   int  // index of the open point at this level
	heading bool // opened by a Markdown heading
	hdepth  int  // its heading depth (number of #)
}

// pointState is what the segmenter keeps about a point while it reads.
type pointState struct {
	parent      int      // index of the enclosing point, -1 at the top
	printed     []string // path from the printed numbering, before duplicates are renamed
	labelIndent int
	contIndent  int // indentation of the hanging continuation lines, -1 when unknown
	labelLine   int // 0-based line of the label
	contentCol  int // column where the text after the label starts
	level       int // index of its level on the stack
	checkedCont bool
	article     bool // a top-level article or § (see preferArticlePaths)
	text        chunkList
}

// bodyIndent is the indentation the point's own paragraphs are expected at.
func (p *pointState) bodyIndent() int {
	if p.contIndent >= 0 {
		return p.contIndent
	}
	return p.labelIndent
}

// textBuilder joins wrapped lines with a space and paragraphs with a blank
// line. It builds the preamble and the paragraphs waiting for an owner;
// the texts of points are kept in one arena (see chunk).
type textBuilder struct {
	b []byte
}

func (t *textBuilder) add(s string, newPara bool) {
	if s == "" {
		return
	}
	if len(t.b) > 0 {
		if newPara {
			t.b = append(t.b, "\n\n"...)
		} else {
			t.b = append(t.b, ' ')
		}
	}
	t.b = append(t.b, s...)
}

func (t *textBuilder) String() string { return strings.TrimSpace(string(t.b)) }

// The texts of all points are written into one buffer, the arena, as
// they are read: a growing buffer per point cost a few allocations and
// copies for every point. A point's text is a chain of chunks of the
// arena; it has a single chunk unless it received text again after
// another point did (a paragraph after a sub-item that goes back to its
// parent).

// chunk is a run of one point's text in the arena.
type chunk struct {
	start, end int
	next       int32 // 1 + index of the point's next chunk; 0 for none
}

// chunkList is the chain of a point's chunks in segmenter.chunks. The zero
// value is an empty text.
type chunkList struct {
	first, last int32 // 1 + index in segmenter.chunks; 0 when empty
}

// addTextTo adds text to a point's text l, like textBuilder.add: a wrapped
// line joins with a space, a new paragraph with a blank line.
func (s *segmenter) addTextTo(l *chunkList, text string, newPara bool) {
	if text == "" {
		return
	}
	empty := l.last == 0
	if empty || int(l.last) != len(s.chunks) {
		// Another point wrote last: start a chunk.
		s.chunks = append(s.chunks, chunk{start: s.arena.Len()})
		k := int32(len(s.chunks))
		if empty {
			l.first = k
		} else {
			s.chunks[l.last-1].next = k
		}
		l.last = k
	}
	if !empty {
		if newPara {
			s.arena.WriteString("\n\n")
		} else {
			s.arena.WriteByte(' ')
		}
	}
	s.arena.WriteString(text)
	s.chunks[l.last-1].end = s.arena.Len()
}

// lineInfo is a line split into indentation and content.
type lineInfo struct {
	content string // without indentation and trailing space
	indent  int    // columns; a tab counts to the next multiple of 4
	blank   bool
}

// prevKind says what the line before the current one was.
type prevKind uint8

const (
	prevNone  prevKind = iota // start of text
	prevBlank                 // a blank line
	prevBreak                 // a heading or rule
	prevLabel                 // the first line of a point
	prevText                  // any other text
)

// Where text goes when there is no point to receive it.
const (
	targetPreamble = -1
	targetBlock    = -2 // the open unnumbered block, see Block
)

type segmenter struct {
	lines    lineReader
	labels   labelArena // where the labels read from lines come from
	nlines   int
	points   []parley.Point
	state    []pointState
	stack    []level
	target   int  // index of the point receiving text, or targetPreamble, targetBlock
	newPara  bool // the next text line starts a paragraph
	preamble textBuilder
	blocks   []Block
	block    textBuilder // the text of the last block while it is open
	inBlock  bool        // the last block is open: no point since it began
	// renamedArticle is set when a top-level article's path was renamed
	// as a duplicate (see preferArticlePaths).
	renamedArticle bool
	arena          strings.Builder // the texts of all points, see chunk
	kept           strings.Builder // labels, headings and path tokens, see keep
	chunks         []chunk
	used           pathSet // paths taken, with the highest duplicate suffix handed out
	annexLast      map[string]*label

	// Paragraphs whose owner is decided by what follows (see addText).
	pendingFor int // the point they follow, or -1
	pending    textBuilder

	prev       prevKind
	prevText   string
	prevIndent int
}

// keep copies a short string (a label, a heading, a path token) into the
// segmenter's store of them, a few kilobytes at a time.
func (s *segmenter) keep(str string) string {
	if str == "" {
		return ""
	}
	if s.kept.Cap()-s.kept.Len() < len(str) {
		s.kept = strings.Builder{}
		s.kept.Grow(max(4096, len(str)))
	}
	s.kept.WriteString(str)
	all := s.kept.String()
	return all[len(all)-len(str):]
}

// mayStart is 1 if a line could start a point, as far as a glance can
// tell: it opens a paragraph, or it starts with a digit or a parenthesis.
// Counted over a text, it bounds from above the points of most texts
// (headings and plain paragraphs count too); a list of lettered items
// without blank lines between them is missed, and grows as it goes.
func mayStart(afterBlank bool, line string) int {
	k := 0
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	if k == len(line) {
		return 0
	}
	if c := line[k]; afterBlank || c == '(' || (c >= '0' && c <= '9') {
		return 1
	}
	return 0
}

// isBlank reports whether a line holds only spaces and tabs.
func isBlank(line string) bool {
	return strings.Trim(line, " \t") == ""
}

// newSegmenter returns a segmenter for a text of n lines and size bytes,
// of which starts lines may start a point (see mayStart); the caller sets
// where its lines come from.
func newSegmenter(n, size, starts int) *segmenter {
	// Room for the points of a dense text saves regrowing the slices and
	// the map on long texts; real texts have a point every few hundred
	// bytes, and a text of nothing but labels grows as it goes. The room is
	// written before it is used (see writtenBy), so room never used costs
	// as much as room used: it is cut to the lines that may start a point.
	// A point takes a line and a few words: size/64 bounds a text of short
	// points (lists of lettered items of a line each, a point every 120
	// bytes) from above; with size/128 such a text outgrew its guess, and
	// regrowing the points and their states cost a tenth of its memory.
	guess := min(n/2, size/64, starts, MaxPoints) + 16
	s := &segmenter{
		nlines:     n,
		target:     targetPreamble,
		pendingFor: -1,
		points:     alloc.WrittenBy(guess, func(p *parley.Point) { p.Line = 0 }),
		state:      alloc.WrittenBy(guess, func(p *pointState) { p.level = 0 }),
		chunks:     make([]chunk, 0, guess),
		used:       pathSet{byHash: make(map[uint64]pathCount, guess)},
		annexLast:  make(map[string]*label),
	}
	// The texts of the points are at most the text itself, as their
	// separators stand for line ends.
	s.arena.Grow(size)
	return s
}

// line returns line k (from 0). The segmenter looks at most a few lines
// ahead of the line it reads, and never back.
func (s *segmenter) line(k int) *lineInfo { return s.lines.at(k) }

// lineReader splits a text into lines as they are needed and forgets the
// lines already read, so that memory does not grow with the number of
// lines.
type lineReader struct {
	text  string     // the text, split as it is read
	lines []string   // or its lines, split already
	pos   int        // offset of the first byte not yet split
	base  int        // index of buf[0]
	buf   []lineInfo // lines base .. base+len(buf)-1
}

// at returns line k, which must not be before a line released.
func (r *lineReader) at(k int) *lineInfo {
	for r.base+len(r.buf) <= k {
		if r.lines != nil {
			r.buf = append(r.buf, splitIndent(r.lines[r.base+len(r.buf)]))
			continue
		}
		rest := r.text[r.pos:]
		line := rest
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			line = rest[:nl]
			r.pos += nl + 1
		} else {
			r.pos = len(r.text)
		}
		r.buf = append(r.buf, splitIndent(line))
	}
	return &r.buf[k-r.base]
}

// release forgets the lines before line k.
func (r *lineReader) release(k int) {
	if n := k - r.base; n >= 64 && n <= len(r.buf) {
		r.buf = r.buf[:copy(r.buf, r.buf[n:])]
		r.base = k
	}
}

// splitIndent measures the indentation of a line.
func splitIndent(s string) lineInfo {
	col, i := 0, 0
loop:
	for i < len(s) {
		switch s[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		case '\f', '\v':
		default:
			if s[i] < 0x80 {
				break loop
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '\u00a0' || r == '\u3000' || r == '\u202f' || r == '\u205f' || r >= '\u2000' && r <= '\u200a':
				col++ // spaces of other widths
			case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' ||
				r == '\u200e' || r == '\u200f' || r == '\u2028' || r == '\u2029' || r == '\u00ad':
				// Invisible: zero-width spaces and joiners, byte order
				// marks, direction marks, line and paragraph separators
				// and soft hyphens, which would hide a label.
			default:
				break loop
			}
			i += n
			continue
		}
		i++
	}
	content := strings.TrimRightFunc(s[i:], unicode.IsSpace)
	return lineInfo{content: content, indent: col, blank: content == ""}
}

func (s *segmenter) run() {
	n := s.nlines
	for i := 0; i < n && len(s.points) <= MaxPoints; i++ {
		s.lines.release(i)
		ln := s.line(i)
		if ln.blank {
			s.newPara = true
			s.setPrev(prevBlank, "", 0)
			continue
		}
		if depth, inner, ok := atxHeading(ln); ok {
			i = s.heading(i, depth, inner)
			continue
		}
		if s.startsParagraph() && i+1 < n && setextUnderline(s.line(i+1).content) != 0 && ln.indent < 4 {
			i = s.heading(i, setextUnderline(s.line(i+1).content), ln.content) + 1
			continue
		}
		if isRule(ln.content) {
			s.structureBreak("", 7, i)
			continue
		}
		labels, brk := s.labels.parseLabels(ln.content)
		if len(labels) > 0 {
			if next, ok := s.tryPoint(i, labels, false, 0); ok {
				i = next
				continue
			}
		}
		if brk && (s.startsParagraph() || s.labels.titled && endsClosed(s.prevText)) {
			// A grouping heading starts a paragraph, or follows a
			// finished sentence with a title of its own.
			s.structureBreak(ln.content, 7, i)
			continue
		}
		if s.capsHeading(i) {
			s.structureBreak(ln.content, 7, i)
			continue
		}
		s.addText(i)
	}
}

func (s *segmenter) setPrev(k prevKind, text string, indent int) {
	s.prev, s.prevText, s.prevIndent = k, text, indent
}

// startsParagraph reports whether the current line is the first of a
// paragraph: the first line, or one after a blank line, heading or rule.
func (s *segmenter) startsParagraph() bool {
	return s.prev == prevNone || s.prev == prevBlank || s.prev == prevBreak
}

// heading handles a Markdown heading: a numbered one ("#### § 1 Title")
// starts a point with the rest as its heading; an unnumbered one is a
// structure break. It returns the index of the last line used.
func (s *segmenter) heading(i, depth int, inner string) int {
	labels, _ := s.labels.parseLabels(inner)
	if len(labels) > 0 {
		if next, ok := s.tryPoint(i, labels, true, depth); ok {
			return next
		}
	}
	s.structureBreak(inner, depth, i)
	return i
}

// structureBreak ends the current point at an unnumbered heading or a rule
// at line i. Before the first point the heading text joins the preamble;
// after it, the heading and the text up to the next point make a Block,
// which belongs to no point. Levels
// opened by deeper or equal headings and all list levels are closed, but
// the outermost numbering stays open so that "§ 9" after a heading still
// continues "§ 8".
func (s *segmenter) structureBreak(text string, depth, i int) {
	defer s.setPrev(prevBreak, "", 0)
	s.newPara = true
	if len(s.points) == 0 {
		s.preamble.add(text, true)
		return
	}
	s.resolvePending(false)
	if !s.inBlock {
		s.blocks = append(s.blocks, Block{Line: i + 1})
		s.block.b = s.block.b[:0]
		s.inBlock = true
	}
	s.block.add(text, true)
	s.target = targetBlock
	keep := 0
	for k, lv := range s.stack {
		if lv.heading && lv.hdepth < depth {
			keep = k + 1
		}
	}
	if keep == 0 && len(s.stack) > 0 {
		keep = 1
	}
	s.stack = s.stack[:min(keep, len(s.stack))]
}

// lineContext describes the lines around a candidate label.
type lineContext struct {
	heading      bool // the label is a Markdown heading
	hdepth       int
	blankBefore  bool // it starts a paragraph
	prevIsLabel  bool // the line before started a point
	prevClosed   bool // the line before ends a sentence or a list item
	indentIn     bool // it is indented deeper than the line before
	indentChange bool // its indentation differs from the line before
}

func (s *segmenter) context(i int, heading bool, hdepth int) lineContext {
	ln := s.line(i)
	c := lineContext{heading: heading, hdepth: hdepth, blankBefore: s.startsParagraph()}
	if !c.blankBefore {
		c.prevIsLabel = s.prev == prevLabel
		c.prevClosed = endsClosed(s.prevText)
		c.indentIn = ln.indent > s.prevIndent
		c.indentChange = ln.indent != s.prevIndent
	}
	return c
}

// tryPoint starts a point at line i if one of the label readings fits. It
// returns the index of the last line used (a title line may follow the
// label) and whether a point was started.
func (s *segmenter) tryPoint(i int, labels []label, heading bool, hdepth int) (int, bool) {
	ctx := s.context(i, heading, hdepth)
	indent := s.line(i).indent
	if heading {
		indent = 0
	}
	var best fit
	for k := range labels {
		f := s.fit(&labels[k], indent, &ctx)
		if f.kind == fitOrphan && !f.lab.style.structural() && s.continuedAfter(i, f.lab) {
			// "(g)" then "(h)": a list taken up part-way, which the next
			// item confirms; it outranks reading "(i)" as a new roman
			// list when "(j)" follows.
			f.continued = true
			f.score += scoreContinued
			if s.target >= 0 && s.pendingFor < 0 {
				// A paragraph back at an outer point's margin closed the
				// deeper items: the list goes under that point.
				f.level = min(f.level, s.state[s.target].level+1)
			}
		}
		if f.kind == fitNone || !s.accept(&f, &ctx) {
			continue
		}
		if best.kind == fitNone || f.score > best.score {
			best = f
		}
	}
	if best.kind == fitNone {
		return i, false
	}
	return s.open(i, best, &ctx)
}

// Scores of the fits; the highest accepted reading wins.
const (
	scoreNext    = 100
	scoreFirst   = 80
	scoreGap     = 50
	scoreRestart = 30
	scoreOrphan  = 10
	// scoreContinued is added to an orphan whose next item follows it.
	scoreContinued = 75
	scoreJump      = 5

	// penaltyIndent applies when a label continues a list but sits at a
	// clearly different indentation: it more likely starts a nested list.
	penaltyIndent = 25
	// penaltyDotted applies when a plain number continues a dotted
	// numbering ("3." after "2.2"), so that a real list of the same style
	// wins a tie.
	penaltyDotted = 10
	// penaltyHeading applies when a Markdown heading continues a list of
	// plain lines or the other way round.
	penaltyHeading = 40
)

// fit finds the best place for a label on the stack of open levels.
func (s *segmenter) fit(lab *label, indent int, ctx *lineContext) fit {
	best := fit{lab: lab}
	try := func(kind fitKind, lvl, gap, penalty int) {
		score := kindScore(kind, gap) - penalty
		if best.kind == fitNone || score > best.score {
			best = fit{lab: lab, kind: kind, level: lvl, score: score, gap: gap}
		}
	}
	n := len(s.stack)

	if lab.style.kind == kindAnnex {
		// Annexes are always top-level and count on their own.
		prev := s.annexLast[lab.style.keyword]
		switch {
		case prev != nil && prev.style == lab.style:
			kind, size := relate(lab.last(), lab.suffix, prev.last(), prev.suffix, lab.first())
			try(kind, 0, size, 0)
		case lab.first():
			try(fitFirst, 0, 0, 0)
		default:
			try(fitOrphan, 0, 0, 0)
		}
		return best
	}

	if lab.style.depth > 1 {
		s.fitDotted(lab, indent, ctx, try)
		return best
	}

	sameStyle := false
	for k := n - 1; k >= 0; k-- {
		lv := &s.stack[k]
		if lv.style != lab.style {
			continue
		}
		// A list of plain lines inside a numbered Markdown section ("## 1."
		// then "1.", "2.") is a new list, not the section numbering again.
		sameStyle = sameStyle || lv.heading == ctx.heading
		pen := levelPenalty(indent, lv, ctx)
		if lab.first() && indent > lv.indent+1 && !lab.style.structural() {
			// The same numbering again, indented: a nested list.
			try(fitFirst, s.newLevel(lab, indent, ctx), 0, 0)
			continue
		}
		kind, size := relate(lab.last(), lab.suffix, lv.val[0], lv.suffix, lab.first())
		if kind == fitJump || kind == fitGap && size > maxGapNumber {
			if v, suf, ok := flattened(lab, lv); ok {
				before := best
				try(fitNext, k, 0, pen)
				if best.level == k && best.kind == fitNext && best != before {
					best.flat, best.flatVal, best.flatSuf = true, v, suf
				}
				continue
			}
		}
		try(kind, k, size, pen)
	}
	if lab.style.kind == kindNumber && lab.style.delim != delimParens {
		// "3." after "2.1" and "2.2.1": the next top number of a dotted
		// numbering whose parents were never printed.
		for k := 0; k < n; k++ {
			lv := &s.stack[k]
			if lv.style.kind == kindNumber && lv.style.depth > 1 {
				if lv.val[0]+1 == lab.last() && lab.suffix == 0 {
					try(fitNext, k, 0, levelPenalty(indent, lv, ctx)+penaltyDotted)
				}
				break
			}
		}
	}
	if !sameStyle {
		if lab.first() {
			try(fitFirst, s.newLevel(lab, indent, ctx), 0, 0)
		} else {
			try(fitOrphan, s.newLevel(lab, indent, ctx), 0, 0)
		}
	}
	return best
}

// fitDotted places a dotted number such as "3.2": under the point printed
// "3" when it is open, else next to an open "3.1" or "2.4", else as a new
// list.
func (s *segmenter) fitDotted(lab *label, indent int, ctx *lineContext, try func(kind fitKind, lvl, gap, penalty int)) {
	d := lab.style.depth
	n := len(s.stack)
	prefix := append(s.annexBase(n), lab.tokens[:d-1]...)
	for k := n - 1; k >= 0; k-- {
		if !tokensEqual(s.state[s.stack[k].point].printed, prefix) {
			continue
		}
		if k+1 < n && s.stack[k+1].style == lab.style {
			sib := &s.stack[k+1]
			kind, size := relate(lab.last(), 0, sib.val[d-1], 0, lab.first())
			try(kind, k+1, size, levelPenalty(indent, sib, ctx))
		} else if lab.first() {
			try(fitFirst, k+1, 0, 0)
		} else {
			try(fitGap, k+1, lab.last()-1, 0)
		}
		return
	}
	for k := n - 1; k >= 0; k-- {
		lv := &s.stack[k]
		if lv.style != lab.style {
			continue
		}
		pen := levelPenalty(indent, lv, ctx)
		switch {
		case intsEqual(lv.val[:d-1], lab.val[:d-1]):
			kind, size := relate(lab.last(), 0, lv.val[d-1], 0, lab.first())
			try(kind, k, size, pen)
		case intsEqual(lv.val[:d-2], lab.val[:d-2]) && lab.val[d-2] == lv.val[d-2]+1 && lab.first():
			try(fitNext, k, 0, pen) // "2.1" after "1.4"
		case lab.first():
			try(fitRestart, k, 0, pen)
		default:
			try(fitJump, k, 0, pen)
		}
		return
	}
	if lab.first() {
		try(fitFirst, s.newLevel(lab, indent, ctx), 0, 0)
	} else {
		try(fitOrphan, s.newLevel(lab, indent, ctx), 0, 0)
	}
}

// flattened reads a number far out of sequence as one whose superscript
// or inserted part lost its mark when the text was flattened: "Статья 671"
// after "Статья 67" is 67.1, "21." after "2." is 2.1, "22." after it 2.2.
// It returns the number and suffix when the reading continues level lv.
func flattened(lab *label, lv *level) (v, suf int, ok bool) {
	if lab.style.depth != 1 || (lab.style.kind != kindNumber && lab.style.kind != kindKeyword) || lab.suffix != 0 {
		return 0, 0, false
	}
	tok, prefix := lab.tokens[len(lab.tokens)-1], strconv.Itoa(lv.val[0])
	extra, found := strings.CutPrefix(tok, prefix)
	if !found || len(extra) == 0 || len(extra) > 2 || extra[0] < '1' || extra[0] > '9' {
		return 0, 0, false
	}
	n, err := strconv.Atoi(extra)
	if err != nil || n != lv.suffix+1 {
		return 0, 0, false
	}
	return lv.val[0], n, true
}

// relate compares a counter with the last one of its list.
func relate(v, suf, last, lastSuf int, first bool) (fitKind, int) {
	switch {
	case v == last+1 && suf == 0, v == last && suf == lastSuf+1:
		return fitNext, 0
	case first:
		return fitRestart, 0
	case v > last+1:
		return fitGap, v - last - 1
	case v == last+1 && suf > 0: // "5a" after "4"
		return fitGap, 1
	case v == last && suf > lastSuf+1:
		return fitGap, suf - lastSuf - 1
	case v == last && suf == lastSuf: // the same number twice
		return fitGap, 0
	}
	return fitJump, 0
}

// kindScore scores a fit; gaps score less the more numbers they skip.
func kindScore(k fitKind, gap int) int {
	switch k {
	case fitNext:
		return scoreNext
	case fitFirst:
		return scoreFirst
	case fitGap:
		return scoreGap - min(gap, 40)
	case fitRestart:
		return scoreRestart
	case fitOrphan:
		return scoreOrphan
	}
	return scoreJump
}

// levelPenalty lowers the score of continuing level lv from a line whose
// indentation or heading status does not match it.
func levelPenalty(indent int, lv *level, ctx *lineContext) int {
	pen := 0
	if d := indent - lv.indent; d > 1 || d < -1 {
		pen += penaltyIndent
	}
	if ctx.heading != lv.heading {
		pen += penaltyHeading
	} else if ctx.heading && ctx.hdepth != lv.hdepth {
		pen += penaltyIndent
	}
	return pen
}

// newLevel is where a label that opens a new list goes: one level deeper
// than the innermost open point, unless the indentation, a keyword or a
// heading says it belongs further out.
func (s *segmenter) newLevel(lab *label, indent int, ctx *lineContext) int {
	lvl := len(s.stack)
	for lvl > 0 && s.stack[lvl-1].indent > indent && !s.stack[lvl-1].heading {
		lvl--
	}
	if lab.style.structural() {
		// "Article 6" never nests in a numbered list; it nests only in a
		// keyword unit of higher rank ("Annex 1" then "Article 1";
		// "Article I" then "Section 2").
		for lvl > 0 && !(s.stack[lvl-1].style.structural() && s.stack[lvl-1].style.rank() < lab.style.rank()) {
			lvl--
		}
	}
	if ctx.heading {
		for lvl > 0 && (!s.stack[lvl-1].heading || s.stack[lvl-1].hdepth >= ctx.hdepth) {
			lvl--
		}
	}
	return lvl
}

// Gap limits: how many numbers a list may skip and still be read as the
// same list (a leaked retyping that drops points, a statute with repealed
// sections).
const (
	maxGapNumber = 9
	maxGapLetter = 4
)

// accept decides whether a placed label really starts a point, from the
// quality of the fit and the lines around it. This is where hard-wrapped
// lines that happen to start with "2025." or "§ 15 sind" are kept in
// their paragraph.
func (s *segmenter) accept(f *fit, c *lineContext) bool {
	lab := f.lab
	if c.heading {
		return true
	}
	if tocEntry(lab.rest) {
		return false // "1. Introduction ........ 3" in a table of contents
	}
	if lab.style.structural() {
		if startsLower(lab.rest) || citation(lab.rest) {
			return false // "Section 3 below", "§ 15 sind nicht anzuwenden", "§ 325 Abs. 4 gilt"
		}
		bare := lab.rest == "" || lab.sepLed
		if !c.blankBefore {
			// Inside a paragraph only "Article 5" alone or followed by a
			// separator counts, or one in capitals after a finished line
			// ("§ 2 Scope. ..." on the line after "§ 1 ..."), and only in
			// sequence.
			return (bare || c.prevClosed) && (f.kind == fitNext || f.kind == fitFirst)
		}
		switch f.kind {
		case fitNext, fitFirst, fitGap, fitRestart:
			return true
		case fitJump:
			return false // "§ 267 Absatz 4 ist anzuwenden" inside § 289: a citation
		}
		return bare || titleLike(lab.rest)
	}
	if lab.last() >= 1000 && f.kind != fitNext {
		return false // years and amounts: "2025. The parties"
	}
	switch f.kind {
	case fitNext, fitFirst:
		if c.blankBefore || c.prevClosed || c.prevIsLabel || c.indentIn {
			return true
		}
		// A hard-wrapped line after an unfinished one: only "(a)" and
		// "(1)" are distinctive enough.
		return lab.style.delim == delimParens
	case fitGap:
		limit := maxGapNumber
		if lab.style.kind != kindNumber {
			limit = maxGapLetter
		}
		if f.gap > limit {
			return false
		}
		if lab.style.kind == kindNumber && startsLower(lab.rest) && !c.indentChange {
			return false
		}
		return c.blankBefore || c.indentChange || (c.prevIsLabel && c.prevClosed && f.gap <= 2)
	case fitRestart:
		return c.blankBefore || c.prevClosed || c.prevIsLabel
	case fitOrphan:
		if f.continued {
			// A list taken up part-way ("(g)", "(h)" after a page break
			// or in an excerpt), which its next item confirms.
			return c.blankBefore || c.prevClosed || c.prevIsLabel || c.indentIn
		}
		// A text may begin part-way through a list (an excerpt); allow it
		// for the first point only.
		return c.blankBefore && len(s.points) == 0 && lab.style.kind == kindNumber && lab.val[0] <= 10 && lab.last() <= 10
	}
	return false
}

// continuedAfter reports whether the next label within a few lines after
// line i continues lab's list: "(h)" after "(g)", "(j)" after "(i)" read
// as a letter.
func (s *segmenter) continuedAfter(i int, lab *label) bool {
	for k := i + 1; k < s.nlines && k <= i+12; k++ {
		ln := s.line(k)
		if ln.blank {
			continue
		}
		if _, _, ok := atxHeading(ln); ok {
			return false
		}
		ls, brk := s.labels.parseLabels(ln.content)
		if brk {
			return false
		}
		if len(ls) == 0 {
			continue
		}
		for _, l := range ls {
			if l.style == lab.style && l.last() == lab.last()+1 && l.suffix == 0 {
				return true
			}
		}
		return false
	}
	return false
}

// open starts a point for the fit at line i.
func (s *segmenter) open(i int, f fit, ctx *lineContext) (int, bool) {
	lab := f.lab
	lvl := f.level
	if lvl > len(s.stack) {
		lvl = len(s.stack)
	}
	parent := -1
	if lvl > 0 {
		parent = s.stack[lvl-1].point
	}
	printed, path := s.makePath(lab, lvl, parent)
	if len(path) > parley.MaxPointDepth || lvl >= parley.MaxPointDepth {
		return i, false
	}
	path = s.unique(path)
	article := lvl == 0 && lab.style.kind == kindKeyword && (lab.style.keyword == "article" || lab.style.keyword == "§")
	if article && len(path) == 1 && strings.Contains(path[0], "~") {
		s.renamedArticle = true
	}
	if s.pendingFor >= 0 {
		s.resolvePending(lvl >= s.state[s.pendingFor].level)
	}
	s.closeBlock()
	idx := len(s.points)
	ln := s.line(i)
	indent := ln.indent
	contentCol := 0
	if ctx.heading {
		indent = 0
	} else if !strings.HasPrefix(ln.content, lab.text) {
		contentCol = indent // an emphasised label, "**Article 5**"
	} else {
		after := ln.content[len(lab.text):]
		// The spaces and tabs after the label are one column each.
		// Counting them, not the runes of the whole rest of the line,
		// keeps long one-line paragraphs cheap.
		contentCol = indent + utf8.RuneCountInString(lab.text) + len(after) - len(strings.TrimLeft(after, " \t"))
	}
	if f.flat {
		lab.val[0], lab.suffix = f.flatVal, f.flatSuf
	}
	s.stack = append(s.stack[:lvl], level{
		style:   lab.style,
		indent:  indent,
		val:     lab.val,
		suffix:  lab.suffix,
		point:   idx,
		heading: ctx.heading,
		hdepth:  ctx.hdepth,
	})
	if lab.style.kind == kindAnnex {
		s.annexLast[lab.style.keyword] = lab
	}
	p := parley.Point{Ordinal: idx, Path: path, Label: lab.text, Line: i + 1}
	st := pointState{parent: parent, printed: printed, labelIndent: indent, contIndent: -1, labelLine: i, contentCol: contentCol, level: lvl, article: article}
	last := i
	switch {
	case ctx.heading:
		p.Heading = strings.TrimSpace(strings.TrimRight(lab.rest, "#"))
	case lab.style.structural():
		switch {
		case lab.rest == "":
			if title, j := s.titleLine(i); j > i {
				p.Heading, last = title, j
			}
		case (i+1 == s.nlines || s.line(i+1).blank) && standaloneTitle(lab.rest):
			// "Section 7. Entry into force" alone on its line.
			p.Heading = lab.rest
		default:
			var body string
			p.Heading, body = splitHeading(lab.rest, lab.dashed)
			s.addTextTo(&st.text, body, false)
		}
	default:
		s.addTextTo(&st.text, lab.rest, false)
	}
	// The label, heading and path are slices of the line; copied, they
	// let the text they were read from go once it is segmented (the
	// points' own texts are in the arena).
	p.Label, p.Heading = s.keep(p.Label), s.keep(p.Heading)
	for k, tok := range p.Path {
		p.Path[k] = s.keep(tok)
	}
	s.points = append(s.points, p)
	s.state = append(s.state, st)
	s.target = idx
	s.newPara = false
	s.setPrev(prevLabel, s.line(last).content, ln.indent)
	return last, true
}

// makePath builds the path of a new point from its label and parent. It
// returns the path from the printed numbering and the real path, which
// differ when an enclosing point was renamed as a duplicate.
func (s *segmenter) makePath(lab *label, lvl, parent int) (printed, path []string) {
	switch {
	case lab.style.kind == kindAnnex:
		return lab.tokens, append([]string(nil), lab.tokens...)
	case lab.style.depth > 1:
		base := s.annexBase(lvl)
		printed = append(append([]string(nil), base...), lab.tokens...)
		prefix := printed[:len(printed)-1]
		if parent >= 0 && tokensEqual(s.state[parent].printed, prefix) {
			return printed, appendPath(s.points[parent].Path, lab.tokens[len(lab.tokens)-1])
		}
		if len(base) > 0 {
			// Under an annex the dotted number counts from the annex.
			for k := lvl - 1; k >= 0; k-- {
				if s.stack[k].style.kind == kindAnnex {
					return printed, append(append([]string(nil), s.points[s.stack[k].point].Path...), lab.tokens...)
				}
			}
		}
		return printed, append([]string(nil), printed...)
	case parent >= 0:
		return appendPath(s.state[parent].printed, lab.tokens[0]), appendPath(s.points[parent].Path, lab.tokens[0])
	}
	return lab.tokens, append([]string(nil), lab.tokens...)
}

// annexBase returns the printed path of the innermost annex among the
// first lvl levels, or nil.
func (s *segmenter) annexBase(lvl int) []string {
	for k := min(lvl, len(s.stack)) - 1; k >= 0; k-- {
		if s.stack[k].style.kind == kindAnnex {
			return s.state[s.stack[k].point].printed
		}
	}
	return nil
}

func appendPath(p []string, tok string) []string {
	out := make([]string, len(p), len(p)+1)
	copy(out, p)
	return append(out, tok)
}

// unique renames the last token of a path that is already taken: the
// second "1" at the same place becomes "1~2", the third "1~3".
func (s *segmenter) unique(path []string) []string {
	n, taken := s.used.get(path)
	if !taken {
		s.used.set(path, 1)
		return path
	}
	first := slices.Clone(path)
	last := path[len(path)-1]
	for n++; ; n++ {
		path[len(path)-1] = last + "~" + strconv.Itoa(n)
		if _, clash := s.used.get(path); !clash {
			s.used.set(first, n)
			s.used.set(path, 1)
			return path
		}
	}
}

// pathSet maps paths to counts; two paths are the same when their keys
// (parley.PathKey) are. Most paths are found by a hash of their tokens
// alone, without joining them into a key; a path whose hash another path
// holds already goes by its joined key instead.
type pathSet struct {
	byHash map[uint64]pathCount
	byKey  map[string]int // the paths whose hash was taken
}

type pathCount struct {
	path []string // not changed once set
	n    int
}

func (ps *pathSet) get(path []string) (int, bool) {
	e, ok := ps.byHash[parley.PathHash(path)]
	if !ok {
		return 0, false
	}
	if sameKey(e.path, path) {
		return e.n, true
	}
	n, ok := ps.byKey[parley.PathKey(path)]
	return n, ok
}

// sameKey reports whether two paths have the same key: the same tokens,
// or tokens that join into the same text ("a/b" and "a", "b").
func sameKey(x, y []string) bool {
	return slices.Equal(x, y) || parley.PathKey(x) == parley.PathKey(y)
}

func (ps *pathSet) set(path []string, n int) {
	h := parley.PathHash(path)
	e, ok := ps.byHash[h]
	switch {
	case !ok:
		ps.byHash[h] = pathCount{path: path, n: n}
	case sameKey(e.path, path):
		ps.byHash[h] = pathCount{path: e.path, n: n}
	default:
		if ps.byKey == nil {
			ps.byKey = map[string]int{}
		}
		ps.byKey[parley.PathKey(path)] = n
	}
}

// addText adds line i to the point that receives text.
//
// A paragraph after a blank line normally belongs to the point before it.
// When its indentation shows that it is outside that point (less indented
// than the point's hanging lines, or than the point's label) it belongs to
// the enclosing point. When the indentation is only suggestive (a sub-item
// "(d) ..." at the left margin, then a paragraph at the margin) the choice
// waits for the next point: if the list goes on, the paragraph was part of
// the item; if the list ends, it belongs to the enclosing point.
func (s *segmenter) addText(i int) {
	ln := s.line(i)
	defer s.setPrev(prevText, ln.content, ln.indent)
	newPara := s.newPara
	s.newPara = false
	switch s.target {
	case targetBlock:
		s.block.add(ln.content, newPara)
		return
	case targetPreamble:
		s.preamble.add(ln.content, newPara)
		return
	}
	if s.pendingFor >= 0 {
		s.pending.add(ln.content, newPara)
		return
	}
	t := s.target
	st := &s.state[t]
	if newPara && s.openParen(st.text) && startsLower(ln.content) {
		// The point stopped inside a parenthesis and this paragraph,
		// after a blank line, goes on in lower case: it is the rest of the
		// sentence, whatever its indentation says.
		s.addTextTo(&st.text, ln.content, true)
		return
	}
	if newPara {
		for st.parent >= 0 && st.bodyIndent() > ln.indent {
			t = st.parent
			st = &s.state[t]
		}
		s.target = t
		if st.parent >= 0 && st.contIndent < 0 && ln.indent < st.contentCol && ln.indent <= s.state[st.parent].bodyIndent() {
			s.pendingFor = t
			s.pending.b = s.pending.b[:0]
			s.pending.add(ln.content, true)
			return
		}
	} else if !st.checkedCont {
		st.checkedCont = true
		if st.labelLine == i-1 && ln.indent > st.labelIndent {
			st.contIndent = ln.indent
		}
	}
	s.addTextTo(&st.text, ln.content, newPara)
}

// openParen reports whether a point's text so far leaves a parenthesis
// open: more "(" than ")" in its last paragraph.
func (s *segmenter) openParen(l chunkList) bool {
	if l.last == 0 {
		return false
	}
	c := s.chunks[l.last-1]
	text := s.arena.String()[c.start:c.end]
	if k := strings.LastIndex(text, "\n\n"); k >= 0 {
		text = text[k+2:]
	}
	return strings.Count(text, "(") > strings.Count(text, ")")
}

// resolvePending gives the waiting paragraphs to the point they follow
// when its list goes on, or else to the enclosing point.
func (s *segmenter) resolvePending(listGoesOn bool) {
	if s.pendingFor < 0 {
		return
	}
	dest := s.pendingFor
	if !listGoesOn {
		dest = s.state[dest].parent
	}
	s.addTextTo(&s.state[dest].text, s.pending.String(), true)
	s.pendingFor = -1
	s.pending.b = s.pending.b[:0]
}

func (s *segmenter) result() Segmented {
	s.resolvePending(false)
	s.closeBlock()
	s.joinTexts()
	if s.renamedArticle {
		s.preferArticlePaths()
	}
	return Segmented{Preamble: s.preamble.String(), Points: s.points, Blocks: s.blocks}
}

// preferArticlePaths gives the articles of a document the paths of their
// own numbers when another top-level list took them first: the recitals
// (1) to (89) before the articles of an EU regulation, a numbered list in
// the front matter. The top level of such a document is its articles, so
// "Article 7" is ["7"] and the recital (7) becomes ["7~2"]. Each group of
// top-level points that share a number keeps the same set of paths, given
// to the articles first, then to the rest, each in document order; the
// points under them follow.
func (s *segmenter) preferArticlePaths() {
	groups := map[string][]int{}
	var order []string
	for i := range s.points {
		if s.state[i].parent >= 0 || len(s.points[i].Path) != 1 {
			continue
		}
		base, _, _ := strings.Cut(s.points[i].Path[0], "~")
		if _, ok := groups[base]; !ok {
			order = append(order, base)
		}
		groups[base] = append(groups[base], i)
	}
	renamed := map[int]string{}
	for _, base := range order {
		g := groups[base]
		if len(g) < 2 || s.state[g[0]].article {
			continue
		}
		tokens := make([]string, len(g))
		for k, i := range g {
			tokens[k] = s.points[i].Path[0]
		}
		slices.SortStableFunc(tokens, func(a, b string) int { return duplicateNumber(a) - duplicateNumber(b) })
		ranked := slices.Clone(g)
		slices.SortStableFunc(ranked, func(a, b int) int {
			if s.state[a].article == s.state[b].article {
				return a - b
			}
			if s.state[a].article {
				return -1
			}
			return 1
		})
		for k, i := range ranked {
			if s.points[i].Path[0] != tokens[k] {
				renamed[i] = tokens[k]
			}
		}
	}
	if len(renamed) == 0 {
		return
	}
	old := make(map[int]string, len(renamed))
	for i := range renamed {
		old[i] = s.points[i].Path[0]
	}
	root := make([]int, len(s.points))
	for i := range s.points {
		root[i] = i
		if p := s.state[i].parent; p >= 0 {
			root[i] = root[p]
		}
		if tok, ok := renamed[root[i]]; ok && s.points[i].Path[0] == old[root[i]] {
			path := slices.Clone(s.points[i].Path)
			path[0] = tok
			s.points[i].Path = path
		}
	}
}

// duplicateNumber is n for a path token renamed "x~n", 1 for others.
func duplicateNumber(tok string) int {
	if _, n, ok := strings.Cut(tok, "~"); ok {
		if v, err := strconv.Atoi(n); err == nil {
			return v
		}
	}
	return 1
}

// closeBlock ends the open block, if any, before the next point.
func (s *segmenter) closeBlock() {
	if !s.inBlock {
		return
	}
	b := &s.blocks[len(s.blocks)-1]
	b.Text, b.Next = s.block.String(), len(s.points)
	s.inBlock = false
}

// joinTexts sets the Text of every point from its chunks. A text of one
// chunk, the common case, is a slice of the arena and costs no copy.
func (s *segmenter) joinTexts() {
	all := s.arena.String()
	for i := range s.points {
		l := s.state[i].text
		if l.first == 0 {
			continue
		}
		if c := s.chunks[l.first-1]; c.next == 0 {
			s.points[i].Text = strings.TrimSpace(all[c.start:c.end])
			continue
		}
		var b strings.Builder
		for k := l.first; k != 0; k = s.chunks[k-1].next {
			// A chunk after the first starts with its separator.
			c := s.chunks[k-1]
			b.WriteString(all[c.start:c.end])
		}
		s.points[i].Text = strings.TrimSpace(b.String())
	}
}

// titleLine looks for the title of a bare keyword label on the next line
// ("Article 5" / "Security guarantees"), or after one blank line when the
// title is in capitals ("ARTICLE V" / "" / "SECURITY GUARANTEES"). It
// returns the title and the index of its line, or i when there is none.
func (s *segmenter) titleLine(i int) (string, int) {
	j := i + 1
	caps := false
	if j < s.nlines && s.line(j).blank {
		j++
		caps = true
	}
	if j >= s.nlines || s.line(j).blank {
		return "", i
	}
	t := s.line(j).content
	if ls, brk := s.labels.parseLabels(t); len(ls) > 0 || brk || isRule(t) {
		return "", i
	}
	if _, _, ok := atxHeading(s.line(j)); ok {
		return "", i
	}
	if j+1 < s.nlines && !s.line(j+1).blank {
		if ls, _ := s.labels.parseLabels(s.line(j + 1).content); len(ls) == 0 {
			return "", i // the line starts a paragraph of body text
		}
	}
	if !shortTitle(t) || (caps && !allCaps(t)) {
		return "", i
	}
	if !s.bodyFollows(j + 1) {
		// "Стаття 7" / "Україна є республікою." / "Стаття 8": a line
		// followed by the next unit is the body, not a title.
		return "", i
	}
	return strings.TrimSuffix(t, "."), j
}

// bodyFollows reports whether the first non-blank line from line k on (up
// to a few blank lines) goes on with body text or items rather than a new
// unit: not the end of the text, a keyword unit, a grouping heading or a
// Markdown heading.
func (s *segmenter) bodyFollows(k int) bool {
	for n := 0; k < s.nlines && s.line(k).blank; k++ {
		if n++; n > 4 {
			return true
		}
	}
	if k >= s.nlines {
		return false
	}
	ln := s.line(k)
	if _, _, ok := atxHeading(ln); ok {
		return false
	}
	ls, brk := s.labels.parseLabels(ln.content)
	if brk {
		return false
	}
	for _, l := range ls {
		if l.style.structural() {
			return false
		}
	}
	return true
}

// capsHeading reports an unnumbered heading in plain text: a short line in
// capitals standing alone between blank lines ("END OF TERMS AND
// CONDITIONS").
func (s *segmenter) capsHeading(i int) bool {
	if !s.startsParagraph() {
		return false
	}
	if i+1 < s.nlines && !s.line(i+1).blank {
		return false
	}
	t := s.line(i).content
	if utf8.RuneCountInString(t) > 80 || strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") {
		return false
	}
	return allCaps(t)
}

// allCaps reports whether s has at least three letters, all upper-case.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 3
}

// shortTitle reports whether a line reads as a title: a few words, not a
// sentence.
func shortTitle(t string) bool {
	if startsLower(t) || strings.HasPrefix(t, "(") || strings.HasPrefix(t, "[") {
		return false
	}
	if strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") || strings.HasSuffix(t, ":") {
		return false
	}
	body := strings.TrimSuffix(t, ".")
	if strings.Contains(body, ". ") || wordCount(body) > 12 {
		return false
	}
	return !strings.HasSuffix(t, ".") || wordCount(body) <= 6
}

// standaloneTitle reports whether the rest of a keyword label line that
// stands alone reads as a title: a few words without closing punctuation.
func standaloneTitle(rest string) bool {
	if startsLower(rest) || wordCount(rest) > 10 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(rest)
	return !strings.ContainsRune(".,;:!?", r) && !strings.Contains(rest, ". ")
}

// splitHeading splits the rest of a keyword label line into a title and
// body text: "Security guarantees" is all title; "Grant of Licence.
// Subject to ..." is a title and a body; "The Parties shall ..." is all
// body. dashed reports a dash after the number ("Article 5 – Title"),
// which announces a title unless a full sentence follows.
func splitHeading(rest string, dashed bool) (heading, body string) {
	if rest == "" {
		return "", ""
	}
	if k := sentenceBreak(rest); k >= 0 {
		head, tail := rest[:k], strings.TrimSpace(rest[k+1:])
		if wordCount(head) <= 10 && (dashed || titleLike(head)) && !startsLower(tail) {
			return head, tail
		}
		return "", rest
	}
	if strings.HasSuffix(rest, ".") && wordCount(rest) > 6 && !titleLike(rest) {
		return "", rest // a sentence
	}
	whole := strings.TrimSuffix(rest, ".")
	if wordCount(whole) <= 15 && (dashed || titleLike(whole)) {
		return whole, ""
	}
	return "", rest
}

// sentenceBreak returns the index of the first ". " that ends a sentence
// (not "Art. 5" or "U.S. law"), or -1.
func sentenceBreak(s string) int {
	for k := 0; k+1 < len(s); k++ {
		if s[k] != '.' || s[k+1] != ' ' {
			continue
		}
		if !abbreviation(lastWord(s[:k])) {
			return k
		}
	}
	return -1
}

// tocEntry reports a table of contents line: a title, dot leaders and a
// page number ("Introduction ........ 3", "Scope . . . . 12").
func tocEntry(rest string) bool {
	t := strings.TrimRight(rest, " ")
	k := len(t)
	for k > 0 && t[k-1] >= '0' && t[k-1] <= '9' {
		k--
	}
	if k == len(t) || len(t)-k > 4 {
		return false
	}
	t = strings.TrimRight(t[:k], " ")
	dots := 0
	for len(t) > 0 && (t[len(t)-1] == '.' || t[len(t)-1] == ' ' || strings.HasSuffix(t, "…")) {
		if t[len(t)-1] == '.' {
			dots++
		}
		if strings.HasSuffix(t, "…") {
			dots += 3
			t = strings.TrimSuffix(t, "…")
			continue
		}
		t = t[:len(t)-1]
	}
	return dots >= 3
}

// citationWords start the rest of a line that cites a unit rather than
// heading it: "§ 325 Abs. 4", "Article 5 para. 2", "§ 1 und 2".
var citationWords = map[string]bool{
	"abs.": true, "absatz": true, "absätze": true, "satz": true, "nr.": true, "nummer": true,
	"buchstabe": true, "buchst.": true, "halbsatz": true, "halbs.": true, "alt.": true, "s.": true,
	"bis": true, "und": true, "oder": true, "i.": true, "ivm": true, "para.": true, "paragraph": true,
	"subsection": true, "sub-section": true, "lit.": true, "ziff.": true, "ziffer": true,
}

// citation reports whether the rest of a keyword label line reads as the
// continuation of a citation.
func citation(rest string) bool {
	w, _, _ := strings.Cut(rest, " ")
	return citationWords[strings.ToLower(w)] || w == "Abs" || w == "Nr"
}

// titleLike reports whether s looks like a title: upper-case throughout,
// or at least half of its longer words capitalised ("Grant of License",
// "Security guarantees"), and short.
func titleLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 12 {
		return false
	}
	if allCaps(s) {
		return true
	}
	counted, caps := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.IsLower(r) && utf8.RuneCountInString(w) <= 3 {
			continue // of, the, and, des, la
		}
		counted++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return counted > 0 && 2*caps >= counted
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// endsClosed reports whether a line ends a sentence or a list item, so that
// a label on the next line may start a point: "...; and", "...:", "...."
// (but not "Abs." or "U.S.").
func endsClosed(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)]*_")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case ';', ':', '!', '?':
		return true
	case '.':
		return !abbreviation(lastWord(s[:len(s)-1]))
	}
	w := lastWord(s)
	switch strings.ToLower(w) {
	case "and", "or", "and/or", "und", "oder", "sowie", "et", "ou", "y", "o", "und/oder":
		before := strings.TrimRight(s[:len(s)-len(w)], " ")
		return strings.HasSuffix(before, ";") || strings.HasSuffix(before, ",")
	}
	return false
}

// lastWord returns the text after the last space of s.
func lastWord(s string) string {
	if k := strings.LastIndexAny(s, " \t("); k >= 0 {
		return s[k+1:]
	}
	return s
}

// abbreviations that end in a dot without ending a sentence, lower-cased.
var abbreviations = map[string]bool{
	"abs": true, "nr": true, "art": true, "vgl": true, "bzw": true, "ziff": true, "lit": true,
	"buchst": true, "no": true, "nos": true, "para": true, "paras": true, "sec": true, "sect": true,
	"ch": true, "cf": true, "vs": true, "co": true, "inc": true, "ltd": true, "st": true,
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "gen": true, "jr": true, "sr": true,
	"pp": true, "ff": true, "bd": true, "anh": true, "abschn": true, "halbs": true, "hs": true,
	"ca": true, "approx": true, "fig": true, "op": true, "cit": true, "ibid": true, "al": true,
	"sog": true, "gem": true, "lt": true, "mio": true, "mrd": true, "jan": true, "feb": true,
	"mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "okt": true, "nov": true, "dec": true, "dez": true, "satz": true, "nrn": true,
	"unterabs": true,
}

// abbreviation reports whether w (without its final dot) is an
// abbreviation: a known one, a single letter, or one with inner dots.
func abbreviation(w string) bool {
	if w == "" {
		return false
	}
	if strings.Contains(w, ".") {
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsLetter(r)
	}
	return abbreviations[strings.ToLower(w)]
}

// atxHeading recognises a Markdown heading "## Title" and returns its depth
// and text without the markers.
func atxHeading(ln *lineInfo) (int, string, bool) {
	if ln.indent > 3 {
		return 0, "", false
	}
	t := ln.content
	d := 0
	for d < len(t) && t[d] == '#' {
		d++
	}
	if d == 0 || d > 6 || (d < len(t) && t[d] != ' ' && t[d] != '\t') {
		return 0, "", false
	}
	inner := strings.TrimSpace(t[d:])
	// An optional closing sequence: "## Title ##".
	if k := strings.TrimRight(inner, "#"); len(k) < len(inner) && (k == "" || strings.HasSuffix(k, " ")) {
		inner = strings.TrimSpace(k)
	}
	return d, inner, true
}

// setextUnderline returns 1 for a line of "=" and 2 for a line of "-"
// (three or more), which make the line above a heading; 0 otherwise.
func setextUnderline(t string) int {
	if len(t) < 3 {
		return 0
	}
	c := t[0]
	if c != '=' && c != '-' {
		return 0
	}
	for i := 0; i < len(t); i++ {
		if t[i] != c {
			return 0
		}
	}
	if c == '=' {
		return 1
	}
	return 2
}

// isRule recognises a horizontal rule: three or more "-", "*", "_" or "="
// and nothing else but spaces.
func isRule(t string) bool {
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' && c != '=' {
		return false
	}
	count := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			count++
		case ' ', '\t':
		default:
			return false
		}
	}
	return count >= 3
}

// tokensEqual compares printed paths, reading numbers by value ("01" is
// "1").
func tokensEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		x, err1 := strconv.Atoi(a[i])
		y, err2 := strconv.Atoi(b[i])
		if err1 != nil || err2 != nil || x != y {
			return false
		}
	}
	return true
}

func intsEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
