package export_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/export"
)

func textPoints(texts ...string) []parley.Point {
	out := make([]parley.Point, len(texts))
	for n, text := range texts {
		out[n] = parley.Point{Path: []string{fmt.Sprint(n + 1)}, Label: fmt.Sprint(n+1) + ".", Text: text}
	}
	return out
}

// The diagram's boxes show each point's number and first words, escaped;
// with Href each box is a link; a point that comes back after a gap has a
// dashed band, and the evolution table says it came back.
func TestLineageSVG(t *testing.T) {
	ceasefire := "All hostilities cease at midnight on the day of signature."
	amnesty := "A full amnesty covers acts committed during the war <and> after."
	prisoners := "Prisoners of war are exchanged all for all within thirty days."
	lin := align.Follow([][]parley.Point{
		textPoints(ceasefire, amnesty),
		textPoints(ceasefire, prisoners),
		textPoints(ceasefire, amnesty, prisoners),
	})
	var buf bytes.Buffer
	href := func(k, i int) string { return fmt.Sprintf("/versions/%d#p-%d", k+1, i+1) }
	if err := export.WriteLineageSVG(&buf, lin, []string{"one", "two", "three"}, export.LineageSVGOptions{Href: href}); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	for _, want := range []string{
		`<tspan font-weight="600">1</tspan> All hostilities cease`,               // number and first words
		"A full amnesty covers acts committed during the war &lt;and&gt; after.", // the whole text, escaped, in the title
		`<a href="/versions/3#p-2">`,                                             // a link per box
		`stroke-dasharray="6 4"><title>back, unchanged</title>`,                  // the return
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG has no %s", want)
		}
	}
	if strings.Contains(svg, "<and>") {
		t.Error("a point's text is in the SVG unescaped")
	}
	var table bytes.Buffer
	if err := export.WriteLineageText(&table, export.Lineage(lin, []string{"one", "two", "three"})); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "back, unchanged") {
		t.Errorf("the evolution table does not say the amnesty came back:\n%s", table.String())
	}
}
