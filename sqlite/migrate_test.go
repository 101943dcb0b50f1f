package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"parley"
	"parley/internal/sqlstore"
	"parley/sqlite"
	"parley/storetest"
)

// openBefore opens a new database with the migrations numbered below
// migration only, as an older parley wrote it. It returns the raw
// database (to write rows as the old schema held them), the store on it,
// and upgrade, which closes both and opens the database again with every
// migration.
func openBefore(t *testing.T, migration string) (*sql.DB, parley.Store, func() parley.Store) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(ON)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "sqlite", Migrations: storetest.Before(t, os.DirFS("migrations"), migration), Classify: func(error) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	return raw, old, func() parley.Store {
		raw.Close()
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
}

// TestStanceHistoryMigration upgrades a database written before migration
// 0008 (storetest.StanceHistoryUpgrade).
func TestStanceHistoryMigration(t *testing.T) {
	raw, old, upgrade := openBefore(t, "0008")
	insert := func(negotiation, point, party int64, value, date string) error {
		_, err := raw.Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES (?, ?, ?, ?, ?, 'published')`, negotiation, point, party, value, date)
		return err
	}
	storetest.StanceHistoryUpgrade(t, old, insert, upgrade)
}

// TestSearchIndexMigration upgrades a database written before migration
// 0009 (storetest.SearchIndexUpgrade).
func TestSearchIndexMigration(t *testing.T) {
	raw, old, upgrade := openBefore(t, "0009")
	// Sources gained a revision in 0010: written as 0008 held them.
	addSource := func(src *parley.Source) error {
		return raw.QueryRow(`INSERT INTO sources (negotiation_id, title, kind, publisher, url, date, reliability, credibility, note)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, src.NegotiationID, src.Title, src.Kind, src.Publisher, src.URL, src.Date.String(), src.Reliability, src.Credibility, src.Note).Scan(&src.ID)
	}
	storetest.SearchIndexUpgrade(t, old, addSource, upgrade)
}

// TestSourceGradesMigration upgrades a database written before migration
// 0010 (storetest.SourceGradesUpgrade).
func TestSourceGradesMigration(t *testing.T) {
	raw, old, upgrade := openBefore(t, "0010")
	insert := func(negotiation int64, title, reliability string, credibility int) (int64, error) {
		var id int64
		err := raw.QueryRow(`INSERT INTO sources (negotiation_id, title, kind, reliability, credibility) VALUES (?, ?, 'press', ?, ?) RETURNING id`, negotiation, title, reliability, credibility).Scan(&id)
		return id, err
	}
	storetest.SourceGradesUpgrade(t, old, insert, upgrade)
}
