package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"parley"
	"parley/export"
)

const eventsUsage = `--negotiation NEGOTIATION [--party CODE] [--format text|json]
       parley events add --negotiation N --kind KIND --title T --date D ... (see "parley events add -h")

Lists the events of a negotiation (an id or a title), oldest first: the
meetings, calls, summits, talks, leaks, publications, statements and
deliveries, with who took part, where, the texts they tabled or leaked and
their sources. The count of understandings is of those published, plus
--party's own when given (what that party's delegates see).`

// eventsJSON is the shape of "parley events --format json".
type eventsJSON struct {
	Negotiation negotiationRef           `json:"negotiation"`
	Events      []export.EventRecordJSON `json:"events"`
}

type negotiationRef struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

func runEvents(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "add" {
		return runEventsAdd(ctx, e, args[1:])
	}
	fs := newFlags(e, "events", eventsUsage)
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json")
	negotiation := fs.String("negotiation", "", "the negotiation: an id or a title (required)")
	party := fs.String("party", "", "also count this party's own understandings (a code or a name)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("events: unexpected argument %q", rest[0])
	}
	if *negotiation == "" {
		return usageErrorf("events: --negotiation is required")
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := findNegotiation(ctx, store, *negotiation)
	if err != nil {
		return err
	}
	rec, err := loadEventRecord(ctx, store, n)
	if err != nil {
		return err
	}
	reader, err := rec.reader(*party)
	if err != nil {
		return err
	}
	out := eventsJSON{Negotiation: negotiationRef{n.ID, n.Title}, Events: []export.EventRecordJSON{}}
	for _, ev := range rec.events {
		us, err := rec.understandings(ctx, store, ev.ID, reader)
		if err != nil {
			return err
		}
		out.Events = append(out.Events, rec.index.EventRecord(ev, len(us)))
	}
	if *format == "json" {
		return writeJSON(e.stdout, out)
	}
	if len(out.Events) == 0 {
		fmt.Fprintf(e.stdout, "%s (negotiation %d) has no events yet\n", n.Title, n.ID)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s (negotiation %d, %d events)\n\n", n.Title, n.ID, len(out.Events))
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	for _, ev := range out.Events {
		fmt.Fprintf(tw, "%s\t%s\t%s (event %d)\n", ev.Date, ev.Kind, ev.Title, ev.ID)
		var who []string
		for _, p := range ev.Parties {
			who = append(who, p.Code)
		}
		for _, a := range ev.Actors {
			who = append(who, a.Name)
		}
		details := []string{}
		if ev.Place != "" {
			details = append(details, ev.Place)
		}
		if len(who) > 0 {
			details = append(details, strings.Join(who, ", "))
		}
		if len(details) > 0 {
			fmt.Fprintf(tw, "\t\t%s\n", strings.Join(details, "; "))
		}
		for _, v := range ev.Versions {
			fmt.Fprintf(tw, "\t\ttext: %s (version %d, %s)\n", v.Label, v.ID, v.Status)
		}
		for _, s := range ev.Sources {
			fmt.Fprintf(tw, "\t\tsource: [%s] %s\n", s.Grade, s.Title)
		}
		if ev.Understandings > 0 {
			fmt.Fprintf(tw, "\t\t%s: parley understandings %d\n", countNoun(ev.Understandings, "understanding"), ev.ID)
		}
	}
	return tw.Flush()
}

// countNoun writes "1 understanding", "2 understandings".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// eventRecord is a negotiation's events with the index that names what
// they refer to.
type eventRecord struct {
	negotiation *parley.Negotiation
	events      []*parley.Event
	parties     []*parley.Party
	actors      []*parley.Actor
	index       *export.EventIndex
}

func loadEventRecord(ctx context.Context, store parley.Store, n *parley.Negotiation) (*eventRecord, error) {
	rec := &eventRecord{negotiation: n}
	var err error
	if rec.events, err = store.ListEvents(ctx, n.ID); err != nil {
		return nil, err
	}
	if rec.parties, err = store.ListParties(ctx, n.ID); err != nil {
		return nil, err
	}
	if rec.actors, err = store.ListActors(ctx, n.ID); err != nil {
		return nil, err
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		return nil, err
	}
	sources, err := store.ListSources(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	rec.index = export.NewEventIndex(rec.parties, rec.actors, versions, sources)
	return rec, nil
}

// party finds a party of the negotiation by code or name, naming the flag
// and the parties there are when there is none.
func (rec *eventRecord) party(flag, name string) (*parley.Party, error) {
	codes := make([]string, len(rec.parties))
	for i, p := range rec.parties {
		if strings.EqualFold(p.Code, name) || strings.EqualFold(p.Name, name) {
			return p, nil
		}
		codes[i] = p.Code
	}
	return nil, parley.Errorf(parley.EINVALID, "%s %q: not a party of %q (its parties: %s)", flag, name, rec.negotiation.Title, strings.Join(codes, ", "))
}

// reader is the party whose delegates' view the command shows; 0 shows
// only what is published.
func (rec *eventRecord) reader(party string) (int64, error) {
	if party == "" {
		return 0, nil
	}
	p, err := rec.party("--party", party)
	if err != nil {
		return 0, err
	}
	return p.ID, nil
}

// understandings returns the understandings of an event that the command
// line shows: the published ones, as exports do, and the reader party's
// own whatever their visibility.
func (rec *eventRecord) understandings(ctx context.Context, store parley.Store, eventID, reader int64) ([]*parley.Understanding, error) {
	all, err := store.ListUnderstandings(ctx, eventID)
	if err != nil {
		return nil, err
	}
	var out []*parley.Understanding
	for _, u := range all {
		if u.Visibility == parley.VisibilityPublished || (reader != 0 && u.PartyID == reader) {
			out = append(out, u)
		}
	}
	return out, nil
}
