package web

import (
	"context"
	"net/http"

	"parley"
	"parley/export"
)

// eventRecord is what the event answers and pages draw on: the events of
// a negotiation, and the index that names what they refer to.
type eventRecord struct {
	events  []*parley.Event
	index   *export.EventIndex
	parties []*parley.Party
	actors  []*parley.Actor
	sources []*parley.Source
}

func (s *Server) eventRecord(ctx context.Context, negotiationID int64) (*eventRecord, error) {
	var l loader
	events := load(&l, func() ([]*parley.Event, error) { return s.Store.ListEvents(ctx, negotiationID) })
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, negotiationID) })
	actors := load(&l, func() ([]*parley.Actor, error) { return s.Store.ListActors(ctx, negotiationID) })
	versions := load(&l, func() ([]*parley.Version, error) {
		return s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: negotiationID})
	})
	sources := load(&l, func() ([]*parley.Source, error) { return s.Store.ListSources(ctx, negotiationID) })
	if l.err != nil {
		return nil, l.err
	}
	return &eventRecord{events: events, index: export.NewEventIndex(parties, actors, versions, sources),
		parties: parties, actors: actors, sources: sources}, nil
}

// event finds the event the path names among the negotiation's: an event
// of another negotiation is not found, as one that does not exist.
func (rec *eventRecord) event(r *http.Request) (*parley.Event, error) {
	id, err := pathID(r, "event")
	if err != nil {
		return nil, err
	}
	for _, e := range rec.events {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, parley.Errorf(parley.ENOTFOUND, "event %d not found", id)
}

// visibleUnderstandings returns the understandings of an event the member
// may see, decided by canSee: a party's own, what is shared with the
// mediators for a mediator, and what is published.
func (s *Server) visibleUnderstandings(ctx context.Context, m *parley.Member, eventID int64) ([]*parley.Understanding, error) {
	all, err := s.Store.ListUnderstandings(ctx, eventID)
	if err != nil {
		return nil, err
	}
	out := make([]*parley.Understanding, 0, len(all))
	for _, u := range all {
		if canSee(m, u.PartyID, u.Visibility) {
			out = append(out, u)
		}
	}
	return out, nil
}

// apiEvents is GET /api/v1/negotiations/{id}/events: the timeline, each
// event with its participants, linked versions and sources named, and the
// number of its understandings the caller may see.
func (s *Server) apiEvents() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		rec, err := s.eventRecord(ctx, rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		out := make([]export.EventRecordJSON, 0, len(rec.events))
		for _, e := range rec.events {
			us, err := s.visibleUnderstandings(ctx, rq.member, e.ID)
			if err != nil {
				writeError(w, err)
				return
			}
			out = append(out, rec.index.EventRecord(e, len(us)))
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// understandingJSON is an understanding as the API gives it, with its
// party's code.
type understandingJSON struct {
	*parley.Understanding
	Party string `json:"party"`
}

// apiUnderstandings is GET .../events/{event}/understandings: the
// understandings of the event the caller may see.
func (s *Server) apiUnderstandings() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		rec, err := s.eventRecord(ctx, rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		e, err := rec.event(r)
		if err != nil {
			writeError(w, err)
			return
		}
		us, err := s.visibleUnderstandings(ctx, rq.member, e.ID)
		if err != nil {
			writeError(w, err)
			return
		}
		out := make([]understandingJSON, 0, len(us))
		for _, u := range us {
			out = append(out, understandingJSON{u, rec.index.PartyCode(u.PartyID)})
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// apiComparison is GET .../events/{event}/comparison: the parties'
// understandings of the event compared topic by topic, made from the
// understandings the caller may see and nothing else.
func (s *Server) apiComparison() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		rec, err := s.eventRecord(ctx, rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		e, err := rec.event(r)
		if err != nil {
			writeError(w, err)
			return
		}
		us, err := s.visibleUnderstandings(ctx, rq.member, e.ID)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, rec.index.CompareEvent(e, us))
	}
}

// handleEvent shows one event: who took part, the versions it tabled or
// leaked, its sources, and the parties' understandings of it side by
// side, with contradictions and one-sided claims flagged.
func (s *Server) handleEvent() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		n, err := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		rec, err := s.eventRecord(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		e, err := rec.event(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		us, err := s.visibleUnderstandings(ctx, rq.member, e.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		cmp := rec.index.CompareEvent(e, us)
		// One row per topic, one cell per party compared (nil: silent).
		type row struct {
			export.TopicJSON
			Cells []*export.TopicClaimJSON
		}
		rows := make([]row, len(cmp.Topics))
		for i := range cmp.Topics {
			rows[i] = row{TopicJSON: cmp.Topics[i]}
			for _, p := range cmp.Parties {
				rows[i].Cells = append(rows[i].Cells, rows[i].ClaimOf(p.ID))
			}
		}
		// Each reading: whose, when, from which source, and who may see it.
		type reading struct {
			Party      string
			Date       string
			Source     *parley.Source
			Visibility string
			Claims     int
		}
		var readings []reading
		for _, u := range us {
			rd := reading{Party: rec.index.Party(u.PartyID).Name, Date: u.Date.String(), Visibility: u.Visibility, Claims: len(u.Claims)}
			for _, src := range rec.sources {
				if src.ID == u.SourceID {
					rd.Source = src
				}
			}
			readings = append(readings, rd)
		}
		s.render(w, r, "event.html", http.StatusOK, map[string]any{
			"Title": e.Title, "Negotiation": n, "Event": rec.index.EventRecord(e, len(us)), "Comparison": cmp, "Rows": rows,
			"Readings": readings, "Reliability": parley.ReliabilityMeaning, "Credibility": parley.CredibilityMeaning,
		})
	}
}

func (s *Server) apiSources() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		sources, err := s.Store.ListSources(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, sources)
	}
}

// apiMembers lists the members of a negotiation with their usernames.
func (s *Server) apiMembers() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		members, err := s.Store.ListMembers(ctx, rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		type memberJSON struct {
			*parley.Member
			Username string `json:"username"`
		}
		out := make([]memberJSON, 0, len(members))
		for _, m := range members {
			u, err := s.Store.FindUserByID(ctx, m.UserID)
			if err != nil {
				writeError(w, err)
				return
			}
			out = append(out, memberJSON{m, u.Username})
		}
		writeJSON(w, http.StatusOK, out)
	}
}
