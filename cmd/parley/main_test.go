package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
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
	if err != nil && !errors.Is(err, errHelp) {
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
		{[]string{"show", "42"}, 1, "no database at"},
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

// Help is where people look for it: "parley help CMD [ACTION]", -h on
// every command and every action (to standard output, exit 0, each usage
// line naming its action once), --version, and a mistyped command or
// action gets a suggestion instead of the whole usage.
func TestHelpAndVersion(t *testing.T) {
	c := newCLI(t)
	actions := map[string][]string{
		"issue":          {"add", "list"},
		"position":       {"set", "list"},
		"stance":         {"set", "list", "history"},
		"round":          {"open", "submit", "close", "list"},
		"user":           {"add", "passwd", "list", "token", "tokens", "revoke", "grant", "ungrant"},
		"keys":           {"generate", "list", "export"},
		"record":         {"add", "endorse", "check", "checkpoint", "proof", "list"},
		"events":         {"add"},
		"understandings": {"add"},
	}
	for _, cmd := range commands() {
		for _, args := range append([][]string{{cmd.name}}, func() (out [][]string) {
			for _, a := range actions[cmd.name] {
				out = append(out, []string{cmd.name, a})
			}
			return out
		}()...) {
			for _, form := range [][]string{append(slices.Clone(args), "-h"), append([]string{"help"}, args...)} {
				out, errOut, code := c.run(form...)
				if code != 0 || !strings.HasPrefix(out, "usage:") || errOut != "" {
					t.Errorf("parley %s: exit %d, stdout %.60q, stderr %q", strings.Join(form, " "), code, out, errOut)
				}
				if len(args) == 2 && strings.Contains(out, args[1]+" "+args[1]+" ") {
					t.Errorf("parley %s: the action is named twice: %.80q", strings.Join(form, " "), out)
				}
			}
		}
	}
	if out := c.ok("help", "issue"); !strings.Contains(out, "parley issue add --negotiation") || !strings.Contains(out, "parley issue list") {
		t.Errorf("help issue lists no actions: %q", out)
	}
	if out := c.ok("--version"); !strings.HasPrefix(out, "parley ") || !strings.Contains(out, "go1.") {
		t.Errorf("--version = %q", out)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"imprt"}, `unknown command "imprt": did you mean "import"?`},
		{[]string{"round", "opn"}, `unknown action "opn": did you mean "open"?`},
		{[]string{"zzzzzz"}, `unknown command "zzzzzz"; run "parley help"`},
		{[]string{"issue"}, `want an action: add, list`},
	} {
		out, errOut, code := c.run(tt.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "usage:") {
			t.Errorf("parley %s: exit %d, stdout %q, stderr %q; want exit 2 and only %q", strings.Join(tt.args, " "), code, out, errOut, tt.want)
		}
	}
}
