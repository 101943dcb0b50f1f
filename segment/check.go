package segment

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"parley"
)

// Codes of the warnings Check gives.
const (
	// WarnLowCoverage: fewer than MinCoverage of the body's words are in
	// points; text was read as belonging to no point.
	WarnLowCoverage = "low-coverage"
	// WarnSequenceGap: a list of sibling points skips numbers (1, 2, 4)
	// or starts after its first number.
	WarnSequenceGap = "sequence-gap"
	// WarnSequenceOrder: a list of sibling points goes back (1, 2, 5, 3).
	WarnSequenceOrder = "sequence-order"
	// WarnDuplicatePath: two points share a number at the same place; the
	// segmenter kept them apart with a "~n" suffix.
	WarnDuplicatePath = "duplicate-path"
	// WarnHeadingOnly: a point with a label but no text and no points
	// under it.
	WarnHeadingOnly = "heading-only"
	// WarnDroppedLevel: a point's path names a parent that is not a
	// point ("3.2.1" without "3.2").
	WarnDroppedLevel = "dropped-level"
	// WarnUnreadLabel: a paragraph inside a point's text starts with a
	// label that would go on one of the lists the point is in ("6."
	// inside point 2): a point that was not read as one.
	WarnUnreadLabel = "unread-label"
)

// MinCoverage is the share of a text's body words (those outside its
// preamble and its unnumbered blocks) that must be inside points for Check
// to be silent: every word of the body belongs to some point once the
// text is read right, so a text below it lost one word in ten.
const MinCoverage = 0.9

// maxPerCode is how many warnings of one code Check lists one by one;
// the rest are counted in one more warning, so that a text read wholly
// wrong gives a readable list.
const maxPerCode = 10

// Warning is one finding of Check: a sign that a text was read badly.
type Warning struct {
	// Code says which check found it: one of the Warn constants.
	Code string `json:"code"`
	// Message says what was found and where, for people.
	Message string `json:"message"`
	// Path is the point concerned, if one is.
	Path []string `json:"path,omitempty"`
	// Line is the line of the text concerned, from 1, if one is.
	Line int `json:"line,omitempty"`
}

// Check looks for signs that a text was segmented badly: body words in no
// point (when text, the text as it was segmented, is given), gaps and
// steps back in lists of sibling points, duplicate paths, points with a
// label and nothing else, and points whose parent is missing. It is pure
// and reads s only. The warnings come in that order of checks, each in
// document order.
func Check(s Segmented, text string) []Warning {
	var ws []Warning
	var starts []int // byte offset of each line of text
	if text != "" {
		starts = lineStarts(text)
		if w, ok := checkCoverage(s, text, starts); ok {
			ws = append(ws, w)
		}
	}
	lists, n := siblingLists(s.Points)
	ws = append(ws, capped(checkSequences(s.Points, s.Blocks, lists, n))...)
	ws = append(ws, capped(checkDuplicates(s.Points, lists, n))...)
	ws = append(ws, capped(checkHeadingOnly(s.Points))...)
	ws = append(ws, capped(checkParents(s.Points, lists))...)
	if text != "" {
		ws = append(ws, capped(checkUnread(s, text, starts, lists, n))...)
	}
	return ws
}

// siblingLists numbers the lists of sibling points: list[i] is the list
// of point i, 0 for the top level, k+1 for the points under point k, and
// from len(points)+1 on for points whose parent is not a point (their
// parent path names it). n is the number of lists. Points are found by
// the points above them in document order, without joining paths.
func siblingLists(points []parley.Point) (list []int, n int) {
	list = make([]int, len(points))
	n = len(points) + 1
	var orphans map[string]int
	var stack []int
	for i := range points {
		path := points[i].Path
		for len(stack) > 0 && !above(points[stack[len(stack)-1]].Path, path) {
			stack = stack[:len(stack)-1]
		}
		switch {
		case len(path) <= 1:
			list[i] = 0
		case len(stack) > 0 && len(points[stack[len(stack)-1]].Path) == len(path)-1:
			list[i] = stack[len(stack)-1] + 1
		default:
			if orphans == nil {
				orphans = map[string]int{}
			}
			key := parley.PathKey(path[:len(path)-1])
			id, ok := orphans[key]
			if !ok {
				id = n
				n++
				orphans[key] = id
			}
			list[i] = id
		}
		stack = append(stack, i)
	}
	return list, n
}

