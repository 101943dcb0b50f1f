package storetest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"parley"
)

// testRounds runs sealed overlap rounds: one open round per issue, one
// submission per veto player per round, a verdict computed once at the
// close and never again, and an audit log that says who submitted but not
// what.
func testRounds(t *testing.T, s parley.Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Rounds")
	army := &parley.Issue{NegotiationID: f.n.ID, Name: "Army cap", Scale: parley.ScaleNumeric, Min: 0, Max: 1000000, VetoPartyIDs: []int64{f.us.ID, f.ru.ID}}
	must(t, s.CreateIssue(ctx, army))
	free := &parley.Issue{NegotiationID: f.n.ID, Name: "No veto", Scale: parley.ScaleNumeric, Min: 0, Max: 1}
	must(t, s.CreateIssue(ctx, free))
	ua := &parley.Party{NegotiationID: f.n.ID, Name: "Ukraine", Code: "UA", Kind: parley.PartyState}
	must(t, s.CreateParty(ctx, ua))

	wantCode(t, s.OpenRound(ctx, &parley.Round{IssueID: free.ID}), parley.EINVALID)
	wantCode(t, s.OpenRound(ctx, &parley.Round{IssueID: army.ID, NegotiationID: f.n.ID + 1000}), parley.EINVALID)
	r := &parley.Round{IssueID: army.ID}
	must(t, s.OpenRound(ctx, r))
	if r.ID == 0 || r.NegotiationID != f.n.ID || !r.IsOpen() {
		t.Fatalf("opened round = %+v", r)
	}
	wantCode(t, s.OpenRound(ctx, &parley.Round{IssueID: army.ID}), parley.ECONFLICT)

	must(t, s.Submit(ctx, &parley.Submission{RoundID: r.ID, PartyID: f.ru.ID, Low: 100000, High: 650000}))
	wantCode(t, s.Submit(ctx, &parley.Submission{RoundID: r.ID, PartyID: f.ru.ID, Low: 100000, High: 900000}), parley.ECONFLICT)
	wantCode(t, s.Submit(ctx, &parley.Submission{RoundID: r.ID, PartyID: ua.ID, Low: 0, High: 1}), parley.EINVALID)       // not a veto player
	wantCode(t, s.Submit(ctx, &parley.Submission{RoundID: r.ID, PartyID: f.us.ID, Low: 5, High: 2e6}), parley.EINVALID)   // off the scale
	wantCode(t, s.Submit(ctx, &parley.Submission{RoundID: r.ID, PartyID: f.us.ID, Low: 900, High: 800}), parley.EINVALID) // upside down
	wantCode(t, s.Submit(ctx, &parley.Submission{RoundID: r.ID + 1000, PartyID: f.us.ID, Low: 0, High: 1}), parley.ENOTFOUND)

	got, err := s.FindRoundByID(ctx, r.ID)
	must(t, err)
	if !slices.Equal(got.Submitted, []int64{f.ru.ID}) || got.Verdict != "" {
		t.Fatalf("round before the close = %+v", got)
	}
	own, err := s.FindSubmission(ctx, r.ID, f.ru.ID)
	must(t, err)
	if own.Low != 100000 || own.High != 650000 {
		t.Fatalf("RU's own submission = %+v", own)
	}
	_, err = s.FindSubmission(ctx, r.ID, f.us.ID)
	wantCode(t, err, parley.ENOTFOUND)

	// Two writers race: a submission and the close. Either order is fine,
	// but the verdict must match what the round holds when it closed.
	var wg sync.WaitGroup
	var closed *parley.Round
	var closeErr, submitErr error
	wg.Add(2)
	go func() { defer wg.Done(); closed, closeErr = s.CloseRound(ctx, r.ID) }()
	go func() {
		defer wg.Done()
		submitErr = s.Submit(ctx, &parley.Submission{RoundID: r.ID, PartyID: f.us.ID, Low: 600000, High: 800000})
	}()
	wg.Wait()
	must(t, closeErr)
	switch {
	case submitErr == nil && (closed.Verdict != parley.VerdictOverlap || len(closed.Submitted) != 2):
		t.Fatalf("submitted before the close, but the round closed as %+v", closed)
	case submitErr != nil && (parley.ErrorCode(submitErr) != parley.ECONFLICT || closed.Verdict != parley.VerdictIncomplete):
		t.Fatalf("submission after the close: %v; round %+v", submitErr, closed)
	}
	if closed.ClosedAt == nil {
		t.Fatal("closed round has no closing time")
	}
	_, err = s.CloseRound(ctx, r.ID)
	wantCode(t, err, parley.ECONFLICT)

	// A later round is a fresh start; its verdict is its own.
	r2 := &parley.Round{IssueID: army.ID}
	must(t, s.OpenRound(ctx, r2))
	must(t, s.Submit(ctx, &parley.Submission{RoundID: r2.ID, PartyID: f.ru.ID, Low: 100000, High: 250000}))
	must(t, s.Submit(ctx, &parley.Submission{RoundID: r2.ID, PartyID: f.us.ID, Low: 600000, High: 800000}))
	c2, err := s.CloseRound(ctx, r2.ID)
	must(t, err)
	if c2.Verdict != parley.VerdictNoOverlap {
		t.Fatalf("round 2 verdict = %q, want no overlap", c2.Verdict)
	}
	list, err := s.ListRounds(ctx, f.n.ID)
	must(t, err)
	if len(list) != 2 || list[0].ID != r.ID || list[1].ID != r2.ID || list[1].Verdict != parley.VerdictNoOverlap ||
		!slices.Equal(list[1].Submitted, []int64{f.us.ID, f.ru.ID}) && !slices.Equal(list[1].Submitted, []int64{f.ru.ID, f.us.ID}) {
		t.Fatalf("rounds = %+v", list)
	}
	if other, err := s.ListRounds(ctx, f.n.ID+1000); err != nil || len(other) != 0 {
		t.Fatalf("rounds of another negotiation = %v, %v", other, err)
	}

	// The audit log says who submitted, never the range.
	log, err := s.ListAudit(ctx, f.n.ID)
	must(t, err)
	var submits int
	for _, e := range log {
		if e.Object != "round" {
			continue
		}
		if e.Action == "submit" {
			submits++
		}
		for _, secret := range []string{"650000", "250000", "low", "high"} {
			if strings.Contains(e.Before+e.After, secret) {
				t.Fatalf("audit entry %s round %d holds %q: %s %s", e.Action, e.ObjectID, secret, e.Before, e.After)
			}
		}
	}
	if submits < 3 {
		t.Fatalf("%d submissions audited, want at least 3", submits)
	}
}
