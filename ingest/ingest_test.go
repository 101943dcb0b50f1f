package ingest_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"parley"
	"parley/ingest"
	"parley/segment"
)

func TestReadErrors(t *testing.T) {
	utf16le := func(s string) []byte {
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	tests := []struct {
		name   string
		file   string
		body   []byte
		format string
		code   string
		msg    []string // parts the message must contain
	}{
		{"empty", "notes.txt", nil, "", parley.EINVALID, []string{"notes.txt is empty"}},
		{"blank", "notes.txt", []byte(" \n\t\r\n"), "", parley.EINVALID, []string{"notes.txt is empty"}},
		{"too large", "big.txt", bytes.Repeat([]byte("1. a\n"), ingest.MaxBytes/5+1), "", parley.ETOOLARGE, []string{"big.txt is 32.0 MiB (33,554,435 bytes)", "limit is 32.0 MiB (33,554,432 bytes) and 200,000 points per text"}},
		{"too many points", "plan.txt", bytes.Repeat([]byte("1. x\n"), segment.MaxPoints+1), "", parley.ETOOLARGE, []string{"plan.txt: more than 200,000 points; parley handles at most 200,000 points, 8,000,000 words (and 32.0 MiB) per text"}},
		{"too many words", "wall.txt", append([]byte("1. One point.\n2. "), bytes.Repeat([]byte("a "), ingest.MaxWords)...), "", parley.ETOOLARGE, []string{"wall.txt: more than 8,000,000 words by point 2"}},
		{"too many points, Markdown", "plan.md", bytes.Repeat([]byte("(a) x\n"), segment.MaxPoints+1), "", parley.ETOOLARGE, []string{"plan.md: more than 200,000 points"}},
		{"too many points, HTML", "plan.html", append([]byte("<html><body>"), bytes.Repeat([]byte("<p>1.1.1 x</p>"), segment.MaxPoints+1)...), "", parley.ETOOLARGE, []string{"plan.html: more than 200,000 points"}},
		{"NUL bytes", "data.txt", []byte("1. a\x00b\n2. c\n"), "", parley.EINVALID, []string{"data.txt looks like a binary file"}},
		{"PDF", "plan.txt", []byte("%PDF-1.7\n1. text\n"), "", parley.EINVALID, []string{"plan.txt looks like a binary file (a PDF document)"}},
		{"Word", "plan.md", []byte("PK\x03\x04\x14\x00\x06\x00"), "", parley.EINVALID, []string{"looks like a binary file", "Word"}},
		{"control characters", "x.txt", bytes.Repeat([]byte("1. \x01\x02\x03\x04\x05\n"), 20), "", parley.EINVALID, []string{"x.txt looks like a binary file", "control characters"}},
		{"UTF-16 LE with BOM", "plan.txt", append([]byte{0xFF, 0xFE}, utf16le("1. Peace\n")...), "", parley.EINVALID, []string{"plan.txt is UTF-16", "save it as UTF-8"}},
		{"UTF-16 BE with BOM", "plan.txt", []byte{0xFE, 0xFF, 0, '1', 0, '.'}, "", parley.EINVALID, []string{"plan.txt is UTF-16"}},
		{"UTF-16 without BOM", "plan.txt", utf16le("1. Peace shall be restored.\n2. Prisoners are exchanged.\n"), "", parley.EINVALID, []string{"plan.txt looks like UTF-16"}},
		{"UTF-32", "plan.txt", []byte{0xFF, 0xFE, 0, 0, '1', 0, 0, 0}, "", parley.EINVALID, []string{"plan.txt is UTF-32"}},
		{"Latin-1", "plan.txt", []byte("Intro\n\n1. Caf\xe9 talks.\n"), "", parley.EINVALID, []string{"plan.txt is not valid UTF-8", "byte 0xE9 at line 3, column 7", "Latin-1"}},
		{"Latin-1 after CRLF", "plan.txt", []byte("Intro\r\n\r\n1. \xfc\r\n"), "", parley.EINVALID, []string{"line 3, column 4"}},
		{"no points", "notes.txt", []byte("Just some prose.\n\nNothing numbered here.\n"), "", parley.EINVALID, []string{`notes.txt has no numbered points (expected lines such as "1.", "(a)", "Article 5")`}},
		{"unknown format", "notes.txt", []byte("1. a\n"), "rtf", parley.EINVALID, []string{`unknown format "rtf"`, "use text, markdown, html, docx, pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ingest.Read(tt.file, tt.body, tt.format)
			if err == nil {
				t.Fatalf("got %d points, want an error", len(doc.Points))
			}
			var perr *parley.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %v is not a *parley.Error", err)
			}
			if perr.Code != tt.code {
				t.Errorf("code %q, want %q (%s)", perr.Code, tt.code, perr.Message)
			}
			for _, part := range tt.msg {
				if !strings.Contains(perr.Message, part) {
					t.Errorf("message %q does not contain %q", perr.Message, part)
				}
			}
		})
	}
}

