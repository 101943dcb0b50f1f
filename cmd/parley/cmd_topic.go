package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"parley"
	"parley/ingest"
	"parley/topic"
)

var topicUsage = map[string]string{
	"list":    "[--format text|json]",
	"suggest": "VERSION|FILE [--format text|json]",
	"set":     "VERSION POINT [TOPIC,TOPIC...] [--confirm] [--note TEXT] [--format text|json]",
	"view":    "NEGOTIATION [TOPIC] [--reveal] [--format text|json]",
}

// topicAbout says more of each action, under its usage line.
var topicAbout = map[string]string{
	"list": "The topic scheme: categories derived from the PA-X peace agreements codebook, with their definitions.",
	"suggest": "Each point's topics with the words that suggest them. For a stored VERSION, a person's decision wins over\n" +
		"the suggestion and is marked; a FILE (text, Markdown, HTML, DOCX, PDF) is read as \"parley compare\" reads it.",
	"set": "Decides the topics of a point of a stored version: TOPIC keys, comma-separated (none: the point has no topic),\n" +
		"or --confirm to keep the current suggestions. The decision is kept with the time and wins from then on; the\n" +
		"earlier ones stay. POINT is a point number as printed: \"10(a)\", \"3.1\", \"Article 7\" or \"10/a\".",
	"view": "What each version added and dropped, and with TOPIC its points in every version with the stances on them and\n" +
		"the positions on its issues. Stances and reservation values kept to a party are shown only with --reveal.",
}

// topicPointJSON is a point's topics as the command line writes them.
type topicPointJSON struct {
	Point string `json:"point"`
	topic.Assigned
}

// runTopic lists the topic scheme, suggests and sets the topics of points,
// and shows a negotiation's topics through its versions.
func runTopic(ctx context.Context, e *env, args []string) error {
	action, args, err := splitAction(e, "topic", args, topicUsage)
	if err != nil {
		return err
	}
	fs := newFlags(e, "topic "+action, topicUsage[action]+"\n\n"+topicAbout[action])
	db := dbFlag(fs)
	confirm := fs.Bool("confirm", false, "set: keep the point's current suggestions")
	note := fs.String("note", "", "set: a note on the decision")
	reveal := fs.Bool("reveal", false, "view: show stances and reservation values kept to their party too (for the operator's eyes only)")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	want := map[string][2]int{"list": {0, 0}, "suggest": {1, 1}, "set": {2, 3}, "view": {1, 2}}[action]
	if len(rest) < want[0] || len(rest) > want[1] {
		return usageErrorf("topic %s: want %s, got %d arguments", action, topicUsage[action], len(rest))
	}
	switch action {
	case "list":
		return topicList(e, *format)
	case "suggest":
		if _, err := strconv.ParseInt(rest[0], 10, 64); err != nil {
			if _, serr := os.Stat(rest[0]); serr == nil || rest[0] == "-" {
				return topicSuggestFile(e, rest[0], *format)
			}
		}
	case "set":
		if *confirm == (len(rest) == 3) {
			return usageErrorf("topic set: give either TOPIC keys or --confirm")
		}
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if action == "view" {
		key := ""
		if len(rest) == 2 {
			key = rest[1]
		}
		return topicView(ctx, e, store, rest[0], key, *reveal, *format)
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return usageErrorf("topic %s: VERSION %q is not a version id", action, rest[0])
	}
	v, err := store.FindVersionByID(ctx, id)
	if err != nil {
		return err
	}
	if action == "suggest" {
		ds, err := store.ListTopicDecisions(ctx, parley.TopicFilter{VersionID: v.ID})
		if err != nil {
			return err
		}
		return writeTopics(e, topic.Assign(v.Points, parley.CurrentTopics(ds)), *format)
	}
	ids, err := resolvePoints(v, rest[1], "POINT")
	if err != nil {
		return err
	}
	if len(ids) != 1 {
		return usageErrorf("topic set: want one POINT, got %q", rest[1])
	}
	d := &parley.TopicDecision{PointID: ids[0], Action: parley.TopicCorrect, Note: *note, Topics: []string{}}
	if *confirm {
		d.Action = parley.TopicConfirm
		for _, a := range topic.Assign(v.Points, nil) {
			if a.PointID == d.PointID {
				d.Topics = a.Topics
			}
		}
	} else {
		for _, k := range strings.Split(rest[2], ",") {
			if k = strings.TrimSpace(k); k == "" || k == "none" {
				continue
			}
			if _, ok := topic.Find(k); !ok {
				return usageErrorf("topic set: TOPIC %q is not a topic of the scheme (parley topic list)", k)
			}
			d.Topics = append(d.Topics, k)
		}
	}
	if err := store.CreateTopicDecision(ctx, d); err != nil {
		return err
	}
	var key string
	for _, p := range v.Points {
		if p.ID == d.PointID {
			key = parley.FormatPath(p.Path)
		}
	}
	shown := strings.Join(d.Topics, ", ")
	if shown == "" {
		shown = "no topic"
	}
	return report(e, *format, d, "point %s of %s: %s (%s)\n", key, v.Label, shown, d.Action)
}

// topicList writes the scheme.
func topicList(e *env, format string) error {
	if format == "json" {
		return writeJSON(e.stdout, topic.Scheme)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "key\tname\tdefinition")
	for _, c := range topic.Scheme {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Key, c.Name, c.Definition)
	}
	return tw.Flush()
}

