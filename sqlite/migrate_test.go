package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"parley"
	"parley/internal/sqlstore"
	"parley/sqlite"
)

// TestStanceHistoryMigration upgrades a database written before migration
// 0008: each stance becomes the first entry of its history, and where a
// party held two stances on one point the newer stays current and the
// older becomes its earlier history.
func TestStanceHistoryMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	before := fstest.MapFS{}
	names, err := filepath.Glob("migrations/*.sql")
	must(t, err)
	for _, name := range names {
		if filepath.Base(name) >= "0008" {
			continue
		}
		body, err := os.ReadFile(name)
		must(t, err)
		before[filepath.Base(name)] = &fstest.MapFile{Data: body}
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(ON)")
	must(t, err)
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "sqlite", Migrations: before, Classify: func(error) string { return "" }})
	must(t, err)
	n := &parley.Negotiation{Title: "Old"}
	must(t, old.CreateNegotiation(ctx, n))
	us := &parley.Party{NegotiationID: n.ID, Name: "United States", Code: "US", Kind: parley.PartyState}
	must(t, old.CreateParty(ctx, us))
	doc := &parley.Document{NegotiationID: n.ID, Title: "Text"}
	must(t, old.CreateDocument(ctx, doc))
	v := &parley.Version{NegotiationID: n.ID, DocumentID: doc.ID, Label: "Draft", Status: parley.StatusDraft, Format: "text", Text: "1. One.\n2. Two.\n",
		Body: []byte("1. One.\n2. Two.\n"), Points: []parley.Point{{Path: []string{"1"}, Label: "1.", Text: "One."}, {Path: []string{"2"}, Label: "2.", Text: "Two."}}}
	must(t, old.CreateVersion(ctx, v))
	for _, st := range []struct {
		point       int64
		value, date string
	}{
		{v.Points[0].ID, "reject", "2025-11-25"}, // newer, written first
		{v.Points[0].ID, "undecided", "2025-11-20"},
		{v.Points[1].ID, "accept", "2025-11-21"},
	} {
		_, err := raw.Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES (?, ?, ?, ?, ?, 'published')`, n.ID, st.point, us.ID, st.value, st.date)
		must(t, err)
	}
	must(t, raw.Close())

	db, err := sqlite.Open(ctx, path)
	must(t, err)
	defer db.Close()
	cur, err := db.ListStances(ctx, parley.StanceFilter{VersionID: v.ID})
	must(t, err)
	if len(cur) != 2 || cur[0].Value != "reject" || cur[1].Value != "accept" {
		t.Fatalf("current stances after the migration = %+v, want reject on 1 and accept on 2", cur)
	}
	hist, err := db.ListStanceHistory(ctx, parley.StanceFilter{PointID: v.Points[0].ID})
	must(t, err)
	var got []string
	for _, h := range hist {
		got = append(got, h.Value+" "+h.Date.String())
	}
	if strings.Join(got, ", ") != "undecided 2025-11-20, reject 2025-11-25" {
		t.Fatalf("history of point 1 = %v, want the older stance first", got)
	}
	// The party's one stance on a point is kept by the database itself.
	if _, err := db.SQL().Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES (?, ?, ?, 'accept', '2025-12-01', 'published')`, n.ID, v.Points[1].ID, us.ID); err == nil {
		t.Fatal("a second stance of a party on a point was stored")
	}
	cur[0].Value = parley.StanceAccept
	must(t, db.UpdateStance(ctx, cur[0]))
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
