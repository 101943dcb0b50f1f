// Command parley is the written record of a negotiation: it imports versions
// of a negotiated text, splits them into numbered points, and serves the
// record to a team. Run "parley help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"parley"
)

func main() {
	// parley's commands build large short-lived structures (every point of
	// two long texts); collecting less often saves a third of the time. The
	// soft limit keeps the heap in bounds where memory is short.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, errHelp) {
		fmt.Fprintln(os.Stderr, "parley:", message(err))
	}
	os.Exit(exitCode(err))
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand works with: its streams and where its data lives.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() []command {
	return []command{
		{"import", "import a text as a new version of a negotiated document", runImport},
		{"show", "show a stored version and its points", runShow},
		{"compare", "align the points of two versions and show what changed (files or stored versions)", runCompare},
		{"link", "correct the alignment of two stored versions: confirm, relink or unlink points", runLink},
		{"lineage", "follow every point through several versions: table, CSV, JSON or an alluvial SVG", runLineage},
		{"export", "export a version (text, md, html, json, akn) or a negotiation (timelinejs, csv, json)", runExport},
		{"list", "list negotiations and their versions", runList},
		{"search", "find versions, points, events, understandings and sources by their words", runSearch},
		{"events", "list a negotiation's events (who took part, where, the texts, the sources) or add one", runEvents},
		{"understandings", "compare what each party says was agreed at an event (contradictions, disputes, one-sided claims), or record a party's reading", runUnderstandings},
		{"synonyms", "show or change the synonyms by which the topics and names of understandings are matched", runSynonyms},
		{"contacts", "who talks to whom, how central each side is, and whom a party should talk to", runContacts},
		{"source", "add, list and regrade the sources of a negotiation (Admiralty grades such as B2), with each source's grade history", runSource},
		{"issue", "add and list the issues of a negotiation: scales, options, veto players", runIssue},
		{"stance", "record a party's stance on a point (accept, accept-with-changes, undecided, reject, red-line), list them, show their history", runStance},
		{"topic", "the topics of points (PA-X categories): suggest them with their evidence words, confirm or correct them, view a topic through every version", runTopic},
		{"position", "record and list parties' positions on issues (reservation values stay confidential)", runPosition},
		{"round", "sealed overlap rounds: open one on an issue, submit a party's limits once, close it and get the verdict", runRound},
		{"forecast", "forecast where issues land: parley's model, compromise, weighted median, expected utility", runForecast},
		{"demo", "load the demo case (the 2025 Russia-Ukraine talks) into the database", runDemo},
		{"serve", "serve the web app, the JSON API and /healthz", runServe},
		{"backup", "write a consistent copy of the database while it is served (SQLite; pg_dump for PostgreSQL)", runBackup},
		{"restore", "put a backup in the place of the database, after checking it (SQLite)", runRestore},
		{"user", "manage accounts: add, passwd, list, token, tokens, revoke, grant, ungrant", runUser},
		{"audit", "read a negotiation's audit log (who changed what, when), confidential values redacted", runAudit},
		{"keys", "the record's signing keys: generate, list, export (public halves)", runKeys},
		{"record", "the signed record: add a version, endorse it, check the log, write a proof", runRecord},
		{"verify", "which recorded version is this text? exact (with proof), near (with diff) or none", runVerify},
	}
}

// run is main without the process: tests call it with their own streams.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	if len(args) == 0 {
		usage(stderr)
		return usageErrorf("no command given")
	}
	switch args[0] {
	case "-h", "--help":
		usage(stdout)
		return nil
	case "help":
		// "parley help CMD [ACTION]" is "parley CMD [ACTION] -h".
		if topic := helpTopic(args[1:]); len(topic) > 0 {
			return run(ctx, append(topic, "-h"), stdin, stdout, stderr)
		}
		usage(stdout)
		return nil
	case "--version", "-version", "version":
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	names := make([]string, 0, len(commands()))
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
		names = append(names, c.name)
	}
	return usageErrorf("unknown command %q%s; run \"parley help\" for the commands", args[0], didYouMean(args[0], names))
}

// helpTopic is the command (and action) that "parley help ..." asks
// about: the arguments up to the first flag.
func helpTopic(args []string) []string {
	for k, a := range args {
		if strings.HasPrefix(a, "-") {
			return args[:k]
		}
	}
	return args
}

// versionLine says which parley this is: the module version, and for a
// build from a checkout the commit, its time and whether the tree had
// changes, and the Go release that built it.
func versionLine() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "parley (unknown build)"
	}
	line := "parley " + info.Main.Version
	var rev, at, modified string
	for _, kv := range info.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.time":
			at = kv.Value
		case "vcs.modified":
			if kv.Value == "true" {
				modified = ", with local changes"
			}
		}
	}
	if rev != "" {
		line += fmt.Sprintf(" (commit %.12s, %s%s)", rev, at, modified)
	}
	return line + " " + info.GoVersion
}

// didYouMean suggests the candidate nearest to a mistyped word, as
// ": did you mean \"import\"?", when one is near enough to be meant: at
// most two edits away (one for words of four letters or fewer), or a
// word it begins.
func didYouMean(word string, candidates []string) string {
	best, bestDist := "", 3
	if len([]rune(word)) <= 4 {
		bestDist = 2
	}
	for _, c := range candidates {
		d := editDistance(word, c)
		if len(word) >= 3 && strings.HasPrefix(c, word) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(": did you mean %q?", best)
}

// editDistance is the Levenshtein distance between a and b, by runes.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: parley COMMAND [flags]")
	fmt.Fprintln(w, "\ncommands:")
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"parley help COMMAND\" (or \"parley COMMAND -h\") for a command's actions and flags,")
	fmt.Fprintln(w, "\"parley --version\" for the build.")
	fmt.Fprintln(w, "The database is --db or $PARLEY_DB: a file path (SQLite, default ./parley.db) or a postgres:// URL.")
}

// usageError is a mistake on the command line; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// errHelp means -h was asked for and the usage is already printed.
var errHelp = errors.New("help shown")

// exitCode maps an error to the process status: 0 success, 2 bad usage or
// bad input, 1 anything else.
func exitCode(err error) int {
	var u *usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &u):
		return 2
	}
	switch parley.ErrorCode(err) {
	case parley.EINVALID, parley.ETOOLARGE:
		return 2
	}
	return 1
}

func nowUTC() time.Time { return time.Now().UTC() }

// memoryLimit is the soft memory limit of the command line: 768 MiB.
const memoryLimit = 768 << 20

// message is what the user sees for err: the parley message where there is
// one, the full chain otherwise (a CLI user runs the process and may see it).
func message(err error) string {
	var pe *parley.Error
	if errors.As(err, &pe) {
		return pe.Message
	}
	return err.Error()
}
