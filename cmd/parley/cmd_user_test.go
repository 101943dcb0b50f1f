package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"parley/sqlite"
)

// runWithStdin runs one command with text on standard input.
func (c *cli) runWithStdin(stdin string, args ...string) (string, string, int) {
	c.tb.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append(args, "--db", c.db), strings.NewReader(stdin), &stdout, &stderr)
	if err != nil {
		stderr.WriteString("parley: " + message(err) + "\n")
	}
	return stdout.String(), stderr.String(), exitCode(err)
}

func TestUserCommands(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	for _, weak := range []string{"s3cret", "password1234", "Analyst"} {
		if _, errOut, code := c.runWithStdin(weak+"\n", "user", "add", "analyst"); code != 2 || !strings.Contains(errOut, "password:") {
			t.Fatalf("add with the password %q: %d %s, want it refused", weak, code, errOut)
		}
	}
	if out, errOut, code := c.runWithStdin("tundra kettle orbit\n", "user", "add", " Analyst\u00a0", "--name", "An Analyst"); code != 0 || !strings.Contains(out, "added user analyst") {
		t.Fatalf("add: %d %s %s", code, out, errOut)
	}
	if _, errOut, code := c.runWithStdin("", "user", "add", "empty"); code != 2 || !strings.Contains(errOut, "no password") {
		t.Fatalf("add without a password: %d %s", code, errOut)
	}
	if _, errOut, code := c.runWithStdin("another long passphrase\n", "user", "add", "analyst"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("add twice: %d %s", code, errOut)
	}
	out := c.ok("user", "grant", "analyst", "--negotiation", "Ending the war in Ukraine (2025)", "--role", "delegate", "--party", "UA")
	if !strings.Contains(out, "a delegate of UA") {
		t.Fatalf("grant: %s", out)
	}
	if _, errOut, code := c.run("user", "grant", "analyst", "--negotiation", "Ending the war in Ukraine (2025)", "--role", "delegate"); code != 2 || !strings.Contains(errOut, "delegate must act for a party") {
		t.Fatalf("grant without a party: %d %s", code, errOut)
	}
	token := strings.TrimSpace(c.ok("user", "token", "analyst", "--for", "a script"))
	if len(token) < 20 || strings.ContainsAny(token, " \n") {
		t.Fatalf("token = %q", token)
	}
	if _, errOut, code := c.runWithStdin("n3w-pass\n", "user", "passwd", "analyst"); code != 2 || !strings.Contains(errOut, "at least 12") {
		t.Fatalf("passwd with a short password: %d %s", code, errOut)
	}
	if _, _, code := c.runWithStdin("a n3w pass phrase\n", "user", "passwd", "analyst"); code != 0 {
		t.Fatalf("passwd: %d", code)
	}
	if _, errOut, code := c.run("user", "frobnicate", "x"); code != 2 || !strings.Contains(errOut, "unknown action") {
		t.Fatalf("unknown action: %d %s", code, errOut)
	}
}

// The sessions and API tokens of a user: listed without their secrets,
// revoked one by one or all at once, and all ended by a password change.
func TestUserSessionCommands(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	if _, _, code := c.runWithStdin("tundra kettle orbit\n", "user", "add", "analyst"); code != 0 {
		t.Fatal("add")
	}
	c.ok("user", "grant", "analyst", "--negotiation", "Ending the war in Ukraine (2025)", "--role", "observer")
	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	alive := func(token string) bool {
		_, err := store.FindSession(ctx, hashOf(token))
		return err == nil
	}
	first := strings.TrimSpace(c.ok("user", "token", "analyst", "--for", "nightly export"))
	second := strings.TrimSpace(c.ok("user", "token", "analyst", "--for", "dashboard"))

	var tokens []struct {
		ID, For  string
		Created  string `json:"created_at"`
		Expires  string `json:"expires_at"`
		LastUsed string `json:"last_used_at"`
	}
	c.jsonOf(&tokens, "user", "tokens", "analyst")
	out := c.ok("user", "tokens", "analyst")
	if len(tokens) != 2 || tokens[0].ID == "" || tokens[0].Expires == "" || tokens[0].LastUsed == "" || !strings.Contains(out, "nightly export") || !strings.Contains(out, tokens[0].ID) {
		t.Fatalf("tokens: %+v\n%s", tokens, out)
	}
	for _, secret := range []string{first, second, hashOf(first), hashOf(second)} {
		if strings.Contains(out, secret) {
			t.Fatalf("tokens shows a secret or its hash:\n%s", out)
		}
	}
	var dashboard string
	for _, tk := range tokens {
		if tk.For == "dashboard" {
			dashboard = tk.ID
		}
	}
	c.ok("user", "token", "revoke", dashboard)
	if alive(second) || !alive(first) {
		t.Fatalf("after token revoke: first alive %v, second alive %v", alive(first), alive(second))
	}
	if _, errOut, code := c.run("user", "token", "revoke", dashboard); code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("revoking it again: %d %s", code, errOut)
	}
	if _, errOut, code := c.run("user", "token", "revoke", "nothex"); code != 2 {
		t.Fatalf("revoking a malformed id: %d %s", code, errOut)
	}
	if out := c.ok("user", "revoke", "analyst"); !strings.Contains(out, "ended 1 ") || alive(first) {
		t.Fatalf("revoke: %s (first alive %v)", out, alive(first))
	}
	third := strings.TrimSpace(c.ok("user", "token", "analyst"))
	if out, errOut, code := c.runWithStdin("a n3w pass phrase\n", "user", "passwd", "analyst"); code != 0 || alive(third) {
		t.Fatalf("passwd: %d %s %s, token alive after it: %v", code, out, errOut, alive(third))
	}
	var users []struct {
		Username string
		Tokens   int `json:"api_tokens"`
	}
	c.jsonOf(&users, "user", "list")
	if len(users) != 1 || users[0].Username != "analyst" || users[0].Tokens != 0 {
		t.Fatalf("user list: %+v", users)
	}
	if out := c.ok("user", "ungrant", "analyst", "--negotiation", "Ending the war in Ukraine (2025)"); !strings.Contains(out, "no role") {
		t.Fatalf("ungrant: %s", out)
	}
	if _, errOut, code := c.run("user", "ungrant", "analyst", "--negotiation", "Ending the war in Ukraine (2025)"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("ungrant again: %d %s", code, errOut)
	}
}

func hashOf(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
