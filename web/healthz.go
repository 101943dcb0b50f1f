package web

import (
	"context"
	"net/http"
	"time"
)

// handleHealthz answers 200 when the store answers, 503 otherwise.
func (s *Server) handleHealthz() handler {
	return func(w http.ResponseWriter, r *http.Request, _ *request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := s.Store.Ping(ctx); err != nil {
			s.Logger.Warn("healthz: store unreachable", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("store unreachable\n"))
			return
		}
		w.Write([]byte("ok\n"))
	}
}
