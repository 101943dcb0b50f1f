package web

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	rtmetrics "runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// metrics are the server's metrics in the Prometheus text exposition
// format (version 0.0.4): request counters and latency histograms by
// route pattern and status, requests in flight, the database pools and a
// few runtime and process figures. Each server keeps its own (several
// servers in one process, as in tests, do not collide).
//
// They are written here rather than with the Prometheus client library:
// parley is one binary, and every command, `parley compare` included,
// paid the library's start-up (its package initialisers and those of
// protocol buffers and procfs: about 4 ms of a 20 ms start, measured with
// farm-bench on `parley --version`) for a page that only `serve` answers.
// The format is a few lines of text per series; the labels are route
// patterns and status codes from parley's own route table, so the label
// set stays small and known.
type metrics struct {
	pools    map[string]*sql.DB
	start    time.Time
	inFlight gauge

	mu     sync.Mutex
	series map[routeStatus]*requestSeries
}

// routeStatus labels one series of requests.
type routeStatus struct {
	route  string
	status int
}

// requestSeries counts the requests of one route and status and sorts
// their durations into the histogram's buckets (counts not cumulative;
// they are summed when written).
type requestSeries struct {
	count   uint64
	sum     float64
	buckets [len(durationBuckets)]uint64
}

// durationBuckets are the upper bounds, in seconds, of the request
// duration histogram.
var durationBuckets = [...]float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// gauge is a value that goes up and down, safe for concurrent use.
type gauge struct{ n atomic.Int64 }

func (g *gauge) Inc() { g.n.Add(1) }
func (g *gauge) Dec() { g.n.Add(-1) }

// pooled is a store that can tell its database/sql pools, by name.
type pooled interface {
	Pools() map[string]*sql.DB
}

func newMetrics(store any) *metrics {
	m := &metrics{start: time.Now(), series: map[routeStatus]*requestSeries{}}
	if p, ok := store.(pooled); ok {
		m.pools = p.Pools()
	}
	return m
}

