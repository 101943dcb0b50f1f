package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"parley"
)

const eventsAddUsage = `add --negotiation NEGOTIATION --kind KIND --title TITLE --date DATE [--place PLACE]
       [--parties CODES] [--actors NAMES] [--versions IDS] [--sources IDS] [--description TEXT] [--format text|json]

Puts an event on a negotiation's timeline. KIND is one of meeting, call,
summit, talks, leak, publication, statement, delivery; DATE is YYYY,
YYYY-MM or YYYY-MM-DD, as precisely as it is known, in EDTF: 2025-11~
around November, 2025-11? uncertain, 2025-11-2X some day from the 20th to
the 29th, 2025-21 spring (22 summer, 23 autumn, 24 winter),
2025-11-20/2025-11-23 between two days (../2025-11 until, 2025-11/.. from);
the parties are codes or names, the actors (the people taking part)
names, the versions and sources ids of this negotiation, comma-separated.`

// runEventsAdd is "parley events add".
func runEventsAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "events", eventsAddUsage)
	db := dbFlag(fs)
	negotiation := fs.String("negotiation", "", "the negotiation: an id or a title (required)")
	kind := fs.String("kind", "", "what happened: "+strings.Join(parley.EventKinds, ", "))
	title := fs.String("title", "", "a short title")
	date := fs.String("date", "", "when: YYYY, YYYY-MM or YYYY-MM-DD, or EDTF such as 2025-11~ or 2025-11-20/2025-11-23")
	place := fs.String("place", "", "where")
	description := fs.String("description", "", "what happened, in a few sentences")
	parties := fs.String("parties", "", "the parties taking part (codes or names, comma-separated)")
	actors := fs.String("actors", "", "the people taking part (names as the negotiation records them, comma-separated)")
	versions := fs.String("versions", "", "the versions tabled, delivered or leaked (ids, comma-separated)")
	sources := fs.String("sources", "", "the sources (ids, comma-separated)")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("events add: unexpected argument %q", rest[0])
	}
	if *negotiation == "" {
		return usageErrorf("events add: --negotiation is required")
	}
	d, err := parley.ParseDate(*date)
	if err != nil {
		return usageErrorf("events add: --date: %s", parley.ErrorMessage(err))
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
	ev := &parley.Event{NegotiationID: n.ID, Kind: *kind, Title: *title, Date: d, Place: *place, Description: *description}
	for _, p := range splitList(*parties) {
		party, err := store.FindParty(ctx, n.ID, p)
		if err != nil {
			return parley.Errorf(parley.ErrorCode(err), "events add: --parties: %s", parley.ErrorMessage(err))
		}
		ev.PartyIDs = append(ev.PartyIDs, party.ID)
	}
	if names := splitList(*actors); len(names) > 0 {
		known, err := store.ListActors(ctx, n.ID)
		if err != nil {
			return err
		}
		for _, name := range names {
			i := slices.IndexFunc(known, func(a *parley.Actor) bool { return strings.EqualFold(a.Name, name) })
			if i < 0 {
				return parley.Errorf(parley.EINVALID, "events add: --actors: %q is not a person of this negotiation", name)
			}
			ev.ActorIDs = append(ev.ActorIDs, known[i].ID)
		}
	}
	if ev.VersionIDs, err = ownIDs(n.ID, "--versions", *versions, func(id int64) (int64, error) {
		v, err := store.FindVersionByID(ctx, id)
		if err != nil {
			return 0, err
		}
		return v.NegotiationID, nil
	}); err != nil {
		return err
	}
	known, err := store.ListSources(ctx, n.ID)
	if err != nil {
		return err
	}
	if ev.SourceIDs, err = ownIDs(n.ID, "--sources", *sources, func(id int64) (int64, error) {
		for _, s := range known {
			if s.ID == id {
				return n.ID, nil
			}
		}
		return 0, nil
	}); err != nil {
		return err
	}
	if err := ev.Validate(); err != nil {
		return err
	}
	if err := store.CreateEvent(ctx, ev); err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.stdout, ev)
	}
	fmt.Fprintf(e.stdout, "added event %d: %s %q on %s\n", ev.ID, ev.Kind, ev.Title, ev.Date)
	return nil
}

// ownIDs reads a comma-separated list of ids and checks that each belongs
// to the negotiation (negotiationOf gives the negotiation an id is in).
func ownIDs(negotiationID int64, flag, list string, negotiationOf func(int64) (int64, error)) ([]int64, error) {
	var out []int64
	for _, s := range splitList(list) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, usageErrorf("events add: %s: %q is not an id", flag, s)
		}
		owner, err := negotiationOf(id)
		if err != nil && parley.ErrorCode(err) != parley.ENOTFOUND {
			return nil, err
		}
		if owner != negotiationID {
			return nil, parley.Errorf(parley.EINVALID, "events add: %s: %d is not one of this negotiation's", flag, id)
		}
		out = append(out, id)
	}
	return out, nil
}
