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

// TestStanceHistoryMigration upgrades a database written before migration
// 0008 (storetest.StanceHistoryUpgrade).
func TestStanceHistoryMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(ON)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "sqlite", Migrations: storetest.Before(t, os.DirFS("migrations"), "0008"), Classify: func(error) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	insert := func(negotiation, point, party int64, value, date string) error {
		_, err := raw.Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES (?, ?, ?, ?, ?, 'published')`, negotiation, point, party, value, date)
		return err
	}
	storetest.StanceHistoryUpgrade(t, old, insert, func() parley.Store {
		raw.Close()
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

// TestSearchIndexMigration upgrades a database written before migration
// 0009 (storetest.SearchIndexUpgrade).
func TestSearchIndexMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(ON)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "sqlite", Migrations: storetest.Before(t, os.DirFS("migrations"), "0009"), Classify: func(error) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	storetest.SearchIndexUpgrade(t, old, func() parley.Store {
		raw.Close()
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
