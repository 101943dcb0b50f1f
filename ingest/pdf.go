package ingest

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"parley"
)

// PDFTimeout is how long pdftotext may take to read one PDF. Reading a
// text of a few hundred pages takes a second or two; a PDF that needs a
// minute is damaged or built to exhaust the reader.
const PDFTimeout = time.Minute

// readPDF reads a PDF's text with pdftotext from Poppler (Debian's
// poppler-utils) in layout mode, which keeps the indentation that shows
// how points nest, and turns it into plain lines (see pdfPlainText).
//
// The PDF goes to pdftotext on its standard input, with no shell; the
// run is bounded by PDFTimeout and its output by MaxBytes. A PDF that is
// cut short (no "%%EOF" near its end), that Poppler cannot open, that has
// a content stream Poppler cannot decode (its text would be incomplete),
// that is encrypted or that has no text (a scan) is refused.
func readPDF(name string, body []byte) (string, error) {
	if !bytes.Contains(body[:min(len(body), 1024)], []byte("%PDF-")) {
		what := "it does not start with %PDF-"
		if kind := formatKind(body); kind != "" {
			what += "; it looks like " + kind
		}
		return "", parley.Errorf(parley.EINVALID, "%s is not a PDF document: %s", name, what)
	}
	if !bytes.Contains(body[max(0, len(body)-1024):], []byte("%%EOF")) {
		return "", parley.Errorf(parley.EINVALID, "%s is truncated or damaged: a PDF ends with %%%%EOF, and this one does not (was the download cut short?)", name)
	}
	layout, err := pdftotext(name, body)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(strings.ReplaceAll(layout, "\f", "")) == "" {
		return "", parley.Errorf(parley.EINVALID, "%s has no text: its pages are images (a scan?); run OCR on it first, for example with ocrmypdf, or import a text version", name)
	}
	return pdfPlainText(layout), nil
}

// pdftotext runs Poppler's pdftotext on body and returns its layout text,
// pages separated by form feeds.
func pdftotext(name string, body []byte) (string, error) {
	prog, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", parley.Errorf(parley.EINTERNAL, "cannot read %s: reading PDF needs pdftotext, which is not installed; install poppler-utils (apt-get install poppler-utils) or import a text version", name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, "-layout", "-enc", "UTF-8", "-eol", "unix", "-", "-")
	cmd.Stdin = bytes.NewReader(body)
	stdout := &cappedBuffer{limit: MaxBytes, cancel: cancel}
	stderr := &cappedBuffer{limit: 4096}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	switch {
	case stdout.over:
		return "", parley.Errorf(parley.ETOOLARGE, "the text of %s is over the limit of %s (%s bytes)", name, sizeString(MaxBytes), thousands(MaxBytes))
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "", parley.Errorf(parley.EINVALID, "cannot read %s: pdftotext did not finish within %s (is the PDF damaged?)", name, PDFTimeout)
	case err != nil:
		msg := firstLines(stderr.String())
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return "", parley.Errorf(parley.EINTERNAL, "cannot read %s: running pdftotext: %v", name, err)
		}
		switch {
		case strings.Contains(strings.ToLower(msg), "password"):
			return "", parley.Errorf(parley.EINVALID, "%s is encrypted with a password; save a copy without one", name)
		case exit.ExitCode() == 3:
			return "", parley.Errorf(parley.EINVALID, "%s does not permit copying its text", name)
		case msg == "":
			msg = "pdftotext " + exit.String()
		}
		return "", parley.Errorf(parley.EINVALID, "%s is not a readable PDF: %s", name, msg)
	}
	// Poppler goes on past damage it cannot repair and prints an error:
	// a content stream it could not decode means text is missing, and
	// part of a text is not imported as if it were the whole.
	for l := range strings.Lines(stderr.String()) {
		if (strings.HasPrefix(l, "Syntax Error") || strings.HasPrefix(l, "Internal Error")) && strings.Contains(l, "stream") {
			return "", parley.Errorf(parley.EINVALID, "%s is damaged and part of its text cannot be read (pdftotext: %s); repair it or import a text version", name, strings.TrimSpace(l))
		}
	}
	return stdout.String(), nil
}

