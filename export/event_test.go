package export_test

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/contact"
	"parley/export"
	"parley/understand"
)

func eventIndex() *export.EventIndex {
	return export.NewEventIndex(
		[]*parley.Party{{ID: 1, Code: "US", Name: "United States"}, {ID: 2, Code: "RU", Name: "Russia"}, {ID: 3, Code: "E<3>", Name: "Europe & co"}},
		[]*parley.Actor{{ID: 7, PartyID: 2, Name: "Vladimir Putin", Role: "President"}},
		[]*parley.Version{{ID: 4, Label: "28-point plan", Status: parley.StatusProposal, Date: parley.MustParseDate("2025-11")}},
		[]*parley.Source{{ID: 9, Title: "Press reports", Kind: parley.SourcePress, Reliability: "C", Credibility: 3}},
	)
}

func TestEventRecord(t *testing.T) {
	e := &parley.Event{ID: 5, NegotiationID: 1, Kind: parley.EventSummit, Title: "Summit", Date: parley.MustParseDate("2025-08-15"), Place: "Anchorage",
		PartyIDs: []int64{1, 2, 8}, ActorIDs: []int64{7, 99}, VersionIDs: []int64{4}, SourceIDs: []int64{9}}
	got := eventIndex().EventRecord(e, 2)
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"contact":true`, `"date":"2025-08-15"`, `"date_precision":"day"`, `"place":"Anchorage"`,
		`{"id":2,"code":"RU","name":"Russia"}`, `{"id":8,"code":"party 8","name":"party 8"}`,
		`"actors":[{"id":7,"name":"Vladimir Putin","role":"President","party_id":2,"party":"RU"}]`,
		`"versions":[{"id":4,"label":"28-point plan","status":"proposal","date":"2025-11"}]`, `"grade":"C3"`, `"understandings":2`, `"party_ids":[1,2,8]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("event record lacks %s:\n%s", want, b)
		}
	}
	empty := eventIndex().EventRecord(&parley.Event{ID: 6, Kind: parley.EventLeak, Title: "Leak"}, 0)
	if b, _ := json.Marshal(empty); !strings.Contains(string(b), `"parties":[],"actors":[],"versions":[],"sources":[]`) || strings.Contains(string(b), "null") {
		t.Errorf("an event that names nothing: %s", b)
	}
}

func TestCompareEvent(t *testing.T) {
	e := &parley.Event{ID: 5, Kind: parley.EventSummit, Title: "Summit", Date: parley.MustParseDate("2025-08-15")}
	c := eventIndex().CompareEvent(e, []*parley.Understanding{
		{ID: 1, PartyID: 2, Date: parley.MustParseDate("2025-08"), Claims: []parley.Claim{{Topic: "meeting", Text: "No promise.", Agreed: false}, {Topic: "trade", Text: "Agreed.", Agreed: true, IssueID: 3}}},
		{ID: 2, PartyID: 1, Date: parley.MustParseDate("2025-08"), Claims: []parley.Claim{{Topic: "meeting", Text: "A promise.", Agreed: true}}},
	}, nil, nil)
	if len(c.Parties) != 2 || c.Parties[0].Code != "US" || c.Parties[1].Code != "RU" || c.Counts["disputed"] != 1 || c.Counts["contradiction"] != 0 || c.Counts["one-sided"] != 1 || c.Counts["agreed"] != 0 {
		t.Fatalf("comparison = %+v", c)
	}
	m := c.Topics[0]
	if m.Summary != "US says agreed; RU says not agreed" || m.ClaimOf(1).Text != "A promise." || m.ClaimOf(2).Party != "RU" || m.ClaimOf(3) != nil {
		t.Errorf("meeting = %+v", m)
	}
	if tr := c.Topics[1]; tr.Outcome != understand.OneSided || tr.Silent[0].Name != "United States" || tr.Agreed[0].IssueID != 3 || tr.Agreed[0].Date != "2025-08" {
		t.Errorf("trade = %+v", tr)
	}
	none := eventIndex().CompareEvent(e, nil, nil, nil)
	if b, _ := json.Marshal(none); strings.Contains(string(b), "null") {
		t.Errorf("no understandings: %s", b)
	}
}

