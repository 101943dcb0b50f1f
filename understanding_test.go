package parley_test

import (
	"fmt"
	"strings"
	"testing"

	"parley"
)

const us, ru, ua = 1, 2, 3

func understanding(id, party int64, date string, claims ...parley.Claim) *parley.Understanding {
	return &parley.Understanding{ID: id, EventID: 9, PartyID: party, Date: parley.MustParseDate(date), Claims: claims, Visibility: parley.VisibilityPublished}
}

func agreed(topic string) parley.Claim {
	return parley.Claim{Topic: topic, Text: topic + " was agreed.", Agreed: true}
}

func refused(topic string) parley.Claim {
	return parley.Claim{Topic: topic, Text: topic + " was not agreed."}
}

// summary writes a comparison compactly: topic outcome[/conflict][*]
// agreed=parties not=parties silent=parties, where * marks differing points.
func summary(topics []parley.TopicComparison) string {
	var lines []string
	for _, t := range topics {
		s := t.Topic + " " + t.Outcome
		if t.Conflict != "" {
			s += "/" + t.Conflict
		}
		if t.PointsDiffer {
			s += "*"
		}
		ids := func(cs []parley.PartyClaim) []int64 {
			out := []int64{}
			for _, c := range cs {
				out = append(out, c.PartyID)
			}
			return out
		}
		s += fmt.Sprintf(" agreed=%v not=%v silent=%v", ids(t.Agreed), ids(t.NotAgreed), t.Silent)
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

func TestCompareUnderstandings(t *testing.T) {
	withIssue := func(c parley.Claim, issue int64) parley.Claim { c.IssueID = issue; return c }
	withPoint := func(c parley.Claim, point int64) parley.Claim { c.PointID = point; return c }
	for _, tt := range []struct {
		name string
		in   []*parley.Understanding
		want string
	}{
		{"Alaska: one contradiction, two one-sided claims",
			[]*parley.Understanding{
				understanding(1, us, "2025-08", agreed("leaders-meeting")),
				understanding(2, ru, "2025-08", withIssue(agreed("security-guarantees"), 3), withIssue(agreed("donbas-withdrawal"), 2), refused("leaders-meeting")),
			},
			"leaders-meeting contradiction/agreed-vs-not-agreed agreed=[1] not=[2] silent=[]\n" +
				"security-guarantees one-sided agreed=[2] not=[] silent=[1]\n" +
				"donbas-withdrawal one-sided agreed=[2] not=[] silent=[1]"},
		{"all agree",
			[]*parley.Understanding{understanding(1, ua, "2025-11-23", agreed("ceasefire")), understanding(2, us, "2025-11-23", agreed("ceasefire"))},
			"ceasefire agreed agreed=[1 3] not=[] silent=[]"},
		{"all say not agreed; a silent third party",
			[]*parley.Understanding{understanding(1, us, "2025", refused("nato")), understanding(2, ru, "2025", refused("nato")),
				understanding(3, ua, "2025", agreed("prisoners"))},
			"prisoners one-sided agreed=[3] not=[] silent=[1 2]\nnato not-agreed agreed=[] not=[1 2] silent=[3]"},
		{"a one-sided denial",
			[]*parley.Understanding{understanding(1, us, "2025", refused("sanctions")), understanding(2, ru, "2025", agreed("other"))},
			"sanctions one-sided agreed=[] not=[1] silent=[2]\nother one-sided agreed=[2] not=[] silent=[1]"},
		{"different issues contradict",
			[]*parley.Understanding{understanding(1, us, "2025", withIssue(agreed("the trade"), 2)), understanding(2, ru, "2025", withIssue(agreed("the trade"), 3))},
			"the trade contradiction/different-issues agreed=[1 2] not=[] silent=[]"},
		{"one issue named, one not: no contradiction",
			[]*parley.Understanding{understanding(1, us, "2025", withIssue(agreed("the trade"), 2)), understanding(2, ru, "2025", agreed("the trade"))},
			"the trade agreed agreed=[1 2] not=[] silent=[]"},
		{"different points: flagged, not a contradiction",
			[]*parley.Understanding{understanding(1, us, "2025", withPoint(agreed("army"), 6)), understanding(2, ua, "2025", withPoint(agreed("army"), 106))},
			"army agreed* agreed=[1 3] not=[] silent=[]"},
		{"topics match ignoring case and space",
			[]*parley.Understanding{understanding(1, us, "2025", agreed("Leaders-Meeting ")), understanding(2, ru, "2025", refused("leaders-meeting"))},
			"Leaders-Meeting contradiction/agreed-vs-not-agreed agreed=[1] not=[2] silent=[]"},
		{"a party's newer understanding wins, whatever the input order",
			[]*parley.Understanding{understanding(7, us, "2025-09", refused("leaders-meeting")), understanding(3, us, "2025-08", agreed("leaders-meeting"), agreed("other")),
				understanding(4, ru, "2025-08", refused("leaders-meeting"))},
			"other one-sided agreed=[1] not=[] silent=[2]\nleaders-meeting not-agreed agreed=[] not=[1 2] silent=[]"},
		{"nothing", nil, ""},
		{"nil entries are skipped", []*parley.Understanding{nil, understanding(1, us, "2025", agreed("x")), nil}, "x one-sided agreed=[1] not=[] silent=[]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(parley.CompareUnderstandings(tt.in)); got != tt.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestCompareUnderstandingsKeepsTheClaims(t *testing.T) {
	topics := parley.CompareUnderstandings([]*parley.Understanding{
		understanding(1, us, "2025-08", agreed("leaders-meeting")),
		understanding(2, ru, "2025-08", refused("leaders-meeting"), agreed("guarantees")),
	})
	lm := topics[0]
	if c := lm.ClaimOf(us); c == nil || c.Text != "leaders-meeting was agreed." || c.UnderstandingID != 1 || c.Date.String() != "2025-08" {
		t.Fatalf("US claim = %+v", c)
	}
	if c := lm.ClaimOf(ru); c == nil || c.Agreed || c.UnderstandingID != 2 {
		t.Fatalf("RU claim = %+v", c)
	}
	if c := topics[1].ClaimOf(us); c != nil {
		t.Fatalf("US is silent on guarantees, got %+v", c)
	}
	name := func(id int64) string { return map[int64]string{us: "US", ru: "RU"}[id] }
	for _, tt := range []struct {
		topic parley.TopicComparison
		want  string
	}{
		{lm, "US says agreed; RU says not agreed"},
		{topics[1], "only RU says agreed; US silent"},
	} {
		if got := tt.topic.Describe(name); got != tt.want {
			t.Errorf("Describe = %q, want %q", got, tt.want)
		}
	}
	counts := parley.CountOutcomes(topics)
	if counts[parley.TopicContradiction] != 1 || counts[parley.TopicOneSided] != 1 || counts[parley.TopicAgreed] != 0 {
		t.Fatalf("counts = %v", counts)
	}
}

func TestUnderstandingValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		u    *parley.Understanding
		want string
	}{
		{"good", understanding(0, us, "2025-08", agreed("a"), refused("b")), ""},
		{"repeated topic", understanding(0, us, "2025-08", agreed("a"), refused("b"), refused(" A")), `claim 3: topic " A" repeats claim 1`},
		{"no text", understanding(0, us, "2025-08", parley.Claim{Topic: "a"}), "claim 1 (a): text is required"},
		{"no claims", understanding(0, us, "2025-08"), "at least one claim"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.u.Validate()
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(parley.ErrorMessage(err), tt.want)) {
				t.Fatalf("Validate = %v, want %q", err, tt.want)
			}
		})
	}
}
