package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"parley"
)

var positionUsage = map[string]string{
	"set":  "--negotiation NEGOTIATION --issue NAME --party P --ideal X [--reservation Y] [--share party|mediator|published] --salience S --capability C [--date YYYY-MM-DD] [--source ID] [--note TEXT]",
	"list": "--negotiation NEGOTIATION [--issue NAME] [--party P] [--reveal] [--format text|json]",
}

// runPosition records a party's dated position on an issue and lists
// positions. A reservation value is the party's own: list shows it only
// when it is published, or with --reveal (the operator, deliberately).
func runPosition(ctx context.Context, e *env, args []string) error {
	action, args, err := splitAction(e, "position", args, positionUsage)
	if err != nil {
		return err
	}
	fs := newFlags(e, "position "+action, positionUsage[action])
	db := dbFlag(fs)
	negotiation := fs.String("negotiation", "", "the negotiation's title or id")
	issueName := fs.String("issue", "", "the issue, by name or id")
	partyFlag := fs.String("party", "", "the party, by code or name")
	ideal := fs.String("ideal", "", "set: the outcome the party wants (a number, or an option of an ordered scale)")
	reservation := fs.String("reservation", "", "set: the worst outcome it would accept (confidential to the party unless shared)")
	share := fs.String("share", parley.VisibilityParty, "set: who may see the reservation value: party, mediator or published")
	salience := fs.Float64("salience", -1, "set: how much the issue matters to the party, 0-100")
	capability := fs.Float64("capability", -1, "set: how much the party can bring to bear, 0-100")
	date := fs.String("date", "", "set: the date of the position (YYYY, YYYY-MM or YYYY-MM-DD; default today)")
	source := fs.Int64("source", 0, "set: the source id")
	note := fs.String("note", "", "set: a note")
	reveal := fs.Bool("reveal", false, "list: show every reservation value, confidential ones too (for the operator's eyes only)")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("position %s: unexpected argument %q", action, rest[0])
	}
	if *negotiation == "" {
		return usageErrorf("position %s: --negotiation is required", action)
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	store, n, err := openNegotiation(ctx, e, *db, *negotiation)
	if err != nil {
		return err
	}
	defer store.Close()
	issues, err := store.ListIssues(ctx, n.ID)
	if err != nil {
		return err
	}
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		return err
	}
	var issue *parley.Issue
	if *issueName != "" {
		if issue = findIssue(issues, *issueName); issue == nil {
			return parley.Errorf(parley.ENOTFOUND, "issue %q: not found in %q", *issueName, n.Title)
		}
	}
	var party *parley.Party
	if *partyFlag != "" {
		if party, err = store.FindParty(ctx, n.ID, *partyFlag); err != nil {
			return err
		}
	}
	if action == "list" {
		f := parley.PositionFilter{NegotiationID: n.ID}
		if issue != nil {
			f.IssueID = issue.ID
		}
		if party != nil {
			f.PartyID = party.ID
		}
		positions, err := store.ListPositions(ctx, f)
		if err != nil {
			return err
		}
		for _, p := range positions {
			if !*reveal && p.ReservationVisibility != parley.VisibilityPublished {
				p.Reservation = nil
			}
		}
		if *format == "json" {
			return writeJSON(e.stdout, map[string]any{"positions": positions})
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "issue\tparty\tdate\tideal\treservation\tsalience\tcapability")
		for _, p := range positions {
			is := findIssue(issues, strconv.FormatInt(p.IssueID, 10))
			res := "(confidential)"
			if p.Reservation != nil {
				res = scaleValue(is, *p.Reservation)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%g\t%g\n", is.Name, partyName(parties, p.PartyID), p.Date, scaleValue(is, p.Ideal), res, p.Salience, p.Capability)
		}
		return tw.Flush()
	}
	if issue == nil || party == nil || *ideal == "" {
		return usageErrorf("position set: --issue, --party and --ideal are required")
	}
	if *salience < 0 || *capability < 0 {
		return usageErrorf("position set: --salience and --capability (0-100) are required")
	}
	p := &parley.Position{IssueID: issue.ID, PartyID: party.ID, Salience: *salience, Capability: *capability,
		ReservationVisibility: *share, SourceID: *source, Note: *note}
	if p.Ideal, err = issue.ParseValue(*ideal); err != nil {
		return usageErrorf("position set: --ideal: %s", parley.ErrorMessage(err))
	}
	if *reservation != "" {
		r, err := issue.ParseValue(*reservation)
		if err != nil {
			return usageErrorf("position set: --reservation: %s", parley.ErrorMessage(err))
		}
		p.Reservation = &r
	}
	if *date == "" {
		*date = nowUTC().Format("2006-01-02")
	}
	if p.Date, err = parley.ParseDate(*date); err != nil {
		return usageErrorf("position set: --date: %s", parley.ErrorMessage(err))
	}
	if err := p.Validate(issue); err != nil {
		return err
	}
	if err := store.CreatePosition(ctx, p); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "recorded %s's position on %q (id %d): ideal %s", party.Code, issue.Name, p.ID, scaleValue(issue, p.Ideal))
	if p.Reservation != nil {
		fmt.Fprintf(e.stdout, "; reservation visible to %s", map[string]string{
			parley.VisibilityParty: "the party only", parley.VisibilityMediator: "the party and the mediators", parley.VisibilityPublished: "everyone",
		}[p.ReservationVisibility])
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// findIssue finds an issue by id or by name (ignoring case).
func findIssue(issues []*parley.Issue, key string) *parley.Issue {
	for _, is := range issues {
		if strconv.FormatInt(is.ID, 10) == key || strings.EqualFold(is.Name, key) {
			return is
		}
	}
	return nil
}

// scaleValue shows a value on the issue's scale.
func scaleValue(is *parley.Issue, x float64) string {
	if is != nil && is.Scale == parley.ScaleOrdinal {
		if k := int(x); float64(k) == x && k >= 0 && k < len(is.Options) {
			return is.Options[k]
		}
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}
