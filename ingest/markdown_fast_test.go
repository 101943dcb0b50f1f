package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// slowMarkdownView is markdownView with every line read in full.
func slowMarkdownView(text string) string {
	plainLines = false
	defer func() { plainLines = true }()
	return markdownView(text)
}

// FuzzMarkdownPlainLines checks that passing over plain lines changes
// nothing: markdownView gives the same view with and without it.
func FuzzMarkdownPlainLines(f *testing.F) {
	for _, seed := range []string{
		"# Title\n\n1. First *point*\n2. Second <!-- a\nnote --> end\n",
		"---\ntitle: x\n---\n\nTerm\n:   its definition\n\n- (a) item\n> quoted 3. text\n",
		"```\n1. code\n```\n~~~\nx\n~~~\n   * 1. bullet\n\\*escaped\\* [link](http://x) &amp; <b>bold</b>!\n",
		"text <!-- open\nstill comment\n--> after\n:\tdef\n+ (i) roman\n",
	} {
		f.Add(seed)
	}
	if paths, _ := filepath.Glob("../testdata/align/*/old.md"); len(paths) > 0 {
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := markdownView(text), slowMarkdownView(text); got != want {
			t.Fatalf("markdownView(%q)\n= %q\nwithout the plain-line pass: %q", text, got, want)
		}
	})
}

// TestMarkdownPlainLinesStatutes checks the same on the shared statutes,
// where they are on this machine.
func TestMarkdownPlainLinesStatutes(t *testing.T) {
	paths, _ := filepath.Glob("../../shared/data/texts/statutes/*.md")
	if len(paths) == 0 {
		t.Skip("statutes not here")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if markdownView(string(b)) != slowMarkdownView(string(b)) {
			t.Errorf("%s: the plain-line pass changes the view", p)
		}
	}
}
