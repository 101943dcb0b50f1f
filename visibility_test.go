package parley_test

import (
	"testing"

	"parley"
)

// TestCanSee: who sees a party's data, by visibility and role.
func TestCanSee(t *testing.T) {
	const ua, ru = 3, 2
	delegate := &parley.Member{Role: parley.RoleDelegate, PartyID: ua}
	other := &parley.Member{Role: parley.RoleDelegate, PartyID: ru}
	mediator := &parley.Member{Role: parley.RoleMediator}
	owner := &parley.Member{Role: parley.RoleOwner}
	observer := &parley.Member{Role: parley.RoleObserver}
	for _, tt := range []struct {
		m          *parley.Member
		visibility string
		want       bool
	}{
		{delegate, parley.VisibilityParty, true}, {other, parley.VisibilityParty, false}, {mediator, parley.VisibilityParty, false},
		{owner, parley.VisibilityParty, false}, {observer, parley.VisibilityParty, false},
		{delegate, parley.VisibilityMediator, true}, {other, parley.VisibilityMediator, false}, {mediator, parley.VisibilityMediator, true},
		{owner, parley.VisibilityMediator, false}, {observer, parley.VisibilityMediator, false},
		{other, parley.VisibilityPublished, true}, {observer, parley.VisibilityPublished, true}, {nil, parley.VisibilityPublished, false},
	} {
		if got := parley.CanSee(tt.m, ua, tt.visibility); got != tt.want {
			t.Errorf("CanSee(%+v, Ukraine's, %s) = %v, want %v", tt.m, tt.visibility, got, tt.want)
		}
	}
}
