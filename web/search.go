package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"parley"
)

// searchQueryOf reads a search from the request: ?q= (the words),
// ?negotiation= (an id; one the caller is a member of), ?kind= and
// ?limit=. Who reads decides what is found: each hit passes parley.CanSee for
// the caller's membership of its negotiation, the rule every other view
// applies, before the store counts it.
func searchQueryOf(r *http.Request, c *caller) (parley.SearchQuery, error) {
	v := r.URL.Query()
	q := parley.SearchQuery{Text: v.Get("q"), Kind: v.Get("kind")}
	if s := v.Get("negotiation"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return q, parley.Errorf(parley.EINVALID, "negotiation %q: want a negotiation id", s)
		}
		if c.members[id] == nil {
			// As everywhere: a negotiation the caller is not in is one that
			// does not exist.
			return q, parley.Errorf(parley.ENOTFOUND, "negotiation %d not found", id)
		}
		q.NegotiationID = id
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > parley.MaxSearchLimit {
			return q, parley.Errorf(parley.EINVALID, "limit %q: want a whole number from 1 to %d", s, parley.MaxSearchLimit)
		}
		q.Limit = n
	}
	q.Visible = parley.SearchVisibility(c.members)
	return q, nil
}

// SearchHitJSON is a hit as the API and "parley search --format json"
// give it: with its negotiation's title and the page that shows it.
type SearchHitJSON struct {
	*parley.SearchHit
	Negotiation string `json:"negotiation"`
	URL         string `json:"url"`
}

// SearchHitURL is the page that shows a hit: a point at its place on its
// version's page, an understanding on its event's page, a source on the
// timeline that lists the sources.
func SearchHitURL(h *parley.SearchHit) string {
	n := fmt.Sprintf("/negotiations/%d", h.NegotiationID)
	switch h.Kind {
	case parley.SearchVersion:
		return fmt.Sprintf("/versions/%d", h.ID)
	case parley.SearchPoint:
		return fmt.Sprintf("/versions/%d#p-%s", h.ParentID, url.PathEscape(h.PointKey))
	case parley.SearchEvent:
		return fmt.Sprintf("%s/events/%d", n, h.ID)
	case parley.SearchUnderstanding:
		return fmt.Sprintf("%s/events/%d", n, h.ParentID)
	}
	return n + "/timeline"
}

// search runs the caller's search and dresses the hits for the API and
// the page.
func (s *Server) search(r *http.Request, c *caller) ([]SearchHitJSON, parley.SearchQuery, error) {
	q, err := searchQueryOf(r, c)
	if err != nil {
		return nil, q, err
	}
	hits, err := s.Store.Search(r.Context(), q)
	if err != nil {
		return nil, q, err
	}
	titles := map[int64]string{}
	out := make([]SearchHitJSON, len(hits))
	for i, h := range hits {
		if _, ok := titles[h.NegotiationID]; !ok {
			n, err := s.Store.FindNegotiationByID(r.Context(), h.NegotiationID)
			if err != nil {
				return nil, q, err
			}
			titles[h.NegotiationID] = n.Title
		}
		out[i] = SearchHitJSON{SearchHit: h, Negotiation: titles[h.NegotiationID], URL: SearchHitURL(h)}
	}
	return out, q, nil
}

// apiSearch is GET /api/v1/search: what the caller may see, best first.
func (s *Server) apiSearch() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		hits, q, err := s.search(r, rq.caller)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"query": q.Text, "hits": hits})
	}
}

// handleSearch is the search page: the form, and the hits with their
// snippets and links. An empty query shows the form alone.
func (s *Server) handleSearch() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		negotiations, err := s.memberNegotiations(r.Context(), rq.caller)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		text := r.URL.Query().Get("q")
		data := map[string]any{"Title": "Search", "Query": text, "Negotiations": negotiations, "Kinds": parley.SearchKinds,
			"Negotiation": r.URL.Query().Get("negotiation"), "Kind": r.URL.Query().Get("kind")}
		if strings.TrimSpace(text) == "" {
			s.render(w, r, "search.html", http.StatusOK, data)
			return
		}
		data["Title"] = "Search: " + text
		hits, _, err := s.search(r, rq.caller)
		if err != nil {
			if parley.ErrorCode(err) == parley.EINTERNAL {
				s.fail(w, r, err)
				return
			}
			data["Error"] = parley.ErrorMessage(err)
			s.render(w, r, "search.html", statusOf(err), data)
			return
		}
		data["Hits"] = hits
		s.render(w, r, "search.html", http.StatusOK, data)
	}
}
