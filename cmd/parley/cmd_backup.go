package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"parley"
	"parley/sqlite"
)

// runBackup writes a consistent copy of the database while a server may be
// serving it and taking writes: SQLite's VACUUM INTO for a SQLite file,
// pg_dump for PostgreSQL.
func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup", "[--db DB] FILE")
	db := dbFlag(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("backup: want one FILE to write the copy to")
	}
	file := rest[0]
	name := dbName(e, *db)
	if isPostgres(name) {
		return pgDump(ctx, e, name, file)
	}
	if _, err := os.Stat(name); err != nil {
		return parley.Errorf(parley.EINVALID, "backup: no database at %s", name)
	}
	store, err := sqlite.Open(ctx, name)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := sqlite.Backup(ctx, store, file); err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(file); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s (%d bytes); restore it with: parley restore --db %s %s\n", name, file, size, name, file)
	return nil
}

// pgDump backs up a PostgreSQL database with pg_dump, in its custom format
// that pg_restore reads, where pg_dump is installed; otherwise it says how.
func pgDump(ctx context.Context, e *env, url, file string) error {
	how := "pg_dump --format=custom --file " + file + " '" + url + "'"
	path, err := exec.LookPath("pg_dump")
	if err != nil {
		return parley.Errorf(parley.EINVALID, "backup: the database is PostgreSQL and pg_dump is not installed: install PostgreSQL's client tools and run %s (a consistent snapshot while the server runs; restore with pg_restore)", how)
	}
	if _, err := os.Lstat(file); err == nil {
		return parley.Errorf(parley.EINVALID, "backup: %s already exists: choose a new file", file)
	}
	cmd := exec.CommandContext(ctx, path, "--format=custom", "--file", file, url)
	cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("backup: pg_dump: %w", err)
	}
	fmt.Fprintf(e.stdout, "backed up the PostgreSQL database to %s with pg_dump; restore it with: pg_restore --clean --if-exists --dbname URL %s\n", file, file)
	return nil
}

// dbName is the database that --db, $PARLEY_DB or the default names.
func dbName(e *env, db string) string {
	if db == "" {
		db = e.getenv("PARLEY_DB")
	}
	if db == "" {
		db = "parley.db"
	}
	return db
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// fileExists reports whether there is a file at path.
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, os.ErrNotExist)
}
