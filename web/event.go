package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"parley"
	"parley/export"
)

// eventRecord is what the event answers and pages draw on: the events of
// a negotiation, and the index that names what they refer to.
type eventRecord struct {
	events   []*parley.Event
	index    *export.EventIndex
	parties  []*parley.Party
	actors   []*parley.Actor
	sources  []*parley.Source
	issues   []*parley.Issue
	synonyms []parley.SynonymGroup
}

// compare compares the understandings of an event the caller may see,
// knowing the negotiation's issues and synonyms.
func (rec *eventRecord) compare(e *parley.Event, us []*parley.Understanding) *export.ComparisonOfEventJSON {
	return rec.index.CompareEvent(e, us, rec.issues, rec.synonyms)
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
	issues := load(&l, func() ([]*parley.Issue, error) { return s.Store.ListIssues(ctx, negotiationID) })
	synonyms := load(&l, func() ([]parley.SynonymGroup, error) { return s.Store.ListSynonyms(ctx, negotiationID) })
	if l.err != nil {
		return nil, l.err
	}
	return &eventRecord{events: events, index: export.NewEventIndex(parties, actors, versions, sources),
		parties: parties, actors: actors, sources: sources, issues: issues, synonyms: synonyms}, nil
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
// may see, decided by parley.CanSee: a party's own, what is shared with the
// mediators for a mediator, and what is published.
func (s *Server) visibleUnderstandings(ctx context.Context, m *parley.Member, eventID int64) ([]*parley.Understanding, error) {
	all, err := s.Store.ListUnderstandings(ctx, eventID)
	if err != nil {
		return nil, err
	}
	out := make([]*parley.Understanding, 0, len(all))
	for _, u := range all {
		if parley.CanSee(m, u.PartyID, u.Visibility) {
			out = append(out, u)
		}
	}
	return out, nil
}

// eventUnderstandings loads what the pages and the API about one event
// need: the negotiation's event record, the event named in the path (of
// this negotiation, or ENOTFOUND) and its understandings the caller may
// see.
func (s *Server) eventUnderstandings(r *http.Request, rq *request) (*eventRecord, *parley.Event, []*parley.Understanding, error) {
	rec, err := s.eventRecord(r.Context(), rq.negotiationID)
	if err != nil {
		return nil, nil, nil, err
	}
	e, err := rec.event(r)
	if err != nil {
		return nil, nil, nil, err
	}
	us, err := s.visibleUnderstandings(r.Context(), rq.member, e.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	return rec, e, us, nil
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
		rec, _, us, err := s.eventUnderstandings(r, rq)
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
		rec, e, us, err := s.eventUnderstandings(r, rq)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, rec.compare(e, us))
	}
}

// handleEvent shows one event: who took part, the versions it tabled or
// leaked, its sources, and the parties' understandings of it side by
// side, with contradictions, disputes and one-sided claims flagged, the
// differing contents side by side and claimed figures on the issue's scale;
// a delegate records its own party's understanding there.
func (s *Server) handleEvent() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		data, err := s.eventPage(r, rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "event.html", http.StatusOK, data)
	}
}

