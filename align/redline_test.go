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

func TestRedlineReconstructs(t *testing.T) {
	pairs := [][2]string{
		{"The parties shall meet every month in Geneva, alternately with Vienna.", "The parties meet each month in Vienna or, alternately, in Geneva and Istanbul."},
		{"a b c d e f g h", "h g f e d c b a"},
		{"x", "completely different text here"},
	}
	for _, p := range pairs {
		var old, new string
		for _, op := range Redline(p[0], p[1]) {
			if op.Op != OpInsert {
				old += op.Text
			}
			if op.Op != OpDelete {
				new += op.Text
			}
		}
		if old != p[0] || new != p[1] {
			t.Errorf("Redline(%q, %q) rebuilds %q and %q", p[0], p[1], old, new)
		}
	}
}
