package align_test

import (
	"testing"

	"parley"
	"parley/align"
)

func TestSamePoints(t *testing.T) {
	rec := []parley.Point{
		{Path: []string{"1"}, Label: "1.", Text: "The parties agree\nto talk."},
		{Path: []string{"1", "a"}, Label: "(a)", Heading: "Venue", Text: "In Geneva."},
	}
	same := []parley.Point{
		{Path: []string{"1"}, Label: "1)", Text: "The parties agree to  talk."},
		{Path: []string{"1", "a"}, Label: "a)", Heading: "Venue", Text: " In Geneva. "},
	}
	if !align.SamePoints(rec, same) {
		t.Error("a rendering with other labels and white space is not the same points")
	}
	for name, other := range map[string][]parley.Point{
		"a word changed": {same[0], {Path: []string{"1", "a"}, Heading: "Venue", Text: "In Vienna."}},
		"another path":   {same[0], {Path: []string{"1", "b"}, Heading: "Venue", Text: "In Geneva."}},
		"a heading lost": {same[0], {Path: []string{"1", "a"}, Text: "In Geneva."}},
		"a point fewer":  same[:1],
		"no points":      nil,
	} {
		if align.SamePoints(rec, other) {
			t.Errorf("%s: the same points", name)
		}
	}
}
