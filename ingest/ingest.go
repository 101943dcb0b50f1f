package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"

	"parley"
	"parley/segment"
)

// MaxBytes is the largest input parley reads: 32 MiB (33,554,432 bytes).
// The longest negotiated texts (a consolidated statute, a trade agreement
// with its schedules) are a few megabytes of plain text; the limit leaves
// room for corpora of a hundred thousand points (the benchmark's 26 MB)
// and refuses what is surely not a negotiated text before it fills the
// memory. A text within it is also refused when it has more than
// segment.MaxPoints points (see Read): docs/benchmarks.md ("Hostile
// inputs") has what the worst shapes cost at these limits.
const MaxBytes = 32 << 20

// Formats read by Read.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatDOCX     = "docx"
	FormatPDF      = "pdf"
	FormatAKN      = "akn"
	FormatJSON     = "json"
)

// Formats lists the formats Read accepts, in the order they are named to
// users.
var Formats = []string{FormatText, FormatMarkdown, FormatHTML, FormatDOCX, FormatPDF, FormatAKN, FormatJSON}

// Document is a text read for import.
type Document struct {
	// Format is how the body was read: "text", "markdown", "html",
	// "docx", "pdf", "akn" (Akoma Ntoso) or "json" (parley's own).
	Format string
	// Body is the input exactly as received.
	Body []byte
	// Text is the body normalised: BOM dropped, CRLF and CR turned into
	// LF, Unicode NFC, trailing white space trimmed from every line. For
	// HTML, Word and PDF it is the plain text extracted from the body,
	// normalised the same way. Point lines count lines of Text.
	Text string
	// Preamble is the text before the first point.
	Preamble string
	// Points are the numbered points in document order, at every depth.
	Points []parley.Point
	// Blocks are the unnumbered blocks between points (grouping headings
	// and the text under them), which belong to no point.
	Blocks []segment.Block
	// Warnings are the signs that the text was read badly (see
	// segment.Check): words in no point, gaps in the numbering, duplicate
	// paths, points with a label alone, dropped levels. None for a text
	// read well.
	Warnings []segment.Warning
	// EIDs are the Akoma Ntoso eIds of the points, one for each point
	// ("" for a point without one); nil for other formats. The body,
	// which parley keeps, holds them too.
	EIDs []string
	// Label and Date are the title and the date (YYYY[-MM[-DD]]) the
	// document gives itself, for a format that carries them (Akoma
	// Ntoso, parley's JSON); "" when it gives none.
	Label, Date string
}

