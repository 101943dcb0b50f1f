package contact_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/contact"
)

var now = time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)

func event(id int64, kind, date string, parties, actors []int64) *parley.Event {
	return &parley.Event{ID: id, Kind: kind, Title: fmt.Sprintf("event %d", id), Date: parley.MustParseDate(date), PartyIDs: parties, ActorIDs: actors}
}

func parties(ids ...int64) []*parley.Party {
	var out []*parley.Party
	for _, id := range ids {
		code := string(rune('A' + id - 1))
		out = append(out, &parley.Party{ID: id, Code: code, Name: "Party " + code, Kind: parley.PartyState})
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// A chain of four parties, A-B-C-D, and three actors a1 (of A), b1 (of B)
// and c1 (of C), as of 1 December 2025 with a half-life of 90 days:
//
//	1 meeting 2025-12-01 A B a1 b1: age 0, weight 1
//	2 call    2025-09-02 A B a1 b1: age 90 days, weight 0.5
//	3 summit  2025-06-04 B C b1 c1: age 180 days, weight 0.25
//	4 leak    2025-11-30 A C:       not a contact
//	5 meeting 2026-01    A C:       after now
//	6 talks   2025-12    C D:       the 15th is after now, so now: weight 1
func chain(t *testing.T) *contact.Network {
	t.Helper()
	const a1, b1, c1 = 11, 12, 13
	actors := []*parley.Actor{{ID: a1, PartyID: 1, Name: "a1", Role: "envoy"}, {ID: b1, PartyID: 2, Name: "b1"}, {ID: c1, PartyID: 3, Name: "c1"}}
	events := []*parley.Event{
		event(1, parley.EventMeeting, "2025-12-01", []int64{1, 2}, []int64{a1, b1}),
		event(2, parley.EventCall, "2025-09-02", []int64{1}, []int64{a1, b1}), // B comes in through b1
		event(3, parley.EventSummit, "2025-06-04", []int64{2, 3}, []int64{b1, c1}),
		event(4, parley.EventLeak, "2025-11-30", []int64{1, 3}, nil),
		event(5, parley.EventMeeting, "2026-01", []int64{1, 3}, nil),
		event(6, parley.EventTalks, "2025-12", []int64{3, 4}, nil),
	}
	net, err := contact.Build(events, parties(1, 2, 3, 4), actors, now, contact.DefaultHalfLife)
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func TestContactsLinks(t *testing.T) {
	net := chain(t)
	for _, tt := range []struct {
		g      *contact.Graph
		a, b   int64
		count  int
		weight float64
		last   string
		kinds  string
	}{
		{&net.Parties, 1, 2, 2, 1.5, "2025-12-01", "call,meeting"},
		{&net.Parties, 2, 3, 1, 0.25, "2025-06-04", "summit"},
		{&net.Parties, 3, 4, 1, 1, "2025-12", "talks"},
		{&net.Actors, 11, 12, 2, 1.5, "2025-12-01", "call,meeting"},
		{&net.Actors, 12, 13, 1, 0.25, "2025-06-04", "summit"},
	} {
		l := tt.g.Link(tt.b, tt.a) // either order
		if l == nil {
			t.Errorf("no link %d-%d", tt.a, tt.b)
			continue
		}
		if l.Count != tt.count || !near(l.Weight, tt.weight) || l.Last.String() != tt.last || strings.Join(l.Kinds, ",") != tt.kinds {
			t.Errorf("link %d-%d = %+v, want %d contacts weighing %v, last %s, kinds %s", tt.a, tt.b, l, tt.count, tt.weight, tt.last, tt.kinds)
		}
	}
	if len(net.Parties.Links) != 3 || len(net.Actors.Links) != 2 {
		t.Errorf("%d party links, %d actor links; want 3 and 2 (the leak and the future meeting do not count)", len(net.Parties.Links), len(net.Actors.Links))
	}
	var lines []string
	for _, l := range net.Lines {
		lines = append(lines, fmt.Sprintf("%d>%d:%g", l.A, l.B, l.Weight))
	}
	if got := strings.Join(lines, " "); got != "1>12:1.5 2>11:1.5 2>13:0.25 3>12:0.25" {
		t.Errorf("party-to-actor lines = %s", got)
	}
}

func TestContactsCentrality(t *testing.T) {
	net := chain(t)
	for _, tt := range []struct {
		g                 *contact.Graph
		id                int64
		events, degree    int
		strength, between float64
		last              string
	}{
		// The path A-B-C-D: B lies between A and C, A and D; C between
		// A and D, B and D.
		{&net.Parties, 1, 2, 1, 1.5, 0, "2025-12-01"},
		{&net.Parties, 2, 3, 2, 1.75, 2, "2025-12-01"},
		{&net.Parties, 3, 2, 2, 1.25, 2, "2025-12"},
		{&net.Parties, 4, 1, 1, 1, 0, "2025-12"},
		{&net.Actors, 11, 2, 1, 1.5, 0, "2025-12-01"},
		{&net.Actors, 12, 3, 2, 1.75, 1, "2025-12-01"},
		{&net.Actors, 13, 1, 1, 0.25, 0, "2025-06-04"},
	} {
		n := tt.g.Node(tt.id)
		if n.Events != tt.events || n.Degree != tt.degree || !near(n.Strength, tt.strength) || !near(n.Betweenness, tt.between) || n.LastContact.String() != tt.last {
			t.Errorf("node %d = %+v, want events %d, degree %d, strength %v, betweenness %v, last %s", tt.id, n, tt.events, tt.degree, tt.strength, tt.between, tt.last)
		}
	}
	if n := net.Actors.Node(11); n.Code != "A" || n.PartyID != 1 || n.Role != "envoy" {
		t.Errorf("actor a1 = %+v", n)
	}
}

// Betweenness follows the shortest chains, where a link is as long as
// 1/weight, and shares a pair between chains of equal length.
func TestContactsBetweenness(t *testing.T) {
	square := func(oldSide bool) *contact.Network {
		d41 := "2025-12-01"
		if oldSide {
			d41 = "2025-09-02" // weight 0.5: the side 4-1 is twice as long
		}
		events := []*parley.Event{
			event(1, parley.EventCall, "2025-12-01", []int64{1, 2}, nil),
			event(2, parley.EventCall, "2025-12-01", []int64{2, 3}, nil),
			event(3, parley.EventCall, "2025-12-01", []int64{3, 4}, nil),
			event(4, parley.EventCall, d41, []int64{4, 1}, nil),
		}
		net, err := contact.Build(events, parties(1, 2, 3, 4, 5), nil, now, contact.DefaultHalfLife)
		if err != nil {
			t.Fatal(err)
		}
		return net
	}
	for _, tt := range []struct {
		name    string
		oldSide bool
		want    []float64 // parties 1 to 5
	}{
		// All sides equal: each opposite pair has two shortest chains, one
		// through each of the other two corners.
		{"equal square", false, []float64{0.5, 0.5, 0.5, 0.5, 0}},
		// 1 to 3: 1-2-3 (2) beats 1-4-3 (3); 2 to 4: 2-3-4 (2) beats
		// 2-1-4 (3); 1 to 4: the direct side (2) beats 1-2-3-4 (3).
		{"one old side", true, []float64{0, 1, 1, 0, 0}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			net := square(tt.oldSide)
			for i, want := range tt.want {
				if got := net.Parties.Node(int64(i + 1)).Betweenness; !near(got, want) {
					t.Errorf("party %d: betweenness %v, want %v", i+1, got, want)
				}
			}
		})
	}
}

func TestContactsDecay(t *testing.T) {
	for _, tt := range []struct {
		date     string
		halfLife time.Duration
		want     float64
	}{
		{"2025-12-01", contact.DefaultHalfLife, 1},
		{"2025-09-02", contact.DefaultHalfLife, 0.5},
		{"2025-06-04", contact.DefaultHalfLife, 0.25},
		{"2025-11-01", 30 * 24 * time.Hour, 0.5},
		{"2025-11", 16 * 24 * time.Hour, 0.5}, // counts from 15 November
		{"2024", 518 * 24 * time.Hour, 0.5},   // counts from 1 July 2024, 518 days before
	} {
		net, err := contact.Build([]*parley.Event{event(1, parley.EventMeeting, tt.date, []int64{1, 2}, nil)}, parties(1, 2), nil, now, tt.halfLife)
		if err != nil {
			t.Fatal(err)
		}
		if got := net.Parties.Links[0].Weight; !near(got, tt.want) {
			t.Errorf("%s with a half-life of %s: weight %v, want %v", tt.date, tt.halfLife, got, tt.want)
		}
	}
}

func TestContactsBadInput(t *testing.T) {
	ok := []*parley.Event{event(1, parley.EventMeeting, "2025-11-01", []int64{1, 2}, nil)}
	for _, tt := range []struct {
		name     string
		events   []*parley.Event
		actors   []*parley.Actor
		now      time.Time
		halfLife time.Duration
		want     string
	}{
		{"no now", ok, nil, time.Time{}, contact.DefaultHalfLife, "now is required"},
		{"no half-life", ok, nil, now, 0, "half-life must be positive"},
		{"unknown party", []*parley.Event{event(1, parley.EventMeeting, "2025-11-01", []int64{1, 7}, nil)}, nil, now, contact.DefaultHalfLife, `event "event 1": party 7`},
		{"unknown actor", []*parley.Event{event(1, parley.EventMeeting, "2025-11-01", []int64{1}, []int64{99})}, nil, now, contact.DefaultHalfLife, `event "event 1": actor 99`},
		{"actor of no party", ok, []*parley.Actor{{ID: 5, PartyID: 8, Name: "x"}}, now, contact.DefaultHalfLife, `actor "x": party 8`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := contact.Build(tt.events, parties(1, 2), tt.actors, tt.now, tt.halfLife)
			if parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(parley.ErrorMessage(err), tt.want) {
				t.Fatalf("err = %v, want EINVALID with %q", err, tt.want)
			}
		})
	}
	net, err := contact.Build(nil, parties(1), nil, now, contact.DefaultHalfLife)
	if err != nil || len(net.Parties.Nodes) != 1 || len(net.Parties.Links) != 0 {
		t.Fatalf("no events: %+v, %v", net, err)
	}
	if _, err := net.Suggest(9); parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(err.Error(), "party 9") {
		t.Fatalf("Suggest for an unknown party: %v", err)
	}
}

func TestSuggest(t *testing.T) {
	net := chain(t)
	brief := func(s []contact.Suggestion) string {
		var out []string
		for _, x := range s {
			item := fmt.Sprintf("%s %s", x.Kind, x.Name)
			if x.Kind == contact.SuggestBroker {
				item += " to " + x.ReachName
			}
			out = append(out, item)
		}
		return strings.Join(out, "; ")
	}
	for _, tt := range []struct {
		party int64
		want  string
	}{
		// Parties at least half as strong as B (1.75): B, C (1.25), D (1).
		// A's line to B is warm (1.5); it never met C or D. Actors at
		// least half as strong as b1 (1.75): a1 (its own) and b1, whom A
		// met (1.5). C is reached through B; D through nobody A talks to.
		{1, "party Party C; party Party D; broker Party B to Party C"},
		// D met only C (1, warm); B and A are strong and new to it, and so
		// are b1 and a1; B is reached through C.
		{4, "party Party B; party Party A; actor b1; actor a1; broker Party C to Party B"},
		// B's lines to A (1.5) are warm; to C cold (0.25). C (1.25) and
		// D (1) are strong enough; D is reached through C.
		{2, "party Party C; party Party D; broker Party C to Party D"},
	} {
		t.Run(fmt.Sprint(tt.party), func(t *testing.T) {
			s, err := net.Suggest(tt.party)
			if err != nil {
				t.Fatal(err)
			}
			if got := brief(s); got != tt.want {
				t.Fatalf("suggestions = %s\nwant %s", got, tt.want)
			}
		})
	}
	s, _ := net.Suggest(1)
	if !strings.Contains(s[0].Reason, "you have never met") || s[0].Line != 0 || !s[0].LastContact.IsZero() {
		t.Errorf("first suggestion for A = %+v", s[0])
	}
	if b := s[2]; b.Reach != 3 || !near(b.Line, 1.5) || !near(b.ReachLine, 0.25) || !strings.Contains(b.Reason, "no direct line to Party C") {
		t.Errorf("broker for A = %+v", b)
	}
	s, _ = net.Suggest(2)
	if !strings.Contains(s[0].Reason, "you last met on 2025-06-04 (line 0.25, cold)") {
		t.Errorf("B's suggestion of C: %q", s[0].Reason)
	}
}

func TestEventIsContact(t *testing.T) {
	for _, k := range parley.EventKinds {
		want := k == parley.EventMeeting || k == parley.EventCall || k == parley.EventSummit || k == parley.EventTalks
		if got := (&parley.Event{Kind: k}).IsContact(); got != want {
			t.Errorf("%s: IsContact = %v", k, got)
		}
	}
}

// Contacts are weighed by default as of the last contact event, not as of
// today: a leak or a statement is no contact, an event after today has
// not happened, a month counts from its 15th, and with no contact at all
// the day is today.
func TestLastContactDay(t *testing.T) {
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	for _, tc := range []struct {
		name   string
		events []*parley.Event
		want   time.Time
	}{
		{"the latest meeting", []*parley.Event{event(1, "meeting", "2025-11-23", nil, nil), event(2, "call", "2025-11-20", nil, nil)}, day("2025-11-23")},
		{"a leak after it is no contact", []*parley.Event{event(1, "meeting", "2025-11-23", nil, nil), event(2, "leak", "2025-11-25", nil, nil)}, day("2025-11-23")},
		{"a meeting to the month", []*parley.Event{event(1, "talks", "2025-12", nil, nil)}, day("2025-12-15")},
		{"not after today", []*parley.Event{event(1, "meeting", "2025-11-23", nil, nil), event(2, "summit", "2027-01-10", nil, nil)}, day("2025-11-23")},
		{"none", []*parley.Event{event(1, "statement", "2025-11-23", nil, nil)}, today},
	} {
		if got := contact.LastDay(tc.events, today); !got.Equal(tc.want) {
			t.Errorf("%s: %s, want %s", tc.name, got.Format(time.DateOnly), tc.want.Format(time.DateOnly))
		}
	}
}
