package main

import (
	"strings"
	"testing"
)

func TestEvents(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	var out struct {
		Negotiation struct {
			ID    int64
			Title string
		}
		Events []struct {
			ID        int64
			Kind      string
			Title     string
			Date      string
			Precision string `json:"date_precision"`
			Place     string
			Parties   []struct{ Code string }
			Actors    []struct{ Name, Party string }
			Versions  []struct {
				ID    int64
				Label string
			}
			Sources        []struct{ Grade string }
			Understandings int
		}
	}
	c.jsonOf(&out, "events", "--negotiation", "1")
	if out.Negotiation.ID != 1 || len(out.Events) < 10 {
		t.Fatalf("events: %+v", out)
	}
	var alaska, geneva bool
	for _, e := range out.Events {
		switch {
		case strings.Contains(e.Title, "Alaska"):
			alaska = e.Kind == "summit" && e.Date == "2025-08-15" && e.Precision == "day" && e.Place == "Anchorage, Alaska" &&
				len(e.Parties) == 2 && len(e.Actors) == 2 && e.Actors[0].Party == "US" && len(e.Sources) == 3 && e.Understandings == 2
		case e.Title == "US-Ukrainian talks in Geneva":
			geneva = len(e.Versions) == 2 && strings.HasPrefix(e.Versions[0].Label, "28-point")
		}
	}
	if !alaska || !geneva {
		t.Errorf("Alaska as expected: %v; Geneva with its two texts: %v\n%+v", alaska, geneva, out.Events)
	}
	// By title too, and as text.
	text := c.ok("events", "--negotiation", out.Negotiation.Title)
	for _, want := range []string{"2025-08-15  summit", "Anchorage, Alaska; US, RU, Donald Trump, Vladimir Putin", "text: 28-point plan", "2 understandings: parley understandings"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"events"}, 2, "--negotiation is required"},
		{[]string{"events", "--negotiation", "1", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"events", "--negotiation", "1", "--format", "xml"}, 2, `--format "xml"`},
		{[]string{"events", "--negotiation", "1", "--party", "XX"}, 2, `--party "XX": not a party`},
		{[]string{"events", "--negotiation", "No such talks"}, 1, "not found"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, errOut, code := c.run(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}
