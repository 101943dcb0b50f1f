package parley

import (
	"context"
	"strings"
	"time"
)

// Stance values, from most to least favourable.
const (
	StanceAccept            = "accept"
	StanceAcceptWithChanges = "accept_with_changes"
	StanceUndecided         = "undecided"
	StanceReject            = "reject"
	StanceRedLine           = "red_line"
)

// StanceValues lists the stance values from most to least favourable.
var StanceValues = []string{StanceAccept, StanceAcceptWithChanges, StanceUndecided, StanceReject, StanceRedLine}

// ParseStanceValue reads a stance value as people type it: "accept",
// "accept-with-changes", "accept with changes", "Red line" or the stored
// form "red_line".
func ParseStanceValue(s string) (string, error) {
	v := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_"))
	for _, known := range StanceValues {
		if v == known {
			return known, nil
		}
	}
	return "", Errorf(EINVALID, "stance %q is not one of accept, accept-with-changes, undecided, reject, red-line", s)
}

// StanceLabel writes a stance value for people: "accept with changes".
func StanceLabel(value string) string { return strings.ReplaceAll(value, "_", " ") }

// Stance is a party's view of one point of one version, dated and sourced.
// A party holds at most one stance on a point; changing it writes a new
// revision, and every revision is kept (ListStanceHistory).
type Stance struct {
	ID            int64  `json:"id"`
	NegotiationID int64  `json:"negotiation_id"`
	PointID       int64  `json:"point_id"`
	PartyID       int64  `json:"party_id"`
	Value         string `json:"value"`
	Date          Date   `json:"date"`
	SourceID      int64  `json:"source_id,omitempty"`
	Note          string `json:"note,omitempty"`
	// Visibility is VisibilityParty for a draft stance the party keeps to
	// itself, VisibilityPublished once it is stated.
	Visibility string `json:"visibility"`
	// CarriedFrom is the stance on a point of a parent version that this
	// one was carried from when its version came in; 0 for a stance
	// recorded for the party. A carried stance is to be confirmed: it
	// makes no point agreed until the stance is recorded again.
	CarriedFrom int64 `json:"carried_from,omitempty"`
	// CarriedKind is the kind of link that carried it: unchanged, moved,
	// reworded, split, merged or unknown.
	CarriedKind string `json:"carried_kind,omitempty"`
	// RecordedAt is when this revision was written.
	RecordedAt time.Time `json:"recorded_at"`
	Revision   int64     `json:"revision"`
}

// ToConfirm reports whether the stance was carried from a parent version
// and not yet confirmed.
func (s *Stance) ToConfirm() bool { return s.CarriedFrom != 0 }

// Validate checks the fields a caller sets.
func (s *Stance) Validate() error {
	if s.PointID == 0 || s.PartyID == 0 {
		return Errorf(EINVALID, "stance: point and party are required")
	}
	if err := oneOf("stance value", s.Value, StanceValues...); err != nil {
		return err
	}
	if err := validVisibility("stance visibility", s.Visibility); err != nil {
		return err
	}
	if s.Date.IsZero() {
		return Errorf(EINVALID, "stance date: required (YYYY, YYYY-MM or YYYY-MM-DD)")
	}
	if s.CarriedFrom != 0 {
		if err := oneOf("stance carried_kind", s.CarriedKind, LinkUnchanged, LinkMoved, LinkReworded, LinkSplit, LinkMerged, LinkUnknown); err != nil {
			return err
		}
	} else if s.CarriedKind != "" {
		return Errorf(EINVALID, "stance carried_kind %q: only a carried stance has one", s.CarriedKind)
	}
	if len(s.Note) > 4000 {
		return Errorf(EINVALID, "stance note: %d bytes, over the limit of 4000", len(s.Note))
	}
	return s.Date.Validate()
}

// MayRecordStance says whether a member may record or change the stance
// of a party: a delegate for its own party only, mediators and owners for
// any party, observers for none. The error names what is wrong.
func MayRecordStance(m *Member, partyID int64) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only members of the negotiation may record stances")
	case m.Role == RoleMediator || m.Role == RoleOwner:
		return nil
	case m.Role == RoleDelegate && m.PartyID == partyID:
		return nil
	case m.Role == RoleDelegate:
		return Errorf(EFORBIDDEN, "party_id: a delegate records stances for its own party only")
	}
	return Errorf(EFORBIDDEN, "observers may not record stances")
}

