package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"parley"
	"parley/tlog"
)

const recordUsage = `add|endorse|check|checkpoint|proof|list ...

  parley record add VERSION [--passphrase-file FILE]
      record a stored version as official: append its leaf to the
      negotiation's log and sign the new checkpoint with the record key
      (made on first use)
  parley record endorse VERSION --party NAME [--passphrase-file FILE]
      append the party's endorsement of a recorded version, signed with
      the party's key (made on first use)
  parley record check [--negotiation N] [--against FILE [--key VKEY|@FILE]] [--format text|json]
      derive every version leaf again from the stored data (text, points
      and the original bytes) and compare it byte for byte, check every
      endorsement, and check every checkpoint issued against the log; exit
      0 when all hold, 1 naming the first version or leaf that does not.
      With --against, first check the checkpoint saved in FILE (its
      signature, by --key or else the log's stored key) and that the log
      still holds it: the same tree or a larger one consistent with it; a
      log deleted, cut short or rewritten fails
  parley record checkpoint --negotiation N [--output FILE]
      write the log's latest signed checkpoint, once the record checks, to
      keep outside the database for "record check --against FILE"
  parley record proof VERSION [--output FILE]
      write the proof that the version (and its endorsements) is in the
      log, for "parley verify --proof FILE --key VKEY TEXT" offline
  parley record list --negotiation N [--format text|json]
      list the leaves of the log

Signing needs the passphrase that seals the keys: $PARLEY_KEY_PASSPHRASE or
--passphrase-file FILE.`

