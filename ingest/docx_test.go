package ingest_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"parley/ingest"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// docxPart is one file of a test archive.
type docxPart struct {
	name, body string
	method     uint16
}

// makeZip builds a ZIP archive of parts.
func makeZip(tb testing.TB, parts ...docxPart) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: p.method})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// makeDOCX builds a Word document from the inside of <w:body>, and a
// numbering and styles part when they are not "".
func makeDOCX(tb testing.TB, body, numbering, styles string) []byte {
	tb.Helper()
	parts := []docxPart{{name: "word/document.xml", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`, method: zip.Deflate}}
	if numbering != "" {
		parts = append(parts, docxPart{name: "word/numbering.xml", body: `<w:numbering ` + wordNS + `>` + numbering + `</w:numbering>`, method: zip.Deflate})
	}
	if styles != "" {
		parts = append(parts, docxPart{name: "word/styles.xml", body: `<w:styles ` + wordNS + `>` + styles + `</w:styles>`, method: zip.Deflate})
	}
	return makeZip(tb, parts...)
}

// para writes a paragraph; num is "numId/ilvl" or "".
func para(num, text string) string {
	ppr := ""
	if num != "" {
		id, lvl, _ := strings.Cut(num, "/")
		ppr = `<w:pPr><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr></w:pPr>`
	}
	return `<w:p>` + ppr + `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// level writes a w:lvl.
func level(ilvl, start int, format, text string, extra ...string) string {
	s := fmt.Sprintf(`<w:lvl w:ilvl="%d">`, ilvl)
	if start >= 0 {
		s += fmt.Sprintf(`<w:start w:val="%d"/>`, start)
	}
	return s + `<w:numFmt w:val="` + format + `"/><w:lvlText w:val="` + text + `"/>` + strings.Join(extra, "") + `</w:lvl>`
}

func abstract(id int, levels ...string) string {
	return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d">`, id) + strings.Join(levels, "") + `</w:abstractNum>`
}

func num(id, abs int, overrides ...string) string {
	return fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>`, id, abs) + strings.Join(overrides, "") + `</w:num>`
}

// outlineLabels lists the labels of the lines of Text that hold text,
// with their indentation.
func textLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestReadDOCXNumbering checks Word's list numbering: formats, levels
// and their restarts, overrides, counters shared by the w:num of one
// abstract numbering, and numbering from styles.
func TestReadDOCXNumbering(t *testing.T) {
	points := abstract(1, level(0, 1, "decimal", "%1."), level(1, 1, "lowerLetter", "(%2)"), level(2, 1, "lowerRoman", "(%3)"))
	tests := []struct {
		name      string
		numbering string
		styles    string
		body      string
		want      []string // the non-blank lines of Text
	}{
		{
			name:      "levels restart when a higher level advances",
			numbering: points + num(1, 1),
			body:      para("1/0", "One.") + para("1/1", "alpha;") + para("1/2", "first;") + para("1/2", "second.") + para("1/1", "beta.") + para("1/0", "Two.") + para("1/1", "alpha again."),
			want:      []string{"1. One.", "   (a) alpha;", "      (i) first;", "      (ii) second.", "   (b) beta.", "2. Two.", "   (a) alpha again."},
		},
		{
			name:      "multi-level %1.%2 and %1.%2.%3",
			numbering: abstract(1, level(0, 1, "decimal", "%1."), level(1, 1, "decimal", "%1.%2"), level(2, 1, "decimal", "%1.%2.%3")) + num(1, 1),
			body:      para("1/0", "A.") + para("1/1", "B.") + para("1/1", "C.") + para("1/2", "D.") + para("1/0", "E.") + para("1/1", "F."),
			want:      []string{"1. A.", "   1.1 B.", "   1.2 C.", "      1.2.1 D.", "2. E.", "   2.1 F."},
		},
		{
			name:      "start values and formats",
			numbering: abstract(1, level(0, 3, "upperLetter", "%1.")) + abstract(2, level(0, 4, "upperRoman", "Article %1")) + abstract(3, level(0, 26, "lowerLetter", "%1)")) + abstract(4, level(0, 9, "decimalZero", "%1")) + num(1, 1) + num(2, 2) + num(3, 3) + num(4, 4),
			body:      para("1/0", "x") + para("1/0", "y") + para("2/0", "z") + para("2/0", "w") + para("3/0", "v") + para("3/0", "u") + para("4/0", "t") + para("4/0", "s"),
			want:      []string{"C. x", "D. y", "Article IV z", "Article V w", "z) v", "aa) u", "09 t", "10 s"},
		},
		{
			name:      "w:start absent is zero",
			numbering: abstract(1, level(0, -1, "decimal", "%1.")) + num(1, 1),
			body:      para("1/0", "x") + para("1/0", "y"),
			want:      []string{"0. x", "1. y"},
		},
		{
			name:      "a startOverride restarts the shared counter; w:num without one continue it",
			numbering: points + num(1, 1) + num(2, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>`) + num(3, 1),
			body:      para("1/0", "a") + para("1/0", "b") + para("2/0", "c") + para("2/0", "d") + para("1/0", "e") + para("3/0", "f"),
			want:      []string{"1. a", "2. b", "5. c", "6. d", "7. e", "8. f"},
		},
		{
			name:      "a whole level in an override",
			numbering: points + num(1, 1) + num(2, 1, `<w:lvlOverride w:ilvl="1">`+level(1, 1, "lowerRoman", "(%2)")+`</w:lvlOverride>`),
			body:      para("1/0", "One:") + para("1/1", "alpha;") + para("2/0", "Two:") + para("2/1", "first;") + para("2/1", "second."),
			want:      []string{"1. One:", "   (a) alpha;", "2. Two:", "   (i) first;", "   (ii) second."},
		},
		{
			name:      "lvlRestart 0 never restarts; 1 restarts after level 1 only",
			numbering: abstract(1, level(0, 1, "decimal", "%1."), level(1, 1, "lowerLetter", "(%2)", `<w:lvlRestart w:val="0"/>`), level(2, 1, "lowerRoman", "(%3)", `<w:lvlRestart w:val="1"/>`)) + num(1, 1),
			body:      para("1/0", "x") + para("1/1", "a") + para("1/2", "i") + para("1/1", "b") + para("1/2", "ii") + para("1/0", "y") + para("1/1", "c") + para("1/2", "i again"),
			want:      []string{"1. x", "   (a) a", "      (i) i", "   (b) b", "      (ii) ii", "2. y", "   (c) c", "      (i) i again"},
		},
		{
			name:      "isLgl shows every level in decimal",
			numbering: abstract(1, level(0, 1, "upperRoman", "Article %1"), level(1, 1, "decimal", "%1.%2", `<w:isLgl/>`)) + num(1, 1),
			body:      para("1/0", "x") + para("1/1", "y") + para("1/0", "z") + para("1/1", "w"),
			want:      []string{"Article I x", "   1.1 y", "Article II z", "   2.1 w"},
		},
		{
			name:      "numbering from styles and levels linked to styles",
			numbering: abstract(1, level(0, 1, "decimal", "Article %1", `<w:pStyle w:val="Heading1"/>`), level(1, 1, "decimal", "%1.%2", `<w:pStyle w:val="Clause"/>`)) + num(7, 1),
			styles: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
				`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="SubClause"><w:name w:val="Sub clause"/><w:basedOn w:val="Clause"/></w:style>`,
			body: `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Definitions</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="Clause"/></w:pPr><w:r><w:t>Words have meanings.</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="SubClause"/><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr><w:r><w:t>Inherited numbering.</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="Clause"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Numbering turned off.</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p>`,
			want: []string{"Article 1 Definitions", "   1.1 Words have meanings.", "   1.2 Inherited numbering.", "Numbering turned off.", "Article 2 Scope"},
		},
		{
			name:      "numStyleLink takes the levels of a numbering style",
			numbering: abstract(1, level(0, 1, "upperLetter", "%1.")) + `<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="Outline"/></w:abstractNum>` + num(1, 1) + num(2, 2),
			styles:    `<w:style w:type="numbering" w:styleId="Outline"><w:name w:val="Outline"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`,
			body:      para("2/0", "x") + para("2/0", "y"),
			want:      []string{"A. x", "B. y"},
		},
		{
			name:      "bullets, none and unknown numbers",
			numbering: abstract(1, level(0, 1, "bullet", "\uf0b7")) + abstract(2, level(0, 1, "none", "")) + num(1, 1) + num(2, 2),
			body:      para("", "1. Lead:") + para("1/0", "bulleted") + para("2/0", "unnumbered") + para("9/0", "no such numbering"),
			want:      []string{"1. Lead:", "• bulleted", "unnumbered", "no such numbering"},
		},
		{
			name:      "indentation from w:ind",
			numbering: abstract(1, level(0, 1, "decimal", "%1.", `<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>`), level(1, 1, "lowerLetter", "(%2)", `<w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr>`)) + num(1, 1),
			body:      para("1/0", "x") + para("1/1", "y") + `<w:p><w:pPr><w:ind w:left="1440"/></w:pPr><w:r><w:t>body of y</w:t></w:r></w:p>`,
			want:      []string{"  1. x", "       (a) y", "          body of y"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ingest.Read("plan.docx", makeDOCX(t, tt.body, tt.numbering, tt.styles), "")
			if err != nil {
				t.Fatal(err)
			}
			if got := textLines(doc.Text); !slices.Equal(got, tt.want) {
				t.Errorf("lines\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestReadDOCXText checks what text a Word document gives: tracked
// changes accepted, hidden text, fields and tables.
func TestReadDOCXText(t *testing.T) {
	run := func(s string) string { return `<w:r><w:t xml:space="preserve">` + s + `</w:t></w:r>` }
	tests := []struct {
		name, body string
		want       []string
	}{
		{"insertions kept, deletions dropped",
			`<w:p>` + run("1. The parties ") + `<w:del w:id="1"><w:r><w:delText>shall </w:delText></w:r></w:del><w:ins w:id="2">` + run("may ") + `</w:ins>` + run("agree.") + `</w:p>`,
			[]string{"1. The parties may agree."}},
		{"moved text is read where it went",
			`<w:p><w:moveFrom>` + run("1. Gone.") + `</w:moveFrom></w:p><w:p><w:moveTo>` + run("1. Here.") + `</w:moveTo></w:p>`,
			[]string{"1. Here."}},
		{"a deleted paragraph mark joins two paragraphs",
			`<w:p><w:pPr><w:rPr><w:del w:id="3"/></w:rPr></w:pPr>` + run("1. Joined ") + `</w:p><w:p>` + run("text.") + `</w:p>`,
			[]string{"1. Joined text."}},
		{"hidden text, tabs and breaks",
			`<w:p>` + run("1.") + `<w:r><w:tab/></w:r>` + run("Visible") + `<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t> shown</w:t></w:r><w:r><w:br/><w:t>next line</w:t></w:r></w:p>`,
			[]string{"1. Visible shown", "next line"}},
		{"field codes and a table of contents are left out",
			`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("1. Definitions 3") + `</w:p><w:p>` + run("2. Scope 4") + `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
				`<w:p>` + run("1. See page ") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGEREF x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("3") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` + run(".") + `</w:p>` +
				`<w:p><w:fldSimple w:instr="DATE">` + run("2. Dated 1 May.") + `</w:fldSimple></w:p>`,
			[]string{"1. See page 3.", "2. Dated 1 May."}},
		{"table rows of plain cells are lines",
			`<w:tbl><w:tr><w:tc><w:p>` + run("1.") + `</w:p></w:tc><w:tc><w:p>` + run("First row.") + `</w:p></w:tc></w:tr><w:tr><w:tc><w:p>` + run("2.") + `</w:p></w:tc><w:tc><w:p>` + run("Second") + `</w:p><w:p>` + run("row.") + `</w:p></w:tc></w:tr></w:tbl>`,
			[]string{"1. First row.", "2.", "Second", "row."}},
		{"fallbacks and drawings are left out",
			`<w:p>` + run("1. Text") + `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:t>box</w:t></w:drawing></mc:Choice><mc:Fallback><w:pict><w:t>box</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r>` + run(" ends.") + `</w:p>`,
			[]string{"1. Text ends."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ingest.Read("plan.docx", makeDOCX(t, tt.body, "", ""), "")
			if err != nil {
				t.Fatal(err)
			}
			if got := textLines(doc.Text); !slices.Equal(got, tt.want) {
				t.Errorf("lines\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
