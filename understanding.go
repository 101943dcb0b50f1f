package parley

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Outcomes of comparing the parties' claims on one topic of an event.
const (
	// TopicAgreed: two or more parties speak to the topic and all say it
	// was agreed, tied to the same issue where they name one.
	TopicAgreed = "agreed"
	// TopicNotAgreed: two or more parties speak to the topic and all say it
	// was not agreed; they concur.
	TopicNotAgreed = "not-agreed"
	// TopicContradiction: the parties who speak to the topic disagree: one
	// says it was agreed and another that it was not, or they tie it to
	// different issues.
	TopicContradiction = "contradiction"
	// TopicOneSided: one party speaks to the topic; the others who recorded
	// an understanding of the event say nothing about it.
	TopicOneSided = "one-sided"
)

// Kinds of contradiction.
const (
	// ConflictAgreement: one party says the topic was agreed, another that
	// it was not.
	ConflictAgreement = "agreed-vs-not-agreed"
	// ConflictIssue: the parties tie the topic to different issues.
	ConflictIssue = "different-issues"
)

// PartyClaim is one party's claim on a topic, with the understanding it
// comes from.
type PartyClaim struct {
	PartyID         int64 `json:"party_id"`
	UnderstandingID int64 `json:"understanding_id"`
	Date            Date  `json:"date"`
	Claim
}

// TopicComparison is what the parties who recorded an understanding of one
// event say about one topic.
type TopicComparison struct {
	Topic   string `json:"topic"`
	Outcome string `json:"outcome"` // TopicAgreed, TopicNotAgreed, TopicContradiction or TopicOneSided
	// Conflict says why a contradiction is one: ConflictAgreement or
	// ConflictIssue; empty otherwise.
	Conflict string `json:"conflict,omitempty"`
	// PointsDiffer reports that the parties tie the topic to different
	// points. Point ids belong to versions, so two ids may be one point in
	// two versions: a reader should check, but it is no contradiction.
	PointsDiffer bool         `json:"points_differ,omitempty"`
	Agreed       []PartyClaim `json:"agreed"`     // the parties that say it was agreed, by party id
	NotAgreed    []PartyClaim `json:"not_agreed"` // the parties that say it was not agreed, by party id
	Silent       []int64      `json:"silent"`     // parties with an understanding of the event that do not speak to the topic
}

// Claims returns every party's claim on the topic, agreed ones first.
func (t *TopicComparison) Claims() []PartyClaim {
	return append(slices.Clone(t.Agreed), t.NotAgreed...)
}

// ClaimOf returns the party's claim on the topic, or nil if it is silent.
func (t *TopicComparison) ClaimOf(partyID int64) *PartyClaim {
	for _, side := range [][]PartyClaim{t.Agreed, t.NotAgreed} {
		for i := range side {
			if side[i].PartyID == partyID {
				return &side[i]
			}
		}
	}
	return nil
}

// Describe says in one sentence what the parties say, naming each party
// with name (a party code, say).
func (t *TopicComparison) Describe(name func(partyID int64) string) string {
	names := func(cs []PartyClaim) string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = name(c.PartyID)
		}
		return strings.Join(out, ", ")
	}
	silent := ""
	if len(t.Silent) > 0 {
		s := make([]string, len(t.Silent))
		for i, id := range t.Silent {
			s[i] = name(id)
		}
		silent = "; " + strings.Join(s, ", ") + " silent"
	}
	switch {
	case t.Outcome == TopicContradiction && t.Conflict == ConflictIssue:
		return fmt.Sprintf("%s tie it to different issues%s", names(t.Claims()), silent)
	case t.Outcome == TopicContradiction:
		return fmt.Sprintf("%s %s agreed; %s %s not agreed%s", names(t.Agreed), say(len(t.Agreed)), names(t.NotAgreed), say(len(t.NotAgreed)), silent)
	case t.Outcome == TopicOneSided && len(t.Agreed) > 0:
		return fmt.Sprintf("only %s says agreed%s", names(t.Agreed), silent)
	case t.Outcome == TopicOneSided:
		return fmt.Sprintf("only %s says not agreed%s", names(t.NotAgreed), silent)
	case t.Outcome == TopicAgreed:
		return fmt.Sprintf("%s all say agreed", names(t.Agreed))
	}
	return fmt.Sprintf("%s all say not agreed", names(t.NotAgreed))
}

func say(n int) string {
	if n == 1 {
		return "says"
	}
	return "say"
}

// topicKey is how claims are matched: the topic, trimmed and in lower case.
func topicKey(topic string) string { return strings.ToLower(strings.TrimSpace(topic)) }

