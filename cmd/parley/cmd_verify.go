package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"parley"
	"parley/align"
	"parley/export"
	"parley/ingest"
	"parley/record"
	"parley/tlog"
)

const verifyUsage = `FILE [--format text|json] [--negotiation N] [--strict]
       parley verify --proof FILE.proof --key VKEY TEXT [--format text|json]

Which recorded version is this text? FILE is read like an import (text,
Markdown, HTML, Word or PDF) and normalised. The answer is

  exact  its SHA-256 is the text hash of a recorded version; the answer
         carries the proof that the version is in the log
  same   the same text in another format: the bytes differ, but FILE (an
         HTML page, a Word file, a PDF, Markdown, Akoma Ntoso or parley's
         JSON, such as parley's own exports) has the points of a recorded
         version, the same paths, headings and texts (white space aside;
         labels may be printed differently). The proof is of the recorded
         text, not of FILE, so none is given
  near   no recorded version has this text, but one is close: at least
         0.80 of the text, weighted by length, is matched point for point
         (see similarity below); the answer names it and lists every point
         that differs, with its redline
  none   no recorded version comes that close

The similarity of FILE to a recorded version is the mean similarity of
the aligned points, each link weighted by the length of its text on both
sides; points only on one side count 0. Identical point texts give 1.

With --proof and --key the check is offline, with no database: the proof
file (from "parley record proof") is checked with the log's verifier key
(VKEY, or @FILE holding it; "parley keys export" prints it), and TEXT's
normalised SHA-256 must be the proven version's text hash.

Exit status: 0 when parley answers (exact, same, near or none; with
--strict, only for an exact match) and for a valid proof; 1 for a proof that does
not hold (the answer says why) or, with --strict, a text that is not a
recorded version; 2 for bad usage or an unreadable file.`

// nearThreshold is the least similarity (see verifyUsage) at which a text
// is "near" a recorded version: about four fifths of it, by length, must be
// the recorded text point for point. Measured on the demo's 28-point plan
// (cmd_verify_test.go): one number changed scores 0.996, the plan
// renumbered "1)" 1.0, three points dropped 0.95, typos in one word of
// twelve 0.92, five of its 32 points rewritten 0.86; the European
// counter-proposal, another draft that keeps the plan's structure and
// rewrites a third of it, scores 0.72; the other drafts of the talks score
// under 0.1, and an unrelated text 0. The threshold keeps "near" for a copy
// of one version that someone changed, not for another draft of the same
// talks, which is a different text and gets "none" with its closest
// version named.
const nearThreshold = align.NearText

func runVerify(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "verify", verifyUsage)
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json")
	negotiationFlag := fs.String("negotiation", "", "compare with this negotiation's record only (an id or a title)")
	proofFile := fs.String("proof", "", "check offline: the proof `FILE` written by \"parley record proof\"")
	key := fs.String("key", "", "with --proof: the log's verifier key, or @FILE holding it")
	strict := fs.Bool("strict", false, "exit 1 unless FILE is exactly a recorded version (for scripts)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("verify: want one FILE (the text to verify), got %d arguments", len(rest))
	}
	if *proofFile != "" {
		if *key == "" {
			return usageErrorf("verify: --proof needs --key VKEY, the log's verifier key (\"parley keys export --negotiation N\" prints it)")
		}
		if *negotiationFlag != "" {
			return usageErrorf("verify: --negotiation is for checking against the database; an offline check with --proof names its log by --key")
		}
		return verifyOffline(e, *proofFile, *key, rest[0], *format)
	}
	if *key != "" {
		return usageErrorf("verify: --key goes with --proof FILE")
	}
	return verifyStored(ctx, e, *db, *negotiationFlag, rest[0], *format, *strict)
}

// readCirculating reads a circulating text as an import would and returns
// its normalised text, its points and the format it was read in. A plain or Markdown text in which no
// point is found is still read, with no points, so that it can be matched
// by its hash.
func readCirculating(e *env, path string) (string, []parley.Point, string, error) {
	body, err := readInput(e, path)
	if err != nil {
		return "", nil, "", err
	}
	name := filepath.Base(path)
	doc, err := ingest.Read(name, body, "")
	if err == nil {
		return doc.Text, doc.Points, doc.Format, nil
	}
	if parley.ErrorCode(err) == parley.EINVALID {
		if f := ingest.DetectFormat(name, body); f == ingest.FormatText || f == ingest.FormatMarkdown {
			if text, nerr := ingest.Normalize(body); nerr == nil && strings.TrimSpace(text) != "" {
				return text, nil, f, nil
			}
		}
	}
	return "", nil, "", err
}