// firstLines returns up to three lines of a program's messages, on one
// line.
func firstLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 3 {
		lines = lines[:3]
	}
	return strings.Join(lines, "; ")
}

// cappedBuffer keeps up to limit bytes; past that it notes the overflow,
// cancels the program (when it has a cancel function) and discards the
// rest, so that the program is not left blocked on a full pipe.
type cappedBuffer struct {
	bytes.Buffer
	limit  int
	over   bool
	cancel context.CancelFunc
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	room := b.limit - b.Len()
	if len(p) <= room {
		return b.Buffer.Write(p)
	}
	b.Buffer.Write(p[:max(room, 0)])
	if !b.over {
		b.over = true
		if b.cancel != nil {
			b.cancel()
		}
	}
	return len(p), nil
}

// pdfPlainText turns pdftotext's layout text into the lines the segmenter
// reads:
//
//   - running heads and feet, lines at the top or bottom of the pages
//     that repeat on at least half of them (two at least), are dropped,
//     also when only a page number in them changes;
//   - page numbers ("7", "- 7 -", "Page 7 of 12") at the top or bottom of
//     a page are dropped;
//   - pages are joined, and a blank line is put where a paragraph, a
//     heading or a list item ends (see paragraphBreaks): layout text has
//     no blank lines between paragraphs set apart by spacing, and the
//     segmenter reads a label after an unfinished line as text;
//   - a word hyphenated at the end of a line is joined with its rest on
//     the next line; the hyphen is dropped only when the document has the
//     word without it elsewhere and never with it, so that "arms-" and
//     "control" stay "arms-control";
//   - runs of spaces inside a line (from justified text or columns of a
//     layout) become one space; indentation stays, and so does every
//     numbering line.
func pdfPlainText(layout string) string {
	layout = sanitizeLayout(layout)
	pages := strings.Split(layout, "\f")
	if len(pages) > 1 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1] // pdftotext ends every page with \f
	}
	lines := make([][]string, len(pages))
	for i, p := range pages {
		lines[i] = strings.Split(p, "\n")
		for j, l := range lines[i] {
			lines[i][j] = strings.TrimRightFunc(l, unicode.IsSpace)
		}
	}
	dropRunning(lines)
	var out []string
	for _, page := range lines {
		start, end := 0, len(page)
		for start < end && page[start] == "" {
			start++
		}
		for end > start && page[end-1] == "" {
			end--
		}
		out = append(out, page[start:end]...)
	}
	out = joinHyphenated(paragraphBreaks(out))
	for i, l := range out {
		out[i] = squeezeSpaces(l)
	}
	return strings.Join(out, "\n") + "\n"
}

// sanitizeLayout makes pdftotext's output valid UTF-8 without control
// characters other than tab, line feed and form feed.
func sanitizeLayout(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, page := range strings.Split(s, "\f") {
		if i > 0 {
			b.WriteByte('\f')
		}
		b.WriteString(sanitize(page))
	}
	return b.String()
}

// edge is how many lines at the top and at the bottom of a page are
// looked at for running heads, feet and page numbers.
const edge = 3

