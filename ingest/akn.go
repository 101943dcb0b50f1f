package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"slices"
	"strings"

	"parley"
)

// Akoma Ntoso (OASIS LegalDocML, AKN 3.0) is read from its structure, not
// segmented: every element of the document's body that has a <num> is a
// point (article, section, paragraph, subparagraph, point, item, clause,
// indent, hcontainer, level, and any other), nested as the elements nest;
// its label is the <num> as printed, its heading the <heading>, and its
// text the <p>s (and other blocks) of its <intro>, <content> and
// <wrapUp>, one line each, with the text of unnumbered elements inside it
// that hold no point. The grouping elements (book, tome, part, subpart,
// title, subtitle, chapter, subchapter, division, subdivision) are
// unnumbered blocks, as "PART II" is in a text, so that an article's path
// is its own number; only when numbers repeat across them (two chapters
// each with an article 1) do their numbers join the paths. The preface
// and the preamble are the text before the first point, and the
// conclusions a block after the last one. Metadata, notes and attached
// documents are not read.
//
// A path token is the number of the point's <num> as the segmenter reads
// it ("Article 7" is "7", "(a)" is "a", "Schedule 1" is "schedule" "1"),
// or else the last part of its eId ("art_1__para_2" is "2"), or its place
// among its siblings. A document that parley wrote (identification
// source="#parley") gets the paths its eIds spell out, exactly.
//
// The XML is parsed by encoding/xml, which expands no entities but the
// five predefined ones and never fetches anything (no DTDs, no external
// entities); elements nest at most maxXMLDepth deep.

// maxXMLDepth bounds the nesting of elements in an Akoma Ntoso document.
const maxXMLDepth = 256

// xmlNode is an element with its children and its text, in order.
type xmlNode struct {
	name  string // local name
	attrs []xml.Attr
	kids  []xmlPart
}

// xmlPart is a child element or a piece of text.
type xmlPart struct {
	node *xmlNode
	text string
}

func (n *xmlNode) attr(name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element named name, or nil.
func (n *xmlNode) child(name string) *xmlNode {
	for _, k := range n.kids {
		if k.node != nil && k.node.name == name {
			return k.node
		}
	}
	return nil
}

// parseXML reads a whole XML document into a tree of its elements.
func parseXML(name string, body []byte) (*xmlNode, error) {
	if err := checkEncoding(name, body); err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))))
	d.Strict = true
	var root *xmlNode
	var stack []*xmlNode
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, parley.Errorf(parley.EINVALID, "cannot read %s as XML: %v", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxXMLDepth {
				return nil, parley.Errorf(parley.EINVALID, "%s: elements nest more than %d deep", name, maxXMLDepth)
			}
			n := &xmlNode{name: t.Name.Local, attrs: t.Copy().Attr}
			if len(stack) == 0 {
				if root != nil {
					return nil, parley.Errorf(parley.EINVALID, "cannot read %s as XML: more than one root element", name)
				}
				root = n
			} else {
				top := stack[len(stack)-1]
				top.kids = append(top.kids, xmlPart{node: n})
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1].name != t.Name.Local {
				return nil, parley.Errorf(parley.EINVALID, "cannot read %s as XML: unexpected </%s> at line %d", name, t.Name.Local, lineOf(d, body))
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.kids = append(top.kids, xmlPart{text: string(t)})
			}
		case xml.Directive:
			// A DOCTYPE may declare entities; parley expands none.
			if bytes.Contains(t, []byte("ENTITY")) {
				return nil, parley.Errorf(parley.EINVALID, "%s declares XML entities, which parley does not read", name)
			}
		}
	}
	if len(stack) > 0 {
		return nil, parley.Errorf(parley.EINVALID, "cannot read %s as XML: it ends inside <%s>", name, stack[len(stack)-1].name)
	}
	if root == nil {
		return nil, parley.Errorf(parley.EINVALID, "%s holds no XML element", name)
	}
	return root, nil
}

// lineOf is the line of the decoder's position, for messages.
func lineOf(d *xml.Decoder, body []byte) int {
	off := int(d.InputOffset())
	return bytes.Count(body[:min(off, len(body))], []byte("\n")) + 1
}

// aknGroups are the grouping elements, read as unnumbered blocks.
var aknGroups = map[string]bool{
	"book": true, "tome": true, "part": true, "subpart": true, "title": true, "subtitle": true,
	"chapter": true, "subchapter": true, "division": true, "subdivision": true,
}