// observe counts and times one request. route is a pattern of the route
// table (or "unmatched"), so the labels stay few.
func (m *metrics) observe(route string, status int, took time.Duration) {
	sec := took.Seconds()
	b := len(durationBuckets)
	for k, le := range durationBuckets {
		if sec <= le {
			b = k
			break
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.series[routeStatus{route, status}]
	if s == nil {
		s = &requestSeries{}
		m.series[routeStatus{route, status}] = s
	}
	s.count++
	s.sum += sec
	if b < len(durationBuckets) {
		s.buckets[b]++
	}
}

// write writes every metric in the text exposition format.
func (m *metrics) write(w *bufio.Writer) {
	m.mu.Lock()
	keys := make([]routeStatus, 0, len(m.series))
	copied := make(map[routeStatus]requestSeries, len(m.series))
	for k, s := range m.series {
		keys = append(keys, k)
		copied[k] = *s
	}
	m.mu.Unlock()
	slices.SortFunc(keys, func(a, b routeStatus) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.status - b.status
	})

	family(w, "parley_http_requests_total", "counter", "HTTP requests answered, by route pattern and status.")
	for _, k := range keys {
		sample(w, "parley_http_requests_total", k.labels(), float64(copied[k].count))
	}
	family(w, "parley_http_request_duration_seconds", "histogram", "Time to answer an HTTP request, by route pattern and status.")
	for _, k := range keys {
		s, labels := copied[k], k.labels()
		var below uint64
		for b, le := range durationBuckets {
			below += s.buckets[b]
			sample(w, "parley_http_request_duration_seconds_bucket", labels+`,le="`+formatFloat(le)+`"`, float64(below))
		}
		sample(w, "parley_http_request_duration_seconds_bucket", labels+`,le="+Inf"`, float64(s.count))
		sample(w, "parley_http_request_duration_seconds_sum", labels, s.sum)
		sample(w, "parley_http_request_duration_seconds_count", labels, float64(s.count))
	}
	family(w, "parley_http_requests_in_flight", "gauge", "HTTP requests being answered.")
	sample(w, "parley_http_requests_in_flight", "", float64(m.inFlight.n.Load()))

	m.writePools(w)
	writeRuntime(w)
	m.writeProcess(w)
}

// labels renders the series' labels, escaped.
func (k routeStatus) labels() string {
	return `route="` + escapeLabel(k.route) + `",status="` + strconv.Itoa(k.status) + `"`
}

// writePools writes the database pools' statistics, by pool name, under
// the names Prometheus's database/sql collector uses.
func (m *metrics) writePools(w *bufio.Writer) {
	names := make([]string, 0, len(m.pools))
	for name := range m.pools {
		names = append(names, name)
	}
	slices.Sort(names)
	stats := make([]sql.DBStats, len(names))
	for k, name := range names {
		stats[k] = m.pools[name].Stats()
	}
	for _, f := range []struct {
		name, kind, help string
		value            func(sql.DBStats) float64
	}{
		{"go_sql_max_open_connections", "gauge", "Maximum number of open connections to the database.", func(s sql.DBStats) float64 { return float64(s.MaxOpenConnections) }},
		{"go_sql_open_connections", "gauge", "The number of established connections both in use and idle.", func(s sql.DBStats) float64 { return float64(s.OpenConnections) }},
		{"go_sql_in_use_connections", "gauge", "The number of connections currently in use.", func(s sql.DBStats) float64 { return float64(s.InUse) }},
		{"go_sql_idle_connections", "gauge", "The number of idle connections.", func(s sql.DBStats) float64 { return float64(s.Idle) }},
		{"go_sql_wait_count_total", "counter", "The total number of connections waited for.", func(s sql.DBStats) float64 { return float64(s.WaitCount) }},
		{"go_sql_wait_duration_seconds_total", "counter", "The total time blocked waiting for a new connection.", func(s sql.DBStats) float64 { return s.WaitDuration.Seconds() }},
	} {
		if len(names) == 0 {
			break
		}
		family(w, f.name, f.kind, f.help)
		for k, name := range names {
			sample(w, f.name, `db_name="`+escapeLabel(name)+`"`, f.value(stats[k]))
		}
	}
}

// runtimeSamples are the runtime figures written, read with
// runtime/metrics: Prometheus name, type, help, runtime/metrics name.
var runtimeSamples = [...][4]string{
	{"go_goroutines", "gauge", "Number of goroutines that currently exist.", "/sched/goroutines:goroutines"},
	{"go_memstats_heap_alloc_bytes", "gauge", "Bytes of allocated heap objects.", "/memory/classes/heap/objects:bytes"},
	{"go_gc_cycles_total", "counter", "Completed garbage collection cycles.", "/gc/cycles/total:gc-cycles"},
	{"go_memory_total_bytes", "gauge", "All memory mapped by the Go runtime.", "/memory/classes/total:bytes"},
}

// writeRuntime writes the runtime figures.
func writeRuntime(w *bufio.Writer) {
	samples := make([]rtmetrics.Sample, len(runtimeSamples))
	for k, r := range runtimeSamples {
		samples[k].Name = r[3]
	}
	rtmetrics.Read(samples)
	for k, r := range runtimeSamples {
		var v float64
		switch samples[k].Value.Kind() {
		case rtmetrics.KindUint64:
			v = float64(samples[k].Value.Uint64())
		case rtmetrics.KindFloat64:
			v = samples[k].Value.Float64()
		default:
			continue // not known to this runtime
		}
		family(w, r[0], r[1], r[2])
		sample(w, r[0], "", v)
	}
	family(w, "go_threads", "gauge", "Number of OS threads created.")
	n, _ := runtime.ThreadCreateProfile(nil)
	sample(w, "go_threads", "", float64(n))
}

// writeProcess writes the process's start time and, where /proc tells
// it, its resident memory.
func (m *metrics) writeProcess(w *bufio.Writer) {
	family(w, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.")
	sample(w, "process_start_time_seconds", "", float64(m.start.UnixNano())/1e9)
	statm, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return
	}
	fields := strings.Fields(string(statm))
	if len(fields) < 2 {
		return
	}
	pages, err := strconv.ParseUint(fields[1], 10, 64)
	if err != nil {
		return
	}
	family(w, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.")
	sample(w, "process_resident_memory_bytes", "", float64(pages*uint64(os.Getpagesize())))
}

// family writes the HELP and TYPE lines of a metric.
func family(w *bufio.Writer, name, kind, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, kind)
}

// sample writes one sample line.
func sample(w *bufio.Writer, name, labels string, v float64) {
	w.WriteString(name)
	if labels != "" {
		w.WriteString("{" + labels + "}")
	}
	w.WriteString(" " + formatFloat(v) + "\n")
}

// formatFloat writes a value as the exposition format reads it.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// escapeLabel escapes a label value: backslash, double quote and line
// feed.
func escapeLabel(s string) string {
	if !strings.ContainsAny(s, "\\\"\n") {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// MetricsHandler serves the metrics in the Prometheus text format. It is
// not a route of the server: parley serve answers it only on the separate
// listener of --metrics-addr, so that the public address never shows
// them.
func (s *Server) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		bw := bufio.NewWriter(w)
		s.metrics.write(bw)
		bw.Flush()
	})
	return mux
}

// ServeMetrics serves MetricsHandler on ln until ctx is cancelled.
func (s *Server) ServeMetrics(ctx context.Context, ln net.Listener) error {
	return s.serve(ctx, ln, s.MetricsHandler())
}
