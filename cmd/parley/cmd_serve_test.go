package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley/auth"
	"parley/demo"
	"parley/record"
	"parley/sqlite"
)

// A database that once served the demo keeps its demo accounts; serving it
// for real warns about them until their passwords change.
func TestServeWarnsAboutDemoAccounts(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var stderr bytes.Buffer
	e := &env{stdout: &bytes.Buffer{}, stderr: &stderr}
	warnDemoAccounts(ctx, e, store)
	if stderr.Len() != 0 {
		t.Fatalf("warning without demo accounts: %s", stderr.String())
	}
	n, _, err := demo.Load(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.EnsureAccounts(ctx, store, n, hash); err != nil {
		t.Fatal(err)
	}
	warnDemoAccounts(ctx, e, store)
	if !strings.Contains(stderr.String(), "mediator, us, ru, ua, eu, observer") {
		t.Fatalf("warning = %q", stderr.String())
	}
}

// serve --tls-cert/--tls-key answers HTTPS with the certificate.
func TestServeTLS(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "parley.test"}, DNSNames: []string{"parley.test"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := c.run("serve", "--tls-cert", certFile); code != 2 || !strings.Contains(errOut, "go together") {
		t.Fatalf("--tls-cert alone: %d %s", code, errOut)
	}
	if _, errOut, code := c.run("serve", "--tls-cert", keyFile, "--tls-key", certFile); code != 2 || !strings.Contains(errOut, "--tls-cert") {
		t.Fatalf("swapped files: %d %s", code, errOut)
	}

	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdoutW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile, "--db", c.db}, strings.NewReader(""), stdoutW, &stderr)
		stdoutW.Close()
	}()
	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v %s", err, stderr.String())
	}
	go io.Copy(io.Discard, stdoutR)
	_, rest, _ := strings.Cut(line, "https://")
	addr, _, _ := strings.Cut(rest, "/")
	if addr == "" {
		t.Fatalf("serve says %q, want an https:// address", line)
	}
	pool := x509.NewCertPool()
	pool.AddCert(must1(x509.ParseCertificate(der)))
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
	resp, err := client.Get("https://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz over TLS: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil {
		t.Fatalf("healthz over TLS: %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if strings.Contains(stderr.String(), "warning: serving plain HTTP") {
		t.Fatalf("a warning about plain HTTP while serving HTTPS: %s", stderr.String())
	}
}

func must1[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Plain HTTP on an address other machines reach says why logins will
// fail, unless TLS or a trusted proxy takes care of it.
func TestPlainHTTPWarning(t *testing.T) {
	cases := []struct {
		ip         string
		tls, proxy bool
		warn       bool
	}{
		{"127.0.0.1", false, false, false},
		{"::1", false, false, false},
		{"0.0.0.0", false, false, true},
		{"::", false, false, true},
		{"192.0.2.10", false, false, true},
		{"0.0.0.0", true, false, false},
		{"0.0.0.0", false, true, false},
	}
	for _, c := range cases {
		msg := plainHTTPWarning(&net.TCPAddr{IP: net.ParseIP(c.ip), Port: 8080}, c.tls, c.proxy)
		if (msg != "") != c.warn || c.warn && (!strings.Contains(msg, "--tls-cert") || !strings.Contains(msg, "--trust-proxy")) {
			t.Errorf("%s tls=%v proxy=%v: %q, want a warning: %v", c.ip, c.tls, c.proxy, msg, c.warn)
		}
	}
}

// TestServeMetricsOnTheirOwnAddress checks that --metrics-addr serves
// /metrics on a listener of its own and that the public address does not.
func TestServeMetricsOnTheirOwnAddress(t *testing.T) {
	c := newCLI(t)
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", c.db, "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"}, strings.NewReader(""), w, io.Discard)
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	var public, metrics string
	for (public == "" || metrics == "") && lines.Scan() {
		line := lines.Text()
		if _, rest, ok := strings.Cut(line, "serving on "); ok {
			public = strings.Fields(rest)[0]
		}
		if _, rest, ok := strings.Cut(line, "metrics on "); ok {
			metrics = rest
		}
	}
	go io.Copy(io.Discard, out)
	if public == "" || metrics == "" {
		cancel()
		t.Fatalf("serve did not say where it serves: %v", <-done)
	}
	get := func(url string) (int, string) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	get(public + "healthz")
	if code, body := get(metrics); code != http.StatusOK || !strings.Contains(body, `parley_http_requests_total{route="GET /healthz",status="200"} 1`) {
		t.Errorf("GET %s = %d, want 200 with the healthz request counted:\n%s", metrics, code, body)
	}
	if code, _ := get(public + "metrics"); code != http.StatusNotFound {
		t.Errorf("GET /metrics on the public address = %d, want 404", code)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
}

// serve reads the passphrase of the signing keys from --passphrase-file,
// else $PARLEY_KEY_PASSPHRASE, else the demo's with --demo; without any,
// recording is off rather than an error.
func TestServePassphrase(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pass")
	if err := os.WriteFile(file, []byte("from the file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, env, file string
		demo            bool
		want, err       string
	}{
		{"none", "", "", false, "", ""},
		{"demo", "", "", true, demo.KeyPassphrase, ""},
		{"environment", "from the environment", "", false, "from the environment", ""},
		{"environment over demo", "from the environment", "", true, "from the environment", ""},
		{"file over environment", "from the environment", file, true, "from the file", ""},
		{"empty file", "", empty, false, "", "is empty"},
		{"missing file", "", filepath.Join(dir, "nope"), false, "", "cannot read the passphrase file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string {
				if k == "PARLEY_KEY_PASSPHRASE" {
					return tc.env
				}
				return ""
			}}
			pass, err := servePassphrase(e, tc.file, tc.demo)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || string(pass) != tc.want {
				t.Fatalf("pass = %q, %v; want %q", pass, err, tc.want)
			}
		})
	}
}

// serve says at start-up when the passphrase does not open the record key,
// and says nothing when it does or when there is no key yet.
func TestCheckServePassphrase(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	n, _, err := demo.Load(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	if msg := checkServePassphrase(ctx, store, []byte("anything")); msg != "" {
		t.Fatalf("no key yet: %q", msg)
	}
	if _, _, err := record.LoadKey(ctx, store, n, nil, []byte("right one")); err != nil {
		t.Fatal(err)
	}
	if msg := checkServePassphrase(ctx, store, []byte("right one")); msg != "" {
		t.Fatalf("the right passphrase: %q", msg)
	}
	msg := checkServePassphrase(ctx, store, []byte("wrong one"))
	if !strings.Contains(msg, "does not open the record key of negotiation") || strings.Contains(msg, "wrong one") {
		t.Fatalf("the wrong passphrase: %q", msg)
	}
}
