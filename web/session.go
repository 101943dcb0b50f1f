package web

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"strings"

	"parley"
)

// login checks a username and password, with rate limiting, and starts a
// session of the given kind.
func (s *Server) login(r *http.Request, username, password, kind string) (string, *parley.Session, error) {
	ctx := r.Context()
	now := s.Now()
	keys := []string{"user:" + strings.ToLower(username), "addr:" + clientAddr(r)}
	if wait := s.limiter.wait(now, keys...); wait > 0 {
		return "", nil, &retryError{seconds: int(math.Ceil(wait.Seconds()))}
	}
	u, err := s.Store.FindUserByUsername(ctx, strings.ToLower(strings.TrimSpace(username)))
	if err != nil && parley.ErrorCode(err) != parley.ENOTFOUND {
		return "", nil, err
	}
	if u == nil || !CheckPassword(u.PasswordHash, password) {
		s.limiter.fail(now, keys...)
		return "", nil, parley.Errorf(parley.EUNAUTHORIZED, "wrong username or password")
	}
	s.limiter.succeed(keys...)
	return StartSession(ctx, s.Store, u.ID, kind, "", now)
}

// retryError is a refusal to try again before some seconds have passed.
type retryError struct{ seconds int }

func (e *retryError) Error() string {
	return fmt.Sprintf("too many failed logins: try again in %d seconds", e.seconds)
}

// clientAddr is the address the request came from (the proxy's, behind
// one: parley does not trust forwarded headers).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) writeLoginError(w http.ResponseWriter, err error) {
	if re, ok := err.(*retryError); ok {
		w.Header().Set("Retry-After", fmt.Sprint(re.seconds))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": re.Error(), "code": "rate_limited"})
		return
	}
	writeError(w, err)
}

// apiLogin is POST /api/v1/sessions {"username","password"} -> 201 {"token"}.
func (s *Server) apiLogin() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var body struct {
			Username string `json:"username"`
			Password string `json:"password"`
		}
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		token, sess, err := s.login(r, body.Username, body.Password, parley.SessionAPI)
		if err != nil {
			s.writeLoginError(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, map[string]any{"token": token, "expires_at": sess.ExpiresAt})
	}
}

// apiLogout ends the session the request came with.
func (s *Server) apiLogout() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		if err := s.Store.DeleteSession(r.Context(), rq.caller.session.TokenHash); err != nil {
			writeError(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) handleLoginPage() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		s.render(w, r, "login.html", http.StatusOK, map[string]any{"Title": "Log in", "Next": safeNext(r.URL.Query().Get("next"))})
	}
}

// handleLoginForm logs in from the form: a new session (a fresh token, so
// a session fixed before login is worth nothing) in a __Host- cookie.
func (s *Server) handleLoginForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		if err := readForm(w, r, MaxLoginFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		next := safeNext(r.PostForm.Get("next"))
		token, sess, err := s.login(r, r.PostForm.Get("username"), r.PostForm.Get("password"), parley.SessionCookie)
		if err != nil {
			status, msg := statusOf(err), parley.ErrorMessage(err)
			if re, ok := err.(*retryError); ok {
				status, msg = http.StatusTooManyRequests, re.Error()
				w.Header().Set("Retry-After", fmt.Sprint(re.seconds))
			}
			s.render(w, r, "login.html", status, map[string]any{"Title": "Log in", "Next": next, "Error": msg, "Username": r.PostForm.Get("username")})
			return
		}
		if old := rq.caller; old != nil {
			_ = s.Store.DeleteSession(r.Context(), old.session.TokenHash)
		}
		http.SetCookie(w, &http.Cookie{Name: CookieName, Value: token, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt})
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

func (s *Server) handleLogoutForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		_ = s.Store.DeleteSession(r.Context(), rq.caller.session.TokenHash)
		http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1})
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	}
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}
