package ingest

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// markdownView turns a normalised Markdown text into the plain lines the
// segmenter reads. It keeps exactly one output line per input line, so
// that the line numbers of points count lines of the normalised text.
//
// It drops YAML front matter and HTML comments (their lines become
// blank), folds definition lists (":   value" under a term) into the term
// line, strips block quote markers, emphasis ("**", "__", "*", "_"),
// backslash escapes, links (keeping their text), common inline HTML tags
// and entities, and list bullets ("- ", "* ", "+ ") in front of a
// numbering such as "1." or "(a)". Headings keep their "#" markers: the
// segmenter reads "#### § 1 Title" as the label "§ 1" with its heading and
// an unnumbered heading as a structure break. Code blocks are kept as
// they are, without their fences.
func markdownView(text string) string {
	return strings.Join(markdownLines(text), "\n")
}

// markdownLines is markdownView's lines, not joined.
func markdownLines(text string) []string {
	lines := strings.Split(text, "\n")
	marked := markedLines(text, lines)
	start := blankFrontMatter(lines)
	inComment, fence := false, ""
	commentStart := -1 // the line where an unclosed comment began
	// A term and its definitions become one line, written when the
	// definitions end.
	defTarget := -1
	var def strings.Builder
	flush := func() {
		if defTarget >= 0 {
			lines[defTarget] = def.String()
			defTarget = -1
		}
	}
	for i := start; i < len(lines); i++ {
		l := lines[i]
		if plainLines && fence == "" && !inComment && !marked[i] && plainStart(l) {
			// Most lines: no inline mark, no comment, and nothing at
			// the start that the steps below would change.
			if strings.TrimSpace(l) != "" {
				flush()
			}
			continue
		}
		if fence != "" {
			if strings.HasPrefix(strings.TrimLeft(l, " "), fence) {
				fence, lines[i] = "", ""
			}
			continue
		}
		wasInComment := inComment
		l, inComment = stripComments(l, inComment)
		if inComment && !wasInComment {
			commentStart = i
		}
		if wasInComment && !inComment && commentStart >= 0 && strings.TrimSpace(lines[commentStart]) != "" {
			// "Text <!-- a / b --> end." reads as "Text end." on the
			// first line, so that the paragraph is not cut in two.
			if rest := strings.TrimSpace(l); rest != "" {
				lines[commentStart] += " " + inline(rest)
			}
			lines[i] = ""
			commentStart = -1
			continue
		}
		if f := fenceOpening(l); f != "" {
			flush()
			fence, lines[i] = f, ""
			continue
		}
		l = stripQuote(l)
		if value, ok := definition(l); ok {
			switch {
			case defTarget >= 0 && lines[i-1] == "":
				def.WriteString("; ")
				def.WriteString(inline(value))
				lines[i] = ""
				continue
			case i > start && strings.TrimSpace(lines[i-1]) != "":
				flush()
				term := strings.TrimRight(lines[i-1], " ")
				def.Reset()
				def.WriteString(term)
				if !strings.HasSuffix(term, ":") {
					def.WriteByte(':')
				}
				def.WriteByte(' ')
				def.WriteString(inline(value))
				lines[i], defTarget = "", i-1
				continue
			}
			l = value
		} else if strings.TrimSpace(l) != "" {
			flush()
		}
		lines[i] = stripBullet(inline(l))
	}
	flush()
	return lines
}

// plainLines lets markdownView pass over plain lines untouched; tests turn
// it off to check that the result is the same.
var plainLines = true

// markedLines reports, for each of the lines text was split into, whether
// it holds a byte that may start or end inline Markdown or an HTML comment
// (see inlineMarks). Each mark is looked for across the whole text at
// once, which is many times faster than reading every line byte by byte;
// a line is looked at at most once for each.
func markedLines(text string, lines []string) []bool {
	marked := make([]bool, len(lines))
	var starts []int // where each line starts, made on the first mark
	for c := range inlineMarks {
		if !inlineMarks[c] {
			continue
		}
		for off := 0; ; {
			k := strings.IndexByte(text[off:], byte(c))
			if k < 0 {
				break
			}
			if starts == nil {
				starts = lineStarts(lines)
			}
			line, found := slices.BinarySearch(starts, off+k)
			if !found {
				line--
			}
			marked[line] = true
			next := strings.IndexByte(text[off+k:], '\n')
			if next < 0 {
				break
			}
			off += k + next + 1
		}
	}
	return marked
}

