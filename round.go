package parley

import (
	"context"
	"time"
)

// Verdicts of a sealed overlap round.
const (
	// VerdictOverlap: every veto player submitted, and some outcome lies
	// within all their ranges.
	VerdictOverlap = "overlap"
	// VerdictNoOverlap: every veto player submitted, and no outcome lies
	// within all their ranges.
	VerdictNoOverlap = "no overlap"
	// VerdictIncomplete: the round closed before every veto player
	// submitted; nothing is computed from the ranges that were submitted.
	VerdictIncomplete = "incomplete"
)

// Round is one sealed round of the blind overlap test on an issue: whether
// the ranges its veto players would accept share an outcome, told without
// revealing any of them.
//
// A mediator opens a round; each veto player submits its range once,
// sealed; the mediator closes the round, and only then is the verdict
// computed, once, and kept with the round. Nothing else in parley computes
// a verdict from confidential limits. A party's own actions (changing its
// positions, submitting, reading) therefore tell it nothing about another
// party's limit beyond the verdicts of closed rounds: at most one bit per
// round, in rounds that a mediator chose to run. docs/security.md states
// the guarantee.
type Round struct {
	ID            int64      `json:"id"`
	NegotiationID int64      `json:"negotiation_id"`
	IssueID       int64      `json:"issue_id"`
	OpenedAt      time.Time  `json:"opened_at"`
	ClosedAt      *time.Time `json:"closed_at,omitempty"`
	// Submitted lists the parties that have submitted, by id; never what
	// they submitted.
	Submitted []int64 `json:"submitted"`
	// Verdict is set when the round closes: VerdictOverlap,
	// VerdictNoOverlap or VerdictIncomplete.
	Verdict string `json:"verdict,omitempty"`
}

// IsOpen reports whether the round still takes submissions.
func (r *Round) IsOpen() bool { return r.ClosedAt == nil }

// Submission is one veto player's sealed range in a round: every outcome
// from Low to High is one it would accept (the span between its ideal and
// its reservation value). It is confidential to its party: no reader other
// than that party's delegates ever sees it, and the audit log records that
// a party submitted, not what.
type Submission struct {
	RoundID int64     `json:"round_id"`
	PartyID int64     `json:"party_id"`
	Low     float64   `json:"low"`
	High    float64   `json:"high"`
	At      time.Time `json:"at"`
}

// RangeOf returns the submission a position makes: the outcomes between
// its ideal and its reservation value. A position without a reservation
// value has no range to submit.
func RangeOf(p *Position) (low, high float64, err error) {
	if p.Reservation == nil {
		return 0, 0, Errorf(EINVALID, "reservation: the position has no reservation value to submit")
	}
	return min(p.Ideal, *p.Reservation), max(p.Ideal, *p.Reservation), nil
}

// Validate checks a submission against the issue: a range on its scale,
// from a veto player.
func (s *Submission) Validate(issue *Issue) error {
	if !issue.InScale(s.Low) || !issue.InScale(s.High) {
		return Errorf(EINVALID, "range %g..%g is off the scale %g..%g of %q", s.Low, s.High, issue.Min, issue.Max, issue.Name)
	}
	if s.Low > s.High {
		return Errorf(EINVALID, "range: low %g is above high %g", s.Low, s.High)
	}
	if !issue.IsVetoPlayer(s.PartyID) {
		return Errorf(EINVALID, "party %d is not a veto player of %q: only the parties who must agree submit to its rounds", s.PartyID, issue.Name)
	}
	return nil
}

// IsVetoPlayer reports whether the party must accept the issue's outcome.
func (i *Issue) IsVetoPlayer(partyID int64) bool {
	for _, id := range i.VetoPartyIDs {
		if id == partyID {
			return true
		}
	}
	return false
}

// OverlapVerdict is the verdict of a round on the issue from its
// submissions: incomplete unless every veto player submitted; then overlap
// when their ranges share an outcome, and no overlap when they do not.
func OverlapVerdict(issue *Issue, subs []*Submission) string {
	byParty := map[int64]*Submission{}
	for _, s := range subs {
		byParty[s.PartyID] = s
	}
	if len(issue.VetoPartyIDs) == 0 {
		return VerdictIncomplete
	}
	lo, hi := issue.Min, issue.Max
	for _, party := range issue.VetoPartyIDs {
		s := byParty[party]
		if s == nil {
			return VerdictIncomplete
		}
		lo, hi = max(lo, s.Low), min(hi, s.High)
	}
	if lo > hi {
		return VerdictNoOverlap
	}
	return VerdictOverlap
}

// RoundService runs sealed overlap rounds. Each method is one transaction.
type RoundService interface {
	// OpenRound opens a round on r.IssueID and sets r's ID and OpenedAt.
	// An issue has at most one open round (ECONFLICT).
	OpenRound(ctx context.Context, r *Round) error
	// Submit seals a party's range into an open round: once per party per
	// round (ECONFLICT for a second one, or for a closed round).
	Submit(ctx context.Context, s *Submission) error
	// CloseRound closes an open round and computes its verdict, once.
	CloseRound(ctx context.Context, id int64) (*Round, error)
	// ListRounds returns a negotiation's rounds, oldest first.
	ListRounds(ctx context.Context, negotiationID int64) ([]*Round, error)
	// FindRoundByID returns one round.
	FindRoundByID(ctx context.Context, id int64) (*Round, error)
	// FindSubmission returns a party's own submission to a round, for
	// that party's eyes (ENOTFOUND when it has not submitted).
	FindSubmission(ctx context.Context, roundID, partyID int64) (*Submission, error)
}
