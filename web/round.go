package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"parley"
	"parley/export"
)

// Sealed overlap rounds: a mediator opens a round on an issue, each veto
// player's delegate submits its range once, the mediator closes the round
// and the verdict is computed then, once. The pages and the API show only
// closed rounds' verdicts, the parties that submitted, and to each party
// its own submission.

// roundJSON is a round as the API gives it.
type roundJSON struct {
	ID        int64    `json:"id"`
	IssueID   int64    `json:"issue_id"`
	Issue     string   `json:"issue"`
	OpenedAt  string   `json:"opened_at"`
	ClosedAt  string   `json:"closed_at,omitempty"`
	Verdict   string   `json:"verdict,omitempty"`
	Submitted []string `json:"submitted"` // party codes, never what they submitted
	Waiting   []string `json:"waiting"`   // veto players that have not submitted
	// Own is the caller's party's own submission, for its delegates only.
	Own *ownSubmission `json:"own,omitempty"`
}

// ownSubmission is what a party submitted, shown to that party alone.
type ownSubmission struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	At   string  `json:"at"`
}

// roundView is one round with names resolved, for the pages and the API.
type roundView struct {
	Round     *parley.Round
	Issue     *parley.Issue
	Submitted []string
	Waiting   []string
	Own       *parley.Submission
	// CanSubmit: the caller is a delegate of a veto player that has not
	// submitted to this open round.
	CanSubmit bool
}

// OwnRange writes the caller's own submission on the issue's scale.
func (v roundView) OwnRange() string {
	if v.Own == nil {
		return ""
	}
	return export.ScaleLabel(v.Issue, v.Own.Low) + " to " + export.ScaleLabel(v.Issue, v.Own.High)
}

func (v roundView) json() roundJSON {
	out := roundJSON{ID: v.Round.ID, IssueID: v.Issue.ID, Issue: v.Issue.Name, OpenedAt: v.Round.OpenedAt.Format(time.RFC3339),
		Verdict: v.Round.Verdict, Submitted: v.Submitted, Waiting: v.Waiting}
	if v.Round.ClosedAt != nil {
		out.ClosedAt = v.Round.ClosedAt.Format(time.RFC3339)
	}
	if v.Own != nil {
		out.Own = &ownSubmission{Low: v.Own.Low, High: v.Own.High, At: v.Own.At.Format(time.RFC3339)}
	}
	return out
}

