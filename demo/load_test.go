package demo_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"parley"
	"parley/demo"
	"parley/sqlite"
)

// writes is how many entries a complete load writes.
func writes(t *testing.T) int {
	t.Helper()
	c, err := demo.Read()
	if err != nil {
		t.Fatal(err)
	}
	return 1 + len(c.Parties) + len(c.Actors) + len(c.Sources) + len(c.Documents) + len(c.Versions) + len(c.Events) +
		len(c.Issues) + len(c.Positions) + len(c.Stances) + len(c.Understandings) + min(1, len(c.Synonyms))
}

// rowsLeft counts the rows of every table but the migrations.
func rowsLeft(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	left := map[string]int{}
	for _, table := range tables {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "` + table + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			left[table] = n
		}
	}
	return left
}

// A load cut short (Ctrl-C after some writes) leaves nothing of the demo,
// and the next load puts all of it in.
func TestInterruptedLoadLeavesNothing(t *testing.T) {
	total := writes(t)
	for _, after := range []int{1, 2, 40, total - 1, total} {
		t.Run(fmt.Sprintf("after %d of %d writes", after, total), func(t *testing.T) {
			store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			// What a new database holds before any load (the full-text
			// index's own configuration rows): the interrupted load must
			// leave exactly that.
			fresh := rowsLeft(t, store.SQL())
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			reset := demo.SetAfterWrite(func(n int) {
				if n == after {
					cancel()
				}
			})
			_, loaded, err := demo.Load(ctx, store)
			reset()
			if err == nil || loaded {
				t.Fatalf("load interrupted after %d writes: err %v, loaded %v", after, err, loaded)
			}
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want it to wrap context.Canceled", err)
			}
			if left := rowsLeft(t, store.SQL()); !maps.Equal(left, fresh) {
				t.Fatalf("interrupted after %d of %d writes, the database keeps %v (a new one holds %v)", after, total, left, fresh)
			}
			n, loaded, err := demo.Load(context.Background(), store)
			if err != nil || !loaded {
				t.Fatalf("second load: %v (loaded %v)", err, loaded)
			}
			versions, err := store.ListVersions(context.Background(), parley.VersionFilter{NegotiationID: n.ID})
			if c, _ := demo.Read(); err != nil || len(versions) != len(c.Versions) {
				t.Fatalf("second load: %d versions (%v), want %d", len(versions), err, len(c.Versions))
			}
		})
	}
}

// A demo left half-loaded by an older parley (one that wrote entry by
// entry) is refused, not served as if it were the case.
func TestHalfLoadedDemoIsRefused(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	n := &parley.Negotiation{Title: demo.Title()}
	if err := store.CreateNegotiation(ctx, n); err != nil {
		t.Fatal(err)
	}
	if err := store.CreateParty(ctx, &parley.Party{NegotiationID: n.ID, Code: "US", Name: "United States", Kind: parley.PartyState}); err != nil {
		t.Fatal(err)
	}
	_, loaded, err := demo.Load(ctx, store)
	if err == nil || loaded {
		t.Fatalf("half-loaded demo: err %v, loaded %v; want it refused", err, loaded)
	}
	if !strings.Contains(err.Error(), "incomplete") || !strings.Contains(err.Error(), "versions") {
		t.Errorf("error %q, want it to say the demo is incomplete and what is missing", err)
	}

	// A complete demo, with entries added since, is still the demo.
	store2, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store2.Close()
	first, _, err := demo.Load(ctx, store2)
	if err != nil {
		t.Fatal(err)
	}
	if err := store2.CreateParty(ctx, &parley.Party{NegotiationID: first.ID, Code: "CN", Name: "China", Kind: parley.PartyState}); err != nil {
		t.Fatal(err)
	}
	again, loaded, err := demo.Load(ctx, store2)
	if err != nil || loaded || again.ID != first.ID {
		t.Fatalf("reload of a complete demo: %v, loaded %v", err, loaded)
	}
}
