package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"parley"
)

type negotiationJSON struct {
	ID       int64             `json:"id"`
	Title    string            `json:"title"`
	Versions []versionListJSON `json:"versions"`
}

type versionListJSON struct {
	ID      int64   `json:"id"`
	Label   string  `json:"label"`
	Date    string  `json:"date"`
	Status  string  `json:"status"`
	Points  int     `json:"points"`
	Parents []int64 `json:"parents"`
}

func runList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "list", "[--format text|json]")
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("list: unexpected argument %q", rest[0])
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	negotiations, err := store.ListNegotiations(ctx)
	if err != nil {
		return err
	}
	out := []negotiationJSON{}
	for _, n := range negotiations {
		versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
		if err != nil {
			return err
		}
		nj := negotiationJSON{ID: n.ID, Title: n.Title, Versions: []versionListJSON{}}
		for _, v := range versions {
			nj.Versions = append(nj.Versions, versionListJSON{ID: v.ID, Label: v.Label, Date: v.Date.String(), Status: v.Status, Points: v.PointCount, Parents: v.ParentIDs})
		}
		out = append(out, nj)
	}
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"negotiations": out})
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "no negotiations yet: run \"parley import FILE --negotiation NAME --label LABEL\" or \"parley demo\"")
		return nil
	}
	for i, n := range out {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "%s (negotiation %d, %d versions)\n", n.Title, n.ID, len(n.Versions))
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		for _, v := range n.Versions {
			parents := ""
			if len(v.Parents) > 0 {
				parents = "from " + joinIDs(v.Parents)
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%d points\t%s\n", v.ID, v.Date, v.Label, v.Status, v.Points, parents)
		}
		tw.Flush()
	}
	return nil
}