// roundViews resolves a negotiation's rounds for a member: party codes,
// who is still to submit, and the member's own submissions.
func (s *Server) roundViews(ctx context.Context, m *parley.Member, rounds []*parley.Round, issues []*parley.Issue, parties []*parley.Party) ([]roundView, error) {
	issueByID := map[int64]*parley.Issue{}
	for _, is := range issues {
		issueByID[is.ID] = is
	}
	out := make([]roundView, 0, len(rounds))
	for _, r := range rounds {
		is := issueByID[r.IssueID]
		if is == nil {
			continue
		}
		v := roundView{Round: r, Issue: is, Submitted: []string{}, Waiting: []string{}}
		done := map[int64]bool{}
		for _, id := range r.Submitted {
			done[id] = true
			v.Submitted = append(v.Submitted, partyCode(parties, id))
		}
		for _, id := range is.VetoPartyIDs {
			if !done[id] {
				v.Waiting = append(v.Waiting, partyCode(parties, id))
			}
		}
		if m.Role == parley.RoleDelegate && is.IsVetoPlayer(m.PartyID) {
			if done[m.PartyID] {
				own, err := s.Store.FindSubmission(ctx, r.ID, m.PartyID)
				if err != nil {
					return nil, err
				}
				v.Own = own
			} else {
				v.CanSubmit = r.IsOpen()
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// roundIn returns the round the path names, if it belongs to the
// negotiation of the request; a round of another negotiation is "not
// found", as one that does not exist.
func (s *Server) roundIn(ctx context.Context, r *http.Request, rq *request) (*parley.Round, error) {
	id, err := pathID(r, "round")
	if err != nil {
		return nil, err
	}
	round, err := s.Store.FindRoundByID(ctx, id)
	if err != nil || round.NegotiationID != rq.negotiationID {
		return nil, parley.Errorf(parley.ENOTFOUND, "round %d not found", id)
	}
	return round, nil
}

// submitRange seals the caller's party's range into a round. Without
// explicit values the range is taken from the party's newest position on
// the issue: from its ideal to its reservation value.
func (s *Server) submitRange(ctx context.Context, rq *request, round *parley.Round, ideal, reservation *float64) (*parley.Submission, error) {
	if rq.member.Role != parley.RoleDelegate {
		return nil, parley.Errorf(parley.EFORBIDDEN, "only a delegate submits its party's limits to a round")
	}
	is, err := s.Store.FindIssueByID(ctx, round.IssueID)
	if err != nil {
		return nil, err
	}
	if !is.IsVetoPlayer(rq.member.PartyID) {
		return nil, parley.Errorf(parley.EFORBIDDEN, "your party is not a veto player of %q: only the parties who must agree submit to its rounds", is.Name)
	}
	if (ideal == nil) != (reservation == nil) {
		return nil, parley.Errorf(parley.EINVALID, "ideal and reservation: give both, or neither to submit your party's newest position")
	}
	if ideal == nil {
		positions, err := s.Store.ListPositions(ctx, parley.PositionFilter{IssueID: is.ID, PartyID: rq.member.PartyID})
		if err != nil {
			return nil, err
		}
		p := parley.NewestPosition(positions)
		if p == nil {
			return nil, parley.Errorf(parley.EINVALID, "reservation: your party has no position on %q to submit; give ideal and reservation", is.Name)
		}
		ideal, reservation = &p.Ideal, p.Reservation
	}
	low, high, err := parley.RangeOf(&parley.Position{Ideal: *ideal, Reservation: reservation})
	if err != nil {
		return nil, err
	}
	sub := &parley.Submission{RoundID: round.ID, PartyID: rq.member.PartyID, Low: low, High: high}
	if err := s.Store.Submit(ctx, sub); err != nil {
		return nil, err
	}
	return sub, nil
}

// apiRounds is GET /api/v1/negotiations/{id}/rounds.
func (s *Server) apiRounds() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		var l loader
		rounds := load(&l, func() ([]*parley.Round, error) { return s.Store.ListRounds(ctx, rq.negotiationID) })
		issues := load(&l, func() ([]*parley.Issue, error) { return s.Store.ListIssues(ctx, rq.negotiationID) })
		parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, rq.negotiationID) })
		if l.err != nil {
			writeError(w, l.err)
			return
		}
		views, err := s.roundViews(ctx, rq.member, rounds, issues, parties)
		if err != nil {
			writeError(w, err)
			return
		}
		out := make([]roundJSON, len(views))
		for k, v := range views {
			out[k] = v.json()
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// apiOpenRound is POST /api/v1/negotiations/{id}/rounds: a mediator opens
// a sealed round on an issue.
func (s *Server) apiOpenRound() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var body struct {
			IssueID int64 `json:"issue_id"`
		}
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		round := &parley.Round{NegotiationID: rq.negotiationID, IssueID: body.IssueID}
		if err := s.openRound(r.Context(), round); err != nil {
			writeError(w, err)
			return
		}
		s.writeRound(w, r, rq, http.StatusCreated, round)
	}
}

func (s *Server) openRound(ctx context.Context, round *parley.Round) error {
	is, err := s.Store.FindIssueByID(ctx, round.IssueID)
	if err != nil || is.NegotiationID != round.NegotiationID {
		return parley.Errorf(parley.EINVALID, "issue_id: issue %d is not an issue of this negotiation", round.IssueID)
	}
	return s.Store.OpenRound(ctx, round)
}

// writeRound answers with one round as the caller may see it.
func (s *Server) writeRound(w http.ResponseWriter, r *http.Request, rq *request, status int, round *parley.Round) {
	ctx := r.Context()
	var l loader
	issues := load(&l, func() ([]*parley.Issue, error) { return s.Store.ListIssues(ctx, rq.negotiationID) })
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, rq.negotiationID) })
	fresh := load(&l, func() (*parley.Round, error) { return s.Store.FindRoundByID(ctx, round.ID) })
	if l.err != nil {
		writeError(w, l.err)
		return
	}
	views, err := s.roundViews(ctx, rq.member, []*parley.Round{fresh}, issues, parties)
	if err != nil || len(views) != 1 {
		writeError(w, parley.Errorf(parley.EINTERNAL, "round %d: %v", round.ID, err))
		return
	}
	writeJSON(w, status, views[0].json())
}

