package web

import (
	"net/http"

	"parley"
)

func (s *Server) apiEvents() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		events, err := s.Store.ListEvents(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, events)
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
