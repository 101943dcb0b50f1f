package web

import (
	"net/http"

	"parley"
	"parley/export"
)

func (s *Server) apiIssues() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		issues, err := s.Store.ListIssues(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, issues)
	}
}

// positionJSON is a position as the API gives it. Reservation is null
// where the caller may not see it; the name of the issue and party come
// along so that a script needs no second call.
type positionJSON struct {
	ID          int64    `json:"id"`
	IssueID     int64    `json:"issue_id"`
	Issue       string   `json:"issue"`
	PartyID     int64    `json:"party_id"`
	Party       string   `json:"party"`
	Date        string   `json:"date"`
	Ideal       float64  `json:"ideal"`
	Reservation *float64 `json:"reservation"`
	Salience    float64  `json:"salience"`
	Capability  float64  `json:"capability"`
	SourceID    int64    `json:"source_id,omitempty"`
	Revision    int64    `json:"revision"`
}

// apiPositions is GET /api/v1/negotiations/{id}/positions. A reservation
// value leaves the server only for those canSee allows.
func (s *Server) apiPositions() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		issues, err := s.Store.ListIssues(ctx, rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		parties, err := s.Store.ListParties(ctx, rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		positions, err := s.Store.ListPositions(ctx, parley.PositionFilter{NegotiationID: rq.negotiationID})
		if err != nil {
			writeError(w, err)
			return
		}
		issueName := map[int64]string{}
		for _, i := range issues {
			issueName[i.ID] = i.Name
		}
		partyName := map[int64]string{}
		for _, p := range parties {
			partyName[p.ID] = p.Code
		}
		out := make([]positionJSON, 0, len(positions))
		for _, p := range positions {
			out = append(out, positionView(p, issueName[p.IssueID], partyName[p.PartyID], rq.member))
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// positionView is a position as the member m may see it: the reservation
// value only where canSee allows.
func positionView(p *parley.Position, issue, party string, m *parley.Member) positionJSON {
	pj := positionJSON{ID: p.ID, IssueID: p.IssueID, Issue: issue, PartyID: p.PartyID, Party: party,
		Date: p.Date.String(), Ideal: p.Ideal, Salience: p.Salience, Capability: p.Capability, SourceID: p.SourceID, Revision: p.Revision}
	if p.Reservation != nil && canSee(m, p.PartyID, p.ReservationVisibility) {
		v := *p.Reservation
		pj.Reservation = &v
	}
	return pj
}

// positionUpdate is the body of PUT .../positions/{position}.
type positionUpdate struct {
	Date                  parley.Date `json:"date"`
	Ideal                 float64     `json:"ideal"`
	Reservation           *float64    `json:"reservation"`
	ReservationVisibility string      `json:"reservation_visibility"`
	Salience              float64     `json:"salience"`
	Capability            float64     `json:"capability"`
	Note                  string      `json:"note"`
	Revision              int64       `json:"revision"`
}

// apiUpdatePosition lets a delegate change one of its own party's
// positions. Optimistic: If-Match (the ETag read) or the revision in the
// body must still be current.
func (s *Server) apiUpdatePosition() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		id, err := pathID(r, "position")
		if err != nil {
			writeError(w, err)
			return
		}
		var body positionUpdate
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		positions, err := s.Store.ListPositions(ctx, parley.PositionFilter{NegotiationID: rq.negotiationID})
		if err != nil {
			writeError(w, err)
			return
		}
		var p *parley.Position
		for _, x := range positions {
			if x.ID == id {
				p = x
			}
		}
		if p == nil {
			writeError(w, parley.Errorf(parley.ENOTFOUND, "position %d not found", id))
			return
		}
		if rq.member.Role != parley.RoleDelegate || rq.member.PartyID != p.PartyID {
			writeError(w, parley.Errorf(parley.EFORBIDDEN, "only the delegates of its party may change a position"))
			return
		}
		if match := r.Header.Get("If-Match"); match != "" && match != etag(p.Revision) {
			writeJSON(w, http.StatusPreconditionFailed, map[string]string{"error": "the position changed since you read it: reload", "code": "precondition_failed"})
			return
		}
		if body.Date.IsZero() {
			writeError(w, parley.Errorf(parley.EINVALID, "date: required (YYYY, YYYY-MM or YYYY-MM-DD)"))
			return
		}
		if body.ReservationVisibility == "" {
			body.ReservationVisibility = p.ReservationVisibility
		}
		p.Date, p.Ideal, p.Reservation, p.ReservationVisibility = body.Date, body.Ideal, body.Reservation, body.ReservationVisibility
		p.Salience, p.Capability, p.Note, p.Revision = body.Salience, body.Capability, body.Note, body.Revision
		if err := s.Store.UpdatePosition(ctx, p); err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(p.Revision))
		writeJSON(w, http.StatusOK, p)
	}
}

// apiCreateIssue is POST /api/v1/negotiations/{id}/issues: the owners and
// mediators add a bargaining dimension.
func (s *Server) apiCreateIssue() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var is parley.Issue
		if err := readJSON(w, r, &is); err != nil {
			writeError(w, err)
			return
		}
		is.ID, is.NegotiationID = 0, rq.negotiationID
		if err := is.Validate(); err != nil {
			writeError(w, err)
			return
		}
		parties, err := s.Store.ListParties(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		for _, id := range is.VetoPartyIDs {
			if partyCode(parties, id) == "?" {
				writeError(w, parley.Errorf(parley.EINVALID, "veto_party_ids: party %d is not a party to this negotiation", id))
				return
			}
		}
		if err := s.Store.CreateIssue(r.Context(), &is); err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, is)
	}
}

