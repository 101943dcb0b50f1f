//go:build unix

package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"parley"
	"parley/internal/sqlstore"
	"parley/sqlite"
)

// The crash test runs the import in a child process (this test binary run
// again) that kills itself with SIGKILL at a chosen moment; the parent then
// opens the database and checks that the version is either whole or absent.
const (
	envDB    = "PARLEY_CRASH_DB"
	envAfter = "PARLEY_CRASH_AFTER" // points written before the kill; "commit" kills after commit
)

const crashPoints = 400

func TestCrashChild(t *testing.T) {
	path := os.Getenv(envDB)
	if path == "" {
		t.Skip("only runs as the child of TestKillDuringImport")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := db.FindNegotiationByTitle(ctx, "Crash")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := db.ListDocuments(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	kill := func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	after := os.Getenv(envAfter)
	if k, err := strconv.Atoi(after); err == nil {
		sqlstore.SetAfterPointInsert(func(n int) {
			if n == k {
				kill()
			}
		})
	}
	v := &parley.Version{NegotiationID: n.ID, DocumentID: docs[0].ID, Label: "Big", Status: parley.StatusDraft, Format: "text", Text: "x", Body: []byte("x")}
	for i := range crashPoints {
		v.Points = append(v.Points, parley.Point{Path: []string{strconv.Itoa(i + 1)}, Label: fmt.Sprintf("%d.", i+1), Text: fmt.Sprintf("Point %d.", i+1), Line: i + 1})
	}
	if err := db.CreateVersion(ctx, v); err != nil {
		t.Fatal(err)
	}
	if after == "commit" {
		kill()
	}
	t.Fatal("child was not killed")
}

func TestKillDuringImport(t *testing.T) {
	for _, after := range []string{"1", strconv.Itoa(crashPoints / 2), strconv.Itoa(crashPoints), "commit"} {
		t.Run("after "+after, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "parley.db")
			db, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			n := &parley.Negotiation{Title: "Crash"}
			if err := db.CreateNegotiation(ctx, n); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateDocument(ctx, &parley.Document{NegotiationID: n.ID, Title: "Text"}); err != nil {
				t.Fatal(err)
			}
			db.Close()

			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), envDB+"="+path, envAfter+"="+after)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child was not killed: %v\n%s", err, out)
			}

			db, err = sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var check string
			if err := db.SQL().QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
				t.Fatalf("integrity_check = %q, %v", check, err)
			}
			var versions, points int
			db.SQL().QueryRow("SELECT count(*) FROM versions").Scan(&versions)
			db.SQL().QueryRow("SELECT count(*) FROM points").Scan(&points)
			want := [2]int{0, 0}
			if after == "commit" {
				want = [2]int{1, crashPoints}
			}
			if [2]int{versions, points} != want {
				t.Fatalf("after kill: %d versions and %d points, want %v", versions, points, want)
			}
		})
	}
}
