package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// shownPoint is a point as "parley show --format json" lists it.
type shownPoint struct {
	Path    []string `json:"path"`
	Label   string   `json:"label"`
	Heading string   `json:"heading"`
	Text    string   `json:"text"`
}

func shownPoints(t *testing.T, c *cli, id string) ([]shownPoint, string) {
	t.Helper()
	var v struct {
		Points   []shownPoint `json:"points"`
		Preamble string       `json:"preamble"`
	}
	c.jsonOf(&v, "show", id)
	return v.Points, v.Preamble
}

// roundTripExtra are texts beyond the demo's for the round trips: points
// with headings (articles, a dotted contract) and a point of several
// paragraphs.
var roundTripExtra = map[string]string{
	"treaty.txt":   "../../ingest/testdata/formats/treaty-roman-articles.txt",
	"contract.txt": "../../ingest/testdata/formats/contract-dotted.txt",
}

// TestExportImportRoundTrip exports every demo version (and texts with
// headings and multi-paragraph points) in every format that carries the
// text, imports each export as a new version and checks that it has the
// same points: paths, labels, headings and texts, in order.
//
// The differences allowed, and why: in the HTML page (a rendering for
// browsers, where white space collapses) and in Markdown (where a blank
// line would end a list item) the line breaks inside a point's text may
// come back as spaces, so for html and md texts are compared with their
// white space collapsed. Everything else must be exact; json and akn, which
// carry the points themselves, are exact in the text too, and keep the
// preamble as text does (Markdown and HTML put the version's facts before
// it, which read back as preamble).
func TestExportImportRoundTrip(t *testing.T) {
	c, _ := demoCLI(t)
	ids := demoVersionIDs(t, c)
	multi := writeTemp(t, "multi.txt", "Agreement\n\n1. The parties agree:\n\nfirst, to talk;\n\nsecond, to meet.\n\n2. Done.\n\n(a) In two copies.\n")
	extra := map[string]string{"multi.txt": multi}
	for name, file := range roundTripExtra {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		extra[name] = writeTemp(t, name, string(body))
	}
	for name, file := range extra {
		var out struct{ Version int64 }
		c.jsonOf(&out, "import", file, "--negotiation", "Sources", "--label", name)
		ids[name] = strconv.FormatInt(out.Version, 10)
	}
	formats := map[string]string{"text": ".txt", "md": ".md", "html": ".html", "json": ".json", "akn": ".akn"}
	dir := t.TempDir()
	n := 0
	for label, id := range ids {
		want, preamble := shownPoints(t, c, id)
		warnings := map[string]string{} // format -> the codes of its warnings
		for format, ext := range formats {
			n++
			file := filepath.Join(dir, "v"+id+ext)
			c.ok("export", id, "--format", format, "--output", file)
			var out struct {
				Version  int64
				Warnings []struct{ Code string }
			}
			c.jsonOf(&out, "import", file, "--negotiation", "Round trips", "--label", format+" of "+label, "--again")
			got, gotPreamble := shownPoints(t, c, strconv.FormatInt(out.Version, 10))
			if (format == "json" || format == "akn" || format == "text") && gotPreamble != preamble {
				t.Errorf("%s as %s: preamble %q, want %q", label, format, gotPreamble, preamble)
			}
			loose := format == "html" || format == "md"
			if len(got) != len(want) {
				t.Errorf("%s as %s: %d points back, want %d", label, format, len(got), len(want))
				continue
			}
			for i := range want {
				g, w := got[i], want[i]
				if loose {
					g.Text, w.Text = strings.Join(strings.Fields(g.Text), " "), strings.Join(strings.Fields(w.Text), " ")
				}
				if strings.Join(g.Path, "/") != strings.Join(w.Path, "/") || g.Label != w.Label || g.Heading != w.Heading || g.Text != w.Text {
					t.Errorf("%s as %s, point %d:\n got %+v\nwant %+v", label, format, i, g, w)
				}
			}
			for _, w := range out.Warnings {
				warnings[format] += w.Code + " "
			}
		}
		// The self-checks find in every export what they find in the
		// text (a gap in the contract's annexes).
		for format, codes := range warnings {
			if codes != warnings["text"] {
				t.Errorf("%s as %s: warnings %q, the text has %q", label, format, codes, warnings["text"])
			}
		}
	}
	if n != 5*len(ids) || len(ids) != 8 {
		t.Errorf("%d round trips of %d versions", n, len(ids))
	}
}
