package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"parley"
)

// AKNNamespace is the namespace of Akoma Ntoso 3.0 (OASIS LegalDocML).
const AKNNamespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

// AKNOptions fill in what Akoma Ntoso asks for and parley does not record.
type AKNOptions struct {
	// Language is the ISO 639-2 code of the text's language for
	// FRBRlanguage and the expression IRI; "und" (undetermined) when empty.
	Language string
	// Country is the ISO 3166-1 alpha-2 jurisdiction of the work IRI. A
	// text negotiated between states is no one country's document, so the
	// user-assigned code "xx" stands in when it is empty.
	Country string
}

// WriteVersionAKN writes a version as an Akoma Ntoso 3.0 document. A
// negotiated text that is not (yet) law fits the generic <doc> type; the
// document is the FRBR work, the version its expression, and this XML the
// manifestation, dated when parley stored the version so that the same
// version always exports the same bytes. The preface carries the label,
// status, date and drafting party; the preamble the text before the first
// point; the body every point as a hierarchy: a top-level "Article" is an
// <article> (its points <paragraph>, then <point>), a top-level "Section"
// or "§" a <section>, any other top-level point a <paragraph>, and deeper
// points <point>. Each has an eId built from its path ("para_10__point_a",
// path tokens escaped with %XX where they hold "_", "%" or spaces), <num>
// with the label as printed, <heading> when it has one, and its own text in
// <content> (a leaf) or <intro> (before its children), one <p> per line.
func WriteVersionAKN(w io.Writer, v *Version, opt AKNOptions) error {
	if opt.Language == "" {
		opt.Language = "und"
	}
	if opt.Country == "" {
		opt.Country = "xx"
	}
	pv := v.Version
	a := &aknWriter{enc: xml.NewEncoder(w)}
	a.enc.Indent("", "  ")
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}

	date := aknDate(pv.Date, pv.CreatedAt)
	document := v.Document
	if document == "" {
		document = pv.Label
	}
	work := fmt.Sprintf("/akn/%s/doc/%s/%s", opt.Country, date, slug(document))
	expression := fmt.Sprintf("%s/%s@%s", work, opt.Language, slug(pv.Label))
	author := "#unknown"
	if v.Party != nil {
		author = "#" + partyRef(v.Party)
	}
	stored := date
	if !pv.CreatedAt.IsZero() {
		stored = pv.CreatedAt.UTC().Format("2006-01-02")
	}
	dateName := "drafted"
	if pv.Date.IsZero() {
		dateName = "recorded" // no known date: the day parley stored it
	}

	a.start("akomaNtoso", "xmlns", AKNNamespace)
	a.start("doc", "name", "negotiatedText", "contains", "originalVersion")
	a.start("meta")
	a.start("identification", "source", "#parley")
	a.start("FRBRWork")
	a.empty("FRBRthis", "value", work+"/!main")
	a.empty("FRBRuri", "value", work)
	a.empty("FRBRdate", "date", date, "name", dateName)
	a.empty("FRBRauthor", "href", author)
	a.empty("FRBRcountry", "value", opt.Country)
	a.empty("FRBRname", "value", document)
	a.end()
	a.start("FRBRExpression")
	a.empty("FRBRthis", "value", expression+"/!main")
	a.empty("FRBRuri", "value", expression)
	a.empty("FRBRdate", "date", date, "name", pv.Status)
	a.empty("FRBRauthor", "href", author)
	a.empty("FRBRlanguage", "language", opt.Language)
	a.end()
	a.start("FRBRManifestation")
	a.empty("FRBRthis", "value", expression+"/!main.xml")
	a.empty("FRBRuri", "value", expression+".akn")
	a.empty("FRBRdate", "date", stored, "name", "stored")
	a.empty("FRBRauthor", "href", "#parley")
	a.end()
	a.end() // identification
	a.start("references", "source", "#parley")
	a.empty("TLCOrganization", "eId", "parley", "href", "/ontology/organization/parley", "showAs", "parley")
	if v.Party != nil {
		a.empty("TLCOrganization", "eId", partyRef(v.Party), "href", "/ontology/organization/"+partyRef(v.Party), "showAs", v.Party.Name)
	} else {
		a.empty("TLCOrganization", "eId", "unknown", "href", "/ontology/organization/unknown", "showAs", "unknown")
	}
	for _, actor := range v.Actors {
		ref := "person-" + slug(actor.Name)
		a.empty("TLCPerson", "eId", ref, "href", "/ontology/person/"+slug(actor.Name), "showAs", actor.Name)
	}
	a.end() // references
	a.end() // meta

	a.start("preface")
	a.start("p", "class", "title")
	a.leaf("docTitle", pv.Label)
	a.end()
	a.start("p", "class", "status")
	a.leaf("docStatus", pv.Status)
	a.end()
	if !pv.Date.IsZero() {
		a.start("p", "class", "date")
		a.leaf("docDate", pv.Date.String(), "date", date)
		a.end()
	}
	if v.Party != nil {
		a.start("p", "class", "proponent")
		a.leaf("docProponent", v.Party.Name, "refersTo", "#"+partyRef(v.Party))
		a.end()
	}
	a.end() // preface

	if paras := splitParagraphs(pv.Preamble); len(paras) > 0 {
		a.start("preamble")
		for _, para := range paras {
			a.leaf("p", para)
		}
		a.end()
	}

	a.start("mainBody")
	elements := aknElements(pv.Points)
	roots := pointTree(pv.Points)
	if len(roots) == 0 {
		a.leaf("p", "")
	}
	for _, n := range roots {
		a.point(n, elements)
	}
	a.end() // mainBody
	a.end() // doc
	a.end() // akomaNtoso
	if a.err != nil {
		return a.err
	}
	if err := a.enc.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// point writes one point and, nested in it, its children.