func runRecord(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 0 {
			return usageErrorf("record: want add, endorse, check, checkpoint, proof or list")
		}
		fmt.Fprintf(e.stdout, "usage: parley record %s\n", recordUsage)
		return errHelp
	}
	action, args := args[0], args[1:]
	fs := newFlags(e, "record", recordUsage)
	db := dbFlag(fs)
	var party, passFile, negotiationFlag, output, format, against, keyArg *string
	switch action {
	case "add":
		passFile = passphraseFlag(fs)
		format = formatFlag(fs, "text", "json")
	case "endorse":
		party = fs.String("party", "", "the endorsing party (code or name)")
		passFile = passphraseFlag(fs)
		format = formatFlag(fs, "text", "json")
	case "check":
		negotiationFlag = fs.String("negotiation", "", "check this negotiation's record only (an id or a title)")
		against = fs.String("against", "", "check that the log still holds the signed checkpoint saved in `FILE` (by \"parley record checkpoint\")")
		keyArg = fs.String("key", "", "with --against: the log's verifier key, or @FILE holding it, to check the saved checkpoint with instead of the key stored in the database")
		format = formatFlag(fs, "text", "json")
	case "checkpoint":
		negotiationFlag = fs.String("negotiation", "", "the negotiation (an id or a title)")
		output = fs.String("output", "", "write the checkpoint to `FILE` instead of standard output")
	case "proof":
		output = fs.String("output", "", "write the proof to `FILE` instead of standard output")
	case "list":
		negotiationFlag = fs.String("negotiation", "", "the negotiation (an id or a title)")
		format = formatFlag(fs, "text", "json")
	default:
		return usageErrorf("record: unknown action %q: want add, endorse, check, checkpoint, proof or list", action)
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if format != nil {
		if err := checkFormat(*format, "text", "json"); err != nil {
			return err
		}
	}
	var versionID int64
	switch action {
	case "add", "endorse", "proof":
		if len(rest) != 1 {
			return usageErrorf("record %s: want one VERSION id, got %d arguments", action, len(rest))
		}
		versionID, err = strconv.ParseInt(rest[0], 10, 64)
		if err != nil || versionID <= 0 {
			return usageErrorf("record %s: %q is not a version id (a positive number)", action, rest[0])
		}
	default:
		if len(rest) != 0 {
			return usageErrorf("record %s: unexpected argument %q", action, rest[0])
		}
	}
	if action == "endorse" && *party == "" {
		return usageErrorf("record endorse: --party is required")
	}
	if (action == "list" || action == "checkpoint") && *negotiationFlag == "" {
		return usageErrorf("record %s: --negotiation is required", action)
	}
	if action == "check" && *keyArg != "" && *against == "" {
		return usageErrorf("record check: --key goes with --against FILE")
	}
	var pass []byte
	if passFile != nil {
		if pass, err = readPassphrase(e, "record "+action, *passFile); err != nil {
			return err
		}
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	switch action {
	case "add":
		return recordAdd(ctx, e, store, versionID, pass, *format)
	case "endorse":
		return recordEndorse(ctx, e, store, versionID, *party, pass, *format)
	case "check":
		return recordCheck(ctx, e, store, *negotiationFlag, *against, *keyArg, *format)
	case "checkpoint":
		return recordCheckpoint(ctx, e, store, *negotiationFlag, *output)
	case "proof":
		return recordProof(ctx, e, store, versionID, *output)
	}
	return recordList(ctx, e, store, *negotiationFlag, *format)
}

// recordedJSON is the output of "record add" and "record endorse" with
// --format json.
type recordedJSON struct {
	Negotiation int64  `json:"negotiation"`
	Version     int64  `json:"version"`
	Party       string `json:"party,omitempty"`
	Kind        string `json:"kind"`
	Index       int64  `json:"index"`
	TreeSize    int64  `json:"tree_size"`
	Root        string `json:"root"`
}

// versionContext is a stored version with the names its leaf records.
type versionContext struct {
	v             *parley.Version
	n             *parley.Negotiation
	draftingParty string
}

func loadVersionContext(ctx context.Context, store parley.Store, id int64) (*versionContext, error) {
	v, err := store.FindVersionByID(ctx, id)
	if err != nil {
		return nil, err
	}
	n, err := store.FindNegotiationByID(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	vc := &versionContext{v: v, n: n}
	if v.PartyID != 0 {
		names, err := partyNames(ctx, store, n.ID)
		if err != nil {
			return nil, err
		}
		vc.draftingParty = names[v.PartyID]
	}
	return vc, nil
}

func (vc *versionContext) what() string { return fmt.Sprintf("version %d (%q)", vc.v.ID, vc.v.Label) }

func recordAdd(ctx context.Context, e *env, store parley.Store, id int64, pass []byte, format string) error {
	vc, err := loadVersionContext(ctx, store, id)
	if err != nil {
		return err
	}
	if parley.HashText(vc.v.Text) != vc.v.TextHash {
		return fmt.Errorf("%s: the stored text does not match its stored hash; it cannot be recorded (run parley record check)", vc.what())
	}
	// Fail early, before the keys are opened; the append checks again
	// under the lock.
	log, err := store.ListRecordLeaves(ctx, vc.n.ID)
	if err != nil {
		return err
	}
	if err := vc.notRecorded(log); err != nil {
		return err
	}
	key, created, err := loadRecordKey(ctx, store, vc.n, nil, pass)
	if err != nil {
		return err
	}
	skey, err := openLogKey(vc.n, key, pass)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(e.stderr, "made %s; its public key:\n%s\n", keyWhat(vc.n, nil), key.PublicKey)
	}
	leaf, cp, root, err := recordVersion(ctx, store, vc, key, skey)
	if err != nil {
		return err
	}
	out := recordedJSON{Negotiation: vc.n.ID, Version: vc.v.ID, Kind: leaf.Kind, Index: leaf.Index, TreeSize: cp.Size, Root: base64.StdEncoding.EncodeToString(root)}
	if format == "json" {
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "recorded %s in the record of negotiation %d (%q)\n", vc.what(), vc.n.ID, vc.n.Title)
	fmt.Fprintf(e.stdout, "index %d, tree size %d, root %s\n", out.Index, out.TreeSize, out.Root)
	return nil
}

func recordEndorse(ctx context.Context, e *env, store parley.Store, id int64, partyName string, pass []byte, format string) error {
	vc, err := loadVersionContext(ctx, store, id)
	if err != nil {
		return err
	}
	p, err := store.FindParty(ctx, vc.n.ID, partyName)
	if err != nil {
		return err
	}
	log, err := store.ListRecordLeaves(ctx, vc.n.ID)
	if err != nil {
		return err
	}
	if _, err := vc.endorsable(log, p); err != nil {
		return err
	}
	key, err := store.FindRecordKey(ctx, vc.n.ID, 0)
	if err != nil {
		return err
	}
	skey, err := openLogKey(vc.n, key, pass)
	if err != nil {
		return err
	}
	partyKey, created, err := loadRecordKey(ctx, store, vc.n, p, pass)
	if err != nil {
		return err
	}
	private, err := openPartyKey(vc.n, p, partyKey, pass)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(e.stderr, "made %s; its public key: %s\n", keyWhat(vc.n, p), partyKey.PublicKey)
	}
	leaf, cp, root, err := endorseVersion(ctx, store, vc, p, private, key, skey)
	if err != nil {
		return err
	}
	out := recordedJSON{Negotiation: vc.n.ID, Version: vc.v.ID, Party: p.Name, Kind: leaf.Kind, Index: leaf.Index, TreeSize: cp.Size, Root: base64.StdEncoding.EncodeToString(root)}
	if format == "json" {
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "recorded the endorsement of %s by %s in the record of negotiation %d (%q)\n", vc.what(), p.Name, vc.n.ID, vc.n.Title)
	fmt.Fprintf(e.stdout, "index %d, tree size %d, root %s\n", out.Index, out.TreeSize, out.Root)
	return nil
}

