package web

import (
	"net/http"

	"parley"
)

// apiStances is GET /api/v1/negotiations/{id}/stances: every stance the
// caller may see (a party's draft stances stay with its delegates).
func (s *Server) apiStances() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		stances, err := s.Store.ListStances(r.Context(), parley.StanceFilter{NegotiationID: rq.negotiationID})
		if err != nil {
			writeError(w, err)
			return
		}
		out := make([]*parley.Stance, 0, len(stances))
		for _, st := range stances {
			if canSee(rq.member, st.PartyID, st.Visibility) {
				out = append(out, st)
			}
		}
		writeJSON(w, http.StatusOK, out)
	}
}
