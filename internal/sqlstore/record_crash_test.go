//go:build unix

package sqlstore_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"parley"
	"parley/internal/sqlstore"
	"parley/sqlite"
)

// envRecordAt says where TestRecordCrashChild kills itself: "insert" once
// the leaf and its checkpoint are written but not committed, "commit" once
// AppendRecord has returned.
const envRecordAt = "PARLEY_CRASH_RECORD_AT"

func TestRecordCrashChild(t *testing.T) {
	path, at := os.Getenv(envDB), os.Getenv(envRecordAt)
	if path == "" || at == "" {
		t.Skip("only runs as the child of TestKillDuringAppend")
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
	versions, err := db.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		t.Fatal(err)
	}
	kill := func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	if at == "insert" {
		sqlstore.SetAfterRecordInsert(kill)
	}
	_, _, err = db.AppendRecord(ctx, n.ID, func(log []*parley.RecordLeaf, _ *parley.RecordCheckpoint, now time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
		return &parley.RecordLeaf{Index: int64(len(log)), Kind: parley.LeafVersion, VersionID: versions[0].ID, Leaf: []byte("leaf"), RecordedAt: now},
			&parley.RecordCheckpoint{Size: int64(len(log)) + 1, Note: []byte("note")}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if at == "commit" {
		kill()
	}
	t.Fatal("child was not killed")
}

// TestKillDuringAppend kills a process inside an append, after the leaf
// and the checkpoint are written, and just after the commit: the leaf and
// its checkpoint are both there or both absent.
func TestKillDuringAppend(t *testing.T) {
	for _, at := range []string{"insert", "commit"} {
		t.Run("after "+at, func(t *testing.T) {
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
			d := &parley.Document{NegotiationID: n.ID, Title: "Text"}
			if err := db.CreateDocument(ctx, d); err != nil {
				t.Fatal(err)
			}
			v := &parley.Version{NegotiationID: n.ID, DocumentID: d.ID, Label: "Draft", Status: parley.StatusDraft, Format: "text", Text: "1. One.", Body: []byte("1. One."),
				Points: []parley.Point{{Path: []string{"1"}, Label: "1.", Text: "One.", Line: 1}}}
			if err := db.CreateVersion(ctx, v); err != nil {
				t.Fatal(err)
			}
			db.Close()

			cmd := exec.Command(os.Args[0], "-test.run=^TestRecordCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), envDB+"="+path, envRecordAt+"="+at)
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
			leaves, err := db.ListRecordLeaves(ctx, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			cps, err := db.ListRecordCheckpoints(ctx, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if at == "commit" {
				want = 1
			}
			if len(leaves) != want || len(cps) != want {
				t.Fatalf("after the kill: %d leaves and %d checkpoints, want %d of each", len(leaves), len(cps), want)
			}
		})
	}
}
