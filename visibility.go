package parley

// Visibility says who may see a piece of a party's data. It is decided by
// the party that owns the data.
const (
	// VisibilityParty: the owning party's delegates only (internal notes,
	// draft stances, reservation values by default).
	VisibilityParty = "party"
	// VisibilityMediator: the owning party and the mediators.
	VisibilityMediator = "mediator"
	// VisibilityPublished: every member, observers included.
	VisibilityPublished = "published"
)

func validVisibility(field, v string) error {
	return oneOf(field, v, VisibilityParty, VisibilityMediator, VisibilityPublished)
}

// CanSee decides, in one place, whether a member may see a piece of data
// that belongs to a party and carries a visibility. A delegate sees its own
// party's data; a mediator sees what parties share with mediators; everyone
// sees what is published; nobody sees another party's confidential data.
// An owner administers the workspace and sees what observers see. The web
// app's pages and API, the command line's --as, search and the forecasts
// all decide by it.
func CanSee(m *Member, ownerParty int64, visibility string) bool {
	switch {
	case m == nil:
		return false
	case visibility == VisibilityPublished:
		return true
	case m.Role == RoleDelegate && m.PartyID == ownerParty:
		return true
	case m.Role == RoleMediator && visibility == VisibilityMediator:
		return true
	}
	return false
}

// ReservationVisible reports whether m may see the position's reservation
// value (its limit), by CanSee: what bounds a forecast for m, on the pages,
// in the API and in "parley forecast --bound --as".
func ReservationVisible(m *Member, p *Position) bool {
	return CanSee(m, p.PartyID, p.ReservationVisibility)
}

// SearchVisibility is what a reader with the given memberships (by
// negotiation) may see of a search's hits: a hit of a negotiation it is a
// member of that CanSee allows.
func SearchVisibility(members map[int64]*Member) func(*SearchHit) bool {
	return func(h *SearchHit) bool {
		m := members[h.NegotiationID]
		return m != nil && CanSee(m, h.PartyID, h.Visibility)
	}
}
