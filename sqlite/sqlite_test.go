package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/demo"
	"parley/internal/sqlstore"
	"parley/sqlite"
	"parley/storetest"
)

// MustOpen opens a new database in a temporary directory.
func MustOpen(tb testing.TB) *sqlstore.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "parley.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) parley.Store { return MustOpen(tb) })
}

func TestPragmas(t *testing.T) {
	db := MustOpen(t)
	for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "10000"} {
		var got string
		if err := db.SQL().QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

func TestReopenKeepsDataAndSkipsMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parley.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateNegotiation(ctx, &parley.Negotiation{Title: "Kept"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.FindNegotiationByTitle(ctx, "Kept")
	if err != nil || n.Title != "Kept" {
		t.Fatalf("after reopen: %v, %v", n, err)
	}
	var migrations int
	if err := db.SQL().QueryRow("SELECT count(*) FROM schema_migrations").Scan(&migrations); err != nil || migrations == 0 {
		t.Fatalf("schema_migrations: %d rows, %v", migrations, err)
	}
}

// TestRecordIsAppendOnly checks that the database itself refuses to change
// a leaf or a checkpoint of the record once written.
func TestRecordIsAppendOnly(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	n := &parley.Negotiation{Title: "Append-only"}
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
	_, _, err := db.AppendRecord(ctx, n.ID, func(log []*parley.RecordLeaf, _ *parley.RecordCheckpoint, now time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
		return &parley.RecordLeaf{Index: 0, Kind: parley.LeafVersion, VersionID: v.ID, Leaf: []byte("leaf"), RecordedAt: now},
			&parley.RecordCheckpoint{Size: 1, Note: []byte("note")}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{
		"UPDATE record_leaves SET leaf = leaf || leaf",
		"UPDATE record_checkpoints SET note = 'forged'",
	} {
		if _, err := db.SQL().ExecContext(ctx, query); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want the append-only trigger to refuse it", query, err)
		}
	}
}

// TestPools checks that the connections of a burst of readers are kept for
// the next burst (database/sql keeps two by default and closes the rest),
// that there is one writer connection, and that the readers cannot write.
func TestPools(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	pools := db.Pools()
	writer, reader := pools["writer"], pools["reader"]
	if writer == nil || reader == nil {
		t.Fatalf("pools = %v, want a writer and a reader", pools)
	}
	if n := writer.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("writer pool opens up to %d connections, want 1", n)
	}
	var held []*sql.Conn
	for range 4 {
		c, err := reader.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Close()
	}
	if st := reader.Stats(); st.MaxIdleClosed != 0 || st.Idle != 4 {
		t.Errorf("after 4 readers: %d idle, %d closed for want of idle room; want 4 and 0", st.Idle, st.MaxIdleClosed)
	}
	if _, err := reader.ExecContext(ctx, `DELETE FROM users`); err == nil {
		t.Error("a write through the reader pool succeeded")
	}
}

// TestVersionContentsKept checks the store's cache of version contents:
// what a caller changes in a version it got is not in the next one, and a
// version row replaced behind parley's back (another text hash) is read
// again.
func TestVersionContentsKept(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	if _, _, err := demo.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	versions, err := db.ListVersions(ctx, parley.VersionFilter{})
	if err != nil || len(versions) == 0 {
		t.Fatalf("versions: %v, %v", versions, err)
	}
	id := versions[0].ID
	v, err := db.FindVersionByID(ctx, id)
	if err != nil || len(v.Points) == 0 {
		t.Fatalf("find version %d: %v, %d points", id, err, len(v.Points))
	}
	want := v.Points[0].Text
	v.Points[0].Text, v.Points[0].Path[0], v.Body[0] = "changed by the caller", "99", 'X'
	again, err := db.FindVersionByID(ctx, id)
	if err != nil || again.Points[0].Text != want || again.Points[0].Path[0] == "99" || again.Body[0] == 'X' {
		t.Fatalf("second read has the first caller's changes: %q %v", again.Points[0].Text, again.Points[0].Path)
	}
	if _, err := db.SQL().ExecContext(ctx, `UPDATE points SET text = 'replaced' WHERE version_id = ? AND ordinal = ?`, id, again.Points[0].Ordinal); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `UPDATE versions SET text_hash = 'replaced' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	replaced, err := db.FindVersionByID(ctx, id)
	if err != nil || replaced.Points[0].Text != "replaced" {
		t.Fatalf("a version replaced behind the store's back: %v, first point %q", err, replaced.Points[0].Text)
	}
}
