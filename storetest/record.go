package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"parley"
)

// The record tests use stand-in leaves and notes: the store keeps bytes and
// does not interpret them (tlog does, and the CLI tests check the two
// together).

// chainBuilder returns a builder whose leaf names what it records and the
// hash of every leaf before it, so that a reader can tell which log each
// leaf was built on.
func chainBuilder(kind string, versionID, partyID int64) parley.RecordBuilder {
	return func(log []*parley.RecordLeaf, last *parley.RecordCheckpoint, now time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
		if (last == nil) != (len(log) == 0) || (last != nil && (last.Size != int64(len(log)) || string(last.Note) != fmt.Sprintf("checkpoint %d\n", len(log)))) {
			return nil, nil, fmt.Errorf("the builder was given the last checkpoint %+v with %d leaves", last, len(log))
		}
		leaf := []byte(fmt.Sprintf("%s %d %d after %x", kind, versionID, partyID, chainHash(log)))
		n := int64(len(log))
		return &parley.RecordLeaf{Index: n, Kind: kind, VersionID: versionID, PartyID: partyID, Leaf: leaf, RecordedAt: now},
			&parley.RecordCheckpoint{Size: n + 1, Note: []byte(fmt.Sprintf("checkpoint %d\n", n+1))}, nil
	}
}

