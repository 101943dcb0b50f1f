package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// recordHandler hands every log record to a channel, so that a test waits
// for the line a request writes after its response is sent.
type recordHandler struct{ records chan slog.Record }

func (h recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.records <- r
	return nil
}
func (h recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h recordHandler) WithGroup(string) slog.Handler      { return h }

// attrsOf returns a record's attributes as text.
func attrsOf(r slog.Record) map[string]string {
	out := map[string]string{}
	r.Attrs(func(a slog.Attr) bool {
		out[a.Key] = a.Value.String()
		return true
	})
	return out
}

// nextRecord waits for the next log line; the limit only turns a missing
// line into a failure instead of a hung test.
func nextRecord(tb testing.TB, records chan slog.Record) slog.Record {
	tb.Helper()
	select {
	case r := <-records:
		return r
	case <-time.After(10 * time.Second):
		tb.Fatal("no log line")
		return slog.Record{}
	}
}

// logTo makes the server log to a channel.
func (t *testServer) logTo() chan slog.Record {
	records := make(chan slog.Record, 16)
	t.srv.Logger = slog.New(recordHandler{records})
	return records
}

func TestAccessLog(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "ua")
	ua, err := ts.store.FindUserByUsername(context.Background(), "ua")
	must(t, err)
	records := ts.logTo()
	path := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/positions"
	resp, body := ts.do(t, "GET", path+"?access_token=SECRET-IN-QUERY", token, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
	}
	r := nextRecord(t, records)
	got := attrsOf(r)
	want := map[string]string{"method": "GET", "path": path, "route": "GET /api/v1/negotiations/{id}/positions", "status": "200", "bytes": itoa(int64(len(body))), "user": itoa(ua.ID)}
	if r.Message != "request" || r.Level != slog.LevelInfo {
		t.Errorf("access line %q at %v, want \"request\" at INFO", r.Message, r.Level)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("access line %s = %q, want %q", k, got[k], v)
		}
	}
	if got["duration"] == "" {
		t.Error("access line has no duration")
	}
	for k, v := range got {
		if strings.Contains(v, "SECRET") || strings.Contains(v, token) {
			t.Errorf("access line %s = %q shows the query string or the token", k, v)
		}
	}
}

// TestInternalErrorsAreLogged checks that an API 500 (the database is
// down) writes an error line with the error behind it, while the caller
// sees only "internal error".
func TestInternalErrorsAreLogged(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "ua")
	records := ts.logTo()
	ts.store.Close()
	resp, body := ts.do(t, "GET", "/api/v1/negotiations", token, "")
	if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "internal error") || strings.Contains(body, "closed") {
		t.Fatalf("GET with the database down = %d %s, want 500 and only \"internal error\"", resp.StatusCode, body)
	}
	r := nextRecord(t, records)
	got := attrsOf(r)
	if r.Level != slog.LevelError || got["status"] != "500" || got["route"] != "GET /api/v1/negotiations" || !strings.Contains(got["err"], "database is closed") {
		t.Errorf("first line %q at %v %v, want an error line with the database's error", r.Message, r.Level, got)
	}
	if r := nextRecord(t, records); r.Message != "request" {
		t.Errorf("second line %q, want the access line", r.Message)
	}
}

func TestMetrics(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "ua")
	path := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/positions"
	for range 3 {
		ts.do(t, "GET", path, token, "")
	}
	if resp, _ := ts.do(t, "GET", "/metrics", "", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /metrics on the public address = %d, want 404", resp.StatusCode)
	}
	rec := httptest.NewRecorder()
	ts.srv.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	text := string(b)
	for _, want := range []string{
		`parley_http_requests_total{route="GET /api/v1/negotiations/{id}/positions",status="200"} 3`,
		`parley_http_request_duration_seconds_count{route="GET /api/v1/negotiations/{id}/positions",status="200"} 3`,
		`parley_http_requests_total{route="unmatched",status="404"} 1`,
		`parley_http_requests_in_flight 0`,
		`go_sql_max_open_connections{db_name="writer"} 1`,
		`go_sql_open_connections{db_name="reader"}`,
		`go_goroutines `,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	checkExposition(t, text)
	if t.Failed() {
		t.Log(text)
	}
}

// TestCancelledRequestIsNoInternalError checks that a request whose client
// went away while the store was read is logged as cancelled, a warning,
// not as an internal error.
func TestCancelledRequestIsNoInternalError(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "ua")
	records := ts.logTo()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/positions", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	ts.srv.ServeHTTP(httptest.NewRecorder(), req)
	r := nextRecord(t, records)
	if r.Level != slog.LevelWarn || r.Message != "request cancelled" || !strings.Contains(attrsOf(r)["err"], "context canceled") {
		t.Errorf("line %q at %v %v, want a warning that the request was cancelled", r.Message, r.Level, attrsOf(r))
	}
}

// A 503 (here: recording on a server started without the passphrase of
// the signing keys) is the operator's to fix, not a fault in the code: it
// is logged as a warning with its reason, never as an internal error.
func TestUnavailableIsAWarning(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "mediator")
	records := ts.logTo()
	resp, body := ts.do(t, "POST", "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/record", token, fmt.Sprintf(`{"version_id":%d}`, ts.plan.ID))
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("recording without a passphrase = %d %s, want 503", resp.StatusCode, body)
	}
	r := nextRecord(t, records)
	if r.Level != slog.LevelWarn || r.Message != "unavailable" || !strings.Contains(attrsOf(r)["err"], "passphrase") {
		t.Errorf("first line %q at %v %v, want a warning naming the passphrase", r.Message, r.Level, attrsOf(r))
	}
}

// sampleLine is a sample of the text exposition format: a metric name,
// labels in braces (values quoted, escaped), a value.
var sampleLine = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (?:[-+]?(?:[0-9.]+(?:e[-+]?[0-9]+)?|Inf)|NaN)$`)

// checkExposition checks text against the exposition format as a
// scraper reads it: every line a HELP or TYPE comment or a sample, every
// sample's family announced by a TYPE line before it, each family once,
// and every histogram's buckets rising to a +Inf bucket equal to its
// count.
func checkExposition(t *testing.T, text string) {
	t.Helper()
	typed := map[string]string{}
	buckets := map[string]float64{} // series (name and labels but le) -> last bucket
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if f, ok := strings.CutPrefix(line, "# TYPE "); ok {
			name, kind, _ := strings.Cut(f, " ")
			if _, dup := typed[name]; dup {
				t.Errorf("line %d: family %s typed twice", n+1, name)
			}
			typed[name] = kind
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		if !sampleLine.MatchString(line) {
			t.Errorf("line %d is not a sample: %q", n+1, line)
			continue
		}
		name, rest, _ := strings.Cut(line, "{")
		name, _, _ = strings.Cut(name, " ")
		family := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if typed[name] == "" && typed[family] != "histogram" {
			t.Errorf("line %d: %s has no TYPE line before it", n+1, name)
		}
		if !strings.HasSuffix(name, "_bucket") && !strings.HasSuffix(name, "_count") {
			continue
		}
		value, _ := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
		labels, _, _ := strings.Cut(rest, "}")
		series, _, _ := strings.Cut(labels, ",le=")
		if strings.HasSuffix(name, "_bucket") {
			if value < buckets[series] {
				t.Errorf("line %d: bucket below the one before it", n+1)
			}
			buckets[series] = value
			continue
		}
		if last, ok := buckets[series]; ok && last != value {
			t.Errorf("line %d: count %v, but the +Inf bucket says %v", n+1, value, last)
		}
	}
}
