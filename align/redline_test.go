package align_test

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
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
		// Texts that share bytes inside a word are still redlined by words.
		{"the cat sat", "the car sat", []Op{{OpEqual, "the "}, {OpDelete, "cat"}, {OpInsert, "car"}, {OpEqual, " sat"}}},
		{"Straße 12a, Köln", "Straße 13a, Köln", []Op{{OpEqual, "Straße "}, {OpDelete, "12a"}, {OpInsert, "13a"}, {OpEqual, ", Köln"}}},
		{"limit: 600,000.", "limit: 600,500.", []Op{{OpEqual, "limit: 600,"}, {OpDelete, "000"}, {OpInsert, "500"}, {OpEqual, "."}}},
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

// numberedWords returns n distinct words, "w0" to "w(n-1)", from "w"+from.
func numberedWords(from, n int) []string {
	out := make([]string, n)
	for k := range out {
		out[k] = "w" + strconv.Itoa(from+k)
	}
	return out
}

// rebuild returns the old and new texts a redline holds.
func rebuild(ops []Op) (old, new string) {
	for _, op := range ops {
		if op.Op != OpInsert {
			old += op.Text
		}
		if op.Op != OpDelete {
			new += op.Text
		}
	}
	return old, new
}

// TestRedlineAnchored checks redlines of texts too far apart for the
// shortest diff to be cheap: a long passage moved from the end to the
// start, and a text rewritten around words it keeps. The passages and
// kept words must stay matched (not shredded into shared spaces), and the
// redline must rebuild both texts.
func TestRedlineAnchored(t *testing.T) {
	a := strings.Join(numberedWords(0, 150), " ")
	b := strings.Join(numberedWords(150, 150), " ")
	old, new := a+" "+b, b+" "+a
	ops := Redline(old, new)
	if o, n := rebuild(ops); o != old || n != new {
		t.Fatalf("moved passage: the redline does not rebuild the texts")
	}
	var kept string
	for _, op := range ops {
		if op.Op == OpEqual && len(op.Text) > len(kept) {
			kept = op.Text
		}
	}
	if kept != a && kept != b && kept != a+" " && kept != " "+a && kept != b+" " && kept != " "+b {
		t.Errorf("moved passage: longest kept run is %q..., want one of the two passages whole", kept[:min(40, len(kept))])
	}

	// Every third word kept; between them, common words that both texts
	// use but in another order: far more edits than the shortest diff is
	// given before a text is replaced whole.
	common := []string{"the", "of", "and", "to", "in", "shall"}
	var ow, nw []string
	for k := range 1200 {
		switch {
		case k%3 == 0:
			ow, nw = append(ow, fmt.Sprintf("keep%d", k)), append(nw, fmt.Sprintf("keep%d", k))
		default:
			ow, nw = append(ow, common[k%len(common)]), append(nw, common[(k+1)%len(common)])
		}
	}
	old, new = strings.Join(ow, " "), strings.Join(nw, " ")
	ops = Redline(old, new)
	if o, n := rebuild(ops); o != old || n != new {
		t.Fatalf("rewrite: the redline does not rebuild the texts")
	}
	keptWords := 0
	for _, op := range ops {
		if op.Op == OpEqual {
			keptWords += strings.Count(op.Text, "keep")
		}
		if op.Op != OpEqual && strings.Contains(op.Text, "keep") {
			t.Errorf("rewrite: a kept word is marked changed: %q", op.Text[:min(60, len(op.Text))])
		}
	}
	if keptWords != 400 {
		t.Errorf("rewrite: %d kept words marked equal, want 400", keptWords)
	}
	// A change followed by text starts with a word, as in "to
	// {+Licensor’s +}trademarks".
	for k, op := range ops {
		if op.Op != OpEqual && strings.HasPrefix(op.Text, " ") && k+1 < len(ops) {
			t.Errorf("rewrite: change %q starts with a space", op.Text)
			break
		}
	}
}

// FuzzRedline checks that any redline rebuilds both texts and never has
// an empty operation or two of the same kind in a row.
func FuzzRedline(f *testing.F) {
	f.Add("The parties shall meet every month in Geneva.", "The parties meet each month in Vienna.")
	f.Add("the cat sat", "the car sat")
	f.Add("Straße 12a, Köln", "Straße 13a, Köln")
	f.Add("a  b", "a b")
	f.Add("x’y z", "x’y  z")
	f.Fuzz(func(t *testing.T, old, new string) {
		ops := Redline(old, new)
		if o, n := rebuild(ops); o != old || n != new {
			t.Fatalf("Redline(%q, %q) = %q rebuilds %q and %q", old, new, ops, o, n)
		}
		for k, op := range ops {
			if op.Text == "" {
				t.Fatalf("Redline(%q, %q) = %q: empty operation", old, new, ops)
			}
			if k > 0 && ops[k-1].Op == op.Op {
				t.Fatalf("Redline(%q, %q) = %q: two %s in a row", old, new, ops, op.Op)
			}
		}
	})
}
