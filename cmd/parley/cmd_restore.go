package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"parley"
	"parley/sqlite"
)

// runRestore puts a SQLite backup in the place of the database. It first
// checks the backup (a parley database, migrations this parley knows,
// SQLite's integrity check, then parley's own record check on a copy
// brought up to date), and never replaces a database that a server or
// another command has open.
func runRestore(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "restore", "[--db DB] [--force] FILE")
	db := dbFlag(fs)
	force := fs.Bool("force", false, "replace the database at --db if there is one (never one in use)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("restore: want one FILE, a backup made by parley backup")
	}
	file := rest[0]
	name := dbName(e, *db)
	if isPostgres(name) {
		return parley.Errorf(parley.EINVALID, "restore: the database is PostgreSQL: restore a pg_dump backup with pg_restore --clean --if-exists --dbname URL %s", file)
	}
	if _, err := sqlite.Check(ctx, file); err != nil {
		return err
	}
	exists := fileExists(name)
	if exists && !*force {
		return parley.Errorf(parley.EINVALID, "restore: %s already exists: pass --force to replace it with %s", name, file)
	}
	if err := refuseInUse(ctx, name); err != nil {
		return err
	}

	// The copy is made beside the database, brought up to date and
	// checked there, then renamed over it in one step.
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".restore-*")
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	tmp.Close()
	done := false
	defer func() {
		if !done {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(tmp.Name() + suffix)
			}
		}
	}()
	if err := sqlite.Copy(ctx, file, tmp.Name()); err != nil {
		return err
	}
	if err := checkRestored(ctx, e, tmp.Name(), file); err != nil {
		return err
	}
	if err := refuseInUse(ctx, name); err != nil {
		return err
	}
	if err := sqlite.Replace(tmp.Name(), name); err != nil {
		return err
	}
	done = true
	fmt.Fprintf(e.stdout, "restored %s from %s\n", name, file)
	return nil
}

// checkRestored opens the copy, which applies the migrations it lacks, and
// runs the record check on it.
func checkRestored(ctx context.Context, e *env, path, file string) error {
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("restore: %s: %w", file, err)
	}
	checked := &env{stdin: e.stdin, stdout: io.Discard, stderr: e.stderr, getenv: e.getenv}
	err = recordCheck(ctx, checked, store, "", "", "", "text")
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("restore: the record in %s does not hold, nothing was restored: %w", file, err)
	}
	fmt.Fprintf(e.stdout, "checked %s: a parley database, its record holds\n", file)
	return nil
}

// refuseInUse refuses to replace a database that is open.
func refuseInUse(ctx context.Context, name string) error {
	if !fileExists(name) {
		return nil
	}
	used, err := sqlite.InUse(ctx, name)
	if err != nil {
		return err
	}
	if used {
		return parley.Errorf(parley.EINVALID, "restore: %s is in use (a parley server has it open?): stop it first; nothing was restored", name)
	}
	return nil
}
