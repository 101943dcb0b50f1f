package web

import (
	"net/http"

	"parley"
)

// handleVersion shows one version and its points.
func (s *Server) handleVersion() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, err := pathID(r, "id")
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
		s.render(w, r, "version.html", http.StatusOK, map[string]any{
			"Title": v.Label, "Version": v, "Negotiation": n, "Drafter": drafter,
		})
	}
}
