package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"parley"
	"parley/export"
	"parley/topic"
)

// handleVersion shows one version and its points, each with the stances
// the caller may see, their history, and a form to record a stance.
func (s *Server) handleVersion() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		id, err := pathID(r, "version")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data, err := s.versionPage(r.Context(), rq, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "version.html", http.StatusOK, data)
	}
}

// stanceRevision is one revision of a stance in a point's history.
type stanceRevision struct {
	Party  string
	Source *parley.Source // where the stance is known from, if recorded
	*parley.Stance
}

// Label writes the stance value for people.
func (h stanceRevision) Label() string { return parley.StanceLabel(h.Value) }

// versionPage gathers what the version page shows.
func (s *Server) versionPage(ctx context.Context, rq *request, id int64) (map[string]any, error) {
	v, err := s.Store.FindVersionByID(ctx, id)
	if err != nil {
		return nil, err
	}
	var l loader
	n := load(&l, func() (*parley.Negotiation, error) { return s.Store.FindNegotiationByID(ctx, v.NegotiationID) })
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, v.NegotiationID) })
	sources := load(&l, func() ([]*parley.Source, error) { return s.Store.ListSources(ctx, v.NegotiationID) })
	history := load(&l, func() ([]*parley.Stance, error) {
		return s.Store.ListStanceHistory(ctx, parley.StanceFilter{VersionID: v.ID})
	})
	if l.err != nil {
		return nil, l.err
	}
	var drafter *parley.Party
	for _, p := range parties {
		if p.ID == v.PartyID {
			drafter = p
		}
	}
	states, err := s.pointStates(ctx, v, parties, rq.member)
	if err != nil {
		return nil, err
	}
	// The parties the caller may record stances for: its own, or any.
	var recorders []*parley.Party
	for _, p := range parties {
		if parley.MayRecordStance(rq.member, p.ID) == nil {
			recorders = append(recorders, p)
		}
	}
	sourceByID := make(map[int64]*parley.Source, len(sources))
	for _, src := range sources {
		sourceByID[src.ID] = src
	}
	var versionSources []*parley.Source
	for _, id := range v.SourceIDs {
		if src := sourceByID[id]; src != nil {
			versionSources = append(versionSources, src)
		}
	}
	byPoint := map[int64][]stanceRevision{}
	for _, h := range history {
		if parley.CanSee(rq.member, h.PartyID, h.Visibility) {
			byPoint[h.PointID] = append(byPoint[h.PointID], stanceRevision{Party: partyCode(parties, h.PartyID), Source: sourceByID[h.SourceID], Stance: h})
		}
	}
	type pointView struct {
		pointState
		History []stanceRevision
	}
	points := make([]pointView, len(states))
	for i, ps := range states {
		for k := range ps.Stances {
			ps.Stances[k].CanConfirm = ps.Stances[k].Carried != "" && parley.MayRecordStance(rq.member, ps.Stances[k].PartyID) == nil
		}
		points[i] = pointView{pointState: ps, History: byPoint[ps.Point.ID]}
	}
	visibilities := []string{parley.VisibilityMediator, parley.VisibilityPublished}
	if rq.member.Role == parley.RoleDelegate {
		visibilities = append([]string{parley.VisibilityParty}, visibilities...)
	}
	leaves, err := s.Store.ListRecordLeaves(ctx, v.NegotiationID)
	if err != nil {
		return nil, err
	}
	controls, err := s.recordControlsFor(ctx, rq.member, v.NegotiationID, leaves, nil)
	if err != nil {
		return nil, err
	}
	topics, _, err := s.versionTopics(ctx, v)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"Topics": topics, "Scheme": topic.Scheme, "CanSetTopics": rq.member.Role == parley.RoleMediator || rq.member.Role == parley.RoleOwner,
		"Title": v.Label, "Version": v, "VersionFormats": export.FormatsOf(export.OfVersion), "Negotiation": n, "Drafter": drafter, "Points": points,
		"Recorders": recorders, "Sources": sources, "VersionSources": versionSources, "StanceValues": parley.StanceValues, "Visibilities": visibilities,
		"Reliability": parley.ReliabilityMeaning, "Credibility": parley.CredibilityMeaning,
		"Today": s.Now().Format("2006-01-02"), "Record": controls,
	}, nil
}

