package web

import "parley"

// canSee decides, in one place, whether a member may see a piece of data
// that belongs to a party and carries a visibility. A delegate sees its own
// party's data; a mediator sees what parties share with mediators; everyone
// sees what is published; nobody sees another party's confidential data.
// An owner administers the workspace and sees what observers see.
func canSee(m *parley.Member, ownerParty int64, visibility string) bool {
	switch {
	case visibility == parley.VisibilityPublished:
		return true
	case m.Role == parley.RoleDelegate && m.PartyID == ownerParty:
		return true
	case m.Role == parley.RoleMediator && visibility == parley.VisibilityMediator:
		return true
	}
	return false
}

// ReservationVisible reports whether m may see the position's reservation
// value (its limit), by canSee: what bounds a forecast for m, on the pages,
// in the API and in "parley forecast --bound --as".
func ReservationVisible(m *parley.Member, p *parley.Position) bool {
	return canSee(m, p.PartyID, p.ReservationVisibility)
}
