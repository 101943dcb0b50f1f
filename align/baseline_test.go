package align_test

import (
	"math"
	"sort"
	"strings"
	"testing"
	"unicode"

	"parley"
	"parley/align"
)

// baselineAlign is the peer that parley's aligner is measured against: a
// plain sequence aligner of the kind a user could write in sixty lines with
// Python's difflib. Each point is the sequence of its words (heading and
// text, lower case); two points are alike by the ratio 2M/(|a|+|b|), M the
// length of the longest common subsequence of their words, as
// SequenceMatcher.ratio computes it; pairs above 0.5 are matched greedily,
// best first, one to one. It makes no splits, merges or moves: an
// unmatched point is deleted or added, a matched one unchanged when its
// words are the same and reworded otherwise.
func baselineAlign(old, new []parley.Point) []align.PathLink {
	ow, nw := make([][]string, len(old)), make([][]string, len(new))
	for i := range old {
		ow[i] = pointWords(&old[i])
	}
	for j := range new {
		nw[j] = pointWords(&new[j])
	}
	type cand struct {
		i, j  int
		ratio float64
	}
	var cands []cand
	for i := range ow {
		for j := range nw {
			if r := wordRatio(ow[i], nw[j]); r > 0.5 {
				cands = append(cands, cand{i, j, r})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].ratio > cands[b].ratio })
	usedOld, usedNew := make([]bool, len(old)), make([]bool, len(new))
	var links []align.PathLink
	for _, c := range cands {
		if usedOld[c.i] || usedNew[c.j] {
			continue
		}
		usedOld[c.i], usedNew[c.j] = true, true
		kind := align.Reworded
		if c.ratio == 1 {
			kind = align.Unchanged
		}
		links = append(links, align.PathLink{Old: [][]string{old[c.i].Path}, New: [][]string{new[c.j].Path}, Kind: kind})
	}
	for i, used := range usedOld {
		if !used {
			links = append(links, align.PathLink{Old: [][]string{old[i].Path}, Kind: align.Deleted})
		}
	}
	for j, used := range usedNew {
		if !used {
			links = append(links, align.PathLink{New: [][]string{new[j].Path}, Kind: align.Added})
		}
	}
	return links
}

// pointWords are the lower-case words (runs of letters and digits) of a
// point's heading and text.
func pointWords(p *parley.Point) []string {
	return strings.FieldsFunc(strings.ToLower(p.Heading+" "+p.Text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// wordRatio is 2M/(|a|+|b|) with M the longest common subsequence of a and
// b; two empty sequences are alike (1).
func wordRatio(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return 2 * float64(prev[len(b)]) / float64(len(a)+len(b))
}

func TestWordRatio(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"a b c", "a b c", 1},
		{"a b c d", "a x c y", 0.5}, // LCS "a c": 2*2/8
		{"a b", "c d", 0},
		{"a b c", "c b a", 1.0 / 3}, // LCS of length 1
	}
	for _, tt := range tests {
		ta := pointWords(&parley.Point{Text: tt.a})
		tb := pointWords(&parley.Point{Text: tt.b})
		if got := wordRatio(ta, tb); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("wordRatio(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// The baseline matches one to one above 0.5, best first, and leaves the
// rest deleted and added; it never splits or merges.
func TestBaselineAlign(t *testing.T) {
	pt := func(path, text string) parley.Point { return parley.Point{Path: []string{path}, Text: text} }
	old := []parley.Point{
		pt("1", "The parties cease fire at midnight."),
		pt("2", "Prisoners are exchanged all for all within sixty days."),
		pt("3", "Observers verify the ceasefire."),
	}
	new := []parley.Point{
		pt("1", "Prisoners are exchanged all for all within thirty days."),
		pt("2", "The parties cease fire at midnight."),
		pt("3", "Elections are held within a year."),
	}
	want := []align.PathLink{
		{Old: [][]string{{"1"}}, New: [][]string{{"2"}}, Kind: align.Unchanged},
		{Old: [][]string{{"2"}}, New: [][]string{{"1"}}, Kind: align.Reworded},
		{Old: [][]string{{"3"}}, Kind: align.Deleted},
		{New: [][]string{{"3"}}, Kind: align.Added},
	}
	c := align.Score(baselineAlign(old, new), want)
	if c.FP != 0 || c.FN != 0 || c.KindsRight != len(want) {
		t.Errorf("baseline: %+v, want every link found with its kind", c)
	}
}
