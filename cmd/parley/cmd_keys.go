package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"parley"
	"parley/record"
)

const keysUsage = `generate|list|export --negotiation NEGOTIATION [--party NAME]

  parley keys generate --negotiation N [--party NAME] [--passphrase-file FILE]
      make the negotiation's record key, which signs the checkpoints of its
      log, or a party's endorsement key (ed25519), and store it sealed
  parley keys list --negotiation N [--format text|json]
      list the negotiation's keys with their public halves
  parley keys export --negotiation N [--party NAME]
      print a public key: for the log, the verifier key that
      "parley verify --proof FILE --key VKEY TEXT" needs; for a party, the
      base64 ed25519 key its endorsements carry

Private keys are sealed with a passphrase (argon2id, XChaCha20-Poly1305)
from $PARLEY_KEY_PASSPHRASE or --passphrase-file FILE; they are never
printed and never stored in the clear. A key, once made, is never replaced.
"parley record" makes the keys it needs on first use.`

func runKeys(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 0 {
			return usageErrorf("keys: want generate, list or export")
		}
		fmt.Fprintf(e.stdout, "usage: parley keys %s\n", keysUsage)
		return errHelp
	}
	action, args := args[0], args[1:]
	fs := newFlags(e, "keys", keysUsage)
	db := dbFlag(fs)
	negotiationFlag := fs.String("negotiation", "", "the negotiation (an id or a title)")
	var party, passFile, format *string
	switch action {
	case "generate":
		party = fs.String("party", "", "make this party's endorsement key (code or name) instead of the record key")
		passFile = passphraseFlag(fs)
	case "export":
		party = fs.String("party", "", "print this party's endorsement key (code or name) instead of the record key")
	}
	switch action {
	case "generate", "export", "list":
		format = formatFlag(fs, "text", "json")
	default:
		return usageErrorf("keys: unknown action %q: want generate, list or export", action)
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("keys %s: unexpected argument %q", action, rest[0])
	}
	if *negotiationFlag == "" {
		return usageErrorf("keys %s: --negotiation is required", action)
	}
	if format != nil {
		if err := checkFormat(*format, "text", "json"); err != nil {
			return err
		}
	}
	var pass []byte
	if passFile != nil {
		if pass, err = readPassphrase(e, "keys "+action, *passFile); err != nil {
			return err
		}
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := findNegotiation(ctx, store, *negotiationFlag)
	if err != nil {
		return err
	}
	var p *parley.Party
	if party != nil && *party != "" {
		if p, err = store.FindParty(ctx, n.ID, *party); err != nil {
			return err
		}
	}
	switch action {
	case "generate":
		return keysGenerate(ctx, e, store, n, p, pass, *format)
	case "export":
		k, err := store.FindRecordKey(ctx, n.ID, record.PartyID(p))
		if parley.ErrorCode(err) == parley.ENOTFOUND {
			return parley.Errorf(parley.ENOTFOUND, "%s does not exist yet: make it with \"parley keys generate --negotiation %d%s\" (or record a version)", record.KeyWhat(n, p), n.ID, partyArg(p))
		}
		if err != nil {
			return err
		}
		return report(e, *format, publicKeyJSON(k, p), "%s\n", k.PublicKey)
	}
	return keysList(ctx, e, store, n, *format)
}

func keysGenerate(ctx context.Context, e *env, store parley.Store, n *parley.Negotiation, p *parley.Party, pass []byte, format string) error {
	if old, err := store.FindRecordKey(ctx, n.ID, record.PartyID(p)); err == nil {
		return parley.Errorf(parley.ECONFLICT, "%s already exists (made %s): a key that may have signed the record is never replaced", record.KeyWhat(n, p), old.CreatedAt.Format(time.DateOnly))
	} else if parley.ErrorCode(err) != parley.ENOTFOUND {
		return err
	}
	k, err := record.NewKey(n, p, pass)
	if err != nil {
		return err
	}
	if err := store.CreateRecordKey(ctx, k); err != nil {
		return err
	}
	return report(e, format, publicKeyJSON(k, p), "generated %s, sealed with the passphrase\npublic key: %s\n", record.KeyWhat(n, p), k.PublicKey)
}