// verifyJSON is the answer of "parley verify FILE --format json".
type verifyJSON struct {
	Match       string              `json:"match"` // "exact", "same", "near" or "none"
	Version     *verifiedVersion    `json:"version"`
	Similarity  float64             `json:"similarity"`
	Differences []export.Difference `json:"differences"`
	Proof       *string             `json:"proof"`
}

// verifiedVersion names a recorded version as its leaf records it.
type verifiedVersion struct {
	ID          int64  `json:"id"`
	Label       string `json:"label"`
	Negotiation string `json:"negotiation"`
}

// recordedVersion is a version leaf of some negotiation's log.
type recordedVersion struct {
	n     *parley.Negotiation
	index int64
	entry *tlog.VersionEntry
}

func verifyStored(ctx context.Context, e *env, db, negotiationName, path, format string, strict bool) error {
	text, points, inFormat, err := readCirculating(e, path)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, e, db)
	if err != nil {
		return err
	}
	defer store.Close()
	var negotiations []*parley.Negotiation
	if negotiationName != "" {
		n, err := findNegotiation(ctx, store, negotiationName)
		if err != nil {
			return err
		}
		negotiations = []*parley.Negotiation{n}
	} else if negotiations, err = store.ListNegotiations(ctx); err != nil {
		return err
	}
	var recorded []recordedVersion
	for _, n := range negotiations {
		rows, err := store.ListRecordLeaves(ctx, n.ID)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if r.Kind != parley.LeafVersion {
				continue
			}
			entry, err := tlog.ParseVersionEntry(r.Leaf)
			if err != nil {
				return record.Failf("leaf %d of negotiation %d's record is not a version leaf: %s (run parley record check)", r.Index, n.ID, parley.ErrorMessage(err))
			}
			recorded = append(recorded, recordedVersion{n: n, index: r.Index, entry: entry})
		}
	}

	out := verifyJSON{Match: "none", Differences: []export.Difference{}}
	hash := parley.HashText(text)
	var best *recordedVersion
	var bestAlignment *align.Alignment
	for i := range recorded {
		rv := &recorded[i]
		if rv.entry.TextHash != hash {
			continue
		}
		proof, err := record.Proof(ctx, store, rv.n.ID, rv.entry.VersionID)
		if err != nil {
			return err
		}
		s := string(proof)
		out.Match, out.Similarity, out.Proof, best = "exact", 1, &s, rv
		break
	}
	if best == nil && len(points) > 0 {
		bestSim := -1.0
		for i := range recorded {
			rv := &recorded[i]
			v, err := store.FindVersionByID(ctx, rv.entry.VersionID)
			if err != nil {
				return err
			}
			if align.SamePoints(v.Points, points) {
				out.Match, out.Similarity, best, bestAlignment = "same", 1, rv, nil
				break
			}
			al := align.Align(v.Points, points, align.Options{})
			if s := al.TextSimilarity(); s > bestSim {
				bestSim, best, bestAlignment = s, rv, al
			}
		}
		if best != nil && out.Match != "same" {
			out.Similarity = bestSim
			if bestSim >= nearThreshold {
				out.Match, out.Differences = "near", export.Differences(bestAlignment)
			}
		}
	}
	if out.Match != "none" {
		out.Version = &verifiedVersion{ID: best.entry.VersionID, Label: best.entry.Label, Negotiation: best.n.Title}
	}

	if format == "json" {
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	} else {
		writeVerdict(e.stdout, path, inFormat, out, best, len(recorded))
	}
	switch {
	case out.Match == "exact" || !strict:
		return nil
	case out.Match == "same":
		return record.Failf("%s is not the recorded text byte for byte (it is version %d, %q, in another format)", path, best.entry.VersionID, best.entry.Label)
	case out.Match == "near":
		return record.Failf("%s is not a recorded text (it is near version %d, %q)", path, best.entry.VersionID, best.entry.Label)
	}
	return record.Failf("%s is not a recorded text, nor near one", path)
}

