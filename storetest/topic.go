package storetest

import (
	"context"
	"slices"
	"testing"

	"parley"
)

// testTopics checks people's decisions on the topics of points: kept with
// who and when, the newest winning, the earlier ones kept, filtered by
// negotiation, version and point, audited, and bad input refused whole.
func testTopics(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Topics")
	v1 := f.newVersion("First")
	must(t, s.CreateVersion(ctx, v1))
	v2 := f.newVersion("Second", v1.ID)
	must(t, s.CreateVersion(ctx, v2))
	var user parley.User
	user.Username, user.Name = "topics-mediator", "Topics Mediator"
	must(t, s.CreateUser(ctx, &user))

	first := &parley.TopicDecision{PointID: v1.Points[0].ID, Action: parley.TopicConfirm, Topics: []string{"security", "ceasefire", "security"}, UserID: user.ID}
	must(t, s.CreateTopicDecision(ctx, first))
	if first.ID == 0 || first.CreatedAt.IsZero() || first.VersionID != v1.ID || !slices.Equal(first.Topics, []string{"ceasefire", "security"}) {
		t.Fatalf("created decision = %+v, want an id, a time, its version and sorted topics each once", first)
	}
	ctxActor := parley.WithActor(ctx, user.ID)
	second := &parley.TopicDecision{PointID: v1.Points[0].ID, Action: parley.TopicCorrect, Topics: []string{"territory"}, Note: "about the line, not the fire", UserID: user.ID}
	must(t, s.CreateTopicDecision(ctxActor, second))
	must(t, s.CreateTopicDecision(ctx, &parley.TopicDecision{PointID: v2.Points[4].ID, Action: parley.TopicCorrect}))

	all, err := s.ListTopicDecisions(ctx, parley.TopicFilter{NegotiationID: f.n.ID})
	must(t, err)
	if len(all) != 3 || all[0].ID != first.ID || all[1].Note != "about the line, not the fire" || all[1].UserID != user.ID {
		t.Fatalf("decisions of the negotiation = %+v, want all three oldest first", all)
	}
	cur := parley.CurrentTopics(all)
	if got := cur[v1.Points[0].ID]; got == nil || !slices.Equal(got.Topics, []string{"territory"}) {
		t.Errorf("current topics of point 1 = %+v, want the correction", got)
	}
	if got := cur[v2.Points[4].ID]; got == nil || got.Topics == nil || len(got.Topics) != 0 {
		t.Errorf("a point corrected to no topic = %+v, want an empty list", got)
	}
	byVersion, err := s.ListTopicDecisions(ctx, parley.TopicFilter{VersionID: v2.ID})
	must(t, err)
	byPoint, err := s.ListTopicDecisions(ctx, parley.TopicFilter{PointID: v1.Points[0].ID})
	must(t, err)
	if len(byVersion) != 1 || byVersion[0].VersionID != v2.ID || len(byPoint) != 2 {
		t.Errorf("by version %d, by point %d decisions, want 1 and 2", len(byVersion), len(byPoint))
	}
	other := newFixture(t, s, "Other topics")
	mine, err := s.ListTopicDecisions(ctx, parley.TopicFilter{NegotiationID: other.n.ID})
	must(t, err)
	if len(mine) != 0 {
		t.Errorf("another negotiation sees %d decisions, want none", len(mine))
	}

	audit, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	var audited int
	for _, e := range audit {
		if e.Object == "topics" {
			audited++
			if e.ObjectID == second.ID && (e.UserID != user.ID || e.Before == "" || e.After == "") {
				t.Errorf("audit of the correction = %+v, want who, the decision before and after", e)
			}
		}
	}
	if audited != 3 {
		t.Errorf("%d audit entries for topics, want 3", audited)
	}

	wantCode(t, s.CreateTopicDecision(ctx, &parley.TopicDecision{PointID: v1.Points[1].ID, Action: "guess", Topics: []string{"ceasefire"}}), parley.EINVALID)
	wantCode(t, s.CreateTopicDecision(ctx, &parley.TopicDecision{PointID: v1.Points[1].ID, Action: parley.TopicCorrect, Topics: []string{"Cease Fire"}}), parley.EINVALID)
	wantCode(t, s.CreateTopicDecision(ctx, &parley.TopicDecision{PointID: v2.Points[4].ID + 1000, Action: parley.TopicCorrect}), parley.ENOTFOUND)
	after, err := s.ListTopicDecisions(ctx, parley.TopicFilter{NegotiationID: f.n.ID})
	must(t, err)
	if len(after) != 3 {
		t.Errorf("%d decisions after bad input, want 3", len(after))
	}
}
