package main

import (
	"strings"
	"testing"
	"time"
)

func TestContacts(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	var out struct {
		Now          string
		HalfLifeDays float64 `json:"half_life_days"`
		Parties      struct {
			Nodes []struct {
				Code        string
				Events      int
				Betweenness float64
			}
			Links []struct{ Count int }
		}
		Actors struct {
			Nodes []struct{ Name string }
			Links []struct{ A, B int64 }
		}
		Party       *struct{ Code string }
		Suggestions []struct{ Kind, Name, Reason string }
	}
	c.jsonOf(&out, "contacts", "--negotiation", "1", "--as-of", "2025-11-28", "--party", "RU")
	if !strings.HasPrefix(out.Now, "2025-11-28T00:00:00") || out.HalfLifeDays != 90 || out.Party == nil || out.Party.Code != "RU" ||
		len(out.Parties.Nodes) != 5 || len(out.Parties.Links) != 2 || len(out.Actors.Nodes) != 12 || len(out.Actors.Links) != 4 {
		t.Fatalf("contacts: %+v", out)
	}
	for _, n := range out.Parties.Nodes {
		if n.Code == "US" && (n.Betweenness != 1 || n.Events != 5) {
			t.Errorf("US: %+v, want the one line between Russia and Ukraine, in five contact events", n)
		}
	}
	var got []string
	for _, s := range out.Suggestions {
		got = append(got, s.Kind+" "+s.Name)
	}
	// Russia never met the US Secretary of State, who led the Geneva talks,
	// nor the Ukrainians; it reaches Ukraine through the US.
	if joined := strings.Join(got, "; "); joined != "actor Andriy Yermak; actor Marco Rubio; broker United States" {
		t.Errorf("suggestions for Russia: %s", joined)
	}
	// Without --as-of, contacts are weighed as of the last contact event
	// of the case (the Geneva talks), not today, when they have faded.
	var byDefault struct {
		Now time.Time
	}
	c.jsonOf(&byDefault, "contacts", "--negotiation", "1")
	if got := byDefault.Now.Format(time.DateOnly); got != "2025-11-23" {
		t.Errorf("default as-of %s, want the day of the case's last contact", got)
	}
	// Weighed as of an earlier day, later contacts do not count.
	c.jsonOf(&out, "contacts", "--negotiation", "1", "--as-of", "2025-08-01")
	if len(out.Parties.Links) != 1 || out.Parties.Links[0].Count != 1 || len(out.Actors.Links) != 1 {
		t.Errorf("as of 1 August 2025: %+v, want only St Petersburg", out.Parties)
	}
	text := c.ok("contacts", "--negotiation", "1", "--as-of", "2025-11-28", "--party", "UA", "--half-life", "30")
	for _, want := range []string{"as of 2025-11-28 (half-life 30 days)", "United States – Russia: 4 contacts (call, meeting, summit), last 2025-10-14",
		"Whom should Ukraine talk to?", "go through United States to reach Russia"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"contacts"}, 2, "--negotiation is required"},
		{[]string{"contacts", "--negotiation", "1", "--as-of", "2025-11"}, 2, `--as-of "2025-11": want a day`},
		{[]string{"contacts", "--negotiation", "1", "--half-life", "0"}, 2, "--half-life 0"},
		{[]string{"contacts", "--negotiation", "1", "--party", "XX"}, 2, `--party "XX": not a party`},
		{[]string{"contacts", "--negotiation", "1", "--format", "svg"}, 2, `--format "svg"`},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, errOut, code := c.run(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}