// eventPage gathers what the event page shows.
func (s *Server) eventPage(r *http.Request, rq *request) (map[string]any, error) {
	ctx := r.Context()
	n, err := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
	if err != nil {
		return nil, err
	}
	rec, e, us, err := s.eventUnderstandings(r, rq)
	if err != nil {
		return nil, err
	}
	cmp := rec.compare(e, us)
	// One row per subject, one cell per party compared (nil: silent),
	// and the claimed figures on the issue's scale where there are any.
	type row struct {
		export.TopicJSON
		Cells []*export.TopicClaimJSON
		SVG   template.HTML
	}
	rows := make([]row, len(cmp.Topics))
	for i := range cmp.Topics {
		rows[i] = row{TopicJSON: cmp.Topics[i]}
		for _, p := range cmp.Parties {
			rows[i].Cells = append(rows[i].Cells, rows[i].ClaimOf(p.ID))
		}
		if sc := cmp.Topics[i].Scale; sc != nil {
			rows[i].SVG = template.HTML(export.ClaimsSVG(sc))
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
	data := map[string]any{
		"Title": e.Title, "Negotiation": n, "Event": rec.index.EventRecord(e, len(us)), "Comparison": cmp, "Rows": rows, "Colspan": len(cmp.Parties) + 1,
		"Readings": readings, "Reliability": parley.ReliabilityMeaning, "Credibility": parley.CredibilityMeaning,
	}
	if parley.MayRecordUnderstanding(rq.member, rq.member.PartyID) == nil {
		issues, err := s.Store.ListIssues(ctx, rq.negotiationID)
		if err != nil {
			return nil, err
		}
		data["Recording"] = map[string]any{"Party": rec.index.Party(rq.member.PartyID), "Sources": rec.sources, "Issues": issues,
			"Claims": []int{1, 2, 3}, "Today": s.Now().Format("2006-01-02"),
			"Visibilities": []string{parley.VisibilityParty, parley.VisibilityMediator, parley.VisibilityPublished}}
	}
	return data, nil
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

// eventCreate is the body of POST .../events.
type eventCreate struct {
	Kind        string      `json:"kind"`
	Title       string      `json:"title"`
	Date        parley.Date `json:"date"`
	Place       string      `json:"place"`
	Description string      `json:"description"`
	PartyIDs    []int64     `json:"party_ids"`
	ActorIDs    []int64     `json:"actor_ids"`
	VersionIDs  []int64     `json:"version_ids"`
	SourceIDs   []int64     `json:"source_ids"`
}

// apiCreateEvent is POST /api/v1/negotiations/{id}/events: the mediators
// and owners put a meeting, call, leak or statement on the timeline. Every
// party, actor, version and source it names must belong to the
// negotiation.
func (s *Server) apiCreateEvent() handler {
	return jsonWrite(http.StatusCreated, func(r *http.Request, rq *request, b *eventCreate) (*parley.Event, int64, error) {
		ev := &parley.Event{NegotiationID: rq.negotiationID, Kind: b.Kind, Title: b.Title, Date: b.Date, Place: b.Place,
			Description: b.Description, PartyIDs: b.PartyIDs, ActorIDs: b.ActorIDs, VersionIDs: b.VersionIDs, SourceIDs: b.SourceIDs}
		return ev, 0, s.addEvent(r.Context(), rq, ev)
	})
}

// checkEventRefs refuses an event that names a party, actor, version or
// source of another negotiation (or none at all).
func (s *Server) checkEventRefs(ctx context.Context, negotiationID int64, ev *parley.Event) error {
	var l loader
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, negotiationID) })
	actors := load(&l, func() ([]*parley.Actor, error) { return s.Store.ListActors(ctx, negotiationID) })
	versions := load(&l, func() ([]*parley.Version, error) {
		return s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: negotiationID})
	})
	sources := load(&l, func() ([]*parley.Source, error) { return s.Store.ListSources(ctx, negotiationID) })
	if l.err != nil {
		return l.err
	}
	known := func(field string, ids []int64, has func(int64) bool) error {
		for _, id := range ids {
			if !has(id) {
				return parley.Errorf(parley.EINVALID, "%s: %d is not one of this negotiation's", field, id)
			}
		}
		return nil
	}
	for _, c := range []struct {
		field string
		ids   []int64
		has   func(int64) bool
	}{
		{"party_ids", ev.PartyIDs, func(id int64) bool {
			return slices.ContainsFunc(parties, func(p *parley.Party) bool { return p.ID == id })
		}},
		{"actor_ids", ev.ActorIDs, func(id int64) bool {
			return slices.ContainsFunc(actors, func(a *parley.Actor) bool { return a.ID == id })
		}},
		{"version_ids", ev.VersionIDs, func(id int64) bool {
			return slices.ContainsFunc(versions, func(v *parley.Version) bool { return v.ID == id })
		}},
		{"source_ids", ev.SourceIDs, func(id int64) bool {
			return slices.ContainsFunc(sources, func(x *parley.Source) bool { return x.ID == id })
		}},
	} {
		if err := known(c.field, c.ids, c.has); err != nil {
			return err
		}
	}
	return nil
}

// understandingCreate is the body of POST .../events/{event}/understandings.
type understandingCreate struct {
	Date       parley.Date    `json:"date"`
	SourceID   int64          `json:"source_id"`
	Claims     []parley.Claim `json:"claims"`
	Visibility string         `json:"visibility"`
}

