package export

import (
	"cmp"
	"slices"
	"strconv"

	"parley"
	"parley/understand"
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
	Counts  map[string]int `json:"counts"` // subjects by outcome
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

// TopicJSON is one compared subject: the outcome, a sentence saying it,
// each side's claims, the differences that make a contradiction, and the
// claimed figures on the scale of the issue it is tied to.
type TopicJSON struct {
	Topic        string           `json:"topic"`
	Key          string           `json:"key"`
	IssueID      int64            `json:"issue_id,omitempty"`
	Outcome      string           `json:"outcome"` // agreed, not-agreed, contradiction, disputed, one-sided
	PointsDiffer bool             `json:"points_differ,omitempty"`
	Summary      string           `json:"summary"`
	Differences  []DifferenceJSON `json:"differences"`
	Agreed       []TopicClaimJSON `json:"agreed"`
	NotAgreed    []TopicClaimJSON `json:"not_agreed"`
	Silent       []PartyRef       `json:"silent"`
	Scale        *ScaleJSON       `json:"scale,omitempty"`
}

// DifferenceJSON is one way the claims differ, each party's side of it
// in party order: {"what": "figures", "says": [{"party": "RU", "says":
// "100,000"}, {"party": "UA", "says": "800,000"}]}.
type DifferenceJSON struct {
	What string       `json:"what"`
	Says []SayingJSON `json:"says"`
}

// SayingJSON is one party's side of a difference.
type SayingJSON struct {
	PartyID int64  `json:"party_id"`
	Party   string `json:"party"` // its code
	Says    string `json:"says"`
}

// ScaleJSON is a numeric issue's scale with each party's claimed figure.
type ScaleJSON struct {
	IssueID int64      `json:"issue_id"`
	Issue   string     `json:"issue"`
	Unit    string     `json:"unit,omitempty"`
	Min     float64    `json:"min"`
	Max     float64    `json:"max"`
	Marks   []MarkJSON `json:"marks"`
}

// MarkJSON is one party's claimed figure on a scale.
type MarkJSON struct {
	understand.Mark
	Party string `json:"party"` // its code
}

// TopicClaimJSON is one party's claim on a subject, with what the
// comparison read in it.
type TopicClaimJSON struct {
	PartyID         int64              `json:"party_id"`
	Party           string             `json:"party"` // its code
	UnderstandingID int64              `json:"understanding_id"`
	Date            string             `json:"date,omitempty"`
	Topic           string             `json:"topic"`
	Text            string             `json:"text"`
	Agreed          bool               `json:"agreed"`
	PointID         int64              `json:"point_id,omitempty"`
	IssueID         int64              `json:"issue_id,omitempty"`
	Content         understand.Content `json:"content"`
}

// CompareEvent compares the given understandings of an event with
// understand.Compare, knowing the negotiation's parties (from the index),
// issues and synonyms, and names the parties.
func (x *EventIndex) CompareEvent(e *parley.Event, understandings []*parley.Understanding, issues []*parley.Issue, synonyms []parley.SynonymGroup) *ComparisonOfEventJSON {
	cx := understand.Context{Issues: issues, Synonyms: synonyms}
	for _, p := range x.parties {
		cx.Parties = append(cx.Parties, p)
	}
	slices.SortFunc(cx.Parties, func(a, b *parley.Party) int { return cmp.Compare(a.ID, b.ID) })
	topics := understand.Compare(understandings, cx)
	out := &ComparisonOfEventJSON{
		Event:   EventRefJSON{ID: e.ID, Kind: e.Kind, Title: e.Title, Date: e.Date.String(), Place: e.Place},
		Parties: []PartyRef{}, Counts: understand.CountOutcomes(topics), Topics: []TopicJSON{},
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
	claims := func(cs []understand.Claim) []TopicClaimJSON {
		out := []TopicClaimJSON{}
		for _, c := range cs {
			out = append(out, TopicClaimJSON{PartyID: c.PartyID, Party: x.PartyCode(c.PartyID), UnderstandingID: c.UnderstandingID,
				Date: c.Date.String(), Topic: c.Topic, Text: c.Text, Agreed: c.Agreed, PointID: c.PointID, IssueID: c.IssueID, Content: c.Content})
		}
		return out
	}
	for _, t := range topics {
		tj := TopicJSON{Topic: t.Topic, Key: t.Key, IssueID: t.IssueID, Outcome: t.Outcome, PointsDiffer: t.PointsDiffer,
			Summary: t.Describe(x.PartyCode), Differences: []DifferenceJSON{}, Agreed: claims(t.Agreed), NotAgreed: claims(t.NotAgreed), Silent: []PartyRef{}}
		for _, d := range t.Differences {
			dj := DifferenceJSON{What: d.What, Says: []SayingJSON{}}
			for _, s := range d.Says {
				dj.Says = append(dj.Says, SayingJSON{PartyID: s.PartyID, Party: x.PartyCode(s.PartyID), Says: s.Says})
			}
			tj.Differences = append(tj.Differences, dj)
		}
		for _, id := range t.Silent {
			tj.Silent = append(tj.Silent, x.Party(id))
		}
		if sc := t.Scale; sc != nil {
			tj.Scale = &ScaleJSON{IssueID: sc.IssueID, Issue: sc.Issue, Unit: sc.Unit, Min: sc.Min, Max: sc.Max, Marks: []MarkJSON{}}
			for _, m := range sc.Marks {
				tj.Scale.Marks = append(tj.Scale.Marks, MarkJSON{Mark: m, Party: x.PartyCode(m.PartyID)})
			}
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