// Read checks, decodes, normalises and segments one input. name is used in
// messages and to detect the format (see DetectFormat). format forces one
// of Formats; "" detects it. The document keeps body (its Body, and a Text
// that may share body's memory): the caller must not change body after.
//
// Bad input gives a *parley.Error naming the file and the problem: an
// empty file, a file over MaxBytes (ETOOLARGE), a binary file, text that
// is not UTF-8 (with the line and column of the first bad byte, and a
// hint for UTF-16), a damaged, encrypted or truncated Word or PDF file, a
// PDF without text, or a text without numbered points (all EINVALID).
// Reading PDF needs Poppler's pdftotext; without it Read fails with an
// EINTERNAL error that says to install poppler-utils.
func Read(name string, body []byte, format string) (*Document, error) {
	if name == "" {
		name = "the input"
	}
	if format != "" && !slices.Contains(Formats, format) {
		return nil, parley.Errorf(parley.EINVALID, "unknown format %q for %s (use %s)", format, name, strings.Join(Formats, ", "))
	}
	if len(body) > MaxBytes {
		return nil, parley.Errorf(parley.ETOOLARGE, "%s is %s (%s bytes); the limit is %s (%s bytes) and %s points per text", name, sizeString(len(body)), thousands(len(body)), sizeString(MaxBytes), thousands(MaxBytes), thousands(segment.MaxPoints))
	}
	if len(body) == 0 {
		return nil, parley.Errorf(parley.EINVALID, "%s is empty", name)
	}
	if format == "" {
		format = detectDocument(name, body)
	}
	switch format {
	case FormatAKN, FormatJSON:
		read := readAKN
		if format == FormatJSON {
			read = readJSON
		}
		s, err := read(name, body)
		if err != nil {
			return nil, err
		}
		return s.document(name, format, body)
	case FormatHTML:
		w, err := readHTML(name, body)
		if err != nil {
			return nil, err
		}
		return w.document(name, format, body)
	case FormatDOCX:
		w, err := readDOCX(name, body)
		if err != nil {
			return nil, err
		}
		return w.document(name, format, body)
	case FormatPDF:
		plain, err := readPDF(name, body)
		if err != nil {
			return nil, err
		}
		return segmentPlain(name, format, body, plain, nil)
	}
	text, err := normalizeKept(name, body)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, parley.Errorf(parley.EINVALID, "%s is empty (it holds only white space)", name)
	}
	if format == "" {
		format = detectFormat(name, text)
	}
	var seg segment.Segmented
	view := text
	if format == FormatMarkdown {
		lines := markdownLines(text)
		seg = segment.Lines(lines)
		view = strings.Join(lines, "\n")
	} else {
		seg = segment.Text(text)
	}
	if len(seg.Points) == 0 {
		return nil, parley.Errorf(parley.EINVALID, "%s has no numbered points (expected lines such as \"1.\", \"(a)\", \"Article 5\")", name)
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

// MaxWords is the most words parley aligns and redlines in one text:
// 8,000,000. Memory grows with the words compared (about 100 bytes each),
// and a text of very short words packs many into few bytes: 32 MiB of
// one-letter words in a single paragraph, 16 million of them, peaked at
// 1.4 GB; 8 million stay under 0.85 GB (docs/benchmarks.md, "Hostile
// inputs"). Ordinary prose of 32 MiB has about 5.5 million words.
const MaxWords = 8_000_000

// limits says what parley handles, for the messages that refuse a text.
var limits = fmt.Sprintf("parley handles at most %s points, %s words (and %s) per text", thousands(segment.MaxPoints), thousands(MaxWords), sizeString(MaxBytes))

// checkPoints refuses a text with more than segment.MaxPoints points (the
// segmenter stops reading after the first point over, so the message says
// "more than") or more than MaxWords words in its points.
func checkPoints(name string, points []parley.Point) error {
	if len(points) > segment.MaxPoints {
		return parley.Errorf(parley.ETOOLARGE, "%s: more than %s points; %s", name, thousands(segment.MaxPoints), limits)
	}
	// A point's text of n bytes holds at most (n+1)/2 words (a byte each
	// and a space between), so points of at most 2*MaxWords bytes in all,
	// with one more per point, need no counting: only a huge text pays.
	size := len(points)
	for i := range points {
		size += len(points[i].Text)
	}
	if size <= 2*MaxWords {
		return nil
	}
	words := 0
	for i := range points {
		words += countWords(points[i].Text)
		if words > MaxWords {
			return parley.Errorf(parley.ETOOLARGE, "%s: more than %s words by point %s; %s", name, thousands(MaxWords), parley.FormatPath(points[i].Path), limits)
		}
	}
	return nil
}

// countWords counts the runs of characters between white space.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// Normalize decodes and normalises a text the way Read does, so that the
// same text always gives the same bytes (and the same hash): it rejects
// binary data, UTF-16 and UTF-32, and invalid UTF-8 with a *parley.Error;
// drops a UTF-8 byte order mark; turns CRLF and CR into LF; applies
// Unicode NFC; and trims trailing white space from every line. It does
// not check the size or look for points.
func Normalize(body []byte) (string, error) {
	return normalize("the text", body)
}

func normalize(name string, body []byte) (string, error) {
	scan, err := scanEncoding(name, body)
	if err != nil {
		return "", err
	}
	return normalizeText(string(body), scan.nfc), nil
}

// normalizeKept is normalize for a body that is never changed after: a
// text that needs no normalising (most texts) is body itself, read as a
// string without a copy. On a 10,000-point text of 1.3 MB the copy was a
// tenth of the page faults of a comparison.
func normalizeKept(name string, body []byte) (string, error) {
	scan, err := scanEncoding(name, body)
	if err != nil {
		return "", err
	}
	return normalizeText(unsafe.String(unsafe.SliceData(body), len(body)), scan.nfc), nil
}

// normalizeValid normalises a text that is known to be UTF-8: it drops a
// byte order mark, turns CRLF and CR into LF, applies NFC and trims
// trailing white space from every line.
func normalizeValid(s string) string { return normalizeText(s, false) }

// normalizeText is normalizeValid for a text that may be known to be NFC
// already (see scanText).
func normalizeText(s string, nfc bool) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if !nfc && !isNFC(s) {
		s = norm.NFC.String(s)
	}
	return trimLines(s)
}