// notRecorded fails with ECONFLICT when the log already records the version.
func (vc *versionContext) notRecorded(log []*parley.RecordLeaf) error {
	for _, l := range log {
		if l.Kind == parley.LeafVersion && l.VersionID == vc.v.ID {
			return parley.Errorf(parley.ECONFLICT, "%s is already in the record of negotiation %d (leaf %d)", vc.what(), vc.n.ID, l.Index)
		}
	}
	return nil
}

// endorsable returns the version's leaf in the log, failing when the
// version is not recorded or p has endorsed it already.
func (vc *versionContext) endorsable(log []*parley.RecordLeaf, p *parley.Party) (*parley.RecordLeaf, error) {
	var version *parley.RecordLeaf
	for _, l := range log {
		switch {
		case l.Kind == parley.LeafVersion && l.VersionID == vc.v.ID:
			version = l
		case l.Kind == parley.LeafEndorsement && l.VersionID == vc.v.ID && l.PartyID == p.ID:
			return nil, parley.Errorf(parley.ECONFLICT, "%s has already endorsed %s (leaf %d)", p.Name, vc.what(), l.Index)
		}
	}
	if version == nil {
		return nil, parley.Errorf(parley.EINVALID, "%s is not in the record: run \"parley record add %d\" before it is endorsed", vc.what(), vc.v.ID)
	}
	return version, nil
}

// recordVersion appends the leaf of a version, signed into the log with
// the record key (key, opened as skey).
func recordVersion(ctx context.Context, store parley.Store, vc *versionContext, key *parley.RecordKey, skey string) (*parley.RecordLeaf, *parley.RecordCheckpoint, []byte, error) {
	return appendLeaf(ctx, store, vc.n, key, skey, func(log []*parley.RecordLeaf, now time.Time) (*parley.RecordLeaf, error) {
		if err := vc.notRecorded(log); err != nil {
			return nil, err
		}
		entry, err := tlog.NewVersionEntry(vc.v, vc.n.Title, vc.draftingParty, now)
		if err != nil {
			return nil, err
		}
		b, err := entry.Encode()
		if err != nil {
			return nil, err
		}
		return &parley.RecordLeaf{Index: int64(len(log)), Kind: parley.LeafVersion, VersionID: vc.v.ID, Leaf: b, RecordedAt: now,
			VersionRevision: vc.v.Revision, NegotiationRevision: vc.n.Revision}, nil
	})
}

// endorseVersion appends p's endorsement of a recorded version, signed
// with p's key (private), into the log.
func endorseVersion(ctx context.Context, store parley.Store, vc *versionContext, p *parley.Party, private ed25519.PrivateKey, key *parley.RecordKey, skey string) (*parley.RecordLeaf, *parley.RecordCheckpoint, []byte, error) {
	return appendLeaf(ctx, store, vc.n, key, skey, func(log []*parley.RecordLeaf, now time.Time) (*parley.RecordLeaf, error) {
		version, err := vc.endorsable(log, p)
		if err != nil {
			return nil, err
		}
		en, err := tlog.SignEndorsement(private, p.Name, uint64(version.Index), version.Leaf)
		if err != nil {
			return nil, err
		}
		b, err := en.Encode()
		if err != nil {
			return nil, err
		}
		return &parley.RecordLeaf{Index: int64(len(log)), Kind: parley.LeafEndorsement, VersionID: vc.v.ID, PartyID: p.ID, Leaf: b, RecordedAt: now}, nil
	})
}

