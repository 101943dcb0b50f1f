package main

import (
	"strings"
	"testing"
)

// A round from the command line: opened, each veto player submits once,
// closed with one verdict; nothing of a submitted range is printed.
func TestRound(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	c.ok("issue", "add", "--negotiation", demoTitle, "--name", "Frozen assets", "--options", "returned|split|kept", "--veto", "RU,UA")
	c.ok("position", "set", "--negotiation", demoTitle, "--issue", "Frozen assets", "--party", "UA",
		"--ideal", "returned", "--reservation", "split", "--salience", "80", "--capability", "30", "--date", "2025-12-01")

	if out := c.ok("round", "open", "--negotiation", demoTitle, "--issue", "Frozen assets"); !strings.Contains(out, "waiting for RU, UA") {
		t.Fatalf("round open: %s", out)
	}
	c.fails(1, "already has an open round", "round", "open", "--negotiation", demoTitle, "--issue", "Frozen assets")
	c.ok("round", "submit", "--negotiation", demoTitle, "--issue", "Frozen assets", "--party", "UA")
	c.fails(1, "one submission per party", "round", "submit", "--negotiation", demoTitle, "--issue", "Frozen assets", "--party", "UA", "--ideal", "kept", "--reservation", "kept")
	c.fails(2, "together", "round", "submit", "--negotiation", demoTitle, "--issue", "Frozen assets", "--party", "RU", "--ideal", "kept")
	c.fails(2, "no position", "round", "submit", "--negotiation", demoTitle, "--issue", "Frozen assets", "--party", "RU")
	c.fails(2, "not a veto player", "round", "submit", "--negotiation", demoTitle, "--issue", "Frozen assets", "--party", "US", "--ideal", "kept", "--reservation", "split")
	c.ok("round", "submit", "--negotiation", demoTitle, "--issue", "Frozen assets", "--party", "RU", "--ideal", "kept", "--reservation", "kept")
	if out := c.ok("round", "close", "--negotiation", demoTitle, "--issue", "Frozen assets"); !strings.Contains(out, "no overlap") {
		t.Fatalf("round close: %s", out)
	}
	c.fails(1, "no open round", "round", "close", "--negotiation", demoTitle, "--issue", "Frozen assets")

	var list struct {
		Rounds []struct {
			Issue     string
			Verdict   string
			Submitted []string
		}
	}
	c.jsonOf(&list, "round", "list", "--negotiation", demoTitle)
	last := list.Rounds[len(list.Rounds)-1]
	if len(list.Rounds) != 4 || last.Issue != "Frozen assets" || last.Verdict != "no overlap" || strings.Join(last.Submitted, ",") != "RU,UA" {
		t.Fatalf("rounds: %+v", list.Rounds)
	}
	byID := c.ok("round", "list", "--negotiation", "1")
	text := c.ok("round", "list", "--negotiation", demoTitle)
	if byID != text {
		t.Fatalf("--negotiation 1 lists\n%s\nbut the title lists\n%s", byID, text)
	}
	if !strings.Contains(text, "overlap") || strings.Contains(text, "650000") || strings.Contains(text, "650,000") {
		t.Fatalf("round list:\n%s", text)
	}
}

// fails runs a command that must fail with the exit code and a message on
// stderr that contains want.
func (c *cli) fails(code int, want string, args ...string) {
	c.tb.Helper()
	out, errOut, got := c.run(args...)
	if got != code || !strings.Contains(errOut, want) {
		c.tb.Fatalf("parley %s: exit %d, want %d with %q\n%s%s", strings.Join(args, " "), got, code, want, out, errOut)
	}
}