func TestReadNormalises(t *testing.T) {
	// A BOM, CRLF line ends, a lone CR, a decomposed "é", trailing spaces.
	body := []byte("\xEF\xBB\xBFAccord de cesse\u0301-le-feu  \r\n\r\n1. Les parties   \r\ncessent le feu.\r2. Fin.\t\r\n")
	doc, err := ingest.Read("accord.txt", body, "")
	if err != nil {
		t.Fatal(err)
	}
	wantText := "Accord de cessé-le-feu\n\n1. Les parties\ncessent le feu.\n2. Fin.\n"
	if doc.Text != wantText {
		t.Errorf("text %q, want %q", doc.Text, wantText)
	}
	if !bytes.Equal(doc.Body, body) {
		t.Error("body was changed")
	}
	if doc.Format != "text" || doc.Preamble != "Accord de cessé-le-feu" {
		t.Errorf("format %q preamble %q", doc.Format, doc.Preamble)
	}
	if len(doc.Points) != 2 || doc.Points[0].Text != "Les parties cessent le feu." || doc.Points[1].Line != 5 {
		t.Errorf("points %+v", doc.Points)
	}
	n, err := ingest.Normalize(body)
	if err != nil || n != wantText {
		t.Errorf("Normalize = %q, %v", n, err)
	}
}

// TestNormalizeSameHash checks that differently encoded copies of one text
// normalise to the same bytes.
func TestNormalizeSameHash(t *testing.T) {
	copies := []string{
		"1. Cessez-le-feu immédiat.\n2. Échange de prisonniers.\n",
		"\uFEFF1. Cessez-le-feu immédiat.\r\n2. Échange de prisonniers.\r\n",
		"1. Cessez-le-feu imme\u0301diat.   \n2. E\u0301change de prisonniers.\n",
	}
	var hashes []string
	for _, c := range copies {
		n, err := ingest.Normalize([]byte(c))
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, parley.HashText(n))
	}
	if hashes[0] != hashes[1] || hashes[0] != hashes[2] {
		t.Errorf("hashes differ: %q", hashes)
	}
}

func TestReadFormat(t *testing.T) {
	body := []byte("# Plan\n\n## Part one\n\n1. **Peace.**\n")
	tests := []struct {
		name, file, format, want string
	}{
		{"md extension", "plan.md", "", "markdown"},
		{"markdown extension", "PLAN.MARKDOWN", "", "markdown"},
		{"txt extension", "plan.txt", "", "text"},
		{"no extension sniffs headings", "-", "", "markdown"},
		{"forced text", "plan.md", "text", "text"},
		{"forced markdown", "plan.txt", "markdown", "markdown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ingest.Read(tt.file, body, tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.want {
				t.Errorf("format %q, want %q", doc.Format, tt.want)
			}
		})
	}
	if doc, _ := ingest.Read("notes", []byte("1. Peace.\n"), ""); doc == nil || doc.Format != "text" {
		t.Errorf("plain text without extension: %+v", doc)
	}
}

