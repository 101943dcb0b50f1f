// Package postgres is parley's store for teams: PostgreSQL through pgx, so
// that several parley servers can share one database.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"parley"
	"parley/internal/sqlstore"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key held while migrating ("parley" in ASCII).
const migrationLock = 0x7061726c6579

// Open connects to the database at the postgres:// URL and brings its schema
// up to date.
func Open(ctx context.Context, url string) (*sqlstore.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, err
	}
	store, err := sqlstore.Open(ctx, db, sqlstore.Dialect{
		Name:           "postgres",
		Numbered:       true,
		Migrations:     sub,
		LockMigrations: fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", migrationLock),
		Classify:       classify,
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return store, nil
}

// classify recognises constraint violations by their SQLSTATE.
func classify(err error) string {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return ""
	}
	switch e.Code {
	case "23505": // unique_violation
		return parley.ECONFLICT
	case "23503", "23502", "23514": // foreign key, not null, check
		return parley.EINVALID
	}
	return ""
}
