package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"parley"
	"parley/web"
)

// runAudit prints a negotiation's audit log as an owner reads it in the
// web app, or as the member --as names would: confidential values that
// reader may not see are redacted. The command line reads the database
// directly, so this is the view an administrator hands on, not a lock.
func runAudit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "audit", "NEGOTIATION [--as USERNAME] [--format text|json]")
	db := dbFlag(fs)
	as := fs.String("as", "", "read as this member sees it (default: as an owner, who sees what is published)")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("audit: want one NEGOTIATION title")
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	store, n, err := openNegotiation(ctx, e, *db, rest[0])
	if err != nil {
		return err
	}
	defer store.Close()
	reader, err := readerAs(ctx, store, n, *as)
	if err != nil {
		return err
	}
	entries, err := store.ListAudit(ctx, n.ID)
	if err != nil {
		return err
	}
	entries = web.VisibleAudit(reader, entries)
	names := map[int64]string{0: "(command line)"}
	for _, en := range entries {
		if _, ok := names[en.UserID]; !ok {
			names[en.UserID] = fmt.Sprintf("user %d", en.UserID)
			if u, err := store.FindUserByID(ctx, en.UserID); err == nil {
				names[en.UserID] = u.Username
			}
		}
	}
	if *format == "json" {
		type entryJSON struct {
			*parley.AuditEntry
			Username string          `json:"username,omitempty"`
			Before   json.RawMessage `json:"before,omitempty"`
			After    json.RawMessage `json:"after,omitempty"`
		}
		out := make([]entryJSON, 0, len(entries))
		for _, en := range entries {
			j := entryJSON{AuditEntry: en}
			if en.UserID != 0 {
				j.Username = names[en.UserID]
			}
			if en.Before != "" {
				j.Before = json.RawMessage(en.Before)
			}
			if en.After != "" {
				j.After = json.RawMessage(en.After)
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "AT\tWHO\tACTION\tOBJECT\tAFTER")
	for _, en := range entries {
		after := en.After
		if after == "" {
			after = "(was " + en.Before + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s %d\t%s\n", en.At.UTC().Format("2006-01-02 15:04:05"), names[en.UserID], en.Action, en.Object, en.ObjectID, after)
	}
	return tw.Flush()
}
