package export_test

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/export"
	"parley/segment"
)

// xmlNode is any element, read back without knowing the vocabulary.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xmlNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *xmlNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *xmlNode) child(name string) *xmlNode {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == name {
			return &n.Nodes[i]
		}
	}
	return nil
}

// aknPoint is a point as read back from Akoma Ntoso.
type aknPoint struct {
	Path          []string
	Label         string
	Heading, Text string
	Depth         int // nesting in the XML, from 1
}

// readAKN parses an Akoma Ntoso document and returns its points in document
// order, each recovered from its eId, <num>, <heading> and the <p> lines of
// its <content> or <intro>.
func readAKN(t *testing.T, b []byte) (*xmlNode, []aknPoint) {
	t.Helper()
	var root xmlNode
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, b)
	}
	if root.XMLName.Local != "akomaNtoso" || root.XMLName.Space != export.AKNNamespace {
		t.Fatalf("root is %v, want akomaNtoso in %s", root.XMLName, export.AKNNamespace)
	}
	doc := root.child("doc")
	if doc == nil || doc.child("meta") == nil || doc.child("mainBody") == nil {
		t.Fatalf("no doc with meta and mainBody")
	}
	var points []aknPoint
	var walk func(n *xmlNode, depth int)
	walk = func(n *xmlNode, depth int) {
		for i := range n.Nodes {
			c := &n.Nodes[i]
			switch c.XMLName.Local {
			case "article", "section", "paragraph", "point":
			default:
				continue
			}
			p := aknPoint{Depth: depth}
			for _, part := range strings.Split(c.attr("eId"), "__") {
				_, tok, ok := strings.Cut(part, "_")
				if !ok {
					t.Fatalf("eId %q: component %q has no prefix", c.attr("eId"), part)
				}
				tok, err := url.PathUnescape(tok)
				if err != nil {
					t.Fatalf("eId %q: %v", c.attr("eId"), err)
				}
				p.Path = append(p.Path, tok)
			}
			if num := c.child("num"); num != nil {
				p.Label = num.Text
			}
			if h := c.child("heading"); h != nil {
				p.Heading = h.Text
			}
			block := c.child("content")
			if block == nil {
				block = c.child("intro")
			}
			if block != nil {
				var lines []string
				for _, para := range block.Nodes {
					lines = append(lines, para.Text)
				}
				p.Text = strings.Join(lines, "\n")
			}
			points = append(points, p)
			walk(c, depth+1)
		}
	}
	walk(doc.child("mainBody"), 1)
	return &root, points
}

func versionOf(t *testing.T, file string) *export.Version {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	seg := segment.Text(text)
	return &export.Version{
		Version: &parley.Version{ID: 3, Label: "28-point plan", Date: parley.MustParseDate("2025-11"), Status: parley.StatusProposal,
			Format: "text", Text: text, TextHash: parley.HashText(text), Preamble: seg.Preamble, Points: seg.Points,
			CreatedAt: time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)},
		Document:    "Peace framework",
		Negotiation: "Ending the war",
		Party:       &parley.Party{ID: 1, Code: "US", Name: "United States"},
		Actors:      []*parley.Actor{{ID: 1, Name: "Steve Witkoff", Role: "Special Envoy"}},
	}
}

func writeAKN(t *testing.T, v *export.Version) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := export.WriteVersionAKN(&buf, v, export.AKNOptions{Language: "eng"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkRoundTrip fails unless every point comes back from the XML with its
// path, label, heading and text, in order, nested under its ancestors.
func checkRoundTrip(t *testing.T, want []parley.Point, got []aknPoint) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read back %d points, wrote %d", len(got), len(want))
	}
	var chain [][]string // paths of the open XML ancestors
	for i, p := range want {
		g := got[i]
		if !slices.Equal(g.Path, p.Path) || g.Label != p.Label || g.Heading != p.Heading || g.Text != p.Text {
			t.Fatalf("point %d: read back %+v, wrote path %q label %q heading %q text %q", i, g, p.Path, p.Label, p.Heading, p.Text)
		}
		chain = chain[:g.Depth-1]
		for _, anc := range chain {
			if len(anc) >= len(g.Path) || !slices.Equal(anc, g.Path[:len(anc)]) {
				t.Fatalf("point %q is nested in %q, which is not its ancestor", g.Path, anc)
			}
		}
		chain = append(chain, g.Path)
	}
}

