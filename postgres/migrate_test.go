package postgres_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"parley"
	"parley/internal/sqlstore"
	"parley/postgres"
	"parley/storetest"
)

// oldDatabase opens a fresh database with the migrations numbered below
// before: the store an older parley was, the raw database to write rows
// as it wrote them, and upgrade, which closes both and opens the database
// again with every migration.
func oldDatabase(t *testing.T, before string) (parley.Store, *sql.DB, func() parley.Store) {
	ctx := context.Background()
	dsn := freshDatabase(t)
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "postgres", Numbered: true, Migrations: storetest.Before(t, os.DirFS("migrations"), before),
		Classify: func(error) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	return old, raw, func() parley.Store {
		raw.Close()
		db, err := postgres.Open(ctx, dsn)
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
		_, err := raw.Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES ($1, $2, $3, $4, $5, 'published')`, negotiation, point, party, value, date)
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
		err := raw.QueryRow(`INSERT INTO sources (negotiation_id, title, kind, reliability, credibility) VALUES ($1, $2, 'press', $3, $4) RETURNING id`, negotiation, title, reliability, credibility).Scan(&id)
		return id, err
	}
	storetest.SourceGradesUpgrade(t, old, insert, upgrade)
}
