package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"parley"
	"parley/sqlite"
)

// TestBackupWhileServedAndRestore backs up a database that a store (as a
// server would) holds open and writes to all the while, then checks the
// copy and restores it.
func TestBackupWhileServedAndRestore(t *testing.T) {
	c, plan := demoCLI(t)
	pass := writePassphrase(t, "a passphrase for the record")
	c.ok("record", "add", plan, "--passphrase-file", pass)
	c.ok("record", "endorse", plan, "--party", "RU", "--passphrase-file", pass)

	ctx := context.Background()
	served, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	positions, err := served.ListPositions(ctx, parley.PositionFilter{})
	if err != nil || len(positions) == 0 {
		t.Fatalf("demo positions: %v, %v", positions, err)
	}
	stop, firstWrite, writes := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		p, n := positions[0], 0
		for {
			p.Note = "revision " + strconv.FormatInt(p.Revision, 10)
			if err := served.UpdatePosition(ctx, p); err != nil {
				writes <- err
				return
			}
			if n++; n == 1 {
				close(firstWrite)
			}
			select {
			case <-stop:
				writes <- nil
				return
			default:
			}
		}
	}()
	<-firstWrite
	backup := filepath.Join(t.TempDir(), "backup.db")
	out, errOut, code := c.run("backup", backup)
	close(stop)
	if err := <-writes; err != nil {
		t.Fatalf("a write beside the backup failed: %v", err)
	}
	if code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errOut)
	}
	if _, errOut, code := c.run("backup", backup); code != 2 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup onto an existing file: exit %d %s, want 2 and a message", code, errOut)
	}

	// The copy opens and its record holds.
	copied := &cli{tb: t, db: backup}
	if out := copied.ok("record", "check"); !strings.Contains(out, "2 leaves (1 version, 1 endorsement) and 2 checkpoints hold") {
		t.Fatalf("record check of the backup:\n%s", out)
	}

	// The database is served: no restore over it, even with --force.
	if _, errOut, code := c.run("restore", "--force", backup); code != 2 || !strings.Contains(errOut, "in use") {
		t.Errorf("restore over a served database: exit %d %s, want 2, in use", code, errOut)
	}
	must(t, served.Close())
	if _, errOut, code := c.run("restore", backup); code != 2 || !strings.Contains(errOut, "--force") {
		t.Errorf("restore over a database without --force: exit %d %s, want 2 and --force", code, errOut)
	}

	// Restored into a new file and over the old one, the versions are the same.
	fresh := &cli{tb: t, db: filepath.Join(t.TempDir(), "restored.db")}
	if out := fresh.ok("restore", backup); !strings.Contains(out, "its record holds") || !strings.Contains(out, "restored") {
		t.Fatalf("restore:\n%s", out)
	}
	want := c.ok("list")
	if got := fresh.ok("list"); got != want {
		t.Errorf("restored list:\n%s\nwant:\n%s", got, want)
	}
	c.ok("restore", "--force", backup)
	if got := c.ok("list"); got != want {
		t.Errorf("list after restore --force:\n%s\nwant:\n%s", got, want)
	}
	c.ok("record", "check")
	if matches, _ := filepath.Glob(c.db + ".restore-*"); len(matches) != 0 {
		t.Errorf("restore left %v behind", matches)
	}
}

// TestRestoreRefusesWhatIsNotAParleyBackup checks the backup before
// anything is replaced.
func TestRestoreRefusesWhatIsNotAParleyBackup(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	must(t, os.WriteFile(text, []byte("not a database at all, but long enough to have a header of a hundred bytes, which SQLite reads first."), 0o600))
	other := filepath.Join(dir, "other.db")
	must(t, sqlite.Copy(context.Background(), emptySQLite(t), other))
	for _, tt := range []struct{ file, want string }{
		{text, "not a parley database"},
		{other, "not a parley database"},
		{filepath.Join(dir, "missing.db"), "missing.db"},
	} {
		c := newCLI(t)
		_, errOut, code := c.run("restore", tt.file)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("restore %s: exit %d %s, want 2 and %q", filepath.Base(tt.file), code, errOut, tt.want)
		}
		if fileExists(c.db) {
			t.Errorf("restore %s made %s", filepath.Base(tt.file), c.db)
		}
	}
}

// emptySQLite makes a SQLite database that is not parley's.
func emptySQLite(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "plain.db")
	db, err := sql.Open("sqlite", path)
	must(t, err)
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE things (id INTEGER PRIMARY KEY)`)
	must(t, err)
	return path
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