// edgeLines returns the indices of the first and last edge non-blank
// lines of a page.
func edgeLines(page []string) []int {
	var idx []int
	for i, n := 0, 0; i < len(page) && n < edge; i++ {
		if strings.TrimSpace(page[i]) != "" {
			idx = append(idx, i)
			n++
		}
	}
	first := len(idx)
	for i, n := len(page)-1, 0; i >= 0 && n < edge; i-- {
		if strings.TrimSpace(page[i]) != "" {
			if !containsInt(idx[:first], i) {
				idx = append(idx, i)
			}
			n++
		}
	}
	return idx
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// pdfPatterns are the regular expressions of PDF reading, compiled on
// first use: most runs read no PDF, and compiling them at start-up cost
// every run.
var pdfPatterns = sync.OnceValue(func() *pdfRegexps {
	return &pdfRegexps{
		digitRun:    regexp.MustCompile(`[0-9]+`),
		pageNumber:  regexp.MustCompile(`(?i)^(?:[-–—]?\s*[0-9]{1,3}\s*[-–—]?|[0-9]{1,4}\s*(?:/|of)\s*[0-9]{1,4}|(?:page|p\.|pg\.?|seite|página|pagina|strona|стр\.?|страница)\s*[0-9]{1,5}(?:\s*(?:of|/|von|de|di|sur|из|z)\s*[0-9]{1,5})?)$`),
		labelLike:   regexp.MustCompile(`(?i)^(?:\(?(?:[0-9]{1,3}|[a-z]{1,2}|[ivxlc]{1,6})[.)](?:\s|$)|\([0-9a-z]{1,6}\)|§|(?:article|art\.|section|clause|paragraph|point|annex|schedule|exhibit|appendix)\s+[0-9a-z])`),
		spaceRun:    regexp.MustCompile(` {2,}`),
		hyphenBreak: regexp.MustCompile(`(\pL+)-$`),
	}
})

type pdfRegexps struct {
	digitRun *regexp.Regexp
	// pageNumber matches a page number standing alone: "7", "- 7 -",
	// "7/12", "Page 7", "Page 7 of 12", "Seite 7 von 12".
	pageNumber *regexp.Regexp
	// labelLike matches a line that starts with a numbering label.
	labelLike   *regexp.Regexp
	spaceRun    *regexp.Regexp
	hyphenBreak *regexp.Regexp
}

// pageLine is a line of a page.
type pageLine struct{ page, line int }

// dropRunning blanks the running heads, feet and page numbers of pages.
func dropRunning(pages [][]string) {
	byKey := map[string][]pageLine{}
	for p, page := range pages {
		for _, i := range edgeLines(page) {
			t := strings.TrimSpace(page[i])
			if pdfPatterns().pageNumber.MatchString(t) {
				page[i] = ""
				continue
			}
			key := strings.ToLower(strings.Join(strings.Fields(pdfPatterns().digitRun.ReplaceAllString(t, "#")), " "))
			byKey[key] = append(byKey[key], pageLine{p, i})
		}
	}
	if len(pages) < 2 {
		return
	}
	need := max(2, (len(pages)+1)/2)
	for _, ws := range byKey {
		onPages := map[int]bool{}
		for _, w := range ws {
			onPages[w.page] = true
		}
		if len(onPages) < need {
			continue
		}
		same := true
		first := strings.TrimSpace(pages[ws[0].page][ws[0].line])
		for _, w := range ws[1:] {
			if strings.TrimSpace(pages[w.page][w.line]) != first {
				same = false
				break
			}
		}
		// Lines that differ only in their numbers are a running head
		// when one number counts the pages, and never when they start
		// with a label ("Article 4" atop one page, "Article 9" atop
		// another).
		if pdfPatterns().labelLike.MatchString(first) || !same && !countsPages(pages, ws) {
			continue
		}
		// One line a page: a running head that repeats the title must
		// not take the title with it.
		dropped := map[int]bool{}
		for _, w := range ws {
			if !dropped[w.page] {
				dropped[w.page] = true
				pages[w.page][w.line] = ""
			}
		}
	}
}

// countsPages reports whether, in lines that differ only in their
// numbers, one of the numbers goes up with the page: page + c for one c.
func countsPages(pages [][]string, ws []pageLine) bool {
	var offsets map[int]bool
	for _, w := range ws {
		here := map[int]bool{}
		for _, d := range pdfPatterns().digitRun.FindAllString(pages[w.page][w.line], 8) {
			if n, err := strconv.Atoi(d); err == nil && len(d) <= 6 {
				if offsets == nil || offsets[n-w.page] {
					here[n-w.page] = true
				}
			}
		}
		offsets = here
		if len(offsets) == 0 {
			return false
		}
	}
	return true
}

// paragraphBreaks puts a blank line between two lines where a paragraph,
// a heading or a list item ends: where the first word of a line would
// have fitted at the end of the line before (so the line was not wrapped
// there), and where a line that ends a sentence is followed by a label;
// never after a line that ends in a hyphen. The right margin is where most full lines end: the 95th percentile of
// the ends of lines of 20 characters or more, so that a few wide lines (a
// table) do not move it, and at least 60 in a text of a few lines.
func paragraphBreaks(lines []string) []string {
	var ends []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(l); n >= 20 {
			ends = append(ends, n)
		}
	}
	margin := 0
	if len(ends) > 0 {
		slices.Sort(ends)
		margin = ends[len(ends)*95/100]
	}
	if len(ends) < 10 {
		// Too few lines to tell the margin: assume a page of ordinary
		// width, some 60 characters or more.
		margin = max(margin, 60)
	}
	out := make([]string, 0, len(lines)+len(lines)/2)
	for i, l := range lines {
		if i > 0 && l != "" && lines[i-1] != "" && !pdfPatterns().hyphenBreak.MatchString(lines[i-1]) && !strings.HasSuffix(lines[i-1], "\u00AD") {
			prev := lines[i-1]
			content := strings.TrimLeft(l, " ")
			word, _, _ := strings.Cut(content, " ")
			// Columns only approximate the widths of a proportional
			// font: the word must fit with room to spare.
			fits := utf8.RuneCountInString(prev)+1+utf8.RuneCountInString(word)+max(6, margin/8) <= margin
			if fits || endsSentence(prev) && pdfPatterns().labelLike.MatchString(content) {
				out = append(out, "")
			}
		}
		out = append(out, l)
	}
	return out
}

