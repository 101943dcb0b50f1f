package main

import (
	"strings"
	"testing"
)

const demoTitle = "Ending the war in Ukraine (2025)"

func TestIssueAndPosition(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	out := c.ok("issue", "add", "--negotiation", demoTitle, "--name", "Frozen assets", "--options", "returned|split|kept", "--veto", "RU,UA")
	if !strings.Contains(out, "returned < split < kept") {
		t.Fatalf("issue add: %s", out)
	}
	var issues struct {
		Issues []struct {
			Name    string
			Scale   string
			Options []string
			Veto    []int64 `json:"veto_party_ids"`
		}
	}
	c.jsonOf(&issues, "issue", "list", "--negotiation", demoTitle)
	last := issues.Issues[len(issues.Issues)-1]
	if len(issues.Issues) != 7 || last.Name != "Frozen assets" || len(last.Options) != 3 || len(last.Veto) != 2 {
		t.Fatalf("issues: %+v", issues.Issues)
	}
	c.ok("position", "set", "--negotiation", demoTitle, "--issue", "frozen assets", "--party", "UA",
		"--ideal", "returned", "--reservation", "split", "--salience", "80", "--capability", "30", "--date", "2025-12-01")
	c.ok("position", "set", "--negotiation", demoTitle, "--issue", "Frozen assets", "--party", "RU",
		"--ideal", "2", "--reservation", "1", "--share", "published", "--salience", "60", "--capability", "70", "--date", "2025-12")

	// The Ukrainian reservation is the party's own: hidden unless revealed.
	list := c.ok("position", "list", "--negotiation", demoTitle, "--issue", "Frozen assets")
	if !strings.Contains(list, "(confidential)") || strings.Count(list, "split") != 1 {
		t.Fatalf("list shows a confidential reservation:\n%s", list)
	}
	if revealed := c.ok("position", "list", "--negotiation", demoTitle, "--issue", "Frozen assets", "--reveal"); strings.Count(revealed, "split") != 2 {
		t.Fatalf("--reveal:\n%s", revealed)
	}
	// The demo's own reservations stay hidden in JSON too.
	all := c.ok("position", "list", "--negotiation", demoTitle, "--format", "json")
	if strings.Contains(all, `"reservation": 800000`) || strings.Contains(all, `"reservation": 650000`) || !strings.Contains(all, `"reservation": null`) {
		t.Fatalf("json list leaks a demo reservation value")
	}

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"off the scale", []string{"--issue", "Frozen assets", "--party", "UA", "--ideal", "7", "--salience", "1", "--capability", "1"}, 2, "off the scale"},
		{"not an option", []string{"--issue", "Frozen assets", "--party", "UA", "--ideal", "sold", "--salience", "1", "--capability", "1"}, 2, "not one of the options"},
		{"unknown party", []string{"--issue", "Frozen assets", "--party", "Atlantis", "--ideal", "1", "--salience", "1", "--capability", "1"}, 1, "Atlantis"},
		{"unknown issue", []string{"--issue", "Weather", "--party", "UA", "--ideal", "1", "--salience", "1", "--capability", "1"}, 1, "Weather"},
		{"no salience", []string{"--issue", "Frozen assets", "--party", "UA", "--ideal", "1"}, 2, "--salience"},
		{"bad date", []string{"--issue", "Frozen assets", "--party", "UA", "--ideal", "1", "--salience", "1", "--capability", "1", "--date", "yesterday"}, 2, "--date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := c.run(append([]string{"position", "set", "--negotiation", demoTitle}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tc.code, tc.want)
			}
		})
	}
	if _, errOut, code := c.run("issue", "add", "--negotiation", demoTitle, "--name", "X", "--min", "5", "--max", "1"); code != 2 || !strings.Contains(errOut, "below max") {
		t.Errorf("bad scale: exit %d: %s", code, errOut)
	}
}
