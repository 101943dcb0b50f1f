package web

import "net/http"

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
