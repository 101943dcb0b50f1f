package demo

import (
	"context"
	"fmt"

	"parley"
	"parley/record"
)

// KeyPassphrase seals the demo's record and endorsement keys. Like the
// demo accounts' password it is public: a demo database is for trying
// parley, not for a real record.
const KeyPassphrase = "demo"

// Record puts the case's official versions into the demo negotiation's
// signed record, with the parties' endorsements, so that the record page
// and "parley verify" have something to answer from. It does nothing when
// the negotiation has a record already. Each recording makes or opens a
// sealed key (Argon2id), which takes a moment, so it is kept apart from
// Load, which tests call often.
func Record(ctx context.Context, store parley.Store, n *parley.Negotiation) (recorded int, err error) {
	c, err := Read()
	if err != nil {
		return 0, err
	}
	leaves, err := store.ListRecordLeaves(ctx, n.ID)
	if err != nil || len(leaves) > 0 {
		return 0, err
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		return 0, err
	}
	byLabel := map[string]int64{}
	for _, v := range versions {
		byLabel[v.Label] = v.ID
	}
	labels := map[string]string{}
	for _, v := range c.Versions {
		labels[v.Key] = v.Label
	}
	pass := []byte(KeyPassphrase)
	for _, r := range c.Record {
		id, ok := byLabel[labels[r.Version]]
		if !ok {
			return recorded, fmt.Errorf("demo: the record names version %q, which the demo negotiation does not hold", r.Version)
		}
		if _, err := record.Add(ctx, store, id, pass); err != nil {
			return recorded, fmt.Errorf("demo: recording %q: %w", r.Version, err)
		}
		recorded++
		for _, party := range r.Endorse {
			if _, err := record.Endorse(ctx, store, id, party, pass); err != nil {
				return recorded, fmt.Errorf("demo: %s endorsing %q: %w", party, r.Version, err)
			}
		}
	}
	return recorded, nil
}
