package web

import (
	"encoding/json"
	"net/http"

	"parley"
)

// VisibleAudit returns the audit log as the member m may read it, through
// the same rule as every other view (parley.CanSee): the log keeps each object
// whole, so a stance, an understanding or any object with a visibility
// that m may not see keeps only its ids and the mark "redacted"; a
// position keeps its reservation only where m may see that, and its note
// only for its own party's delegates. The entries given are not changed.
func VisibleAudit(m *parley.Member, entries []*parley.AuditEntry) []*parley.AuditEntry {
	out := make([]*parley.AuditEntry, 0, len(entries))
	for _, e := range entries {
		c := *e
		c.Before, c.After = visibleObject(m, e.Before), visibleObject(m, e.After)
		out = append(out, &c)
	}
	return out
}

// visibleObject redacts one JSON object of the log for m. What it cannot
// read it hides whole: the log is confidential, and an unreadable entry
// is safer blank than shown.
func visibleObject(m *parley.Member, raw string) string {
	if raw == "" {
		return ""
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(raw), &obj); err != nil {
		return `{"redacted":true}`
	}
	party := int64(0)
	if p, ok := obj["party_id"].(float64); ok {
		party = int64(p)
	}
	if vis, ok := obj["visibility"].(string); ok && !parley.CanSee(m, party, vis) {
		kept := map[string]any{"redacted": true}
		for _, k := range []string{"id", "party_id", "negotiation_id", "event_id", "point_id", "visibility", "revision"} {
			if v, ok := obj[k]; ok {
				kept[k] = v
			}
		}
		obj = kept
	}
	var redacted []string
	if vis, ok := obj["reservation_visibility"].(string); ok {
		if _, has := obj["reservation"]; has && !parley.CanSee(m, party, vis) {
			obj["reservation"] = nil
			redacted = append(redacted, "reservation")
		}
		if _, has := obj["note"]; has && !parley.CanSee(m, party, parley.VisibilityParty) {
			delete(obj, "note")
			redacted = append(redacted, "note")
		}
	}
	if redacted != nil {
		obj["redacted"] = redacted
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return `{"redacted":true}`
	}
	return string(b)
}

// auditEntryJSON is an entry of the audit log as owners read it.
type auditEntryJSON struct {
	*parley.AuditEntry
	Username string          `json:"username,omitempty"`
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
}

// auditView reads a negotiation's audit log as the request's member may
// see it, with usernames.
func (s *Server) auditView(r *http.Request, rq *request) ([]auditEntryJSON, error) {
	ctx := r.Context()
	entries, err := s.Store.ListAudit(ctx, rq.negotiationID)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	out := make([]auditEntryJSON, 0, len(entries))
	for _, e := range VisibleAudit(rq.member, entries) {
		if _, ok := names[e.UserID]; !ok && e.UserID != 0 {
			u, err := s.Store.FindUserByID(ctx, e.UserID)
			if err != nil && parley.ErrorCode(err) != parley.ENOTFOUND {
				return nil, err
			}
			if u != nil {
				names[e.UserID] = u.Username
			}
		}
		j := auditEntryJSON{AuditEntry: e, Username: names[e.UserID]}
		if e.Before != "" {
			j.Before = json.RawMessage(e.Before)
		}
		if e.After != "" {
			j.After = json.RawMessage(e.After)
		}
		out = append(out, j)
	}
	return out, nil
}

// apiAudit is GET /api/v1/negotiations/{id}/audit, for owners.
func (s *Server) apiAudit() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		entries, err := s.auditView(r, rq)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, entries)
	}
}

// handleAudit is the audit log page, for owners, newest first.
func (s *Server) handleAudit() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		n, err := s.Store.FindNegotiationByID(r.Context(), rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		entries, err := s.auditView(r, rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		rows := make([]auditEntryJSON, 0, len(entries))
		for i := len(entries) - 1; i >= 0; i-- {
			rows = append(rows, entries[i])
		}
		s.render(w, r, "audit.html", http.StatusOK, map[string]any{"Title": "Audit log: " + n.Title, "Negotiation": n, "Entries": rows})
	}
}
