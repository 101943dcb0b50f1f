package parley

import (
	"context"
	"strings"
)

// Event kinds.
const (
	EventMeeting     = "meeting"
	EventCall        = "call"
	EventSummit      = "summit"
	EventTalks       = "talks"
	EventLeak        = "leak"
	EventPublication = "publication"
	EventStatement   = "statement"
	EventDelivery    = "delivery"
)

// EventKinds lists the event kinds.
var EventKinds = []string{EventMeeting, EventCall, EventSummit, EventTalks, EventLeak, EventPublication, EventStatement, EventDelivery}

// Event is a dated happening in a negotiation: a meeting, a call, a summit,
// a leak, a publication or a statement.
type Event struct {
	ID            int64   `json:"id"`
	NegotiationID int64   `json:"negotiation_id"`
	Kind          string  `json:"kind"`
	Title         string  `json:"title"`
	Date          Date    `json:"date"`
	Place         string  `json:"place,omitempty"`
	Description   string  `json:"description,omitempty"`
	ActorIDs      []int64 `json:"actor_ids"`   // people taking part
	PartyIDs      []int64 `json:"party_ids"`   // sides taking part
	VersionIDs    []int64 `json:"version_ids"` // texts tabled, delivered or leaked
	SourceIDs     []int64 `json:"source_ids"`
}

// Validate checks the fields a caller sets.
func (e *Event) Validate() error {
	if err := validName("event title", e.Title, 200); err != nil {
		return err
	}
	if err := oneOf("event kind", e.Kind, EventKinds...); err != nil {
		return err
	}
	if e.Date.IsZero() {
		return Errorf(EINVALID, "event %q: date is required", e.Title)
	}
	for _, l := range []struct {
		field string
		ids   []int64
	}{{"party_ids", e.PartyIDs}, {"actor_ids", e.ActorIDs}, {"version_ids", e.VersionIDs}, {"source_ids", e.SourceIDs}} {
		if err := uniqueIDs(l.field, l.ids); err != nil {
			return Errorf(EINVALID, "event %q: %s", e.Title, ErrorMessage(err))
		}
	}
	return e.Date.Validate()
}

// Claim is one thing a party believes was agreed (or refused) at an event.
// Claims of two parties on the same subject are compared by what they say
// (package understand): the subject is the issue or point the claim is
// tied to, or else its Topic, matched through NormalizeTopic and the
// negotiation's synonyms.
type Claim struct {
	Topic   string `json:"topic"` // a short key shared by the parties' claims: "leaders-meeting"
	Text    string `json:"text"`
	Agreed  bool   `json:"agreed"` // true: "this was agreed"; false: "this was not agreed"
	PointID int64  `json:"point_id,omitempty"`
	IssueID int64  `json:"issue_id,omitempty"`
}

// Understanding is what one party records as agreed at an event.
type Understanding struct {
	ID         int64   `json:"id"`
	EventID    int64   `json:"event_id"`
	PartyID    int64   `json:"party_id"`
	Date       Date    `json:"date"`
	SourceID   int64   `json:"source_id,omitempty"`
	Claims     []Claim `json:"claims"`
	Visibility string  `json:"visibility"`
}

// Validate checks the understanding and its claims.
func (u *Understanding) Validate() error {
	if u.EventID == 0 || u.PartyID == 0 {
		return Errorf(EINVALID, "understanding: event and party are required")
	}
	if len(u.Claims) == 0 {
		return Errorf(EINVALID, "understanding: at least one claim is required")
	}
	seen := map[string]int{}
	for i, c := range u.Claims {
		if err := validName("claim topic", c.Topic, 80); err != nil {
			return Errorf(EINVALID, "understanding claim %d: %s", i+1, ErrorMessage(err))
		}
		if c.Text == "" {
			return Errorf(EINVALID, "understanding claim %d (%s): text is required", i+1, c.Topic)
		}
		// A party says one thing per topic at an event; comparisons match
		// topics by NormalizeTopic.
		k := NormalizeTopic(c.Topic)
		if k == "" {
			return Errorf(EINVALID, "understanding claim %d: topic %q has no letters or digits", i+1, c.Topic)
		}
		if j, ok := seen[k]; ok {
			return Errorf(EINVALID, "understanding claim %d: topic %q repeats claim %d", i+1, c.Topic, j+1)
		}
		seen[k] = i
	}
	if err := validVisibility("understanding visibility", u.Visibility); err != nil {
		return err
	}
	return u.Date.Validate()
}

// TopicsFromIssues gives each claim tied to an issue but written without
// a topic the issue's name as its topic, so that a claim may be made on an
// issue alone. Issues not in the list are left for the store to refuse.
func (u *Understanding) TopicsFromIssues(issues []*Issue) {
	for k := range u.Claims {
		c := &u.Claims[k]
		if strings.TrimSpace(c.Topic) != "" || c.IssueID == 0 {
			continue
		}
		for _, i := range issues {
			if i.ID == c.IssueID {
				c.Topic = i.Name
			}
		}
	}
}

// IsContact reports whether the event brought its participants together
// (a meeting, a call, a summit or talks), as opposed to a leak, a
// publication, a statement or a delivery.
func (e *Event) IsContact() bool {
	switch e.Kind {
	case EventMeeting, EventCall, EventSummit, EventTalks:
		return true
	}
	return false
}

// EventService stores events and understandings.
type EventService interface {
	CreateEvent(ctx context.Context, e *Event) error
	ListEvents(ctx context.Context, negotiationID int64) ([]*Event, error)
	CreateUnderstanding(ctx context.Context, u *Understanding) error
	ListUnderstandings(ctx context.Context, eventID int64) ([]*Understanding, error)
}

// MayAddEvent says whether a member may put an event on its
// negotiation's timeline: owners and mediators, who keep the record of
// the meetings.
func MayAddEvent(m *Member) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only members of the negotiation may add events")
	case m.Role == RoleMediator || m.Role == RoleOwner:
		return nil
	}
	return Errorf(EFORBIDDEN, "only a mediator or an owner adds an event; you are %s of this negotiation", RoleName(m.Role))
}

// MayRecordUnderstanding says whether a member may record what the party
// partyID understood at an event: that party's delegates only, since an
// understanding is the party's own account.
func MayRecordUnderstanding(m *Member, partyID int64) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only a party's delegates record what it understood")
	case m.Role != RoleDelegate:
		return Errorf(EFORBIDDEN, "only a party's delegates record what it understood; you are %s of this negotiation", RoleName(m.Role))
	case m.PartyID != partyID:
		return Errorf(EFORBIDDEN, "party: a delegate records understandings for its own party only")
	}
	return nil
}