// capped keeps the first maxPerCode warnings of a list of one code and
// counts the rest in one more.
func capped(ws []Warning) []Warning {
	if len(ws) <= maxPerCode {
		return ws
	}
	n := len(ws) - maxPerCode
	ws = ws[:maxPerCode:maxPerCode]
	return append(ws, Warning{Code: ws[0].Code, Message: fmt.Sprintf("%d more warnings of this kind (%s)", n, ws[0].Code)})
}

// words counts the words of s: runs between spaces that hold a letter or
// a digit (so Markdown marks and dashes count for nothing).
func words(s string) int {
	n, word := 0, false
	for i := 0; i < len(s); {
		// ASCII without branches: a space ends a word that holds a
		// letter or digit, which a letter or digit makes one.
		w := uint8(0)
		if word {
			w = 1
		}
		for i < len(s) && s[i] < utf8.RuneSelf {
			cl := wordClass[s[i]]
			sp, lt := cl&wordSpace, (cl&wordLetter)>>1
			n += int(sp & w)
			w = (w | lt) &^ sp
			i++
		}
		word = w == 1
		if i == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsSpace(r):
			if word {
				n++
			}
			word = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = true
		}
	}
	if word {
		n++
	}
	return n
}

// Classes of ASCII bytes for words.
const (
	wordOther  = 0
	wordSpace  = 1
	wordLetter = 2
)

var wordClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = wordSpace
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			t[c] = wordLetter
		}
	}
	return t
}()

// owner is what a stretch of lines belongs to: a point, a block or the
// preamble.
type owner struct {
	line  int // first line, from 1
	size  int // its words (or characters), by the measure in use
	point int // index of the point, or -1
	block int // index of the block, or -1
}

// nonSpace counts the bytes of s that are not spaces, tabs or line
// feeds: a quick stand-in for its words.
func nonSpace(s string) int {
	return len(s) - strings.Count(s, " ") - strings.Count(s, "\n") - strings.Count(s, "\t")
}

// checkCoverage compares the words of each stretch of the text (from the
// line where a point or block starts to the next such line) with the
// words the segmenter gave it, and warns when the words given no point
// are more than 1-MinCoverage of the body. Words are counted only when
// the characters other than spaces, counted first and much faster, fall
// short by as much.
func checkCoverage(s Segmented, text string, starts []int) (Warning, bool) {
	if c := coverage(s, text, starts, nonSpace); c.short() {
		if c := coverage(s, text, starts, words); c.short() {
			return c.warning(s, text, starts), true
		}
	}
	return Warning{}, false
}

// lineStarts returns the byte offset of each line of text.
func lineStarts(text string) []int {
	starts := make([]int, 1, strings.Count(text, "\n")+1)
	for k := 0; ; {
		n := strings.IndexByte(text[k:], '\n')
		if n < 0 {
			return starts
		}
		k += n + 1
		starts = append(starts, k)
	}
}

// cover is what coverage found.
type cover struct {
	inPoints, lost int
	worst          int   // the largest stretch lost
	worstOwner     owner // the owner of its stretch
	worstEnd       int   // the line after its stretch
}

func (c *cover) short() bool {
	body := c.inPoints + c.lost
	return body > 0 && float64(c.inPoints) < MinCoverage*float64(body)
}