// endsSentence reports a line that ends a sentence or a list item.
func endsSentence(l string) bool {
	l = strings.TrimSpace(l)
	if l == "" {
		return false
	}
	switch l[len(l)-1] {
	case '.', ';', ':', '!', '?':
		return true
	}
	return false
}

// joinHyphenated joins words hyphenated across line ends (see
// pdfPlainText) and returns the lines.
func joinHyphenated(lines []string) []string {
	var words map[string]bool // the document's words, read when needed
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		for i+1 < len(lines) {
			joined, rest, ok := joinWord(l, lines[i+1], func() map[string]bool {
				if words == nil {
					words = documentWords(lines)
				}
				return words
			})
			if !ok {
				break
			}
			l = joined
			if rest != "" {
				lines[i+1] = rest
				break
			}
			// The next line was only the rest of the word: it goes,
			// without leaving a blank line that would end the
			// paragraph, and the line after it is the next one.
			i++
		}
		out = append(out, l)
	}
	return out
}

// joinWord joins the end of line l, when it is a word broken by a hyphen,
// with the first word of the next line, and returns the joined line and
// what is left of the next one (with its indentation, or "").
func joinWord(l, next string, words func() map[string]bool) (joined, rest string, ok bool) {
	soft := strings.HasSuffix(l, "\u00AD")
	var m []string
	if !soft {
		if m = pdfPatterns().hyphenBreak.FindStringSubmatch(l); m == nil {
			return "", "", false
		}
	}
	content := strings.TrimLeft(next, " \t")
	r, _ := utf8.DecodeRuneInString(content)
	if !unicode.IsLower(r) || !soft && pdfPatterns().labelLike.MatchString(content) {
		return "", "", false
	}
	word, after := content, ""
	if sp := strings.IndexAny(content, " \t"); sp >= 0 {
		word, after = content[:sp], strings.TrimLeft(content[sp:], " \t")
	}
	head := strings.TrimSuffix(l, "\u00AD")
	if !soft {
		tail := strings.TrimRightFunc(word, func(r rune) bool { return !unicode.IsLetter(r) })
		w := words()
		if w[strings.ToLower(m[1]+tail)] && !w[strings.ToLower(m[1]+"-"+tail)] {
			head = strings.TrimSuffix(l, "-")
		}
	}
	if after != "" {
		after = next[:len(next)-len(content)] + after
	}
	return head + word, after, true
}

// documentWords returns the lower-case words of the lines, with their
// inner hyphens ("arms-control") and without ("arms", "control").
func documentWords(lines []string) map[string]bool {
	words := map[string]bool{}
	for _, l := range lines {
		for _, f := range strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
			f = strings.Trim(strings.ToLower(f), "-")
			if f == "" {
				continue
			}
			words[f] = true
			if strings.Contains(f, "-") {
				for part := range strings.SplitSeq(f, "-") {
					if part != "" {
						words[part] = true
					}
				}
			}
		}
	}
	return words
}

// squeezeSpaces turns runs of spaces after the indentation into one.
func squeezeSpaces(l string) string {
	content := strings.TrimLeft(l, " ")
	if !strings.Contains(content, "  ") {
		return l
	}
	return l[:len(l)-len(content)] + pdfPatterns().spaceRun.ReplaceAllString(content, " ")
}
