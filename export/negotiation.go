package export

import (
	"io"
	"slices"

	"parley"
)

// Negotiation is a negotiation with everything its exports draw on, loaded
// by the caller. Exports of a negotiation are meant to circulate, so every
// writer keeps only what Shared keeps, whoever runs it.
type Negotiation struct {
	Negotiation *parley.Negotiation
	Parties     []*parley.Party
	Actors      []*parley.Actor
	Documents   []*parley.Document
	// Versions need their Points only to name the points that stances and
	// claims refer to; without them those references carry no path.
	Versions []*parley.Version
	Events   []*parley.Event
	// Understandings are those of the events, of any visibility.
	Understandings []*parley.Understanding
	Sources        []*parley.Source
	Stances        []*parley.Stance
	Issues         []*parley.Issue
	Positions      []*parley.Position
}

// Shared returns the part of n that every member of the negotiation may
// see, observers included: what carries a visibility is kept only when it
// is parley.VisibilityPublished. A party's draft stances and its
// understandings kept to itself or shared with the mediators only are
// dropped, a reservation value is dropped unless its party published it,
// and positions lose their notes (analysts' working notes, which the API
// does not show either). Parties, actors, documents, versions, events and
// sources carry no visibility: they are the shared record.
func (n *Negotiation) Shared() *Negotiation {
	out := *n
	out.Stances = nil
	for _, s := range n.Stances {
		if s.Visibility == parley.VisibilityPublished {
			out.Stances = append(out.Stances, s)
		}
	}
	out.Understandings = nil
	for _, u := range n.Understandings {
		if u.Visibility == parley.VisibilityPublished {
			out.Understandings = append(out.Understandings, u)
		}
	}
	out.Positions = nil
	for _, p := range n.Positions {
		shared := *p
		shared.Note = ""
		if shared.ReservationVisibility != parley.VisibilityPublished {
			shared.Reservation = nil
		}
		out.Positions = append(out.Positions, &shared)
	}
	return &out
}

// negotiationIndex finds the parties, actors, versions, sources and points
// of a negotiation by id.
type negotiationIndex struct {
	parties  map[int64]*parley.Party
	actors   map[int64]*parley.Actor
	versions map[int64]*parley.Version
	sources  map[int64]*parley.Source
	points   map[int64]PointRef
}

func (n *Negotiation) index() *negotiationIndex {
	nm := &negotiationIndex{parties: map[int64]*parley.Party{}, actors: map[int64]*parley.Actor{}, versions: map[int64]*parley.Version{},
		sources: map[int64]*parley.Source{}, points: map[int64]PointRef{}}
	for _, p := range n.Parties {
		nm.parties[p.ID] = p
	}
	for _, a := range n.Actors {
		nm.actors[a.ID] = a
	}
	for _, v := range n.Versions {
		nm.versions[v.ID] = v
		for _, p := range v.Points {
			if p.ID != 0 {
				nm.points[p.ID] = PointRef{VersionID: v.ID, Path: p.Path, Label: p.Label}
			}
		}
	}
	for _, s := range n.Sources {
		nm.sources[s.ID] = s
	}
	return nm
}

// understandingsOf returns the understandings of one event.
func (n *Negotiation) understandingsOf(eventID int64) []*parley.Understanding {
	var out []*parley.Understanding
	for _, u := range n.Understandings {
		if u.EventID == eventID {
			out = append(out, u)
		}
	}
	return out
}

// events returns the events oldest first (an unknown date first, ties by id).
func (n *Negotiation) events() []*parley.Event {
	events := slices.Clone(n.Events)
	slices.SortStableFunc(events, func(a, b *parley.Event) int {
		switch {
		case a.Date.Before(b.Date):
			return -1
		case b.Date.Before(a.Date):
			return 1
		}
		return int(a.ID - b.ID)
	})
	return events
}

// NegotiationJSON is the JSON export of a negotiation: the shared record
// with references by id between its lists.
type NegotiationJSON struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Visibility says what the export holds: only what is published.
	Visibility string             `json:"visibility"`
	Parties    []*parley.Party    `json:"parties"`
	Actors     []*parley.Actor    `json:"actors"`
	Documents  []*parley.Document `json:"documents"`
	Versions   []VersionMetaJSON  `json:"versions"`
	Events     []EventJSON        `json:"events"`
	Sources    []SourceJSON       `json:"sources"`
	Issues     []*parley.Issue    `json:"issues"`
	Positions  []PositionJSON     `json:"positions"`
	Stances    []StanceJSON       `json:"stances"`
}

// VersionMetaJSON is a version without its text and points.
type VersionMetaJSON struct {
	ID         int64   `json:"id"`
	DocumentID int64   `json:"document_id"`
	Label      string  `json:"label"`
	Date       string  `json:"date"`
	Precision  string  `json:"date_precision"`
	Status     string  `json:"status"`
	PartyID    int64   `json:"party_id,omitempty"`
	ActorIDs   []int64 `json:"actor_ids"`
	Venue      string  `json:"venue,omitempty"`
	ParentIDs  []int64 `json:"parent_ids"`
	SourceIDs  []int64 `json:"source_ids"`
	Note       string  `json:"note,omitempty"`
	TextHash   string  `json:"text_hash"`
	PointCount int     `json:"point_count"`
}

// EventJSON is an event with the published understandings of it.
type EventJSON struct {
	ID             int64               `json:"id"`
	Kind           string              `json:"kind"`
	Title          string              `json:"title"`
	Date           string              `json:"date"`
	Precision      string              `json:"date_precision"`
	Place          string              `json:"place,omitempty"`
	Description    string              `json:"description,omitempty"`
	PartyIDs       []int64             `json:"party_ids"`
	ActorIDs       []int64             `json:"actor_ids"`
	VersionIDs     []int64             `json:"version_ids"`
	SourceIDs      []int64             `json:"source_ids"`
	Understandings []UnderstandingJSON `json:"understandings"`
}