// writeVerdict writes the answer of "parley verify" for a person.
func writeVerdict(w io.Writer, path, format string, out verifyJSON, best *recordedVersion, recorded int) {
	switch out.Match {
	case "exact":
		fmt.Fprintf(w, "exact: %s is version %d (%q) of %q, as recorded (leaf %d of its log)\n",
			path, best.entry.VersionID, best.entry.Label, best.n.Title, best.index)
		fmt.Fprintf(w, "text SHA-256 %s\n", best.entry.TextHash)
		fmt.Fprintf(w, "\"parley record proof %d\" writes the proof for offline checking\n", best.entry.VersionID)
	case "same":
		fmt.Fprintf(w, "same text, other format: %s has the points of version %d (%q) of %q, as recorded (leaf %d of its log)\n",
			path, best.entry.VersionID, best.entry.Label, best.n.Title, best.index)
		fmt.Fprintf(w, "every point has the recorded path, heading and text (white space aside); as %s, its bytes are not the recorded text (SHA-256 %s)\n", formatName(format), best.entry.TextHash)
		fmt.Fprintf(w, "\"parley export %d\" writes the recorded text, whose proof \"parley record proof %d\" writes\n", best.entry.VersionID, best.entry.VersionID)
	case "near":
		fmt.Fprintf(w, "near: %s is not a recorded text, but it is closest to version %d (%q) of %q (similarity %.3f)\n",
			path, best.entry.VersionID, best.entry.Label, best.n.Title, out.Similarity)
		if len(out.Differences) == 0 {
			fmt.Fprintln(w, "every point reads the same: only the layout or the text around the points differs")
			return
		}
		noun := "points differ"
		if len(out.Differences) == 1 {
			noun = "point differs"
		}
		fmt.Fprintf(w, "%d %s from the recorded text:\n", len(out.Differences), noun)
		for _, d := range out.Differences {
			fmt.Fprintf(w, "\n  %s (%s)\n", parley.FormatPath(d.Path), d.Kind)
			if d.Redline != "" {
				fmt.Fprintf(w, "    %s\n", strings.ReplaceAll(d.Redline, "\n", "\n    "))
			}
		}
	default:
		switch {
		case recorded == 0:
			fmt.Fprintf(w, "none: no version is recorded yet, so %s cannot be matched\n", path)
		case best == nil:
			fmt.Fprintf(w, "none: %s matches no recorded version, and has no numbered points to compare\n", path)
		default:
			fmt.Fprintf(w, "none: %s is not near any recorded version (the closest, version %d (%q), has similarity %.3f; near needs %.2f)\n",
				path, best.entry.VersionID, best.entry.Label, out.Similarity, nearThreshold)
		}
	}
}

// offlineJSON is the answer of "parley verify --proof" with --format json.
type offlineJSON struct {
	Valid        bool              `json:"valid"`
	Reason       string            `json:"reason,omitempty"`
	Log          string            `json:"log,omitempty"`
	Version      *verifiedVersion  `json:"version,omitempty"`
	Index        uint64            `json:"index"`
	TreeSize     uint64            `json:"tree_size"`
	Root         string            `json:"root,omitempty"`
	TextHash     string            `json:"text_sha256,omitempty"`
	Endorsements []endorsementJSON `json:"endorsements"`
}

type endorsementJSON struct {
	Party     string `json:"party"`
	PublicKey string `json:"public_key"`
}

// maxProofFile bounds a proof file: a proof with a thousand endorsements is
// well under a megabyte.
const maxProofFile = 4 << 20

