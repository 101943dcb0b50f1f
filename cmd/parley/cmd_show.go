package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"parley"
	"parley/topic"
)

// versionJSON is the shape of "parley show --format json".
type versionJSON struct {
	ID        int64   `json:"id"`
	Label     string  `json:"label"`
	Date      string  `json:"date"`
	Precision string  `json:"date_precision"`
	Status    string  `json:"status"`
	Party     string  `json:"party,omitempty"`
	Venue     string  `json:"venue,omitempty"`
	Parents   []int64 `json:"parents"`
	TextHash  string  `json:"text_hash"`
	Preamble  string  `json:"preamble"`
	// Sources are where the text came from, each with its Admiralty
	// grade (reliability A-F, credibility 1-6).
	Sources    []sourceJSON `json:"sources"`
	Points     []pointJSON  `json:"points"`
	PointCount int          `json:"point_count"`
}

// sourceJSON is a version's source in "parley show --format json".
type sourceJSON struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Kind        string `json:"kind"`
	Publisher   string `json:"publisher,omitempty"`
	URL         string `json:"url,omitempty"`
	Date        string `json:"date,omitempty"`
	Grade       string `json:"grade"`
	Reliability string `json:"reliability"`
	Credibility int    `json:"credibility"`
	Meaning     string `json:"meaning"`
}

type pointJSON struct {
	Path    []string `json:"path"`
	Label   string   `json:"label"`
	Heading string   `json:"heading,omitempty"`
	Text    string   `json:"text"`
	Line    int      `json:"line"`
	// Topics are a person's decision where there is one (TopicsDecided),
	// else the suggested topics (parley topic suggest gives the evidence).
	Topics        []string `json:"topics"`
	TopicsDecided bool     `json:"topics_decided"`
}

func runShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "show", "VERSION [--format text|json]")
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("show: want exactly one VERSION id, got %d arguments", len(rest))
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return usageErrorf("show: %q is not a version id (a positive number)", rest[0])
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
	sources, err := versionSources(ctx, store, v)
	if err != nil {
		return err
	}
	partyName := ""
	if v.PartyID != 0 {
		parties, err := store.ListParties(ctx, v.NegotiationID)
		if err != nil {
			return err
		}
		for _, p := range parties {
			if p.ID == v.PartyID {
				partyName = p.Name
			}
		}
	}
	if *format == "json" {
		out := versionJSON{
			ID: v.ID, Label: v.Label, Date: v.Date.String(), Precision: v.Date.Precision(), Status: v.Status,
			Party: partyName, Venue: v.Venue, Parents: v.ParentIDs, TextHash: v.TextHash, Preamble: v.Preamble,
			Points: make([]pointJSON, len(v.Points)), PointCount: len(v.Points), Sources: sources,
		}
		ds, err := store.ListTopicDecisions(ctx, parley.TopicFilter{VersionID: v.ID})
		if err != nil {
			return err
		}
		topics := topic.Assign(v.Points, parley.CurrentTopics(ds))
		for i, p := range v.Points {
			out.Points[i] = pointJSON{Path: p.Path, Label: p.Label, Heading: p.Heading, Text: p.Text, Line: p.Line,
				Topics: topics[i].Topics, TopicsDecided: topics[i].Decided}
		}
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "%s (version %d)\n", v.Label, v.ID)
	meta := []string{v.Status}
	if !v.Date.IsZero() {
		date := v.Date.String()
		if !v.Date.Exact() {
			date += " (" + v.Date.Words() + ")"
		}
		meta = append(meta, date)
	}
	if partyName != "" {
		meta = append(meta, "drafted by "+partyName)
	}
	if v.Venue != "" {
		meta = append(meta, v.Venue)
	}
	if len(v.ParentIDs) > 0 {
		meta = append(meta, "from version "+joinIDs(v.ParentIDs))
	}
	fmt.Fprintf(e.stdout, "%s; %s\n", strings.Join(meta, ", "), pointSummary(v.Points))
	for _, s := range sources {
		fmt.Fprintf(e.stdout, "source: [%s] %s (%s; %s)\n", s.Grade, s.Title, s.Kind, s.Meaning)
	}
	fmt.Fprintln(e.stdout)
	if v.Preamble != "" {
		fmt.Fprintf(e.stdout, "%s\n\n", v.Preamble)
	}
	for _, p := range v.Points {
		indent := strings.Repeat("    ", p.Depth()-1)
		text := p.Text
		if p.Heading != "" {
			text = strings.TrimSpace(p.Heading + "\n" + text)
		}
		lines := strings.Split(text, "\n")
		fmt.Fprintf(e.stdout, "%s%s %s\n", indent, p.Label, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(e.stdout, "%s    %s\n", indent, l)
		}
	}
	return nil
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}

// versionSources are the sources of v with their grades, in the order v
// names them.
func versionSources(ctx context.Context, store parley.Store, v *parley.Version) ([]sourceJSON, error) {
	out := []sourceJSON{}
	if len(v.SourceIDs) == 0 {
		return out, nil
	}
	all, err := store.ListSources(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*parley.Source, len(all))
	for _, s := range all {
		byID[s.ID] = s
	}
	for _, id := range v.SourceIDs {
		s := byID[id]
		if s == nil {
			continue
		}
		out = append(out, sourceJSON{ID: s.ID, Title: s.Title, Kind: s.Kind, Publisher: s.Publisher, URL: s.URL,
			Date: s.Date.String(), Grade: s.Grade(), Reliability: s.Reliability, Credibility: s.Credibility,
			Meaning: parley.ReliabilityMeaning[s.Reliability] + ", " + parley.CredibilityMeaning[s.Credibility]})
	}
	return out, nil
}
