package web

import (
	"net/http"

	"parley"
)

// MaxSynonymFormBytes bounds the synonyms page's form, one line per
// group: 64 KiB.
const MaxSynonymFormBytes = 64 << 10

// synonymsBody is the body of PUT .../synonyms and the answer of GET.
type synonymsBody struct {
	Groups []parley.SynonymGroup `json:"groups"`
}

// apiSynonyms is GET /api/v1/negotiations/{id}/synonyms: the synonyms
// the mediators keep, by which the topics of understandings are matched.
func (s *Server) apiSynonyms() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		groups, err := s.Store.ListSynonyms(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, synonymsBody{Groups: groups})
	}
}

// apiSetSynonyms is PUT /api/v1/negotiations/{id}/synonyms: a mediator
// or owner replaces the whole list, audited.
func (s *Server) apiSetSynonyms() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var body synonymsBody
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		if body.Groups == nil {
			writeError(w, parley.Errorf(parley.EINVALID, "groups: required (a list, empty to clear)"))
			return
		}
		if err := s.Store.SetSynonyms(r.Context(), rq.negotiationID, body.Groups); err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, body)
	}
}

// handleSynonyms shows the synonyms list, with a form to edit it for the
// mediators and owners.
func (s *Server) handleSynonyms() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		s.renderSynonyms(w, r, rq, http.StatusOK, "", nil)
	}
}

// renderSynonyms draws the synonyms page; text, when not empty, is what
// the form holds (a list that was refused, with err saying why).
func (s *Server) renderSynonyms(w http.ResponseWriter, r *http.Request, rq *request, status int, text string, err error) {
	ctx := r.Context()
	n, ferr := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
	if ferr != nil {
		s.fail(w, r, ferr)
		return
	}
	groups, ferr := s.Store.ListSynonyms(ctx, rq.negotiationID)
	if ferr != nil {
		s.fail(w, r, ferr)
		return
	}
	if text == "" {
		text = parley.FormatSynonyms(groups)
	}
	problem := ""
	if err != nil {
		problem = parley.ErrorMessage(err)
	}
	s.render(w, r, "synonyms.html", status, map[string]any{
		"Title": "Synonyms", "Negotiation": n, "Groups": groups, "Text": text, "Problem": problem,
		"Mediating": rq.member.Role == parley.RoleMediator || rq.member.Role == parley.RoleOwner,
	})
}

// handleSynonymsForm is POST /negotiations/{id}/synonyms: the page's
// form, one group a line ("army-cap: army ceiling, потолок армии").
func (s *Server) handleSynonymsForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		if err := readForm(w, r, MaxSynonymFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		text := r.PostFormValue("synonyms")
		groups, err := parley.ParseSynonyms(text)
		if err == nil {
			err = s.Store.SetSynonyms(r.Context(), rq.negotiationID, groups)
		}
		if parley.ErrorCode(err) == parley.EINVALID {
			s.renderSynonyms(w, r, rq, http.StatusBadRequest, text, err)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		http.Redirect(w, r, "/negotiations/"+itoa(rq.negotiationID)+"/synonyms", http.StatusSeeOther)
	}
}
