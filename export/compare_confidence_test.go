package export_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/export"
)

// Every link carries its confidence in the JSON, and a low-confidence link
// is flagged in the text, Markdown and HTML outputs; a confident one is
// not.
func TestCompareFlagsLowConfidence(t *testing.T) {
	old := []parley.Point{
		{Path: []string{"1"}, Label: "1.", Text: "The parties stop all fire from 1 May along the whole line."},
		{Path: []string{"2"}, Label: "2.", Text: "Monitors patrol both sides."},
	}
	new := []parley.Point{
		{Path: []string{"1"}, Label: "1.", Text: "The parties stop all fire from 2 May along the whole line."},
		{Path: []string{"2"}, Label: "2.", Text: "Observers may travel anywhere."},
	}
	al := &align.Alignment{Old: old, New: new, Links: []align.Link{
		{Old: []int{0}, New: []int{0}, Kind: align.Reworded, Similarity: 0.9, Confidence: 0.95},
		{Old: []int{1}, New: []int{1}, Kind: align.Reworded, Similarity: 0.1, Confidence: 0.2},
	}}
	c := export.Compare(al, "old", "new")
	var buf bytes.Buffer
	if err := export.WriteJSON(&buf, c); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Links []map[string]any `json:"links"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for k, want := range []float64{0.95, 0.2} {
		if got, ok := doc.Links[k]["confidence"].(float64); !ok || got != want {
			t.Errorf("link %d: confidence %v, want %v", k, doc.Links[k]["confidence"], want)
		}
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
		if n := strings.Count(out, "low confidence"); n != 1 {
			t.Errorf("%s output flags %d links as low confidence, want 1:\n%s", name, n, out)
		}
	}
}