// HasSay reports whether a party's acceptance is needed for a point to be
// agreed: states, blocs and groups, not the organisations and mediators
// around the table.
func HasSay(p *Party) bool {
	return p.Kind == PartyState || p.Kind == PartyBloc || p.Kind == PartyGroup
}

// Agreement states of a point.
const (
	PointAgreed  = "agreed"  // every party with a say accepts it, as recorded
	PointOpen    = "open"    // anything else
	PointBlocked = "blocked" // a party holds it as a red line
)

// PointAgreement says where a point stands from the current stances on
// it: blocked when a party holds it as a red line (carried or not);
// agreed when every party with a say (withSay, by id) has recorded
// "accept", not carried; open otherwise. "Accept with changes" is open:
// the changes are still to be made. With no party that has a say, a point
// is never agreed.
func PointAgreement(stances []*Stance, withSay []int64) string {
	accepted := map[int64]bool{}
	for _, st := range stances {
		if st.Value == StanceRedLine {
			return PointBlocked
		}
		if st.Value == StanceAccept && !st.ToConfirm() {
			accepted[st.PartyID] = true
		}
	}
	if len(withSay) == 0 {
		return PointOpen
	}
	for _, id := range withSay {
		if !accepted[id] {
			return PointOpen
		}
	}
	return PointAgreed
}

// CarryStances returns the stances to record on the points of a new
// version, carried from the current stances on its parent's points over
// the links of their alignment: each party's stance on an old point goes
// to every new point the link joins it to, marked as carried (to
// confirm) with the link's kind, dated as it was stated. Deleted and added
// points carry nothing. Where several stances of one party reach one new
// point (a merge), the least favourable is carried. The result is in the
// order of the links; NegotiationID comes from the old stances.
func CarryStances(links []AlignmentLink, old []*Stance) []*Stance {
	byPoint := map[int64][]*Stance{}
	for _, st := range old {
		byPoint[st.PointID] = append(byPoint[st.PointID], st)
	}
	type key struct{ point, party int64 }
	carried := map[key]*Stance{}
	var order []key
	for _, l := range links {
		if l.Kind == LinkDeleted || l.Kind == LinkAdded {
			continue
		}
		for _, op := range l.OldPointIDs {
			for _, st := range byPoint[op] {
				for _, np := range l.NewPointIDs {
					k := key{np, st.PartyID}
					c := &Stance{NegotiationID: st.NegotiationID, PointID: np, PartyID: st.PartyID, Value: st.Value, Date: st.Date,
						SourceID: st.SourceID, Note: st.Note, Visibility: st.Visibility, CarriedFrom: st.ID, CarriedKind: l.Kind}
					prev := carried[k]
					if prev == nil {
						order = append(order, k)
					}
					if prev == nil || favour(c.Value) > favour(prev.Value) {
						carried[k] = c
					}
				}
			}
		}
	}
	out := make([]*Stance, len(order))
	for i, k := range order {
		out[i] = carried[k]
	}
	return out
}

// favour ranks a stance value: 0 for accept, higher for less favourable.
func favour(value string) int {
	for i, v := range StanceValues {
		if v == value {
			return i
		}
	}
	return len(StanceValues)
}

// StanceFilter selects stances to list; zero fields match everything.
type StanceFilter struct {
	NegotiationID int64
	VersionID     int64
	PointID       int64
	PartyID       int64
	ID            int64
}

// StanceService stores stances and their history.
type StanceService interface {
	// CreateStance stores a party's first stance on a point; a party that
	// already holds one gets ECONFLICT (change it with UpdateStance).
	CreateStance(ctx context.Context, s *Stance) error
	// ListStances returns the current stances f selects, by version,
	// point and party.
	ListStances(ctx context.Context, f StanceFilter) ([]*Stance, error)
	// UpdateStance writes value, date, source, note, visibility and the
	// carried fields if s.Revision is still the stored revision, and
	// keeps the revision before in the history.
	UpdateStance(ctx context.Context, s *Stance) error
	// ListStanceHistory returns every revision of the stances f selects,
	// by version, point and party, oldest revision first. Each is a
	// Stance as it was written, with its revision and RecordedAt.
	ListStanceHistory(ctx context.Context, f StanceFilter) ([]*Stance, error)
}
