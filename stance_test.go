package parley_test

import (
	"testing"

	"parley"
)

func TestParseStanceValue(t *testing.T) {
	for in, want := range map[string]string{
		"accept": parley.StanceAccept, "accept-with-changes": parley.StanceAcceptWithChanges, "Accept with changes": parley.StanceAcceptWithChanges,
		"accept_with_changes": parley.StanceAcceptWithChanges, "red-line": parley.StanceRedLine, " RED LINE ": parley.StanceRedLine, "undecided": parley.StanceUndecided,
	} {
		if got, err := parley.ParseStanceValue(in); err != nil || got != want {
			t.Errorf("ParseStanceValue(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "maybe", "accept with", "red--line-x"} {
		if _, err := parley.ParseStanceValue(bad); parley.ErrorCode(err) != parley.EINVALID {
			t.Errorf("ParseStanceValue(%q) = %v, want EINVALID", bad, err)
		}
	}
}

func TestPointAgreement(t *testing.T) {
	st := func(party int64, value string, carried bool) *parley.Stance {
		s := &parley.Stance{PartyID: party, Value: value}
		if carried {
			s.CarriedFrom, s.CarriedKind = 99, parley.LinkUnchanged
		}
		return s
	}
	withSay := []int64{1, 2}
	for _, tt := range []struct {
		name    string
		stances []*parley.Stance
		say     []int64
		want    string
	}{
		{"none", nil, withSay, parley.PointOpen},
		{"all accept", []*parley.Stance{st(1, parley.StanceAccept, false), st(2, parley.StanceAccept, false)}, withSay, parley.PointAgreed},
		{"accept with changes is open", []*parley.Stance{st(1, parley.StanceAccept, false), st(2, parley.StanceAcceptWithChanges, false)}, withSay, parley.PointOpen},
		{"one silent", []*parley.Stance{st(1, parley.StanceAccept, false)}, withSay, parley.PointOpen},
		{"a party without a say does not stand in for one", []*parley.Stance{st(1, parley.StanceAccept, false), st(3, parley.StanceAccept, false)}, withSay, parley.PointOpen},
		{"carried accept is to confirm", []*parley.Stance{st(1, parley.StanceAccept, false), st(2, parley.StanceAccept, true)}, withSay, parley.PointOpen},
		{"red line blocks", []*parley.Stance{st(1, parley.StanceAccept, false), st(2, parley.StanceRedLine, false)}, withSay, parley.PointBlocked},
		{"carried red line still blocks", []*parley.Stance{st(1, parley.StanceAccept, false), st(2, parley.StanceRedLine, true)}, withSay, parley.PointBlocked},
		{"nobody has a say", []*parley.Stance{st(1, parley.StanceAccept, false)}, nil, parley.PointOpen},
	} {
		if got := parley.PointAgreement(tt.stances, tt.say); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestCarryStances(t *testing.T) {
	day := parley.MustParseDate("2025-11-20")
	old := []*parley.Stance{
		{ID: 1, NegotiationID: 7, PointID: 10, PartyID: 1, Value: parley.StanceAccept, Date: day, Visibility: parley.VisibilityPublished, Note: "fine"},
		{ID: 2, NegotiationID: 7, PointID: 11, PartyID: 1, Value: parley.StanceReject, Date: day, Visibility: parley.VisibilityParty},
		{ID: 3, NegotiationID: 7, PointID: 12, PartyID: 1, Value: parley.StanceAccept, Date: day, Visibility: parley.VisibilityPublished},
		{ID: 4, NegotiationID: 7, PointID: 13, PartyID: 2, Value: parley.StanceRedLine, Date: day, Visibility: parley.VisibilityPublished},
		{ID: 5, NegotiationID: 7, PointID: 14, PartyID: 2, Value: parley.StanceUndecided, Date: day, Visibility: parley.VisibilityPublished},
	}
	links := []parley.AlignmentLink{
		{OldPointIDs: []int64{10}, NewPointIDs: []int64{20}, Kind: parley.LinkUnchanged},
		{OldPointIDs: []int64{11, 12}, NewPointIDs: []int64{21}, Kind: parley.LinkMerged}, // reject and accept meet: reject is carried
		{OldPointIDs: []int64{13}, NewPointIDs: []int64{22, 23}, Kind: parley.LinkSplit},
		{OldPointIDs: []int64{14}, Kind: parley.LinkDeleted},
		{NewPointIDs: []int64{24}, Kind: parley.LinkAdded},
	}
	got := parley.CarryStances(links, old)
	want := []struct {
		point, party, from int64
		value, kind        string
	}{
		{20, 1, 1, parley.StanceAccept, parley.LinkUnchanged},
		{21, 1, 2, parley.StanceReject, parley.LinkMerged},
		{22, 2, 4, parley.StanceRedLine, parley.LinkSplit},
		{23, 2, 4, parley.StanceRedLine, parley.LinkSplit},
	}
	if len(got) != len(want) {
		t.Fatalf("carried %d stances (%+v), want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.PointID != w.point || g.PartyID != w.party || g.CarriedFrom != w.from || g.Value != w.value || g.CarriedKind != w.kind ||
			!g.ToConfirm() || g.NegotiationID != 7 || g.Date != day || g.ID != 0 {
			t.Errorf("carried[%d] = %+v, want point %d party %d from %d: %s over %s", i, g, w.point, w.party, w.from, w.value, w.kind)
		}
		if err := g.Validate(); err != nil {
			t.Errorf("carried[%d] does not validate: %v", i, err)
		}
	}
	if got[0].Note != "fine" || got[1].Visibility != parley.VisibilityParty {
		t.Errorf("a carried stance keeps its note and visibility: %+v, %+v", got[0], got[1])
	}
}

func TestMayRecordStance(t *testing.T) {
	for _, tt := range []struct {
		m     *parley.Member
		party int64
		ok    bool
	}{
		{&parley.Member{Role: parley.RoleDelegate, PartyID: 1}, 1, true},
		{&parley.Member{Role: parley.RoleDelegate, PartyID: 1}, 2, false},
		{&parley.Member{Role: parley.RoleMediator}, 2, true},
		{&parley.Member{Role: parley.RoleOwner}, 2, true},
		{&parley.Member{Role: parley.RoleObserver}, 2, false},
		{nil, 2, false},
	} {
		err := parley.MayRecordStance(tt.m, tt.party)
		if (err == nil) != tt.ok || (err != nil && parley.ErrorCode(err) != parley.EFORBIDDEN) {
			t.Errorf("MayRecordStance(%+v, %d) = %v, want ok %v", tt.m, tt.party, err, tt.ok)
		}
	}
}
