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

// TestStanceHistoryMigration upgrades a database written before migration
// 0008 (storetest.StanceHistoryUpgrade).
func TestStanceHistoryMigration(t *testing.T) {
	ctx := context.Background()
	dsn := freshDatabase(t)
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "postgres", Numbered: true, Migrations: storetest.Before(t, os.DirFS("migrations"), "0008"),
		Classify: func(error) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	insert := func(negotiation, point, party int64, value, date string) error {
		_, err := raw.Exec(`INSERT INTO stances (negotiation_id, point_id, party_id, value, date, visibility) VALUES ($1, $2, $3, $4, $5, 'published')`, negotiation, point, party, value, date)
		return err
	}
	storetest.StanceHistoryUpgrade(t, old, insert, func() parley.Store {
		raw.Close()
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

// TestSourceGradesMigration upgrades a database written before migration
// 0010 (storetest.SourceGradesUpgrade).
func TestSourceGradesMigration(t *testing.T) {
	ctx := context.Background()
	dsn := freshDatabase(t)
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	old, err := sqlstore.Open(ctx, raw, sqlstore.Dialect{Name: "postgres", Numbered: true, Migrations: storetest.Before(t, os.DirFS("migrations"), "0010"),
		Classify: func(error) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	insert := func(negotiation int64, title, reliability string, credibility int) (int64, error) {
		var id int64
		err := raw.QueryRow(`INSERT INTO sources (negotiation_id, title, kind, reliability, credibility) VALUES ($1, $2, 'press', $3, $4) RETURNING id`, negotiation, title, reliability, credibility).Scan(&id)
		return id, err
	}
	storetest.SourceGradesUpgrade(t, old, insert, func() parley.Store {
		raw.Close()
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
