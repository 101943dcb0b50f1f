package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"parley"
)

const understandingsAddUsage = `add EVENT --party P --claim "TOPIC=agreed: TEXT" [--claim ...]
       [--issue TOPIC=ISSUE] [--point TOPIC=POINT] [--visibility party|mediator|published]
       [--date DATE] [--source ID] [--format text|json]

Records what a party believes was agreed at an event: one --claim per
topic, "agreed" or "not agreed" before the colon. The topic is the short
key the parties' claims are compared by ("leaders-meeting"; case, spaces
and punctuation aside, and through "parley synonyms"). --issue ties a
claim to an issue of the negotiation (its id or name) and --point to a
point (its id): claims on one issue or point are compared whatever their
topics, and a figure claimed on a numeric issue is placed on its scale.
The reading stays the party's own unless --visibility shares it.`

// runUnderstandingsAdd is "parley understandings add".
func runUnderstandingsAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "understandings", understandingsAddUsage)
	db := dbFlag(fs)
	party := fs.String("party", "", "the party whose reading this is (a code or a name; required)")
	var claims, issues, points multiFlag
	fs.Var(&claims, "claim", `a claim: "TOPIC=agreed: TEXT" or "TOPIC=not agreed: TEXT" (repeat for each topic)`)
	fs.Var(&issues, "issue", `tie a claim to an issue: "TOPIC=ISSUE", the issue's id or name (repeatable)`)
	fs.Var(&points, "point", `tie a claim to a point: "TOPIC=POINT", the point's id (repeatable)`)
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
	if err := tieClaims(ctx, store, ev.NegotiationID, u, issues, points); err != nil {
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

// tieClaims ties the claims that --issue and --point name (by their topic)
// to an issue (an id or a name of the negotiation's) or a point (an id;
// the store checks that it is the negotiation's).
func tieClaims(ctx context.Context, store parley.Store, negotiationID int64, u *parley.Understanding, issues, points []string) error {
	claim := func(flag, s string) (*parley.Claim, string, error) {
		topic, ref, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(ref) == "" {
			return nil, "", usageErrorf("understandings add: %s %q: want TOPIC=%s", flag, s, strings.ToUpper(strings.TrimPrefix(flag, "--")))
		}
		for k := range u.Claims {
			if parley.NormalizeTopic(u.Claims[k].Topic) == parley.NormalizeTopic(topic) {
				return &u.Claims[k], strings.TrimSpace(ref), nil
			}
		}
		return nil, "", usageErrorf("understandings add: %s %q: no --claim has the topic %q", flag, s, strings.TrimSpace(topic))
	}
	if len(issues) > 0 {
		all, err := store.ListIssues(ctx, negotiationID)
		if err != nil {
			return err
		}
		for _, s := range issues {
			c, ref, err := claim("--issue", s)
			if err != nil {
				return err
			}
			for _, i := range all {
				if strings.EqualFold(i.Name, ref) || strconv.FormatInt(i.ID, 10) == ref {
					c.IssueID = i.ID
				}
			}
			if c.IssueID == 0 {
				names := make([]string, len(all))
				for k, i := range all {
					names[k] = fmt.Sprintf("%d %q", i.ID, i.Name)
				}
				return usageErrorf("understandings add: --issue %q: no issue of this negotiation has that id or name (its issues: %s)", s, strings.Join(names, ", "))
			}
		}
	}
	for _, s := range points {
		c, ref, err := claim("--point", s)
		if err != nil {
			return err
		}
		if c.PointID, err = strconv.ParseInt(ref, 10, 64); err != nil || c.PointID <= 0 {
			return usageErrorf("understandings add: --point %q: %q is not a point id (a positive number)", s, ref)
		}
	}
	return nil
}
