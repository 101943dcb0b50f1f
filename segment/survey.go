package segment

import "strings"

// This file holds the global part of the numbering decision. Before the
// line-by-line reader places any label, a first pass reads every line that
// may carry a list label and counts, for each plain numbering style ("1.",
// "(1)", "a)", "I.", ...), how often an item continues the previous item of
// that style anywhere in the document. The style with the most
// continuations dominates: it is the document's main numbering. The
// reader then uses two facts from the whole document that it cannot see
// from one line:
//
//   - front matter: a short list before the dominant numbering starts (a
//     stray "(1)" in a preamble, an amendments block "I.", "II.") that is
//     never continued after it does not hold the body; the dominant list
//     starts at the top level beside it (see frontMatter);
//   - back matter: a new list after a structure break that follows the
//     dominant numbering's last item is a block of its own at the top
//     level, not a sub-list of the last point (see backMatter).
//
// The pass costs one more reading of the label lines and keeps a few
// numbers per style: linear in the text. Whether a front-matter list goes
// on later is checked by reading the rest of the text once more, at most
// once per text.

// styleRun is what the survey keeps about one style.
type styleRun struct {
	last  int // value of the last item
	cont  int // items that continue the item before them
	first int // line of the first item
	end   int // line of the last item
}

// survey is the result of the first pass.
type survey struct {
	ar     labelArena
	runs   map[style]*styleRun
	dom    style // the dominating plain style; zero when there is none
	hasDom bool
	// firstDom and lastDom are the lines of the dominant style's first and
	// last items.
	firstDom, lastDom int
}

// minDominant is the fewest continuations that make a style dominate: a
// run of three items, 1, 2, 3.
const minDominant = 2

// surveyCandidate reports, from a glance at its start, whether a line
// may carry a plain list label: a digit, a parenthesis, or a few ASCII
// letters followed by "." or ")". Keyword labels and headings are left to
// the reader: they outrank plain lists anyway.
func surveyCandidate(line string) (string, bool) {
	k := 0
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	if k == len(line) {
		return "", false
	}
	c := line[k]
	if c == '(' || c >= '0' && c <= '9' {
		return line[k:], true
	}
	j := k
	for j < len(line) && j-k < 6 && isLetter(line[j]) {
		j++
	}
	if j == k || j == len(line) || (line[j] != '.' && line[j] != ')') {
		return "", false
	}
	return line[k:], true
}

// observe reads line i (0-based) in the first pass.
func (sv *survey) observe(i int, line string) {
	content, ok := surveyCandidate(line)
	if !ok {
		return
	}
	saved := sv.ar
	labels, _ := sv.ar.parseLabels(content)
	if len(saved.labels) >= 2*maxReadings {
		// The labels are read here and forgotten: the next line reuses
		// their room in the arena's block.
		defer func() { sv.ar = saved }()
	}
	for k := range labels {
		l := &labels[k]
		if l.style.structural() || l.style.depth != 1 || l.suffix != 0 {
			continue
		}
		if sv.runs == nil {
			sv.runs = make(map[style]*styleRun)
		}
		r := sv.runs[l.style]
		if r == nil {
			r = &styleRun{last: -1, first: i}
			sv.runs[l.style] = r
		}
		v := l.last()
		if v == r.last+1 {
			r.cont++
		}
		r.last, r.end = v, i
	}
}

// finish picks the dominant style: the most continuations, and on a tie
// the style that starts first.
func (sv *survey) finish() {
	best := minDominant - 1
	for st, r := range sv.runs {
		if r.cont > best || r.cont == best && sv.hasDom && r.first < sv.firstDom {
			sv.dom, sv.hasDom, best = st, true, r.cont
			sv.firstDom, sv.lastDom = r.first, r.end
		}
	}
	sv.ar = labelArena{}
}

