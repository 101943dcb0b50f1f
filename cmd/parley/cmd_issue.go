package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"parley"
)

var issueUsage = map[string]string{
	"add":  "--negotiation NEGOTIATION --name NAME (--min X --max Y [--unit U] | --options \"a|b|c\") [--veto P1,P2] [--description TEXT]",
	"list": "--negotiation NEGOTIATION [--format text|json]",
}

// runIssue adds and lists the issues of a negotiation: its bargaining
// dimensions, numeric (with a unit) or ordered options, and the parties
// who must all accept an outcome.
func runIssue(ctx context.Context, e *env, args []string) error {
	action, args, err := splitAction(e, "issue", args, issueUsage)
	if err != nil {
		return err
	}
	fs := newFlags(e, "issue "+action, issueUsage[action])
	db := dbFlag(fs)
	negotiation := fs.String("negotiation", "", "the negotiation's title or id")
	name := fs.String("name", "", "add: the issue's name (\"Army cap\")")
	description := fs.String("description", "", "add: what the issue is about")
	lo := fs.String("min", "", "add: the low end of a numeric scale")
	hi := fs.String("max", "", "add: the high end of a numeric scale")
	unit := fs.String("unit", "", "add: the unit of a numeric scale (\"personnel\")")
	options := fs.String("options", "", "add: ordered options, worst to best for no one in particular, separated by |")
	veto := fs.String("veto", "", "add: the parties (codes or names, comma-separated) who must all accept an outcome")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("issue %s: unexpected argument %q", action, rest[0])
	}
	if *negotiation == "" {
		return usageErrorf("issue %s: --negotiation is required", action)
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	store, n, err := openNegotiation(ctx, e, *db, *negotiation)
	if err != nil {
		return err
	}
	defer store.Close()
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		return err
	}
	if action == "list" {
		issues, err := store.ListIssues(ctx, n.ID)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(e.stdout, map[string]any{"issues": issues})
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "id\tissue\tscale\tveto players")
		for _, is := range issues {
			var veto []string
			for _, id := range is.VetoPartyIDs {
				veto = append(veto, partyName(parties, id))
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", is.ID, is.Name, scaleText(is), orDash(strings.Join(veto, ", ")))
		}
		return tw.Flush()
	}
	is := &parley.Issue{NegotiationID: n.ID, Name: *name, Description: *description, Unit: *unit}
	switch {
	case *options != "" && (*lo != "" || *hi != ""):
		return usageErrorf("issue add: give --min and --max, or --options, not both")
	case *options != "":
		is.Scale = parley.ScaleOrdinal
		for _, o := range strings.Split(*options, "|") {
			is.Options = append(is.Options, strings.TrimSpace(o))
		}
	case *lo != "" && *hi != "":
		is.Scale = parley.ScaleNumeric
		if is.Min, err = strconv.ParseFloat(*lo, 64); err != nil {
			return usageErrorf("issue add: --min %q is not a number", *lo)
		}
		if is.Max, err = strconv.ParseFloat(*hi, 64); err != nil {
			return usageErrorf("issue add: --max %q is not a number", *hi)
		}
	default:
		return usageErrorf("issue add: give the scale: --min and --max, or --options \"a|b|c\"")
	}
	for _, p := range splitList(*veto) {
		party, err := store.FindParty(ctx, n.ID, p)
		if err != nil {
			return parley.Errorf(parley.ErrorCode(err), "issue add: --veto: %s", parley.ErrorMessage(err))
		}
		is.VetoPartyIDs = append(is.VetoPartyIDs, party.ID)
	}
	if err := is.Validate(); err != nil {
		return err
	}
	if err := store.CreateIssue(ctx, is); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added issue %q (id %d): %s\n", is.Name, is.ID, scaleText(is))
	return nil
}

// scaleText describes an issue's scale: "0-1e+06 personnel" or the options.
func scaleText(is *parley.Issue) string {
	if is.Scale == parley.ScaleOrdinal {
		return strings.Join(is.Options, " < ")
	}
	s := strconv.FormatFloat(is.Min, 'f', -1, 64) + " to " + strconv.FormatFloat(is.Max, 'f', -1, 64)
	if is.Unit != "" {
		s += " " + is.Unit
	}
	return s
}

func partyName(parties []*parley.Party, id int64) string {
	for _, p := range parties {
		if p.ID == id {
			return p.Code
		}
	}
	return fmt.Sprintf("party %d", id)
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
