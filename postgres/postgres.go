// Package postgres is parley's store for teams: PostgreSQL through pgx, so
// that several parley servers can share one database.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"time"

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
	return sqlstore.Connect(ctx, sqlstore.Conn{Driver: "pgx", DSN: url, Pool: pool}, "postgres: connect", sqlstore.Dialect{
		Name:           "postgres",
		Numbered:       true,
		Migrations:     sqlstore.Dir(migrations, "migrations"),
		LockMigrations: fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", migrationLock),
		LockRow:        " FOR NO KEY UPDATE",
		Classify:       classify,
		FullText:       fullText,
	})
}

// pool keeps as many connections idle as it may open, so that a burst of
// requests does not start (and then end) a backend process each, and
// closes those unused for five minutes. Sixteen stays well inside
// PostgreSQL's default max_connections of 100 with several parley
// servers on one database.
var pool = sqlstore.Pool{MaxOpen: 16, MaxIdle: 16, IdleTime: 5 * time.Minute}

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
