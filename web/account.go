package web

import (
	"context"
	"net/http"
	"strconv"

	"parley"
	"parley/auth"
)

// changePassword checks the caller's current password (through the login
// limiter: a stolen session must not become a way to guess it), checks the
// new one against the policy, and replaces it, ending every other session
// and API token of the caller in the same transaction.
func (s *Server) changePassword(r *http.Request, rq *request, current, next string) error {
	u := rq.caller.user
	if _, err := s.authenticate(r, u.Username, current); err != nil {
		if parley.ErrorCode(err) == parley.EUNAUTHORIZED {
			return parley.Errorf(parley.EFORBIDDEN, "current password: wrong password")
		}
		return err
	}
	hash, err := auth.NewPasswordHash(u.Username, next)
	if err != nil {
		return err
	}
	if err := s.Store.SetPassword(r.Context(), u.ID, hash, rq.caller.session.TokenHash); err != nil {
		return err
	}
	s.Logger.Info("password changed; other sessions ended", "user", u.Username)
	return nil
}

// handlePasswordPage shows the form to change one's password.
func (s *Server) handlePasswordPage() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		s.render(w, withCaller(r, rq), "password.html", http.StatusOK, map[string]any{"Title": "Change password", "Min": auth.MinPasswordLength})
	}
}

// handlePasswordForm changes the caller's password from the form.
func (s *Server) handlePasswordForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if err := r.ParseForm(); err != nil {
			s.fail(w, r, parley.Errorf(parley.EINVALID, "bad form"))
			return
		}
		data := map[string]any{"Title": "Change password", "Min": auth.MinPasswordLength}
		err := error(nil)
		if r.PostForm.Get("new") != r.PostForm.Get("repeat") {
			err = parley.Errorf(parley.EINVALID, "new password: the two copies differ")
		} else {
			err = s.changePassword(r, rq, r.PostForm.Get("current"), r.PostForm.Get("new"))
		}
		status := http.StatusOK
		if err != nil {
			status, data["Error"] = statusOf(err), parley.ErrorMessage(err)
			if re, ok := err.(*retryError); ok {
				status, data["Error"] = http.StatusTooManyRequests, re.Error()
			}
		} else {
			data["Done"] = true
		}
		s.render(w, r, "password.html", status, data)
	}
}

// apiChangePassword is POST /api/v1/password {"current", "new"}: the
// token it came with stays valid, every other one ends.
func (s *Server) apiChangePassword() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var body struct {
			Current string `json:"current"`
			New     string `json:"new"`
		}
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		if err := s.changePassword(r, rq, body.Current, body.New); err != nil {
			s.writeLoginError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"changed": true})
	}
}

// memberOf returns the member the path's {user} names in the request's
// negotiation: an owner administers only the members of a negotiation they
// own, and anyone else is not found.
func (s *Server) memberOf(ctx context.Context, r *http.Request, rq *request) (*parley.Member, []*parley.Member, error) {
	id, err := pathID(r, "user")
	if err != nil {
		return nil, nil, err
	}
	members, err := s.Store.ListMembers(ctx, rq.negotiationID)
	if err != nil {
		return nil, nil, err
	}
	for _, m := range members {
		if m.UserID == id {
			return m, members, nil
		}
	}
	return nil, nil, parley.Errorf(parley.ENOTFOUND, "user %d is not a member of this negotiation", id)
}

// revokeMember ends every session and API token of a member (the caller's
// own current session excepted, when owners revoke their own).
func (s *Server) revokeMember(r *http.Request, rq *request) (int, error) {
	ctx := r.Context()
	m, _, err := s.memberOf(ctx, r, rq)
	if err != nil {
		return 0, err
	}
	keep := ""
	if m.UserID == rq.caller.user.ID {
		keep = rq.caller.session.TokenHash
	}
	n, err := s.Store.DeleteUserSessions(ctx, m.UserID, keep)
	if err == nil {
		s.Logger.Info("sessions revoked", "user_id", m.UserID, "by", rq.caller.user.Username, "negotiation_id", rq.negotiationID, "ended", n)
	}
	return n, err
}

// removeMember takes a member's role in the negotiation away; the store
// keeps the last owner, so that someone can still administer it.
func (s *Server) removeMember(r *http.Request, rq *request) (*parley.Member, error) {
	m, _, err := s.memberOf(r.Context(), r, rq)
	if err != nil {
		return nil, err
	}
	return m, s.Store.RemoveMember(r.Context(), rq.negotiationID, m.UserID)
}

// handleRevokeMemberForm is the members page's "End sessions" button.
func (s *Server) handleRevokeMemberForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		if _, err := s.revokeMember(r, rq); err != nil {
			s.fail(w, withCaller(r, rq), err)
			return
		}
		http.Redirect(w, r, "/negotiations/"+strconv.FormatInt(rq.negotiationID, 10)+"/members", http.StatusSeeOther)
	}
}

// handleRemoveMemberForm is the members page's "Remove" button.
func (s *Server) handleRemoveMemberForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		if _, err := s.removeMember(r, rq); err != nil {
			s.fail(w, withCaller(r, rq), err)
			return
		}
		http.Redirect(w, r, "/negotiations/"+strconv.FormatInt(rq.negotiationID, 10)+"/members", http.StatusSeeOther)
	}
}

// apiRevokeMember is DELETE .../members/{user}/sessions.
func (s *Server) apiRevokeMember() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		n, err := s.revokeMember(r, rq)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"ended": n})
	}
}

// apiRemoveMember is DELETE .../members/{user}.
func (s *Server) apiRemoveMember() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		m, err := s.removeMember(r, rq)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"removed": m})
	}
}
