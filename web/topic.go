package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"parley"
	"parley/topic"
)

// MaxTopicFormBytes bounds the topic form of the version page: a point,
// an action, a dozen topic keys and a note.
const MaxTopicFormBytes = 16 << 10

// versionTopics returns the topics of a version's points, decided or
// suggested, by point id.
func (s *Server) versionTopics(ctx context.Context, v *parley.Version) (map[int64]topic.Assigned, []topic.Assigned, error) {
	ds, err := s.Store.ListTopicDecisions(ctx, parley.TopicFilter{VersionID: v.ID})
	if err != nil {
		return nil, nil, err
	}
	list := topic.Assign(v.Points, parley.CurrentTopics(ds))
	byPoint := make(map[int64]topic.Assigned, len(list))
	for _, a := range list {
		byPoint[a.PointID] = a
	}
	return byPoint, list, nil
}

// topicBody is the body of POST /api/v1/versions/{version}/topics: the
// point by its path, and the decision.
type topicBody struct {
	Path   []string `json:"path"`
	Topics []string `json:"topics"`
	Action string   `json:"action"`
	Note   string   `json:"note"`
}

// decideTopics stores a person's decision on the topics of a point of v.
// Confirming takes the point's current suggestions; correcting takes the
// topics given, each of which must be a topic of the scheme.
func (s *Server) decideTopics(ctx context.Context, rq *request, v *parley.Version, body topicBody) (*parley.TopicDecision, *parley.Point, error) {
	var point *parley.Point
	for k := range v.Points {
		if slices.Equal(v.Points[k].Path, body.Path) {
			point = &v.Points[k]
		}
	}
	if point == nil {
		return nil, nil, parley.Errorf(parley.EINVALID, "path: %q is not a point of %s", parley.FormatPath(body.Path), v.Label)
	}
	d := &parley.TopicDecision{PointID: point.ID, Action: body.Action, Note: strings.TrimSpace(body.Note), UserID: rq.caller.user.ID}
	switch body.Action {
	case parley.TopicConfirm:
		if len(body.Topics) > 0 {
			return nil, nil, parley.Errorf(parley.EINVALID, "topics: confirm takes the suggested topics; send action %q to give your own", parley.TopicCorrect)
		}
		_, list, err := s.versionTopics(ctx, v)
		if err != nil {
			return nil, nil, err
		}
		for _, a := range list {
			if a.PointID == point.ID {
				for _, sg := range a.Suggestions {
					d.Topics = append(d.Topics, sg.Topic)
				}
			}
		}
	case parley.TopicCorrect:
		for _, k := range body.Topics {
			if _, ok := topic.Find(k); !ok {
				return nil, nil, parley.Errorf(parley.EINVALID, "topics: %q is not a topic of the scheme (%s)", k, schemeKeys())
			}
		}
		d.Topics = body.Topics
	}
	return d, point, s.Store.CreateTopicDecision(ctx, d)
}

// pathVersion returns the version the request's path names, with its
// points.
func (s *Server) pathVersion(r *http.Request) (*parley.Version, error) {
	id, err := pathID(r, "version")
	if err != nil {
		return nil, err
	}
	return s.Store.FindVersionByID(r.Context(), id)
}

// schemeKeys lists the keys of the topic scheme for messages.
func schemeKeys() string {
	keys := make([]string, len(topic.Scheme))
	for i, c := range topic.Scheme {
		keys[i] = c.Key
	}
	return strings.Join(keys, ", ")
}

// apiVersionTopics is GET /api/v1/versions/{version}/topics: each point's
// topics, decided or suggested, with the suggestions' evidence.
func (s *Server) apiVersionTopics() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		v, err := s.pathVersion(r)
		if err != nil {
			writeError(w, err)
			return
		}
		_, list, err := s.versionTopics(r.Context(), v)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"version_id": v.ID, "points": list})
	}
}

// apiSetTopics is POST /api/v1/versions/{version}/topics: a mediator or
// an owner confirms a point's suggested topics or corrects them.
func (s *Server) apiSetTopics() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var body topicBody
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		v, err := s.pathVersion(r)
		if err != nil {
			writeError(w, err)
			return
		}
		d, _, err := s.decideTopics(r.Context(), rq, v, body)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, d)
	}
}

// handleTopicForm is POST /versions/{version}/topics, the topic form on
// each point of the version page.
func (s *Server) handleTopicForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		if err := readForm(w, r, MaxTopicFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		v, err := s.pathVersion(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		id := v.ID
		body := topicBody{Action: r.PostForm.Get("action"), Note: r.PostForm.Get("note"), Topics: r.PostForm["topic"]}
		if body.Action == "" {
			body.Action = parley.TopicCorrect
		}
		pointID := formInt(r.PostForm, "point")
		for _, p := range v.Points {
			if p.ID == pointID {
				body.Path = p.Path
			}
		}
		if body.Path == nil {
			body.Path = []string{r.PostForm.Get("point")}
		}
		_, point, err := s.decideTopics(ctx, rq, v, body)
		if err != nil {
			data, derr := s.versionPage(ctx, rq, id)
			if derr != nil {
				s.fail(w, r, err)
				return
			}
			err = publicError(err)
			noteError(w, err)
			data["FormError"], data["FormPoint"] = parley.ErrorMessage(err), pointID
			s.render(w, r, "version.html", statusOf(err), data)
			return
		}
		http.Redirect(w, r, "/versions/"+itoa(id)+"#p-"+point.Key(), http.StatusSeeOther)
	}
}

