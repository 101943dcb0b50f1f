package export

import (
	"slices"
	"strconv"

	"parley"
)

// EventIndex names what events and understandings refer to by id: the
// parties, actors, versions and sources of one negotiation.
type EventIndex struct {
	parties  map[int64]*parley.Party
	actors   map[int64]*parley.Actor
	versions map[int64]*parley.Version
	sources  map[int64]*parley.Source
}

// NewEventIndex indexes the record of one negotiation.
func NewEventIndex(parties []*parley.Party, actors []*parley.Actor, versions []*parley.Version, sources []*parley.Source) *EventIndex {
	x := &EventIndex{parties: map[int64]*parley.Party{}, actors: map[int64]*parley.Actor{}, versions: map[int64]*parley.Version{}, sources: map[int64]*parley.Source{}}
	for _, p := range parties {
		x.parties[p.ID] = p
	}
	for _, a := range actors {
		x.actors[a.ID] = a
	}
	for _, v := range versions {
		x.versions[v.ID] = v
	}
	for _, s := range sources {
		x.sources[s.ID] = s
	}
	return x
}

// PartyCode returns the code of a party, or "party N" when it is unknown.
func (x *EventIndex) PartyCode(id int64) string {
	if p := x.parties[id]; p != nil {
		return p.Code
	}
	return "party " + strconv.FormatInt(id, 10)
}

// Party returns a reference to a party.
func (x *EventIndex) Party(id int64) PartyRef {
	if p := x.parties[id]; p != nil {
		return PartyRef{ID: p.ID, Code: p.Code, Name: p.Name}
	}
	return PartyRef{ID: id, Code: x.PartyCode(id), Name: x.PartyCode(id)}
}

// PartyRef names a party.
type PartyRef struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// ActorRef names an actor, its role and its party.
type ActorRef struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Role    string `json:"role,omitempty"`
	PartyID int64  `json:"party_id"`
	Party   string `json:"party"` // its code
}

// LinkedVersion is a version an event tabled, delivered or leaked.
type LinkedVersion struct {
	ID     int64  `json:"id"`
	Label  string `json:"label"`
	Status string `json:"status"`
	Date   string `json:"date,omitempty"`
}

// EventRecordJSON is an event with what it refers to, named: the shape of
// GET /api/v1/negotiations/{id}/events and "parley events --format json".
// The id lists are kept beside the names for scripts that join on them.
type EventRecordJSON struct {
	ID            int64  `json:"id"`
	NegotiationID int64  `json:"negotiation_id"`
	Kind          string `json:"kind"`
	// Contact says the event brought its participants together (a meeting,
	// call, summit or talks): it counts in the contact network.
	Contact     bool            `json:"contact"`
	Title       string          `json:"title"`
	Date        string          `json:"date"`
	Precision   string          `json:"date_precision"`
	Place       string          `json:"place,omitempty"`
	Description string          `json:"description,omitempty"`
	PartyIDs    []int64         `json:"party_ids"`
	ActorIDs    []int64         `json:"actor_ids"`
	VersionIDs  []int64         `json:"version_ids"`
	SourceIDs   []int64         `json:"source_ids"`
	Parties     []PartyRef      `json:"parties"`
	Actors      []ActorRef      `json:"actors"`
	Versions    []LinkedVersion `json:"versions"`
	Sources     []SourceJSON    `json:"sources"`
	// Understandings counts the understandings of the event the reader
	// may see.
	Understandings int `json:"understandings"`
}

// EventRecord builds the record of one event; understandings is the number
// of its understandings the reader may see.
func (x *EventIndex) EventRecord(e *parley.Event, understandings int) EventRecordJSON {
	out := EventRecordJSON{ID: e.ID, NegotiationID: e.NegotiationID, Kind: e.Kind, Contact: e.IsContact(), Title: e.Title,
		Date: e.Date.String(), Precision: e.Date.Precision(), Place: e.Place, Description: e.Description,
		PartyIDs: orEmpty(e.PartyIDs), ActorIDs: orEmpty(e.ActorIDs), VersionIDs: orEmpty(e.VersionIDs), SourceIDs: orEmpty(e.SourceIDs),
		Parties: []PartyRef{}, Actors: []ActorRef{}, Versions: []LinkedVersion{}, Sources: []SourceJSON{}, Understandings: understandings}
	for _, id := range e.PartyIDs {
		out.Parties = append(out.Parties, x.Party(id))
	}
	for _, id := range e.ActorIDs {
		if a := x.actors[id]; a != nil {
			out.Actors = append(out.Actors, ActorRef{ID: a.ID, Name: a.Name, Role: a.Role, PartyID: a.PartyID, Party: x.PartyCode(a.PartyID)})
		}
	}
	for _, id := range e.VersionIDs {
		if v := x.versions[id]; v != nil {
			out.Versions = append(out.Versions, LinkedVersion{ID: v.ID, Label: v.Label, Status: v.Status, Date: v.Date.String()})
		}
	}
	for _, id := range e.SourceIDs {
		if s := x.sources[id]; s != nil {
			out.Sources = append(out.Sources, sourceJSON(s))
		}
	}
	return out
}

