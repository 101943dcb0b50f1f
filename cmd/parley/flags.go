package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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

// openStore opens the database named by --db, $PARLEY_DB or ./parley.db.
func openStore(ctx context.Context, e *env, db string) (parley.Store, error) {
	if db == "" {
		db = e.getenv("PARLEY_DB")
	}
	if db == "" {
		db = "parley.db"
	}
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}

// openNegotiation opens the store and finds the negotiation a command
// works on, by its title or, failing that, its id. The caller closes the
// store.
func openNegotiation(ctx context.Context, e *env, db, negotiation string) (parley.Store, *parley.Negotiation, error) {
	store, err := openStore(ctx, e, db)
	if err != nil {
		return nil, nil, err
	}
	n, err := store.FindNegotiationByTitle(ctx, negotiation)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		if id, perr := strconv.ParseInt(negotiation, 10, 64); perr == nil && id > 0 {
			if byID, ierr := store.FindNegotiationByID(ctx, id); ierr == nil {
				n, err = byID, nil
			}
		}
	}
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, n, nil
}

// splitAction splits "parley NAME ACTION ..." into the action and the rest,
// with a usage error naming the actions when it is missing or unknown.
func splitAction(name string, args []string, actions map[string]string) (string, []string, error) {
	known := make([]string, 0, len(actions))
	for a := range actions {
		known = append(known, a)
	}
	slices.Sort(known)
	want := strings.Join(known, " or ")
	if len(args) == 0 {
		return "", nil, usageErrorf("%s: want %s", name, want)
	}
	if _, ok := actions[args[0]]; !ok {
		return "", nil, usageErrorf("%s: unknown action %q: want %s", name, args[0], want)
	}
	return args[0], args[1:], nil
}
