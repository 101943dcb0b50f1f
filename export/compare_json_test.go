package export_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/export"
	"parley/segment"
)

// The hand-written JSON is byte for byte what encoding/json writes.
func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	old := []parley.Point{
		{Path: []string{"1"}, Label: "1.", Text: "Quotes \" and \\ back-slashes, <tags> & ampersands."},
		{Path: []string{"2"}, Label: "2.", Heading: "Tabs\tand\nlines", Text: "Control \x01 and line separator \u2028 and invalid \xff bytes."},
		{Path: []string{"2", "a"}, Label: "(a)", Text: "Ünïcödé — 600,000 “quoted”."},
	}
	new := []parley.Point{
		{Path: []string{"1"}, Label: "1.", Text: "Quotes \" and \\ back-slashes, <tags> & ampersands!"},
		{Path: []string{"2"}, Label: "2.", Text: "Something else entirely."},
		{Path: []string{"3"}, Label: "3.", Text: "Ünïcödé — 800,000 “quoted”."},
	}
	al := align.Align(old, new, align.Options{})
	checkMatchesEncodingJSON(t, export.Compare(al, "old <v1>", "new & improved"))
}

// checkMatchesEncodingJSON fails unless WriteJSON writes c byte for byte as
// encoding/json does.
func checkMatchesEncodingJSON(t *testing.T, c *export.Comparison) {
	t.Helper()
	var got, want bytes.Buffer
	if err := export.WriteJSON(&got, c); err != nil {
		t.Fatal(err)
	}
	if err := json.NewEncoder(&want).Encode(c); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("hand-written JSON differs:\n got %s\nwant %s", got.String(), want.String())
	}
}

// FuzzWriteJSONText checks the same for any text, long runs of plain ASCII
// and every byte that needs an escape included.
func FuzzWriteJSONText(f *testing.F) {
	f.Add("plain ascii text, long enough for several words <a> & \"b\" \\ c")
	f.Add("12345678\x0012345678\x1f1234567\x7f<>&\u2028\u2029\xff\xfe end")
	f.Add("Ünïcödé — 600,000 “quoted” with plain runs between them.")
	f.Add("form\ffeed and back\bspace")
	f.Fuzz(func(t *testing.T, text string) {
		points := []parley.Point{{Path: []string{"1"}, Label: "1.", Heading: text, Text: text}}
		al := align.Align(points, points, align.Options{})
		checkMatchesEncodingJSON(t, export.Compare(al, text, "new"))
	})
}

// TestWriteJSONWarnings: the warnings of both sides come last, as
// encoding/json writes them, after the fields of the contract.
func TestWriteJSONWarnings(t *testing.T) {
	points := []parley.Point{{Path: []string{"1"}, Label: "1.", Text: "One."}, {Path: []string{"3"}, Label: "3.", Text: "Three."}}
	al := align.Align(points, points, align.Options{})
	c := export.Compare(al, "old.txt", "new.txt")
	c.Warnings = append(export.SideWarnings("old", segment.Check(segment.Segmented{Points: points}, "")), export.SideWarnings("new", []segment.Warning{{Code: "heading-only", Message: "point <2> & more"}})...)
	checkMatchesEncodingJSON(t, c)
	var buf bytes.Buffer
	if err := export.WriteJSON(&buf, c); err != nil {
		t.Fatal(err)
	}
	want := `,"warnings":[{"side":"old","code":"sequence-gap","message":"the top-level list skips 2: 3 follows 1","path":["3"]}`
	if !strings.Contains(buf.String(), want) {
		t.Errorf("JSON %s, want %s", buf.String(), want)
	}
}
