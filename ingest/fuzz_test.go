package ingest_test

import (
	"archive/zip"
	"strings"
	"testing"
	"unicode/utf8"

	"parley"
	"parley/ingest"
)

// checkRead checks what Read returned for a fuzz input: an error that is
// a *parley.Error and not an internal one, or a consistent document:
// normalised UTF-8 text, valid points with unique paths, lines inside
// the text, the body kept.
func checkRead(t *testing.T, body []byte, doc *ingest.Document, err error) {
	t.Helper()
	if err != nil {
		if code := parley.ErrorCode(err); code == parley.EINTERNAL {
			t.Fatalf("internal error: %v", err)
		}
		return
	}
	if string(doc.Body) != string(body) {
		t.Fatal("body changed")
	}
	if !utf8.ValidString(doc.Text) || strings.TrimSpace(doc.Text) == "" {
		t.Fatalf("text %q", doc.Text)
	}
	if n, err := ingest.Normalize([]byte(doc.Text)); err == nil && n != doc.Text {
		t.Fatal("text is not normalised")
	}
	lines := strings.Count(doc.Text, "\n") + 1
	seen := map[string]bool{}
	for i, p := range doc.Points {
		if err := p.Validate(); err != nil {
			t.Fatalf("point %d: %v", i, err)
		}
		if seen[p.Key()] {
			t.Fatalf("path %s twice", p.Key())
		}
		seen[p.Key()] = true
		if p.Line < 1 || p.Line > lines || p.Ordinal != i {
			t.Fatalf("point %d: line %d of %d, ordinal %d", i, p.Line, lines, p.Ordinal)
		}
	}
}

// FuzzReadHTML reads any bytes as HTML.
func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(`<ol start="3" reversed><li value="-2">x<ol type="i"><li>y</ol></ol><h2>Article 5</h2><pre>1. a
  (b) c</pre>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := ingest.Read("fuzz.html", body, "html")
		checkRead(t, body, doc, err)
	})
}

// FuzzReadDOCX reads a Word document made of the three parts that carry
// its text and numbering: word/document.xml, word/numbering.xml and
// word/styles.xml (an empty part is left out of the archive).
func FuzzReadDOCX(f *testing.F) {
	f.Add([]byte(`<w:document `+wordNS+`><w:body>`+para("1/0", "x")+para("1/1", "y")+`</w:body></w:document>`),
		[]byte(`<w:numbering `+wordNS+`>`+abstract(1, level(0, 1, "decimal", "%1."), level(1, 1, "lowerLetter", "(%2)"))+num(1, 1)+`</w:numbering>`),
		[]byte(`<w:styles `+wordNS+`/>`))
	f.Fuzz(func(t *testing.T, document, numbering, styles []byte) {
		parts := []docxPart{{name: "word/document.xml", body: string(document), method: zip.Store}}
		if len(numbering) > 0 {
			parts = append(parts, docxPart{name: "word/numbering.xml", body: string(numbering), method: zip.Store})
		}
		if len(styles) > 0 {
			parts = append(parts, docxPart{name: "word/styles.xml", body: string(styles), method: zip.Store})
		}
		body := makeZip(t, parts...)
		doc, err := ingest.Read("fuzz.docx", body, "docx")
		checkRead(t, body, doc, err)
	})
}

// FuzzReadAKN reads any bytes as Akoma Ntoso.
func FuzzReadAKN(f *testing.F) {
	f.Add([]byte(`<akomaNtoso><act><body><chapter><num>I</num><article eId="art_1"><num>Article 1</num><heading>x</heading><paragraph><num>1.</num><content><p>a <i>b</i></p></content></paragraph></article></chapter></body></act></akomaNtoso>`))
	f.Add([]byte(`<akomaNtoso><doc><meta><identification source="#parley"/></meta><mainBody><point eId="para_1__point_a%20b"><num>(a)</num></point><point eId="para_1__point_a"><num>(a)</num></point></mainBody></doc></akomaNtoso>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := ingest.Read("fuzz.akn", body, "akn")
		checkRead(t, body, doc, err)
	})
}

// FuzzReadJSON reads any bytes as parley's JSON of a version.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"label": "x", "preamble": "p", "points": [{"path": ["1"], "label": "1.", "text": "a"}, {"path": ["1"], "label": "1.", "text": "b"}, {"path": ["1", "a"], "label": "(a)", "text": "c"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := ingest.Read("fuzz.json", body, "json")
		checkRead(t, body, doc, err)
	})
}