func (a *aknWriter) point(n *pointNode, elements map[string]aknElement) {
	p := n.Point
	el := elements[p.Key()]
	a.start(el.name, "eId", el.eID)
	a.leaf("num", p.Label)
	if p.Heading != "" {
		a.leaf("heading", p.Heading)
	}
	switch {
	case len(n.Children) == 0:
		a.start("content")
		a.lines(p.Text)
		a.end()
	case p.Text != "":
		a.start("intro")
		a.lines(p.Text)
		a.end()
	}
	for _, c := range n.Children {
		a.point(c, elements)
	}
	a.end()
}

// lines writes a text as one <p> per line, so that its line breaks survive
// any reader that normalises white space.
func (a *aknWriter) lines(text string) {
	for _, l := range strings.Split(text, "\n") {
		a.leaf("p", l)
	}
}

// aknElement is the element and eId a point gets.
type aknElement struct{ name, eID string }

// aknElements chooses each point's element and builds its eId from its
// path: the element follows the depth of the path and the kind of its
// top-level point, and the eId joins one "<prefix>_<token>" per level.
func aknElements(points []parley.Point) map[string]aknElement {
	top := map[string]string{} // top-level token -> element
	for _, p := range points {
		if p.Depth() == 1 {
			top[p.Path[0]] = topElement(p.Label)
		}
	}
	out := make(map[string]aknElement, len(points))
	for _, p := range points {
		names := make([]string, len(p.Path))
		for d := range p.Path {
			names[d] = levelElement(top[p.Path[0]], d)
		}
		parts := make([]string, len(p.Path))
		for d, tok := range escapeTokens(p.Path) {
			parts[d] = aknPrefix[names[d]] + "_" + tok
		}
		out[p.Key()] = aknElement{name: names[len(names)-1], eID: strings.Join(parts, "__")}
	}
	return out
}

// topElement chooses the element of a top-level point from its label.
func topElement(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	switch {
	case strings.HasPrefix(l, "article") || strings.HasPrefix(l, "art."):
		return "article"
	case strings.HasPrefix(l, "section") || strings.HasPrefix(l, "§"):
		return "section"
	}
	return "paragraph"
}

// levelElement is the element at depth d (from 0) under a top-level
// element: articles and sections hold paragraphs, which hold points.
func levelElement(top string, d int) string {
	switch {
	case d == 0 && top != "":
		return top
	case d == 0:
		return "paragraph"
	case d == 1 && (top == "article" || top == "section"):
		return "paragraph"
	}
	return "point"
}

// aknPrefix is the eId prefix of each element, as the Akoma Ntoso naming
// convention abbreviates them.
var aknPrefix = map[string]string{"article": "art", "section": "sec", "paragraph": "para", "point": "point"}

// escapeTokens makes path tokens safe in an eId: "_" and "%" (which the
// eId syntax and this escape use) and white space or control characters
// become %XX of their UTF-8 bytes; everything else stays, so that "10",
// "a" and "ii" read as themselves. url.PathUnescape reverses it.
func escapeTokens(path []string) []string {
	out := make([]string, len(path))
	for i, tok := range path {
		var b strings.Builder
		for _, r := range tok {
			if r == '_' || r == '%' || unicode.IsSpace(r) || !unicode.IsGraphic(r) {
				var buf [utf8.UTFMax]byte
				for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
					fmt.Fprintf(&b, "%%%02X", c)
				}
				continue
			}
			b.WriteRune(r)
		}
		out[i] = b.String()
	}
	return out
}

// aknDate writes a date for an xsd:date attribute, which needs a day: a
// month-precision date is the first of the month, a year-precision one the
// first of January (the printed date beside it keeps the precision); an
// unknown date is the day parley stored the version.
func aknDate(d parley.Date, stored time.Time) string {
	if from, _, ok := d.Span(); ok {
		return from.Format("2006-01-02")
	}
	return stored.Format("2006-01-02")
}

// partyRef is the eId of a party's TLCOrganization.
func partyRef(p *parley.Party) string {
	if s := slug(p.Code); s != "" {
		return s
	}
	return slug(p.Name)
}

// slug makes a lower-case IRI segment of letters, digits and hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "untitled"
	}
	return b.String()
}

// aknWriter writes elements through an xml.Encoder, which escapes every
// text and attribute, and remembers the first error.
type aknWriter struct {
	enc   *xml.Encoder
	stack []string
	err   error
}

func (a *aknWriter) token(t xml.Token) {
	if a.err == nil {
		a.err = a.enc.EncodeToken(t)
	}
}

func xmlAttrs(pairs []string) []xml.Attr {
	out := make([]xml.Attr, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, xml.Attr{Name: xml.Name{Local: pairs[i]}, Value: pairs[i+1]})
	}
	return out
}

func (a *aknWriter) start(name string, attrPairs ...string) {
	a.token(xml.StartElement{Name: xml.Name{Local: name}, Attr: xmlAttrs(attrPairs)})
	a.stack = append(a.stack, name)
}

func (a *aknWriter) end() {
	name := a.stack[len(a.stack)-1]
	a.stack = a.stack[:len(a.stack)-1]
	a.token(xml.EndElement{Name: xml.Name{Local: name}})
}

// empty writes an element without content.
func (a *aknWriter) empty(name string, attrPairs ...string) {
	a.start(name, attrPairs...)
	a.end()
}

// leaf writes an element holding only text.
func (a *aknWriter) leaf(name, text string, attrPairs ...string) {
	a.start(name, attrPairs...)
	if text != "" {
		a.token(xml.CharData(text))
	}
	a.end()
}
