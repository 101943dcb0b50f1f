package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"parley"
	"parley/export"
	"parley/understand"
)

const understandingsUsage = `EVENT [--party CODE] [--format text|json]
       parley understandings add EVENT --party P --claim "TOPIC=agreed: TEXT" ... (see "parley understandings add -h")

Compares what each party says was agreed at an event (its id, from
"parley events"), subject by subject (an issue, a point, or a topic
matched ignoring case, spaces and punctuation and through the synonyms of
"parley synonyms"), by what the claims say: figures, dates, names,
negation, "will" or "may". Outcomes: agreed by all and the same, a
contradiction (all say agreed but say different things: the differences
side by side), disputed (one says agreed, another not), not agreed by all,
or one-sided (one party claims it, the others are silent). A figure
claimed on a numeric issue is placed on its scale. Only published
understandings are compared, plus --party's own when given (what that
party's delegates see).`

func runUnderstandings(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "add" {
		return runUnderstandingsAdd(ctx, e, args[1:])
	}
	fs := newFlags(e, "understandings", understandingsUsage)
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json")
	party := fs.String("party", "", "also compare this party's own understandings, whatever their visibility (a code or a name)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("understandings: want exactly one EVENT id, got %d arguments", len(rest))
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return usageErrorf("understandings: %q is not an event id (a positive number)", rest[0])
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	rec, ev, err := findEvent(ctx, store, id)
	if err != nil {
		return err
	}
	reader, err := rec.reader(*party)
	if err != nil {
		return err
	}
	us, err := rec.understandings(ctx, store, ev.ID, reader)
	if err != nil {
		return err
	}
	issues, err := store.ListIssues(ctx, ev.NegotiationID)
	if err != nil {
		return err
	}
	synonyms, err := store.ListSynonyms(ctx, ev.NegotiationID)
	if err != nil {
		return err
	}
	c := rec.index.CompareEvent(ev, us, issues, synonyms)
	if *format == "json" {
		return writeJSON(e.stdout, c)
	}
	return writeComparisonText(e, c)
}

// findEvent finds an event by id in any negotiation, with its
// negotiation's record.
func findEvent(ctx context.Context, store parley.Store, id int64) (*eventRecord, *parley.Event, error) {
	negotiations, err := store.ListNegotiations(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, n := range negotiations {
		events, err := store.ListEvents(ctx, n.ID)
		if err != nil {
			return nil, nil, err
		}
		for _, ev := range events {
			if ev.ID == id {
				rec, err := loadEventRecord(ctx, store, n)
				return rec, ev, err
			}
		}
	}
	return nil, nil, parley.Errorf(parley.ENOTFOUND, "event %d not found", id)
}

// outcomeWords are the outcomes as the text output flags them.
var outcomeWords = map[string]string{
	understand.Contradiction: "CONTRADICTION",
	understand.Disputed:      "DISPUTED",
	understand.OneSided:      "ONE-SIDED",
	understand.Agreed:        "agreed by all",
	understand.NotAgreed:     "not agreed, by all",
}

func writeComparisonText(e *env, c *export.ComparisonOfEventJSON) error {
	ev := c.Event
	head := fmt.Sprintf("%s (event %d), %s %s", ev.Title, ev.ID, ev.Kind, ev.Date)
	if ev.Place != "" {
		head += ", " + ev.Place
	}
	fmt.Fprintln(e.stdout, head)
	if len(c.Topics) == 0 {
		fmt.Fprintln(e.stdout, "no understanding of this event to compare")
		return nil
	}
	var parties []string
	for _, p := range c.Parties {
		parties = append(parties, fmt.Sprintf("%s (%s)", p.Name, p.Code))
	}
	fmt.Fprintf(e.stdout, "compared: %s\n", strings.Join(parties, ", "))
	fmt.Fprintf(e.stdout, "%d contradicted, %d disputed, %d one-sided, %d agreed by all, %d not agreed by all\n",
		c.Counts[understand.Contradiction], c.Counts[understand.Disputed], c.Counts[understand.OneSided], c.Counts[understand.Agreed], c.Counts[understand.NotAgreed])
	for _, t := range c.Topics {
		fmt.Fprintf(e.stdout, "\n%s  %s: %s", outcomeWords[t.Outcome], t.Topic, t.Summary)
		if t.PointsDiffer {
			fmt.Fprint(e.stdout, " (they cite different points: check whether they are one point in two versions)")
		}
		fmt.Fprintln(e.stdout)
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		for _, p := range c.Parties {
			cl := t.ClaimOf(p.ID)
			switch {
			case cl == nil:
				fmt.Fprintf(tw, "  %s\tsilent\n", p.Code)
			case cl.Agreed:
				fmt.Fprintf(tw, "  %s\tagreed\t%s\n", p.Code, cl.Text)
			default:
				fmt.Fprintf(tw, "  %s\tnot agreed\t%s\n", p.Code, cl.Text)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, d := range t.Differences {
			says := make([]string, len(d.Says))
			for k, say := range d.Says {
				says[k] = say.Party + " " + say.Says
			}
			fmt.Fprintf(e.stdout, "  %s differ: %s\n", d.What, strings.Join(says, " | "))
		}
		if sc := t.Scale; sc != nil {
			marks := make([]string, len(sc.Marks))
			for k, m := range sc.Marks {
				marks[k] = fmt.Sprintf("%s %s at %.0f%%", m.Party, m.Label, m.At*100)
			}
			fmt.Fprintf(e.stdout, "  on the scale of %s (%s to %s%s): %s\n", sc.Issue, export.FormatNumber(sc.Min), export.FormatNumber(sc.Max), unitSuffix(sc.Unit), strings.Join(marks, ", "))
		}
	}
	return nil
}

func unitSuffix(unit string) string {
	if unit == "" {
		return ""
	}
	return " " + unit
}