// recordUnderstanding records what the caller's party believes was
// agreed at the event the path names, as the caller may
// (parley.MayRecordUnderstanding: a delegate for its own party). It stays
// the party's own unless its visibility shares it.
func (s *Server) recordUnderstanding(ctx context.Context, r *http.Request, rq *request, body *understandingCreate) (*parley.Understanding, error) {
	if err := parley.MayRecordUnderstanding(rq.member, rq.member.PartyID); err != nil {
		return nil, err
	}
	eventID, err := pathID(r, "event")
	if err != nil {
		return nil, err
	}
	events, err := s.Store.ListEvents(ctx, rq.negotiationID)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(events, func(e *parley.Event) bool { return e.ID == eventID }) {
		return nil, parley.Errorf(parley.ENOTFOUND, "event %d not found", eventID)
	}
	if body.Date.IsZero() {
		return nil, parley.Errorf(parley.EINVALID, "date: required (YYYY, YYYY-MM or YYYY-MM-DD)")
	}
	if body.Visibility == "" {
		body.Visibility = parley.VisibilityParty
	}
	if !isOneOf(body.Visibility, []string{parley.VisibilityParty, parley.VisibilityMediator, parley.VisibilityPublished}) {
		return nil, parley.Errorf(parley.EINVALID, "visibility: %q is not one of party, mediator, published", body.Visibility)
	}
	if body.SourceID != 0 {
		if _, err := s.sourceOf(ctx, rq, body.SourceID); err != nil {
			return nil, parley.Errorf(parley.EINVALID, "source_id: %d is not a source of this negotiation", body.SourceID)
		}
	}
	if len(body.Claims) == 0 {
		return nil, parley.Errorf(parley.EINVALID, "claims: at least one claim is required")
	}
	u := &parley.Understanding{EventID: eventID, PartyID: rq.member.PartyID, Date: body.Date, SourceID: body.SourceID, Claims: body.Claims, Visibility: body.Visibility}
	issues, err := s.Store.ListIssues(ctx, rq.negotiationID)
	if err != nil {
		return nil, err
	}
	// A claim tied to an issue and naming no topic takes the issue's name.
	u.TopicsFromIssues(issues)
	if err := u.Validate(); err != nil {
		return nil, parley.Errorf(parley.EINVALID, "claims: %s", parley.ErrorMessage(err))
	}
	if err := s.Store.CreateUnderstanding(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// apiCreateUnderstanding is POST .../events/{event}/understandings.
func (s *Server) apiCreateUnderstanding() handler {
	return jsonWrite(http.StatusCreated, func(r *http.Request, rq *request, b *understandingCreate) (*parley.Understanding, int64, error) {
		u, err := s.recordUnderstanding(r.Context(), r, rq, b)
		return u, 0, err
	})
}

// handleUnderstandingForm is POST /negotiations/{id}/events/{event}/understandings,
// the event page's form: a delegate records its party's understanding,
// one claim per filled row (topic, text, agreed or not, and an issue).
func (s *Server) handleUnderstandingForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		back := "/negotiations/" + itoa(rq.negotiationID) + "/events/" + r.PathValue("event")
		pg := pageForm{template: "event.html", back: back, data: func(context.Context) (map[string]any, error) { return s.eventPage(r, rq) }}
		s.submit(w, r, rq, pg, formName("understanding"), []string{"date", "visibility", "source", "claims"}, func(form url.Values) (string, error) {
			body := &understandingCreate{Visibility: form.Get("visibility"), SourceID: formInt(form, "source")}
			var err error
			if body.Date, err = parley.ParseDate(strings.TrimSpace(form.Get("date"))); err != nil {
				return "", parley.Errorf(parley.EINVALID, "date: %s", parley.ErrorMessage(err))
			}
			for k := 1; k <= 3; k++ {
				n := strconv.Itoa(k)
				topic, text := strings.TrimSpace(form.Get("topic-"+n)), strings.TrimSpace(form.Get("text-"+n))
				if topic == "" && text == "" {
					continue
				}
				c := parley.Claim{Topic: topic, Text: text, Agreed: form.Get("agreed-"+n) != "no", IssueID: formInt(form, "issue-"+n)}
				body.Claims = append(body.Claims, c)
			}
			if _, err := s.recordUnderstanding(r.Context(), r, rq, body); err != nil {
				return "", err
			}
			return "#readings", nil
		})
	}
}
