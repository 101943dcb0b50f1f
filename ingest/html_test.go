package ingest_test

import (
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/ingest"
)

// outline writes points as "path label text" lines, for comparing.
func outline(points []parley.Point) []string {
	var out []string
	for _, p := range points {
		line := p.Key() + " " + p.Label
		if p.Heading != "" {
			line += " [" + p.Heading + "]"
		}
		if p.Text != "" {
			line += " " + strings.Join(strings.Fields(p.Text), " ")
		}
		out = append(out, line)
	}
	return out
}

func TestReadHTML(t *testing.T) {
	tests := []struct {
		name     string
		html     string
		want     []string
		preamble string
	}{
		{
			name: "ordered lists nest as (a) and (i)",
			html: `<ol><li>First.</li><li>Second:<ol type="a"><li>alpha;</li><li>beta:<ol type="i"><li>one;</li><li>two.</li></ol></li></ol></li><li>Third.</li></ol>`,
			want: []string{"1 1. First.", "2 2. Second:", "2/a (a) alpha;", "2/b (b) beta:", "2/b/i (i) one;", "2/b/ii (ii) two.", "3 3. Third."},
		},
		{
			name: "start and value",
			html: `<ol start="5"><li>Five.</li><li>Six.</li><li value="10">Ten.</li><li>Eleven.</li></ol>`,
			want: []string{"5 5. Five.", "6 6. Six.", "10 10. Ten.", "11 11. Eleven."},
		},
		{
			name: "upper letters and roman numerals at the top",
			html: `<ol type="A"><li>Mandate.<ol type="I"><li>First part.</li><li>Second part.</li></ol></li><li>Composition.</li></ol>`,
			want: []string{"a A. Mandate.", "a/i (I) First part.", "a/ii (II) Second part.", "b B. Composition."},
		},
		{
			name: "value on items, CSS list-style-type",
			html: `<ol><li>One.<ol style="list-style-type: lower-alpha"><li>alpha;</li><li value="4">delta;</li><li>epsilon.</li></ol></li></ol>`,
			want: []string{"1 1. One.", "1/a (a) alpha;", "1/d (d) delta;", "1/e (e) epsilon."},
		},
		{
			name: "numbers already typed in the text are kept once",
			html: `<ol><li>1. The parties agree.</li><li>2. They sign.</li></ol><ol style="list-style: none"><li>3. Typed in a list without numbers.</li></ol>`,
			want: []string{"1 1. The parties agree.", "2 2. They sign.", "3 3. Typed in a list without numbers."},
		},
		{
			name:     "numbered paragraphs and headings keep their numbers",
			html:     `<h1>Peace framework</h1><p>Preamble text.</p><h2>Article 5</h2><p>1. The parties&nbsp;agree &amp; sign.</p><p>2. Second<br>line.</p><h2>Part two</h2><h3>Article 6 – Final provisions</h3><p>Enters into force.</p>`,
			want:     []string{"5 Article 5", "5/1 1. The parties agree & sign.", "5/2 2. Second line.", "6 Article 6 [Final provisions] Enters into force."},
			preamble: "Peace framework\n\nPreamble text.",
		},
		{
			name: "script, style, head, nav, hidden and LibreOffice's page header are dropped",
			html: `<html><head><title>T</title><style>p{}</style></head><body><nav>1. Home 2. About</nav><div title="header"><p>Running head</p></div>` +
				`<script>var x = "1. no";</script><p>1. Kept.</p><p hidden>2. Hidden.</p><p style="display: none">2. Hidden too.</p><noscript>2. No.</noscript><p>2. Also kept.</p></body></html>`,
			want: []string{"1 1. Kept.", "2 2. Also kept."},
		},
		{
			name: "main is read when there is one",
			html: `<header><p>1. Site menu</p></header><main><p>1. The text.</p><p>2. More.</p></main><footer><p>3. Footer</p></footer>`,
			want: []string{"1 1. The text.", "2 2. More."},
		},
		{
			name: "inline elements join, blocks break",
			html: `<div><p><b>1.</b> <i>Bold</i> label and <a href="x">link</a>.</p><div>2. In a div<span> and a span</span>.</div></div>`,
			want: []string{"1 1. Bold label and link.", "2 2. In a div and a span."},
		},
		{
			name: "pre keeps its lines",
			html: "<pre>1. First\n   (a) nested;\n   (b) nested.\n2. Second</pre>",
			want: []string{"1 1. First", "1/a (a) nested;", "1/b (b) nested.", "2 2. Second"},
		},
		{
			name: "paragraphs in an item stay with it",
			html: `<ol><li><p>First paragraph.</p><p>Second paragraph.</p></li><li><p>Next item.</p></li></ol>`,
			want: []string{"1 1. First paragraph. Second paragraph.", "2 2. Next item."},
		},
		{
			name: "table rows are lines",
			html: `<table><tr><td>1.</td><td>Cells join.</td></tr><tr><td>2.</td><td>Second row.</td></tr></table>`,
			want: []string{"1 1. Cells join.", "2 2. Second row."},
		},
		{
			name: "LibreOffice's lists nested without items",
			html: `<ol><li><p>Lead:</p><ol type="a"><li><p>alpha:</p></ol></ol><ol><ol type="i"><ol type="i"><li><p>one;</p><li><p>two;</p></ol></ol></ol><ol><ol type="a"><li value="2"><p>beta.</p></ol><li value="2"><p>Next.</p></ol>`,
			want: []string{"1 1. Lead:", "1/a (a) alpha:", "1/a/i (i) one;", "1/a/ii (ii) two;", "1/b (b) beta.", "2 2. Next."},
		},
		{
			name: "an empty item shows its number",
			html: `<ol><li></li><li>Two.</li></ol>`,
			want: []string{"1 1.", "2 2. Two."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ingest.Read("plan.html", []byte(tt.html), "")
			if err != nil {
				t.Fatal(err)
			}
			if got := outline(doc.Points); !slices.Equal(got, tt.want) {
				t.Errorf("points\n got %q\nwant %q\ntext:\n%s", got, tt.want, doc.Text)
			}
			if tt.preamble != "" && doc.Preamble != tt.preamble {
				t.Errorf("preamble %q, want %q", doc.Preamble, tt.preamble)
			}
			if doc.Format != "html" {
				t.Errorf("format %q", doc.Format)
			}
		})
	}
}

