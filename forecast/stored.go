package forecast

import (
	"strconv"

	"parley"
)

// FromPositions makes the forecast issue of a stored issue: each party's
// newest position (ideal point, salience, capability). Reservation values
// play no part, so a forecast reveals none.
func FromPositions(is *parley.Issue, positions []*parley.Position, partyName func(int64) string) (Issue, Scale) {
	newest := map[int64]*parley.Position{}
	var order []int64
	for _, p := range positions {
		if p.IssueID != is.ID {
			continue
		}
		old, seen := newest[p.PartyID]
		if !seen {
			order = append(order, p.PartyID)
		}
		if !seen || !p.Date.Before(old.Date) {
			newest[p.PartyID] = p
		}
	}
	out := Issue{ID: strconv.FormatInt(is.ID, 10)}
	for _, party := range order {
		p := newest[party]
		out.Actors = append(out.Actors, Actor{Name: partyName(party), Position: p.Ideal, Salience: p.Salience, Capability: p.Capability})
	}
	return out, Scale{Min: is.Min, Max: is.Max}
}
