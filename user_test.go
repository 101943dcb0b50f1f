package parley

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestValidUsername compares validUsername with the regular expression it
// stands for, on names of every length around the limit and random bytes.
func TestValidUsername(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,39}$`)
	names := []string{"", "a", "0", ".", "_a", "-a", "a.", "a_b-c.d", "A", "ab\n", "a\nb", "é", "a b", "ukraine.delegate",
		strings.Repeat("a", 39), strings.Repeat("a", 40), strings.Repeat("a", 41), "a" + strings.Repeat(".", 39)}
	alphabet := "az09._-A\n\x00é/ "
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(44) {
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		names = append(names, b.String())
	}
	for _, n := range names {
		if got, want := validUsername(n), re.MatchString(n); got != want {
			t.Fatalf("validUsername(%q) = %v, want %v", n, got, want)
		}
	}
}
