package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs parley in-process against one database.
type cli struct {
	tb testing.TB
	db string
}

func newCLI(tb testing.TB) *cli {
	return &cli{tb: tb, db: filepath.Join(tb.TempDir(), "parley.db")}
}

// run returns stdout, stderr and the exit code of one command.
func (c *cli) run(args ...string) (string, string, int) {
	c.tb.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append(args, "--db", c.db), strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		stderr.WriteString("parley: " + message(err) + "\n")
	}
	return stdout.String(), stderr.String(), exitCode(err)
}

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.tb.Helper()
	out, errOut, code := c.run(args...)
	if code != 0 {
		c.tb.Fatalf("parley %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// jsonOf runs a command with --format json and decodes its output.
func (c *cli) jsonOf(v any, args ...string) {
	c.tb.Helper()
	out := c.ok(append(args, "--format", "json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		c.tb.Fatalf("parley %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func TestUsage(t *testing.T) {
	c := newCLI(t)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"show"}, 2, "want exactly one VERSION"},
		{[]string{"show", "abc"}, 2, "not a version id"},
		{[]string{"show", "42"}, 1, "not found"},
		{[]string{"list", "--format", "yaml"}, 2, `--format "yaml"`},
		{[]string{"import", "x.txt"}, 2, "--negotiation is required"},
		{[]string{"list", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"show", "-h"}, 0, ""},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, errOut, code := c.run(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if code := exitCode(run(context.Background(), nil, nil, &stdout, &stderr)); code != 2 || !strings.Contains(stderr.String(), "usage: parley") {
		t.Fatalf("no arguments: exit %d, stderr %q", code, stderr.String())
	}
}
