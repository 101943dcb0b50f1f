package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/understand"
	"parley/web"
)

func (t *testServer) getJSON(tb testing.TB, path, token string, v any) {
	tb.Helper()
	resp, body := t.do(tb, "GET", path, token, "")
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		tb.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

func (t *testServer) negotiationPath(rest string) string {
	return "/api/v1/negotiations/" + itoa(t.demo.ID) + rest
}

func TestEventsAPI(t *testing.T) {
	ts := MustServe(t)
	var events []struct {
		ID                int64
		Kind, Title, Date string
		Precision         string `json:"date_precision"`
		Place             string
		Contact           bool
		PartyIDs          []int64 `json:"party_ids"`
		Parties           []struct {
			ID         int64
			Code, Name string
		}
		Actors   []struct{ Name, Role, Party string }
		Versions []struct {
			ID            int64
			Label, Status string
		}
		Sources        []struct{ Title, Grade string }
		Understandings int
	}
	ts.getJSON(t, ts.negotiationPath("/events"), ts.login(t, "observer"), &events)
	byTitle := map[string]int{}
	for i, e := range events {
		byTitle[e.Title] = i
	}
	alaska := events[byTitle[ts.alaska.Title]]
	if alaska.ID != ts.alaska.ID || alaska.Date != "2025-08-15" || alaska.Precision != "day" || alaska.Place != "Anchorage, Alaska" || !alaska.Contact ||
		len(alaska.Parties) != 2 || alaska.Parties[0].Code != "US" || alaska.Parties[1].Name != "Russia" || len(alaska.PartyIDs) != 2 ||
		len(alaska.Actors) != 2 || alaska.Actors[1].Name != "Vladimir Putin" || alaska.Actors[1].Party != "RU" ||
		len(alaska.Sources) != 3 || alaska.Sources[0].Grade == "" || alaska.Understandings != 2 {
		t.Errorf("Alaska = %+v", alaska)
	}
	geneva := events[byTitle["US-Ukrainian talks in Geneva"]]
	if len(geneva.Versions) != 2 || !strings.HasPrefix(geneva.Versions[0].Label, "28-point") || geneva.Versions[0].Status == "" {
		t.Errorf("Geneva versions = %+v", geneva.Versions)
	}
	if ru := events[byTitle["New Russian proposal reaches the US envoy"]]; ru.Precision != "month" || ru.Contact {
		t.Errorf("the Russian proposal = %+v", ru)
	}
}

// The demo's Alaska summit: the two capitals dispute a leaders' meeting
// (under topics the synonyms join), and Moscow alone claims the
// guarantees-for-Donbas trade.
func TestAlaskaComparison(t *testing.T) {
	ts := MustServe(t)
	type claim struct{ Party, Text string }
	var c struct {
		Event struct {
			ID    int64
			Title string
		}
		Parties []struct{ Code string }
		Counts  map[string]int
		Topics  []struct {
			Topic, Outcome, Summary string
			Agreed                  []claim
			NotAgreed               []claim `json:"not_agreed"`
			Silent                  []struct{ Code string }
		}
	}
	ts.getJSON(t, ts.negotiationPath("/events/"+itoa(ts.alaska.ID)+"/comparison"), ts.login(t, "observer"), &c)
	if c.Event.ID != ts.alaska.ID || len(c.Parties) != 2 || c.Counts["disputed"] != 1 || c.Counts["one-sided"] != 2 || c.Counts["contradiction"] != 0 {
		t.Fatalf("comparison: %+v", c)
	}
	first := c.Topics[0]
	if first.Topic != "leaders-meeting" || first.Outcome != understand.Disputed ||
		len(first.Agreed) != 1 || first.Agreed[0].Party != "US" || len(first.NotAgreed) != 1 || first.NotAgreed[0].Party != "RU" ||
		!strings.Contains(first.Agreed[0].Text, "meet Zelensky") || first.Summary != "US says agreed; RU says not agreed" {
		t.Errorf("first topic = %+v", first)
	}
	second := c.Topics[1]
	if second.Outcome != understand.OneSided || len(second.Agreed) != 1 || second.Agreed[0].Party != "RU" || len(second.Silent) != 1 || second.Silent[0].Code != "US" {
		t.Errorf("second topic = %+v", second)
	}
}

// addPrivateReadings records two more Russian understandings of Alaska:
// one kept to Russia's delegates, one shared with the mediators.
func (t *testServer) addPrivateReadings(tb testing.TB) (partyOnly, mediatorOnly string) {
	tb.Helper()
	ctx := context.Background()
	partyOnly, mediatorOnly = "PARTY-ONLY reading of the summit", "MEDIATOR-SHARED reading of the summit"
	must(tb, t.store.CreateUnderstanding(ctx, &parley.Understanding{EventID: t.alaska.ID, PartyID: t.parties["RU"].ID, Date: parley.MustParseDate("2025-08-20"),
		Visibility: parley.VisibilityParty, Claims: []parley.Claim{
			{Topic: "leaders-meeting", Text: partyOnly, Agreed: true},
			{Topic: "internal-topic", Text: partyOnly + " (internal)", Agreed: true},
		}}))
	must(tb, t.store.CreateUnderstanding(ctx, &parley.Understanding{EventID: t.alaska.ID, PartyID: t.parties["RU"].ID, Date: parley.MustParseDate("2025-08-16"),
		Visibility: parley.VisibilityMediator, Claims: []parley.Claim{{Topic: "mediator-topic", Text: mediatorOnly, Agreed: true}}}))
	return partyOnly, mediatorOnly
}

// A party's private understanding reaches its own delegates only; one
// shared with the mediators reaches them too; no one else learns of
// either, through the API or the pages.
func TestUnderstandingsStayWithTheirParty(t *testing.T) {
	ts := MustServe(t)
	partyOnly, mediatorOnly := ts.addPrivateReadings(t)
	event := "/events/" + itoa(ts.alaska.ID)
	for _, tt := range []struct {
		user                 string
		seesParty, seesMedia bool
		count                int
	}{
		{"ru", true, true, 4},
		{"mediator", false, true, 3},
		{"us", false, false, 2},
		{"ua", false, false, 2},
		{"eu", false, false, 2},
		{"observer", false, false, 2},
	} {
		t.Run(tt.user, func(t *testing.T) {
			token := ts.login(t, tt.user)
			pages := map[string]string{}
			for _, path := range []string{ts.negotiationPath(event + "/understandings"), ts.negotiationPath(event + "/comparison"), ts.negotiationPath("/events"),
				"/negotiations/" + itoa(ts.demo.ID) + event, "/negotiations/" + itoa(ts.demo.ID) + "/timeline", "/negotiations/" + itoa(ts.demo.ID) + "/contacts",
				ts.negotiationPath("/contacts?party=RU")} {
				resp, body := ts.do(t, "GET", path, token, "")
				if resp.StatusCode != 200 {
					t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
				}
				pages[path] = body
			}
			for path, body := range pages {
				if !tt.seesParty && (strings.Contains(body, "PARTY-ONLY") || strings.Contains(body, "internal-topic")) {
					t.Errorf("%s shows Russia's private reading", path)
				}
				if !tt.seesMedia && (strings.Contains(body, "MEDIATOR-SHARED") || strings.Contains(body, "mediator-topic")) {
					t.Errorf("%s shows the reading Russia shared with the mediators", path)
				}
			}
			var us []struct {
				Party      string
				Visibility string
			}
			must(t, json.Unmarshal([]byte(pages[ts.negotiationPath(event+"/understandings")]), &us))
			if len(us) != tt.count {
				t.Errorf("%d understandings, want %d: %+v", len(us), tt.count, us)
			}
			var events []struct {
				ID             int64
				Understandings int
			}
			must(t, json.Unmarshal([]byte(pages[ts.negotiationPath("/events")]), &events))
			for _, e := range events {
				if e.ID == ts.alaska.ID && e.Understandings != tt.count {
					t.Errorf("the events list counts %d understandings of Alaska, want %d", e.Understandings, tt.count)
				}
			}
			page := pages["/negotiations/"+itoa(ts.demo.ID)+event]
			if tt.seesParty && (!strings.Contains(page, partyOnly) || !strings.Contains(page, "your party only")) {
				t.Errorf("Russia's delegate does not see its own reading, marked as its own, on the event page")
			}
			if tt.seesMedia && !strings.Contains(page, mediatorOnly) {
				t.Errorf("the reading shared with mediators is missing from the page")
			}
		})
	}
}

// Russia's newer private reading changes what Russia's delegates see
// compared (both now say agreed, but not the same thing); others still see
// the published dispute.
func TestComparisonUsesOnlyWhatTheReaderMaySee(t *testing.T) {
	ts := MustServe(t)
	ts.addPrivateReadings(t)
	outcome := func(user string) string {
		var c struct {
			Topics []struct{ Topic, Outcome string }
		}
		ts.getJSON(t, ts.negotiationPath("/events/"+itoa(ts.alaska.ID)+"/comparison"), ts.login(t, user), &c)
		for _, tp := range c.Topics {
			if tp.Topic == "leaders-meeting" {
				return tp.Outcome
			}
		}
		return ""
	}
	if got := outcome("ru"); got != understand.Contradiction {
		t.Errorf("for Russia's delegates, the leaders' meeting is %q, want a contradiction (its newer private reading says agreed, in other words)", got)
	}
	if got := outcome("us"); got != understand.Disputed {
		t.Errorf("for the US delegates, the leaders' meeting is %q, want disputed", got)
	}
}

// armyCapEvent finds the demo's event where Kyiv and Moscow give
// different army ceilings.
func (t *testServer) armyCapEvent(tb testing.TB) int64 {
	tb.Helper()
	events, err := t.store.ListEvents(context.Background(), t.demo.ID)
	must(tb, err)
	for _, e := range events {
		if strings.Contains(e.Title, "army ceiling") {
			return e.ID
		}
	}
	tb.Fatal("no army-cap event in the demo")
	return 0
}

// A private reading changes nothing, byte for byte, in what any other
// party, the mediators or an observer get compared: not an outcome, not a
// figure on a scale, not a count.
func TestPrivateReadingLeavesOthersComparisonsAlone(t *testing.T) {
	ts := MustServe(t)
	armyCap := ts.armyCapEvent(t)
	users := []string{"us", "ua", "eu", "mediator", "observer"}
	paths := []string{ts.negotiationPath("/events/" + itoa(armyCap) + "/comparison"), ts.negotiationPath("/events/" + itoa(ts.alaska.ID) + "/comparison")}
	read := func() map[string]string {
		out := map[string]string{}
		for _, u := range append(users, "ru") {
			token := ts.login(t, u)
			for _, p := range paths {
				resp, body := ts.do(t, "GET", p, token, "")
				if resp.StatusCode != 200 {
					t.Fatalf("%s as %s: %d %s", p, u, resp.StatusCode, body)
				}
				out[u+" "+p] = body
			}
		}
		return out
	}
	before := read()
	// Russia's delegates privately record a figure that would agree with
	// Ukraine's, and a private reading of Alaska.
	ctx := context.Background()
	must(t, ts.store.CreateUnderstanding(ctx, &parley.Understanding{EventID: armyCap, PartyID: ts.parties["RU"].ID, Date: parley.MustParseDate("2025-11-30"),
		Visibility: parley.VisibilityParty, Claims: []parley.Claim{{Topic: "army ceiling", Text: "Capped at 800 000 военнослужащих.", Agreed: true}}}))
	must(t, ts.store.CreateUnderstanding(ctx, &parley.Understanding{EventID: ts.alaska.ID, PartyID: ts.parties["RU"].ID, Date: parley.MustParseDate("2025-08-20"),
		Visibility: parley.VisibilityParty, Claims: []parley.Claim{
			{Topic: "leaders-meeting", Text: "Putin will meet Zelensky in person.", Agreed: true},
			{Topic: "internal-topic", Text: "Kept to Russia.", Agreed: true},
		}}))
	after := read()
	for _, u := range users {
		for _, p := range paths {
			if before[u+" "+p] != after[u+" "+p] {
				t.Errorf("%s: Russia's private readings changed what %s gets:\nbefore %s\nafter  %s", p, u, before[u+" "+p], after[u+" "+p])
			}
		}
	}
	// Russia's own delegates do see their newer reading: the figures now
	// agree.
	var c struct {
		Topics []struct{ Outcome string }
	}
	must(t, json.Unmarshal([]byte(after["ru "+paths[0]]), &c))
	if len(c.Topics) != 1 || c.Topics[0].Outcome != understand.Agreed {
		t.Errorf("Russia's delegates see %+v, want the army cap agreed", c.Topics)
	}
}

// The army-cap event: both sides say agreed, with different figures,
// shown side by side and on the issue's scale, in the API and on the page.
func TestArmyCapComparison(t *testing.T) {
	ts := MustServe(t)
	armyCap := ts.armyCapEvent(t)
	token := ts.login(t, "mediator")
	var c struct {
		Topics []struct {
			Topic, Outcome, Summary string
			Differences             []struct {
				What string
				Says []struct{ Party, Says string }
			}
			Scale *struct {
				Issue string
				Marks []struct {
					Party, Label string
					At           float64
				}
			}
		}
	}
	ts.getJSON(t, ts.negotiationPath("/events/"+itoa(armyCap)+"/comparison"), token, &c)
	if len(c.Topics) != 1 {
		t.Fatalf("topics = %+v", c.Topics)
	}
	tp := c.Topics[0]
	if tp.Outcome != "contradiction" || tp.Summary != "RU, UA say agreed, but differ: figures: 100,000 vs 800,000" || len(tp.Differences) != 1 ||
		tp.Differences[0].Says[0].Party != "RU" || tp.Differences[0].Says[1].Says != "800,000" {
		t.Errorf("army cap = %+v", tp)
	}
	if tp.Scale == nil || len(tp.Scale.Marks) != 2 || tp.Scale.Marks[0].Party != "RU" || tp.Scale.Marks[0].At != 0.1 || tp.Scale.Marks[1].Label != "800,000" {
		t.Errorf("army cap scale = %+v", tp.Scale)
	}
	resp, page := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/events/"+itoa(armyCap), token, "")
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, page)
	}
	for _, want := range []string{`class="flag flag-contradiction">Contradiction`, "<td>figures</td><td>100,000</td><td>800,000</td>",
		`<svg xmlns="http://www.w3.org/2000/svg"`, "RU says agreed: 100,000", "UA says agreed: 800,000", "1,000,000 personnel"} {
		if !strings.Contains(page, want) {
			t.Errorf("the army-cap page lacks %q", want)
		}
	}
}

