package web

import (
	"context"
	"net/http"

	"parley"
)

type negotiationView struct {
	*parley.Negotiation
	Role     string
	Versions []*parley.Version
}

// handleHome lists the caller's negotiations and their versions.
func (s *Server) handleHome() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		list, err := s.memberNegotiations(ctx, rq.caller)
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
			views = append(views, negotiationView{n, rq.caller.members[n.ID].Role, versions})
		}
		s.render(w, withCaller(r, rq), "home.html", http.StatusOK, map[string]any{"Title": "Negotiations", "Negotiations": views})
	}
}

// memberNegotiations returns the negotiations the caller is a member of.
func (s *Server) memberNegotiations(ctx context.Context, c *caller) ([]*parley.Negotiation, error) {
	all, err := s.Store.ListNegotiations(ctx)
	if err != nil {
		return nil, err
	}
	var out []*parley.Negotiation
	for _, n := range all {
		if c.members[n.ID] != nil {
			out = append(out, n)
		}
	}
	return out, nil
}

func withCaller(r *http.Request, rq *request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), callerKey{}, rq.caller))
}

// negotiationJSON is a negotiation as the API gives it, with the caller's
// role in it.
type negotiationJSON struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Role        string `json:"role"`
	PartyID     int64  `json:"party_id,omitempty"`
	Revision    int64  `json:"revision"`
}

func toNegotiationJSON(n *parley.Negotiation, m *parley.Member) negotiationJSON {
	return negotiationJSON{ID: n.ID, Title: n.Title, Description: n.Description, Role: m.Role, PartyID: m.PartyID, Revision: n.Revision}
}

// apiNegotiations is GET /api/v1/negotiations: those the caller is in.
func (s *Server) apiNegotiations() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		list, err := s.memberNegotiations(r.Context(), rq.caller)
		if err != nil {
			writeError(w, err)
			return
		}
		out := make([]negotiationJSON, 0, len(list))
		for _, n := range list {
			out = append(out, toNegotiationJSON(n, rq.caller.members[n.ID]))
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) apiNegotiation() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		n, err := s.Store.FindNegotiationByID(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(n.Revision))
		writeJSON(w, http.StatusOK, toNegotiationJSON(n, rq.member))
	}
}

func etag(revision int64) string { return `"` + itoa(revision) + `"` }