// positionCreate is the body of POST .../positions.
type positionCreate struct {
	IssueID int64 `json:"issue_id"`
	positionUpdate
	SourceID int64 `json:"source_id"`
}

// apiCreatePosition is POST /api/v1/negotiations/{id}/positions: a
// delegate records a new dated position of its own party. The reservation
// stays confidential to the party unless reservation_visibility says
// otherwise.
func (s *Server) apiCreatePosition() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		if rq.member == nil || rq.member.Role != parley.RoleDelegate {
			writeError(w, parley.Errorf(parley.EFORBIDDEN, "only a party's delegates may record its positions"))
			return
		}
		var body positionCreate
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		is, err := s.Store.FindIssueByID(ctx, body.IssueID)
		if err != nil || is.NegotiationID != rq.negotiationID {
			writeError(w, parley.Errorf(parley.EINVALID, "issue_id: issue %d is not an issue of this negotiation", body.IssueID))
			return
		}
		if body.ReservationVisibility == "" {
			body.ReservationVisibility = parley.VisibilityParty
		}
		if body.Date.IsZero() {
			writeError(w, parley.Errorf(parley.EINVALID, "date: required (YYYY, YYYY-MM or YYYY-MM-DD)"))
			return
		}
		p := &parley.Position{IssueID: is.ID, PartyID: rq.member.PartyID, Date: body.Date, Ideal: body.Ideal, Reservation: body.Reservation,
			ReservationVisibility: body.ReservationVisibility, Salience: body.Salience, Capability: body.Capability, SourceID: body.SourceID, Note: body.Note}
		if err := p.Validate(is); err != nil {
			writeError(w, err)
			return
		}
		if err := s.Store.CreatePosition(ctx, p); err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(p.Revision))
		writeJSON(w, http.StatusCreated, p)
	}
}

// forecastJSON is one issue of GET .../forecasts.
type forecastJSON struct {
	IssueID int64  `json:"issue_id"`
	Issue   string `json:"issue"`
	// DealSpace says whether the veto players' ranges overlap, told
	// blind: "overlap", "no overlap", "incomplete" or "unknown". It comes
	// from the latest closed sealed round, or from published limits when
	// every veto player published its own; never from limits read live.
	DealSpace string `json:"deal_space"`
	// DealSpaceRound is the closed round the verdict comes from.
	DealSpaceRound *roundJSON `json:"deal_space_round,omitempty"`
	// OpenRound is the issue's open round, if any.
	OpenRound *roundJSON  `json:"open_round,omitempty"`
	Zone      *[2]float64 `json:"zone,omitempty"` // where the limits overlap, when every veto player published its limit
	Model     string      `json:"model"`
	Forecast  *float64    `json:"forecast"` // null without positions
	Median    *float64    `json:"median"`
	Interval  []float64   `json:"interval"` // the 80% conformal interval
	Bounded   bool        `json:"bounded"`  // kept within veto players' ranges the caller may see
	Label     string      `json:"label,omitempty"`
	Scale     [2]float64  `json:"scale"`
	// Options are, on an ordinal issue, each option's probability; Label
	// is then the forecast option (the median of the probabilities).
	Options []optionJSON `json:"options,omitempty"`
}

// optionJSON is an option of an ordinal issue with its forecast probability.
type optionJSON struct {
	Option      string  `json:"option"`
	Probability float64 `json:"probability"`
}

// apiForecasts is GET /api/v1/negotiations/{id}/forecasts: parley's
// forecast of every issue, as the positions page shows it to the caller.
func (s *Server) apiForecasts() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		var l loader
		parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, rq.negotiationID) })
		positions := load(&l, func() ([]*parley.Position, error) {
			return s.Store.ListPositions(ctx, parley.PositionFilter{NegotiationID: rq.negotiationID})
		})
		overlaps := load(&l, func() ([]issueOverlap, error) { return s.overlaps(ctx, rq.member, rq.negotiationID) })
		if l.err != nil {
			writeError(w, l.err)
			return
		}
		out := make([]forecastJSON, 0, len(overlaps))
		for _, o := range overlaps {
			fj := forecastJSON{IssueID: o.Issue.ID, Issue: o.Issue.Name, DealSpace: o.Verdict, Zone: o.Zone, Model: "parley", Scale: [2]float64{o.Issue.Min, o.Issue.Max}}
			if o.Round != nil {
				j := o.Round.json()
				fj.DealSpaceRound = &j
			}
			if o.Open != nil {
				j := o.Open.json()
				fj.OpenRound = &j
			}
			if fc, bounded := s.issueForecast(rq.member, o.Issue, positions, parties); fc != nil {
				point, median := fc.Point, fc.Median
				fj.Forecast, fj.Median, fj.Interval, fj.Bounded = &point, &median, []float64{fc.Low, fc.High}, bounded
				fj.Label = export.ScaleLabel(o.Issue, fc.Point)
				if best, probs := issueOptions(rq.member, o.Issue, positions, parties, fc.Point); probs != nil {
					fj.Label = o.Issue.Options[best]
					for k, p := range probs {
						fj.Options = append(fj.Options, optionJSON{o.Issue.Options[k], p})
					}
				}
			}
			out = append(out, fj)
		}
		writeJSON(w, http.StatusOK, out)
	}
}
