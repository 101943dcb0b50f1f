package understand_test

import (
	"testing"

	"parley"
	"parley/understand"
)

// Whatever a party writes, reading and comparing it never panics.
func FuzzExtractAndCompare(f *testing.F) {
	for _, s := range []string{"capped at 800,000 in peacetime", "800 тыс.", "800\u202f000 тис.", "1,5 млн", "2025-08-15", "15 серпня 2025",
		"won't", "$", "Article", "1,", "1.000.000,5", "9999999999999999999999", "1 000 000 000 000 000 000 000"} {
		f.Add(s, "capped at 100,000")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		understand.Extract(a, nil)
		understand.Compare([]*parley.Understanding{
			{ID: 1, PartyID: 1, Claims: []parley.Claim{{Topic: "t", Text: a, Agreed: true, IssueID: 1}}},
			{ID: 2, PartyID: 2, Claims: []parley.Claim{{Topic: "T", Text: b, Agreed: true}}},
		}, context)
	})
}