// chainHash hashes the leaves of a log in order.
func chainHash(log []*parley.RecordLeaf) []byte {
	h := sha256.New()
	for _, l := range log {
		h.Write(l.Leaf)
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}

func testRecordKeys(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Record keys")
	_, err := s.FindRecordKey(ctx, f.n.ID, 0)
	wantCode(t, err, parley.ENOTFOUND)

	party := &parley.RecordKey{NegotiationID: f.n.ID, PartyID: f.us.ID, Name: f.us.Name, PublicKey: "cHVibGlj", SealedKey: "parley sealed key v1\nsealed"}
	must(t, s.CreateRecordKey(ctx, party))
	log := &parley.RecordKey{NegotiationID: f.n.ID, Name: "parley/negotiation/1/abc", PublicKey: "parley/negotiation/1/abc+01234567+AQID", SealedKey: "parley sealed key v1\nsealed too"}
	must(t, s.CreateRecordKey(ctx, log))
	if log.ID == 0 || log.CreatedAt.IsZero() {
		t.Fatalf("created key = %+v, want an ID and a creation time", log)
	}
	got, err := s.FindRecordKey(ctx, f.n.ID, 0)
	must(t, err)
	if got.ID != log.ID || got.Name != log.Name || got.PublicKey != log.PublicKey || got.SealedKey != log.SealedKey || got.PartyID != 0 {
		t.Fatalf("record key = %+v, want %+v", got, log)
	}
	got, err = s.FindRecordKey(ctx, f.n.ID, f.us.ID)
	must(t, err)
	if got.ID != party.ID || got.PartyID != f.us.ID || got.SealedKey != party.SealedKey {
		t.Fatalf("party key = %+v, want %+v", got, party)
	}
	_, err = s.FindRecordKey(ctx, f.n.ID, f.ru.ID)
	wantCode(t, err, parley.ENOTFOUND)

	// A key is never replaced.
	wantCode(t, s.CreateRecordKey(ctx, &parley.RecordKey{NegotiationID: f.n.ID, Name: "second", PublicKey: "x", SealedKey: "y"}), parley.ECONFLICT)
	wantCode(t, s.CreateRecordKey(ctx, &parley.RecordKey{NegotiationID: f.n.ID, PartyID: f.us.ID, Name: "again", PublicKey: "x", SealedKey: "y"}), parley.ECONFLICT)
	// Bad input.
	wantCode(t, s.CreateRecordKey(ctx, &parley.RecordKey{NegotiationID: f.n.ID, PartyID: f.ru.ID, Name: "Russia", PublicKey: "x"}), parley.EINVALID)
	wantCode(t, s.CreateRecordKey(ctx, &parley.RecordKey{NegotiationID: f.n.ID, PartyID: f.ru.ID, PublicKey: "x", SealedKey: "y"}), parley.EINVALID)
	other := newFixture(t, s, "Other record keys")
	wantCode(t, s.CreateRecordKey(ctx, &parley.RecordKey{NegotiationID: f.n.ID, PartyID: other.us.ID, Name: "theirs", PublicKey: "x", SealedKey: "y"}), parley.EINVALID)
	wantCode(t, s.CreateRecordKey(ctx, &parley.RecordKey{NegotiationID: f.n.ID + other.n.ID + 1000, Name: "nowhere", PublicKey: "x", SealedKey: "y"}), parley.ENOTFOUND)

	keys, err := s.ListRecordKeys(ctx, f.n.ID)
	must(t, err)
	if len(keys) != 2 || keys[0].ID != log.ID || keys[1].ID != party.ID {
		t.Fatalf("keys = %+v, want the record key, then the party's", keys)
	}
	keys, err = s.ListRecordKeys(ctx, other.n.ID)
	must(t, err)
	if len(keys) != 0 {
		t.Fatalf("another negotiation lists %d keys, want 0", len(keys))
	}
	// The audit log keeps no sealed key.
	audit, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	for _, e := range audit {
		if bytes.Contains([]byte(e.After), []byte("sealed")) {
			t.Fatalf("audit entry %+v holds a sealed key", e)
		}
	}
}

func testRecordAppend(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Record")
	v1, v2 := f.newVersion("First"), f.newVersion("Second")
	must(t, s.CreateVersion(ctx, v1))
	must(t, s.CreateVersion(ctx, v2))

	leaves, err := s.ListRecordLeaves(ctx, f.n.ID)
	must(t, err)
	if len(leaves) != 0 {
		t.Fatalf("a new negotiation has %d leaves", len(leaves))
	}
	// An endorsement of a version not in the record is refused.
	_, _, err = s.AppendRecord(ctx, f.n.ID, chainBuilder(parley.LeafEndorsement, v1.ID, f.ru.ID))
	wantCode(t, err, parley.EINVALID)

	steps := []struct {
		kind    string
		version int64
		party   int64
	}{
		{parley.LeafVersion, v1.ID, 0},
		{parley.LeafEndorsement, v1.ID, f.ru.ID},
		{parley.LeafVersion, v2.ID, 0},
		{parley.LeafEndorsement, v1.ID, f.us.ID},
	}
	var built [][]byte
	for k, st := range steps {
		leaf, cp, err := s.AppendRecord(ctx, f.n.ID, chainBuilder(st.kind, st.version, st.party))
		must(t, err)
		if leaf.Index != int64(k) || cp.Size != int64(k+1) || leaf.NegotiationID != f.n.ID {
			t.Fatalf("append %d: leaf %d, checkpoint size %d, want %d and %d", k, leaf.Index, cp.Size, k, k+1)
		}
		built = append(built, leaf.Leaf)
	}

	// Recorded twice, endorsed twice: conflicts that leave the log as it was.
	_, _, err = s.AppendRecord(ctx, f.n.ID, chainBuilder(parley.LeafVersion, v1.ID, 0))
	wantCode(t, err, parley.ECONFLICT)
	_, _, err = s.AppendRecord(ctx, f.n.ID, chainBuilder(parley.LeafEndorsement, v1.ID, f.ru.ID))
	wantCode(t, err, parley.ECONFLICT)
	// A builder's error, a wrong index or size, a version or party of
	// another negotiation: nothing is written.
	boom := errors.New("signing failed")
	_, _, err = s.AppendRecord(ctx, f.n.ID, func([]*parley.RecordLeaf, *parley.RecordCheckpoint, time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
		return nil, nil, boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("builder error came back as %v", err)
	}
	_, _, err = s.AppendRecord(ctx, f.n.ID, func(log []*parley.RecordLeaf, _ *parley.RecordCheckpoint, now time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
		return &parley.RecordLeaf{Index: 0, Kind: parley.LeafEndorsement, VersionID: v2.ID, PartyID: f.us.ID, Leaf: []byte("x"), RecordedAt: now},
			&parley.RecordCheckpoint{Size: 1, Note: []byte("n")}, nil
	})
	wantCode(t, err, parley.EINVALID)
	other := newFixture(t, s, "Other record")
	ov := other.newVersion("Theirs")
	must(t, s.CreateVersion(ctx, ov))
	_, _, err = s.AppendRecord(ctx, f.n.ID, chainBuilder(parley.LeafVersion, ov.ID, 0))
	wantCode(t, err, parley.EINVALID)
	_, _, err = s.AppendRecord(ctx, f.n.ID, chainBuilder(parley.LeafEndorsement, v2.ID, other.us.ID))
	wantCode(t, err, parley.EINVALID)
	_, _, err = s.AppendRecord(ctx, f.n.ID, chainBuilder("amendment", v2.ID, 0))
	wantCode(t, err, parley.EINVALID)
	_, _, err = s.AppendRecord(ctx, f.n.ID+other.n.ID+1000, chainBuilder(parley.LeafVersion, v2.ID, 0))
	wantCode(t, err, parley.ENOTFOUND)
	// A leaf made from a version or negotiation that changed since is stale.
	v3 := f.newVersion("Third")
	must(t, s.CreateVersion(ctx, v3))
	for _, stale := range []func(*parley.RecordLeaf){
		func(l *parley.RecordLeaf) { l.VersionRevision = v3.Revision + 1 },
		func(l *parley.RecordLeaf) { l.NegotiationRevision = f.n.Revision + 5 },
	} {
		build := chainBuilder(parley.LeafVersion, v3.ID, 0)
		_, _, err = s.AppendRecord(ctx, f.n.ID, func(log []*parley.RecordLeaf, last *parley.RecordCheckpoint, now time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
			l, c, err := build(log, last, now)
			if l != nil {
				stale(l)
			}
			return l, c, err
		})
		wantCode(t, err, parley.ECONFLICT)
	}

	leaves, err = s.ListRecordLeaves(ctx, f.n.ID)
	must(t, err)
	if len(leaves) != len(steps) {
		t.Fatalf("%d leaves after the refused appends, want %d", len(leaves), len(steps))
	}
	for k, l := range leaves {
		st := steps[k]
		if l.Index != int64(k) || l.Kind != st.kind || l.VersionID != st.version || l.PartyID != st.party || !bytes.Equal(l.Leaf, built[k]) {
			t.Fatalf("leaf %d = %+v %q, want %+v %q", k, l, l.Leaf, st, built[k])
		}
		if want := fmt.Sprintf("after %x", chainHash(leaves[:k])); !bytes.HasSuffix(l.Leaf, []byte(want)) {
			t.Fatalf("leaf %d was not built on the leaves before it: %q", k, l.Leaf)
		}
		if l.RecordedAt.IsZero() || l.RecordedAt.Nanosecond() != 0 {
			t.Fatalf("leaf %d recorded at %v, want a time to the second", k, l.RecordedAt)
		}
	}
	cps, err := s.ListRecordCheckpoints(ctx, f.n.ID)
	must(t, err)
	if len(cps) != len(steps) {
		t.Fatalf("%d checkpoints, want %d", len(cps), len(steps))
	}
	for k, c := range cps {
		if c.Size != int64(k+1) || string(c.Note) != fmt.Sprintf("checkpoint %d\n", k+1) || c.CreatedAt.IsZero() {
			t.Fatalf("checkpoint %d = %+v %q", k, c, c.Note)
		}
	}
	// Each negotiation's log counts from 0.
	leaf, _, err := s.AppendRecord(ctx, other.n.ID, chainBuilder(parley.LeafVersion, ov.ID, 0))
	must(t, err)
	if leaf.Index != 0 {
		t.Fatalf("first leaf of another log has index %d", leaf.Index)
	}

	// What a version leaf records is fixed once it is recorded; the rest
	// of its metadata may change.
	got, err := s.FindVersionByID(ctx, v1.ID)
	must(t, err)
	renamed := *got
	renamed.Label = "Renamed"
	wantCode(t, s.UpdateVersion(ctx, &renamed), parley.ECONFLICT)
	noted := *got
	noted.Note = "checked against the signed copy"
	must(t, s.UpdateVersion(ctx, &noted))
	n, err := s.FindNegotiationByID(ctx, f.n.ID)
	must(t, err)
	n.Title = "Record, renamed"
	wantCode(t, s.UpdateNegotiation(ctx, n), parley.ECONFLICT)
	n.Title = "Record"
	n.Description = "a description may change"
	must(t, s.UpdateNegotiation(ctx, n))
}

func testRecordConcurrentAppends(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Record race")
	const writers = 8
	versions := make([]*parley.Version, writers)
	for i := range versions {
		versions[i] = f.newVersion(fmt.Sprintf("Draft %d", i))
		must(t, s.CreateVersion(ctx, versions[i]))
	}
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			_, _, errs[i] = s.AppendRecord(ctx, f.n.ID, chainBuilder(parley.LeafVersion, versions[i].ID, 0))
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i, err)
		}
	}
	leaves, err := s.ListRecordLeaves(ctx, f.n.ID)
	must(t, err)
	if len(leaves) != writers {
		t.Fatalf("%d leaves after %d concurrent appends", len(leaves), writers)
	}
	seen := map[int64]bool{}
	for k, l := range leaves {
		if l.Index != int64(k) {
			t.Fatalf("leaf %d has index %d: indexes must be dense from 0", k, l.Index)
		}
		if want := fmt.Sprintf("after %x", chainHash(leaves[:k])); !bytes.HasSuffix(l.Leaf, []byte(want)) {
			t.Fatalf("leaf %d was built on another log than the leaves before it: two appends ran at once", k)
		}
		seen[l.VersionID] = true
	}
	if len(seen) != writers {
		t.Fatalf("%d distinct versions recorded, want %d", len(seen), writers)
	}
	cps, err := s.ListRecordCheckpoints(ctx, f.n.ID)
	must(t, err)
	if len(cps) != writers || cps[writers-1].Size != writers {
		t.Fatalf("%d checkpoints, the last of size %d; want %d", len(cps), cps[len(cps)-1].Size, writers)
	}

	// Racing to record the same version: exactly one wins.
	v := f.newVersion("Contested")
	must(t, s.CreateVersion(ctx, v))
	for i := range writers {
		wg.Go(func() {
			_, _, errs[i] = s.AppendRecord(ctx, f.n.ID, chainBuilder(parley.LeafVersion, v.ID, 0))
		})
	}
	wg.Wait()
	oneWon(t, errs, "append", "%d appends of one version succeeded, want 1")
}