// continued reports whether a label of style st numbered v starts a line
// after line i (0-based). It reads the rest of the text again, which the
// segmenter does at most once (see frontMatter).
func (s *segmenter) continued(st style, v, i int) bool {
	var ar labelArena
	found := false
	check := func(k int, line string) bool {
		if k <= i {
			return true
		}
		content, ok := surveyCandidate(line)
		if !ok {
			return true
		}
		labels, _ := ar.parseLabels(content)
		for _, l := range labels {
			if l.style == st && l.last() == v && l.suffix == 0 {
				found = true
				return false
			}
		}
		return true
	}
	if s.lines.lines != nil {
		for k, line := range s.lines.lines {
			if !check(k, line) {
				break
			}
		}
		return found
	}
	for k, rest := 0, s.lines.text; ; k++ {
		line, after, more := strings.Cut(rest, "\n")
		if !check(k, line) || !more {
			break
		}
		rest = after
	}
	return found
}

// listRank orders plain numbering styles from the outside in, as
// documents conventionally nest them: "I." holds "A.", which holds "1.",
// which holds "(1)", then "(a)", then "(i)".
func listRank(st style) int {
	switch st.kind {
	case kindUpperRoman:
		return 1
	case kindUpperLetter:
		return 2
	case kindNumber:
		if st.delim == delimParens {
			return 4
		}
		return 3
	case kindLetter, kindDoubleLetter:
		return 5
	}
	return 6
}

// frontMatter reports whether the first item of the dominant numbering,
// at line i, should start at the top level rather than under the levels
// open before it: every open level is a plain list that is never
// continued after line i, unnumbered text or a heading stands between
// its point and line i (not needed for a level that ranks inside the
// dominant style, which cannot hold it), and it either ranks inside the dominant style by
// convention ("(1)" cannot hold "1."), or its point is a sentence rather
// than a title or the introduction of a list ("I. The amendment of 2001
// replaced point 2." then "Body" holds nothing; "I. GENERAL PROVISIONS",
// "1. The parties agree:" and "1. The parties agree as follows." directly
// followed by "(a)" do).
func (s *segmenter) frontMatter(i int) bool {
	sv := &s.survey
	for k := range s.stack {
		lv := &s.stack[k]
		if lv.style.structural() || lv.heading || lv.style == sv.dom || lv.style.depth != 1 {
			return false
		}
		if s.continued(lv.style, lv.val[0]+1, i) {
			return false
		}
		head, more := s.firstParagraph(s.state[lv.point].text)
		// A list that ranks inside the dominant one by convention ("(1)"
		// cannot hold "1.") and is never continued holds nothing, even
		// when its item runs up to the body: a wrapped "(1) of the
		// Declaration" in a preamble.
		if !more && !s.inBlock && listRank(lv.style) <= listRank(sv.dom) {
			return false
		}
		if listRank(lv.style) < listRank(sv.dom) {
			last := s.lastParagraph(s.state[lv.point].text)
			if head == "" || isTitle(head) || strings.HasSuffix(last, ":") {
				return false
			}
		}
	}
	return len(s.stack) > 0
}

// backMatter reports whether a new list of a style other than the
// dominant one, at line i, stands at the top level: it follows a
// structure break after the dominant numbering's last item.
func (s *segmenter) backMatter(lab *label, i int) bool {
	sv := &s.survey
	return sv.hasDom && s.inBlock && lab.style != sv.dom && !lab.style.structural() &&
		i > sv.lastDom && len(s.stack) > 0 && s.stack[0].style == sv.dom && !s.stack[0].heading
}

// lastParagraph returns the last paragraph of a point's text.
func (s *segmenter) lastParagraph(l chunkList) string {
	if l.last == 0 {
		return ""
	}
	c := s.chunks[l.last-1]
	text := s.arena.String()[c.start:c.end]
	if k := strings.LastIndex(text, "\n\n"); k >= 0 {
		text = text[k+2:]
	}
	return text
}