// trimLines trims trailing white space from every line of s. It returns s
// itself when no line ends in white space, and otherwise copies the text
// between the trimmed spaces in as few pieces as there are such lines,
// not line by line.
func trimLines(s string) string {
	var b strings.Builder
	trimmed := false
	done := 0 // s[:done] is in b, trimmed
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		line := s[start:end]
		if endsInSpace(line) {
			if !trimmed {
				b.Grow(len(s))
				trimmed = true
			}
			b.WriteString(s[done : start+len(strings.TrimRightFunc(line, unicode.IsSpace))])
			done = end
		}
		start = end + 1
	}
	if !trimmed {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// endsInSpace reports whether s ends in white space, looking up the last
// character only when it is not ASCII.
func endsInSpace(s string) bool {
	if s == "" {
		return false
	}
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n'
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// checkEncoding rejects what is not UTF-8 text, naming the problem.
func checkEncoding(name string, body []byte) error {
	_, err := scanEncoding(name, body)
	return err
}

// scanEncoding is checkEncoding, and returns what its pass over the text
// found.
func scanEncoding(name string, body []byte) (textScan, error) {
	switch {
	case bytes.HasPrefix(body, []byte{0x00, 0x00, 0xFE, 0xFF}), bytes.HasPrefix(body, []byte{0xFF, 0xFE, 0x00, 0x00}):
		return textScan{}, parley.Errorf(parley.EINVALID, "%s is UTF-32 text (it starts with a UTF-32 byte order mark); save it as UTF-8", name)
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}), bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return textScan{}, parley.Errorf(parley.EINVALID, "%s is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8", name)
	}
	if kind := binaryKind(body); kind != "" {
		return textScan{}, parley.Errorf(parley.EINVALID, "%s looks like a binary file (%s), not text", name, kind)
	}
	if utf16WithoutBOM(body) {
		return textScan{}, parley.Errorf(parley.EINVALID, "%s looks like UTF-16 text without a byte order mark; save it as UTF-8", name)
	}
	if bytes.IndexByte(body, 0) >= 0 {
		return textScan{}, parley.Errorf(parley.EINVALID, "%s looks like a binary file (it contains NUL bytes), not text", name)
	}
	scan := scanText(body)
	if controls := scan.controls; controls > 8 && controls*200 > len(body) {
		return scan, parley.Errorf(parley.EINVALID, "%s looks like a binary file (%d control characters), not text", name, controls)
	}
	if scan.valid {
		return scan, nil
	}
	line, col, b := firstInvalid(body)
	hint := ""
	if b >= 0x80 && b <= 0xFF {
		hint = "; it may be Latin-1 or Windows-1252"
	}
	return scan, parley.Errorf(parley.EINVALID, "%s is not valid UTF-8: byte 0x%02X at line %d, column %d%s; save it as UTF-8", name, b, line, col, hint)
}

// textScan is what one pass over a text finds.
type textScan struct {
	controls int  // control bytes, as controlBytes counts them
	valid    bool // valid UTF-8
	nfc      bool // surely NFC: past ASCII, only characters of commonRun
}

