package export

import (
	"context"
	"io"
	"strings"

	"parley"
	"parley/align"
)

// What an export format exports.
const (
	OfVersion     = "version"
	OfNegotiation = "negotiation"
	OfComparison  = "comparison"
)

// Format is one export format: its name (as "--format" and web addresses
// spell it), what it exports, how it is served and how it is written.
// Exactly one of the writers is set, the one for Of.
type Format struct {
	Name      string
	Of        string // OfVersion, OfNegotiation or OfComparison
	Title     string // for people: "Akoma Ntoso XML"
	MediaType string
	Extension string // of a downloaded file, without the dot

	WriteVersion     func(io.Writer, *Version) error
	WriteNegotiation func(io.Writer, *Negotiation) error
	WriteComparison  func(io.Writer, *Comparison, *align.Alignment) error
}

// Formats is the one registry of export formats, in the order they are
// offered. Exports of a negotiation keep only what its Shared part keeps;
// a version and a comparison hold only the shared record.
var Formats = []Format{
	{Name: "md", Of: OfVersion, Title: "Markdown", MediaType: "text/markdown; charset=utf-8", Extension: "md", WriteVersion: WriteVersionMarkdown},
	{Name: "html", Of: OfVersion, Title: "HTML page", MediaType: "text/html; charset=utf-8", Extension: "html", WriteVersion: WriteVersionHTML},
	{Name: "json", Of: OfVersion, Title: "JSON", MediaType: "application/json", Extension: "json", WriteVersion: WriteVersionJSON},
	{Name: "akn", Of: OfVersion, Title: "Akoma Ntoso XML", MediaType: "application/akn+xml", Extension: "akn.xml",
		WriteVersion: func(w io.Writer, v *Version) error { return WriteVersionAKN(w, v, AKNOptions{}) }},
	{Name: "text", Of: OfVersion, Title: "text as stored", MediaType: "text/plain; charset=utf-8", Extension: "txt", WriteVersion: WriteVersionText},
	{Name: "csv", Of: OfNegotiation, Title: "events as CSV", MediaType: "text/csv; charset=utf-8", Extension: "csv", WriteNegotiation: WriteEventsCSV},
	{Name: "timelinejs", Of: OfNegotiation, Title: "TimelineJS", MediaType: "application/json", Extension: "timeline.json", WriteNegotiation: WriteTimelineJS},
	{Name: "json", Of: OfNegotiation, Title: "JSON", MediaType: "application/json", Extension: "json", WriteNegotiation: WriteNegotiationJSON},
	{Name: "md", Of: OfComparison, Title: "Markdown redline", MediaType: "text/markdown; charset=utf-8", Extension: "md", WriteComparison: WriteMarkdown},
	{Name: "html", Of: OfComparison, Title: "HTML side by side", MediaType: "text/html; charset=utf-8", Extension: "html", WriteComparison: WriteHTML},
	{Name: "json", Of: OfComparison, Title: "compare JSON", MediaType: "application/json", Extension: "json",
		WriteComparison: func(w io.Writer, c *Comparison, _ *align.Alignment) error { return WriteJSON(w, c) }},
}

// FormatsOf returns the formats of one kind of export, in order.
func FormatsOf(of string) []Format {
	var out []Format
	for _, f := range Formats {
		if f.Of == of {
			out = append(out, f)
		}
	}
	return out
}

// FindFormat returns the format of a kind of export by name, or an
// EINVALID error that lists the formats there are.
func FindFormat(of, name string) (Format, error) {
	var names []string
	for _, f := range FormatsOf(of) {
		if f.Name == name {
			return f, nil
		}
		names = append(names, f.Name)
	}
	return Format{}, parley.Errorf(parley.EINVALID, "format: a %s exports as %s, not %q", of, strings.Join(names, ", "), name)
}

// LoadVersion loads a version and the names its export prints.
func LoadVersion(ctx context.Context, store parley.Store, id int64) (*Version, error) {
	v, err := store.FindVersionByID(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &Version{Version: v}
	n, err := store.FindNegotiationByID(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	out.Negotiation = n.Title
	documents, err := store.ListDocuments(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	for _, d := range documents {
		if d.ID == v.DocumentID {
			out.Document = d.Title
		}
	}
	parties, err := store.ListParties(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	for _, p := range parties {
		if p.ID == v.PartyID {
			out.Party = p
		}
	}
	actors, err := store.ListActors(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	out.Actors = pickByID(actors, v.ActorIDs, func(a *parley.Actor) int64 { return a.ID })
	sources, err := store.ListSources(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	out.Sources = pickByID(sources, v.SourceIDs, func(s *parley.Source) int64 { return s.ID })
	if len(v.ParentIDs) > 0 {
		versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: v.NegotiationID})
		if err != nil {
			return nil, err
		}
		out.Parents = pickByID(versions, v.ParentIDs, func(p *parley.Version) int64 { return p.ID })
	}
	return out, nil
}

// pickByID returns the items with the given ids, in the order of the ids.
func pickByID[T any](items []T, ids []int64, id func(T) int64) []T {
	byID := make(map[int64]T, len(items))
	for _, it := range items {
		byID[id(it)] = it
	}
	var out []T
	for _, i := range ids {
		if it, ok := byID[i]; ok {
			out = append(out, it)
		}
	}
	return out
}

// LoadNegotiation loads a negotiation and all its record. The writers
// keep only its Shared part, whoever asks.
func LoadNegotiation(ctx context.Context, store parley.Store, n *parley.Negotiation) (*Negotiation, error) {
	out := &Negotiation{Negotiation: n}
	var err error
	if out.Parties, err = store.ListParties(ctx, n.ID); err != nil {
		return nil, err
	}
	if out.Actors, err = store.ListActors(ctx, n.ID); err != nil {
		return nil, err
	}
	if out.Documents, err = store.ListDocuments(ctx, n.ID); err != nil {
		return nil, err
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		return nil, err
	}
	// The points name what stances and claims refer to.
	for _, v := range versions {
		full, err := store.FindVersionByID(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		out.Versions = append(out.Versions, full)
	}
	if out.Events, err = store.ListEvents(ctx, n.ID); err != nil {
		return nil, err
	}
	for _, ev := range out.Events {
		us, err := store.ListUnderstandings(ctx, ev.ID)
		if err != nil {
			return nil, err
		}
		out.Understandings = append(out.Understandings, us...)
	}
	if out.Sources, err = store.ListSources(ctx, n.ID); err != nil {
		return nil, err
	}
	if out.Stances, err = store.ListStances(ctx, parley.StanceFilter{NegotiationID: n.ID}); err != nil {
		return nil, err
	}
	if out.Issues, err = store.ListIssues(ctx, n.ID); err != nil {
		return nil, err
	}
	if out.Positions, err = store.ListPositions(ctx, parley.PositionFilter{NegotiationID: n.ID}); err != nil {
		return nil, err
	}
	return out, nil
}
