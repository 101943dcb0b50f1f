package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"parley"
)

const understandingsAddUsage = `add EVENT --party P --claim "TOPIC=agreed: TEXT" [--claim ...]
       [--visibility party|mediator|published] [--date DATE] [--source ID] [--format text|json]

Records what a party believes was agreed at an event: one --claim per
topic, "agreed" or "not agreed" before the colon. The topic is the short
key the parties' claims are compared by ("leaders-meeting"). The reading
stays the party's own unless --visibility shares it.`

// runUnderstandingsAdd is "parley understandings add".
func runUnderstandingsAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "understandings", understandingsAddUsage)
	db := dbFlag(fs)
	party := fs.String("party", "", "the party whose reading this is (a code or a name; required)")
	var claims multiFlag
	fs.Var(&claims, "claim", `a claim: "TOPIC=agreed: TEXT" or "TOPIC=not agreed: TEXT" (repeat for each topic)`)
	visibility := fs.String("visibility", parley.VisibilityParty, "who may see it: party, mediator or published")
	date := fs.String("date", "", "when the party gave this reading (default: the event's date)")
	source := fs.Int64("source", 0, "the source id")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("understandings add: want exactly one EVENT id, got %d arguments", len(rest))
	}
	eventID, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || eventID <= 0 {
		return usageErrorf("understandings add: %q is not an event id (a positive number)", rest[0])
	}
	if *party == "" || len(claims) == 0 {
		return usageErrorf("understandings add: --party and at least one --claim are required")
	}
	u := &parley.Understanding{EventID: eventID, Visibility: *visibility, SourceID: *source}
	for k, c := range claims {
		claim, err := parseClaim(c)
		if err != nil {
			return usageErrorf("understandings add: --claim %d: %v", k+1, err)
		}
		u.Claims = append(u.Claims, claim)
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	_, ev, err := findEvent(ctx, store, eventID)
	if err != nil {
		return err
	}
	p, err := store.FindParty(ctx, ev.NegotiationID, *party)
	if err != nil {
		return err
	}
	u.PartyID, u.Date = p.ID, ev.Date
	if *date != "" {
		if u.Date, err = parley.ParseDate(*date); err != nil {
			return usageErrorf("understandings add: --date: %s", parley.ErrorMessage(err))
		}
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if err := store.CreateUnderstanding(ctx, u); err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.stdout, u)
	}
	fmt.Fprintf(e.stdout, "recorded %s's reading of event %d (%q): %d claims, visible to %s\n", p.Code, ev.ID, ev.Title, len(u.Claims), u.Visibility)
	return nil
}

// parseClaim reads "TOPIC=agreed: TEXT" or "TOPIC=not agreed: TEXT".
func parseClaim(s string) (parley.Claim, error) {
	topic, rest, ok := strings.Cut(s, "=")
	verdict, text, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 {
		return parley.Claim{}, fmt.Errorf("%q: want TOPIC=agreed: TEXT or TOPIC=not agreed: TEXT", s)
	}
	c := parley.Claim{Topic: strings.TrimSpace(topic), Text: strings.TrimSpace(text)}
	switch strings.ToLower(strings.TrimSpace(verdict)) {
	case "agreed":
		c.Agreed = true
	case "not agreed":
	default:
		return parley.Claim{}, fmt.Errorf("%q: say \"agreed\" or \"not agreed\" before the colon, not %q", s, strings.TrimSpace(verdict))
	}
	return c, nil
}
