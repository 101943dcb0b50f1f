package parley_test

import (
	"strings"
	"testing"

	"parley"
)

func understandingOf(claims ...parley.Claim) *parley.Understanding {
	return &parley.Understanding{EventID: 9, PartyID: 1, Date: parley.MustParseDate("2025-08"), Claims: claims, Visibility: parley.VisibilityPublished}
}

func TestUnderstandingValidate(t *testing.T) {
	a := parley.Claim{Topic: "a", Text: "A.", Agreed: true}
	b := parley.Claim{Topic: "b", Text: "B."}
	for _, tt := range []struct {
		name string
		u    *parley.Understanding
		want string
	}{
		{"good", understandingOf(a, b), ""},
		{"repeated topic", understandingOf(a, b, parley.Claim{Topic: " A", Text: "x"}), `claim 3: topic " A" repeats claim 1`},
		{"repeated topic, written otherwise", understandingOf(parley.Claim{Topic: "army-cap", Text: "x"}, parley.Claim{Topic: "Army Cap", Text: "y"}), `claim 2: topic "Army Cap" repeats claim 1`},
		{"a topic of punctuation", understandingOf(parley.Claim{Topic: "--", Text: "x"}), `topic "--" has no letters or digits`},
		{"no text", understandingOf(parley.Claim{Topic: "a"}), "claim 1 (a): text is required"},
		{"no claims", understandingOf(), "at least one claim"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.u.Validate()
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(parley.ErrorMessage(err), tt.want)) {
				t.Fatalf("Validate = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestTopicsFromIssues(t *testing.T) {
	u := understandingOf(parley.Claim{Text: "capped at 800,000", Agreed: true, IssueID: 4}, parley.Claim{Text: "x", IssueID: 99}, parley.Claim{Topic: "kept", Text: "y", IssueID: 4})
	u.TopicsFromIssues([]*parley.Issue{{ID: 4, Name: "Army cap"}})
	if u.Claims[0].Topic != "Army cap" || u.Claims[1].Topic != "" || u.Claims[2].Topic != "kept" {
		t.Fatalf("claims = %+v", u.Claims)
	}
}
