package align_test

import (
	"reflect"
	"testing"

	. "parley/align"
)

func TestRedline(t *testing.T) {
	for _, tt := range []struct {
		old, new string
		want     []Op
	}{
		{"capped at 600,000.", "capped at 800,000.", []Op{{OpEqual, "capped at "}, {OpDelete, "600"}, {OpInsert, "800"}, {OpEqual, ",000."}}},
		{"a b c", "a b c", []Op{{OpEqual, "a b c"}}},
		{"", "new text", []Op{{OpInsert, "new text"}}},
		{"old text", "", []Op{{OpDelete, "old text"}}},
		{"the quick fox", "the slow brown fox", []Op{{OpEqual, "the "}, {OpDelete, "quick"}, {OpInsert, "slow brown"}, {OpEqual, " fox"}}},
		{"one two three", "one three", []Op{{OpEqual, "one "}, {OpDelete, "two "}, {OpEqual, "three"}}},
	} {
		got := Redline(tt.old, tt.new)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Redline(%q, %q) = %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}
