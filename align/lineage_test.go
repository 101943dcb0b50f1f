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

// A provision left out of one version and taken up again by a later one
// keeps its thread: the lineage follows it across the version that lacks
// it, and says at which step it came back.
func TestFollowAcrossAVersionThatLacksAPoint(t *testing.T) {
	v1 := points("ceasefire", "prisoners", "elections", "amnesty")
	v2 := points("ceasefire", "prisoners", "elections")            // amnesty left out
	v3 := points("ceasefire", "prisoners", "elections", "amnesty") // and back
	v4 := points("ceasefire", "prisoners", "council")
	lin := align.Follow([][]parley.Point{v1, v2, v3, v4})
	if len(lin.Threads) != 5 {
		t.Fatalf("%d threads, want 5 (amnesty once, not twice): %+v", len(lin.Threads), lin.Threads)
	}
	var amnesty *align.Thread
	for k := range lin.Threads {
		if len(lin.Threads[k].Points[0]) == 1 && lin.Versions[0][lin.Threads[k].Points[0][0]].Text == v1[3].Text {
			amnesty = &lin.Threads[k]
		}
	}
	if amnesty == nil {
		t.Fatal("no thread starts with the amnesty point")
	}
	if len(amnesty.Points[1]) != 0 || len(amnesty.Points[2]) != 1 || amnesty.Points[2][0] != 3 {
		t.Errorf("amnesty thread points = %v, want v1 4, none in v2, v3 4", amnesty.Points)
	}
	if amnesty.Kinds[0] != align.Deleted || amnesty.Kinds[1] != align.Unchanged || !amnesty.Back[1] || amnesty.Back[0] {
		t.Errorf("amnesty kinds = %v, back = %v; want deleted then back unchanged", amnesty.Kinds, amnesty.Back)
	}
	if len(lin.Returns) != 1 || lin.Returns[0].From != 0 || lin.Returns[0].To != 2 {
		t.Errorf("returns = %+v, want one from version 0 to 2", lin.Returns)
	}
	// Elections, dropped in v4, never comes back; council is new in v4.
	for _, th := range lin.Threads {
		if len(th.Points[3]) == 1 && lin.Versions[3][th.Points[3][0]].Text == v4[2].Text && (th.Kinds[2] != align.Added || th.Back[2]) {
			t.Errorf("council thread = %+v, want added", th)
		}
	}
}
