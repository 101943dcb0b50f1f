package web

import (
	"context"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"parley"
	"parley/export"
	"parley/forecast"
)

// handleStances is the stances matrix: the points of one version (the
// newest with stances, or ?version=ID) against the sides, each cell the
// party's stance as the caller may see it.
func (s *Server) handleStances() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		var l loader
		n := load(&l, func() (*parley.Negotiation, error) { return s.Store.FindNegotiationByID(ctx, rq.negotiationID) })
		versions := load(&l, func() ([]*parley.Version, error) {
			return s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: rq.negotiationID})
		})
		stances := load(&l, func() ([]*parley.Stance, error) {
			return s.Store.ListStances(ctx, parley.StanceFilter{NegotiationID: rq.negotiationID})
		})
		parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, rq.negotiationID) })
		if l.err != nil {
			s.fail(w, r, l.err)
			return
		}
		var chosen *parley.Version
		if id, err := strconv.ParseInt(r.URL.Query().Get("version"), 10, 64); err == nil {
			for _, v := range versions {
				if v.ID == id {
					chosen = v
				}
			}
		}
		// By default, the newest version that has stances.
		for k := len(versions) - 1; chosen == nil && k >= 0 && len(stances) > 0; k-- {
			on, err := s.Store.ListStances(ctx, parley.StanceFilter{VersionID: versions[k].ID})
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if len(on) > 0 {
				chosen = versions[k]
			}
		}
		data := map[string]any{"Title": "Stances: " + n.Title, "Negotiation": n, "Versions": versions, "Sides": sides(parties)}
		if chosen != nil {
			full, err := s.Store.FindVersionByID(ctx, chosen.ID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			states, err := s.pointStates(ctx, full, parties, rq.member)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			type row struct {
				pointState
				Cells []chip
			}
			rows := make([]row, len(states))
			for k, st := range states {
				rows[k] = row{pointState: st, Cells: make([]chip, len(sides(parties)))}
				for c, p := range sides(parties) {
					for _, ch := range st.Stances {
						if ch.Party == p.Code {
							rows[k].Cells[c] = ch
						}
					}
				}
			}
			data["Version"], data["Rows"] = chosen, rows
		}
		s.render(w, r, "stances.html", http.StatusOK, data)
	}
}

// forecastRuns is the number of Monte Carlo runs behind a page's forecast.
const forecastRuns = 500

// handlePositions shows each issue as a scale: every party's ideal, the
// range down to its reservation where the caller may see it, and whether
// the veto players' limits overlap; a delegate records its party's
// position there and a mediator adds an issue.
func (s *Server) handlePositions() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		data, err := s.positionsPage(r.Context(), rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "positions.html", http.StatusOK, data)
	}
}

