package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// observe wraps the whole handler: it writes one access line per request,
// an error line for every response of 500 or more with the error behind it
// (the user sees only "internal error"), and counts and times the request
// for /metrics. The access line has the path without its query string,
// which may carry a token or a confidential value, and never a body.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &responseRecorder{ResponseWriter: w}
		s.metrics.inFlight.Inc()
		defer func() {
			s.metrics.inFlight.Dec()
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				rec.err = fmt.Errorf("web: panic: %v", v)
				if rec.status == 0 {
					http.Error(rec, "internal error", http.StatusInternalServerError)
				}
			}
			s.logRequest(r, rec, time.Since(start))
		}()
		r = r.WithContext(context.WithValue(r.Context(), recorderKey{}, rec))
		// The mux sets the pattern it matched on this request.
		defer func() { rec.route = r.Pattern }()
		next.ServeHTTP(rec, r)
	})
}

// logRequest writes the access line, the error line of a failure, and the
// request's metrics.
func (s *Server) logRequest(r *http.Request, rec *responseRecorder, took time.Duration) {
	status := rec.status
	if status == 0 {
		status = http.StatusOK // nothing written: net/http answers 200
	}
	route := rec.route
	if route == "" {
		route = "unmatched"
	}
	s.metrics.observe(route, status, took)
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Int64("bytes", rec.bytes),
		slog.Duration("duration", took),
	}
	if rec.userID != 0 {
		attrs = append(attrs, slog.Int64("user", rec.userID))
	}
	ctx := context.WithoutCancel(r.Context())
	if status >= http.StatusInternalServerError {
		err := rec.err
		if err == nil {
			err = errors.New("no error recorded")
		}
		level, msg := slog.LevelError, "internal error"
		if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
			// The client went away (or the server is stopping): nobody
			// reads this 500 and nothing is wrong with the server.
			level, msg = slog.LevelWarn, "request cancelled"
		} else if status == http.StatusServiceUnavailable {
			// A service the server was started without (recording with
			// no passphrase) or a store it cannot reach: the operator's
			// to fix, said once at start-up, not a fault in the code.
			level, msg = slog.LevelWarn, "unavailable"
		}
		s.Logger.LogAttrs(ctx, level, msg, append(attrs, slog.String("err", err.Error()))...)
	}
	s.Logger.LogAttrs(ctx, slog.LevelInfo, "request", attrs...)
}

// responseRecorder is the ResponseWriter handlers get: it keeps what the
// access log and the metrics need.
type responseRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	route  string // the pattern the mux matched
	userID int64  // the caller, once authorised
	err    error  // the error behind a 500
}

// recorderKey carries the request's recorder in its context.
type recorderKey struct{}

func recorderOf(r *http.Request) *responseRecorder {
	rec, _ := r.Context().Value(recorderKey{}).(*responseRecorder)
	return rec
}

func (rec *responseRecorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *responseRecorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (rec *responseRecorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// noteUser records the caller a request was authorised for, for the
// access line.
func noteUser(r *http.Request, userID int64) {
	if rec := recorderOf(r); rec != nil {
		rec.userID = userID
	}
}

// noteError records the error a response reports, for the error line of
// a 500. w is the handler's ResponseWriter; writeError has no request.
func noteError(w http.ResponseWriter, err error) {
	if rec, ok := w.(*responseRecorder); ok {
		rec.err = err
	}
}
