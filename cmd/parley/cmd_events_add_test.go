package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// An event goes on the timeline, each side records its reading, and the
// comparison (as each party's delegates see it) flags the dispute.
func TestEventsAddAndUnderstandingsAdd(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	out := c.ok("events", "add", "--negotiation", demoTitle, "--kind", "call", "--title", "Call on prisoner exchanges",
		"--date", "2025-12", "--place", "by phone", "--parties", "UA,RU", "--versions", "3")
	if !strings.HasPrefix(out, "added event ") {
		t.Fatalf("events add: %s", out)
	}
	var id string
	for _, f := range strings.Fields(out) {
		if strings.HasSuffix(f, ":") {
			id = strings.TrimSuffix(f, ":")
			break
		}
	}
	c.ok("understandings", "add", id, "--party", "UA", "--visibility", "published",
		"--claim", "exchange=agreed: All-for-all before the New Year.")
	var added struct {
		ID      int64
		EventID int64 `json:"event_id"`
		Claims  []struct{ Topic string }
	}
	c.jsonOf(&added, "understandings", "add", id, "--party", "RU", "--visibility", "published",
		"--claim", "exchange=not agreed: Only lists were compared.", "--claim", "bodies=agreed: Bodies returned.")
	if added.ID == 0 || strconv.FormatInt(added.EventID, 10) != id || len(added.Claims) != 2 {
		t.Fatalf("understandings add --format json: %+v", added)
	}
	var event struct {
		ID    int64
		Title string
	}
	var withActors struct {
		ActorIDs []int64 `json:"actor_ids"`
	}
	c.jsonOf(&withActors, "events", "add", "--negotiation", demoTitle, "--kind", "meeting", "--title", "Envoys meet", "--date", "2025-12-03", "--actors", "steve witkoff, Marco Rubio")
	if len(withActors.ActorIDs) != 2 {
		t.Fatalf("events add --actors: %+v", withActors)
	}
	c.fails(2, "--actors", "events", "add", "--negotiation", demoTitle, "--kind", "meeting", "--title", "x", "--date", "2025-12-03", "--actors", "Nobody Known")
	c.jsonOf(&event, "events", "add", "--negotiation", demoTitle, "--kind", "call", "--title", "Second call", "--date", "2025-12-02")
	if event.ID == 0 || event.Title != "Second call" {
		t.Fatalf("events add --format json: %+v", event)
	}
	var cmp struct {
		Topics []struct {
			Topic   string
			Outcome string
		}
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(json.Unmarshal([]byte(c.ok("understandings", id, "--format", "json")), &cmp))
	outcomes := map[string]string{}
	for _, tp := range cmp.Topics {
		outcomes[tp.Topic] = tp.Outcome
	}
	if outcomes["exchange"] != "disputed" || outcomes["bodies"] != "one-sided" {
		t.Fatalf("outcomes = %v", outcomes)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad kind", []string{"events", "add", "--negotiation", demoTitle, "--kind", "picnic", "--title", "X", "--date", "2025"}, 2, "kind"},
		{"bad date", []string{"events", "add", "--negotiation", demoTitle, "--kind", "call", "--title", "X", "--date", "soon"}, 2, "--date"},
		{"foreign version", []string{"events", "add", "--negotiation", demoTitle, "--kind", "call", "--title", "X", "--date", "2025", "--versions", "999"}, 2, "--versions"},
		{"unknown party", []string{"events", "add", "--negotiation", demoTitle, "--kind", "call", "--title", "X", "--date", "2025", "--parties", "Atlantis"}, 1, "Atlantis"},
		{"claim without verdict", []string{"understandings", "add", id, "--party", "UA", "--claim", "exchange: something"}, 2, "--claim 1"},
		{"claim with a wrong verdict", []string{"understandings", "add", id, "--party", "UA", "--claim", "exchange=maybe: something"}, 2, "agreed"},
		{"no claim", []string{"understandings", "add", id, "--party", "UA"}, 2, "--claim"},
		{"unknown event", []string{"understandings", "add", "99999", "--party", "UA", "--claim", "x=agreed: y"}, 1, "99999"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := c.run(tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}