func TestEventPage(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "ua")
	resp, page := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/events/"+itoa(ts.alaska.ID), token, "")
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, page)
	}
	for _, want := range []string{"Anchorage, Alaska", "Donald Trump", "Vladimir Putin", `class="flag flag-disputed">Disputed`,
		`class="flag flag-one-sided">One-sided`, "Putin promised to meet Zelensky", `<span class="silent">silent</span>`, "Reports of Moscow"} {
		if !strings.Contains(page, want) {
			t.Errorf("the Alaska page lacks %q", want)
		}
	}
	_, timeline := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/timeline", token, "")
	if !strings.Contains(timeline, `href="/negotiations/`+itoa(ts.demo.ID)+`/events/`+itoa(ts.alaska.ID)+`"`) {
		t.Errorf("the timeline does not link to the Alaska event")
	}
	// The Russian proposal reached the envoy in mid-November, "2025-11-1X":
	// the table and the chart say so in words, and the chart draws the ten
	// days as a bar; an exact day is written as it is.
	for _, want := range []string{`<time title="EDTF 2025-11-1X">10–19 November 2025</time>`, `<time>2025-08-15</time>`,
		`stroke-width="6" stroke-opacity="0.35" stroke-linecap="round"><title>10–19 November 2025</title>`, `>10–19 November 2025</tspan>`} {
		if !strings.Contains(timeline, want) {
			t.Errorf("the timeline lacks %q", want)
		}
	}
	for _, bad := range []string{"abc", "0", "999999"} {
		if resp, _ := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/events/"+bad, token, ""); resp.StatusCode != 404 {
			t.Errorf("event %s: %d, want 404", bad, resp.StatusCode)
		}
		if resp, body := ts.do(t, "GET", ts.negotiationPath("/events/"+bad+"/comparison"), token, ""); resp.StatusCode != 404 || !strings.Contains(body, `"code":"not_found"`) {
			t.Errorf("comparison of event %s: %d %s, want 404", bad, resp.StatusCode, body)
		}
	}
}