// aknSkipped are the elements whose text is no part of the document's.
var aknSkipped = map[string]bool{
	"meta": true, "authorialNote": true, "note": true, "notes": true, "attachments": true,
	"components": true, "componentRef": true, "documentRef": true, "img": true, "noteRef": true,
}

// aknLines are the elements that are one line of text each.
var aknLines = map[string]bool{
	"p": true, "block": true, "li": true, "tr": true, "listIntroduction": true, "listWrapUp": true,
	"docTitle": true, "docNumber": true, "docProponent": true, "docStatus": true, "docType": true,
	"longTitle": true, "formula": true, "signature": true, "subheading": true, "crossHeading": true,
	"caption": true, "tocItem": true,
}

// aknReader walks an Akoma Ntoso document into a structured document.
type aknReader struct {
	s        structured
	parley   bool // written by parley: paths from eIds
	groupNum bool // grouping elements' numbers join the paths
}

// point is an open point: its index in s.points and its lines of text.
type aknPoint struct {
	index int
	lines []string
}

// readAKN reads an Akoma Ntoso document.
func readAKN(name string, body []byte) (*structured, error) {
	root, err := parseXML(name, body)
	if err != nil {
		return nil, err
	}
	if root.name != "akomaNtoso" {
		return nil, parley.Errorf(parley.EINVALID, "%s is not Akoma Ntoso: its root element is <%s>, not <akomaNtoso>", name, root.name)
	}
	var doc *xmlNode
	for _, k := range root.kids {
		if k.node != nil {
			doc = k.node
			break
		}
	}
	if doc == nil {
		return nil, parley.Errorf(parley.EINVALID, "%s: <akomaNtoso> holds no document (such as <act>, <bill> or <doc>)", name)
	}
	r := &aknReader{}
	if id := findNode(doc, "identification"); id != nil && id.attr("source") == "#parley" {
		r.parley = true
	}
	r.readMeta(doc)
	s, err := r.read(doc)
	if err != nil {
		return nil, err
	}
	// Numbers that repeat across chapters: read again with the chapters'
	// numbers in the paths.
	if !r.parley && repeatsPaths(s.points) {
		r2 := &aknReader{groupNum: true, s: structured{label: r.s.label, date: r.s.date}}
		if s2, err := r2.read(doc); err == nil {
			return s2, nil
		}
	}
	return s, nil
}

func (r *aknReader) read(doc *xmlNode) (*structured, error) {
	var pre []string
	for _, k := range doc.kids {
		n := k.node
		if n == nil || aknSkipped[n.name] {
			continue
		}
		switch n.name {
		case "coverPage", "preface", "preamble":
			switch {
			case r.parley && n.name == "preface": // parley's preface repeats its metadata
			case r.parley:
				pre = append(pre, parleyParagraphs(n))
			default:
				pre = append(pre, blockLines(n)...)
			}
		case "conclusions":
			r.s.addBlock(strings.Join(blockLines(n), "\n"))
		default: // body, mainBody, judgmentBody, debateBody, ...
			if len(r.s.points) == 0 && len(pre) > 0 {
				r.s.preamble = strings.Join(pre, "\n")
				pre = nil
			}
			r.walk(n, nil)
		}
	}
	if len(r.s.points) == 0 && len(pre) > 0 {
		r.s.preamble = strings.Join(pre, "\n")
	}
	return &r.s, nil
}

// parleyParagraphs reads the preamble parley writes: one <p> for each
// paragraph, as it is.
func parleyParagraphs(n *xmlNode) string {
	var paras []string
	for _, k := range n.kids {
		if k.node != nil && k.node.name == "p" {
			paras = append(paras, strings.TrimSpace(normalizeValid(sanitize(inlineText(k.node)))))
		}
	}
	return strings.Join(paras, "\n\n")
}

// readMeta takes the document's title and date: the <docTitle> of its
// preface, else the work's FRBRname; the expression's FRBRdate.
func (r *aknReader) readMeta(doc *xmlNode) {
	if t := findNode(doc, "docTitle"); t != nil {
		r.s.label = collapseSpace(inlineText(t))
	} else if w := findNode(doc, "FRBRWork"); w != nil {
		if n := w.child("FRBRname"); n != nil {
			r.s.label = collapseSpace(n.attr("value"))
		}
	}
	if e := findNode(doc, "FRBRExpression"); e != nil {
		if d := e.child("FRBRdate"); d != nil {
			if _, err := parley.ParseDate(d.attr("date")); err == nil {
				r.s.date = d.attr("date")
			}
		}
	}
}

