package postgres_test

import (
	"context"
	"testing"

	"parley"
	"parley/demo"
)

// The demo loads in one PostgreSQL transaction, and a second load finds it
// complete.
func TestDemoLoads(t *testing.T) {
	store := MustOpen(t)
	ctx := context.Background()
	n, loaded, err := demo.Load(ctx, store)
	if err != nil || !loaded {
		t.Fatalf("load: %v (loaded %v)", err, loaded)
	}
	again, loaded, err := demo.Load(ctx, store)
	if err != nil || loaded || again.ID != n.ID {
		t.Fatalf("second load: %v (loaded %v)", err, loaded)
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil || len(versions) == 0 {
		t.Fatalf("versions: %d, %v", len(versions), err)
	}
}