// coverage measures each stretch of the text and what the segmenter gave
// its owners, by measure.
func coverage(s Segmented, text string, starts []int, measure func(string) int) cover {
	owners := make([]owner, 0, len(s.Points)+len(s.Blocks)+1)
	owners = append(owners, owner{line: 1, size: measure(s.Preamble), point: -1, block: -1})
	var c cover
	b := 0
	for i := 0; i <= len(s.Points); i++ {
		for b < len(s.Blocks) && (i == len(s.Points) || s.Blocks[b].Line <= s.Points[i].Line) {
			owners = append(owners, owner{line: s.Blocks[b].Line, size: measure(s.Blocks[b].Text), point: -1, block: b})
			b++
		}
		if i == len(s.Points) {
			break
		}
		p := &s.Points[i]
		w := measure(p.Label) + measure(p.Heading) + measure(p.Text)
		c.inPoints += w
		owners = append(owners, owner{line: p.Line, size: w, point: i, block: -1})
	}
	lineAt := func(l int) int { // byte offset of line l (from 1), or the end
		if l-1 < len(starts) {
			return starts[l-1]
		}
		return len(text)
	}
	surplus := make([]int, len(s.Points))
	var stack []int // the points above the current one, outermost first
	for k := 0; k < len(owners); {
		// Owners that start on the same line share its stretch.
		j, have := k, 0
		for j < len(owners) && (j == k || owners[j].line <= owners[k].line) {
			have += owners[j].size
			j++
		}
		end := len(starts) + 1
		if j < len(owners) {
			end = max(owners[j].line, owners[k].line+1)
		}
		from := max(owners[k].line, 1)
		d := 0
		if from < end && from <= len(starts) {
			d = measure(text[lineAt(from):lineAt(end)]) - have
		}
		if pt := owners[j-1].point; pt >= 0 {
			// A parent's text goes on after its points ("... 1. x 2. y
			// Then more"): what its stretch has over gives to the
			// stretches of the points under it.
			path := s.Points[pt].Path
			for len(stack) > 0 && !above(s.Points[stack[len(stack)-1]].Path, path) {
				stack = stack[:len(stack)-1]
			}
			for n := len(stack) - 1; n >= 0 && d > 0; n-- {
				take := min(d, surplus[stack[n]])
				surplus[stack[n]] -= take
				d -= take
			}
			if d < 0 {
				surplus[pt] = -d
			}
			stack = append(stack, pt)
		}
		if d > 0 {
			c.lost += d
			if d > c.worst {
				c.worst, c.worstOwner, c.worstEnd = d, owners[j-1], end
			}
		}
		k = j
	}
	return c
}

// above reports whether p is a proper prefix of path: the path of a
// point above it.
func above(p, path []string) bool {
	if len(p) >= len(path) {
		return false
	}
	for k := range p {
		if p[k] != path[k] {
			return false
		}
	}
	return true
}

// warning says what coverage found, naming the largest stretch lost and
// its first line that its owner lacks.
func (c *cover) warning(s Segmented, text string, starts []int) Warning {
	o := c.worstOwner
	own := s.Preamble
	switch {
	case o.point >= 0:
		own = s.Points[o.point].Heading + "\n" + s.Points[o.point].Text
	case o.block >= 0:
		own = s.Blocks[o.block].Text
	}
	line, first := o.line, ""
	lines := strings.Split(text, "\n")
	for l := o.line; l < c.worstEnd && l <= len(lines); l++ {
		t := strings.TrimSpace(lines[l-1])
		if words(t) > 0 && !strings.Contains(own, t) && (l > o.line || o.point < 0) {
			line, first = l, t
			break
		}
	}
	where := "before the first point"
	var path []string
	if o.point >= 0 {
		path = s.Points[o.point].Path
		where = "under point " + parley.FormatPath(path)
	} else if o.block >= 0 {
		where = "in the unnumbered block at line " + fmt.Sprint(o.line)
	}
	body := c.inPoints + c.lost
	msg := fmt.Sprintf("only %.1f%% of the body's words are in points (%d of %d): the largest stretch in no point, %d words, is %s", 100*float64(c.inPoints)/float64(body), c.inPoints, body, c.worst, where)
	if first != "" {
		msg += fmt.Sprintf(", from line %d: %q", line, clip(first, 60))
	}
	return Warning{Code: WarnLowCoverage, Message: msg, Path: path, Line: line}
}

// clip shortens s to about n bytes, at a rune boundary, with an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// counterOf reads the last token of a path in the style of its list: kind
// is the kind the list's first point set (0 for the first point itself).
func counterOf(tok string, kind numKind) (counter, bool) {
	var buf [maxReadings]counter
	rs := readCounters(tok, buf[:0])
	if len(rs) == 0 {
		return counter{}, false
	}
	if kind == 0 {
		// A list's first "i" is a roman one, its first "aa" a list of
		// doubled letters, its first "a" a letter.
		for _, r := range rs {
			if (r.kind == kindRoman || r.kind == kindUpperRoman || r.kind == kindDoubleLetter) && r.n == 1 {
				return r, true
			}
		}
		return rs[0], true
	}
	for _, r := range rs {
		if r.kind == kind {
			return r, true
		}
	}
	return counter{}, false
}