// walk reads the children of n, whose points go under parent (nil at the
// top level). Text outside any point goes into an unnumbered block.
func (r *aknReader) walk(n *xmlNode, parent *aknPoint) {
	var loose []string // text at the top level, before the next point
	flush := func() {
		if len(loose) > 0 {
			if len(r.s.points) == 0 {
				r.s.preamble = strings.TrimSpace(strings.Join(append(splitNonEmpty(r.s.preamble), loose...), "\n"))
			} else {
				r.s.addBlock(strings.Join(loose, "\n"))
			}
			loose = nil
		}
	}
	addText := func(lines []string) {
		if parent != nil {
			parent.lines = append(parent.lines, lines...)
		} else {
			loose = append(loose, lines...)
		}
	}
	for _, k := range n.kids {
		c := k.node
		if c == nil {
			if t := collapseSpace(k.text); t != "" {
				addText([]string{t})
			}
			continue
		}
		switch {
		case aknSkipped[c.name]:
		case c.name == "num" || c.name == "heading" || c.name == "subheading":
			// Read by the point or the group they belong to.
		case aknGroups[c.name] && !r.groupNum:
			flush()
			r.group(c, parent)
		case hasNum(c):
			flush()
			r.point(c, parent)
		case hasPoint(c):
			r.walk(c, parent)
		default:
			addText(blockLines(c))
		}
	}
	flush()
}

// group reads a grouping element: its number, heading and own text are a
// block, its points go under parent.
func (r *aknReader) group(n *xmlNode, parent *aknPoint) {
	var head []string
	if num := n.child("num"); num != nil {
		head = append(head, collapseSpace(inlineText(num)))
	}
	for _, name := range []string{"heading", "subheading"} {
		if h := n.child(name); h != nil {
			head = append(head, collapseSpace(inlineText(h)))
		}
	}
	if line := strings.TrimSpace(strings.Join(head, " ")); line != "" {
		if parent != nil {
			parent.lines = append(parent.lines, line)
		} else if len(r.s.points) == 0 {
			r.s.preamble = strings.TrimSpace(r.s.preamble + "\n" + line)
		} else {
			r.s.addBlock(line)
		}
	}
	r.walk(n, parent)
}

// point reads an element with a <num> as a point, and the points in it.
func (r *aknReader) point(n *xmlNode, parent *aknPoint) {
	label := collapseSpace(inlineText(n.child("num")))
	p := parley.Point{Label: label}
	if h := n.child("heading"); h != nil {
		p.Heading = collapseSpace(inlineText(h))
	}
	var parentPath []string
	if parent != nil {
		parentPath = r.s.points[parent.index].Path
	}
	p.Path = r.pathOf(n, label, parentPath)
	at := &aknPoint{index: r.s.addPoint(p, elementID(n))}
	if sub := n.child("subheading"); sub != nil {
		at.lines = append(at.lines, collapseSpace(inlineText(sub)))
	}
	r.walk(n, at)
	r.s.points[at.index].Text = strings.Join(at.lines, "\n")
}

// pathOf is the path of a point under parentPath.
func (r *aknReader) pathOf(n *xmlNode, label string, parentPath []string) []string {
	eid := elementID(n)
	if r.parley {
		if path := eidPath(eid); path != nil {
			return path
		}
	}
	own := labelPath(label)
	if own == nil {
		own = eidLast(eid)
	}
	if own == nil {
		own = []string{itoa(r.siblings(parentPath) + 1)}
	}
	// "3.1" under "3" is ["3","1"] already.
	if len(own) > len(parentPath) && slices.Equal(own[:len(parentPath)], parentPath) && len(parentPath) > 0 {
		return own
	}
	return append(append([]string(nil), parentPath...), own...)
}

// siblings counts the points so far directly under parentPath.
func (r *aknReader) siblings(parentPath []string) int {
	n := 0
	for i := range r.s.points {
		if len(r.s.points[i].Path) == len(parentPath)+1 && slices.Equal(r.s.points[i].Path[:len(parentPath)], parentPath) {
			n++
		}
	}
	return n
}

// elementID is an element's eId, or its id as AKN 2.0 and some tools
// write it.
func elementID(n *xmlNode) string {
	if eid := n.attr("eId"); eid != "" {
		return eid
	}
	return n.attr("id")
}

// eidPath reads the path parley wrote into an eId: "para_10__point_a" is
// ["10","a"], tokens unescaped from %XX.
func eidPath(eid string) []string {
	if eid == "" {
		return nil
	}
	var path []string
	for _, part := range strings.Split(eid, "__") {
		_, tok, ok := strings.Cut(part, "_")
		if !ok || tok == "" {
			return nil
		}
		tok, err := url.PathUnescape(tok)
		if err != nil || pathToken(tok) != tok {
			return nil
		}
		path = append(path, tok)
	}
	return path
}

