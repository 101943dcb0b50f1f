package align

import (
	"hash/maphash"
	"strings"
	"testing"
)

// TestTokenTableGrowsWithDistinctTokens checks that the redliner's token
// table is sized by the distinct tokens it numbers, not by the length of
// the texts: two paragraphs of 400,000 one-letter words have three
// distinct tokens, and a table of one slot per token took 100 MB.
func TestTokenTableGrowsWithDistinctTokens(t *testing.T) {
	r := &redliner{ids: tokenIDs{seed: maphash.MakeSeed()}}
	old := "y " + strings.Repeat("x ", 400_000) + "y"
	new := "z " + strings.Repeat("x ", 200_000) + "w " + strings.Repeat("x ", 200_000) + "z"
	ops := r.redline(old, new)
	var back strings.Builder
	for _, op := range ops {
		if op.Op != OpInsert {
			back.WriteString(op.Text)
		}
	}
	if back.String() != old {
		t.Fatalf("the redline does not give back the old text")
	}
	if got := len(r.ids.slots); got > 2*presizedTokens {
		t.Errorf("token table: %d slots for %d distinct tokens; want at most %d", got, r.ids.n, 2*presizedTokens)
	}
	// Numbers stay right when the table grows past its room.
	r.ids.reset(1)
	want := map[string]int32{}
	for k := range 5 * presizedTokens / 4 {
		tok := "t" + strings.Repeat("a", k%7) + string(rune('a'+k%26)) + itoa(k)
		want[tok] = r.ids.id(tok)
	}
	for tok, id := range want {
		if got := r.ids.id(tok); got != id {
			t.Fatalf("token %q: id %d after growing, want %d", tok, got, id)
		}
	}
	if int(r.ids.n) != len(want) {
		t.Fatalf("%d ids given for %d tokens", r.ids.n, len(want))
	}
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}