// scanText counts a text's control bytes and checks that it is UTF-8 in
// one pass, which also finds most texts to be NFC (ASCII with accented
// Latin letters, dashes and quotes; see commonRun). At the first other
// character it hands the rest to controlBytes and utf8.Valid, and leaves
// NFC to isNFC.
func scanText(body []byte) textScan {
	const high = 0x8080808080808080
	n, i := 0, 0
	for {
		// Eight bytes at a time, up to the first past ASCII.
		for ; i+8 <= len(body); i += 8 {
			w := binary.LittleEndian.Uint64(body[i:])
			f := controlFlags(w) // none for the bytes past ASCII
			if h := w & high; h != 0 {
				ascii := bits.TrailingZeros64(h) / 8
				n += bits.OnesCount64(f & (1<<(8*ascii) - 1))
				i += ascii
				break
			}
			if f != 0 {
				n += bits.OnesCount64(f)
			}
		}
		if i+8 > len(body) {
			// The last few bytes, one at a time.
			for ; i < len(body) && body[i] < utf8.RuneSelf; i++ {
				n += countControls(body[i : i+1])
			}
			if i == len(body) {
				return textScan{controls: n, valid: true, nfc: true}
			}
		}
		switch c := body[i]; {
		case (c == 0xC2 || c == 0xC3) && i+1 < len(body) && body[i+1]&0xC0 == 0x80:
			i += 2 // U+0080 to U+00FF
		case c == 0xE2 && i+2 < len(body) && body[i+1] == 0x80 && body[i+2] >= 0x90 && body[i+2] < 0xC0:
			i += 3 // U+2010 to U+203F
		default:
			rest := body[i:]
			return textScan{controls: n + controlBytes(rest), valid: utf8.Valid(rest)}
		}
	}
}

// binaryKind names common binary formats by their first bytes.
func binaryKind(body []byte) string {
	for _, m := range []struct {
		magic, kind string
	}{
		{"%PDF-", "a PDF document"},
		{"PK\x03\x04", "a ZIP archive, such as a Word document"},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Office document"},
		{"{\\rtf", "an RTF document"},
		{"\x89PNG\r\n\x1A\n", "a PNG image"},
		{"\xFF\xD8\xFF", "a JPEG image"},
		{"GIF8", "a GIF image"},
		{"\x1F\x8B", "a gzip archive"},
		{"\x7FELF", "a program"},
		{"MZ", ""},
	} {
		if bytes.HasPrefix(body, []byte(m.magic)) {
			if m.kind == "" {
				// "MZ" starts Windows programs but also words; only
				// with NUL bytes is it a program.
				if bytes.IndexByte(body, 0) >= 0 {
					return "a program"
				}
				continue
			}
			return m.kind
		}
	}
	return ""
}

// utf16WithoutBOM reports text in UTF-16 without a byte order mark: NUL
// bytes at almost every even or every odd position of the first bytes.
func utf16WithoutBOM(body []byte) bool {
	n := min(len(body), 512) &^ 1
	if n < 8 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if body[i] == 0 {
			even++
		}
		if body[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	return (even*10 >= pairs*9 && odd == 0) || (odd*10 >= pairs*9 && even == 0)
}

// controlBytes counts control characters other than tab, line feed,
// carriage return, form feed and vertical tab.
//
// It reads eight bytes at a time: the byte-wise tests below are exact
// (no carry crosses from one byte to the next), so a population count of
// the flags is the number of control bytes in the word.
func controlBytes(body []byte) int {
	n, i := 0, 0
	for ; i+8 <= len(body); i += 8 {
		if f := controlFlags(binary.LittleEndian.Uint64(body[i:])); f != 0 {
			n += bits.OnesCount64(f) // in text, seldom
		}
	}
	return n + countControls(body[i:])
}

// controlFlags sets the top bit of each byte of w that is a control byte
// (see controlBytes), and no other bit.
func controlFlags(w uint64) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones // the top bit of every byte
		low  = 0x7F * ones // the other bits
	)
	v := w & low                             // each byte below 0x80, so adding up to 0x80 cannot carry
	below20 := ^(w | (v + 0x60*ones)) & high // b < 0x20
	from9 := (v + 0x77*ones) & high          // b&0x7F >= 0x09
	to13 := ^(v + 0x72*ones) & high          // b&0x7F <= 0x0D
	x := w ^ low                             // DEL becomes zero
	del := ^(((x & low) + low) | x) & high   // b == 0x7F
	return below20&^(from9&to13) | del       // tab to CR are allowed
}

