package genpair

import (
	"bytes"
	"strings"
	"testing"
)

// TestPairShapes checks that each shape is made the same way every time
// and looks as documented: the nested shape holds lettered and roman
// sub-points under its numbered points, and never a letter i.
func TestPairShapes(t *testing.T) {
	for _, shape := range Shapes {
		old, new, err := Pair(shape, 2000, 7)
		if err != nil {
			t.Fatal(err)
		}
		again, _, _ := Pair(shape, 2000, 7)
		if !bytes.Equal(old, again) {
			t.Errorf("%s: two calls with one seed differ", shape)
		}
		if bytes.Equal(old, new) {
			t.Errorf("%s: the new version is the old one", shape)
		}
		if !bytes.HasPrefix(old, []byte("Synthetic agreement")) || !bytes.Contains(old, []byte("\n1. ")) {
			t.Errorf("%s: %.80q", shape, old)
		}
	}
	old, _, _ := Pair("nested", 2000, 7)
	text := string(old)
	if strings.Count(text, "\n   (a) ") < 200 || strings.Count(text, "\n       (ii) ") < 50 {
		t.Errorf("nested: %d lists (a) and %d (ii), want most points with lists", strings.Count(text, "\n   (a) "), strings.Count(text, "\n       (ii) "))
	}
	if strings.Contains(text, "\n   (i) ") {
		t.Error("nested: a lettered item (i), which reads as a roman numeral")
	}
	if _, _, err := Pair("round", 10, 1); err == nil {
		t.Error("an unknown shape is accepted")
	}
}
