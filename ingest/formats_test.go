package ingest_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/ingest"
)

// roundTrips are the plain texts in testdata/formats with their DOCX, PDF
// and HTML versions, made by make.sh with LibreOffice: plan-28 and
// roman-lists with automatic list numbering (Word's numbering in the
// DOCX, <ol> in the HTML), the others with typed numbers.
var roundTrips = []string{"plan-28", "roman-lists", "contract-dotted", "treaty-roman-articles"}

// needPDFToText skips a test without pdftotext, except in CI, which
// installs it (.ci/run) and where a skip would hide a broken reader.
func needPDFToText(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatal("pdftotext is not installed (poppler-utils); CI must install it")
		}
		tb.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
}

// pointView is what a round trip must keep of a point.
type pointView struct {
	path, label, text string
}

func viewPoints(points []parley.Point) []pointView {
	out := make([]pointView, len(points))
	for i, p := range points {
		out[i] = pointView{p.Key(), p.Label, strings.Join(strings.Fields(p.Text), " ")}
	}
	return out
}

// TestReadFormatsRoundTrip reads each document and checks that it gives
// the points of its plain text: the same paths, labels and own texts
// (white space aside).
func TestReadFormatsRoundTrip(t *testing.T) {
	for _, name := range roundTrips {
		body, err := os.ReadFile(filepath.Join("testdata/formats", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := ingest.Read(name+".txt", body, "")
		if err != nil {
			t.Fatal(err)
		}
		want := viewPoints(plain.Points)
		for _, format := range []string{"docx", "html", "pdf"} {
			t.Run(name+"."+format, func(t *testing.T) {
				if format == "pdf" {
					needPDFToText(t)
				}
				file := filepath.Join("testdata/formats", name+"."+format)
				body, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := ingest.Read(filepath.Base(file), body, "")
				if err != nil {
					t.Fatal(err)
				}
				if doc.Format != format || string(doc.Body) != string(body) {
					t.Errorf("format %q, body kept: %v", doc.Format, string(doc.Body) == string(body))
				}
				got := viewPoints(doc.Points)
				for i := range max(len(got), len(want)) {
					var g, w pointView
					if i < len(got) {
						g = got[i]
					}
					if i < len(want) {
						w = want[i]
					}
					if g != w {
						t.Errorf("point %d:\n got %q\nwant %q", i, g, w)
					}
				}
				if t.Failed() {
					t.Logf("text:\n%s", doc.Text)
				}
				lines := strings.Split(doc.Text, "\n")
				for _, p := range doc.Points {
					if p.Line < 1 || p.Line > len(lines) || !strings.Contains(lines[p.Line-1], strings.TrimSuffix(p.Label, ".")) {
						t.Errorf("point %s: line %d is not its label line", p.Label, p.Line)
					}
				}
			})
		}
	}
}

// minimalPDF builds a one-page PDF that shows lines of text in Helvetica,
// or an empty page without lines.
func minimalPDF(lines ...string) []byte {
	var content strings.Builder
	if len(lines) > 0 {
		content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
		for _, l := range lines {
			l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
			content.WriteString("(" + l + ") Tj T*\n")
		}
		content.WriteString("ET\n")
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// zipBomb is a ZIP archive whose word/document.xml unpacks to more than
// MaxBytes; with lie its header claims a small size.
func zipBomb(tb testing.TB, lie bool) []byte {
	tb.Helper()
	var data bytes.Buffer
	fw, _ := flate.NewWriter(&data, flate.BestSpeed)
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for range ingest.MaxBytes>>20 + 1 {
		fw.Write(zeros)
		crc.Write(zeros)
	}
	fw.Close()
	size := uint64(ingest.MaxBytes + 1<<20)
	if lie {
		size = 1000
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(data.Len()), UncompressedSize64: size})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(data.Bytes())
	zw.Close()
	return buf.Bytes()
}

// TestReadFormatErrors checks that damaged and unreadable documents give
// a *parley.Error that names the file and the problem.
func TestReadFormatErrors(t *testing.T) {
	plan, err := os.ReadFile("testdata/formats/plan-28.pdf")
	if err != nil {
		t.Fatal(err)
	}
	docx, err := os.ReadFile("testdata/formats/plan-28.docx")
	if err != nil {
		t.Fatal(err)
	}
	damaged := bytes.Clone(docx)
	zr, _ := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			off, _ := f.DataOffset()
			for i := off + 100; i < off+200; i++ {
				damaged[i] ^= 0x55
			}
		}
	}
	// A content stream cut short: Poppler reads the rest and warns.
	brokenStream := bytes.Clone(plan)
	if i := bytes.Index(brokenStream, []byte("stream\n")); i >= 0 {
		for k := i + 60; k < i+160; k++ {
			brokenStream[k] = 'A'
		}
	}
	manyFiles := func() []byte {
		parts := []docxPart{{name: "word/document.xml", body: "<w:document " + wordNS + "/>"}}
		for i := range 10_001 {
			parts = append(parts, docxPart{name: fmt.Sprintf("f%d", i)})
		}
		return makeZip(t, parts...)
	}
	tests := []struct {
		name   string
		file   string
		body   []byte
		format string
		code   string
		msg    []string
		pdf    bool // needs pdftotext
	}{
		{"corrupt zip", "plan.docx", []byte("PK\x03\x04 this is not really a zip archive"), "", parley.EINVALID, []string{"plan.docx is not a readable Word document: the ZIP archive is damaged"}, false},
		{"damaged part", "plan.docx", damaged, "", parley.EINVALID, []string{"plan.docx", "word/document.xml is damaged"}, false},
		{"zip without document.xml", "plan.docx", makeZip(t, docxPart{name: "content.xml", body: "<x/>"}), "", parley.EINVALID, []string{"plan.docx is a ZIP archive but not a Word document: it has no word/document.xml"}, false},
		{"not a zip", "plan.docx", []byte("1. Plain text in a .docx\n"), "", parley.EINVALID, []string{"plan.docx is not a Word (.docx) document: it is not a ZIP archive"}, false},
		{"PDF named .docx", "plan.docx", plan, "", parley.EINVALID, []string{"plan.docx is not a Word (.docx) document", "looks like a PDF document"}, false},
		{"zip bomb", "plan.docx", zipBomb(t, false), "", parley.ETOOLARGE, []string{"plan.docx unpacks to more than 32.0 MiB", "word/document.xml"}, false},
		{"zip bomb lying about its size", "plan.docx", zipBomb(t, true), "", parley.EINVALID, []string{"plan.docx is not a readable Word document: word/document.xml is damaged"}, false},
		{"too many files", "plan.docx", manyFiles(), "", parley.ETOOLARGE, []string{"plan.docx is a ZIP archive of 10,002 files", "limit is 10,000"}, false},
		{"bad XML", "plan.docx", makeDOCX(t, "<w:p><w:r><w:t>1. x</w:r></w:p>", "", ""), "", parley.EINVALID, []string{"plan.docx is damaged: word/document.xml: XML syntax error"}, false},
		{"bad numbering XML", "plan.docx", makeDOCX(t, para("", "1. x"), "<w:num", ""), "", parley.EINVALID, []string{"plan.docx is damaged: word/numbering.xml"}, false},
		{"Word without points", "letter.docx", makeDOCX(t, para("", "Dear colleagues,")+para("", "we write to you."), "", ""), "", parley.EINVALID, []string{"letter.docx has no numbered points"}, false},
		{"Word without text", "empty.docx", makeDOCX(t, "", "", ""), "", parley.EINVALID, []string{"empty.docx has no text"}, false},
		{"truncated PDF", "plan.pdf", plan[:len(plan)/2], "", parley.EINVALID, []string{"plan.pdf is truncated or damaged"}, false},
		{"PDF with no text", "scan.pdf", minimalPDF(), "", parley.EINVALID, []string{"scan.pdf has no text", "OCR"}, true},
		{"PDF with a damaged stream", "plan.pdf", brokenStream, "", parley.EINVALID, []string{"plan.pdf is damaged and part of its text cannot be read", "flate stream"}, true},
		{"damaged PDF", "plan.pdf", []byte("%PDF-1.7\n1 0 obj garbage\n%%EOF\n"), "", parley.EINVALID, []string{"plan.pdf is not a readable PDF"}, true},
		{"text named .pdf", "plan.pdf", []byte("1. Plain text.\n"), "", parley.EINVALID, []string{"plan.pdf is not a PDF document: it does not start with %PDF-"}, false},
		{"HTML named .pdf", "plan.pdf", []byte("<!DOCTYPE html><p>1. x</p>"), "", parley.EINVALID, []string{"plan.pdf is not a PDF document", "looks like an HTML page"}, false},
		{"PDF without points", "notes.pdf", minimalPDF("Dear colleagues,", "we write to you."), "", parley.EINVALID, []string{"notes.pdf has no numbered points"}, true},
		{"HTML without points", "page.html", []byte("<html><body><h1>News</h1><p>Talks went on.</p></body></html>"), "", parley.EINVALID, []string{"page.html has no numbered points", "<ol>"}, false},
		{"HTML whose text is over the limit", "page.html", []byte(strings.Repeat("<ol><li>", 12) + strings.Repeat("x<br>", 8<<20/5)), "", parley.ETOOLARGE, []string{"the text of page.html is over the limit of 32.0 MiB"}, false},
		{"HTML without text", "page.html", []byte("<html><head><title>1. x</title><script>2. y</script></head><body></body></html>"), "", parley.EINVALID, []string{"page.html has no text"}, false},
		{"HTML in Latin-1 without a charset", "page.html", []byte("<p>1. Caf\xe9.</p>"), "", parley.EINVALID, []string{"page.html is not valid UTF-8", "line 1, column 10", "<meta charset>"}, false},
		{"HTML that is binary", "page.html", []byte("<p>1. \x00\x01\x02</p>"), "", parley.EINVALID, []string{"page.html looks like a binary file"}, false},
		{"forced PDF on text", "plan.txt", []byte("1. Text.\n"), "pdf", parley.EINVALID, []string{"plan.txt is not a PDF document"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pdf {
				needPDFToText(t)
			}
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

// TestReadPDFWithoutPDFToText checks the message when Poppler is missing.
func TestReadPDFWithoutPDFToText(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := ingest.Read("plan.pdf", minimalPDF("1. Text."), "")
	if parley.ErrorCode(err) != parley.EINTERNAL || !strings.Contains(parley.ErrorMessage(err), "plan.pdf") ||
		!strings.Contains(parley.ErrorMessage(err), "install poppler-utils") {
		t.Fatalf("error %v, want one that says to install poppler-utils", err)
	}
}

// TestReadPDFMinimal reads a PDF made by hand, not by LibreOffice.
func TestReadPDFMinimal(t *testing.T) {
	needPDFToText(t)
	doc, err := ingest.Read("-", minimalPDF("Heads of agreement", "1. The parties meet.", "2. They sign (soon)."), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1 1. The parties meet.", "2 2. They sign (soon)."}
	if got := outline(doc.Points); doc.Format != "pdf" || !slices.Equal(got, want) {
		t.Errorf("format %q, points %q", doc.Format, got)
	}
}

func TestDetectFormat(t *testing.T) {
	docx, err := os.ReadFile("testdata/formats/plan-28.docx")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		body       []byte
		want       string
	}{
		{"html extension", "a.HTML", []byte("1. x"), "html"},
		{"htm extension", "a.htm", nil, "html"},
		{"xhtml extension", "a.xhtml", nil, "html"},
		{"docx extension", "a.docx", []byte("x"), "docx"},
		{"pdf extension", "a.pdf", []byte("x"), "pdf"},
		{"txt says text", "a.txt", []byte("%PDF-1.7"), "text"},
		{"md says markdown", "a.md", []byte("<!DOCTYPE html>"), "markdown"},
		{"PDF magic", "download", []byte("%PDF-1.7\n"), "pdf"},
		{"Word archive", "download.bin", docx, "docx"},
		{"other ZIP", "download", makeZip(t, docxPart{name: "content.xml"}), "text"},
		{"doctype", "-", []byte("\xEF\xBB\xBF  <!-- saved -->\n<!doctype HTML>\n<p>1. x"), "html"},
		{"xml declaration and html", "-", []byte("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"), "html"},
		{"UTF-16 html", "-", utf16LE("\uFEFF<html><body>"), "html"},
		{"other doctype", "-", []byte("<!DOCTYPE note><note/>"), "text"},
		{"html later in the text", "-", []byte("1. Send <html> to them.\n"), "text"},
		{"markdown", "-", []byte("# A\n\n## B\n"), "markdown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ingest.DetectFormat(tt.file, tt.body); got != tt.want {
				t.Errorf("DetectFormat = %q, want %q", got, tt.want)
			}
		})
	}
}
