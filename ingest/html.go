package ingest

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"parley"
)

// readHTML reads an HTML page into plain lines. The text of the page's
// <main> element is read when there is exactly one; otherwise the body.
// Scripts, styles, the head, navigation, forms' controls, embedded media
// and hidden elements are dropped, as are the page headers and footers
// that LibreOffice writes as <div title="header"> and <div
// title="footer">. Block elements become paragraphs, inline elements join,
// <br> breaks the line, and white space collapses as a browser collapses
// it except in <pre>. Headings (h1 to h6) are shown to the segmenter as
// Markdown headings. Items of ordered lists get the numbers a browser
// would show, from the list's type, start and reversed attributes (or its
// CSS list-style-type) and the items' value attributes; nested lists are
// indented and numbered "(a)", "(i)", "(1)", the forms the segmenter nests
// by. An item whose text already starts with its number keeps it once.
func readHTML(name string, body []byte) (*plainWriter, error) {
	src, err := decodeHTML(name, body)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, parley.Errorf(parley.EINVALID, "cannot read %s as HTML: %v", name, err)
	}
	r := &htmlReader{w: &plainWriter{}}
	walkHTML(contentRoot(doc), r.enter, r.leave)
	r.flush()
	return r.w, nil
}

// decodeHTML returns the page as UTF-8. The encoding is the one a byte
// order mark or a <meta> charset declares; a page that declares none must
// be UTF-8, and gets the same checks and messages as a text file.
func decodeHTML(name string, body []byte) ([]byte, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE, 0, 0}):
		return nil, parley.Errorf(parley.EINVALID, "%s is UTF-32 text (it starts with a UTF-32 byte order mark); save it as UTF-8", name)
	case bytes.HasPrefix(body, []byte("\xFF\xFE")):
		enc, _ = charset.Lookup("utf-16le")
	case bytes.HasPrefix(body, []byte("\xFE\xFF")):
		enc, _ = charset.Lookup("utf-16be")
	case bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")):
	default:
		label := metaCharset(body)
		// A page that could declare UTF-16 in ASCII is not UTF-16:
		// browsers read it as UTF-8, and so does parley.
		if e, encName := charset.Lookup(label); e != nil && encName != "utf-8" && !strings.HasPrefix(encName, "utf-16") {
			enc = e
		}
	}
	if enc == nil {
		if err := checkEncoding(name, body); err != nil {
			if parley.ErrorCode(err) == parley.EINVALID && strings.Contains(parley.ErrorMessage(err), "not valid UTF-8") {
				return nil, parley.Errorf(parley.EINVALID, "%s; or declare its encoding with <meta charset>", parley.ErrorMessage(err))
			}
			return nil, err
		}
		return bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")), nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, parley.Errorf(parley.EINVALID, "%s cannot be decoded in the encoding it declares: %v", name, err)
	}
	return bytes.TrimPrefix(out, []byte("\xEF\xBB\xBF")), nil
}

// metaCharset finds the charset a page declares in a <meta> tag in its
// first 1024 bytes, as browsers look for it: <meta charset="..."> or
// <meta http-equiv="Content-Type" content="text/html; charset=...">.
func metaCharset(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body[:min(len(body), 1024)]))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return ""
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tag, hasAttr := z.TagName()
		if atom.Lookup(tag) != atom.Meta || !hasAttr {
			continue
		}
		var content string
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "charset":
				return strings.TrimSpace(string(v))
			case "content":
				content = string(v)
			}
		}
		if _, cs, ok := strings.Cut(strings.ToLower(content), "charset="); ok {
			cs = strings.Trim(cs, " \"'")
			if end := strings.IndexAny(cs, " ;\"'"); end >= 0 {
				cs = cs[:end]
			}
			return cs
		}
	}
}

// contentRoot is the page's only <main> element when it has one, and
// otherwise the whole document.
func contentRoot(doc *html.Node) *html.Node {
	var mains []*html.Node
	walkHTML(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Main || attr(n, "role") == "main") && !hidden(n) {
			mains = append(mains, n)
			return false
		}
		return n.Type == html.DocumentNode || n.Type == html.ElementNode && !skipped(n)
	}, func(*html.Node) {})
	if len(mains) == 1 {
		return mains[0]
	}
	return doc
}

