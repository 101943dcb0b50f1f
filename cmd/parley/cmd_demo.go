package main

import (
	"context"
	"fmt"

	"parley"
	"parley/demo"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "[--db DB] [--record]")
	db := dbFlag(fs)
	withRecord := fs.Bool("record", false, "also sign the case's official versions and endorsements into the record (keys sealed with the passphrase \""+demo.KeyPassphrase+"\"), as serve --demo does")
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
	n, err := loadDemo(ctx, e, store)
	if err != nil || !*withRecord {
		return err
	}
	return recordDemo(ctx, e, store, n)
}

// recordDemo signs the demo's official versions into its record, once, and
// says so.
func recordDemo(ctx context.Context, e *env, store parley.Store, n *parley.Negotiation) error {
	recorded, err := demo.Record(ctx, store, n)
	if err != nil {
		return err
	}
	if recorded > 0 {
		fmt.Fprintf(e.stdout, "recorded %d official versions of the demo with their endorsements (keys sealed with the passphrase %q)\n", recorded, demo.KeyPassphrase)
	}
	return nil
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