// ComparisonOfEventJSON compares the parties' understandings of one event:
// the shape of GET .../events/{event}/comparison and "parley
// understandings --format json". It holds only the understandings it was
// given: the caller passes those the reader may see.
type ComparisonOfEventJSON struct {
	Event EventRefJSON `json:"event"`
	// Parties are those whose understandings are compared.
	Parties []PartyRef     `json:"parties"`
	Counts  map[string]int `json:"counts"` // topics by outcome
	Topics  []TopicJSON    `json:"topics"`
}

// EventRefJSON names an event.
type EventRefJSON struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Place string `json:"place,omitempty"`
}

// TopicJSON is one compared topic: the outcome, a sentence saying it, and
// each side's claims.
type TopicJSON struct {
	Topic        string           `json:"topic"`
	Outcome      string           `json:"outcome"` // agreed, not-agreed, contradiction, one-sided
	Conflict     string           `json:"conflict,omitempty"`
	PointsDiffer bool             `json:"points_differ,omitempty"`
	Summary      string           `json:"summary"`
	Agreed       []TopicClaimJSON `json:"agreed"`
	NotAgreed    []TopicClaimJSON `json:"not_agreed"`
	Silent       []PartyRef       `json:"silent"`
}

// TopicClaimJSON is one party's claim on a topic.
type TopicClaimJSON struct {
	PartyID         int64  `json:"party_id"`
	Party           string `json:"party"` // its code
	UnderstandingID int64  `json:"understanding_id"`
	Date            string `json:"date,omitempty"`
	Text            string `json:"text"`
	Agreed          bool   `json:"agreed"`
	PointID         int64  `json:"point_id,omitempty"`
	IssueID         int64  `json:"issue_id,omitempty"`
}

// CompareEvent compares the given understandings of an event with
// parley.CompareUnderstandings and names the parties.
func (x *EventIndex) CompareEvent(e *parley.Event, understandings []*parley.Understanding) *ComparisonOfEventJSON {
	topics := parley.CompareUnderstandings(understandings)
	out := &ComparisonOfEventJSON{
		Event:   EventRefJSON{ID: e.ID, Kind: e.Kind, Title: e.Title, Date: e.Date.String(), Place: e.Place},
		Parties: []PartyRef{}, Counts: parley.CountOutcomes(topics), Topics: []TopicJSON{},
	}
	var ids []int64
	for _, u := range understandings {
		if u != nil && !slices.Contains(ids, u.PartyID) {
			ids = append(ids, u.PartyID)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		out.Parties = append(out.Parties, x.Party(id))
	}
	claims := func(cs []parley.PartyClaim) []TopicClaimJSON {
		out := []TopicClaimJSON{}
		for _, c := range cs {
			out = append(out, TopicClaimJSON{PartyID: c.PartyID, Party: x.PartyCode(c.PartyID), UnderstandingID: c.UnderstandingID,
				Date: c.Date.String(), Text: c.Text, Agreed: c.Agreed, PointID: c.PointID, IssueID: c.IssueID})
		}
		return out
	}
	for _, t := range topics {
		tj := TopicJSON{Topic: t.Topic, Outcome: t.Outcome, Conflict: t.Conflict, PointsDiffer: t.PointsDiffer,
			Summary: t.Describe(x.PartyCode), Agreed: claims(t.Agreed), NotAgreed: claims(t.NotAgreed), Silent: []PartyRef{}}
		for _, id := range t.Silent {
			tj.Silent = append(tj.Silent, x.Party(id))
		}
		out.Topics = append(out.Topics, tj)
	}
	return out
}

// ClaimOf returns the party's claim on the topic, or nil if it is silent.
func (t *TopicJSON) ClaimOf(partyID int64) *TopicClaimJSON {
	for _, side := range [][]TopicClaimJSON{t.Agreed, t.NotAgreed} {
		for i := range side {
			if side[i].PartyID == partyID {
				return &side[i]
			}
		}
	}
	return nil
}