// TestReadHTMLText checks the plain text made from a page: the numbers of
// list items, indentation, entities, no-break spaces, and where the
// points' lines are.
func TestReadHTMLText(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"nesting and entities", "<!DOCTYPE html>\n<html><body><h1>Plan</h1><ol><li>One &lt;1&gt;&nbsp;x.<ol type=\"a\"><li>alpha</li></ol></li></ol></body></html>",
			"Plan\n\n1. One <1>\u00a0x.\n\n    (a) alpha\n"},
		{"reversed", `<ol reversed><li>c</li><li>b</li><li>a</li></ol>`, "3. c\n\n2. b\n\n1. a\n"},
		{"reversed with start", `<ol reversed start="10"><li>x</li><li>y</li></ol>`, "10. x\n\n9. y\n"},
		{"type on an item", `<ol><li>x</li><li type="A">y</li><li type="i">z</li></ol>`, "1. x\n\nB. y\n\niii. z\n"},
		{"letters past z", `<ol type="a" start="26"><li>z</li><li>aa</li></ol>`, "z. z\n\naa. aa\n"},
		{"roman past 3999 is decimal", `<p>1. a</p><ol type="I" start="3999"><li>x</li><li>y</li></ol>`, "1. a\n\nMMMCMXCIX. x\n\n4000. y\n"},
		{"letters for zero are decimal", `<ol type="a" start="0"><li>x</li><li>y</li></ol>`, "0. x\n\na. y\n"},
		{"bullets", `<p>1. Lead:</p><ul><li>first</li><li>second</li></ul>`, "1. Lead:\n\n• first\n\n• second\n"},
		{"br breaks the line in an item", `<ol><li>first<br>second</li></ol>`, "1. first\n    second\n"},
		{"heading lines stay plain", `<h2>Article 1</h2><p>Text.</p>`, "Article 1\n\nText.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ingest.Read("plan.htm", []byte(tt.page), "")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.want {
				t.Errorf("text %q, want %q", doc.Text, tt.want)
			}
			lines := strings.Split(doc.Text, "\n")
			for _, p := range doc.Points {
				if !strings.Contains(lines[p.Line-1], p.Label) {
					t.Errorf("point %s at line %d: %q", p.Label, p.Line, lines[p.Line-1])
				}
			}
		})
	}
}

func TestReadHTMLEncoding(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want string // the text of point 1
	}{
		{"meta charset windows-1252", []byte("<html><head><meta charset=\"windows-1252\"></head><body><p>1. Caf\xe9 \x93quoted\x94.</p></body></html>"), "Café “quoted”."},
		{"http-equiv latin-1", []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>1. Caf\xe9.</p></body></html>"), "Café."},
		{"UTF-16 with BOM", utf16LE("\uFEFF<html><body><p>1. Peace – now.</p></body></html>"), "Peace – now."},
		{"UTF-8 with BOM", []byte("\xEF\xBB\xBF<html><body><p>1. Café.</p></body></html>"), "Café."},
		{"UTF-16 declared in ASCII is UTF-8", []byte("<html><head><meta charset=\"utf-16\"></head><body><p>1. Café.</p></body></html>"), "Café."},
		{"UTF-16 big-endian", utf16BE("\uFEFF<html><body><p>1. Peace.</p></body></html>"), "Peace."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ingest.Read("page", tt.body, "")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != "html" || doc.Points[0].Text != tt.want {
				t.Errorf("format %q, point %q, want %q", doc.Format, doc.Points[0].Text, tt.want)
			}
		})
	}
}

func utf16BE(s string) []byte {
	b := utf16LE(s)
	for i := 0; i+1 < len(b); i += 2 {
		b[i], b[i+1] = b[i+1], b[i]
	}
	return b
}

func utf16LE(s string) []byte {
	var b []byte
	for _, r := range s {
		if r > 0xFFFF {
			panic("outside the BMP")
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}
