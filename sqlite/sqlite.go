// Package sqlite is parley's default store: one SQLite file, through the
// pure-Go driver modernc.org/sqlite so that parley builds with CGO_ENABLED=0.
//
// The database runs in WAL mode with synchronous=FULL (a committed version
// survives a power cut), foreign keys on and a busy timeout; every write
// transaction begins IMMEDIATE, so that two writers queue for the lock
// instead of failing half-way.
package sqlite

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"parley"
	"parley/internal/sqlstore"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// BusyTimeout is how long, in milliseconds, a writer waits for the lock.
const BusyTimeout = 10000

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date.
func Open(ctx context.Context, path string) (*sqlstore.DB, error) {
	if path == "" {
		return nil, parley.Errorf(parley.EINVALID, "sqlite: database path is empty")
	}
	q := url.Values{}
	for _, p := range []string{
		"journal_mode(WAL)",
		"synchronous(FULL)",
		"foreign_keys(ON)",
		fmt.Sprintf("busy_timeout(%d)", BusyTimeout),
	} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	return sqlstore.Connect(ctx, "sqlite", dsn, "sqlite: open "+path, sqlstore.Dialect{
		Name:       "sqlite",
		Migrations: sqlstore.Dir(migrations, "migrations"),
		Classify:   classify,
	})
}

// classify recognises constraint violations.
func classify(err error) string {
	var e *sqlite3.Error
	if !errors.As(err, &e) {
		return ""
	}
	switch e.Code() {
	case sqlite3lib.SQLITE_CONSTRAINT_UNIQUE, sqlite3lib.SQLITE_CONSTRAINT_PRIMARYKEY:
		return parley.ECONFLICT
	case sqlite3lib.SQLITE_CONSTRAINT_FOREIGNKEY, sqlite3lib.SQLITE_CONSTRAINT_NOTNULL, sqlite3lib.SQLITE_CONSTRAINT_CHECK:
		return parley.EINVALID
	}
	if strings.Contains(e.Error(), "constraint failed") {
		return parley.EINVALID
	}
	return ""
}
