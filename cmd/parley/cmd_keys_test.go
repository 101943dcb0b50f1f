package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePassphrase writes a passphrase file for a test and returns its path.
func writePassphrase(t *testing.T, pass string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "passphrase")
	if err := os.WriteFile(path, []byte(pass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestKeys(t *testing.T) {
	t.Setenv("PARLEY_KEY_PASSPHRASE", "") // only the file gives one
	c, _ := demoCLI(t)
	pass := writePassphrase(t, "correct horse battery staple")

	if out := c.ok("keys", "list", "--negotiation", "1"); !strings.Contains(out, "no keys yet") {
		t.Fatalf("keys list before any key:\n%s", out)
	}
	out := c.ok("keys", "generate", "--negotiation", "1", "--passphrase-file", pass)
	if !strings.Contains(out, "generated the record key of negotiation 1") || !strings.Contains(out, "public key: parley/negotiation/1/") {
		t.Fatalf("keys generate:\n%s", out)
	}
	c.ok("keys", "generate", "--negotiation", "Ending the war in Ukraine (2025)", "--party", "UA", "--passphrase-file", pass)

	vkey := strings.TrimSpace(c.ok("keys", "export", "--negotiation", "1"))
	if name, ok := verifierKeyName(vkey); !ok || !strings.HasPrefix(name, "parley/negotiation/1/") {
		t.Fatalf("exported record key %q is not a note verifier key", vkey)
	}
	ua := strings.TrimSpace(c.ok("keys", "export", "--negotiation", "1", "--party", "Ukraine"))
	if len(ua) != 44 {
		t.Fatalf("exported party key %q is not the base64 of 32 bytes", ua)
	}
	var keys []keyJSON
	c.jsonOf(&keys, "keys", "list", "--negotiation", "1")
	if len(keys) != 2 || keys[0].Kind != "record" || keys[0].PublicKey != vkey || keys[1].Kind != "endorsement" || keys[1].Party != "Ukraine" || keys[1].PublicKey != ua {
		t.Fatalf("keys list = %+v", keys)
	}
	raw, _ := json.Marshal(keys)
	if strings.Contains(string(raw), "sealed") {
		t.Fatalf("keys list shows a sealed key: %s", raw)
	}

	// No private key is ever in the database in the clear: note signer
	// keys start "PRIVATE+KEY+".
	for _, f := range []string{c.db, c.db + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("PRIVATE+KEY")) {
			t.Fatalf("%s holds a signer key in the clear", f)
		}
	}

	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"again", []string{"keys", "generate", "--negotiation", "1", "--passphrase-file", pass}, 1, "already exists"},
		{"party again", []string{"keys", "generate", "--negotiation", "1", "--party", "UA", "--passphrase-file", pass}, 1, "already exists"},
		{"no passphrase", []string{"keys", "generate", "--negotiation", "1", "--party", "RU"}, 2, "PARLEY_KEY_PASSPHRASE"},
		{"missing passphrase file", []string{"keys", "generate", "--negotiation", "1", "--party", "RU", "--passphrase-file", filepath.Join(t.TempDir(), "nope")}, 2, "cannot read the passphrase file"},
		{"empty passphrase file", []string{"keys", "generate", "--negotiation", "1", "--party", "RU", "--passphrase-file", emptyFile(t)}, 2, "is empty"},
		{"no negotiation", []string{"keys", "list"}, 2, "--negotiation is required"},
		{"unknown negotiation", []string{"keys", "list", "--negotiation", "Nowhere"}, 1, "not found"},
		{"unknown party", []string{"keys", "export", "--negotiation", "1", "--party", "Atlantis"}, 1, "not found"},
		{"not made yet", []string{"keys", "export", "--negotiation", "1", "--party", "RU"}, 1, "does not exist yet"},
		{"unknown action", []string{"keys", "rotate", "--negotiation", "1"}, 2, "unknown action"},
		{"no action", []string{"keys"}, 2, "want generate, list or export"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := c.run(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
			if strings.Contains(out+errOut, "PRIVATE+KEY") {
				t.Fatalf("a private key was printed:\n%s%s", out, errOut)
			}
		})
	}
}

func TestKeysPassphraseFromEnvironment(t *testing.T) {
	c, _ := demoCLI(t)
	t.Setenv("PARLEY_KEY_PASSPHRASE", "from the environment")
	c.ok("keys", "generate", "--negotiation", "1", "--party", "E3")
	if out := c.ok("keys", "export", "--negotiation", "1", "--party", "E3"); len(strings.TrimSpace(out)) != 44 {
		t.Fatalf("party key = %q", out)
	}
}

func emptyFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(path, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