// counterString writes the n-th counter of a kind, as printed in paths.
func counterString(kind numKind, n int) string {
	switch kind {
	case kindNumber:
		return fmt.Sprint(n)
	case kindLetter, kindUpperLetter:
		if n >= 1 && n <= 26 {
			s := string(rune('a' + n - 1))
			if kind == kindUpperLetter {
				s = strings.ToUpper(s)
			}
			return s
		}
	case kindDoubleLetter:
		if n >= 1 && n <= 26 {
			return strings.Repeat(string(rune('a'+n-1)), 2)
		}
	case kindRoman, kindUpperRoman:
		if n >= 1 && n < 400 {
			s := romanString(n)
			if kind == kindUpperRoman {
				s = strings.ToUpper(s)
			}
			return s
		}
	}
	return fmt.Sprint(n)
}

// listName names the list of points under a parent path.
func listName(parent []string) string {
	if len(parent) == 0 {
		return "the top-level list"
	}
	return "the list under " + parley.FormatPath(parent)
}

// checkSequences walks each list of siblings (points with the same parent
// path) and warns where it skips numbers, goes back, or, below the top
// level, starts after its first number. A suffixed number ("5a") may
// follow its base; a list counted from 0 may start at 0. A gap that an
// unnumbered line between the two points names as a range ("§§ 38 bis
// 47b (weggefallen)") is the text's own, not a misreading.
func checkSequences(points []parley.Point, blocks []Block, listOf []int, n int) []Warning {
	type list struct {
		kind numKind
		last counter
		prev int // index of the last point, or -1 when the list is mixed
	}
	lists := make([]*list, n)
	var ws []Warning
	for i := range points {
		p := &points[i]
		if len(p.Path) == 0 {
			continue
		}
		tok := p.Path[len(p.Path)-1]
		if strings.Contains(tok, "~") {
			continue // a duplicate, for checkDuplicates
		}
		parent := p.Path[:len(p.Path)-1]
		l := lists[listOf[i]]
		if l == nil {
			c, ok := counterOf(tok, 0)
			l = &list{kind: c.kind, last: c, prev: i}
			if !ok {
				l.prev = -1
			}
			lists[listOf[i]] = l
			if ok && len(parent) > 0 && c.n > 1 {
				ws = append(ws, Warning{Code: WarnSequenceGap, Path: p.Path, Line: p.Line,
					Message: fmt.Sprintf("%s starts at %s: %s is missing", listName(parent), parley.FormatPath(p.Path), missing(parent, c.kind, 1, c.n-1))})
			}
			continue
		}
		if l.prev < 0 {
			continue
		}
		c, ok := counterOf(tok, l.kind)
		if !ok {
			l.prev = -1 // a list of mixed styles: not checked
			continue
		}
		prev := &points[l.prev]
		switch {
		case c.n == l.last.n && c.suffix > l.last.suffix, c.n == l.last.n+1:
		case c.n > l.last.n+1 && l.kind == kindNumber && namesRange(blocks, l.prev, i, l.last.n+1, c.n-1):
		case c.n > l.last.n+1:
			ws = append(ws, Warning{Code: WarnSequenceGap, Path: p.Path, Line: p.Line,
				Message: fmt.Sprintf("%s skips %s: %s follows %s", listName(parent), missing(parent, l.kind, l.last.n+1, c.n-1), parley.FormatPath(p.Path), parley.FormatPath(prev.Path))})
		default:
			ws = append(ws, Warning{Code: WarnSequenceOrder, Path: p.Path, Line: p.Line,
				Message: fmt.Sprintf("%s goes back: %s (line %d) follows %s (line %d)", listName(parent), parley.FormatPath(p.Path), p.Line, parley.FormatPath(prev.Path), prev.Line)})
		}
		l.last, l.prev = c, i
	}
	return ws
}

// namesRange reports whether the first line of a block between the
// points at indexes from and to names the numbers lo and hi, as a line
// "§§ 38 bis 47b (weggefallen)" does for the sections it stands for.
func namesRange(blocks []Block, from, to, lo, hi int) bool {
	for k := range blocks {
		b := &blocks[k]
		if b.Next <= from || b.Next > to {
			continue
		}
		head, _, _ := strings.Cut(b.Text, "\n")
		seen := 0
		for _, f := range strings.FieldsFunc(head, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			n, i := 0, 0
			for i < len(f) && f[i] >= '0' && f[i] <= '9' && n < 1e6 {
				n = n*10 + int(f[i]-'0')
				i++
			}
			switch {
			case i == 0:
			case n == lo:
				seen |= 1
			case n == hi:
				seen |= 2
			}
		}
		if seen == 3 {
			return true
		}
	}
	return false
}

