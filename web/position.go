package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

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
// value leaves the server only for those parley.CanSee allows.
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
// value only where parley.CanSee allows.
func positionView(p *parley.Position, issue, party string, m *parley.Member) positionJSON {
	pj := positionJSON{ID: p.ID, IssueID: p.IssueID, Issue: issue, PartyID: p.PartyID, Party: party,
		Date: p.Date.String(), Ideal: p.Ideal, Salience: p.Salience, Capability: p.Capability, SourceID: p.SourceID, Revision: p.Revision}
	if p.Reservation != nil && parley.CanSee(m, p.PartyID, p.ReservationVisibility) {
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

// updatePosition changes a position of the request's negotiation, as the
// caller may (parley.MayRecordPosition: its party's delegates), if
// body.Revision is still its revision.
func (s *Server) updatePosition(ctx context.Context, rq *request, id int64, body *positionUpdate) (*parley.Position, error) {
	p, err := s.positionOf(ctx, rq, id)
	if err != nil {
		return nil, err
	}
	if err := parley.MayRecordPosition(rq.member, p.PartyID); err != nil {
		return nil, err
	}
	if body.Revision <= 0 {
		return nil, parley.Errorf(parley.EINVALID, "revision: required (the revision you read), or send If-Match")
	}
	if body.Date.IsZero() {
		return nil, parley.Errorf(parley.EINVALID, "date: required (YYYY, YYYY-MM or YYYY-MM-DD)")
	}
	if body.ReservationVisibility == "" {
		body.ReservationVisibility = p.ReservationVisibility
	}
	is, err := s.Store.FindIssueByID(ctx, p.IssueID)
	if err != nil {
		return nil, err
	}
	p.Date, p.Ideal, p.Reservation, p.ReservationVisibility = body.Date, body.Ideal, body.Reservation, body.ReservationVisibility
	p.Salience, p.Capability, p.Note, p.Revision = body.Salience, body.Capability, body.Note, body.Revision
	if err := validPosition(p, is); err != nil {
		return nil, err
	}
	if err := s.Store.UpdatePosition(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// positionOf finds a position of the request's negotiation; any other is
// not found, as one that does not exist.
func (s *Server) positionOf(ctx context.Context, rq *request, id int64) (*parley.Position, error) {
	positions, err := s.Store.ListPositions(ctx, parley.PositionFilter{NegotiationID: rq.negotiationID})
	if err != nil {
		return nil, err
	}
	for _, x := range positions {
		if x.ID == id {
			return x, nil
		}
	}
	return nil, parley.Errorf(parley.ENOTFOUND, "position %d not found", id)
}

// validPosition checks a position against its issue, naming the field at
// fault as the API and the form name it.
func validPosition(p *parley.Position, is *parley.Issue) error {
	switch {
	case !is.InScale(p.Ideal):
		return parley.Errorf(parley.EINVALID, "ideal: %g is off the scale of %q, %g to %g", p.Ideal, is.Name, is.Min, is.Max)
	case p.Reservation != nil && !is.InScale(*p.Reservation):
		return parley.Errorf(parley.EINVALID, "reservation: %g is off the scale of %q, %g to %g", *p.Reservation, is.Name, is.Min, is.Max)
	case !isOneOf(p.ReservationVisibility, []string{parley.VisibilityParty, parley.VisibilityMediator, parley.VisibilityPublished}):
		return parley.Errorf(parley.EINVALID, "reservation_visibility: %q is not one of party, mediator, published", p.ReservationVisibility)
	case len(p.Note) > 4000:
		return parley.Errorf(parley.EINVALID, "note: %d bytes, over the limit of 4000", len(p.Note))
	}
	if err := p.Validate(is); err != nil {
		// Salience and capability are the fields left to check; the
		// message names them.
		return err
	}
	return nil
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
		if match := r.Header.Get("If-Match"); match != "" {
			p, err := s.positionOf(ctx, rq, id)
			if err != nil {
				writeError(w, err)
				return
			}
			if err := parley.MayRecordPosition(rq.member, p.PartyID); err != nil {
				writeError(w, err)
				return
			}
			if match != etag(p.Revision) {
				writeJSON(w, http.StatusPreconditionFailed, map[string]string{"error": "If-Match: the position changed since you read it (now revision " + itoa(p.Revision) + "): reload", "code": "precondition_failed"})
				return
			}
			if body.Revision == 0 {
				body.Revision = p.Revision
			}
		}
		p, err := s.updatePosition(ctx, rq, id, &body)
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(p.Revision))
		writeJSON(w, http.StatusOK, p)
	}
}

// addIssue adds a bargaining dimension to the request's negotiation, as
// the caller may (parley.MayAddIssue); its veto players must be parties
// to it.
func (s *Server) addIssue(ctx context.Context, rq *request, is *parley.Issue) error {
	if err := parley.MayAddIssue(rq.member); err != nil {
		return err
	}
	is.ID, is.NegotiationID = 0, rq.negotiationID
	if strings.TrimSpace(is.Name) == "" {
		return parley.Errorf(parley.EINVALID, "name: required")
	}
	if !isOneOf(is.Scale, []string{parley.ScaleNumeric, parley.ScaleOrdinal}) {
		return parley.Errorf(parley.EINVALID, "scale: %q is not numeric or ordinal", is.Scale)
	}
	if err := is.Validate(); err != nil {
		return err
	}
	parties, err := s.Store.ListParties(ctx, rq.negotiationID)
	if err != nil {
		return err
	}
	for _, id := range is.VetoPartyIDs {
		if partyCode(parties, id) == "?" {
			return parley.Errorf(parley.EINVALID, "veto_party_ids: party %d is not a party to this negotiation", id)
		}
	}
	return s.Store.CreateIssue(ctx, is)
}

// apiCreateIssue is POST /api/v1/negotiations/{id}/issues: the owners and
// mediators add a bargaining dimension.
func (s *Server) apiCreateIssue() handler {
	return jsonWrite(http.StatusCreated, func(r *http.Request, rq *request, is *parley.Issue) (*parley.Issue, int64, error) {
		return is, 0, s.addIssue(r.Context(), rq, is)
	})
}

// positionCreate is the body of POST .../positions.
type positionCreate struct {
	IssueID int64 `json:"issue_id"`
	positionUpdate
	SourceID int64 `json:"source_id"`
}

// recordPosition records a new dated position of the caller's party, as
// the caller may (parley.MayRecordPosition). The reservation stays
// confidential to the party unless reservation_visibility says otherwise.
func (s *Server) recordPosition(ctx context.Context, rq *request, body *positionCreate) (*parley.Position, error) {
	if err := parley.MayRecordPosition(rq.member, rq.member.PartyID); err != nil {
		return nil, err
	}
	is, err := s.Store.FindIssueByID(ctx, body.IssueID)
	if err != nil || is.NegotiationID != rq.negotiationID {
		if err == nil || parley.ErrorCode(err) == parley.ENOTFOUND {
			return nil, parley.Errorf(parley.EINVALID, "issue_id: issue %d is not an issue of this negotiation", body.IssueID)
		}
		return nil, err
	}
	if body.ReservationVisibility == "" {
		body.ReservationVisibility = parley.VisibilityParty
	}
	if body.Date.IsZero() {
		return nil, parley.Errorf(parley.EINVALID, "date: required (YYYY, YYYY-MM or YYYY-MM-DD)")
	}
	if body.SourceID != 0 {
		if _, err := s.sourceOf(ctx, rq, body.SourceID); err != nil {
			return nil, parley.Errorf(parley.EINVALID, "source_id: %d is not a source of this negotiation", body.SourceID)
		}
	}
	if body.Revision != 0 {
		return nil, parley.Errorf(parley.EINVALID, "revision: a new position has none; change a position with PUT .../positions/{position}")
	}
	p := &parley.Position{IssueID: is.ID, PartyID: rq.member.PartyID, Date: body.Date, Ideal: body.Ideal, Reservation: body.Reservation,
		ReservationVisibility: body.ReservationVisibility, Salience: body.Salience, Capability: body.Capability, SourceID: body.SourceID, Note: body.Note}
	if err := validPosition(p, is); err != nil {
		return nil, err
	}
	if err := s.Store.CreatePosition(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// apiCreatePosition is POST /api/v1/negotiations/{id}/positions: a
// delegate records a new dated position of its own party.
func (s *Server) apiCreatePosition() handler {
	return jsonWrite(http.StatusCreated, func(r *http.Request, rq *request, b *positionCreate) (*parley.Position, int64, error) {
		p, err := s.recordPosition(r.Context(), rq, b)
		if err != nil {
			return nil, 0, err
		}
		return p, p.Revision, nil
	})
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

// positionsForm handles a form posted from the positions page.
func (s *Server) positionsForm(w http.ResponseWriter, r *http.Request, rq *request, name func(url.Values) string, fields []string, save func(url.Values) (string, error)) {
	s.submit(w, r, rq, pageForm{template: "positions.html", back: "/negotiations/" + itoa(rq.negotiationID) + "/positions",
		data: func(ctx context.Context) (map[string]any, error) { return s.positionsPage(ctx, rq) }}, name, fields, save)
}

// handleAddIssueForm is POST /negotiations/{id}/issues, the positions
// page's form to add an issue: a numeric scale, or options one a line.
func (s *Server) handleAddIssueForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		fields := []string{"name", "description", "scale", "unit", "min", "max", "options", "veto"}
		s.positionsForm(w, r, rq, formName("issue"), fields, func(form url.Values) (string, error) {
			is := &parley.Issue{Name: strings.TrimSpace(form.Get("name")), Description: strings.TrimSpace(form.Get("description")), Scale: form.Get("scale")}
			var err error
			if is.VetoPartyIDs, err = formIDs(form, "veto"); err != nil {
				return "", err
			}
			switch is.Scale {
			case parley.ScaleNumeric:
				is.Unit = strings.TrimSpace(form.Get("unit"))
				for _, f := range []struct {
					name string
					to   *float64
				}{{"min", &is.Min}, {"max", &is.Max}} {
					if *f.to, err = strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(form.Get(f.name)), ",", ""), 64); err != nil {
						return "", parley.Errorf(parley.EINVALID, "%s: %q is not a number", f.name, form.Get(f.name))
					}
				}
				if is.Min >= is.Max {
					return "", parley.Errorf(parley.EINVALID, "max: %g must be above min %g", is.Max, is.Min)
				}
			case parley.ScaleOrdinal:
				for _, line := range strings.Split(form.Get("options"), "\n") {
					if line = strings.TrimSpace(line); line != "" {
						is.Options = append(is.Options, line)
					}
				}
				if len(is.Options) < 2 {
					return "", parley.Errorf(parley.EINVALID, "options: an ordered scale needs at least two options, one a line")
				}
			}
			if err := s.addIssue(r.Context(), rq, is); err != nil {
				return "", err
			}
			return "#issue-" + itoa(is.ID), nil
		})
	}
}

// handlePositionForm is POST /negotiations/{id}/positions, the form under
// each issue of the positions page: a delegate records its party's
// position as a new dated one (as=new), or corrects its newest one
// (as=update, with the revision the page showed; one changed since is
// not overwritten).
func (s *Server) handlePositionForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		name := func(form url.Values) string { return "position-" + form.Get("issue") }
		fields := []string{"date", "ideal", "reservation", "visibility", "salience", "capability", "note", "source"}
		s.positionsForm(w, r, rq, name, fields, func(form url.Values) (string, error) {
			ctx := r.Context()
			issueID := formInt(form, "issue")
			is, err := s.Store.FindIssueByID(ctx, issueID)
			if err != nil || is.NegotiationID != rq.negotiationID {
				return "", parley.Errorf(parley.EINVALID, "issue: %q is not an issue of this negotiation", form.Get("issue"))
			}
			body := positionUpdate{ReservationVisibility: form.Get("visibility"), Note: strings.TrimSpace(form.Get("note"))}
			if body.Date, err = parley.ParseDate(strings.TrimSpace(form.Get("date"))); err != nil {
				return "", parley.Errorf(parley.EINVALID, "date: %s", parley.ErrorMessage(err))
			}
			if body.Ideal, err = is.ParseValue(form.Get("ideal")); err != nil {
				return "", parley.Errorf(parley.EINVALID, "ideal: %s", parley.ErrorMessage(err))
			}
			if strings.TrimSpace(form.Get("reservation")) != "" {
				v, err := is.ParseValue(form.Get("reservation"))
				if err != nil {
					return "", parley.Errorf(parley.EINVALID, "reservation: %s", parley.ErrorMessage(err))
				}
				body.Reservation = &v
			}
			for _, f := range []struct {
				name string
				to   *float64
			}{{"salience", &body.Salience}, {"capability", &body.Capability}} {
				if *f.to, err = strconv.ParseFloat(strings.TrimSpace(form.Get(f.name)), 64); err != nil {
					return "", parley.Errorf(parley.EINVALID, "%s: %q is not a number from 0 to 100", f.name, form.Get(f.name))
				}
			}
			if form.Get("as") == "update" {
				body.Revision = formInt(form, "revision")
				id := formInt(form, "position")
				if p, err := s.positionOf(ctx, rq, id); err == nil && p.Revision != body.Revision {
					return "", parley.Errorf(parley.ECONFLICT, "your party's position on %q changed since the page was loaded (now revision %d, dated %s): reload the page and correct it again", is.Name, p.Revision, p.Date)
				}
				if _, err := s.updatePosition(ctx, rq, id, &body); err != nil {
					return "", err
				}
				return "#issue-" + itoa(is.ID), nil
			}
			if _, err := s.recordPosition(ctx, rq, &positionCreate{IssueID: is.ID, positionUpdate: body, SourceID: formInt(form, "source")}); err != nil {
				return "", err
			}
			return "#issue-" + itoa(is.ID), nil
		})
	}
}