// keyJSON is one key in "parley keys list --format json".
type keyJSON struct {
	Kind      string `json:"kind"` // "record" or "endorsement"
	Party     string `json:"party,omitempty"`
	Name      string `json:"name"`
	PublicKey string `json:"public_key"`
	CreatedAt string `json:"created_at"`
}

// publicKeyJSON describes one key, of party p or of the log (nil), for
// --format json.
func publicKeyJSON(k *parley.RecordKey, p *parley.Party) keyJSON {
	out := keyJSON{Kind: "record", Name: k.Name, PublicKey: k.PublicKey, CreatedAt: k.CreatedAt.UTC().Format(time.RFC3339)}
	if p != nil {
		out.Kind, out.Party = "endorsement", p.Name
	}
	return out
}

func keysList(ctx context.Context, e *env, store parley.Store, n *parley.Negotiation, format string) error {
	keys, err := store.ListRecordKeys(ctx, n.ID)
	if err != nil {
		return err
	}
	parties, err := partyNames(ctx, store, n.ID)
	if err != nil {
		return err
	}
	out := make([]keyJSON, len(keys))
	for i, k := range keys {
		var p *parley.Party
		if k.PartyID != 0 {
			p = &parley.Party{Name: parties[k.PartyID]}
		}
		out[i] = publicKeyJSON(k, p)
	}
	if format == "json" {
		return writeJSON(e.stdout, out)
	}
	if len(out) == 0 {
		fmt.Fprintf(e.stdout, "negotiation %d (%q) has no keys yet\n", n.ID, n.Title)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tPARTY\tCREATED\tPUBLIC KEY")
	for _, k := range out {
		party := k.Party
		if party == "" {
			party = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", k.Kind, party, k.CreatedAt[:10], k.PublicKey)
	}
	return tw.Flush()
}

// passphraseFlag registers --passphrase-file on fs.
func passphraseFlag(fs *flag.FlagSet) *string {
	return fs.String("passphrase-file", "", "read the passphrase that seals the signing keys from `FILE` (default $PARLEY_KEY_PASSPHRASE)")
}

// maxPassphrase bounds a passphrase file, so that a wrong path (a large
// file) fails at once instead of being read whole.
const maxPassphrase = 4096

// readPassphrase returns the passphrase from file, or else from
// $PARLEY_KEY_PASSPHRASE. One line end at the end of the file is dropped.
func readPassphrase(e *env, cmd, file string) ([]byte, error) {
	if file == "" {
		pass := e.getenv("PARLEY_KEY_PASSPHRASE")
		if pass == "" {
			return nil, usageErrorf("%s: a passphrase is needed for the signing keys: set $PARLEY_KEY_PASSPHRASE or give --passphrase-file FILE", cmd)
		}
		return []byte(pass), nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, usageErrorf("%s: cannot read the passphrase file %s: %v", cmd, file, unwrapPathError(err))
	}
	defer f.Close()
	pass, err := io.ReadAll(io.LimitReader(f, maxPassphrase+1))
	if err != nil {
		return nil, usageErrorf("%s: cannot read the passphrase file %s: %v", cmd, file, err)
	}
	if len(pass) > maxPassphrase {
		return nil, usageErrorf("%s: the passphrase file %s is longer than %d bytes", cmd, file, maxPassphrase)
	}
	pass = bytes.TrimSuffix(pass, []byte("\n"))
	pass = bytes.TrimSuffix(pass, []byte("\r"))
	if len(pass) == 0 {
		return nil, usageErrorf("%s: the passphrase file %s is empty", cmd, file)
	}
	return pass, nil
}

func partyArg(p *parley.Party) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf(" --party %q", p.Code)
}

// partyNames maps the party ids of a negotiation to their names.
func partyNames(ctx context.Context, store parley.Store, negotiationID int64) (map[int64]string, error) {
	parties, err := store.ListParties(ctx, negotiationID)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(parties))
	for _, p := range parties {
		names[p.ID] = p.Name
	}
	return names, nil
}
