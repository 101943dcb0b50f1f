package main

import (
	"context"
	"fmt"

	"parley"
	"parley/demo"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "[--db DB]")
	db := dbFlag(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("demo: unexpected argument %q", rest[0])
	}
	store, err := createStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	_, err = loadDemo(ctx, e, store)
	return err
}

// loadDemo loads the demo case unless it is there, and says which.
func loadDemo(ctx context.Context, e *env, store parley.Store) (*parley.Negotiation, error) {
	n, loaded, err := demo.Load(ctx, store)
	if err != nil {
		return nil, err
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		return nil, err
	}
	if loaded {
		fmt.Fprintf(e.stdout, "loaded the demo case %q (negotiation %d, %d versions)\n", n.Title, n.ID, len(versions))
	} else {
		fmt.Fprintf(e.stdout, "the demo case %q is already loaded (negotiation %d, %d versions)\n", n.Title, n.ID, len(versions))
	}
	return n, nil
}
