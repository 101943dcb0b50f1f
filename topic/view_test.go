package topic_test

import (
	"slices"
	"testing"

	"parley"
	"parley/topic"
)

func TestAssignAndChanges(t *testing.T) {
	plan := &parley.Version{ID: 1, DocumentID: 1, Label: "Plan", Points: []parley.Point{
		{ID: 10, Path: []string{"1"}, Text: "A ceasefire takes effect along the line of contact."},
		{ID: 11, Path: []string{"2"}, Text: "All prisoners of war are exchanged."},
	}}
	counter := &parley.Version{ID: 2, DocumentID: 1, Label: "Counter", ParentIDs: []int64{1}, Points: []parley.Point{
		{ID: 20, Path: []string{"1"}, Text: "A ceasefire takes effect along the line of contact."},
		{ID: 21, Path: []string{"2"}, Text: "Sanctions are lifted in stages."},
		{ID: 22, Path: []string{"3"}, Text: "Not known. The content of this point has not been published."},
	}}
	decided := map[int64]*parley.TopicDecision{20: {PointID: 20, Action: parley.TopicCorrect, Topics: []string{"ceasefire", "territory"}}}
	assigned := map[int64][]topic.Assigned{1: topic.Assign(plan.Points, nil), 2: topic.Assign(counter.Points, decided)}
	if a := assigned[2][0]; !a.Decided || !slices.Equal(a.Topics, []string{"ceasefire", "territory"}) || len(a.Suggestions) == 0 {
		t.Fatalf("a decided point = %+v, want the decision with the suggestions beside it", a)
	}
	changes := topic.Changes([]*parley.Version{plan, counter}, assigned)
	if c := changes[0]; !slices.Equal(c.Added, []string{"ceasefire", "justice"}) || len(c.Dropped) != 0 {
		t.Errorf("the first version = %+v, want all its topics added", c)
	}
	if c := changes[1]; !slices.Equal(c.Added, []string{"economy", "territory"}) || !slices.Equal(c.Dropped, []string{"justice"}) || !slices.Equal(c.Against, []int64{1}) || c.Unknown != 1 {
		t.Errorf("the counter = %+v, want economy and territory added, justice dropped, one point not known", c)
	}
}
