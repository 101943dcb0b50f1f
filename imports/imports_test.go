package imports_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"parley"
	"parley/imports"
	"parley/ingest"
	"parley/sqlite"
)

func open(t *testing.T) parley.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func version(t *testing.T, n *parley.Negotiation, docID int64, label, text string) *parley.Version {
	t.Helper()
	d, err := ingest.Read("t.txt", []byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	return &parley.Version{NegotiationID: n.ID, DocumentID: docID, Label: label, Status: parley.StatusDraft,
		Format: d.Format, Body: d.Body, Text: d.Text, Points: d.Points}
}

// The same text is refused inside Save's transaction, naming the version
// that holds it; --again's way (refuseSame false) stores it; parents of
// another negotiation are refused.
func TestSaveRefusesTheSameText(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	n := &parley.Negotiation{Title: "Talks"}
	other := &parley.Negotiation{Title: "Other"}
	for _, x := range []*parley.Negotiation{n, other} {
		if err := s.CreateNegotiation(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	doc, created, err := imports.Document(ctx, s, n.ID, "document", "")
	if err != nil || !created || doc.Title != "Main text" {
		t.Fatalf("Document: %+v %v %v", doc, created, err)
	}
	if again, created, err := imports.Document(ctx, s, n.ID, "document", ""); err != nil || created || again.ID != doc.ID {
		t.Fatalf("the only document is not found again: %+v %v %v", again, created, err)
	}
	text := "1. Ceasefire.\n2. Prisoners.\n"
	first := version(t, n, doc.ID, "first", text)
	if _, err := imports.Save(ctx, s, first, true); err != nil {
		t.Fatal(err)
	}
	if old, err := imports.SameText(ctx, s, n.ID, text); err != nil || old == nil || old.ID != first.ID {
		t.Fatalf("SameText = %+v, %v", old, err)
	}
	if old, err := imports.SameText(ctx, s, other.ID, text); err != nil || old != nil {
		t.Fatalf("SameText in another negotiation = %+v, %v", old, err)
	}
	_, err = imports.Save(ctx, s, version(t, n, doc.ID, "second", text), true)
	if parley.ErrorCode(err) != parley.ECONFLICT || !strings.Contains(parley.ErrorMessage(err), `already version 1 ("first")`) {
		t.Fatalf("second Save: %v", err)
	}
	if list, _ := s.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID}); len(list) != 1 {
		t.Fatalf("a refused Save stored something: %d versions", len(list))
	}
	if _, err := imports.Save(ctx, s, version(t, n, doc.ID, "again", text), false); err != nil {
		t.Fatalf("Save without refusing: %v", err)
	}
	if err := imports.CheckParents(ctx, s, other.ID, "parents: version", []int64{first.ID}); parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(err.Error(), "parents: version 1") {
		t.Fatalf("a parent of another negotiation: %v", err)
	}
	if err := imports.CheckParents(ctx, s, n.ID, "--parent", []int64{first.ID, first.ID}); err == nil {
		t.Fatal("a parent given twice is accepted")
	}
	if err := imports.CheckParents(ctx, s, n.ID, "--parent", []int64{first.ID}); err != nil {
		t.Fatal(err)
	}
}

// A source found by its title keeps its grade: the same grade or none is
// fine, another grade is refused with the field and the way to regrade
// named, and nothing changes.
func TestSourceFoundWithAnotherGradeIsRefused(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	n := &parley.Negotiation{Title: "Grades"}
	if err := s.CreateNegotiation(ctx, n); err != nil {
		t.Fatal(err)
	}
	first := &parley.Source{Title: "Wire report", Kind: parley.SourcePress, Reliability: "B", Credibility: 2}
	id, created, err := imports.Source(ctx, s, n.ID, first, "--grade")
	if err != nil || !created {
		t.Fatalf("new source: %d %v %v", id, created, err)
	}
	if again, created, err := imports.Source(ctx, s, n.ID, &parley.Source{Title: "wire REPORT", Kind: parley.SourcePress, Reliability: "F", Credibility: 6}, ""); err != nil || created || again != id {
		t.Fatalf("found without a grade: %d %v %v", again, created, err)
	}
	if again, _, err := imports.Source(ctx, s, n.ID, &parley.Source{Title: "Wire report", Kind: parley.SourcePress, Reliability: "B", Credibility: 2}, "--grade"); err != nil || again != id {
		t.Fatalf("found with its own grade: %v", err)
	}
	_, _, err = imports.Source(ctx, s, n.ID, &parley.Source{Title: "Wire report", Kind: parley.SourcePress, Reliability: "D", Credibility: 4}, "--grade")
	if parley.ErrorCode(err) != parley.ECONFLICT || !strings.HasPrefix(parley.ErrorMessage(err), "--grade D4") || !strings.Contains(err.Error(), "regrade") {
		t.Fatalf("found with another grade: %v, want a conflict naming --grade and how to regrade", err)
	}
	got, err := s.FindSourceByID(ctx, id)
	if err != nil || got.Grade() != "B2" {
		t.Fatalf("source after the refusal: %+v %v", got, err)
	}
}