// verifyOffline checks a proof file with the log's verifier key, and that
// the text is the proven version's, with no database.
func verifyOffline(e *env, proofPath, keyArg, textPath, format string) error {
	vkey, logName, err := readVerifierKey("verify", keyArg)
	if err != nil {
		return err
	}
	f, err := os.Open(proofPath)
	if err != nil {
		return usageErrorf("verify: cannot read the proof %s: %v", proofPath, unwrapPathError(err))
	}
	b, err := io.ReadAll(io.LimitReader(f, maxProofFile+1))
	f.Close()
	if err != nil {
		return usageErrorf("verify: cannot read the proof %s: %v", proofPath, err)
	}
	text, _, _, err := readCirculating(e, textPath)
	if err != nil {
		return err
	}
	fail := func(format_ string, args ...any) error {
		reason := fmt.Sprintf(format_, args...)
		if format == "json" {
			if err := writeJSON(e.stdout, offlineJSON{Valid: false, Reason: reason, Endorsements: []endorsementJSON{}}); err != nil {
				return err
			}
		}
		return record.Failf("not valid: %s", reason)
	}
	if len(b) > maxProofFile {
		return fail("the proof %s is larger than %d bytes", proofPath, maxProofFile)
	}
	proof, err := tlog.ParseProof(b)
	if err != nil {
		return fail("the proof %s is malformed: %s", proofPath, parley.ErrorMessage(err))
	}
	vp, err := proof.Verify(vkey)
	if err != nil {
		return fail("the proof %s does not hold: %s", proofPath, parley.ErrorMessage(err))
	}
	if vp.Checkpoint.Origin != logName {
		return fail("the proof's checkpoint is of the log %q, not of the key's log %q", vp.Checkpoint.Origin, logName)
	}
	v := vp.Version
	if err := v.CheckText(text); err != nil {
		return fail("%s is not the text of version %d (%q) that the proof records: its normalised SHA-256 is %s, the record has %s",
			textPath, v.VersionID, v.Label, parley.HashText(text), v.TextHash)
	}
	out := offlineJSON{
		Valid: true, Log: vp.Checkpoint.Origin, Version: &verifiedVersion{ID: v.VersionID, Label: v.Label, Negotiation: v.Negotiation},
		Index: vp.Index, TreeSize: vp.Checkpoint.Size, Root: base64.StdEncoding.EncodeToString(vp.Checkpoint.Root), TextHash: v.TextHash,
		Endorsements: []endorsementJSON{},
	}
	for _, en := range vp.Endorsements {
		out.Endorsements = append(out.Endorsements, endorsementJSON{Party: en.Party, PublicKey: base64.StdEncoding.EncodeToString(en.PublicKey)})
	}
	if format == "json" {
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "valid: %s is version %d (%q) of %q, leaf %d of the log %s (checkpoint of tree size %d)\n",
		textPath, v.VersionID, v.Label, v.Negotiation, vp.Index, out.Log, out.TreeSize)
	for _, en := range out.Endorsements {
		fmt.Fprintf(e.stdout, "endorsed by %s (key %s)\n", en.Party, en.PublicKey)
	}
	return nil
}

// readVerifierKey returns the verifier key given by --key (the key, or
// @FILE holding it) and the log it names.
func readVerifierKey(cmd, keyArg string) (vkey, logName string, err error) {
	vkey = keyArg
	if file, ok := strings.CutPrefix(keyArg, "@"); ok {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", "", usageErrorf("%s: cannot read the key file %s: %v", cmd, file, unwrapPathError(err))
		}
		vkey = strings.TrimSpace(string(b))
	}
	logName, ok := verifierKeyName(vkey)
	if !ok {
		return "", "", usageErrorf("%s: --key %q is not a verifier key (NAME+HASH+KEY, as \"parley keys export\" prints it)", cmd, cut(vkey, 80))
	}
	return vkey, logName, nil
}

// verifierKeyName returns the name of a note verifier key
// ("NAME+HASH+KEY"), which parley uses as its log's origin.
func verifierKeyName(vkey string) (string, bool) {
	name, rest, ok := strings.Cut(vkey, "+")
	if !ok || name == "" {
		return "", false
	}
	hash, key, ok := strings.Cut(rest, "+")
	return name, ok && len(hash) == 8 && key != ""
}

// cut shortens s to at most n bytes for a message.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// formatName names an input format for people.
func formatName(format string) string {
	switch format {
	case ingest.FormatHTML:
		return "an HTML page"
	case ingest.FormatDOCX:
		return "a Word document"
	case ingest.FormatPDF:
		return "a PDF"
	case ingest.FormatMarkdown:
		return "Markdown"
	case ingest.FormatAKN:
		return "Akoma Ntoso"
	case ingest.FormatJSON:
		return "parley's JSON"
	}
	return "a text"
}
