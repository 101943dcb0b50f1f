package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"parley"
)

var roundUsage = map[string]string{
	"open":   "--negotiation NEGOTIATION --issue NAME",
	"submit": "--negotiation NEGOTIATION --issue NAME --party P [--ideal X --reservation Y]",
	"close":  "--negotiation NEGOTIATION --issue NAME",
	"list":   "--negotiation NEGOTIATION [--issue NAME] [--format text|json]",
}

// runRound runs sealed overlap rounds from the command line: the mediator
// opens a round on an issue, each veto player submits its range once (by
// default that of its newest position), and the mediator closes the round,
// which computes the verdict once. Nothing is printed of any submitted
// range: list shows who submitted and the verdicts.
func runRound(ctx context.Context, e *env, args []string) error {
	action, args, err := splitAction(e, "round", args, roundUsage)
	if err != nil {
		return err
	}
	fs := newFlags(e, "round "+action, roundUsage[action])
	db := dbFlag(fs)
	negotiation := fs.String("negotiation", "", "the negotiation's title or id")
	issueName := fs.String("issue", "", "the issue, by name or id")
	partyFlag := fs.String("party", "", "submit: the party, by code or name")
	ideal := fs.String("ideal", "", "submit: the party's ideal (default: its newest position's)")
	reservation := fs.String("reservation", "", "submit: the worst outcome it would accept (default: its newest position's)")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("round %s: unexpected argument %q", action, rest[0])
	}
	if *negotiation == "" {
		return usageErrorf("round %s: --negotiation is required", action)
	}
	if *issueName == "" && action != "list" {
		return usageErrorf("round %s: --issue is required", action)
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
	var issue *parley.Issue
	if *issueName != "" {
		if issue = findIssue(issues, *issueName); issue == nil {
			return parley.Errorf(parley.ENOTFOUND, "issue %q: not found in %q", *issueName, n.Title)
		}
	}
	rounds, err := store.ListRounds(ctx, n.ID)
	if err != nil {
		return err
	}
	openRound := func() (*parley.Round, error) {
		for _, r := range rounds {
			if r.IssueID == issue.ID && r.IsOpen() {
				return r, nil
			}
		}
		return nil, parley.Errorf(parley.ENOTFOUND, "issue %q has no open round: open one with parley round open", issue.Name)
	}
	switch action {
	case "open":
		r := &parley.Round{NegotiationID: n.ID, IssueID: issue.ID}
		if err := store.OpenRound(ctx, r); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "opened round %d on %q: waiting for %s\n", r.ID, issue.Name, partyList(ctx, store, n.ID, issue.VetoPartyIDs))
		return nil
	case "submit":
		if *partyFlag == "" {
			return usageErrorf("round submit: --party is required")
		}
		party, err := store.FindParty(ctx, n.ID, *partyFlag)
		if err != nil {
			return err
		}
		r, err := openRound()
		if err != nil {
			return err
		}
		if (*ideal == "") != (*reservation == "") {
			return usageErrorf("round submit: give --ideal and --reservation together, or neither to submit the party's newest position")
		}
		p := &parley.Position{}
		if *ideal != "" {
			if p.Ideal, err = issue.ParseValue(*ideal); err != nil {
				return usageErrorf("round submit: --ideal: %s", parley.ErrorMessage(err))
			}
			res, err := issue.ParseValue(*reservation)
			if err != nil {
				return usageErrorf("round submit: --reservation: %s", parley.ErrorMessage(err))
			}
			p.Reservation = &res
		} else {
			positions, err := store.ListPositions(ctx, parley.PositionFilter{IssueID: issue.ID, PartyID: party.ID})
			if err != nil {
				return err
			}
			if p = parley.NewestPosition(positions); p == nil {
				return parley.Errorf(parley.EINVALID, "%s has no position on %q: give --ideal and --reservation", party.Code, issue.Name)
			}
		}
		low, high, err := parley.RangeOf(p)
		if err != nil {
			return err
		}
		if err := store.Submit(ctx, &parley.Submission{RoundID: r.ID, PartyID: party.ID, Low: low, High: high}); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "sealed %s's limits into round %d on %q\n", party.Code, r.ID, issue.Name)
		return nil
	case "close":
		r, err := openRound()
		if err != nil {
			return err
		}
		closed, err := store.CloseRound(ctx, r.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "closed round %d on %q: %s\n", closed.ID, issue.Name, closed.Verdict)
		return nil
	}
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		return err
	}
	type roundOut struct {
		ID        int64      `json:"id"`
		Issue     string     `json:"issue"`
		OpenedAt  time.Time  `json:"opened_at"`
		ClosedAt  *time.Time `json:"closed_at,omitempty"`
		Verdict   string     `json:"verdict,omitempty"`
		Submitted []string   `json:"submitted"`
	}
	out := []roundOut{}
	for _, r := range rounds {
		if issue != nil && r.IssueID != issue.ID {
			continue
		}
		ro := roundOut{ID: r.ID, OpenedAt: r.OpenedAt, ClosedAt: r.ClosedAt, Verdict: r.Verdict, Submitted: []string{}}
		if is := findIssue(issues, strconv.FormatInt(r.IssueID, 10)); is != nil {
			ro.Issue = is.Name
		}
		for _, id := range r.Submitted {
			ro.Submitted = append(ro.Submitted, partyName(parties, id))
		}
		out = append(out, ro)
	}
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"rounds": out})
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "round\tissue\topened\tclosed\tverdict\tsubmitted")
	for _, r := range out {
		closed, verdict := "-", "(open)"
		if r.ClosedAt != nil {
			closed, verdict = r.ClosedAt.Format("2006-01-02 15:04"), r.Verdict
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Issue, r.OpenedAt.Format("2006-01-02 15:04"), closed, verdict, strings.Join(r.Submitted, ", "))
	}
	return tw.Flush()
}

// partyList names parties by code for a message.
func partyList(ctx context.Context, store parley.Store, negotiationID int64, ids []int64) string {
	parties, err := store.ListParties(ctx, negotiationID)
	if err != nil {
		return fmt.Sprint(ids)
	}
	names := make([]string, len(ids))
	for k, id := range ids {
		names[k] = partyName(parties, id)
	}
	return strings.Join(names, ", ")
}