// CompareUnderstandings compares the understandings of one event, topic by
// topic (claims match by Topic, ignoring case and surrounding space).
//
// Each party speaks once on a topic: where a party recorded several
// understandings of the event, its newest (by date, then id) that speaks to
// the topic counts, and within one understanding the last claim on a topic.
// Pass only the understandings the reader may see: the comparison is made
// from them alone and reveals nothing else.
//
// The rules, for the parties that speak to a topic:
//   - one party: TopicOneSided (the others who recorded an understanding
//     are Silent);
//   - some say agreed and some not agreed: TopicContradiction,
//     ConflictAgreement;
//   - all say the same, but two name different issues: TopicContradiction,
//     ConflictIssue (issues are stable across versions, so two issues are
//     two things);
//   - otherwise TopicAgreed or TopicNotAgreed.
//
// Results come contradictions first, then one-sided claims, then agreed
// and not-agreed topics, each group in the order topics first appear.
func CompareUnderstandings(understandings []*Understanding) []TopicComparison {
	us := slices.Clone(understandings)
	us = slices.DeleteFunc(us, func(u *Understanding) bool { return u == nil })
	// Oldest first, so that a newer understanding overwrites an older one.
	slices.SortStableFunc(us, func(a, b *Understanding) int {
		if a.Date.Before(b.Date) {
			return -1
		}
		if b.Date.Before(a.Date) {
			return 1
		}
		return cmp.Compare(a.ID, b.ID)
	})
	type topic struct {
		name   string
		first  int // order of first appearance, in the caller's order
		claims map[int64]PartyClaim
	}
	topics := map[string]*topic{}
	// First appearance follows the order the caller gave.
	order := 0
	for _, u := range understandings {
		if u == nil {
			continue
		}
		for _, c := range u.Claims {
			k := topicKey(c.Topic)
			if k == "" {
				continue
			}
			if topics[k] == nil {
				topics[k] = &topic{name: strings.TrimSpace(c.Topic), first: order, claims: map[int64]PartyClaim{}}
				order++
			}
		}
	}
	var parties []int64
	for _, u := range us {
		if !slices.Contains(parties, u.PartyID) {
			parties = append(parties, u.PartyID)
		}
		for _, c := range u.Claims {
			if t := topics[topicKey(c.Topic)]; t != nil {
				t.claims[u.PartyID] = PartyClaim{PartyID: u.PartyID, UnderstandingID: u.ID, Date: u.Date, Claim: c}
			}
		}
	}
	slices.Sort(parties)

	out := make([]TopicComparison, 0, len(topics))
	firsts := map[string]int{}
	for _, t := range topics {
		tc := TopicComparison{Topic: t.name, Agreed: []PartyClaim{}, NotAgreed: []PartyClaim{}, Silent: []int64{}}
		for _, p := range parties {
			c, ok := t.claims[p]
			switch {
			case !ok:
				tc.Silent = append(tc.Silent, p)
			case c.Agreed:
				tc.Agreed = append(tc.Agreed, c)
			default:
				tc.NotAgreed = append(tc.NotAgreed, c)
			}
		}
		tc.Outcome, tc.Conflict, tc.PointsDiffer = judge(tc.Agreed, tc.NotAgreed)
		out = append(out, tc)
		firsts[t.name] = t.first
	}
	rank := map[string]int{TopicContradiction: 0, TopicOneSided: 1, TopicAgreed: 2, TopicNotAgreed: 3}
	slices.SortFunc(out, func(a, b TopicComparison) int {
		if c := cmp.Compare(rank[a.Outcome], rank[b.Outcome]); c != 0 {
			return c
		}
		return cmp.Compare(firsts[a.Topic], firsts[b.Topic])
	})
	return out
}

// judge applies the comparison rules to the claims on one topic.
func judge(agreed, notAgreed []PartyClaim) (outcome, conflict string, pointsDiffer bool) {
	all := append(slices.Clone(agreed), notAgreed...)
	var issue, point int64
	for _, c := range all {
		if c.IssueID != 0 {
			if issue != 0 && issue != c.IssueID {
				conflict = ConflictIssue
			}
			issue = c.IssueID
		}
		if c.PointID != 0 {
			if point != 0 && point != c.PointID {
				pointsDiffer = true
			}
			point = c.PointID
		}
	}
	switch {
	case len(all) == 1:
		return TopicOneSided, "", false
	case len(agreed) > 0 && len(notAgreed) > 0:
		return TopicContradiction, ConflictAgreement, pointsDiffer
	case conflict != "":
		return TopicContradiction, conflict, pointsDiffer
	case len(agreed) > 0:
		return TopicAgreed, "", pointsDiffer
	}
	return TopicNotAgreed, "", pointsDiffer
}

// CountOutcomes counts the compared topics by outcome.
func CountOutcomes(topics []TopicComparison) map[string]int {
	out := map[string]int{TopicAgreed: 0, TopicNotAgreed: 0, TopicContradiction: 0, TopicOneSided: 0}
	for _, t := range topics {
		out[t.Outcome]++
	}
	return out
}