// submissionBody is the body of POST .../rounds/{round}/submission; an
// empty body submits the party's newest position.
type submissionBody struct {
	Ideal       *float64 `json:"ideal"`
	Reservation *float64 `json:"reservation"`
}

// apiSubmit is POST /api/v1/negotiations/{id}/rounds/{round}/submission: a
// delegate of a veto player seals its party's range into an open round.
func (s *Server) apiSubmit() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		round, err := s.roundIn(ctx, r, rq)
		if err != nil {
			writeError(w, err)
			return
		}
		var body submissionBody
		if r.ContentLength != 0 {
			if err := readJSON(w, r, &body); err != nil {
				writeError(w, err)
				return
			}
		}
		if _, err := s.submitRange(ctx, rq, round, body.Ideal, body.Reservation); err != nil {
			writeError(w, err)
			return
		}
		s.writeRound(w, r, rq, http.StatusCreated, round)
	}
}

// apiCloseRound is POST /api/v1/negotiations/{id}/rounds/{round}/close: a
// mediator closes a round, and its verdict is computed.
func (s *Server) apiCloseRound() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		round, err := s.roundIn(ctx, r, rq)
		if err != nil {
			writeError(w, err)
			return
		}
		if _, err := s.Store.CloseRound(ctx, round.ID); err != nil {
			writeError(w, err)
			return
		}
		s.writeRound(w, r, rq, http.StatusOK, round)
	}
}

// The page forms: each answers with the positions page, where the round
// and its verdict show.

// handleOpenRoundForm is POST /negotiations/{id}/rounds.
func (s *Server) handleOpenRoundForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		if err := readForm(w, r, MaxRoundFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		issueID, err := strconv.ParseInt(r.PostForm.Get("issue"), 10, 64)
		if err != nil {
			s.fail(w, r, parley.Errorf(parley.EINVALID, "issue: %q is not an issue id", r.PostForm.Get("issue")))
			return
		}
		if err := s.openRound(r.Context(), &parley.Round{NegotiationID: rq.negotiationID, IssueID: issueID}); err != nil {
			s.fail(w, r, err)
			return
		}
		http.Redirect(w, r, positionsPage(rq, issueID), http.StatusSeeOther)
	}
}

// handleSubmitForm is POST /negotiations/{id}/rounds/{round}/submission.
func (s *Server) handleSubmitForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r, round, err := s.roundForm(w, r, rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		is, err := s.Store.FindIssueByID(ctx, round.IssueID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var ideal, reservation *float64
		for _, f := range []struct {
			name string
			dst  **float64
		}{{"ideal", &ideal}, {"reservation", &reservation}} {
			raw := strings.TrimSpace(r.PostForm.Get(f.name))
			if raw == "" {
				continue
			}
			x, err := is.ParseValue(raw)
			if err != nil {
				s.fail(w, r, parley.Errorf(parley.EINVALID, "%s: %s", f.name, parley.ErrorMessage(err)))
				return
			}
			*f.dst = &x
		}
		if _, err := s.submitRange(ctx, rq, round, ideal, reservation); err != nil {
			s.fail(w, r, err)
			return
		}
		http.Redirect(w, r, positionsPage(rq, round.IssueID), http.StatusSeeOther)
	}
}

// handleCloseRoundForm is POST /negotiations/{id}/rounds/{round}/close.
func (s *Server) handleCloseRoundForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r, round, err := s.roundForm(w, r, rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if _, err := s.Store.CloseRound(r.Context(), round.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		http.Redirect(w, r, positionsPage(rq, round.IssueID), http.StatusSeeOther)
	}
}

// roundForm reads the small form posted about the round the path names,
// and returns the request with its caller for the error page.
func (s *Server) roundForm(w http.ResponseWriter, r *http.Request, rq *request) (*http.Request, *parley.Round, error) {
	r = withCaller(r, rq)
	if err := readForm(w, r, MaxRoundFormBytes); err != nil {
		return r, nil, err
	}
	round, err := s.roundIn(r.Context(), r, rq)
	return r, round, err
}

func positionsPage(rq *request, issueID int64) string {
	return "/negotiations/" + itoa(rq.negotiationID) + "/positions#issue-" + itoa(issueID)
}