// topicSuggestFile suggests the topics of the points of a file.
func topicSuggestFile(e *env, name, format string) error {
	body, err := readInput(e, name)
	if err != nil {
		return err
	}
	doc, err := ingest.Read(filepath.Base(name), body, "")
	if err != nil {
		return err
	}
	return writeTopics(e, topic.Assign(doc.Points, nil), format)
}

// writeTopics writes the topics of a version's points.
func writeTopics(e *env, list []topic.Assigned, format string) error {
	if format == "json" {
		out := make([]topicPointJSON, len(list))
		for i, a := range list {
			out[i] = topicPointJSON{Point: parley.FormatPath(a.Path), Assigned: a}
		}
		return writeJSON(e.stdout, map[string]any{"points": out})
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "point\ttopics\tby\tevidence")
	for _, a := range list {
		by := "suggested"
		if a.Decided {
			by = a.Decision.Action + "ed"
		}
		if len(a.Topics) == 0 && !a.Decided {
			by = ""
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", parley.FormatPath(a.Path), strings.Join(a.Topics, ", "), by, evidenceText(a.Suggestions))
	}
	return tw.Flush()
}

// evidenceText writes the suggestions' evidence: topic: "word", "word".
func evidenceText(ss []topic.Suggestion) string {
	parts := make([]string, 0, len(ss))
	for _, s := range ss {
		q := make([]string, len(s.Evidence))
		for i, w := range s.Evidence {
			q[i] = strconv.Quote(w)
		}
		from := ""
		if s.From != nil {
			from = " (from " + parley.FormatPath(s.From) + ")"
		}
		parts = append(parts, s.Topic+": "+strings.Join(q, ", ")+from)
	}
	return strings.Join(parts, "; ")
}

// topicViewJSON is the topic view as the command line writes it.
type topicViewJSON struct {
	Topic    *topic.Category   `json:"topic,omitempty"`
	Versions []topicVersionCLI `json:"versions"`
	Issues   []topicIssueCLI   `json:"issues"`
	Hidden   int               `json:"hidden"`
}

// topicIssueCLI is an issue on the topic and the positions on it; a
// reservation value kept to its party is left out without --reveal.
type topicIssueCLI struct {
	ID        int64              `json:"id"`
	Name      string             `json:"name"`
	Evidence  []string           `json:"evidence"`
	Positions []*parley.Position `json:"positions"`
}

type topicVersionCLI struct {
	topic.Change
	Points []topicPointCLI `json:"points"`
}

type topicPointCLI struct {
	topicPointJSON
	Stances []stanceJSON `json:"stances"`
}

// topicView writes what each version of a negotiation added and dropped,
// and the points on one topic with the stances on them.
func topicView(ctx context.Context, e *env, store parley.Store, name, key string, reveal bool, format string) error {
	out := topicViewJSON{Versions: []topicVersionCLI{}, Issues: []topicIssueCLI{}}
	if key != "" {
		c, ok := topic.Find(key)
		if !ok {
			return usageErrorf("topic view: TOPIC %q is not a topic of the scheme (parley topic list)", key)
		}
		out.Topic = &c
	}
	n, err := findNegotiation(ctx, store, name)
	if err != nil {
		return err
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		return err
	}
	ds, err := store.ListTopicDecisions(ctx, parley.TopicFilter{NegotiationID: n.ID})
	if err != nil {
		return err
	}
	stances, err := store.ListStances(ctx, parley.StanceFilter{NegotiationID: n.ID})
	if err != nil {
		return err
	}
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		return err
	}
	current := parley.CurrentTopics(ds)
	assigned := map[int64][]topic.Assigned{}
	for _, v := range versions {
		full, err := store.FindVersionByID(ctx, v.ID)
		if err != nil {
			return err
		}
		assigned[v.ID] = topic.Assign(full.Points, current)
	}
	for _, c := range topic.Changes(versions, assigned) {
		tv := topicVersionCLI{Change: c, Points: []topicPointCLI{}}
		for _, a := range assigned[c.VersionID] {
			if key == "" || !slices.Contains(a.Topics, key) {
				continue
			}
			tp := topicPointCLI{topicPointJSON: topicPointJSON{Point: parley.FormatPath(a.Path), Assigned: a}, Stances: []stanceJSON{}}
			for _, st := range stances {
				if st.PointID != a.PointID {
					continue
				}
				if !reveal && st.Visibility == parley.VisibilityParty {
					out.Hidden++
					continue
				}
				tp.Stances = append(tp.Stances, stanceJSON{Stance: st, Point: tp.Point, Party: partyName(parties, st.PartyID), ToConfirm: st.ToConfirm()})
			}
			tv.Points = append(tv.Points, tp)
		}
		out.Versions = append(out.Versions, tv)
	}
	if key != "" {
		if out.Issues, err = topicIssues(ctx, store, n.ID, key, reveal, &out.Hidden); err != nil {
			return err
		}
	}
	if format == "json" {
		return writeJSON(e.stdout, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "version\tdate\ttopics\tadded\tdropped")
	for _, v := range out.Versions {
		var counts []string
		for _, c := range topic.Scheme {
			if k := v.Topics[c.Key]; k > 0 {
				counts = append(counts, fmt.Sprintf("%s %d", c.Key, k))
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", v.Label, v.Date, strings.Join(counts, ", "), strings.Join(v.Added, ", "), strings.Join(v.Dropped, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if out.Topic == nil {
		return nil
	}
	fmt.Fprintf(e.stdout, "\n%s: %s\n", out.Topic.Name, out.Topic.Definition)
	for _, v := range out.Versions {
		fmt.Fprintf(e.stdout, "\n%s (%d points)\n", v.Label, len(v.Points))
		for _, p := range v.Points {
			fmt.Fprintf(e.stdout, "  %s %s\n", p.Point, p.Text)
			for _, st := range p.Stances {
				fmt.Fprintf(e.stdout, "      %s: %s\n", st.Party, parley.StanceLabel(st.Value))
			}
		}
	}
	for _, is := range out.Issues {
		fmt.Fprintf(e.stdout, "\nissue %s (from %s)\n", is.Name, strings.Join(is.Evidence, ", "))
		for _, p := range is.Positions {
			res := "not shown"
			if p.Reservation != nil {
				res = strconv.FormatFloat(*p.Reservation, 'f', -1, 64)
			}
			fmt.Fprintf(e.stdout, "  %s %s: ideal %g, reservation %s\n", partyName(parties, p.PartyID), p.Date, p.Ideal, res)
		}
	}
	if out.Hidden > 0 {
		fmt.Fprintf(e.stdout, "\n%d stances and reservation values kept to their party and not shown (--reveal shows them)\n", out.Hidden)
	}
	return nil
}

// topicIssues returns the issues on topic key and the positions on them;
// a reservation value kept to its party is dropped unless reveal, and
// counted in hidden.
func topicIssues(ctx context.Context, store parley.Store, negotiationID int64, key string, reveal bool, hidden *int) ([]topicIssueCLI, error) {
	issues, err := store.ListIssues(ctx, negotiationID)
	if err != nil {
		return nil, err
	}
	positions, err := store.ListPositions(ctx, parley.PositionFilter{NegotiationID: negotiationID})
	if err != nil {
		return nil, err
	}
	out := []topicIssueCLI{}
	for _, is := range issues {
		for _, sg := range topic.IssueTopics(is) {
			if sg.Topic != key {
				continue
			}
			ti := topicIssueCLI{ID: is.ID, Name: is.Name, Evidence: sg.Evidence, Positions: []*parley.Position{}}
			for _, p := range positions {
				if p.IssueID != is.ID {
					continue
				}
				cp := *p
				if !reveal {
					cp.Note = "" // a party's own working note
					if cp.Reservation != nil && cp.ReservationVisibility == parley.VisibilityParty {
						cp.Reservation = nil
						*hidden++
					}
				}
				ti.Positions = append(ti.Positions, &cp)
			}
			out = append(out, ti)
		}
	}
	return out, nil
}
