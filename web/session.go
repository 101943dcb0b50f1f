package web

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"parley"
	"parley/auth"
)

// login checks a username and password, with rate limiting, and starts a
// session of the given kind.
func (s *Server) login(r *http.Request, username, password, kind string) (string, *parley.Session, error) {
	u, err := s.authenticate(r, username, password)
	if err != nil {
		return "", nil, err
	}
	return auth.StartSession(r.Context(), s.Store, u.ID, kind, "", s.Now())
}

// authenticate returns the user whose name and password these are. Every
// attempt is counted by the login limiter before the password is checked
// (under the username's one normal form, so that " RU\u00a0" is "ru"), and
// every failure is logged, without the password.
func (s *Server) authenticate(r *http.Request, username, password string) (*parley.User, error) {
	ctx := r.Context()
	now := s.Now()
	name, addr := parley.NormalizeUsername(username), s.clientAddr(r)
	keys := newLoginKeys(name, addr)
	wait, err := s.throttle(ctx, keys, now)
	if err != nil {
		return nil, err
	}
	logName := name
	if len(logName) > 64 {
		logName = logName[:64] + "..."
	}
	if wait > 0 {
		s.Logger.Warn("login refused: too many failures", "username", logName, "addr", addr, "wait", wait.Round(time.Second).String())
		return nil, &retryError{seconds: int(math.Ceil(wait.Seconds()))}
	}
	u, err := s.Store.FindUserByUsername(ctx, name)
	if err != nil && parley.ErrorCode(err) != parley.ENOTFOUND {
		return nil, err
	}
	hash := auth.DummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	if !s.VerifyPassword(hash, password) || u == nil {
		reason := "wrong password"
		if u == nil {
			reason = "unknown user"
		}
		s.Logger.Warn("login failed", "username", logName, "addr", addr, "reason", reason)
		return nil, parley.Errorf(parley.EUNAUTHORIZED, "wrong username or password")
	}
	if err := s.succeeded(ctx, keys, now); err != nil {
		return nil, err
	}
	return u, nil
}

// retryError is a refusal to try again before some seconds have passed.
type retryError struct{ seconds int }

func (e *retryError) Error() string {
	return fmt.Sprintf("too many failed logins: try again in %d seconds", e.seconds)
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
		s.render(w, r, "login.html", http.StatusOK, map[string]any{"Title": "Log in", "Next": safeNext(r.URL.Query().Get("next")), "Insecure": s.insecureMessage(r)})
	}
}

// handleLoginForm logs in from the form: a new session (a fresh token, so
// a session fixed before login is worth nothing) in a __Host- cookie.
// Where the browser would drop that cookie (plain HTTP to a host that is
// not this machine) it says why instead of sending the user round to the
// login page for ever.
func (s *Server) handleLoginForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		if err := readForm(w, r, MaxLoginFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		next := safeNext(r.PostForm.Get("next"))
		if msg := s.insecureMessage(r); msg != "" {
			s.render(w, r, "login.html", http.StatusBadRequest, map[string]any{"Title": "Log in", "Next": next, "Insecure": msg, "Username": r.PostForm.Get("username")})
			return
		}
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
		setSessionCookie(w, token, sess)
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

func setSessionCookie(w http.ResponseWriter, token string, sess *parley.Session) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: token, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt})
}

// overHTTPS reports whether the browser reached parley over HTTPS: TLS on
// this connection, or a trusted proxy (TrustProxy) that says it took the
// request over TLS. From anyone else, X-Forwarded-Proto means nothing.
func (s *Server) overHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if !s.TrustProxy {
		return false
	}
	list := r.Header.Values("X-Forwarded-Proto")
	if len(list) == 0 {
		return false
	}
	parts := strings.Split(list[len(list)-1], ",")
	return strings.EqualFold(strings.TrimSpace(parts[len(parts)-1]), "https")
}

// loopbackHost reports whether a Host names this machine, where browsers
// keep Secure cookies over plain HTTP.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// insecureMessage says why a browser cannot log in on this request, or "".
func (s *Server) insecureMessage(r *http.Request) string {
	if s.overHTTPS(r) || loopbackHost(r.Host) {
		return ""
	}
	return "This page came over plain HTTP. Browsers keep the login cookie (Secure, __Host-) only over HTTPS, so logging in here cannot work. " +
		"Serve parley with --tls-cert and --tls-key, or behind a TLS proxy with --trust-proxy, and open it with https://."
}

func (s *Server) handleLogoutForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		_ = s.Store.DeleteSession(r.Context(), rq.caller.session.TokenHash)
		http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1})
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	}
}

// safeNext keeps a redirect target on this site: it must be a path that
// starts with one "/" (not "//" or "/\\", which browsers read as another
// host), with no backslash, space, control or invisible character, no
// scheme and no host, even once percent-decoded (again and again, as a
// server or proxy behind may decode it). Anything else is "/".
func safeNext(next string) string {
	if len(next) > 2048 {
		return "/"
	}
	for s, i := next, 0; ; i++ {
		if !sitePath(s) {
			return "/"
		}
		decoded, err := url.PathUnescape(s)
		if err != nil || i == 4 {
			return "/"
		}
		if decoded == s {
			break
		}
		s = decoded
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}

// sitePath reports whether s, as it stands, is a path on this site.
func sitePath(s string) bool {
	if len(s) == 0 || s[0] != '/' || len(s) > 1 && (s[1] == '/' || s[1] == '\\') || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return false
		}
	}
	return true
}
