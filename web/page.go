package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"parley"
)

// render writes a page, or an error page if the template fails.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, status int, data map[string]any) {
	t, ok := s.pages[name]
	if !ok {
		s.fail(w, r, parley.Errorf(parley.EINTERNAL, "no template %s", name))
		return
	}
	if data == nil {
		data = map[string]any{}
	}
	data["Demo"] = s.Demo
	if _, ok := data["Form"]; !ok {
		data["Form"] = &formState{}
	}
	if c, ok := r.Context().Value(callerKey{}).(*caller); ok && c != nil {
		data["User"] = c.user
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		noteError(w, fmt.Errorf("web: render %s: %w", name, err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// callerKey carries the caller to the page templates.
type callerKey struct{}

// statusOf maps a parley error code to an HTTP status, once for the package.
func statusOf(err error) int {
	switch parley.ErrorCode(err) {
	case parley.EINVALID:
		return http.StatusBadRequest
	case parley.ENOTFOUND:
		return http.StatusNotFound
	case parley.ECONFLICT:
		return http.StatusConflict
	case parley.EFORBIDDEN:
		return http.StatusForbidden
	case parley.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case parley.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// fail shows an error page; internal errors are logged and not shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	err = publicError(err)
	status := statusOf(err)
	noteError(w, err) // the access log writes the error line
	s.render(w, r, "error.html", status, map[string]any{"Title": http.StatusText(status), "Status": status, "Message": parley.ErrorMessage(err)})
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, parley.Errorf(parley.ENOTFOUND, "%s %q not found", name, r.PathValue(name))
	}
	return id, nil
}
