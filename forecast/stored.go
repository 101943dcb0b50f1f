package forecast

import (
	"strconv"

	"parley"
)

// FromPositions makes the forecast issue of a stored issue: each party's
// newest position (ideal point, salience, capability), and the issue's
// veto players (Rule RuleVeto when it has any: every model then keeps to
// the range of their ideal points). Reservation values play no part, so a
// forecast reveals none.
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
	veto := map[int64]bool{}
	for _, id := range is.VetoPartyIDs {
		veto[id] = true
	}
	if len(veto) > 0 {
		out.Rule = RuleVeto
	}
	for _, party := range order {
		p := newest[party]
		out.Actors = append(out.Actors, Actor{Name: partyName(party), Position: p.Ideal, Salience: p.Salience, Capability: p.Capability, Veto: veto[party]})
	}
	return out, Scale{Min: is.Min, Max: is.Max}
}

// VetoRanges are the ranges the issue's veto players accept, from each
// one's newest position: ideal to reservation. Only the positions that
// known accepts count (give it the caller's right to see a reservation
// value: a party sees its own, an operator may see all); a veto player
// whose reservation the caller may not see, or who gave none, bounds
// nothing. So a bounded forecast never reveals more than its reader may
// already see.
func VetoRanges(is *parley.Issue, positions []*parley.Position, known func(*parley.Position) bool) []Range {
	veto := map[int64]bool{}
	for _, id := range is.VetoPartyIDs {
		veto[id] = true
	}
	newest := map[int64]*parley.Position{}
	for _, p := range positions {
		if p.IssueID != is.ID || !veto[p.PartyID] {
			continue
		}
		if old, seen := newest[p.PartyID]; !seen || !p.Date.Before(old.Date) {
			newest[p.PartyID] = p
		}
	}
	var out []Range
	for _, id := range is.VetoPartyIDs {
		p := newest[id]
		if p == nil || p.Reservation == nil || !known(p) {
			continue
		}
		out = append(out, Range{Lo: min(p.Ideal, *p.Reservation), Hi: max(p.Ideal, *p.Reservation)})
	}
	return out
}