func TestContactsAPI(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "ua")
	var c struct {
		Now          time.Time
		HalfLifeDays float64 `json:"half_life_days"`
		Parties      struct {
			Nodes []struct {
				Code        string
				Strength    float64
				Betweenness float64
				Events      int
			}
			Links []struct {
				A, B  int64
				Count int
				Last  string
				Kinds []string
			}
		}
		Actors struct {
			Nodes []struct{ Name string }
		}
		Party       *struct{ Code string }
		Suggestions []struct {
			Kind, Name, Reason string
			ReachName          string `json:"reach_name"`
		}
	}
	ts.getJSON(t, ts.negotiationPath("/contacts?as_of=2025-11-28&party=ua"), token, &c)
	if !c.Now.Equal(time.Date(2025, 11, 28, 0, 0, 0, 0, time.UTC)) || c.HalfLifeDays != 90 || c.Party == nil || c.Party.Code != "UA" {
		t.Fatalf("contacts: now %v, half-life %v, party %+v", c.Now, c.HalfLifeDays, c.Party)
	}
	node := map[string]int{}
	for i, n := range c.Parties.Nodes {
		node[n.Code] = i
	}
	us := c.Parties.Nodes[node["US"]]
	// The US is the only line between Russia and Ukraine.
	if us.Betweenness != 1 || us.Events != 5 || c.Parties.Nodes[node["E3"]].Strength != 0 {
		t.Errorf("party nodes = %+v", c.Parties.Nodes)
	}
	usru := ts.parties["US"].ID
	for _, l := range c.Parties.Links {
		if l.A == usru || l.B == usru {
			if other := l.A + l.B - usru; other == ts.parties["RU"].ID && (l.Count != 4 || l.Last != "2025-10-14" || strings.Join(l.Kinds, ",") != "call,meeting,summit") {
				t.Errorf("US-RU link = %+v", l)
			}
		}
	}
	var got []string
	for _, s := range c.Suggestions {
		got = append(got, s.Kind+" "+s.Name+" "+s.ReachName)
	}
	// Russia is well connected and Ukraine never met it; the US envoy and
	// the Kremlin's people are the best connected people Ukraine never
	// met; the US links Ukraine to Russia.
	joined := strings.Join(got, "; ")
	for _, want := range []string{"party Russia", "actor Steve Witkoff", "broker United States Russia"} {
		if !strings.Contains(joined, want) {
			t.Errorf("suggestions for Ukraine lack %q: %s", want, joined)
		}
	}
	for _, bad := range []string{"as_of=2025-11", "as_of=yesterday", "half_life_days=0", "half_life_days=x", "party=XX"} {
		resp, body := ts.do(t, "GET", ts.negotiationPath("/contacts?"+bad), token, "")
		field, _, _ := strings.Cut(bad, "=")
		if resp.StatusCode != 400 || !strings.Contains(body, field) {
			t.Errorf("%s: %d %s, want 400 naming %s", bad, resp.StatusCode, body, field)
		}
	}
}