// appendLeaf appends the leaf that makeLeaf builds, with the checkpoint of
// the log that ends in it signed by the record key, and returns the new
// root. Before it signs, it checks that the log is the one the last
// checkpoint signed, so that a damaged log is never signed over.
func appendLeaf(ctx context.Context, store parley.Store, n *parley.Negotiation, key *parley.RecordKey, skey string,
	makeLeaf func(log []*parley.RecordLeaf, now time.Time) (*parley.RecordLeaf, error)) (*parley.RecordLeaf, *parley.RecordCheckpoint, []byte, error) {
	var root []byte
	leaf, cp, err := store.AppendRecord(ctx, n.ID, func(log []*parley.RecordLeaf, last *parley.RecordCheckpoint, now time.Time) (*parley.RecordLeaf, *parley.RecordCheckpoint, error) {
		leaves := make([][]byte, 0, len(log)+1)
		for _, l := range log {
			leaves = append(leaves, l.Leaf)
		}
		tree := tlog.BuildTree(leaves)
		if err := holdsLastCheckpoint(n, key, tree, last); err != nil {
			return nil, nil, err
		}
		leaf, err := makeLeaf(log, now)
		if err != nil {
			return nil, nil, err
		}
		if err := tree.Append(tlog.HashLeaf(leaf.Leaf)); err != nil {
			return nil, nil, err
		}
		size := tree.Size()
		if root, err = tree.Root(size); err != nil {
			return nil, nil, err
		}
		signed, err := tlog.Checkpoint{Origin: key.Name, Size: size, Root: root}.Sign(skey)
		if err != nil {
			return nil, nil, err
		}
		// A sealed key that does not match the stored public key would sign
		// checkpoints nobody can check: refuse it.
		if _, err := tlog.OpenCheckpoint(signed, key.PublicKey, key.Name); err != nil {
			return nil, nil, fmt.Errorf("%s: the sealed key does not match the public key stored beside it", keyWhat(n, nil))
		}
		return leaf, &parley.RecordCheckpoint{Size: int64(size), Note: signed}, nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return leaf, cp, root, nil
}

// holdsLastCheckpoint checks that the log in tree is exactly the one the
// last checkpoint signed: every append issues a checkpoint of the whole
// log, so anything else means leaves or checkpoints were lost or changed.
func holdsLastCheckpoint(n *parley.Negotiation, key *parley.RecordKey, tree *tlog.Tree, last *parley.RecordCheckpoint) error {
	size := tree.Size()
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("the record of negotiation %d is damaged: %s; nothing more is signed over it (run parley record check)", n.ID, fmt.Sprintf(format, args...))
	}
	if last == nil {
		if size > 0 {
			return damaged("it has %d leaves but no checkpoint", size)
		}
		return nil
	}
	cp, err := tlog.OpenCheckpoint(last.Note, key.PublicKey, key.Name)
	if err != nil {
		return damaged("its last checkpoint does not open with the record key: %s", parley.ErrorMessage(err))
	}
	if cp.Size != size || uint64(last.Size) != size {
		return damaged("its last checkpoint covers %d leaves, the log has %d", cp.Size, size)
	}
	if root, err := tree.Root(size); err != nil || !bytes.Equal(root, cp.Root) {
		return damaged("its leaves no longer give the root of its last checkpoint")
	}
	return nil
}

// recordCheck checks the record of one negotiation, or of all; with a
// saved checkpoint (against), first that its log still holds it, and then
// that log only.
// A failed check is an error, so the JSON lists only records that hold.
func recordCheck(ctx context.Context, e *env, store parley.Store, name, against, keyArg, format string) error {
	var negotiations []*parley.Negotiation
	if against != "" {
		n, err := checkAgainst(ctx, e, store, name, against, keyArg)
		if err != nil {
			return err
		}
		negotiations = []*parley.Negotiation{n}
		name = strconv.FormatInt(n.ID, 10)
	} else if name != "" {
		n, err := findNegotiation(ctx, store, name)
		if err != nil {
			return err
		}
		negotiations = []*parley.Negotiation{n}
	} else {
		var err error
		if negotiations, err = store.ListNegotiations(ctx); err != nil {
			return err
		}
	}
	checked := 0
	held := []map[string]any{}
	for _, n := range negotiations {
		sum, err := checkRecord(ctx, store, n)
		if err != nil {
			return err
		}
		if sum.leaves == 0 && name == "" {
			continue
		}
		checked++
		if format == "json" {
			held = append(held, map[string]any{"negotiation": n.ID, "title": n.Title, "holds": true, "leaves": sum.leaves,
				"versions": sum.versions, "endorsements": sum.endorsements, "checkpoints": sum.checkpoints,
				"tree_size": sum.size, "root": base64.StdEncoding.EncodeToString(sum.root)})
			continue
		}
		if sum.leaves == 0 {
			fmt.Fprintf(e.stdout, "negotiation %d (%q) has no record yet\n", n.ID, n.Title)
			continue
		}
		fmt.Fprintf(e.stdout, "negotiation %d (%q): %s (%s, %s) and %s hold; tree size %d, root %s\n",
			n.ID, n.Title, count(sum.leaves, "leaf", "leaves"), count(sum.versions, "version", "versions"), count(sum.endorsements, "endorsement", "endorsements"),
			count(sum.checkpoints, "checkpoint", "checkpoints"), sum.size, base64.StdEncoding.EncodeToString(sum.root))
	}
	if format == "json" {
		return writeJSON(e.stdout, map[string]any{"records": held})
	}
	if checked == 0 {
		fmt.Fprintln(e.stdout, "no negotiation has a record yet")
	}
	return nil
}

// maxCheckpointFile bounds a saved checkpoint file; a signed checkpoint
// with a few cosignatures is well under a kilobyte.
const maxCheckpointFile = 64 << 10

// checkAgainst checks a checkpoint saved outside the database: that it is
// signed by the log's key (keyArg, or else the key stored for the log),
// and that the log still holds it, by a consistency proof from it to the
// whole log. It returns the negotiation, named by name or else by the
// checkpoint's origin, "parley/negotiation/ID/...". Deleting the whole
// record leaves a database that checks by itself; only a checkpoint kept
// elsewhere tells.
func checkAgainst(ctx context.Context, e *env, store parley.Store, name, path, keyArg string) (*parley.Negotiation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageErrorf("record check: cannot read the checkpoint %s: %v", path, unwrapPathError(err))
	}
	signed, err := io.ReadAll(io.LimitReader(f, maxCheckpointFile+1))
	f.Close()
	if err != nil {
		return nil, usageErrorf("record check: cannot read the checkpoint %s: %v", path, err)
	}
	if len(signed) > maxCheckpointFile {
		return nil, usageErrorf("record check: %s is larger than %d bytes: not a checkpoint", path, maxCheckpointFile)
	}
	origin, _, _ := strings.Cut(string(signed), "\n")
	var n *parley.Negotiation
	if name != "" {
		if n, err = findNegotiation(ctx, store, name); err != nil {
			return nil, err
		}
	} else {
		id, ok := originNegotiation(origin)
		if !ok {
			return nil, usageErrorf("record check: %s does not name its log as parley does (first line %q): give --negotiation N", path, cut(origin, 80))
		}
		n, err = store.FindNegotiationByID(ctx, id)
		if parley.ErrorCode(err) == parley.ENOTFOUND {
			return nil, failf("negotiation %d, whose record the checkpoint %s signed, is gone, and its record with it", id, path)
		}
		if err != nil {
			return nil, err
		}
	}
	where := fmt.Sprintf("the record of negotiation %d (%q)", n.ID, n.Title)
	var vkey, logName string
	if keyArg != "" {
		if vkey, logName, err = readVerifierKey("record check", keyArg); err != nil {
			return nil, err
		}
	} else {
		key, err := store.FindRecordKey(ctx, n.ID, 0)
		if parley.ErrorCode(err) == parley.ENOTFOUND {
			return nil, failf("%s has no record key any more, so it cannot check the saved checkpoint %s; the key was deleted, and the record it signed likely with it: give the log's verifier key with --key VKEY (from \"parley keys export\") to check the file", where, path)
		}
		if err != nil {
			return nil, err
		}
		vkey, logName = key.PublicKey, key.Name
	}
	cp, err := tlog.OpenCheckpoint(signed, vkey, logName)
	if err != nil {
		return nil, failf("the saved checkpoint %s does not hold for %s: %s", path, where, parley.ErrorMessage(err))
	}
	rows, err := store.ListRecordLeaves(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	switch {
	case len(rows) == 0:
		return nil, failf("%s is gone: the saved checkpoint %s signed a log of %d leaves, the database holds none", where, path, cp.Size)
	case uint64(len(rows)) < cp.Size:
		return nil, failf("%s is shorter than the saved checkpoint %s: it holds %d leaves, the checkpoint signed %d (leaves were deleted)", where, path, len(rows), cp.Size)
	}
	leaves := make([][]byte, len(rows))
	for i, row := range rows {
		if row.Index != int64(i) {
			return nil, failf("%s: leaf %d is missing (the next stored leaf has index %d)", where, i, row.Index)
		}
		leaves[i] = row.Leaf
	}
	tree := tlog.BuildTree(leaves)
	size := tree.Size()
	root, err := tree.Root(size)
	if err != nil {
		return nil, err
	}
	proof, err := tree.ConsistencyProof(cp.Size, size)
	if err == nil {
		err = tlog.VerifyConsistency(cp.Size, size, proof, cp.Root, root)
	}
	if err != nil {
		return nil, failf("%s has forked from the saved checkpoint %s: its first %d leaves no longer give the root the checkpoint signed", where, path, cp.Size)
	}
	fmt.Fprintf(e.stdout, "%s holds the saved checkpoint (tree size %d) in its tree of size %d\n", where, cp.Size, size)
	return n, nil
}

// originNegotiation reads the negotiation id from a log's origin,
// "parley/negotiation/ID/SUFFIX", as newRecordKey names it.
func originNegotiation(origin string) (int64, bool) {
	rest, ok := strings.CutPrefix(origin, "parley/negotiation/")
	if !ok {
		return 0, false
	}
	idText, _, ok := strings.Cut(rest, "/")
	id, err := strconv.ParseInt(idText, 10, 64)
	return id, ok && err == nil && id > 0
}

// recordCheckpoint writes the latest signed checkpoint of a negotiation's
// log, once the whole record checks, for "record check --against".
func recordCheckpoint(ctx context.Context, e *env, store parley.Store, name, output string) error {
	n, err := findNegotiation(ctx, store, name)
	if err != nil {
		return err
	}
	sum, err := checkRecord(ctx, store, n)
	if err != nil {
		return err
	}
	if sum.leaves == 0 {
		return parley.Errorf(parley.ENOTFOUND, "negotiation %d (%q) has no record yet", n.ID, n.Title)
	}
	cps, err := store.ListRecordCheckpoints(ctx, n.ID)
	if err != nil {
		return err
	}
	note := cps[len(cps)-1].Note
	if output == "" {
		_, err := e.stdout.Write(note)
		return err
	}
	if err := writeFileAtomic(output, note); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote the checkpoint of the record of negotiation %d (tree size %d) to %s\n", n.ID, sum.size, output)
	return nil
}

// count writes n with the noun in the singular or plural.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// recordSummary is what a record check found.
type recordSummary struct {
	leaves, versions, endorsements, checkpoints int
	size                                        uint64
	root                                        []byte
}

// checkFailure is a record or proof that does not hold: exit status 1,
// with a message naming what fails.
type checkFailure struct{ msg string }

func (f *checkFailure) Error() string { return f.msg }

func failf(format string, args ...any) error { return &checkFailure{fmt.Sprintf(format, args...)} }

// checkRecord checks one negotiation's record: every leaf row against its
// bytes and the stored data, then the whole log and every checkpoint with
// tlog.CheckLog.
func checkRecord(ctx context.Context, store parley.Store, n *parley.Negotiation) (*recordSummary, error) {
	rows, err := store.ListRecordLeaves(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	cps, err := store.ListRecordCheckpoints(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	sum := &recordSummary{leaves: len(rows), checkpoints: len(cps)}
	where := fmt.Sprintf("the record of negotiation %d (%q)", n.ID, n.Title)
	if len(rows) == 0 {
		if len(cps) > 0 {
			return nil, failf("%s has no leaves but %d checkpoints: leaves were lost", where, len(cps))
		}
		return sum, nil
	}
	key, err := store.FindRecordKey(ctx, n.ID, 0)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		return nil, failf("%s has %d leaves but no record key to check its checkpoints with", where, len(rows))
	}
	if err != nil {
		return nil, err
	}
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	partyByID := map[int64]*parley.Party{}
	for _, p := range parties {
		partyByID[p.ID] = p
	}
	leaves := make([][]byte, len(rows))
	for i, row := range rows {
		if row.Index != int64(i) {
			return nil, failf("%s: leaf %d is missing (the next stored leaf has index %d)", where, i, row.Index)
		}
		leaves[i] = row.Leaf
		switch row.Kind {
		case parley.LeafVersion:
			sum.versions++
			if err := checkVersionLeaf(ctx, store, n, partyByID, row); err != nil {
				return nil, err
			}
		case parley.LeafEndorsement:
			sum.endorsements++
			if err := checkEndorsementLeaf(ctx, store, n, partyByID, rows, row); err != nil {
				return nil, err
			}
		default:
			return nil, failf("%s: leaf %d is of unknown kind %q", where, i, row.Kind)
		}
	}
	notes := make([][]byte, len(cps))
	for i, c := range cps {
		if c.Size != int64(i+1) {
			return nil, failf("%s: the checkpoint of tree size %d is missing (every recording issues one)", where, i+1)
		}
		notes[i] = c.Note
	}
	whole, err := tlog.CheckLog(leaves, notes, key.PublicKey, key.Name)
	if err != nil {
		return nil, failf("%s: %s", where, parley.ErrorMessage(err))
	}
	if len(cps) < len(rows) {
		return nil, failf("%s: leaves %d to %d are not covered by any checkpoint", where, len(cps), len(rows)-1)
	}
	sum.size, sum.root = whole.Size, whole.Root
	return sum, nil
}

// checkVersionLeaf derives a version leaf again from the stored version,
// its text and points, the negotiation, the drafting party and the time
// kept in the leaf row, and compares it byte for byte with the stored leaf.
func checkVersionLeaf(ctx context.Context, store parley.Store, n *parley.Negotiation, parties map[int64]*parley.Party, row *parley.RecordLeaf) error {
	recorded, err := tlog.ParseVersionEntry(row.Leaf)
	if err != nil {
		return failf("leaf %d of negotiation %d's record is not a version leaf: %s", row.Index, n.ID, parley.ErrorMessage(err))
	}
	what := fmt.Sprintf("version %d (%q)", recorded.VersionID, recorded.Label)
	if recorded.VersionID != row.VersionID {
		return failf("%s: leaf %d records version %d, but its row says version %d", what, row.Index, recorded.VersionID, row.VersionID)
	}
	v, err := store.FindVersionByID(ctx, row.VersionID)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		return failf("%s: the recorded version is no longer stored (leaf %d)", what, row.Index)
	}
	if err != nil {
		return err
	}
	stored := *v
	stored.TextHash = parley.HashText(v.Text) // the text as stored now, not the hash kept beside it
	drafting := ""
	if p := parties[v.PartyID]; p != nil {
		drafting = p.Name
	}
	entry, err := tlog.NewVersionEntry(&stored, n.Title, drafting, row.RecordedAt)
	if err != nil {
		return failf("%s: the stored version no longer makes a leaf: %s", what, parley.ErrorMessage(err))
	}
	if recorded.BodyHash == "" {
		entry.BodyHash = "" // a v1 leaf, written before leaves fixed the original bytes
	}
	derived, err := entry.Encode()
	if err != nil {
		return failf("%s: the stored version no longer makes a leaf: %s", what, parley.ErrorMessage(err))
	}
	if !bytes.Equal(derived, row.Leaf) {
		return failf("%s: %s (leaf %d of negotiation %d's record)", what, leafDifference(recorded, entry), row.Index, n.ID)
	}
	if v.TextHash != stored.TextHash {
		return failf("%s: the stored text hash no longer matches the stored text (leaf %d of negotiation %d's record)", what, row.Index, n.ID)
	}
	return nil
}

// leafDifference says in words how the stored data differs from what a
// version leaf recorded.
func leafDifference(recorded, now *tlog.VersionEntry) string {
	switch {
	case recorded.TextHash != now.TextHash:
		return "stored text no longer matches the recorded hash"
	case recorded.BodyHash != now.BodyHash:
		return "the stored original bytes (the body as received) no longer match the recorded body-sha256"
	case recorded.PointCount != now.PointCount:
		return fmt.Sprintf("stored points no longer match the record (%d recorded, %d stored)", recorded.PointCount, now.PointCount)
	case recorded.PointsHash != now.PointsHash:
		return "stored points no longer match the recorded points hash"
	case recorded.NegotiationID != now.NegotiationID:
		return fmt.Sprintf("the version now belongs to negotiation %d, the record says %d", now.NegotiationID, recorded.NegotiationID)
	case recorded.Negotiation != now.Negotiation:
		return fmt.Sprintf("the negotiation is now titled %q, the record says %q", now.Negotiation, recorded.Negotiation)
	case recorded.Label != now.Label:
		return fmt.Sprintf("the label is now %q", now.Label)
	case recorded.Date != now.Date:
		return fmt.Sprintf("the date is now %q, the record says %q", now.Date, recorded.Date)
	case recorded.Status != now.Status:
		return fmt.Sprintf("the status is now %q, the record says %q", now.Status, recorded.Status)
	case recorded.DraftingParty != now.DraftingParty:
		return fmt.Sprintf("the drafting party is now %q, the record says %q", now.DraftingParty, recorded.DraftingParty)
	case !recorded.RecordedAt.Equal(now.RecordedAt):
		return fmt.Sprintf("the time of recording kept beside the leaf (%s) is not the one in it (%s)",
			now.RecordedAt.Format(time.RFC3339), recorded.RecordedAt.Format(time.RFC3339))
	}
	return "the stored data no longer gives the recorded leaf byte for byte"
}

// checkEndorsementLeaf checks an endorsement row against its leaf: the
// version it endorses, the party it names and the party's stored key. Its
// signature is checked by tlog.CheckLog.
func checkEndorsementLeaf(ctx context.Context, store parley.Store, n *parley.Negotiation, parties map[int64]*parley.Party, rows []*parley.RecordLeaf, row *parley.RecordLeaf) error {
	where := fmt.Sprintf("leaf %d of negotiation %d's record", row.Index, n.ID)
	en, err := tlog.ParseEndorsement(row.Leaf)
	if err != nil {
		return failf("%s is not an endorsement leaf: %s", where, parley.ErrorMessage(err))
	}
	p := parties[row.PartyID]
	if p == nil {
		return failf("%s: the endorsing party %d is no longer stored", where, row.PartyID)
	}
	what := fmt.Sprintf("the endorsement by %s (%s)", p.Name, where)
	if en.VersionIndex >= uint64(row.Index) || rows[en.VersionIndex].Kind != parley.LeafVersion || rows[en.VersionIndex].VersionID != row.VersionID {
		return failf("%s endorses leaf %d, which is not the leaf of version %d", what, en.VersionIndex, row.VersionID)
	}
	if en.Party != p.Name {
		return failf("%s names the party %q", what, en.Party)
	}
	key, err := store.FindRecordKey(ctx, n.ID, p.ID)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		return failf("%s: %s has no endorsement key stored", what, p.Name)
	}
	if err != nil {
		return err
	}
	if base64.StdEncoding.EncodeToString(en.PublicKey) != key.PublicKey {
		return failf("%s is not signed with %s's endorsement key", what, p.Name)
	}
	return nil
}

