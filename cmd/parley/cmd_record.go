package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"parley"
	"parley/record"
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

// recordAdd records a version as official and says what was appended.
func recordAdd(ctx context.Context, e *env, store parley.Store, id int64, pass []byte, format string) error {
	a, err := record.Add(ctx, store, id, pass)
	if err != nil {
		return err
	}
	return reportAppended(e, a, format)
}

// recordEndorse records a party's endorsement of a recorded version.
func recordEndorse(ctx context.Context, e *env, store parley.Store, id int64, party string, pass []byte, format string) error {
	a, err := record.Endorse(ctx, store, id, party, pass)
	if err != nil {
		return err
	}
	return reportAppended(e, a, format)
}

// reportAppended says what a recording appended: the key it made (on
// standard error), and the leaf, tree size and root.
func reportAppended(e *env, a *record.Appended, format string) error {
	vc := a.Target
	if a.MadeKey != nil {
		fmt.Fprintf(e.stderr, "made %s; its public key:\n%s\n", record.KeyWhat(vc.Negotiation, a.Party), a.MadeKey.PublicKey)
	}
	out := recordedJSON{Negotiation: vc.Negotiation.ID, Version: vc.Version.ID, Kind: a.Leaf.Kind, Index: a.Leaf.Index,
		TreeSize: a.Checkpoint.Size, Root: base64.StdEncoding.EncodeToString(a.Root)}
	if a.Party != nil {
		out.Party = a.Party.Name
	}
	if format == "json" {
		return writeJSON(e.stdout, out)
	}
	if a.Party != nil {
		fmt.Fprintf(e.stdout, "recorded the endorsement of %s by %s in the record of negotiation %d (%q)\n", vc.What(), a.Party.Name, vc.Negotiation.ID, vc.Negotiation.Title)
	} else {
		fmt.Fprintf(e.stdout, "recorded %s in the record of negotiation %d (%q)\n", vc.What(), vc.Negotiation.ID, vc.Negotiation.Title)
	}
	fmt.Fprintf(e.stdout, "index %d, tree size %d, root %s\n", out.Index, out.TreeSize, out.Root)
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
		sum, err := record.Check(ctx, store, n)
		if err != nil {
			return err
		}
		if sum.Leaves == 0 && name == "" {
			continue
		}
		checked++
		if format == "json" {
			held = append(held, map[string]any{"negotiation": n.ID, "title": n.Title, "holds": true, "leaves": sum.Leaves,
				"versions": sum.Versions, "endorsements": sum.Endorsements, "checkpoints": sum.Checkpoints,
				"tree_size": sum.Size, "root": base64.StdEncoding.EncodeToString(sum.Root)})
			continue
		}
		if sum.Leaves == 0 {
			fmt.Fprintf(e.stdout, "negotiation %d (%q) has no record yet\n", n.ID, n.Title)
			continue
		}
		fmt.Fprintf(e.stdout, "negotiation %d (%q): %s (%s, %s) and %s hold; tree size %d, root %s\n",
			n.ID, n.Title, count(sum.Leaves, "leaf", "leaves"), count(sum.Versions, "version", "versions"), count(sum.Endorsements, "endorsement", "endorsements"),
			count(sum.Checkpoints, "checkpoint", "checkpoints"), sum.Size, base64.StdEncoding.EncodeToString(sum.Root))
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
			return nil, record.Failf("negotiation %d, whose record the checkpoint %s signed, is gone, and its record with it", id, path)
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
			return nil, record.Failf("%s has no record key any more, so it cannot check the saved checkpoint %s; the key was deleted, and the record it signed likely with it: give the log's verifier key with --key VKEY (from \"parley keys export\") to check the file", where, path)
		}
		if err != nil {
			return nil, err
		}
		vkey, logName = key.PublicKey, key.Name
	}
	cp, err := tlog.OpenCheckpoint(signed, vkey, logName)
	if err != nil {
		return nil, record.Failf("the saved checkpoint %s does not hold for %s: %s", path, where, parley.ErrorMessage(err))
	}
	rows, err := store.ListRecordLeaves(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	switch {
	case len(rows) == 0:
		return nil, record.Failf("%s is gone: the saved checkpoint %s signed a log of %d leaves, the database holds none", where, path, cp.Size)
	case uint64(len(rows)) < cp.Size:
		return nil, record.Failf("%s is shorter than the saved checkpoint %s: it holds %d leaves, the checkpoint signed %d (leaves were deleted)", where, path, len(rows), cp.Size)
	}
	leaves := make([][]byte, len(rows))
	for i, row := range rows {
		if row.Index != int64(i) {
			return nil, record.Failf("%s: leaf %d is missing (the next stored leaf has index %d)", where, i, row.Index)
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
		return nil, record.Failf("%s has forked from the saved checkpoint %s: its first %d leaves no longer give the root the checkpoint signed", where, path, cp.Size)
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
	sum, err := record.Check(ctx, store, n)
	if err != nil {
		return err
	}
	if sum.Leaves == 0 {
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
	fmt.Fprintf(e.stderr, "wrote the checkpoint of the record of negotiation %d (tree size %d) to %s\n", n.ID, sum.Size, output)
	return nil
}

// count writes n with the noun in the singular or plural.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func recordProof(ctx context.Context, e *env, store parley.Store, id int64, output string) error {
	vc, err := record.LoadTarget(ctx, store, id)
	if err != nil {
		return err
	}
	text, err := record.Proof(ctx, store, vc.Negotiation.ID, vc.Version.ID)
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
	fmt.Fprintf(e.stderr, "wrote the proof of %s to %s\n", vc.What(), output)
	return nil
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
