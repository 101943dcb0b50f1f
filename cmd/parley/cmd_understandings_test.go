package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"parley"
	"parley/sqlite"
)

// alaskaID finds the demo's Alaska summit.
func alaskaID(t *testing.T, c *cli) string {
	t.Helper()
	var out struct {
		Events []struct {
			ID    int64
			Title string
		}
	}
	c.jsonOf(&out, "events", "--negotiation", "1")
	for _, e := range out.Events {
		if strings.Contains(e.Title, "Alaska") {
			return strconv.FormatInt(e.ID, 10)
		}
	}
	t.Fatal("no Alaska summit in the demo")
	return ""
}

func TestUnderstandings(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	alaska := alaskaID(t, c)
	type claim struct{ Party, Text string }
	var cmp struct {
		Event   struct{ Title string }
		Parties []struct{ Code string }
		Counts  map[string]int
		Topics  []struct {
			Topic, Outcome, Summary string
			Agreed                  []claim
			NotAgreed               []claim `json:"not_agreed"`
			Silent                  []struct{ Code string }
		}
	}
	c.jsonOf(&cmp, "understandings", alaska)
	if !strings.Contains(cmp.Event.Title, "Alaska") || len(cmp.Parties) != 2 || cmp.Counts["contradiction"] != 1 || cmp.Counts["one-sided"] != 2 {
		t.Fatalf("comparison: %+v", cmp)
	}
	if tp := cmp.Topics[0]; tp.Topic != "leaders-meeting" || tp.Outcome != "contradiction" || tp.Agreed[0].Party != "US" || tp.NotAgreed[0].Party != "RU" {
		t.Errorf("first topic: %+v", tp)
	}
	if tp := cmp.Topics[1]; tp.Outcome != "one-sided" || tp.Agreed[0].Party != "RU" || tp.Silent[0].Code != "US" {
		t.Errorf("second topic: %+v", tp)
	}
	text := c.ok("understandings", alaska)
	for _, want := range []string{"CONTRADICTION  leaders-meeting: US says agreed; RU says not agreed", "  US  agreed      Putin promised to meet Zelensky",
		"ONE-SIDED  security-guarantees: only RU says agreed; US silent", "  US  silent"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}

	// A reading Russia keeps to itself shows only with --party RU.
	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	ru, err := store.FindParty(ctx, 1, "RU")
	if err != nil {
		t.Fatal(err)
	}
	id, _ := strconv.ParseInt(alaska, 10, 64)
	err = store.CreateUnderstanding(ctx, &parley.Understanding{EventID: id, PartyID: ru.ID, Date: parley.MustParseDate("2025-08-20"),
		Visibility: parley.VisibilityParty, Claims: []parley.Claim{{Topic: "private-topic", Text: "KEPT TO RUSSIA", Agreed: true}}})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out := c.ok("understandings", alaska); strings.Contains(out, "KEPT TO RUSSIA") {
		t.Errorf("a private reading shows without --party:\n%s", out)
	}
	if out := c.ok("understandings", alaska, "--party", "US"); strings.Contains(out, "KEPT TO RUSSIA") {
		t.Errorf("Russia's private reading shows for the US:\n%s", out)
	}
	if out := c.ok("understandings", alaska, "--party", "ru"); !strings.Contains(out, "KEPT TO RUSSIA") {
		t.Errorf("Russia's private reading is missing for Russia:\n%s", out)
	}

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"understandings"}, 2, "want exactly one EVENT id"},
		{[]string{"understandings", "x"}, 2, `"x" is not an event id`},
		{[]string{"understandings", "99999"}, 1, "event 99999 not found"},
		{[]string{"understandings", alaska, "--party", "Atlantis"}, 2, `--party "Atlantis": not a party`},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, errOut, code := c.run(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}
