package web

import (
	"net/http"

	"parley"
)

type negotiationView struct {
	*parley.Negotiation
	Versions []*parley.Version
}

// handleHome lists the negotiations and their versions.
func (s *Server) handleHome() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		list, err := s.Store.ListNegotiations(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		views := make([]negotiationView, 0, len(list))
		for _, n := range list {
			versions, err := s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
			if err != nil {
				s.fail(w, r, err)
				return
			}
			views = append(views, negotiationView{n, versions})
		}
		s.render(w, r, "home.html", http.StatusOK, map[string]any{"Title": "Negotiations", "Negotiations": views})
	}
}