// countControls counts the control bytes of b one by one.
func countControls(b []byte) int {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7F {
			n++
		}
	}
	return n
}

// firstInvalid finds the first byte that is not valid UTF-8 and returns
// its line, its column (in characters, from 1) and the byte.
func firstInvalid(body []byte) (line, col int, b byte) {
	line, col = 1, 1
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col, body[i]
		}
		switch {
		case r == '\n':
			line, col = line+1, 1
		case r == '\r':
			if i+1 >= len(body) || body[i+1] != '\n' {
				line, col = line+1, 1
			}
		default:
			col++
		}
		i += size
	}
	return line, col, 0
}

// DetectFormat says which format Read reads a file in when it is given
// none. The file name's extension decides: ".html", ".htm" and ".xhtml"
// are HTML, ".docx" is Word, ".pdf" is PDF, ".md" and ".markdown" are
// Markdown, ".txt" is text. When the extension says nothing, the content
// does: "%PDF-" at the start is PDF; a ZIP archive holding
// word/document.xml is Word; a body that starts, after an optional byte
// order mark, white space, XML declaration, comments and doctype, with
// <html or <!DOCTYPE html is HTML; an XML document whose root is
// <akomaNtoso> is Akoma Ntoso; a JSON object with "points" is parley's
// JSON; a text with YAML front matter, or two lines that are "#" headings
// or bold list items ("- **1.**", as parley's Markdown export writes its
// points), is Markdown; anything else is text. ".akn" is Akoma Ntoso and
// ".json" parley's JSON whatever they hold.
func DetectFormat(name string, body []byte) string {
	if f := detectDocument(name, body); f != "" {
		return f
	}
	text := string(body)
	if s, err := normalize(name, body); err == nil {
		text = s
	}
	return detectFormat(name, text)
}

// detectDocument detects HTML, Word and PDF, and returns "" for text
// and Markdown.
func detectDocument(name string, body []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".docx":
		return FormatDOCX
	case ".pdf":
		return FormatPDF
	case ".akn":
		return FormatAKN
	case ".json":
		return FormatJSON
	case ".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ".asc":
		return ""
	}
	switch {
	case bytes.HasPrefix(body, []byte("%PDF-")):
		return FormatPDF
	case bytes.HasPrefix(body, []byte("PK\x03\x04")) && isDOCX(body):
		return FormatDOCX
	case looksLikeHTML(body):
		return FormatHTML
	case looksLikeAKN(body):
		return FormatAKN
	case looksLikeJSON(body):
		return FormatJSON
	}
	return ""
}

// isDOCX reports a ZIP archive holding word/document.xml.
func isDOCX(body []byte) bool {
	if n, ok := zipEntries(body); ok && n > maxZipFiles {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) || len(zr.File) > maxZipFiles {
		return false
	}
	for _, f := range zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), "word/document.xml") {
			return true
		}
	}
	return false
}