// UnderstandingJSON is what one party records as agreed at an event.
type UnderstandingJSON struct {
	PartyID  int64       `json:"party_id"`
	Date     string      `json:"date,omitempty"`
	SourceID int64       `json:"source_id,omitempty"`
	Claims   []ClaimJSON `json:"claims"`
}

// ClaimJSON is one claim of an understanding.
type ClaimJSON struct {
	Topic   string    `json:"topic"`
	Text    string    `json:"text"`
	Agreed  bool      `json:"agreed"`
	Point   *PointRef `json:"point,omitempty"`
	IssueID int64     `json:"issue_id,omitempty"`
}

// PointRef names a point of a version by its path.
type PointRef struct {
	VersionID int64    `json:"version_id"`
	Path      []string `json:"path"`
	Label     string   `json:"label"`
}

// StanceJSON is a party's published view of a point.
type StanceJSON struct {
	Point    PointRef `json:"point"`
	PartyID  int64    `json:"party_id"`
	Value    string   `json:"value"`
	Date     string   `json:"date,omitempty"`
	SourceID int64    `json:"source_id,omitempty"`
	Note     string   `json:"note,omitempty"`
	// CarriedKind is set on a stance carried from a parent version's
	// point and not yet confirmed: the kind of link that carried it.
	CarriedKind string `json:"carried_kind,omitempty"`
}

// PositionJSON is a party's position on an issue; Reservation is there only
// when the party published it.
type PositionJSON struct {
	IssueID     int64    `json:"issue_id"`
	PartyID     int64    `json:"party_id"`
	Date        string   `json:"date,omitempty"`
	Ideal       float64  `json:"ideal"`
	Reservation *float64 `json:"reservation,omitempty"`
	Salience    float64  `json:"salience"`
	Capability  float64  `json:"capability"`
	SourceID    int64    `json:"source_id,omitempty"`
}

// NegotiationJSONOf builds the JSON export of the shared part of n.
func NegotiationJSONOf(n *Negotiation) *NegotiationJSON {
	n = n.Shared()
	nm := n.index()
	out := &NegotiationJSON{
		ID: n.Negotiation.ID, Title: n.Negotiation.Title, Description: n.Negotiation.Description,
		Visibility: parley.VisibilityPublished,
		Parties:    orEmpty(n.Parties), Actors: orEmpty(n.Actors), Documents: orEmpty(n.Documents), Issues: orEmpty(n.Issues),
		Versions: []VersionMetaJSON{}, Events: []EventJSON{}, Sources: []SourceJSON{},
		Positions: []PositionJSON{}, Stances: []StanceJSON{},
	}
	for _, v := range n.Versions {
		count := v.PointCount
		if len(v.Points) > 0 {
			count = len(v.Points)
		}
		out.Versions = append(out.Versions, VersionMetaJSON{ID: v.ID, DocumentID: v.DocumentID, Label: v.Label,
			Date: v.Date.String(), Precision: v.Date.Precision(), Status: v.Status, PartyID: v.PartyID,
			ActorIDs: orEmpty(v.ActorIDs), Venue: v.Venue, ParentIDs: orEmpty(v.ParentIDs), SourceIDs: orEmpty(v.SourceIDs),
			Note: v.Note, TextHash: v.TextHash, PointCount: count})
	}
	for _, e := range n.events() {
		ej := EventJSON{ID: e.ID, Kind: e.Kind, Title: e.Title, Date: e.Date.String(), Precision: e.Date.Precision(),
			Place: e.Place, Description: e.Description, PartyIDs: orEmpty(e.PartyIDs), ActorIDs: orEmpty(e.ActorIDs),
			VersionIDs: orEmpty(e.VersionIDs), SourceIDs: orEmpty(e.SourceIDs), Understandings: []UnderstandingJSON{}}
		for _, u := range n.understandingsOf(e.ID) {
			uj := UnderstandingJSON{PartyID: u.PartyID, Date: u.Date.String(), SourceID: u.SourceID, Claims: []ClaimJSON{}}
			for _, c := range u.Claims {
				cj := ClaimJSON{Topic: c.Topic, Text: c.Text, Agreed: c.Agreed, IssueID: c.IssueID}
				if ref, ok := nm.points[c.PointID]; ok && c.PointID != 0 {
					cj.Point = &ref
				}
				uj.Claims = append(uj.Claims, cj)
			}
			ej.Understandings = append(ej.Understandings, uj)
		}
		out.Events = append(out.Events, ej)
	}
	for _, s := range n.Sources {
		out.Sources = append(out.Sources, sourceJSON(s))
	}
	for _, p := range n.Positions {
		out.Positions = append(out.Positions, PositionJSON{IssueID: p.IssueID, PartyID: p.PartyID, Date: p.Date.String(),
			Ideal: p.Ideal, Reservation: p.Reservation, Salience: p.Salience, Capability: p.Capability, SourceID: p.SourceID})
	}
	for _, s := range n.Stances {
		out.Stances = append(out.Stances, StanceJSON{Point: nm.points[s.PointID], PartyID: s.PartyID, Value: s.Value,
			Date: s.Date.String(), SourceID: s.SourceID, Note: s.Note, CarriedKind: s.CarriedKind})
	}
	return out
}

// WriteNegotiationJSON writes the JSON export of the shared part of n,
// indented.
func WriteNegotiationJSON(w io.Writer, n *Negotiation) error {
	return writeIndentedJSON(w, NegotiationJSONOf(n))
}

// orEmpty turns a nil slice into an empty one, so that JSON says [] rather
// than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
