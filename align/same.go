package align

import (
	"slices"
	"strings"

	"parley"
)

// SamePoints reports whether two readings of a text have the same points:
// the same paths in the same order, with the same headings and texts once
// white space is collapsed. Labels may differ ("1." and "1)" are one
// number). A text exported to HTML, Word, PDF or Markdown has the points
// of the recorded text it renders, but not its bytes: this is the test of
// "the same text in another format".
func SamePoints(a, b []parley.Point) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i].Path, b[i].Path) || !sameWords(a[i].Heading, b[i].Heading) || !sameWords(a[i].Text, b[i].Text) {
			return false
		}
	}
	return true
}

// sameWords compares two texts with their white space collapsed.
func sameWords(a, b string) bool {
	if a == b {
		return true
	}
	return slices.Equal(strings.Fields(a), strings.Fields(b))
}