func TestReadMarkdown(t *testing.T) {
	body := `---
title: Draft framework
status: leaked
---

# Draft framework

<!-- circulated by the mediator;
     not for publication -->

Ausfertigungsdatum
:   2025-11-20

Fundstelle
:   Mediator's office

## Part one - Security

#### **§ 1** Ceasefire

(1) The parties cease *all* hostilities; see [the map](https://example.org/map).

(2) The line of contact is frozen.

- (a) heavy weapons are withdrawn\;
- (b) mines are cleared.

## Part two - Humanitarian

#### § 2 Prisoners

Prisoners are exchanged __all for all__. <!-- to be confirmed -->

* Other bullets stay as text.

1. First item of a numbered list.
2. Second item.
`
	doc, err := ingest.Read("framework.md", []byte(body), "")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "markdown" {
		t.Errorf("format %q", doc.Format)
	}
	wantPreamble := "Draft framework\n\nAusfertigungsdatum: 2025-11-20\n\nFundstelle: Mediator's office\n\nPart one - Security"
	if doc.Preamble != wantPreamble {
		t.Errorf("preamble %q\nwant %q", doc.Preamble, wantPreamble)
	}
	type pt struct{ path, label, heading, text string }
	var got []pt
	for _, p := range doc.Points {
		got = append(got, pt{p.Key(), p.Label, p.Heading, p.Text})
	}
	want := []pt{
		{"1", "§ 1", "Ceasefire", ""},
		{"1/1", "(1)", "", "The parties cease all hostilities; see the map."},
		{"1/2", "(2)", "", "The line of contact is frozen."},
		{"1/2/a", "(a)", "", "heavy weapons are withdrawn;"},
		{"1/2/b", "(b)", "", "mines are cleared."},
		{"2", "§ 2", "Prisoners", "Prisoners are exchanged all for all.\n\n* Other bullets stay as text."},
		{"2/1", "1.", "", "First item of a numbered list."},
		{"2/2", "2.", "", "Second item."},
	}
	if !slices.Equal(got, want) {
		t.Errorf("points\n got %q\nwant %q", got, want)
	}
	// Lines count lines of the normalised text, front matter included.
	lines := strings.Split(doc.Text, "\n")
	for _, p := range doc.Points {
		line := lines[p.Line-1]
		label := strings.TrimSuffix(p.Label, ".")
		if !strings.Contains(line, label) {
			t.Errorf("point %s: line %d is %q", p.Label, p.Line, line)
		}
	}
}

// TestReadMarkdownInline checks the inline Markdown that must not hide a
// label or stay in a point's text.
func TestReadMarkdownInline(t *testing.T) {
	tests := []struct {
		name, body  string
		label, text string
		heading     string
	}{
		{"bold label", "**1.** The parties agree.\n", "1.", "The parties agree.", ""},
		{"bold keyword", "**Article 5** – *Security guarantees*\n\nText.\n", "Article 5", "Text.", "Security guarantees"},
		{"escaped list number", "1\\. The parties agree.\n", "1.", "The parties agree.", ""},
		{"bullet before a number", "- 1. The parties agree.\n", "1.", "The parties agree.", ""},
		{"star bullet before a letter", "1. Lead:\n\n* a) first item\n", "1.", "Lead:", ""},
		{"plus bullet before parens", "+ (1) First paragraph.\n", "(1)", "First paragraph.", ""},
		{"block quote", "> 1. Quoted point\n> continues.\n", "1.", "Quoted point continues.", ""},
		{"snake case and arithmetic stay", "1. Use file_name and 2 * 3.\n", "1.", "Use file_name and 2 * 3.", ""},
		{"underscore emphasis", "1. The _interim_ __council__.\n", "1.", "The interim council.", ""},
		{"code span", "1. Run `make all` now.\n", "1.", "Run make all now.", ""},
		{"image and reference link", "1. See ![map](m.png) and [annex][a].\n", "1.", "See map and annex.", ""},
		{"tags and entities", "1. A<br>B &amp; C&nbsp;D <span class=\"x\">E</span>\n", "1.", "AB & C\u00a0D E", ""},
		{"not a tag", "1. Fewer than <5 km and a <tag> here.\n", "1.", "Fewer than <5 km and a <tag> here.", ""},
		{"code fence dropped", "1. Text:\n\n```\ncode line\n```\n", "1.", "Text:\n\ncode line", ""},
		{"multi-line comment", "1. Text <!-- a\nb\nc --> end.\n", "1.", "Text end.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ingest.Read("x.md", []byte(tt.body), "")
			if err != nil {
				t.Fatal(err)
			}
			p := doc.Points[0]
			if p.Label != tt.label || p.Text != tt.text || p.Heading != tt.heading {
				t.Errorf("got %q %q heading %q; want %q %q heading %q", p.Label, p.Text, p.Heading, tt.label, tt.text, tt.heading)
			}
		})
	}
}

