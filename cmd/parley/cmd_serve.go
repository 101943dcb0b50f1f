package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"

	"parley"
	"parley/demo"
	"parley/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "[--addr 127.0.0.1:8080] [--metrics-addr 127.0.0.1:9464] [--demo] [--db DB]")
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus metrics at /metrics on this separate address (off by default; keep it on loopback or a private network)")
	withDemo := fs.Bool("demo", false, "load the demo case first if it is not in the database")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("serve: unexpected argument %q", rest[0])
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if *withDemo {
		n, err := loadDemo(ctx, e, store)
		if err != nil {
			return err
		}
		if err := ensureDemoAccounts(ctx, e, store, n); err != nil {
			return err
		}
	}
	if !*withDemo {
		warnDemoAccounts(ctx, e, store)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv, err := web.NewServer(store, logger)
	if err != nil {
		return err
	}
	srv.Demo = *withDemo
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usageErrorf("serve: cannot listen on %s: %v", *addr, err)
	}
	var mln net.Listener
	if *metricsAddr != "" {
		if mln, err = net.Listen("tcp", *metricsAddr); err != nil {
			ln.Close()
			return usageErrorf("serve: cannot listen on %s for metrics: %v", *metricsAddr, err)
		}
	}
	fmt.Fprintf(e.stdout, "parley is serving on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	if mln == nil {
		return srv.Serve(ctx, ln)
	}
	fmt.Fprintf(e.stdout, "metrics on http://%s/metrics\n", mln.Addr())
	// Either server failing stops both.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	metricsDone := make(chan error, 1)
	go func() {
		metricsDone <- srv.ServeMetrics(ctx, mln)
		cancel()
	}()
	err = srv.Serve(ctx, ln)
	cancel()
	return errors.Join(err, <-metricsDone)
}

// ensureDemoAccounts creates the demo accounts, password "demo", and says
// so: they exist only when the server runs with --demo.
func ensureDemoAccounts(ctx context.Context, e *env, store parley.Store, n *parley.Negotiation) error {
	hash, err := web.HashPassword(demo.Password)
	if err != nil {
		return err
	}
	if err := demo.EnsureAccounts(ctx, store, n, hash); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "demo mode: log in as %s, password %q (these accounts exist only for the demo)\n", strings.Join(demo.Usernames(), ", "), demo.Password)
	return nil
}

// warnDemoAccounts says so when accounts made by --demo, with the demo
// password, are in a database served for real.
func warnDemoAccounts(ctx context.Context, e *env, store parley.Store) {
	var open []string
	for _, name := range demo.Usernames() {
		if u, err := store.FindUserByUsername(ctx, name); err == nil && web.CheckPassword(u.PasswordHash, demo.Password) {
			open = append(open, name)
		}
	}
	if len(open) > 0 {
		fmt.Fprintf(e.stderr, "warning: the demo accounts %s still have the password %q in this database: change it with \"parley user passwd NAME\" before real use\n",
			strings.Join(open, ", "), demo.Password)
	}
}
