package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"parley"
	"parley/internal/sqlstore"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

// Backup writes a consistent copy of the open database to path with
// VACUUM INTO: one read transaction, so that writers, in this process or in
// a server beside it, go on while it runs and none of their transactions is
// half in the copy. path must not exist yet.
func Backup(ctx context.Context, db *sqlstore.DB, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return parley.Errorf(parley.EINVALID, "backup: %s already exists: choose a new file", path)
	}
	if _, err := db.SQL().ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("sqlite: backup to %s: %w", path, err)
	}
	return syncFile(path)
}

// Check opens the SQLite database at path read-only and checks that it is
// a parley database this parley can open: it has parley's migrations, none
// newer than this build knows, and passes SQLite's integrity check. It
// returns the number of migrations it has.
func Check(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, parley.Errorf(parley.EINVALID, "%s: %v", path, errors.Unwrap(err))
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return 0, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	defer db.Close()
	notParley := func(why string) error {
		return parley.Errorf(parley.EINVALID, "%s is not a parley database: %s", path, why)
	}
	var integrity string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&integrity); err != nil {
		var e *sqlite3.Error
		if errors.As(err, &e) && (e.Code() == sqlite3lib.SQLITE_NOTADB || e.Code() == sqlite3lib.SQLITE_CORRUPT) {
			return 0, notParley("not an SQLite database")
		}
		return 0, fmt.Errorf("sqlite: check %s: %w", path, err)
	}
	if integrity != "ok" {
		return 0, notParley("SQLite's integrity check fails: " + integrity)
	}
	known := map[int]bool{}
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	for _, name := range names {
		n, _ := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		known[n] = true
	}
	rows, err := db.QueryContext(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return 0, notParley("it has no schema_migrations table")
	}
	defer rows.Close()
	applied := 0
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return 0, fmt.Errorf("sqlite: check %s: %w", path, err)
		}
		if !known[v] {
			return 0, parley.Errorf(parley.EINVALID, "%s has migration %s, which this parley does not know: restore it with the parley that made it", path, name)
		}
		applied++
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("sqlite: check %s: %w", path, err)
	}
	if applied == 0 {
		return 0, notParley("no migration was applied to it")
	}
	return applied, nil
}

// InUse reports whether another connection, in this process or another,
// has the database at path open: a parley store keeps its writer
// connection, and with it a shared lock on the file, for as long as it is
// open. It asks for the file's exclusive lock without waiting.
func InUse(ctx context.Context, path string) (bool, error) {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=locking_mode(EXCLUSIVE)&_pragma=busy_timeout(0)")
	if err != nil {
		return false, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `BEGIN EXCLUSIVE`)
	if err == nil {
		_, err = conn.ExecContext(ctx, `SELECT count(*) FROM sqlite_schema`)
		conn.ExecContext(ctx, `ROLLBACK`)
	}
	var e *sqlite3.Error
	if errors.As(err, &e) && (e.Code()&0xff == sqlite3lib.SQLITE_BUSY || e.Code()&0xff == sqlite3lib.SQLITE_LOCKED) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("sqlite: lock %s: %w", path, err)
	}
	return false, nil
}

// Replace puts the database file src in the place of dst, removing dst's
// write-ahead log and shared memory, which belong to the database
// replaced. Nothing may have dst open (see InUse).
func Replace(src, dst string) error {
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dst + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("sqlite: restore: %w", err)
		}
	}
	if err := os.Rename(src, dst); err != nil {
		return fmt.Errorf("sqlite: restore: %w", err)
	}
	return syncDir(filepath.Dir(dst))
}

// syncFile makes a file written outside a transaction durable, and its
// name in its directory.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("sqlite: sync %s: %w", path, err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sqlite: sync %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sqlite: sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sqlite: sync %s: %w", dir, err)
	}
	return nil
}

// Copy writes a consistent copy of the database file src to dst, which
// must not exist or be empty, without changing src: it is opened read-only.
func Copy(ctx context.Context, src, dst string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: src}).EscapedPath()+"?mode=ro")
	if err != nil {
		return fmt.Errorf("sqlite: open %s: %w", src, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("sqlite: copy %s to %s: %w", src, dst, err)
	}
	return syncFile(dst)
}