// walkHTML visits the tree under root in document order without
// recursion (a page may nest elements a hundred thousand deep). enter
// says whether to visit a node's children; leave is called after them,
// for the nodes whose children were visited.
func walkHTML(root *html.Node, enter func(*html.Node) bool, leave func(*html.Node)) {
	n := root
	for {
		if enter(n) {
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			leave(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			leave(n)
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// skipped reports the elements whose content is not text of the page.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript, atom.Nav,
		atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Canvas, atom.Video, atom.Audio,
		atom.Select, atom.Button, atom.Textarea, atom.Datalist, atom.Dialog:
		return true
	case atom.Div:
		if t := attr(n, "title"); t == "header" || t == "footer" {
			return true // LibreOffice's page header and footer
		}
	}
	return hidden(n)
}

// hidden reports an element hidden by its hidden attribute or an inline
// display: none.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") {
				return true
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// isBlock reports the elements that start a new paragraph.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption, atom.Center,
		atom.Dd, atom.Details, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Legend, atom.Li, atom.Listing, atom.Main,
		atom.Menu, atom.Ol, atom.P, atom.Plaintext, atom.Pre, atom.Section, atom.Summary, atom.Table,
		atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr, atom.Ul, atom.Xmp:
		return true
	}
	return false
}

// htmlList is an open <ol>, <ul> or <menu>.
type htmlList struct {
	ordered bool
	format  string // a number format; fmtNone for list-style-type: none
	next    int    // the number of the next item
	step    int    // +1, or -1 for a reversed list
	depth   int    // lists around this one
}

// htmlItem is an open <li>.
type htmlItem struct {
	label       string // its number, until a paragraph takes it
	labelIndent int
	outerIndent int // the indentation to return to after it
}

type htmlReader struct {
	w       *plainWriter
	text    strings.Builder // the open paragraph
	indent  int             // indentation of paragraphs here
	heading int
	pre     int // depth of <pre> elements
	lists   []htmlList
	items   []htmlItem
}

func (r *htmlReader) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		if r.pre > 0 {
			r.text.WriteString(n.Data)
		} else {
			r.text.WriteString(collapseInline(n.Data))
		}
		return false
	case html.DocumentNode:
		return true
	case html.ElementNode:
	default:
		return false // comments, doctypes
	}
	if skipped(n) {
		return false
	}
	switch a := n.DataAtom; {
	case a == atom.Br:
		r.text.WriteByte('\n')
		return false
	case a == atom.Hr:
		r.flush()
		return false
	case a == atom.Td || a == atom.Th:
		r.text.WriteByte(' ') // cells of a row are read as one line
		return true
	case a == atom.Img:
		return false
	case a == atom.Ol || a == atom.Ul || a == atom.Menu || a == atom.Dir:
		r.flush()
		r.lists = append(r.lists, newHTMLList(n, len(r.lists)))
		return true
	case a == atom.Li:
		r.flush()
		// Lists nest by their items, and also when LibreOffice writes
		// an <ol> straight inside another.
		at := r.indent
		if len(r.lists) > 0 {
			at = max(at, 4*r.lists[len(r.lists)-1].depth)
		}
		r.items = append(r.items, htmlItem{label: r.itemLabel(n), labelIndent: at, outerIndent: r.indent})
		r.indent = at + 4
		return true
	case headingDepth(a) > 0:
		r.flush()
		r.heading = headingDepth(a)
		return true
	case a == atom.Pre || a == atom.Listing || a == atom.Xmp || a == atom.Plaintext:
		r.flush()
		r.pre++
		return true
	case isBlock(a):
		r.flush()
	}
	return true
}

func (r *htmlReader) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	switch a := n.DataAtom; {
	case a == atom.Ol || a == atom.Ul || a == atom.Menu || a == atom.Dir:
		r.flush()
		if len(r.lists) > 0 {
			r.lists = r.lists[:len(r.lists)-1]
		}
	case a == atom.Li:
		r.flush()
		if k := len(r.items) - 1; k >= 0 {
			it := r.items[k]
			if it.label != "" {
				// An item without text still shows its number.
				r.w.add(block{indent: it.labelIndent, cont: it.labelIndent + 4, label: it.label})
			}
			r.indent = it.outerIndent
			r.items = r.items[:k]
		}
	case headingDepth(a) > 0:
		r.flush()
		r.heading = 0
	case a == atom.Pre || a == atom.Listing || a == atom.Xmp || a == atom.Plaintext:
		r.flush()
		r.pre--
	case isBlock(a):
		r.flush()
	}
}

