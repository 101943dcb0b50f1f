package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"parley"
	"parley/internal/sqlstore"
	"parley/postgres"
)

// TestStanceHistoryMigration upgrades a database written before migration
// 0008, as the SQLite test of the same name: each stance becomes the first
// entry of its history; of two stances of a party on one point the newer
// stays current and the older becomes its earlier history.
func TestStanceHistoryMigration(t *testing.T) {
	base := os.Getenv("PARLEY_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but PARLEY_TEST_POSTGRES is not set: PostgreSQL tests must run in CI")
		}
		t.Skip("PARLEY_TEST_POSTGRES not set; skipping PostgreSQL tests")
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	check(t, err)
	defer admin.Close()
	var suffix [6]byte
	rand.Read(suffix[:])
	name := "parley_test_" + hex.EncodeToString(suffix[:])
	_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name)
	check(t, err)
	defer admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	u, err := url.Parse(base)
	check(t, err)
	u.Path = "/" + name

	before := fstest.MapFS{}
	names, err := filepath.Glob("migrations/*.sql")
	check(t, err)
	for _, name := range names {
		if filepath.Base(name) >= "0008" {
			continue
		}
		body, err := os.ReadFile(name)
		check(t, err)
		before[filepath.Base(name)] = &fstest.MapFile{Data: body}
	}
	raw, err := sql.Open("pgx", u.String())
	check(t, err)
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "postgres", Numbered: true, Migrations: before, Classify: func(error) string { return "" }})
	check(t, err)
	n := &parley.Negotiation{Title: "Old"}
	check(t, old.CreateNegotiation(ctx, n))
	us := &parley.Party{NegotiationID: n.ID, Name: "United States", Code: "US", Kind: parley.PartyState}
	check(t, old.CreateParty(ctx, us))
	doc := &parley.Document{NegotiationID: n.ID, Title: "Text"}
	check(t, old.CreateDocument(ctx, doc))
	v := &parley.Version{NegotiationID: n.ID, DocumentID: doc.ID, Label: "Draft", Status: parley.StatusDraft, Format: "text", Text: "1. One.\n2. Two.\n",
		Body: []byte("1. One.\n2. Two.\n"), Points: []parley.Point{{Path: []string{"1"}, Label: "1.", Text: "One."}, {Path: []string{"2"}, Label: "2.", Text: "Two."}}}
	check(t, old.CreateVersion(ctx, v))
	for _, st := range []struct {
		point       int64
		value, date string
	}{
		{v.Points[0].ID, "reject", "2025-11-25"}, // newer, written first
		{v.Points[0].ID, "undecided", "2025-11-20"},
		{v.Points[1].ID, "accept", "2025-11-21"},
	} {
		_, err := raw.Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES ($1, $2, $3, $4, $5, 'published')`, n.ID, st.point, us.ID, st.value, st.date)
		check(t, err)
	}
	check(t, raw.Close())

	db, err := postgres.Open(ctx, u.String())
	check(t, err)
	defer db.Close()
	cur, err := db.ListStances(ctx, parley.StanceFilter{VersionID: v.ID})
	check(t, err)
	if len(cur) != 2 || cur[0].Value != "reject" || cur[1].Value != "accept" {
		t.Fatalf("current stances after the migration = %+v, want reject on 1 and accept on 2", cur)
	}
	hist, err := db.ListStanceHistory(ctx, parley.StanceFilter{PointID: v.Points[0].ID})
	check(t, err)
	var got []string
	for _, h := range hist {
		got = append(got, h.Value+" "+h.Date.String())
	}
	if strings.Join(got, ", ") != "undecided 2025-11-20, reject 2025-11-25" {
		t.Fatalf("history of point 1 = %v, want the older stance first", got)
	}
	if _, err := db.SQL().Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES ($1, $2, $3, 'accept', '2025-12-01', 'published')`, n.ID, v.Points[1].ID, us.ID); err == nil {
		t.Fatal("a second stance of a party on a point was stored")
	}
}

func check(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
