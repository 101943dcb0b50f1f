package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"parley"
)

var sourceUsage = map[string]string{
	"add":     "--negotiation NEGOTIATION --title TITLE --kind KIND --grade GRADE [--publisher P] [--url URL] [--date DATE] [--note TEXT] [--format text|json]",
	"list":    "--negotiation NEGOTIATION [--format text|json]",
	"grade":   "SOURCE --negotiation NEGOTIATION --grade GRADE [--note WHY] [--revision N] [--format text|json]",
	"history": "SOURCE --negotiation NEGOTIATION [--format text|json]",
}

// runSource adds, lists and regrades the sources of a negotiation: where
// its texts and claims came from, graded with the Admiralty code
// (reliability A-F, credibility 1-6, such as B2). A regrading keeps the
// grades before it, shown by "source history".
func runSource(ctx context.Context, e *env, args []string) error {
	action, args, err := splitAction(e, "source", args, sourceUsage)
	if err != nil {
		return err
	}
	fs := newFlags(e, "source "+action, sourceUsage[action])
	db := dbFlag(fs)
	negotiation := fs.String("negotiation", "", "the negotiation's title or id (required)")
	title := fs.String("title", "", "add: the source's title (\"Reuters, 21 November\")")
	kind := fs.String("kind", "", "add: "+strings.Join(parley.SourceKinds, ", "))
	grade := fs.String("grade", "", "add, grade: the Admiralty grade, reliability A-F and credibility 1-6, such as B2")
	publisher := fs.String("publisher", "", "add: who published it")
	link := fs.String("url", "", "add: an http or https address")
	date := fs.String("date", "", "add: when it appeared: YYYY, YYYY-MM or YYYY-MM-DD")
	note := fs.String("note", "", "add: a note; grade: why the grade changes")
	revision := fs.Int64("revision", 0, "grade: the revision you read (from \"source list\"); a source regraded since is not regraded again")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	wantArgs := 0
	if action == "grade" || action == "history" {
		wantArgs = 1
	}
	switch {
	case len(rest) != wantArgs && wantArgs == 1:
		return usageErrorf("source %s: want exactly one SOURCE (its id or title), got %d", action, len(rest))
	case len(rest) != wantArgs:
		return usageErrorf("source %s: unexpected argument %q", action, rest[0])
	case strings.TrimSpace(*negotiation) == "":
		return usageErrorf("source %s: --negotiation is required", action)
	case (action == "add" || action == "grade") && *grade == "":
		return usageErrorf("source %s: --grade is required (such as B2)", action)
	}
	var reliability string
	var credibility int
	if *grade != "" {
		if reliability, credibility, err = parley.ParseGrade("--grade", *grade); err != nil {
			return err
		}
	}
	var d parley.Date
	if d, err = parley.ParseDate(*date); err != nil {
		return parley.Errorf(parley.EINVALID, "--date: %s", parley.ErrorMessage(err))
	}
	store, n, err := openNegotiation(ctx, e, *db, *negotiation)
	if err != nil {
		return err
	}
	defer store.Close()
	switch action {
	case "add":
		src := &parley.Source{NegotiationID: n.ID, Title: strings.TrimSpace(*title), Kind: *kind, Publisher: *publisher, URL: *link, Date: d,
			Reliability: reliability, Credibility: credibility, Note: *note}
		if err := checkSourceFlags(src); err != nil {
			return err
		}
		if err := store.CreateSource(ctx, src); err != nil {
			return err
		}
		return report(e, *format, src, "added source %d: %q, graded %s\n", src.ID, src.Title, src.Grade())
	case "list":
		sources, err := store.ListSources(ctx, n.ID)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(e.stdout, map[string]any{"sources": sources})
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "id\tgrade\tkind\tdate\trevision\tsource")
		for _, s := range sources {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\n", s.ID, s.Grade(), s.Kind, orDash(s.Date.String()), s.Revision, s.Title)
		}
		return tw.Flush()
	}
	src, err := findSource(ctx, store, n.ID, rest[0])
	if err != nil {
		return err
	}
	if action == "history" {
		grades, err := store.ListSourceGrades(ctx, src.ID)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(e.stdout, map[string]any{"source": src, "grades": grades})
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "%s (source %d)\nrevision\tgrade\twhen\twhy\n", src.Title, src.ID)
		for _, g := range grades {
			when := "first grade"
			if !g.GradedAt.IsZero() {
				when = g.GradedAt.UTC().Format("2006-01-02 15:04 UTC")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", g.Revision, g.Grade(), when, orDash(g.Note))
		}
		return tw.Flush()
	}
	if *revision != 0 && *revision != src.Revision {
		return parley.Errorf(parley.ECONFLICT, "--revision %d: source %q was regraded since (now %s, revision %d): look again and grade it with --revision %d",
			*revision, src.Title, src.Grade(), src.Revision, src.Revision)
	}
	old := src.Grade()
	src.Reliability, src.Credibility = reliability, credibility
	if err := store.RegradeSource(ctx, src, strings.TrimSpace(*note)); err != nil {
		return err
	}
	return report(e, *format, src, "regraded source %d %q: %s, was %s (revision %d)\n", src.ID, src.Title, src.Grade(), old, src.Revision)
}

// checkSourceFlags checks a new source, naming the flag at fault.
func checkSourceFlags(src *parley.Source) error {
	switch {
	case src.Title == "":
		return usageErrorf("source add: --title is required")
	case !slices.Contains(parley.SourceKinds, src.Kind):
		return parley.Errorf(parley.EINVALID, "--kind %q: want %s", src.Kind, strings.Join(parley.SourceKinds, ", "))
	case src.URL != "" && !parley.WebURL(src.URL):
		return parley.Errorf(parley.EINVALID, "--url %q: want an http or https address", src.URL)
	}
	if err := src.Validate(); err != nil {
		return parley.Errorf(parley.EINVALID, "--title: %s", parley.ErrorMessage(err))
	}
	return nil
}

// findSource finds a source of the negotiation by its id or its title
// (case aside).
func findSource(ctx context.Context, store parley.Store, negotiationID int64, name string) (*parley.Source, error) {
	sources, err := store.ListSources(ctx, negotiationID)
	if err != nil {
		return nil, err
	}
	for _, s := range sources {
		if strconv.FormatInt(s.ID, 10) == strings.TrimSpace(name) || strings.EqualFold(s.Title, strings.TrimSpace(name)) {
			return s, nil
		}
	}
	return nil, parley.Errorf(parley.ENOTFOUND, "source %q not found in this negotiation: give its id or title (see \"parley source list\")", name)
}