// missing names the counters from to through of a kind under parent.
func missing(parent []string, kind numKind, from, through int) string {
	at := func(n int) string {
		return parley.FormatPath(append(parent[:len(parent):len(parent)], counterString(kind, n)))
	}
	switch {
	case from == through:
		return at(from)
	case through == from+1:
		return at(from) + " and " + at(through)
	}
	return fmt.Sprintf("%s to %s (%d points)", at(from), at(through), through-from+1)
}

// checkDuplicates warns for each run of points that the segmenter gave
// "~n" suffixes: a list that starts again ("1~2", "2~2", "3~2" under one
// parent) is one warning, naming where its first number occurs first.
func checkDuplicates(points []parley.Point, listOf []int, nLists int) []Warning {
	type run struct {
		start, last int // indexes of its first and last points
		orig        []string
	}
	var runs []run
	lastOf := make([]int, nLists) // 1 + the run that each list's last point is in, or 0
	for i := range points {
		p := &points[i]
		k := len(p.Path) - 1
		if k < 0 {
			continue
		}
		base, _, dup := strings.Cut(p.Path[k], "~")
		if !dup {
			lastOf[listOf[i]] = 0
			continue
		}
		if r := lastOf[listOf[i]]; r > 0 {
			runs[r-1].last = i
			continue
		}
		runs = append(runs, run{start: i, last: i, orig: append(p.Path[:k:k], base)})
		lastOf[listOf[i]] = len(runs)
	}
	if len(runs) == 0 {
		return nil
	}
	first := map[string]int{}
	for i := len(points) - 1; i >= 0; i-- {
		first[points[i].Key()] = i
	}
	var ws []Warning
	for _, r := range runs {
		p := &points[r.start]
		key := parley.PathKey(r.orig)
		where := ""
		if f, ok := first[key]; ok {
			where = fmt.Sprintf(" (first at line %d)", points[f].Line)
		}
		what := "point " + parley.FormatPath(r.orig) + " occurs"
		if r.last > r.start {
			l := &points[r.last]
			lastBase, _, _ := strings.Cut(l.Path[len(l.Path)-1], "~")
			what = fmt.Sprintf("points %s to %s occur", parley.FormatPath(r.orig), parley.FormatPath(append(l.Path[:len(l.Path)-1:len(l.Path)-1], lastBase)))
		}
		ws = append(ws, Warning{Code: WarnDuplicatePath, Path: p.Path, Line: p.Line,
			Message: fmt.Sprintf("%s again at line %d%s: the numbering restarts, or a level above it was not recognised", what, p.Line, where)})
	}
	return ws
}

// checkHeadingOnly warns for each point with a label and nothing else:
// no text and no points under it. Its body was probably read into the
// point before it or the one after.
func checkHeadingOnly(points []parley.Point) []Warning {
	var ws []Warning
	for i := range points {
		p := &points[i]
		if p.Text != "" || status(p.Heading) {
			continue
		}
		if i+1 < len(points) && len(points[i+1].Path) > len(p.Path) {
			continue // it has points under it
		}
		what := "a label"
		if p.Heading != "" {
			what = fmt.Sprintf("a heading (%q)", clip(p.Heading, 40))
		}
		ws = append(ws, Warning{Code: WarnHeadingOnly, Path: p.Path, Line: p.Line,
			Message: fmt.Sprintf("point %s (line %d) has %s but no text and no points under it: its text may have gone to another point", parley.FormatPath(p.Path), p.Line, what)})
	}
	return ws
}

// status reports whether a heading is a note in brackets alone, such as
// "(weggefallen)", "[Reserved]" or "(Repealed)": the point is complete
// without text.
func status(h string) bool {
	h = strings.TrimSpace(h)
	return len(h) > 2 && (h[0] == '(' && h[len(h)-1] == ')' || h[0] == '[' && h[len(h)-1] == ']')
}

