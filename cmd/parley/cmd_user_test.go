package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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
	if out, errOut, code := c.runWithStdin("s3cret\n", "user", "add", "analyst", "--name", "An Analyst"); code != 0 || !strings.Contains(out, "added user analyst") {
		t.Fatalf("add: %d %s %s", code, out, errOut)
	}
	if _, errOut, code := c.runWithStdin("", "user", "add", "empty"); code != 2 || !strings.Contains(errOut, "no password") {
		t.Fatalf("add without a password: %d %s", code, errOut)
	}
	if _, errOut, code := c.runWithStdin("x1234\n", "user", "add", "analyst"); code != 1 || !strings.Contains(errOut, "already exists") {
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
	if _, _, code := c.runWithStdin("n3w-password\n", "user", "passwd", "analyst"); code != 0 {
		t.Fatalf("passwd: %d", code)
	}
	if _, errOut, code := c.run("user", "frobnicate", "x"); code != 2 || !strings.Contains(errOut, "unknown action") {
		t.Fatalf("unknown action: %d %s", code, errOut)
	}
}
