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