func TestContactsSVG(t *testing.T) {
	parties := []*parley.Party{{ID: 1, Code: "US", Name: "United States"}, {ID: 2, Code: "RU", Name: "Russia"}, {ID: 3, Code: "E<3>", Name: "Europe & co"}}
	actors := []*parley.Actor{{ID: 7, PartyID: 2, Name: "Putin <script>"}, {ID: 8, PartyID: 1, Name: "Witkoff"}}
	now := time.Date(2025, 11, 28, 0, 0, 0, 0, time.UTC)
	events := []*parley.Event{
		{ID: 1, Kind: parley.EventMeeting, Title: "m", Date: parley.MustParseDate("2025-11-28"), PartyIDs: []int64{1, 2}, ActorIDs: []int64{7, 8}},
		{ID: 2, Kind: parley.EventCall, Title: "c", Date: parley.MustParseDate("2025-11-28"), PartyIDs: []int64{1, 2}},
	}
	net, err := contact.Build(events, parties, actors, now, contact.DefaultHalfLife)
	if err != nil {
		t.Fatal(err)
	}
	svg := export.PartyContactsSVG(net, parties)
	if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" class="contacts"`) || !strings.HasSuffix(svg, "</svg>") {
		t.Fatalf("not an SVG: %.80s", svg)
	}
	if strings.Count(svg, `<g class="node">`) != 3 || strings.Count(svg, `class="link"`) != 1 {
		t.Errorf("want 3 nodes and 1 link:\n%s", svg)
	}
	if strings.Contains(svg, "E<3>") || !strings.Contains(svg, "E&lt;3&gt;") || !strings.Contains(svg, "Europe &amp; co") {
		t.Errorf("names are not escaped:\n%s", svg)
	}
	// Two contacts: the link is drawn 4 wide; the strongest nodes get the
	// largest circle, the one that met nobody the smallest, hollow.
	if !strings.Contains(svg, `stroke-width="4.0"`) || !strings.Contains(svg, "2 contacts (call, meeting)") {
		t.Errorf("link width or title:\n%s", svg)
	}
	radii := regexp.MustCompile(`r="([0-9.]+)" fill="([^"]+)"`).FindAllStringSubmatch(svg, -1)
	if len(radii) != 3 {
		t.Fatalf("circles: %v", radii)
	}
	r := func(i int) float64 { v, _ := strconv.ParseFloat(radii[i][1], 64); return v }
	if r(0) != 30 || r(1) != 30 || r(2) != 7 || radii[2][2] != "#fff" {
		t.Errorf("circles = %v, want 30, 30 and a hollow 7", radii)
	}
	actorSVG := export.ActorContactsSVG(net, parties)
	if strings.Contains(actorSVG, "<script>") || !strings.Contains(actorSVG, "Putin &lt;script&gt; (RU)") {
		t.Errorf("actor names are not escaped, or lack their party:\n%s", actorSVG)
	}
}

func TestCompareEventShowsDifferencesAndTheScale(t *testing.T) {
	e := &parley.Event{ID: 5, Kind: parley.EventStatement, Title: "Army caps", Date: parley.MustParseDate("2025-11")}
	cap := &parley.Issue{ID: 3, Name: "Army cap", Scale: parley.ScaleNumeric, Unit: "personnel", Min: 0, Max: 1000000}
	c := eventIndex().CompareEvent(e, []*parley.Understanding{
		{ID: 1, PartyID: 1, Claims: []parley.Claim{{Topic: "army-cap", Text: "capped at 800,000 in peacetime", Agreed: true, IssueID: 3}}},
		{ID: 2, PartyID: 2, Claims: []parley.Claim{{Topic: "Army Cap", Text: "capped at 100,000", Agreed: true}}},
	}, []*parley.Issue{cap}, nil)
	b, err := json.Marshal(c.Topics)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"outcome":"contradiction"`, `"summary":"US, RU say agreed, but differ: figures: 800,000 vs 100,000"`,
		`"differences":[{"what":"figures","says":[{"party_id":1,"party":"US","says":"800,000"},{"party_id":2,"party":"RU","says":"100,000"}]}]`,
		`"scale":{"issue_id":3,"issue":"Army cap","unit":"personnel","min":0,"max":1000000,"marks":[{"party_id":1,"value":800000,"label":"800,000"`,
		`"at":0.1,"party":"RU"}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("comparison lacks %s:\n%s", want, b)
		}
	}
}
