package storetest

import (
	"context"
	"sync"
	"testing"

	"parley"
)

// testSourceGrades: a source is regraded with the revision it read; every
// grade is kept with who gave it and when; a stale or bad regrading
// changes nothing; each regrading is audited.
func testSourceGrades(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Source grades")
	u := &parley.User{Username: "grader"}
	must(t, s.CreateUser(ctx, u))
	if f.src.Revision != 1 {
		t.Fatalf("a new source is at revision %d, want 1", f.src.Revision)
	}
	grades, err := s.ListSourceGrades(ctx, f.src.ID)
	must(t, err)
	if len(grades) != 1 || grades[0].Grade() != "B2" || grades[0].Revision != 1 {
		t.Fatalf("first grades = %+v", grades)
	}

	as := parley.WithActor(ctx, u.ID)
	re := &parley.Source{ID: f.src.ID, Reliability: "C", Credibility: 3, Revision: 1}
	must(t, s.RegradeSource(as, re, "the outlet retracted a story"))
	if re.Revision != 2 || re.Grade() != "C3" || re.Title != "Press report" || re.NegotiationID != f.n.ID {
		t.Fatalf("regraded source = %+v", re)
	}
	got, err := s.FindSourceByID(ctx, f.src.ID)
	must(t, err)
	if got.Grade() != "C3" || got.Revision != 2 || got.Title != "Press report" {
		t.Fatalf("stored source = %+v", got)
	}

	// Stale: the revision read is 1, the source is at 2.
	wantCode(t, s.RegradeSource(as, &parley.Source{ID: f.src.ID, Reliability: "A", Credibility: 1, Revision: 1}, ""), parley.ECONFLICT)
	wantCode(t, s.RegradeSource(as, &parley.Source{ID: f.src.ID, Reliability: "G", Credibility: 1, Revision: 2}, ""), parley.EINVALID)
	wantCode(t, s.RegradeSource(as, &parley.Source{ID: f.src.ID, Reliability: "A", Credibility: 0, Revision: 2}, ""), parley.EINVALID)
	wantCode(t, s.RegradeSource(as, &parley.Source{ID: 999999, Reliability: "A", Credibility: 1, Revision: 1}, ""), parley.ENOTFOUND)

	grades, err = s.ListSourceGrades(ctx, f.src.ID)
	must(t, err)
	if len(grades) != 2 || grades[0].Grade() != "B2" || grades[1].Grade() != "C3" {
		t.Fatalf("grades = %+v, want B2 then C3", grades)
	}
	if g := grades[1]; g.UserID != u.ID || g.GradedAt.IsZero() || g.Note != "the outlet retracted a story" || g.Revision != 2 {
		t.Fatalf("the regrading does not say who, when and why: %+v", g)
	}

	audit, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	last := audit[len(audit)-1]
	if last.Action != "regrade" || last.Object != "source" || last.ObjectID != f.src.ID || last.UserID != u.ID {
		t.Fatalf("last audit entry = %+v, want the regrading", last)
	}

	// Racing to regrade from one revision: exactly one wins.
	const writers = 6
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			errs[i] = s.RegradeSource(ctx, &parley.Source{ID: f.src.ID, Reliability: "D", Credibility: 1 + i%6, Revision: 2}, "")
		})
	}
	wg.Wait()
	oneWon(t, errs, "regrade", "%d regradings of one revision succeeded, want 1")
	grades, err = s.ListSourceGrades(ctx, f.src.ID)
	must(t, err)
	if len(grades) != 3 {
		t.Fatalf("%d grades after the race, want 3", len(grades))
	}
}

// testMembersKeepAnOwner: a member is added once; roles change; the last
// owner is neither demoted nor removed, even by two changes at once.
func testMembersKeepAnOwner(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Owners")
	var users []*parley.User
	for _, name := range []string{"first", "second", "third"} {
		u := &parley.User{Username: name}
		must(t, s.CreateUser(ctx, u))
		users = append(users, u)
	}
	first, second, third := users[0], users[1], users[2]
	must(t, s.AddMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: first.ID, Role: parley.RoleOwner}))
	wantCode(t, s.AddMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: first.ID, Role: parley.RoleObserver}), parley.ECONFLICT)
	wantCode(t, s.AddMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: second.ID, Role: parley.RoleDelegate}), parley.EINVALID)
	wantCode(t, s.AddMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: second.ID, Role: parley.RoleDelegate, PartyID: 999999}), parley.EINVALID)
	must(t, s.AddMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: second.ID, Role: parley.RoleDelegate, PartyID: f.us.ID}))

	wantCode(t, s.SetMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: first.ID, Role: parley.RoleMediator}), parley.ECONFLICT)
	wantCode(t, s.RemoveMember(ctx, f.n.ID, first.ID), parley.ECONFLICT)
	members, err := s.ListMembers(ctx, f.n.ID)
	must(t, err)
	if len(members) != 2 || members[0].Role != parley.RoleOwner {
		t.Fatalf("members = %+v, want the owner kept", members)
	}

	// Two owners, each demoted at once: one stays an owner.
	must(t, s.SetMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: third.ID, Role: parley.RoleOwner}))
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, u := range []*parley.User{first, third} {
		wg.Go(func() {
			errs[i] = s.SetMember(ctx, &parley.Member{NegotiationID: f.n.ID, UserID: u.ID, Role: parley.RoleObserver})
		})
	}
	wg.Wait()
	oneWon(t, errs, "demote", "%d of two owners demoted at once, want 1")
	members, err = s.ListMembers(ctx, f.n.ID)
	must(t, err)
	owners := 0
	for _, m := range members {
		if m.Role == parley.RoleOwner {
			owners++
		}
	}
	if owners != 1 {
		t.Fatalf("%d owners left, want 1", owners)
	}

	audit, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	actions := map[string]int{}
	for _, e := range audit {
		if e.Object == "member" {
			actions[e.Action]++
		}
	}
	if actions["add"] != 3 || actions["set"] != 1 {
		t.Fatalf("member audit entries = %v, want 3 adds (first, second, third) and 1 change", actions)
	}
}
