package ingest

// Tests of the stage after pdftotext: layout text to plain lines.

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"parley"
)

func TestPDFPlainText(t *testing.T) {
	long := "The parties agree to the terms set out below in this draft text,"
	tests := []struct {
		name, layout, want string
	}{
		{
			name: "running heads, feet and page numbers",
			layout: "Draft – not for publication\n\nFramework\n\n1. First point.\n\n- 1 -\n\f" +
				"Draft – not for publication\n\n2. Second point.\n\nPage 2 of 3\n\f" +
				"Draft – not for publication\n\n3. Third point.\n\n3\n\f",
			want: "Framework\n\n1. First point.\n\n2. Second point.\n\n3. Third point.\n",
		},
		{
			name:   "a running head with the page number in it",
			layout: "Ceasefire agreement, page 1 of 2\n1. First.\n\fCeasefire agreement, page 2 of 2\n2. Second.\n\f",
			want:   "1. First.\n\n2. Second.\n",
		},
		{
			name:   "labels atop pages stay",
			layout: "Article 1 Scope\n\nText one.\n\fArticle 2 Scope\n\nText two.\n\f",
			want:   "Article 1 Scope\n\nText one.\n\nArticle 2 Scope\n\nText two.\n",
		},
		{
			name:   "a title that repeats the running head stays once",
			layout: "Peace plan\nPeace plan\n\n1. One.\n\fPeace plan\n2. Two.\n\f",
			want:   "Peace plan\n\n1. One.\n\n2. Two.\n",
		},
		{
			name:   "a single page keeps its first line but not its page number",
			layout: "Heads of agreement\n1. Meet.\n\n\n        Page 1 of 1\n\f",
			want:   "Heads of agreement\n\n1. Meet.\n",
		},
		{
			name:   "hyphenated words",
			layout: long + " non-aggres-\nsion is agreed, and so is non-aggression, and arms-\ncontrol talks follow, after which a deci\u00ad\nsion is taken.\n",
			want:   long + " non-aggression\nis agreed, and so is non-aggression, and arms-control\ntalks follow, after which a decision\nis taken.\n",
		},
		{
			name:   "a hyphen before a label or a capital stays",
			layout: long + " Russia-\nUkraine talks and then the list follows in the next lines, as it does in\n" + long + " see-\na) first item\n",
			want:   long + " Russia-\nUkraine talks and then the list follows in the next lines, as it does in\n" + long + " see-\na) first item\n",
		},
		{
			name:   "spaces inside lines are squeezed, indentation kept",
			layout: "1.    The   parties:\n      (a)   first;\n",
			want:   "1. The parties:\n\n      (a) first;\n",
		},
		{
			name:   "blank lines where paragraphs end",
			layout: strings.Repeat(long+"\n", 12) + "Short line.\nNext paragraph\n2. After a heading.\n",
			want:   strings.Repeat(long+"\n", 12) + "Short line.\n\nNext paragraph\n\n2. After a heading.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pdfPlainText(tt.layout); got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// FuzzReadPDF checks the reading of PDF: inputs that start with "%PDF-"
// go through pdftotext (when it is installed), all others are taken as
// pdftotext's layout text and go through the stage after it. Neither may
// panic, fail with an internal error or give points that are not valid.
func FuzzReadPDF(f *testing.F) {
	f.Add([]byte("Title\n\n1. One.\n\n- 1 -\n\fTitle\n2. Two:\n    (a) x-\n    ray;\n\f"))
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	_, noPoppler := exec.LookPath("pdftotext")
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.HasPrefix(data, []byte("%PDF-")) {
			if noPoppler != nil {
				return
			}
			doc, err := Read("fuzz.pdf", data, FormatPDF)
			checkFuzzResult(t, doc, err)
			return
		}
		plain := pdfPlainText(string(data))
		if !utf8.ValidString(plain) || strings.ContainsAny(plain, "\f\r") {
			t.Fatalf("layout stage gave %q", plain)
		}
		doc, err := segmentPlain("fuzz.pdf", FormatPDF, data, plain, nil)
		checkFuzzResult(t, doc, err)
	})
}

// checkFuzzResult checks what Read returned for a fuzz input: a
// *parley.Error that is not internal, or a consistent document.
func checkFuzzResult(t *testing.T, doc *Document, err error) {
	t.Helper()
	if err != nil {
		if code := parley.ErrorCode(err); code == parley.EINTERNAL || code == "" {
			t.Fatalf("error %v is internal", err)
		}
		return
	}
	if !utf8.ValidString(doc.Text) {
		t.Fatal("text is not UTF-8")
	}
	if n, err := Normalize([]byte(doc.Text)); err == nil && n != doc.Text {
		t.Fatalf("text is not normalised")
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