// positionsPage gathers what the positions page shows.
func (s *Server) positionsPage(ctx context.Context, rq *request) (map[string]any, error) {
	var l loader
	n := load(&l, func() (*parley.Negotiation, error) { return s.Store.FindNegotiationByID(ctx, rq.negotiationID) })
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, rq.negotiationID) })
	positions := load(&l, func() ([]*parley.Position, error) {
		return s.Store.ListPositions(ctx, parley.PositionFilter{NegotiationID: rq.negotiationID})
	})
	overlaps := load(&l, func() ([]issueOverlap, error) { return s.overlaps(ctx, rq.member, rq.negotiationID) })
	sources := load(&l, func() ([]*parley.Source, error) { return s.Store.ListSources(ctx, rq.negotiationID) })
	if l.err != nil {
		return nil, l.err
	}
	recording := parley.MayRecordPosition(rq.member, rq.member.PartyID) == nil
	type issueView struct {
		Issue    *parley.Issue
		Overlap  issueOverlap
		SVG      template.HTML
		Forecast string
		// Own is the newest position of the caller's party on the issue,
		// for its delegates' form (nil: none yet).
		Own *parley.Position
		// Prefill holds the form's values: Own's, as the scale writes them.
		Prefill map[string]string
	}
	var views []issueView
	for _, o := range overlaps {
		fc, bounded := s.issueForecast(rq.member, o.Issue, positions, parties)
		span := o.Issue.Max - o.Issue.Min
		var marks []export.ScaleMark
		var own []*parley.Position
		for _, p := range positions {
			if p.IssueID != o.Issue.ID {
				continue
			}
			if recording && p.PartyID == rq.member.PartyID {
				own = append(own, p)
			}
			m := export.ScaleMark{Party: partyCode(parties, p.PartyID), Ideal: p.Ideal}
			if p.Reservation != nil && parley.CanSee(rq.member, p.PartyID, p.ReservationVisibility) {
				v := *p.Reservation
				m.Reservation = &v
			}
			marks = append(marks, m)
		}
		view := issueView{Issue: o.Issue, Overlap: o, SVG: template.HTML(export.ScaleSVG(o.Issue, marks, fc)), Own: parley.NewestPosition(own),
			Prefill: map[string]string{"visibility": parley.VisibilityParty}}
		view.Prefill["min"], view.Prefill["max"] = strconv.FormatFloat(o.Issue.Min, 'f', -1, 64), strconv.FormatFloat(o.Issue.Max, 'f', -1, 64)
		if p := view.Own; p != nil {
			value := func(x float64) string {
				if o.Issue.Scale == parley.ScaleOrdinal {
					return o.Issue.Options[int(x)]
				}
				return strconv.FormatFloat(x, 'f', -1, 64)
			}
			view.Prefill["ideal"], view.Prefill["visibility"] = value(p.Ideal), p.ReservationVisibility
			view.Prefill["salience"], view.Prefill["capability"] = strconv.FormatFloat(p.Salience, 'f', -1, 64), strconv.FormatFloat(p.Capability, 'f', -1, 64)
			if p.Reservation != nil {
				view.Prefill["reservation"] = value(*p.Reservation)
			}
		}
		switch {
		case fc == nil:
		case o.Issue.Scale == parley.ScaleOrdinal:
			// An ordinal issue is forecast to an option, with its chance.
			best, probs := issueOptions(rq.member, o.Issue, positions, parties, fc.Point)
			if probs == nil {
				break
			}
			view.Forecast = fmt.Sprintf("Forecast (%s): %s (%.0f%% likely); 80%% interval from %s to %s.%s",
				forecast.DefaultModelNote, o.Issue.Options[best], 100*probs[best],
				export.ScaleLabel(o.Issue, fc.Low), export.ScaleLabel(o.Issue, fc.High), boundedNote(bounded))
		case fc.High-fc.Low > 0.8*span:
			// An honest band this wide says more as words than as numbers.
			view.Forecast = fmt.Sprintf("Forecast (%s): %s, but very uncertain: the 80%% interval spans most of the scale.%s",
				forecast.DefaultModelNote, export.ScaleLabel(o.Issue, fc.Point), boundedNote(bounded))
		default:
			view.Forecast = fmt.Sprintf("Forecast (%s): %s; 80%% interval %s to %s.%s",
				forecast.DefaultModelNote, export.ScaleLabel(o.Issue, fc.Point), export.ScaleLabel(o.Issue, fc.Low), export.ScaleLabel(o.Issue, fc.High), boundedNote(bounded))
		}
		views = append(views, view)
	}
	data := map[string]any{"Title": "Positions: " + n.Title, "Negotiation": n, "Issues": views,
		"Mediating":   rq.member.Role == parley.RoleMediator || rq.member.Role == parley.RoleOwner,
		"CanAddIssue": parley.MayAddIssue(rq.member) == nil, "Parties": parties, "Sources": sources, "Today": s.Now().Format("2006-01-02"),
		"Visibilities": []string{parley.VisibilityParty, parley.VisibilityMediator, parley.VisibilityPublished}}
	if recording {
		data["Recording"] = partyCode(parties, rq.member.PartyID)
	}
	return data, nil
}

func boundedNote(bounded bool) string {
	if bounded {
		return " Kept within the veto players' limits you can see."
	}
	return ""
}

func partyCode(parties []*parley.Party, id int64) string {
	for _, p := range parties {
		if p.ID == id {
			return p.Code
		}
	}
	return "?"
}

// slugWords writes a key made of lower-case words joined by hyphens or
// underscores ("leaders-meeting", "donbas_withdrawal") as words with a
// capital ("Leaders meeting"); anything else (a topic someone wrote as
// "Army Cap", a key in another script with spaces) is left as written.
func slugWords(s string) string {
	if s == "" || strings.ContainsAny(s, " \t") || strings.ToLower(s) != s || !strings.ContainsAny(s, "-_") {
		return s
	}
	w := strings.NewReplacer("-", " ", "_", " ").Replace(s)
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// whenHTML is the template function "when": a date (a parley.Date, or
// its EDTF string as the export views carry it) in a <time> element, its
// EDTF form in the title where the text is in words.
func whenHTML(v any) template.HTML {
	var d parley.Date
	switch v := v.(type) {
	case parley.Date:
		d = v
	case string:
		var err error
		if d, err = parley.ParseDate(v); err != nil {
			return template.HTML(html.EscapeString(v))
		}
	}
	label := html.EscapeString(export.DateLabel(d))
	if d.Exact() {
		return template.HTML("<time>" + label + "</time>")
	}
	return template.HTML(`<time title="EDTF ` + html.EscapeString(d.String()) + `">` + label + `</time>`)
}