// checkParents warns for each point whose path names a parent that no
// point has: "3.2.1" read under 3 without a 3.2, a level of the numbering
// dropped. listOf is siblingLists' numbering, which gives such points
// lists of their own.
func checkParents(points []parley.Point, listOf []int) []Warning {
	var ws []Warning
	seen := map[int]bool{}
	for i := range points {
		p := &points[i]
		if listOf[i] <= len(points) || seen[listOf[i]] {
			continue
		}
		seen[listOf[i]] = true // once per missing parent
		parent := p.Path[:len(p.Path)-1]
		if len(parent) == 1 && annexWord(parent[0]) {
			continue
		}
		ws = append(ws, Warning{Code: WarnDroppedLevel, Path: p.Path, Line: p.Line,
			Message: fmt.Sprintf("point %s (line %d) has no point %s above it: a level of the numbering was not read", parley.FormatPath(p.Path), p.Line, parley.FormatPath(parent))})
	}
	return ws
}

// annexWord reports whether a path starts with the word of an annex
// ("exhibit a"), whose path names no point above it.
func annexWord(tok string) bool {
	switch tok {
	case "exhibit", "annex", "schedule", "appendix":
		return true
	}
	return false
}

// leadingCounter reads a label at the start of a line in the plainest
// forms, "6.", "6)", "(6)", "(c)", "c)", "iv.", followed by a space, and
// returns its readings.
func leadingCounter(line string, out []counter) []counter {
	t := strings.TrimLeft(line, " \t")
	open := strings.HasPrefix(t, "(")
	if open {
		t = t[1:]
	}
	end := 0
	for end < len(t) && end <= 8 && (t[end] >= '0' && t[end] <= '9' || t[end] >= 'a' && t[end] <= 'z' || t[end] >= 'A' && t[end] <= 'Z') {
		end++
	}
	if end == 0 || end+1 >= len(t) || t[end+1] != ' ' {
		return nil
	}
	if c := t[end]; !(c == ')' || c == '.' && !open) {
		return nil
	}
	return readCounters(t[:end], out)
}

// checkUnread warns for each paragraph inside a point's stretch of the
// text (after a blank line) that starts with a label going on one of the
// lists the point is in, or the lists above it: a number past the last
// one of its kind there. Such a line is a point the segmenter did not
// take, and its text went to the point before.
func checkUnread(s Segmented, text string, starts []int, listOf []int, nLists int) []Warning {
	line := func(l int) string { // line l, from 1
		end := len(text)
		if l < len(starts) {
			end = starts[l] - 1
		}
		return text[starts[l-1]:end]
	}
	last := make([]counter, nLists) // the last counter of each list
	var ws []Warning
	b := 0
	var buf [maxReadings]counter
	for i := range s.Points {
		p := &s.Points[i]
		if len(p.Path) == 0 {
			continue
		}
		tok, _, _ := strings.Cut(p.Path[len(p.Path)-1], "~")
		if c, ok := counterOf(tok, last[listOf[i]].kind); ok {
			last[listOf[i]] = c
		}
		end := len(starts) + 1
		if i+1 < len(s.Points) {
			end = s.Points[i+1].Line
		}
		for b < len(s.Blocks) && s.Blocks[b].Line <= p.Line {
			b++
		}
		if b < len(s.Blocks) && s.Blocks[b].Line < end {
			end = s.Blocks[b].Line
		}
		for l := p.Line + 1; l < end && l <= len(starts); l++ {
			if strings.TrimSpace(line(l-1)) != "" {
				// Only a paragraph's first line: a wrapped line may start
				// "8) darf" after "(§ 78 Abs.", or "5. März".
				continue
			}
			rs := leadingCounter(line(l), buf[:0])
			if len(rs) == 0 {
				continue
			}
			found := false
			for id := listOf[i]; !found; id = listOf[id-1] {
				if lc := last[id]; lc.kind != 0 {
					for _, r := range rs {
						found = found || r.kind == lc.kind && r.n > lc.n
					}
				}
				if id == 0 || id > len(s.Points) {
					break
				}
			}
			if found {
				ws = append(ws, Warning{Code: WarnUnreadLabel, Path: p.Path, Line: l,
					Message: fmt.Sprintf("line %d, inside point %s, starts with a label (%q) that was not read as a point", l, parley.FormatPath(p.Path), clip(strings.TrimSpace(line(l)), 40))})
			}
		}
	}
	return ws
}
