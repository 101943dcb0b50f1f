package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"parley"
)

var stanceUsage = map[string]string{
	"set":     "VERSION POINT --party P --stance accept|accept-with-changes|undecided|reject|red-line [--date YYYY-MM-DD] [--source ID|TITLE] [--note TEXT] [--visibility party|mediator|published] [--format text|json]",
	"list":    "VERSION [--party P] [--reveal] [--format text|json]",
	"history": "VERSION [POINT] [--party P] [--reveal] [--format text|json]",
}

// stanceAbout says more of each action, under its usage line.
var stanceAbout = map[string]string{
	"set": "Records a party's stance on a point of a stored version: its first, or a new revision of the one it holds\n" +
		"(every revision is kept: parley stance history). Setting a stance carried from a parent version confirms it.\n" +
		"POINT is a point number as printed: \"10(a)\", \"3.1\", \"Article 7\" or \"10/a\".",
	"list":    "The current stance of each party on each point, and whether the point is agreed.",
	"history": "Every revision of the stances on a version (or one point), oldest first.",
}

// stanceJSON is a stance as the command line writes it.
type stanceJSON struct {
	*parley.Stance
	Point     string `json:"point"`
	Party     string `json:"party"`
	ToConfirm bool   `json:"to_confirm"`
}

// runStance records a party's stance on a point, lists the current
// stances of a version, and shows their history. Stances a party keeps to
// itself are shown only with --reveal (the operator, deliberately).
func runStance(ctx context.Context, e *env, args []string) error {
	action, args, err := splitAction(e, "stance", args, stanceUsage)
	if err != nil {
		return err
	}
	fs := newFlags(e, "stance "+action, stanceUsage[action]+"\n\n"+stanceAbout[action])
	db := dbFlag(fs)
	partyFlag := fs.String("party", "", "the party, by code or name")
	value := fs.String("stance", "", "set: accept, accept-with-changes, undecided, reject or red-line")
	date := fs.String("date", "", "set: the date of the stance (YYYY, YYYY-MM or YYYY-MM-DD; default today)")
	source := fs.String("source", "", "set: the source, by id or title")
	note := fs.String("note", "", "set: a note")
	visibility := fs.String("visibility", "", "set: who may see it: party (its delegates; the default for a first stance), mediator or published (default for a change: as it was)")
	reveal := fs.Bool("reveal", false, "list, history: show stances kept to their party too (for the operator's eyes only)")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	want := map[string]struct {
		min, max int
		what     string
	}{"set": {2, 2, "VERSION and POINT"}, "list": {1, 1, "VERSION"}, "history": {1, 2, "VERSION and optionally POINT"}}[action]
	if len(rest) < want.min || len(rest) > want.max {
		return usageErrorf("stance %s: want %s, got %d arguments", action, want.what, len(rest))
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return usageErrorf("stance %s: VERSION %q is not a version id", action, rest[0])
	}
	var stanceValue string
	var day parley.Date
	if action == "set" {
		if *partyFlag == "" {
			return usageErrorf("stance set: --party is required")
		}
		if *value == "" {
			return usageErrorf("stance set: --stance is required: accept, accept-with-changes, undecided, reject or red-line")
		}
		if stanceValue, err = parley.ParseStanceValue(*value); err != nil {
			return usageErrorf("stance set: --stance: %s", parley.ErrorMessage(err))
		}
		if *date == "" {
			*date = nowUTC().Format("2006-01-02")
		}
		if day, err = parley.ParseDate(*date); err != nil {
			return usageErrorf("stance set: --date: %s", parley.ErrorMessage(err))
		}
		if *visibility != "" && *visibility != parley.VisibilityParty && *visibility != parley.VisibilityMediator && *visibility != parley.VisibilityPublished {
			return usageErrorf("stance set: --visibility %q: want party, mediator or published", *visibility)
		}
	}

	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	v, err := store.FindVersionByID(ctx, id)
	if err != nil {
		return err
	}
	parties, err := store.ListParties(ctx, v.NegotiationID)
	if err != nil {
		return err
	}
	f := parley.StanceFilter{VersionID: v.ID}
	var party *parley.Party
	if *partyFlag != "" {
		if party, err = store.FindParty(ctx, v.NegotiationID, *partyFlag); err != nil {
			if parley.ErrorCode(err) == parley.ENOTFOUND {
				return parley.Errorf(parley.EINVALID, "--party %q: not a party to this negotiation (%s)", *partyFlag, partyCodes(parties))
			}
			return err
		}
		f.PartyID = party.ID
	}
	var point *parley.Point
	if len(rest) == 2 {
		ids, err := resolvePoints(v, rest[1], "POINT")
		if err != nil {
			return err
		}
		if len(ids) != 1 {
			return usageErrorf("stance %s: want one POINT, got %q", action, rest[1])
		}
		for k := range v.Points {
			if v.Points[k].ID == ids[0] {
				point = &v.Points[k]
			}
		}
		f.PointID = point.ID
	}
	keyOf := map[int64]string{}
	for _, p := range v.Points {
		keyOf[p.ID] = p.Key()
	}
	toJSON := func(st *parley.Stance) stanceJSON {
		return stanceJSON{Stance: st, Point: keyOf[st.PointID], Party: partyName(parties, st.PartyID), ToConfirm: st.ToConfirm()}
	}

	switch action {
	case "list", "history":
		list, err := store.ListStances(ctx, f)
		if action == "history" {
			list, err = store.ListStanceHistory(ctx, f)
		}
		if err != nil {
			return err
		}
		hidden := 0
		shown := []stanceJSON{}
		for _, st := range list {
			if !*reveal && st.Visibility == parley.VisibilityParty {
				hidden++
				continue
			}
			shown = append(shown, toJSON(st))
		}
		if *format == "json" {
			out := map[string]any{"version": v.ID, "stances": shown, "hidden": hidden}
			if action == "list" {
				out["points"] = agreement(v, parties, shown)
			}
			return writeJSON(e.stdout, out)
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "point\tparty\tstance\tdate\tseen by\trevision\tnote")
		for _, st := range shown {
			label := parley.StanceLabel(st.Value)
			if st.ToConfirm {
				label += " (carried, " + st.CarriedKind + ": to confirm)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", st.Point, st.Party, label, st.Date, st.Visibility, st.Revision, st.Note)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if action == "list" {
			counts := map[string]int{}
			for _, state := range agreement(v, parties, shown) {
				counts[state]++
			}
			fmt.Fprintf(e.stdout, "%d points: %d agreed, %d open, %d blocked\n", len(v.Points), counts[parley.PointAgreed], counts[parley.PointOpen], counts[parley.PointBlocked])
		}
		if hidden > 0 {
			fmt.Fprintf(e.stdout, "%d kept to their party and not shown (--reveal shows them)\n", hidden)
		}
		return nil
	}

	// set
	st := &parley.Stance{NegotiationID: v.NegotiationID, PointID: point.ID, PartyID: party.ID}
	current, err := store.ListStances(ctx, parley.StanceFilter{PointID: point.ID, PartyID: party.ID})
	if err != nil {
		return err
	}
	if len(current) > 0 {
		st = current[0]
	}
	st.Value, st.Date, st.Note, st.CarriedFrom, st.CarriedKind = stanceValue, day, strings.TrimSpace(*note), 0, ""
	switch {
	case *visibility != "":
		st.Visibility = *visibility
	case st.Visibility == "":
		st.Visibility = parley.VisibilityParty
	}
	st.SourceID = 0
	if *source != "" {
		sources, err := store.ListSources(ctx, v.NegotiationID)
		if err != nil {
			return err
		}
		for _, s := range sources {
			if strconv.FormatInt(s.ID, 10) == *source || strings.EqualFold(s.Title, *source) {
				st.SourceID = s.ID
			}
		}
		if st.SourceID == 0 {
			return parley.Errorf(parley.EINVALID, "--source %q: no source of that id or title in this negotiation", *source)
		}
	}
	verb := "recorded"
	if len(current) > 0 {
		verb = "changed"
		err = store.UpdateStance(ctx, st)
	} else {
		err = store.CreateStance(ctx, st)
	}
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.stdout, toJSON(st))
	}
	fmt.Fprintf(e.stdout, "%s %s's stance on point %s of %q: %s, %s, seen by %s (stance %d, revision %d)\n",
		verb, party.Code, point.Key(), v.Label, parley.StanceLabel(st.Value), st.Date, st.Visibility, st.ID, st.Revision)
	return nil
}

// agreement gives each point of v its state from the stances shown, by
// parley.PointAgreement.
func agreement(v *parley.Version, parties []*parley.Party, shown []stanceJSON) map[string]string {
	var withSay []int64
	for _, p := range parties {
		if parley.HasSay(p) {
			withSay = append(withSay, p.ID)
		}
	}
	byPoint := map[int64][]*parley.Stance{}
	for _, st := range shown {
		byPoint[st.PointID] = append(byPoint[st.PointID], st.Stance)
	}
	out := map[string]string{}
	for _, p := range v.Points {
		out[p.Key()] = parley.PointAgreement(byPoint[p.ID], withSay)
	}
	return out
}

func partyCodes(parties []*parley.Party) string {
	codes := make([]string, len(parties))
	for i, p := range parties {
		codes[i] = p.Code
	}
	return strings.Join(codes, ", ")
}