// looksLikeHTML reports a body that starts, after an optional UTF-8 byte
// order mark, white space, an XML declaration, comments and a doctype,
// with <html or <!DOCTYPE html.
func looksLikeHTML(body []byte) bool {
	s := body[:min(len(body), 64<<10)]
	if bytes.HasPrefix(s, []byte("\xFF\xFE")) || bytes.HasPrefix(s, []byte("\xFE\xFF")) {
		s = utf16ToUTF8(s[:len(s)&^1])
	}
	s = bytes.TrimPrefix(s, []byte("\xEF\xBB\xBF"))
	for range 100 {
		s = bytes.TrimLeft(s, " \t\r\n\f")
		switch {
		case hasPrefixFold(s, "<!doctype"):
			return hasPrefixFold(bytes.TrimLeft(s[len("<!doctype"):], " \t\r\n\f"), "html")
		case hasPrefixFold(s, "<html"):
			return len(s) == len("<html") || strings.IndexByte(" \t\r\n\f>/", s[len("<html")]) >= 0
		case bytes.HasPrefix(s, []byte("<!--")):
			end := bytes.Index(s, []byte("-->"))
			if end < 0 {
				return false
			}
			s = s[end+3:]
		case bytes.HasPrefix(s, []byte("<?")):
			end := bytes.Index(s, []byte("?>"))
			if end < 0 {
				return false
			}
			s = s[end+2:]
		default:
			return false
		}
	}
	return false
}

func hasPrefixFold(s []byte, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(string(s[:len(prefix)]), prefix)
}

// formatKind names what a file that is not in the expected format looks
// like, for messages: "a PDF document", "an HTML page", or "".
func formatKind(body []byte) string {
	if looksLikeHTML(body) {
		return "an HTML page"
	}
	if bytes.HasPrefix(body, []byte("PK\x03\x04")) {
		return "a ZIP archive"
	}
	return binaryKind(body)
}

// detectFormat chooses "markdown" or "text" from the file name, and from
// the text when the name does not say.
func detectFormat(name, text string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown
	case ".txt", ".text", ".asc":
		return FormatText
	}
	if strings.HasPrefix(text, "---\n") {
		return FormatMarkdown
	}
	headings := 0
	for line := range strings.Lines(text) {
		if strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "## ") || strings.HasPrefix(line, "### ") || strings.HasPrefix(line, "#### ") ||
			strings.HasPrefix(strings.TrimLeft(line, " "), "- **") {
			headings++
			if headings >= 2 {
				return FormatMarkdown
			}
		}
	}
	return FormatText
}

// sizeString writes a byte count for people: "9.5 MiB".
func sizeString(n int) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// thousands writes n with commas: 8388608 is "8,388,608".
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// isNFC reports whether s is in Unicode NFC, as norm.NFC.IsNormalString
// does, but faster on the texts parley reads: the norm package looks up
// every byte, while most of a negotiated text is ASCII and most of the
// rest Latin-1 letters, "§" and typographic quotes and dashes.
//
// ASCII is skipped eight bytes at a time. An ASCII character is never the
// second part of a composition and never reordered, so the stretches of
// other characters between ASCII can be checked one by one: a stretch of
// the common characters (see commonRun) is always NFC, and any other is
// given to the norm package with the ASCII character before it, which a
// combining mark at its start could join.
func isNFC(s string) bool {
	i := 0
	for {
		i += asciiPrefix(s[i:])
		if i == len(s) {
			return true
		}
		j := i + 1
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		if !commonRun(s[i:j]) && !norm.NFC.IsNormalString(s[max(i-1, 0):j]) {
			return false
		}
		i = j
	}
}

// commonRun reports whether s holds only characters from U+0080 to U+00FF
// (Latin-1: "ä", "ß", "§", no-break space) and from U+2010 to U+203F
// (dashes, quotes, "…"). These are all NFC, do not combine with a
// character before them, and combine with one after them only if it is a
// combining mark, which is not among them: a run of them is NFC whatever
// is around it.
func commonRun(s string) bool {
	for k := 0; k < len(s); {
		switch c := s[k]; {
		case (c == 0xC2 || c == 0xC3) && k+1 < len(s) && s[k+1] < 0xC0:
			k += 2
		case c == 0xE2 && k+2 < len(s) && s[k+1] == 0x80 && s[k+2] >= 0x90 && s[k+2] < 0xC0:
			k += 3
		default:
			return false
		}
	}
	return true
}

// asciiPrefix returns the length of the ASCII prefix of s.
func asciiPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8]
		// One 8-byte load: the compiler combines the byte loads.
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}