func TestAKNPlan28(t *testing.T) {
	v := versionOf(t, filepath.Join("..", "demo", "data", "versions", "plan-28.txt"))
	out := writeAKN(t, v)
	root, points := readAKN(t, out)
	checkRoundTrip(t, v.Version.Points, points)

	top := 0
	var under10 []string
	for _, p := range points {
		if p.Depth == 1 {
			top++
		}
		if len(p.Path) == 2 && p.Path[0] == "10" && p.Depth == 2 {
			under10 = append(under10, p.Label)
		}
	}
	if top != 28 {
		t.Errorf("%d top-level points, want 28", top)
	}
	if !slices.Equal(under10, []string{"(a)", "(b)", "(c)", "(d)"}) {
		t.Errorf("nested under 10: %q, want (a)-(d)", under10)
	}
	for _, want := range []string{`eId="para_10__point_a"`, `<num>10.</num>`, `<docTitle>28-point plan</docTitle>`,
		`<FRBRlanguage language="eng">`, `<FRBRcountry value="xx">`, `<docDate date="2025-11-01">2025-11</docDate>`,
		`showAs="United States"`, `<FRBRdate date="2025-12-01" name="stored">`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %s", want)
		}
	}
	id := root.child("doc").child("meta").child("identification")
	for _, level := range []string{"FRBRWork", "FRBRExpression", "FRBRManifestation"} {
		l := id.child(level)
		if l == nil || l.child("FRBRthis") == nil || l.child("FRBRuri") == nil || l.child("FRBRdate") == nil || l.child("FRBRauthor") == nil {
			t.Errorf("identification lacks a complete %s", level)
		}
	}
	// The same version exports the same bytes.
	if again := writeAKN(t, v); !bytes.Equal(again, out) {
		t.Error("two exports of one version differ")
	}
}

// Every text of the alignment test data round-trips: articles with
// headings, dotted numbering, annexes without a parent point, roman
// numerals, Markdown.
func TestAKNRoundTripTestdata(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "align", "*", "*.txt"))
	md, _ := filepath.Glob(filepath.Join("..", "testdata", "align", "*", "*.md"))
	files = append(files, md...)
	if len(files) < 10 {
		t.Fatalf("found only %d test texts", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(t *testing.T) {
			v := versionOf(t, f)
			_, points := readAKN(t, writeAKN(t, v))
			checkRoundTrip(t, v.Version.Points, points)
		})
	}
}

func TestAKNEscapes(t *testing.T) {
	points := []parley.Point{
		{Path: []string{"1"}, Label: "Article 1", Heading: `Scope <& "quotes">`, Text: ""},
		{Path: []string{"1", "1"}, Label: "1.", Text: "Text with ]]> and <tags> & ampersands,\ttabs\nand a second line."},
		{Path: []string{"1", "x_y"}, Label: "(x_y)", Text: "Underscore token."},
		{Path: []string{"1", "x__y", "50%"}, Label: "(50%)", Text: "Double underscore and a per cent sign."},
		{Path: []string{"annex", "б"}, Label: "Annex Б", Text: "An orphan with a Cyrillic token.\n\nAfter a blank line."},
		{Path: []string{"2"}, Label: "2.", Text: ""},
	}
	v := &export.Version{Version: &parley.Version{ID: 1, Label: `Draft <1> & "2"`, Status: parley.StatusDraft, Points: points,
		Preamble: "Between A & B <the Parties>."}}
	out := writeAKN(t, v)
	_, got := readAKN(t, out)
	checkRoundTrip(t, points, got)
	if !bytes.Contains(out, []byte(`<article eId="art_1">`)) || !bytes.Contains(out, []byte(`eId="art_1__para_x%5F%5Fy__point_50%25"`)) {
		t.Errorf("elements or eIds not as expected:\n%s", out)
	}
}