// eidLast reads the number of the last part of an eId: "art_1__para_2"
// gives ["2"].
func eidLast(eid string) []string {
	if i := strings.LastIndex(eid, "__"); i >= 0 {
		eid = eid[i+2:]
	}
	_, tok, ok := strings.Cut(eid, "_")
	if !ok || tok == "" {
		return nil
	}
	if u, err := url.PathUnescape(tok); err == nil {
		tok = u
	}
	return []string{pathToken(strings.ToLower(tok))}
}

// repeatsPaths reports two points with one path.
func repeatsPaths(points []parley.Point) bool {
	seen := make(map[string]bool, len(points))
	for i := range points {
		k := points[i].Key()
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// hasPoint reports whether n holds a point: an element with a <num>
// below a grouping element or not.
func hasPoint(n *xmlNode) bool {
	for _, k := range n.kids {
		c := k.node
		if c == nil || aknSkipped[c.name] {
			continue
		}
		if hasNum(c) || aknGroups[c.name] || hasPoint(c) {
			return true
		}
	}
	return false
}

// hasNum reports an element with a <num> that says something: a point.
func hasNum(n *xmlNode) bool {
	num := n.child("num")
	return n.name != "num" && num != nil && collapseSpace(inlineText(num)) != ""
}

// findNode finds the first element named name in n, depth first.
func findNode(n *xmlNode, name string) *xmlNode {
	for _, k := range n.kids {
		if k.node == nil {
			continue
		}
		if k.node.name == name {
			return k.node
		}
		if f := findNode(k.node, name); f != nil {
			return f
		}
	}
	return nil
}

// blockLines reads the text of an element that holds no point, one line
// per <p> (and other line elements), with the text between them as lines
// of its own. A <num> and a <heading> are lines too.
func blockLines(n *xmlNode) []string {
	var out []string
	var walk func(n *xmlNode)
	walk = func(n *xmlNode) {
		for _, k := range n.kids {
			c := k.node
			switch {
			case c == nil:
				if t := collapseSpace(k.text); t != "" {
					out = append(out, t)
				}
			case aknSkipped[c.name]:
			case aknLines[c.name] || c.name == "num" || c.name == "heading":
				out = append(out, lineText(c))
			default:
				walk(c)
			}
		}
	}
	if aknLines[n.name] {
		return []string{lineText(n)}
	}
	walk(n)
	return out
}

// lineText is the text of one line element: white space collapsed, as a
// browser shows it, except that an element of one text keeps its spaces
// (parley writes each line of a point as one <p>).
func lineText(n *xmlNode) string {
	if len(n.kids) == 1 && n.kids[0].node == nil && !strings.ContainsAny(n.kids[0].text, "\n\t\r") {
		return strings.TrimSpace(sanitize(n.kids[0].text))
	}
	return collapseSpace(sanitize(inlineText(n)))
}

// inlineText is all the text in n, notes left out; <eol/> and <br/> are
// spaces.
func inlineText(n *xmlNode) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *xmlNode)
	walk = func(n *xmlNode) {
		for _, k := range n.kids {
			switch c := k.node; {
			case c == nil:
				b.WriteString(k.text)
			case aknSkipped[c.name]:
			case c.name == "eol" || c.name == "br" || c.name == "eop":
				b.WriteByte(' ')
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

func splitNonEmpty(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []string{s}
}

// looksLikeAKN reports an XML document whose root element is
// <akomaNtoso> (with or without a namespace prefix).
func looksLikeAKN(body []byte) bool {
	s := bytes.TrimPrefix(body[:min(len(body), 64<<10)], []byte("\xEF\xBB\xBF"))
	for range 100 {
		s = bytes.TrimLeft(s, " \t\r\n")
		switch {
		case bytes.HasPrefix(s, []byte("<!--")):
			end := bytes.Index(s, []byte("-->"))
			if end < 0 {
				return false
			}
			s = s[end+3:]
		case bytes.HasPrefix(s, []byte("<?")), bytes.HasPrefix(s, []byte("<!")):
			end := bytes.IndexByte(s, '>')
			if end < 0 {
				return false
			}
			s = s[end+1:]
		case bytes.HasPrefix(s, []byte("<")):
			name := s[1:]
			if end := bytes.IndexAny(name, " \t\r\n/>"); end >= 0 {
				name = name[:end]
			}
			if i := bytes.IndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			return string(name) == "akomaNtoso"
		default:
			return false
		}
	}
	return false
}
