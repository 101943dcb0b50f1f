package record_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"parley"
	"parley/demo"
	"parley/record"
	"parley/sqlite"
	"parley/tlog"
)

// A version recorded and endorsed through the package gives a record that
// checks, and a proof that verifies offline with the log's public key;
// recording it twice, or endorsing it twice, is a conflict, and a wrong
// passphrase opens no key.
func TestAddEndorseCheckProve(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	n, _, err := demo.Load(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		t.Fatal(err)
	}
	v := versions[0]
	pass := []byte("a passphrase for the test")
	added, err := record.Add(ctx, store, v.ID, pass)
	if err != nil {
		t.Fatal(err)
	}
	if added.MadeKey == nil || added.Leaf.Index != 0 || added.Checkpoint.Size != 1 {
		t.Fatalf("first recording: key made %v, leaf %d, size %d", added.MadeKey != nil, added.Leaf.Index, added.Checkpoint.Size)
	}
	if _, err := record.Add(ctx, store, v.ID, pass); parley.ErrorCode(err) != parley.ECONFLICT {
		t.Fatalf("recording twice: %v", err)
	}
	if _, err := record.Endorse(ctx, store, v.ID, "UA", []byte("the wrong passphrase")); err == nil {
		t.Fatal("endorsed with the wrong passphrase")
	}
	endorsed, err := record.Endorse(ctx, store, v.ID, "UA", pass)
	if err != nil {
		t.Fatal(err)
	}
	if endorsed.Party == nil || endorsed.Leaf.Kind != parley.LeafEndorsement || endorsed.Checkpoint.Size != 2 {
		t.Fatalf("endorsement: %+v", endorsed.Leaf)
	}
	if _, err := record.Endorse(ctx, store, v.ID, "UA", pass); parley.ErrorCode(err) != parley.ECONFLICT {
		t.Fatalf("endorsing twice: %v", err)
	}
	sum, err := record.Check(ctx, store, n)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Leaves != 2 || sum.Versions != 1 || sum.Endorsements != 1 || sum.Size != 2 {
		t.Fatalf("check: %+v", sum)
	}
	text, err := record.Proof(ctx, store, n.ID, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	proof, err := tlog.ParseProof(text)
	if err != nil {
		t.Fatal(err)
	}
	key, err := store.FindRecordKey(ctx, n.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := proof.Verify(key.PublicKey); err != nil {
		t.Fatalf("the proof does not verify: %v", err)
	}
	_, err = record.Proof(ctx, store, n.ID, versions[1].ID)
	if parley.ErrorCode(err) != parley.ENOTFOUND {
		t.Fatalf("proof of an unrecorded version: %v", err)
	}
	var failed *record.Failure
	if errors.As(err, &failed) {
		t.Fatalf("an unrecorded version is no failure of the record: %v", err)
	}
}
