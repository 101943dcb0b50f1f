package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"parley"
	"parley/contact"
	"parley/export"
)

const contactsUsage = `--negotiation NEGOTIATION [--party CODE] [--as-of YYYY-MM-DD] [--half-life DAYS] [--format text|json]

Who talks to whom: the parties and people who took part in the same
meeting, call, summit or talks, how often, when last, and how much that
weighs now (a contact weighs 1 on its day and half as much every half-life
after). Each side's strength (the sum of its weights) and betweenness (the
pairs of others whose shortest line runs through it). With --party: whom
that party should talk to: the best connected it has met too little or
never, and the brokers to the parties it has no direct line to.`

func runContacts(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "contacts", contactsUsage)
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json")
	negotiation := fs.String("negotiation", "", "the negotiation: an id or a title (required)")
	party := fs.String("party", "", "suggest whom this party should talk to (a code or a name)")
	asOf := fs.String("as-of", "", "weigh contacts as of this day, YYYY-MM-DD (default: the day of the last meeting, call or talks)")
	halfLife := fs.Int("half-life", 90, "days it takes a contact's weight to halve, 1 to 3650")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("contacts: unexpected argument %q", rest[0])
	}
	if *negotiation == "" {
		return usageErrorf("contacts: --negotiation is required")
	}
	if *halfLife < 1 || *halfLife > 3650 {
		return usageErrorf("contacts: --half-life %d: want 1 to 3650 days", *halfLife)
	}
	var now time.Time
	if *asOf != "" {
		d, err := parley.ParseDate(*asOf)
		if err != nil || !d.Exact() || d.Precision() != parley.PrecisionDay {
			return usageErrorf("contacts: --as-of %q: want a day, YYYY-MM-DD", *asOf)
		}
		now = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
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
	if now.IsZero() {
		now = contact.LastDay(rec.events, nowUTC())
	}
	net, err := contact.Build(rec.events, rec.parties, rec.actors, now, time.Duration(*halfLife)*24*time.Hour)
	if err != nil {
		return err
	}
	out := export.ContactsJSON{Network: net, Suggestions: []contact.Suggestion{}}
	if *party != "" {
		p, err := rec.party("--party", *party)
		if err != nil {
			return err
		}
		if out.Suggestions, err = net.Suggest(p.ID); err != nil {
			return err
		}
		ref := rec.index.Party(p.ID)
		out.Party = &ref
	}
	if *format == "json" {
		return writeJSON(e.stdout, out)
	}
	return writeContactsText(e, n, &out, *halfLife)
}

func writeContactsText(e *env, n *parley.Negotiation, c *export.ContactsJSON, halfLife int) error {
	w := e.stdout
	fmt.Fprintf(w, "Contacts in %s, as of %s (half-life %d days)\n", n.Title, c.Now.Format(time.DateOnly), halfLife)
	graphs := []struct {
		title string
		g     *contact.Graph
	}{{"Parties", &c.Parties}, {"People", &c.Actors}}
	for _, gr := range graphs {
		fmt.Fprintf(w, "\n%s\n", gr.title)
		nodes := slices.Clone(gr.g.Nodes)
		slices.SortStableFunc(nodes, func(a, b contact.Node) int { return cmp.Compare(b.Strength, a.Strength) })
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "strength\tbetweenness\tevents\tmet\tlast contact\t\t")
		for _, nd := range nodes {
			name := nd.Name
			if gr.g == &c.Actors {
				name += " (" + nd.Code + ")"
			}
			last := nd.LastContact.String()
			if last == "" {
				last = "-"
			}
			fmt.Fprintf(tw, "%.2f\t%.2f\t%d\t%d\t%s\t\t%s\n", nd.Strength, nd.Betweenness, nd.Events, nd.Degree, last, name)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if len(gr.g.Links) == 0 {
			fmt.Fprintln(w, "  no meeting, call, summit or talks recorded")
			continue
		}
		fmt.Fprintln(w)
		for _, l := range gr.g.Links {
			fmt.Fprintf(w, "  %s – %s: %s (%s), last %s, weight now %.2f\n", gr.g.Node(l.A).Name, gr.g.Node(l.B).Name,
				countNoun(l.Count, "contact"), strings.Join(l.Kinds, ", "), l.Last, l.Weight)
		}
	}
	if c.Party == nil {
		return nil
	}
	fmt.Fprintf(w, "\nWhom should %s talk to?\n", c.Party.Name)
	if len(c.Suggestions) == 0 {
		fmt.Fprintln(w, "  no one stands out: its lines to the best connected are warm, and it has a direct line to every party that talks to anyone")
	}
	for i, s := range c.Suggestions {
		what := "talk to " + s.Name
		if s.Kind == contact.SuggestBroker {
			what = "go through " + s.Name + " to reach " + s.ReachName
		}
		fmt.Fprintf(w, "  %d. %s: %s.\n", i+1, what, s.Reason)
	}
	return nil
}
