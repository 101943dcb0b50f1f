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
	"runtime"
	"strings"
	"time"

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
	file := "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
	read := q.Encode()
	q.Set("_txlock", "immediate")
	// One writer connection: writers queue for it in Go rather than for
	// SQLite's lock, where a waiting writer sleeps and retries (BUSY).
	// Readers have their own pool, which WAL lets read while the writer
	// writes; query_only makes sure nothing writes through it. The
	// writer's connection is never closed while the store is open, so the
	// file stays locked against parley restore.
	return sqlstore.Connect(ctx, sqlstore.Conn{
		Driver:   "sqlite",
		DSN:      file + q.Encode(),
		Pool:     sqlstore.Pool{MaxOpen: 1, MaxIdle: 1},
		ReadDSN:  file + read + "&_pragma=query_only(1)",
		ReadPool: sqlstore.Pool{MaxOpen: readers(), MaxIdle: readers(), IdleTime: 5 * time.Minute},
	}, "sqlite: open "+path, sqlstore.Dialect{
		Name:         "sqlite",
		Migrations:   sqlstore.Dir(migrations, "migrations"),
		PrepareReads: true,
		Classify:     classify,
		FullText:     fullText,
	})
}

// readers is the size of the reader pool: reads are CPU-bound in the
// pure-Go driver, so a few connections per core keep the cores busy while
// some wait on the disk.
func readers() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

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
