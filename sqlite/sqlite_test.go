package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"parley"
	"parley/internal/sqlstore"
	"parley/sqlite"
	"parley/storetest"
)

// MustOpen opens a new database in a temporary directory.
func MustOpen(tb testing.TB) *sqlstore.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "parley.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) parley.Store { return MustOpen(tb) })
}

func TestPragmas(t *testing.T) {
	db := MustOpen(t)
	for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "10000"} {
		var got string
		if err := db.SQL().QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

func TestReopenKeepsDataAndSkipsMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parley.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateNegotiation(ctx, &parley.Negotiation{Title: "Kept"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.FindNegotiationByTitle(ctx, "Kept")
	if err != nil || n.Title != "Kept" {
		t.Fatalf("after reopen: %v, %v", n, err)
	}
	var migrations int
	if err := db.SQL().QueryRow("SELECT count(*) FROM schema_migrations").Scan(&migrations); err != nil || migrations == 0 {
		t.Fatalf("schema_migrations: %d rows, %v", migrations, err)
	}
}
