package export_test

import (
	"bytes"
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/export"
)

// A link of unknown text is shown as such in every output: no redline
// that strikes the known text and inserts the placeholder.
func TestCompareShowsUnknownText(t *testing.T) {
	old := []parley.Point{
		{Path: []string{"1"}, Label: "1.", Text: "The parties stop all fire from 1 May."},
		{Path: []string{"2"}, Label: "2.", Text: "[text withheld]"},
		{Path: []string{"3"}, Label: "3.", Text: "Prisoners are exchanged all for all."},
	}
	new := []parley.Point{
		{Path: []string{"1"}, Label: "1.", Text: "The parties stop all fire from 1 May."},
		{Path: []string{"2"}, Label: "2.", Text: "Monitors patrol both sides of the line."},
		{Path: []string{"3"}, Label: "3.", Text: "Prisoners are exchanged all for all."},
	}
	al := align.Align(old, new, align.Options{})
	c := export.Compare(al, "old", "new")
	var unknown *export.LinkJSON
	for k := range c.Links {
		if c.Links[k].Kind == align.Unknown {
			unknown = &c.Links[k]
		}
	}
	if unknown == nil {
		t.Fatalf("no unknown link in %+v", c.Links)
	}
	if len(unknown.Redline) > 0 {
		t.Errorf("unknown link has a redline: %+v", unknown.Redline)
	}
	var text, md, html bytes.Buffer
	if err := export.WriteText(&text, c, al, export.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := export.WriteMarkdown(&md, c, al); err != nil {
		t.Fatal(err)
	}
	if err := export.WriteHTML(&html, c, al); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "markdown": md.String(), "html": html.String()} {
		if !strings.Contains(out, "text not known") {
			t.Errorf("%s output does not say the text is not known:\n%s", name, out)
		}
		if strings.Contains(out, "[-[text withheld]") || strings.Contains(out, "~~[text withheld]~~") || strings.Contains(out, "<del>[text withheld]") {
			t.Errorf("%s output strikes the placeholder as deleted:\n%s", name, out)
		}
	}
}
