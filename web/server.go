package web

import (
	"context"
	"crypto/tls"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"parley"
	"parley/align"
	"parley/auth"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server is parley's HTTP server.
type Server struct {
	Store  parley.Store
	Logger *slog.Logger
	// Demo says the server runs on the demo case; pages say so.
	Demo bool
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// VerifyPassword checks a password against an argon2id hash; it is
	// auth.CheckPassword, which tests wrap to count calls.
	VerifyPassword func(hash, password string) bool
	// LoginLimits slow down password guessing; DefaultLoginLimits unless
	// changed before the server serves.
	LoginLimits LoginLimits
	// TrustProxy says parley runs behind a TLS-terminating reverse proxy
	// that sets X-Forwarded-Proto and appends to X-Forwarded-For: only then
	// are those headers believed.
	TrustProxy bool
	// TLS, if set, makes Serve answer HTTPS with its certificates.
	TLS *tls.Config
	// KeyPassphrase opens the sealed signing keys of the record, so that
	// mediators record versions as official and delegates endorse them
	// from the browser and the API. Empty, recording is not available on
	// this server. It is never logged, shown or sent.
	KeyPassphrase []byte

	pages   map[string]*template.Template
	handler http.Handler
	openapi map[string]any

	pruneMu    sync.Mutex
	lastPrune  time.Time
	alignments alignmentCache
	metrics    *metrics
	// textWork admits as many texts at once to reading and aligning as
	// there are processors: each may take a few hundred megabytes at
	// parley's limits, so that many at once would add up to gigabytes.
	textWork chan struct{}
	// forecasts keeps the simulations behind the forecasts shown.
	forecasts forecastCache
}

// NewServer parses the templates and builds the routes. A nil logger is
// slog.Default().
func NewServer(store parley.Store, logger *slog.Logger) (*Server, error) {
	if logger == nil {
		logger = slog.Default()
	}
	s := &Server{Store: store, Logger: logger, Now: func() time.Time { return time.Now().UTC() }, VerifyPassword: auth.CheckPassword, LoginLimits: DefaultLoginLimits, metrics: newMetrics(store),
		textWork: make(chan struct{}, runtime.GOMAXPROCS(0))}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	s.openapi = openAPI(routeTable)
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Serve serves on ln until ctx is cancelled, then shuts down
// gracefully, letting requests in flight finish for up to ten seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	return s.serve(ctx, ln, s)
}

func (s *Server) serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	if s.TLS != nil {
		hs.TLSConfig = s.TLS
		go func() { errc <- hs.ServeTLS(ln, "", "") }()
	} else {
		go func() { errc <- hs.Serve(ln) }()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) parseTemplates() error {
	funcs := template.FuncMap{
		"path": parley.FormatPath,
		"pct":  func(x float64) float64 { return 100 * x },
		"join": strings.Join,
		// stanceLabel writes a stance value for people.
		"stanceLabel": parley.StanceLabel,
		// placeholder tells a point whose text is not known ("[withheld]").
		"placeholder": func(p parley.Point) bool { return align.Placeholder(&p) },
		"kindSymbol":  kindSymbol,
		// has says whether a list of strings holds one (a point's topics).
		"has": slices.Contains[[]string],
		// when writes a date for people: as written when exact, else in
		// words ("around November 2025", "between 22 and 23 November"),
		// in a <time> element that carries the EDTF form.
		"when": whenHTML,
		// words writes a key such as "leaders-meeting" for people.
		"words": slugWords,
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	s.pages = map[string]*template.Template{}
	for _, name := range names {
		if name == "templates/layout.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, name)
		if err != nil {
			return err
		}
		s.pages[name[len("templates/"):]] = t
	}
	return nil
}