// flush writes the open paragraph. The first paragraph of a list item
// takes the item's number.
func (r *htmlReader) flush() {
	text := r.text.String()
	r.text.Reset()
	if strings.TrimSpace(text) == "" {
		return
	}
	bl := block{indent: r.indent, cont: r.indent, heading: r.heading, text: text, pre: r.pre > 0}
	if k := len(r.items) - 1; k >= 0 && r.items[k].label != "" {
		it := &r.items[k]
		bl.indent, bl.cont = it.labelIndent, it.labelIndent+4
		if !startsWithNumber(text, it.label) {
			bl.label = it.label
		}
		it.label = ""
	}
	r.w.add(bl)
}

// newHTMLList reads the numbering of an <ol> (or a bullet list).
func newHTMLList(n *html.Node, depth int) htmlList {
	l := htmlList{ordered: n.DataAtom == atom.Ol, format: fmtDecimal, next: 1, step: 1, depth: depth}
	if !l.ordered {
		l.format = fmtBullet
	}
	if f := listTypeFormat(attr(n, "type")); f != "" && l.ordered {
		l.format = f
	}
	if f := cssListStyle(attr(n, "style")); f != "" {
		l.format = f
	}
	if !l.ordered {
		return l
	}
	_, isReversed := attrOK(n, "reversed")
	if isReversed {
		l.step = -1
		l.next = 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Li {
				l.next++
			}
		}
	}
	if v, ok := htmlInteger(attr(n, "start")); ok {
		l.next = v
	}
	return l
}

// itemLabel numbers one <li> and advances its list.
func (r *htmlReader) itemLabel(n *html.Node) string {
	if len(r.lists) == 0 {
		return ""
	}
	l := &r.lists[len(r.lists)-1]
	format := l.format
	if f := listTypeFormat(attr(n, "type")); f != "" && l.ordered {
		format = f
	}
	if f := cssListStyle(attr(n, "style")); f != "" {
		format = f
	}
	if !l.ordered {
		if format == fmtNone {
			return ""
		}
		return "•"
	}
	if v, ok := htmlInteger(attr(n, "value")); ok {
		l.next = v
	}
	num := l.next
	l.next += l.step
	switch format {
	case fmtNone:
		return ""
	case fmtBullet:
		return "•"
	}
	token := formatNumber(num, format)
	if l.depth == 0 {
		return token + "."
	}
	return "(" + token + ")"
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

// listTypeFormat maps the type attribute of <ol> and <li>.
func listTypeFormat(t string) string {
	switch t {
	case "1":
		return fmtDecimal
	case "a":
		return fmtLowerAlpha
	case "A":
		return fmtUpperAlpha
	case "i":
		return fmtLowerRoman
	case "I":
		return fmtUpperRoman
	}
	return ""
}

// cssListStyle reads list-style-type (or the list-style shorthand) from an
// inline style.
func cssListStyle(style string) string {
	if style == "" {
		return ""
	}
	found := ""
	for decl := range strings.SplitSeq(strings.ToLower(style), ";") {
		prop, value, ok := strings.Cut(decl, ":")
		prop = strings.TrimSpace(prop)
		if !ok || (prop != "list-style-type" && prop != "list-style") {
			continue
		}
		for _, word := range strings.Fields(value) {
			switch word {
			case "decimal":
				found = fmtDecimal
			case "decimal-leading-zero":
				found = fmtDecimalZero
			case "lower-alpha", "lower-latin":
				found = fmtLowerAlpha
			case "upper-alpha", "upper-latin":
				found = fmtUpperAlpha
			case "lower-roman":
				found = fmtLowerRoman
			case "upper-roman":
				found = fmtUpperRoman
			case "none":
				found = fmtNone
			case "disc", "circle", "square":
				found = fmtBullet
			}
		}
	}
	return found
}

// htmlInteger parses an integer attribute as HTML does: leading white
// space, an optional sign, digits, and anything after them ignored. Values
// are bounded to a billion either way.
func htmlInteger(s string) (int, bool) {
	s = strings.TrimLeft(s, " \t\n\f\r")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	n, digits := 0, 0
	for ; digits < len(s) && s[digits] >= '0' && s[digits] <= '9'; digits++ {
		if n < 1e9 {
			n = n*10 + int(s[digits]-'0')
		}
	}
	if digits == 0 {
		return 0, false
	}
	n = min(n, 1e9)
	if neg {
		n = -n
	}
	return n, true
}

func headingDepth(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// collapseInline collapses HTML white space in a text node to single
// spaces, keeping one at either end where there was some.
func collapseInline(s string) string {
	if !strings.ContainsAny(s, " \t\n\r\f") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			space = false
			b.WriteByte(c)
		}
	}
	return b.String()
}
