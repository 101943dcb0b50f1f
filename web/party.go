package web

import (
	"net/http"
	"strconv"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (s *Server) apiParties() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		parties, err := s.Store.ListParties(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, parties)
	}
}
