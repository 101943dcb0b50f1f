package align_test

import (
	"testing"

	"parley"
	"parley/align"
)

func points(paths ...string) []parley.Point {
	texts := map[string]string{
		"ceasefire": "All hostilities cease at midnight on the day of signature.",
		"prisoners": "Prisoners of war are exchanged all for all within thirty days.",
		"elections": "Elections are held within one hundred days under international observation.",
		"amnesty":   "A full amnesty covers acts committed during the war.",
		"council":   "A peace council chaired by the mediator oversees implementation.",
		"grain":     "Grain shipments through the Black Sea continue without hindrance.",
	}
	var out []parley.Point
	for n, key := range paths {
		out = append(out, parley.Point{Path: []string{itoa(n + 1)}, Label: itoa(n+1) + ".", Text: texts[key]})
	}
	return out
}

func itoa(n int) string { return string(rune('0' + n)) }

func TestFollowThreadsThroughVersions(t *testing.T) {
	v1 := points("ceasefire", "prisoners", "elections", "amnesty")
	v2 := points("ceasefire", "elections", "prisoners", "amnesty", "council") // 2 and 3 swap, council added
	v3 := points("ceasefire", "grain", "elections", "prisoners", "council")   // amnesty dropped, grain added
	lin := align.Follow([][]parley.Point{v1, v2, v3})
	if len(lin.Steps) != 2 {
		t.Fatalf("%d steps, want 2", len(lin.Steps))
	}
	// Threads: ceasefire, grain (after ceasefire), prisoners/elections in some order, amnesty, council.
	byText := map[string]align.Thread{}
	for _, th := range lin.Threads {
		for k, ps := range th.Points {
			if len(ps) > 0 {
				byText[lin.Versions[k][ps[0]].Text] = th
				break
			}
		}
	}
	if len(lin.Threads) != 6 {
		t.Fatalf("%d threads, want 6", len(lin.Threads))
	}
	amnesty := byText[v1[3].Text]
	if len(amnesty.Points[2]) != 0 || amnesty.Kinds[1] != align.Deleted || amnesty.Kinds[0] != align.Unchanged {
		t.Errorf("amnesty thread = %+v, want kept then deleted", amnesty)
	}
	council := byText[v2[4].Text]
	if len(council.Points[0]) != 0 || council.Kinds[0] != align.Added || len(council.Points[2]) != 1 {
		t.Errorf("council thread = %+v, want added in version 2 and kept", council)
	}
	grain := byText[v3[1].Text]
	if lin.Threads[1].Points[2] == nil || lin.Threads[1].Points[2][0] != grain.Points[2][0] {
		t.Errorf("grain, added after the ceasefire point, should be the second thread; threads: %+v", lin.Threads)
	}
	moved := 0
	for _, l := range lin.Steps[0].Links {
		if l.Kind == align.Moved {
			moved++
		}
	}
	if moved != 1 {
		t.Errorf("%d moved links in the swap, want 1", moved)
	}
}
