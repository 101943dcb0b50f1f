package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/internal/sqlstore"
	"parley/postgres"
	"parley/storetest"
)

// MustOpen creates a fresh database on the server named by
// PARLEY_TEST_POSTGRES, opens a store on it and drops it afterwards. Without
// a server it skips, except under CI=true, where it fails.
func MustOpen(tb testing.TB) *sqlstore.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), freshDatabase(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// freshDatabase creates an empty database on the server named by
// PARLEY_TEST_POSTGRES and returns its URL; it is dropped when the test
// ends (after the cleanups registered later, such as closing a store on
// it). Without a server it skips, except under CI=true, where it fails.
func freshDatabase(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("PARLEY_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("CI=true but PARLEY_TEST_POSTGRES is not set: PostgreSQL tests must run in CI")
		}
		tb.Skip("PARLEY_TEST_POSTGRES not set; skipping PostgreSQL tests")
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	var suffix [6]byte
	rand.Read(suffix[:])
	name := "parley_test_" + hex.EncodeToString(suffix[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Logf("drop test database: %v", err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) parley.Store { return MustOpen(tb) })
}

func TestOpenRefusesBadURL(t *testing.T) {
	if _, err := postgres.Open(context.Background(), "postgres://127.0.0.1:1/nothing?connect_timeout=2"); err == nil {
		t.Fatal("open of an unreachable server succeeded")
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

// TestPoolKeepsConnections checks that the connections of a burst of
// queries are kept for the next one: database/sql keeps two by default and
// closes the rest, so that each burst started new backends.
func TestPoolKeepsConnections(t *testing.T) {
	ctx := context.Background()
	pool := MustOpen(t).SQL()
	var held []*sql.Conn
	for range 8 {
		c, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Close()
	}
	if st := pool.Stats(); st.MaxIdleClosed != 0 || st.Idle != 8 {
		t.Errorf("after 8 connections: %d idle, %d closed for want of idle room; want 8 and 0", st.Idle, st.MaxIdleClosed)
	}
}