// TestReadRealTexts reads the shared statutes and licences through Read
// (when they are there): front matter must not reach the preamble, and the
// points must be those of the segmenter.
func TestReadRealTexts(t *testing.T) {
	files, _ := filepath.Glob("../../shared/data/texts/statutes/*.md")
	licences, _ := filepath.Glob("../../shared/data/texts/licences/*.txt")
	files = append(files, licences...)
	if len(files) == 0 {
		t.Skip("no shared texts")
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		doc, err := ingest.Read(name, body, "")
		if name == "AFL-1.2.txt" || name == "W3C-20150513.txt" {
			// Neither has numbered points.
			if parley.ErrorCode(err) != parley.EINVALID {
				t.Errorf("%s: %v, want no numbered points", name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if strings.Contains(doc.Preamble, "layout:") || strings.Contains(doc.Preamble, ":   ") {
			t.Errorf("%s: front matter or definition markers in the preamble: %.200q", name, doc.Preamble)
		}
		for _, p := range doc.Points {
			if err := p.Validate(); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		t.Logf("%-18s %-8s %5d points, preamble %q", name, doc.Format, len(doc.Points), firstLine(doc.Preamble))
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 50 {
		s = s[:50]
	}
	return s
}

// FuzzRead checks that Read never panics and that what it returns is
// consistent: valid UTF-8, points with valid unique paths, lines inside
// the text.
func FuzzRead(f *testing.F) {
	seeds := []string{
		"1. One.\n2. Two:\n(a) x;\n(b) y.\n",
		"Article 5 – Title\n\n(1) Text.\n\nARTICLE VI\n\nEnd.\n",
		"---\nt: x\n---\n#### § 1\n\n(1) **Text** <!-- c -->\n:   def\n- (a) bullet\n",
		"1.1 A\n1.2 B\n2.1 C\n3. D\n",
		"\xEF\xBB\xBF(i) a\r\n(ii) b\r(iii) c\n",
		"\xFF\xFEbad",
		"1.\n\n\n#\n##\n---\n===\n(\n)\n§\n§§ 1\nExhibit\nAnnex Z.\n",
		"    (a) x\n\ny\n\n  1) z\n\t(b) w\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "markdown")
	}
	f.Fuzz(func(t *testing.T, body []byte, format string) {
		if format != "" && format != "text" && format != "markdown" {
			format = ""
		}
		doc, err := ingest.Read("fuzz.txt", body, format)
		if err != nil {
			if parley.ErrorCode(err) == parley.EINTERNAL {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		if !utf8.ValidString(doc.Text) {
			t.Fatal("text is not UTF-8")
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
	})
}

// TestReadWarnings: a text read with its numbering broken carries the
// self-checks' warnings, in every format; a well-read one none.
func TestReadWarnings(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
	}{
		{"plan.txt", "1. One.\n2. Two.\n3. Three.\n", ""},
		{"plan.txt", "1. One.\n2. Two.\n4. Four.\n", "sequence-gap"},
		{"plan.md", "# Plan\n\n1. One.\n2. Two.\n4. Four.\n", "sequence-gap"},
		{"plan.html", "<ol><li>One.</li><li>Two.</li></ol><p>1. Again.</p><p>2. Again.</p>", "duplicate-path"},
	} {
		doc, err := ingest.Read(c.name, []byte(c.text), "")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := ""
		for _, w := range doc.Warnings {
			got = w.Code
		}
		if got != c.want {
			t.Errorf("%s %q: warnings %v, want %q", c.name, c.text, doc.Warnings, c.want)
		}
	}
}