func recordProof(ctx context.Context, e *env, store parley.Store, id int64, output string) error {
	vc, err := loadVersionContext(ctx, store, id)
	if err != nil {
		return err
	}
	text, err := buildProof(ctx, store, vc.n, vc.v.ID)
	if err != nil {
		return err
	}
	if output == "" {
		_, err := e.stdout.Write(text)
		return err
	}
	if err := writeFileAtomic(output, text); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote the proof of %s to %s\n", vc.what(), output)
	return nil
}

// buildProof returns the text of the proof that a version is in the
// negotiation's log, against the last checkpoint issued.
func buildProof(ctx context.Context, store parley.Store, n *parley.Negotiation, versionID int64) ([]byte, error) {
	rows, err := store.ListRecordLeaves(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	index := int64(-1)
	leaves := make([][]byte, len(rows))
	for i, r := range rows {
		leaves[i] = r.Leaf
		if r.Kind == parley.LeafVersion && r.VersionID == versionID {
			index = r.Index
		}
	}
	if index < 0 {
		return nil, parley.Errorf(parley.ENOTFOUND, "version %d is not in the record: run \"parley record add %d\" first", versionID, versionID)
	}
	cps, err := store.ListRecordCheckpoints(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	key, err := store.FindRecordKey(ctx, n.ID, 0)
	if err != nil {
		return nil, err
	}
	if len(cps) == 0 {
		return nil, failf("the record of negotiation %d has no checkpoint (run parley record check)", n.ID)
	}
	proof, err := tlog.NewProof(leaves, uint64(index), cps[len(cps)-1].Note, key.PublicKey)
	if err != nil {
		return nil, failf("the record of negotiation %d cannot prove version %d: %s (run parley record check)", n.ID, versionID, parley.ErrorMessage(err))
	}
	return proof.Marshal()
}

// leafJSON is one leaf in "parley record list --format json".
type leafJSON struct {
	Index      int64  `json:"index"`
	Kind       string `json:"kind"`
	Version    int64  `json:"version"`
	Label      string `json:"label"`
	Party      string `json:"party,omitempty"`
	RecordedAt string `json:"recorded_at"`
}

func recordList(ctx context.Context, e *env, store parley.Store, name, format string) error {
	n, err := findNegotiation(ctx, store, name)
	if err != nil {
		return err
	}
	rows, err := store.ListRecordLeaves(ctx, n.ID)
	if err != nil {
		return err
	}
	parties, err := partyNames(ctx, store, n.ID)
	if err != nil {
		return err
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		return err
	}
	labels := map[int64]string{}
	for _, v := range versions {
		labels[v.ID] = v.Label
	}
	out := make([]leafJSON, len(rows))
	for i, r := range rows {
		out[i] = leafJSON{Index: r.Index, Kind: r.Kind, Version: r.VersionID, Label: labels[r.VersionID], Party: parties[r.PartyID], RecordedAt: r.RecordedAt.UTC().Format(time.RFC3339)}
	}
	if format == "json" {
		return writeJSON(e.stdout, out)
	}
	if len(out) == 0 {
		fmt.Fprintf(e.stdout, "negotiation %d (%q) has no record yet\n", n.ID, n.Title)
		return nil
	}
	for _, l := range out {
		if l.Kind == parley.LeafEndorsement {
			fmt.Fprintf(e.stdout, "%4d  %s  endorsement of version %d (%q) by %s\n", l.Index, l.RecordedAt, l.Version, l.Label, l.Party)
		} else {
			fmt.Fprintf(e.stdout, "%4d  %s  version %d (%q)\n", l.Index, l.RecordedAt, l.Version, l.Label)
		}
	}
	return nil
}
