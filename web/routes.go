package web

import (
	"io/fs"
	"net/http"
)

// route is one entry of the routing table; a test walks the table.
type route struct {
	pattern string
	handler func(*Server) http.HandlerFunc
}

// routeTable lists every route the server answers.
var routeTable = []route{
	{"GET /healthz", (*Server).handleHealthz},
	{"GET /{$}", (*Server).handleHome},
	{"GET /versions/{id}", (*Server).handleVersion},
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, r := range routeTable {
		mux.HandleFunc(r.pattern, r.handler(s))
	}
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	return securityHeaders(mux)
}

// securityHeaders sets the headers every response carries: no inline
// scripts, no framing, no type sniffing, no referrer leaks.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
