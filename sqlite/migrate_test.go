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

// oldDatabase opens a database with the migrations numbered below
// before: the store an older parley was, the raw database to write rows
// as it wrote them, and upgrade, which closes both and opens the database
// again with every migration.
func oldDatabase(t *testing.T, before string) (parley.Store, *sql.DB, func() parley.Store) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(ON)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "sqlite", Migrations: storetest.Before(t, os.DirFS("migrations"), before), Classify: func(error) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	return old, raw, func() parley.Store {
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
	old, raw, upgrade := oldDatabase(t, "0008")
	insert := func(negotiation, point, party int64, value, date string) error {
		_, err := raw.Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES (?, ?, ?, ?, ?, 'published')`, negotiation, point, party, value, date)
		return err
	}
	storetest.StanceHistoryUpgrade(t, old, insert, upgrade)
}

// TestSourceGradesMigration upgrades a database written before migration
// 0010 (storetest.SourceGradesUpgrade).
func TestSourceGradesMigration(t *testing.T) {
	old, raw, upgrade := oldDatabase(t, "0010")
	insert := func(negotiation int64, title, reliability string, credibility int) (int64, error) {
		var id int64
		err := raw.QueryRow(`INSERT INTO sources (negotiation_id, title, kind, reliability, credibility) VALUES (?, ?, 'press', ?, ?) RETURNING id`, negotiation, title, reliability, credibility).Scan(&id)
		return id, err
	}
	storetest.SourceGradesUpgrade(t, old, insert, upgrade)
}