// lineStarts returns the offset where each line starts in the text the
// lines were split from.
func lineStarts(lines []string) []int {
	starts := make([]int, len(lines))
	for k := 1; k < len(lines); k++ {
		starts[k] = starts[k-1] + len(lines[k-1]) + 1
	}
	return starts
}

// plainStart reports whether a line without inline marks starts with
// nothing markdownView changes: no fence, block quote, definition or list
// bullet after its indentation.
func plainStart(l string) bool {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	if i == len(l) {
		return true
	}
	switch l[i] {
	case '`', '~', '>', ':', '-', '*', '+':
		return false
	}
	return true
}

// blankFrontMatter blanks a YAML front matter block ("---" on the first
// line up to a closing "---" or "...") and returns the first line after
// it.
func blankFrontMatter(lines []string) int {
	if len(lines) == 0 || lines[0] != "---" {
		return 0
	}
	for j := 1; j < len(lines); j++ {
		if lines[j] == "---" || lines[j] == "..." {
			for k := 0; k <= j; k++ {
				lines[k] = ""
			}
			return j + 1
		}
	}
	return 0
}

// stripComments removes HTML comments from a line; inComment carries an
// unclosed comment over to the next line.
func stripComments(l string, inComment bool) (string, bool) {
	var b strings.Builder
	for {
		if inComment {
			end := strings.Index(l, "-->")
			if end < 0 {
				return strings.TrimRight(b.String(), " "), true
			}
			l, inComment = l[end+3:], false
			continue
		}
		start := strings.Index(l, "<!--")
		if start < 0 {
			if b.Len() == 0 {
				return l, false
			}
			b.WriteString(l)
			return strings.TrimRight(b.String(), " "), false
		}
		b.WriteString(l[:start])
		l, inComment = l[start+4:], true
	}
}

// fenceOpening returns the fence ("```" or "~~~") that opens a code block
// on this line, or "".
func fenceOpening(l string) string {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 {
		return ""
	}
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			return f
		}
	}
	return ""
}

// stripQuote removes block quote markers: "> > text" is "text".
func stripQuote(l string) string {
	t := strings.TrimLeft(l, " ")
	if !strings.HasPrefix(t, ">") || len(l)-len(t) > 3 {
		return l
	}
	for strings.HasPrefix(t, ">") {
		t = strings.TrimPrefix(t[1:], " ")
	}
	return t
}

// definition recognises a definition list line ":   value".
func definition(l string) (string, bool) {
	if len(l) < 2 || l[0] != ':' || (l[1] != ' ' && l[1] != '\t') {
		return "", false
	}
	return strings.TrimSpace(l[1:]), true
}

// stripBullet removes a list bullet in front of a numbering: "- 1. Text"
// is "1. Text", "  * (a) text" is "  (a) text". Other bullets stay.
func stripBullet(l string) string {
	t := strings.TrimLeft(l, " \t")
	if len(t) < 3 || (t[0] != '-' && t[0] != '*' && t[0] != '+') || (t[1] != ' ' && t[1] != '\t') {
		return l
	}
	rest := strings.TrimLeft(t[1:], " \t")
	if !numbered(rest) {
		return l
	}
	return l[:len(l)-len(t)] + rest
}

// numbered reports whether s starts with something that reads as a
// numbering: a digit, "(", "§", or a short letter token ending in "." or
// ")" ("a)", "iv.", "B.").
func numbered(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if c >= '0' && c <= '9' || c == '(' || strings.HasPrefix(s, "§") {
		return true
	}
	i := 0
	for i < len(s) && i < 6 && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	return i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ')
}

// Inline constructs are looked for within a bounded distance, so that a
// line full of unclosed "[", "<b" or "“" costs linear time.
const (
	maxLinkText   = 1000
	maxLinkTarget = 2000
	maxTag        = 200
	maxCodeSpan   = 2000
)

// window returns at most n bytes of s.
func window(s string, n int) string { return s[:min(len(s), n)] }

// inlineTags are the HTML tags dropped from Markdown lines.
var inlineTags = map[string]bool{
	"b": true, "i": true, "u": true, "s": true, "em": true, "strong": true, "span": true,
	"sup": true, "sub": true, "small": true, "mark": true, "ins": true, "del": true,
	"a": true, "br": true, "p": true, "div": true, "font": true, "center": true,
}