// topicPoint is a point on the topic in the topic view, with the stances
// the caller may see.
type topicPoint struct {
	topic.Assigned
	Stances []stanceJSON `json:"stances"`
}

// topicVersion is one version in the topic view.
type topicVersion struct {
	topic.Change
	Points []topicPoint `json:"points"`
}

// topicIssue is an issue on the topic, with the positions on it.
type topicIssue struct {
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	Evidence  []string       `json:"evidence"`
	Positions []positionJSON `json:"positions"`
}

// topicView is what the topic view shows: the scheme, what each version
// added and dropped, and for one topic its points in every version, the
// stances on them and the positions on its issues, as far as the caller
// may see them.
type topicView struct {
	Scheme   []topic.Category `json:"scheme"`
	Topic    *topic.Category  `json:"topic,omitempty"`
	Versions []topicVersion   `json:"versions"`
	Issues   []topicIssue     `json:"issues"`
}

// topicView gathers the topic view of a negotiation; key "" gives the
// changes of every version without the points.
func (s *Server) topicView(ctx context.Context, rq *request, negotiationID int64, key string) (*topicView, error) {
	out := &topicView{Scheme: topic.Scheme, Versions: []topicVersion{}, Issues: []topicIssue{}}
	if key != "" {
		c, ok := topic.Find(key)
		if !ok {
			return nil, parley.Errorf(parley.EINVALID, "topic: %q is not a topic of the scheme (%s)", key, schemeKeys())
		}
		out.Topic = &c
	}
	versions, err := s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: negotiationID})
	if err != nil {
		return nil, err
	}
	var l loader
	decisions := load(&l, func() ([]*parley.TopicDecision, error) {
		return s.Store.ListTopicDecisions(ctx, parley.TopicFilter{NegotiationID: negotiationID})
	})
	stances := load(&l, func() ([]*parley.Stance, error) {
		return s.Store.ListStances(ctx, parley.StanceFilter{NegotiationID: negotiationID})
	})
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, negotiationID) })
	issues := load(&l, func() ([]*parley.Issue, error) { return s.Store.ListIssues(ctx, negotiationID) })
	positions := load(&l, func() ([]*parley.Position, error) {
		return s.Store.ListPositions(ctx, parley.PositionFilter{NegotiationID: negotiationID})
	})
	if l.err != nil {
		return nil, l.err
	}
	current := parley.CurrentTopics(decisions)
	assigned := map[int64][]topic.Assigned{}
	for _, v := range versions {
		full, err := s.Store.FindVersionByID(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		assigned[v.ID] = topic.Assign(full.Points, current)
	}
	stancesOf := map[int64][]stanceJSON{}
	for _, st := range stancesJSON(stances, parties, rq.member) {
		stancesOf[st.PointID] = append(stancesOf[st.PointID], st)
	}
	for _, c := range topic.Changes(versions, assigned) {
		tv := topicVersion{Change: c, Points: []topicPoint{}}
		for _, a := range assigned[c.VersionID] {
			if key != "" && slices.Contains(a.Topics, key) {
				tv.Points = append(tv.Points, topicPoint{Assigned: a, Stances: append([]stanceJSON{}, stancesOf[a.PointID]...)})
			}
		}
		out.Versions = append(out.Versions, tv)
	}
	if key == "" {
		return out, nil
	}
	for _, is := range issues {
		for _, sg := range topic.IssueTopics(is) {
			if sg.Topic != key {
				continue
			}
			ti := topicIssue{ID: is.ID, Name: is.Name, Evidence: sg.Evidence, Positions: []positionJSON{}}
			for _, p := range positions {
				if p.IssueID == is.ID {
					ti.Positions = append(ti.Positions, positionView(p, is.Name, partyCode(parties, p.PartyID), rq.member))
				}
			}
			out.Issues = append(out.Issues, ti)
		}
	}
	return out, nil
}

// apiTopics is GET /api/v1/negotiations/{id}/topics: the scheme and what
// each version added and dropped; ?topic=KEY adds that topic's points in
// every version, the stances on them and the positions on its issues.
func (s *Server) apiTopics() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		view, err := s.topicView(r.Context(), rq, rq.negotiationID, r.URL.Query().Get("topic"))
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, view)
	}
}

// handleTopics is GET /negotiations/{id}/topics, the topic view page.
func (s *Server) handleTopics() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		ctx := r.Context()
		n, err := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		key := r.URL.Query().Get("topic")
		view, err := s.topicView(ctx, rq, n.ID, key)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "topics.html", http.StatusOK, map[string]any{
			"Title": "Topics", "Negotiation": n, "View": view, "Selected": key,
		})
	}
}