func TestContactsPage(t *testing.T) {
	ts := MustServe(t)
	resp, page := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/contacts?as_of=2025-11-28", ts.login(t, "ru"), "")
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, page)
	}
	for _, want := range []string{`<svg xmlns="http://www.w3.org/2000/svg" class="contacts"`, "Whom should Russia talk to?", "Talk to Marco Rubio",
		"Go through United States to reach Ukraine", `<option value="RU" selected>`, "Steve Witkoff"} {
		if !strings.Contains(page, want) {
			t.Errorf("the contacts page lacks %q", want)
		}
	}
	if n := strings.Count(page, `<g class="node">`); n != len(ts.parties)+12 {
		t.Errorf("%d nodes drawn, want the %d parties and 12 actors", n, len(ts.parties))
	}
	_, glance := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID), ts.login(t, "observer"), "")
	if !strings.Contains(glance, `/negotiations/`+itoa(ts.demo.ID)+`/contacts">Contacts</a>`) {
		t.Errorf("the negotiation page has no link to the contacts")
	}
}

// A mediator puts a meeting on the timeline; Ukraine's delegate records
// what Ukraine understood, privately; Russia's sees nothing of it, and the
// comparison Ukraine's delegate gets shows it as one-sided.
func TestRecordEventAndUnderstanding(t *testing.T) {
	ts := MustServe(t)
	mediator, ua, ru := ts.login(t, "mediator"), ts.login(t, "ua"), ts.login(t, "ru")
	base := "/api/v1/negotiations/" + itoa(ts.demo.ID)
	body := `{"kind":"call","title":"Call on prisoner exchanges","date":"2025-12","place":"by phone","party_ids":[` + itoa(ts.parties["UA"].ID) + `,` + itoa(ts.parties["US"].ID) + `]}`
	resp, out := ts.do(t, "POST", base+"/events", mediator, body)
	if resp.StatusCode != 201 {
		t.Fatalf("create event: %d %s", resp.StatusCode, out)
	}
	var ev struct{ ID int64 }
	must(t, json.Unmarshal([]byte(out), &ev))
	for name, bad := range map[string]string{
		"foreign party": `{"kind":"call","title":"X","date":"2025-12","party_ids":[999999]}`,
		"no date":       `{"kind":"call","title":"X"}`,
		"unknown kind":  `{"kind":"picnic","title":"X","date":"2025-12"}`,
	} {
		if resp, out := ts.do(t, "POST", base+"/events", mediator, bad); resp.StatusCode != 400 {
			t.Errorf("%s: %d %s, want 400", name, resp.StatusCode, out)
		}
	}
	if resp, _ := ts.do(t, "POST", base+"/events", ua, body); resp.StatusCode != 403 {
		t.Errorf("a delegate putting an event on the timeline: %d, want 403", resp.StatusCode)
	}

	path := base + "/events/" + itoa(ev.ID) + "/understandings"
	claim := `{"date":"2025-12","claims":[{"topic":"prisoner-exchange","text":"All-for-all exchange before the New Year.","agreed":true}]}`
	if resp, out := ts.do(t, "POST", path, mediator, claim); resp.StatusCode != 403 {
		t.Fatalf("a mediator recording a party's understanding: %d %s, want 403", resp.StatusCode, out)
	}
	if resp, out := ts.do(t, "POST", path, ua, claim); resp.StatusCode != 201 || !strings.Contains(out, `"visibility":"party"`) {
		t.Fatalf("record understanding: %d %s", resp.StatusCode, out)
	}
	if resp, out := ts.do(t, "POST", path, ua, `{"date":"2025-12","claims":[]}`); resp.StatusCode != 400 {
		t.Errorf("an understanding without claims: %d %s, want 400", resp.StatusCode, out)
	}
	if _, out := ts.do(t, "GET", path, ru, ""); strings.Contains(out, "All-for-all") {
		t.Fatalf("Russia sees Ukraine's private understanding: %s", out)
	}
	if _, out := ts.do(t, "GET", path, mediator, ""); strings.Contains(out, "All-for-all") {
		t.Fatalf("the mediator sees Ukraine's private understanding: %s", out)
	}
	_, out = ts.do(t, "GET", base+"/events/"+itoa(ev.ID)+"/comparison", ua, "")
	if !strings.Contains(out, "All-for-all") || !strings.Contains(out, "one-sided") {
		t.Fatalf("Ukraine's comparison: %s", out)
	}
}

