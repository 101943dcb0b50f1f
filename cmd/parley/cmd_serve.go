package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"

	"parley"
	"parley/auth"
	"parley/demo"
	"parley/record"
	"parley/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "[--addr 127.0.0.1:8080] [--tls-cert FILE --tls-key FILE | --trust-proxy] [--metrics-addr 127.0.0.1:9464] [--passphrase-file FILE] [--demo] [--db DB]")
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus metrics at /metrics on this separate address (off by default; keep it on loopback or a private network)")
	withDemo := fs.Bool("demo", false, "load the demo case first if it is not in the database")
	tlsCert := fs.String("tls-cert", "", "serve HTTPS with this certificate (PEM, the chain after the leaf); needs --tls-key")
	tlsKey := fs.String("tls-key", "", "the private key of --tls-cert (PEM)")
	trustProxy := fs.Bool("trust-proxy", envBool(e.getenv("PARLEY_TRUST_PROXY")), "behind a TLS-terminating reverse proxy: believe its X-Forwarded-Proto and X-Forwarded-For (default $PARLEY_TRUST_PROXY)")
	passFile := fs.String("passphrase-file", "", "read the passphrase of the record's signing keys from `FILE` (default $PARLEY_KEY_PASSPHRASE; with --demo, the demo's), so that mediators record versions as official and delegates endorse them from the browser and the API")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("serve: unexpected argument %q", rest[0])
	}
	pass, err := servePassphrase(e, *passFile, *withDemo)
	if err != nil {
		return err
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return usageErrorf("serve: --tls-cert and --tls-key go together")
	}
	var tlsConfig *tls.Config
	if *tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(*tlsCert, *tlsKey)
		if err != nil {
			return parley.Errorf(parley.EINVALID, "serve: --tls-cert %s, --tls-key %s: %v", *tlsCert, *tlsKey, err)
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	store, err := createStore(ctx, e, *db)
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
		if err := recordDemo(ctx, e, store, n); err != nil {
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
	srv.Demo, srv.TLS, srv.TrustProxy = *withDemo, tlsConfig, *trustProxy
	srv.KeyPassphrase = pass
	if pass == nil {
		fmt.Fprintln(e.stderr, "recording from the browser and the API is off: set $PARLEY_KEY_PASSPHRASE or give --passphrase-file FILE with the passphrase of the signing keys")
	} else if msg := checkServePassphrase(ctx, store, pass); msg != "" {
		fmt.Fprintln(e.stderr, msg)
	}
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
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
	}
	fmt.Fprintf(e.stdout, "parley is serving on %s://%s/ (Ctrl-C to stop)\n", scheme, ln.Addr())
	if *trustProxy {
		fmt.Fprintln(e.stderr, "trusting X-Forwarded-Proto and X-Forwarded-For: only the TLS proxy must be able to reach this address")
	}
	if msg := plainHTTPWarning(ln.Addr(), tlsConfig != nil, *trustProxy); msg != "" {
		fmt.Fprintln(e.stderr, msg)
	}
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

// plainHTTPWarning says why browsers cannot log in, when parley serves
// plain HTTP on an address other machines reach: the session cookie is
// Secure, and browsers keep Secure cookies over plain HTTP only from
// localhost.
func plainHTTPWarning(addr net.Addr, tls, trustProxy bool) string {
	if tcp, ok := addr.(*net.TCPAddr); tls || trustProxy || ok && tcp.IP.IsLoopback() {
		return ""
	}
	return fmt.Sprintf("warning: serving plain HTTP on %s, which other machines reach: browsers keep parley's login cookie (Secure, __Host-) only over HTTPS or on localhost, "+
		"so logging in from another machine cannot work. Give --tls-cert and --tls-key, or put a TLS proxy in front and give --trust-proxy (see \"Deploying\" in the README). "+
		"API bearer tokens work either way, but travel in clear.", addr)
}

// envBool reads a yes/no environment variable: 1, true, yes or on.
func envBool(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// ensureDemoAccounts creates the demo accounts, password "demo", and says
// so: they exist only when the server runs with --demo.
func ensureDemoAccounts(ctx context.Context, e *env, store parley.Store, n *parley.Negotiation) error {
	hash, err := auth.HashPassword(demo.Password)
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
		if u, err := store.FindUserByUsername(ctx, name); err == nil && auth.CheckPassword(u.PasswordHash, demo.Password) {
			open = append(open, name)
		}
	}
	if len(open) > 0 {
		fmt.Fprintf(e.stderr, "warning: the demo accounts %s still have the password %q in this database: change it with \"parley user passwd NAME\" before real use\n",
			strings.Join(open, ", "), demo.Password)
	}
}

// servePassphrase reads the passphrase that opens the record's sealed
// signing keys for the server: --passphrase-file, else
// $PARLEY_KEY_PASSPHRASE, else with --demo the demo's (the demo's keys are
// sealed with it). Without one the server serves, but nobody records or
// endorses from the browser or the API.
func servePassphrase(e *env, file string, withDemo bool) ([]byte, error) {
	if file != "" || e.getenv("PARLEY_KEY_PASSPHRASE") != "" {
		return readPassphrase(e, "serve", file)
	}
	if withDemo {
		return []byte(demo.KeyPassphrase), nil
	}
	return nil, nil
}

// checkServePassphrase tries the passphrase on the first record key in the
// database, so that a wrong one is said at start-up rather than when a
// mediator first presses "Record as official". One key is enough for the
// usual mistake (every key is sealed with the one passphrase), and each
// try costs an Argon2id derivation, so it stops there.
func checkServePassphrase(ctx context.Context, store parley.Store, pass []byte) string {
	negotiations, err := store.ListNegotiations(ctx)
	if err != nil {
		return ""
	}
	for _, n := range negotiations {
		k, err := store.FindRecordKey(ctx, n.ID, 0)
		if err != nil {
			continue
		}
		if _, err := record.OpenLogKey(n, k, pass); err != nil {
			return fmt.Sprintf("warning: the passphrase given does not open the record key of negotiation %d (%q): recording and endorsing there will answer 503 (%s)",
				n.ID, n.Title, parley.ErrorMessage(err))
		}
		return ""
	}
	return ""
}
