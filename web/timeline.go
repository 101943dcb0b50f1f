package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"parley"
	"parley/export"
)

// handleTimeline shows the events on a time line and the sources with
// their grades and grade history, with the forms to add an event (owners
// and mediators), add a source (any member but observers) and regrade
// one (owners and mediators).
func (s *Server) handleTimeline() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		data, err := s.timelinePage(r.Context(), rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "timeline.html", http.StatusOK, data)
	}
}

// sourceView is a source on the timeline page with its grade history.
type sourceView struct {
	*parley.Source
	Grades []gradeJSON
}

// timelinePage gathers what the timeline page shows.
func (s *Server) timelinePage(ctx context.Context, rq *request) (map[string]any, error) {
	var l loader
	n := load(&l, func() (*parley.Negotiation, error) { return s.Store.FindNegotiationByID(ctx, rq.negotiationID) })
	rec := load(&l, func() (*eventRecord, error) { return s.eventRecord(ctx, rq.negotiationID) })
	versions := load(&l, func() ([]*parley.Version, error) {
		return s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: rq.negotiationID})
	})
	if l.err != nil {
		return nil, l.err
	}
	sources := make([]sourceView, 0, len(rec.sources))
	for _, src := range rec.sources {
		grades, err := s.gradeHistory(ctx, src.ID)
		if err != nil {
			return nil, err
		}
		sources = append(sources, sourceView{Source: src, Grades: grades})
	}
	return map[string]any{"Title": "Timeline: " + n.Title, "Negotiation": n,
		"Events": rec.events, "Sources": sources, "SVG": template.HTML(export.TimelineSVG(rec.events)),
		"Reliability": parley.ReliabilityMeaning, "Credibility": parley.CredibilityMeaning,
		"CanAddEvent": parley.MayAddEvent(rq.member) == nil, "CanAddSource": parley.MayAddSource(rq.member) == nil,
		"CanGrade":   parley.MayGradeSource(rq.member) == nil,
		"EventKinds": parley.EventKinds, "SourceKinds": parley.SourceKinds, "Parties": rec.parties, "Actors": rec.actors,
		"Versions": versions, "Today": s.Now().Format("2006-01-02"),
	}, nil
}

// timelineForm handles a form posted from the timeline page.
func (s *Server) timelineForm(w http.ResponseWriter, r *http.Request, rq *request, name string, fields []string, save func(url.Values) (string, error)) {
	s.submit(w, r, rq, pageForm{template: "timeline.html", back: "/negotiations/" + itoa(rq.negotiationID) + "/timeline",
		data: func(ctx context.Context) (map[string]any, error) { return s.timelinePage(ctx, rq) }}, formName(name), fields, save)
}

// addEvent puts an event on the request's negotiation's timeline, as the
// caller may (parley.MayAddEvent); every party, actor, version and source
// it names must be the negotiation's.
func (s *Server) addEvent(ctx context.Context, rq *request, ev *parley.Event) error {
	if err := parley.MayAddEvent(rq.member); err != nil {
		return err
	}
	ev.ID, ev.NegotiationID = 0, rq.negotiationID
	if strings.TrimSpace(ev.Title) == "" {
		return parley.Errorf(parley.EINVALID, "title: required")
	}
	if !isOneOf(ev.Kind, parley.EventKinds) {
		return parley.Errorf(parley.EINVALID, "kind: %q is not one of %s", ev.Kind, strings.Join(parley.EventKinds, ", "))
	}
	if ev.Date.IsZero() {
		return parley.Errorf(parley.EINVALID, "date: required (YYYY, YYYY-MM or YYYY-MM-DD)")
	}
	if err := ev.Validate(); err != nil {
		return err
	}
	if err := s.checkEventRefs(ctx, rq.negotiationID, ev); err != nil {
		return err
	}
	return s.Store.CreateEvent(ctx, ev)
}

// eventFields are the fields of the timeline page's event form.
var eventFields = []string{"kind", "title", "date", "place", "description", "parties", "actors", "versions", "sources"}

// handleAddEventForm is POST /negotiations/{id}/events, the timeline
// page's form to add an event with its participants.
func (s *Server) handleAddEventForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		s.timelineForm(w, r, rq, "event", eventFields, func(form url.Values) (string, error) {
			ev := &parley.Event{Kind: form.Get("kind"), Title: strings.TrimSpace(form.Get("title")), Place: strings.TrimSpace(form.Get("place")),
				Description: strings.TrimSpace(form.Get("description"))}
			var err error
			if ev.Date, err = parley.ParseDate(strings.TrimSpace(form.Get("date"))); err != nil {
				return "", parley.Errorf(parley.EINVALID, "date: %s", parley.ErrorMessage(err))
			}
			for _, l := range []struct {
				field string
				ids   *[]int64
			}{{"parties", &ev.PartyIDs}, {"actors", &ev.ActorIDs}, {"versions", &ev.VersionIDs}, {"sources", &ev.SourceIDs}} {
				if *l.ids, err = formIDs(form, l.field); err != nil {
					return "", err
				}
			}
			if err := s.addEvent(r.Context(), rq, ev); err != nil {
				return "", err
			}
			return "#event-" + itoa(ev.ID), nil
		})
	}
}
