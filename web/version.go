package web

import (
	"net/http"

	"parley"
)

// handleVersion shows one version and its points.
func (s *Server) handleVersion() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		id, err := pathID(r, "version")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v, err := s.Store.FindVersionByID(ctx, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		n, err := s.Store.FindNegotiationByID(ctx, v.NegotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		parties, err := s.Store.ListParties(ctx, v.NegotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var drafter *parley.Party
		for _, p := range parties {
			if p.ID == v.PartyID {
				drafter = p
			}
		}
		states, err := s.pointStates(ctx, v, parties, rq.member)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "version.html", http.StatusOK, map[string]any{
			"Title": v.Label, "Version": v, "Negotiation": n, "Drafter": drafter, "Points": states,
		})
	}
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
