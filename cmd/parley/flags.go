package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"parley"
	"parley/postgres"
	"parley/sqlite"
)

// newFlags returns a flag set for one subcommand that reports errors instead
// of exiting, and prints its usage on -h.
func newFlags(e *env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "usage: parley %s %s\n\nflags:\n", name, args)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// ("parley show 3 --format json"), and returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.Usage()
				return nil, errHelp
			}
			return nil, usageErrorf("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// dbFlag registers --db on fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database: a SQLite file path or a postgres:// URL (default $PARLEY_DB, else ./parley.db)")
}

// formatFlag registers --format with the allowed values, the first being the default.
func formatFlag(fs *flag.FlagSet, allowed ...string) *string {
	return fs.String("format", allowed[0], "output format: "+strings.Join(allowed, "|"))
}

func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageErrorf("--format %q: want %s", format, strings.Join(allowed, ", "))
}

// openStore opens the database named by --db, $PARLEY_DB or ./parley.db,
// which must exist: a command that only reads, or that works on records
// already stored, never leaves an empty database behind a typo.
func openStore(ctx context.Context, e *env, db string) (parley.Store, error) {
	return open(ctx, e, db, false)
}

// createStore is openStore for the commands that may start a database:
// import, demo, serve and user.
func createStore(ctx context.Context, e *env, db string) (parley.Store, error) {
	return open(ctx, e, db, true)
}

func open(ctx context.Context, e *env, db string, create bool) (parley.Store, error) {
	if db == "" {
		db = e.getenv("PARLEY_DB")
	}
	if db == "" {
		db = "parley.db"
	}
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	if !create && db != ":memory:" && !strings.HasPrefix(db, "file:") {
		if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
			return nil, parley.Errorf(parley.ENOTFOUND, "no database at %s: give --db or $PARLEY_DB, or start one with \"parley import\" or \"parley demo\"", db)
		}
	}
	return sqlite.Open(ctx, db)
}

// openNegotiation opens the store and finds the negotiation a command
// works on (see findNegotiation). The caller closes the store.
func openNegotiation(ctx context.Context, e *env, db, negotiation string) (parley.Store, *parley.Negotiation, error) {
	store, err := openStore(ctx, e, db)
	if err != nil {
		return nil, nil, err
	}
	n, err := findNegotiation(ctx, store, negotiation)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, n, nil
}

// findNegotiation finds the negotiation a command names, by its title or,
// failing that, its id: every command takes either.
func findNegotiation(ctx context.Context, store parley.Store, name string) (*parley.Negotiation, error) {
	n, err := store.FindNegotiationByTitle(ctx, name)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		if id, perr := strconv.ParseInt(strings.TrimSpace(name), 10, 64); perr == nil && id > 0 {
			if byID, ierr := store.FindNegotiationByID(ctx, id); ierr == nil {
				return byID, nil
			}
		}
		shown := strconv.Quote(name)
		if _, perr := strconv.ParseInt(name, 10, 64); perr == nil {
			shown = name // "negotiation 7", as ids are written everywhere
		}
		return nil, parley.Errorf(parley.ENOTFOUND, "negotiation %s not found: give its title or its id", shown)
	}
	return n, err
}

// readerAs is the member a command reads the negotiation as: the member
// username names (--as), or with none an owner, who sees what observers
// see (what is published). The command line reads the database directly,
// so this is the view an administrator hands on, not a lock.
func readerAs(ctx context.Context, store parley.Store, n *parley.Negotiation, username string) (*parley.Member, error) {
	if username == "" {
		return &parley.Member{NegotiationID: n.ID, Role: parley.RoleOwner}, nil
	}
	u, err := store.FindUserByUsername(ctx, username)
	if err != nil {
		return nil, err
	}
	members, err := store.ListMembers(ctx, n.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.UserID == u.ID {
			return m, nil
		}
	}
	return nil, parley.Errorf(parley.EINVALID, "--as %s: not a member of %q", u.Username, n.Title)
}

// splitAction splits "parley NAME ACTION ..." into the action and the rest,
// with a usage error naming the actions when it is missing or unknown.
// "parley NAME -h" (or --help, or help) prints each action's usage to
// standard output and returns errHelp. usages maps an action to its
// arguments, without the action's name.
func splitAction(e *env, name string, args []string, usages map[string]string) (string, []string, error) {
	known := make([]string, 0, len(usages))
	for a := range usages {
		known = append(known, a)
	}
	slices.Sort(known)
	want := strings.Join(known, ", ")
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help") {
		return "", nil, usageErrorf("%s: want an action: %s (run \"parley help %s\")", name, want, name)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintln(e.stdout, "usage:")
		for _, a := range known {
			fmt.Fprintf(e.stdout, "  parley %s %s %s\n", name, a, usages[a])
		}
		fmt.Fprintf(e.stdout, "\nRun \"parley %s ACTION -h\" for an action's flags.\n", name)
		return "", nil, errHelp
	}
	if _, ok := usages[args[0]]; !ok {
		return "", nil, usageErrorf("%s: unknown action %q%s; want %s", name, args[0], didYouMean(args[0], known), want)
	}
	return args[0], args[1:], nil
}

// report writes what a command did: the fields as a JSON object with
// --format json, else one line made from the text format and its args.
func report(e *env, format string, fields any, text string, args ...any) error {
	if format == "json" {
		return writeJSON(e.stdout, fields)
	}
	_, err := fmt.Fprintf(e.stdout, text, args...)
	return err
}