// handleStanceForm is POST /versions/{version}/stances, the form on each
// point of the version page: record a party's stance on the point, or
// confirm a carried one. The form carries the revision of each stance it
// showed (rev-PARTY); a stance changed since is not overwritten.
func (s *Server) handleStanceForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		versionID, err := pathID(r, "version")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if err := readForm(w, r, MaxStanceFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		_, key, err := s.recordStanceForm(ctx, rq, versionID, r.PostForm)
		if err != nil {
			data, derr := s.versionPage(ctx, rq, versionID)
			if derr != nil {
				s.fail(w, r, err)
				return
			}
			err = publicError(err)
			noteError(w, err)
			data["FormError"], data["FormPoint"] = parley.ErrorMessage(err), formInt(r.PostForm, "point")
			s.render(w, r, "version.html", statusOf(err), data)
			return
		}
		http.Redirect(w, r, "/versions/"+itoa(versionID)+"#p-"+key, http.StatusSeeOther)
	}
}

func formInt(form url.Values, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(form.Get(name)), 10, 64)
	return n
}

// recordStanceForm checks the stance form and records the stance; it
// returns the stance and the key of its point.
func (s *Server) recordStanceForm(ctx context.Context, rq *request, versionID int64, form url.Values) (*parley.Stance, string, error) {
	v, err := s.Store.FindVersionByID(ctx, versionID)
	if err != nil {
		return nil, "", err
	}
	pointID, partyID := formInt(form, "point"), formInt(form, "party")
	if rq.member.Role == parley.RoleDelegate && partyID == 0 {
		partyID = rq.member.PartyID
	}
	if err := parley.MayRecordStance(rq.member, partyID); err != nil {
		return nil, "", err
	}
	var point *parley.Point
	for k := range v.Points {
		if v.Points[k].ID == pointID {
			point = &v.Points[k]
		}
	}
	if point == nil {
		return nil, "", parley.Errorf(parley.EINVALID, "point: %q is not a point of %s", form.Get("point"), v.Label)
	}
	parties, err := s.Store.ListParties(ctx, v.NegotiationID)
	if err != nil {
		return nil, "", err
	}
	if partyCode(parties, partyID) == "?" {
		return nil, "", parley.Errorf(parley.EINVALID, "party: %q is not a party to this negotiation", form.Get("party"))
	}
	body := stanceBody{Value: form.Get("value"), Note: form.Get("note"), Visibility: form.Get("visibility"), SourceID: formInt(form, "source")}
	if body.Date, err = parley.ParseDate(strings.TrimSpace(form.Get("date"))); err != nil {
		return nil, "", parley.Errorf(parley.EINVALID, "date: %s", parley.ErrorMessage(err))
	}
	current, err := s.Store.ListStances(ctx, parley.StanceFilter{PointID: point.ID, PartyID: partyID})
	if err != nil {
		return nil, "", err
	}
	seen := formInt(form, "rev-"+itoa(partyID))
	code := partyCode(parties, partyID)
	if len(current) == 0 {
		if seen != 0 {
			return nil, "", parley.Errorf(parley.ECONFLICT, "the stance of %s on point %s is gone since the page was loaded: reload the page", code, point.Key())
		}
		st := &parley.Stance{NegotiationID: v.NegotiationID, PointID: point.ID, PartyID: partyID}
		if err := body.apply(rq.member, st); err != nil {
			return nil, "", err
		}
		return st, point.Key(), s.Store.CreateStance(ctx, st)
	}
	st := current[0]
	if !parley.CanSee(rq.member, st.PartyID, st.Visibility) {
		return nil, "", parley.Errorf(parley.ECONFLICT, "%s keeps its own stance on point %s; its delegates change it", code, point.Key())
	}
	if seen != st.Revision {
		return nil, "", parley.Errorf(parley.ECONFLICT, "the stance of %s on point %s changed since the page was loaded (now %s, revision %d): reload the page and record it again",
			code, point.Key(), parley.StanceLabel(st.Value), st.Revision)
	}
	if err := body.apply(rq.member, st); err != nil {
		return nil, "", err
	}
	return st, point.Key(), s.Store.UpdateStance(ctx, st)
}

func (s *Server) apiVersions() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		versions, err := s.Store.ListVersions(r.Context(), parley.VersionFilter{NegotiationID: rq.negotiationID})
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, versions)
	}
}

// apiVersion is GET /api/v1/versions/{version}: the version with its points.
func (s *Server) apiVersion() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		id, err := pathID(r, "version")
		if err != nil {
			writeError(w, err)
			return
		}
		v, err := s.Store.FindVersionByID(r.Context(), id)
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(v.Revision))
		writeJSON(w, http.StatusOK, v)
	}
}
