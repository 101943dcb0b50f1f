package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"parley"
)

// searchBenchWords are the words the benchmark's points are made of.
var searchBenchWords = strings.Fields("ceasefire sanctions army troops territory referendum elections guarantees security nuclear plant energy grain corridor prisoners exchange amnesty monitoring mission перемирие выборы гарантии")

// storeBenchVersions stores n versions of 50 points each, their words
// drawn from searchBenchWords.
func storeBenchVersions(b *testing.B, s parley.Store, n int) {
	ctx := context.Background()
	neg := &parley.Negotiation{Title: "Search benchmark"}
	if err := s.CreateNegotiation(ctx, neg); err != nil {
		b.Fatal(err)
	}
	doc := &parley.Document{NegotiationID: neg.ID, Title: "Text"}
	if err := s.CreateDocument(ctx, doc); err != nil {
		b.Fatal(err)
	}
	w := searchBenchWords
	for v := range n {
		var body strings.Builder
		var points []parley.Point
		for i := range 50 {
			text := fmt.Sprintf("The parties agree on %s and %s with %s, item %d of version %d.", w[(i+v)%len(w)], w[(i*7+v)%len(w)], w[(i*13)%len(w)], i, v)
			fmt.Fprintf(&body, "%d. %s\n", i+1, text)
			points = append(points, parley.Point{Path: []string{fmt.Sprint(i + 1)}, Label: fmt.Sprintf("%d.", i+1), Text: text, Line: i + 1})
		}
		version := &parley.Version{NegotiationID: neg.ID, DocumentID: doc.ID, Label: fmt.Sprintf("Version %d", v), Date: parley.MustParseDate("2025-11"),
			Status: parley.StatusDraft, Format: "text", Body: []byte(body.String()), Text: body.String(), Points: points}
		if err := s.CreateVersion(ctx, version); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateVersionIndexed stores 50-point versions, each point
// indexed for search by the triggers of migration 0009.
func BenchmarkCreateVersionIndexed(b *testing.B) {
	s := MustOpen(b)
	b.ResetTimer()
	storeBenchVersions(b, s, b.N)
}

// BenchmarkSearch searches 10,000 points for a word in one in eight of
// them, a rare phrase and a word in every one.
func BenchmarkSearch(b *testing.B) {
	s := MustOpen(b)
	storeBenchVersions(b, s, 200)
	everyone := func(*parley.SearchHit) bool { return true }
	for _, q := range []string{"ceasefire", `"nuclear plant"`, "parties"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(context.Background(), parley.SearchQuery{Text: q, Visible: everyone}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