// inline strips inline Markdown from one line: escapes, code span
// backticks, emphasis, links and images (keeping their text), inline HTML
// tags and entities.
func inline(l string) string {
	if !hasInlineMark(l) {
		return l
	}
	var b strings.Builder
	b.Grow(len(l))
	for i := 0; i < len(l); {
		c := l[i]
		switch {
		case c == '\\' && i+1 < len(l) && isASCIIPunct(l[i+1]):
			b.WriteByte(l[i+1])
			i += 2
			continue
		case c == '`':
			n := run(l, i, '`')
			if end := strings.Index(window(l[i+n:], maxCodeSpan), l[i:i+n]); end >= 0 {
				b.WriteString(l[i+n : i+n+end])
				i += n + end + n
				continue
			}
			b.WriteString(l[i : i+n])
			i += n
			continue
		case c == '*' || c == '_':
			n := run(l, i, c)
			if emphasis(l, i, n, c) {
				i += n
				continue
			}
			b.WriteString(l[i : i+n])
			i += n
			continue
		case c == '[' || (c == '!' && i+1 < len(l) && l[i+1] == '['):
			open := i
			if c == '!' {
				open++
			}
			if text, end, ok := link(l, open); ok {
				b.WriteString(inline(text))
				i = end
				continue
			}
		case c == '<':
			if end, ok := tag(l, i); ok {
				i = end
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	out := b.String()
	if strings.IndexByte(out, '&') >= 0 {
		out = html.UnescapeString(out)
	}
	return out
}

// inlineMarks are the bytes that may start or end inline Markdown.
var inlineMarks = [256]bool{'\\': true, '`': true, '*': true, '_': true, '[': true, ']': true, '<': true, '&': true, '!': true}

// hasInlineMark reports whether l holds one of inlineMarks. It is
// strings.ContainsAny without building the set of bytes again for every
// line, which cost as much as the search.
func hasInlineMark(l string) bool {
	for i := 0; i < len(l); i++ {
		if inlineMarks[l[i]] {
			return true
		}
	}
	return false
}

// run counts the bytes equal to c from i on.
func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// emphasis reports whether the run of n markers c at i is emphasis to
// drop: "**bold**", "*it*", "_it_", but not "2 * 3", "a*b" or
// "snake_case".
func emphasis(s string, i, n int, c byte) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+n:])
	spaceBefore := i == 0 || unicode.IsSpace(before)
	spaceAfter := i+n == len(s) || unicode.IsSpace(after)
	if c == '_' && isWordRune(before) && isWordRune(after) {
		return false // snake_case, a__b
	}
	if n >= 2 {
		return !(spaceBefore && spaceAfter)
	}
	punctBefore := i == 0 || unicode.IsPunct(before) || unicode.IsSpace(before)
	punctAfter := i+n == len(s) || unicode.IsPunct(after) || unicode.IsSpace(after)
	leftFlanking := !spaceAfter && punctBefore
	rightFlanking := !spaceBefore && punctAfter
	return leftFlanking || rightFlanking
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// link reads "[text](target)" or "[text][ref]" at i and returns the text
// and the index after the link.
func link(s string, i int) (text string, end int, ok bool) {
	close := strings.IndexByte(window(s[i+1:], maxLinkText), ']')
	if close < 0 {
		return "", 0, false
	}
	close += i + 1
	text = s[i+1 : close]
	if close+1 >= len(s) {
		return "", 0, false
	}
	var endMark byte
	switch s[close+1] {
	case '(':
		endMark = ')'
	case '[':
		endMark = ']'
	default:
		return "", 0, false
	}
	e := strings.IndexByte(window(s[close+2:], maxLinkTarget), endMark)
	if e < 0 {
		return "", 0, false
	}
	return text, close + 2 + e + 1, true
}

// tag reads an inline HTML tag such as "<br>", "<b>" or "</span>" at i
// and returns the index after it.
func tag(s string, i int) (int, bool) {
	j := i + 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	k := j
	for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
		k++
	}
	if k == j || k == len(s) || (s[k] != '>' && s[k] != ' ' && s[k] != '/') || !inlineTags[strings.ToLower(s[j:k])] {
		return 0, false
	}
	end := strings.IndexByte(window(s[k:], maxTag), '>')
	if end < 0 {
		return 0, false
	}
	return k + end + 1, true
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
