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
	if !strings.Contains(cmp.Event.Title, "Alaska") || len(cmp.Parties) != 2 || cmp.Counts["disputed"] != 1 || cmp.Counts["one-sided"] != 2 || cmp.Counts["contradiction"] != 0 {
		t.Fatalf("comparison: %+v", cmp)
	}
	if tp := cmp.Topics[0]; tp.Topic != "leaders-meeting" || tp.Outcome != "disputed" || tp.Agreed[0].Party != "US" || tp.NotAgreed[0].Party != "RU" {
		t.Errorf("first topic: %+v", tp)
	}
	if tp := cmp.Topics[1]; tp.Outcome != "one-sided" || tp.Agreed[0].Party != "RU" || tp.Silent[0].Code != "US" {
		t.Errorf("second topic: %+v", tp)
	}
	text := c.ok("understandings", alaska)
	for _, want := range []string{"DISPUTED  leaders-meeting: US says agreed; RU says not agreed", "  US  agreed      Putin promised to meet Zelensky",
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

// Readings in Ukrainian and Russian, one tied to the army-cap issue by
// --issue, the other under a topic the demo's synonyms join to it: a
// contradiction on the figures, placed on the issue's scale.
func TestUnderstandingsCompareWhatClaimsSay(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	var event struct{ ID int64 }
	c.jsonOf(&event, "events", "add", "--negotiation", demoTitle, "--kind", "talks", "--title", "Talks on the army", "--date", "2025-12", "--parties", "UA,RU")
	id := strconv.FormatInt(event.ID, 10)
	var added struct {
		Claims []struct {
			Topic   string
			IssueID int64 `json:"issue_id"`
		}
	}
	c.jsonOf(&added, "understandings", "add", id, "--party", "UA", "--visibility", "published",
		"--claim", "армія=agreed: Чисельність ЗСУ обмежено 800 тис. у мирний час.", "--issue", "армія=Ceiling on Ukraine's armed forces")
	if len(added.Claims) != 1 || added.Claims[0].IssueID == 0 {
		t.Fatalf("understandings add --issue: %+v", added)
	}
	c.ok("understandings", "add", id, "--party", "RU", "--visibility", "published",
		"--claim", "потолок численности ВСУ=agreed: Численность ВСУ ограничена 100 000 военнослужащих.")
	var cmp struct {
		Topics []struct {
			Outcome     string
			Differences []struct {
				What string
				Says []struct{ Party, Says string }
			}
			Scale struct {
				Marks []struct{ Party, Label string }
			}
		}
	}
	c.jsonOf(&cmp, "understandings", id)
	if len(cmp.Topics) != 1 || cmp.Topics[0].Outcome != "contradiction" || len(cmp.Topics[0].Differences) != 1 ||
		cmp.Topics[0].Differences[0].Says[0].Says != "100,000 personnel" || len(cmp.Topics[0].Scale.Marks) != 2 {
		t.Fatalf("comparison: %+v", cmp)
	}
	text := c.ok("understandings", id)
	for _, want := range []string{"1 contradicted, 0 disputed", "CONTRADICTION  потолок численности ВСУ: RU, UA say agreed, but differ: figures: 100,000 personnel vs 800,000",
		"  figures differ: RU 100,000 personnel | UA 800,000\n",
		"  on the scale of Ceiling on Ukraine's armed forces (0 to 1,000,000 personnel): RU 100,000 at 10%, UA 800,000 at 80%\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--claim", "a=agreed: b", "--issue", "a=Atlantis"}, `--issue "a=Atlantis": no issue of this negotiation`},
		{[]string{"--claim", "a=agreed: b", "--issue", "z=1"}, `no --claim has the topic "z"`},
		{[]string{"--claim", "a=agreed: b", "--issue", "a"}, "want TOPIC=ISSUE"},
		{[]string{"--claim", "a=agreed: b", "--point", "a=x"}, `"x" is not a point id`},
	} {
		_, errOut, code := c.run(append([]string{"understandings", "add", id, "--party", "UA"}, tt.args...)...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
	// A point of another negotiation's version (or none) is refused by the store.
	if _, errOut, code := c.run("understandings", "add", id, "--party", "UA", "--claim", "a=agreed: b", "--point", "a=999999"); code != 2 || !strings.Contains(errOut, "point_id") {
		t.Errorf("a foreign point: exit %d, stderr %q", code, errOut)
	}
}

func TestSynonyms(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	if out := c.ok("synonyms", "--negotiation", demoTitle); !strings.Contains(out, "army-cap: Ceiling on Ukraine's armed forces, army ceiling") {
		t.Fatalf("synonyms:\n%s", out)
	}
	var got struct {
		Groups []struct {
			Key   string
			Terms []string
		}
	}
	c.jsonOf(&got, "synonyms", "--negotiation", demoTitle, "--add", "nato: NATO membership, вступление в НАТО", "--remove", "US", "--add", "army-cap: troop cap")
	keys := []string{}
	for _, g := range got.Groups {
		keys = append(keys, g.Key+"="+strings.Join(g.Terms, "|"))
	}
	if want := "leaders-meeting,army-cap=troop cap,RU,UA,nato=NATO membership|вступление в НАТО"; !strings.Contains(strings.Join(keys, ","), "army-cap=troop cap") ||
		!strings.HasSuffix(strings.Join(keys, ","), "nato=NATO membership|вступление в НАТО") || strings.Contains(strings.Join(keys, ","), "US=") {
		t.Fatalf("groups = %v, want like %s", keys, want)
	}
	if out := c.ok("synonyms", "--negotiation", demoTitle, "--clear"); !strings.Contains(out, "no synonyms kept") {
		t.Fatalf("--clear: %s", out)
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"synonyms"}, 2, "--negotiation is required"},
		{[]string{"synonyms", "--negotiation", demoTitle, "--add", "no colon"}, 2, "want KEY: TERM"},
		{[]string{"synonyms", "--negotiation", demoTitle, "--add", "a: x", "--add", "b: X"}, 2, `term "X" is already in group 1 (a)`},
		{[]string{"synonyms", "--negotiation", demoTitle, "--remove", "nothing"}, 2, "no group has that key"},
		{[]string{"synonyms", "--negotiation", "Atlantis"}, 1, "not found"},
	} {
		_, errOut, code := c.run(tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}