// TestVersionPageProvenance: the version page names the sources of the
// text with their grades and what the grades mean, and says a date that
// is not exact in words (the European counter-proposal circulated over a
// weekend).
func TestVersionPageProvenance(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "eu")
	resp, page := ts.do(t, "GET", "/versions/"+itoa(ts.counter.ID), token, "")
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, page)
	}
	for _, want := range []string{`<dt>Sources</dt>`, `<span class="grade">B3</span> Press reports of the European counter-proposal`,
		`(press; usually reliable, possibly true)`, `<time title="EDTF 2025-11-22/2025-11-23">between 22 November 2025 and 23 November 2025</time>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the counter-proposal's page lacks %q", want)
		}
	}
}

// TestNothingOnlyOnHover walks the demo's pages as a delegate: each
// starts with a link that skips to the content, and what a reader needs
// (a grade's meaning, a stance's note) is in the page's text, not only in
// a tooltip that a phone or a keyboard cannot reach.
func TestNothingOnlyOnHover(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "ua")
	n := itoa(ts.demo.ID)
	pages := []string{"/negotiations/" + n, "/negotiations/" + n + "/timeline", "/negotiations/" + n + "/events/" + itoa(ts.alaska.ID),
		"/negotiations/" + n + "/stances", "/negotiations/" + n + "/positions", "/versions/" + itoa(ts.plan.ID)}
	tooltipOnly := regexp.MustCompile(`<span class="(grade|chip[^"]*)" title=`)
	for _, path := range pages {
		resp, page := ts.do(t, "GET", path, token, "")
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		body := page[strings.Index(page, "<body>"):]
		if !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(body, "<body>")), `<a class="skip" href="#main">`) || !strings.Contains(page, `<main id="main"`) {
			t.Errorf("%s does not start with a skip link to <main id=\"main\">", path)
		}
		if m := tooltipOnly.FindString(page); m != "" {
			t.Errorf("%s keeps a meaning in a tooltip only: %s", path, m)
		}
	}
	_, stances := ts.do(t, "GET", "/negotiations/"+n+"/stances", token, "")
	if !strings.Contains(stances, `<details class="note"><summary>note</summary>`) {
		t.Error("the stances page does not open the stances' notes by tap or keyboard")
	}
	_, timeline := ts.do(t, "GET", "/negotiations/"+n+"/timeline", token, "")
	if !strings.Contains(timeline, `<div class="hint">usually reliable, possibly true</div>`) {
		t.Error("the timeline does not say what its sources' grades mean")
	}
}

// TestTopicKeysReadAsWords: a topic key such as "leaders-meeting" is
// shown as words on the event page; a topic written in words stays as
// written.
func TestTopicKeysReadAsWords(t *testing.T) {
	for in, want := range map[string]string{"leaders-meeting": "Leaders meeting", "donbas_withdrawal": "Donbas withdrawal",
		"Army Cap": "Army Cap", "army": "army", "": "", "UN-mandate": "UN-mandate", "гарантії-безпеки": "Гарантії безпеки"} {
		if got := web.SlugWords(in); got != want {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
	ts := MustServe(t)
	_, page := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/events/"+itoa(ts.alaska.ID), ts.login(t, "ua"), "")
	if !strings.Contains(page, `class="topic">Leaders meeting`) || strings.Contains(page, `class="topic">leaders-meeting`) {
		t.Error("the Alaska page does not write its topic keys as words")
	}
}
