package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"parley"
	"parley/export"
)

// Secrets in the fixture: none may reach any negotiation export.
const (
	secretStance        = "SECRET-draft-stance-note"
	secretMediatorNote  = "SECRET-shared-with-mediator"
	secretUnderstanding = "SECRET-party-understanding"
	secretPositionNote  = "SECRET-analyst-note"
	secretReservation   = 654321.0
)

func fixture() *export.Negotiation {
	reservation, shared := secretReservation, 700000.0
	plan := &parley.Version{ID: 3, DocumentID: 1, Label: "28-point plan", Date: parley.MustParseDate("2025-11"), Status: parley.StatusProposal,
		PartyID: 1, ActorIDs: []int64{1}, SourceIDs: []int64{1}, PointCount: 2,
		Points: []parley.Point{{ID: 31, Path: []string{"1"}, Label: "1."}, {ID: 32, Path: []string{"10", "a"}, Label: "(a)"}}}
	return &export.Negotiation{
		Negotiation: &parley.Negotiation{ID: 1, Title: "Talks <2025>", Description: "A & B."},
		Parties:     []*parley.Party{{ID: 1, Code: "US", Name: "United States"}, {ID: 2, Code: "UA", Name: "Ukraine"}},
		Actors:      []*parley.Actor{{ID: 1, PartyID: 1, Name: "Steve Witkoff", Role: "Special Envoy"}},
		Documents:   []*parley.Document{{ID: 1, Title: "Peace framework"}},
		Versions:    []*parley.Version{plan, {ID: 4, DocumentID: 1, Label: "Undated note", Status: parley.StatusDraft}},
		Events: []*parley.Event{
			{ID: 2, Kind: parley.EventDelivery, Title: "Plan delivered in Kyiv", Date: parley.MustParseDate("2025-11-20"), Place: "Kyiv",
				PartyIDs: []int64{1, 2}, ActorIDs: []int64{1}, VersionIDs: []int64{3}, SourceIDs: []int64{1}},
			{ID: 1, Kind: parley.EventMeeting, Title: "Talks in <Geneva>", Date: parley.MustParseDate("2025-11"), Place: "Geneva, \"Palais\"",
				Description: "Line one,\nline two.", PartyIDs: []int64{1, 2}},
		},
		Understandings: []*parley.Understanding{
			{ID: 1, EventID: 1, PartyID: 1, Visibility: parley.VisibilityPublished, Claims: []parley.Claim{{Topic: "t", Text: "Published claim.", Agreed: true, PointID: 32}}},
			{ID: 2, EventID: 1, PartyID: 2, Visibility: parley.VisibilityParty, Claims: []parley.Claim{{Topic: "t", Text: secretUnderstanding}}},
			{ID: 3, EventID: 2, PartyID: 2, Visibility: parley.VisibilityMediator, Claims: []parley.Claim{{Topic: "u", Text: secretMediatorNote}}},
		},
		Sources: []*parley.Source{{ID: 1, Title: "MP's text", Kind: parley.SourceLeak, URL: "https://example.org/a?b=1&c=2", Reliability: "B", Credibility: 2}},
		Stances: []*parley.Stance{
			{ID: 1, PointID: 31, PartyID: 1, Value: parley.StanceAccept, Visibility: parley.VisibilityPublished, Note: "Published stance."},
			{ID: 2, PointID: 32, PartyID: 2, Value: parley.StanceReject, Visibility: parley.VisibilityParty, Note: secretStance},
			{ID: 3, PointID: 32, PartyID: 1, Value: parley.StanceReject, Visibility: parley.VisibilityMediator, Note: secretMediatorNote},
		},
		Issues: []*parley.Issue{{ID: 1, Name: "Army cap", Scale: parley.ScaleNumeric, Max: 1e6}},
		Positions: []*parley.Position{
			{ID: 1, IssueID: 1, PartyID: 2, Ideal: 900000, Reservation: &reservation, ReservationVisibility: parley.VisibilityParty, Note: secretPositionNote},
			{ID: 2, IssueID: 1, PartyID: 1, Ideal: 600000, Reservation: &shared, ReservationVisibility: parley.VisibilityPublished},
		},
	}
}

func negotiationExports(t *testing.T, n *export.Negotiation) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"json":       func(b *bytes.Buffer) error { return export.WriteNegotiationJSON(b, n) },
		"timelinejs": func(b *bytes.Buffer) error { return export.WriteTimelineJS(b, n) },
		"csv":        func(b *bytes.Buffer) error { return export.WriteEventsCSV(b, n) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.String()
	}
	return out
}

// Exports of a negotiation circulate: a party's confidential items, and
// those it shares with the mediators only, are in none of them.
func TestNegotiationExportsHoldOnlyPublished(t *testing.T) {
	n := fixture()
	for format, out := range negotiationExports(t, n) {
		for _, secret := range []string{secretStance, secretMediatorNote, secretUnderstanding, secretPositionNote, "654321"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s export holds the confidential %q", format, secret)
			}
		}
		if !strings.Contains(out, "Published claim.") {
			t.Errorf("%s export lacks the published understanding", format)
		}
	}
	// The caller's values are untouched.
	if n.Positions[0].Reservation == nil || len(n.Stances) != 3 || len(n.Understandings) != 3 {
		t.Fatal("Shared changed the negotiation it was given")
	}

	var got export.NegotiationJSON
	if err := json.Unmarshal([]byte(negotiationExports(t, n)["json"]), &got); err != nil {
		t.Fatal(err)
	}
	if got.Visibility != parley.VisibilityPublished || len(got.Stances) != 1 || got.Stances[0].Note != "Published stance." ||
		strings.Join(got.Stances[0].Point.Path, "/") != "1" {
		t.Fatalf("stances: %+v", got.Stances)
	}
	if len(got.Positions) != 2 || got.Positions[0].Reservation != nil || got.Positions[1].Reservation == nil || *got.Positions[1].Reservation != 700000 {
		t.Fatalf("positions: %+v", got.Positions)
	}
	if len(got.Events) != 2 || got.Events[0].Title != "Talks in <Geneva>" || len(got.Events[0].Understandings) != 1 ||
		got.Events[0].Understandings[0].Claims[0].Point == nil || got.Events[0].Understandings[0].Claims[0].Point.Label != "(a)" {
		t.Fatalf("events (oldest first, published understandings with their points): %+v", got.Events)
	}
	if len(got.Versions) != 2 || got.Versions[0].PointCount != 2 || len(got.Sources) != 1 || got.Sources[0].Grade != "B2" {
		t.Fatalf("versions and sources: %+v %+v", got.Versions, got.Sources)
	}
}

func TestTimelineJS(t *testing.T) {
	var tl struct {
		Title struct {
			Text struct{ Headline, Text string }
		}
		Events []struct {
			StartDate map[string]int `json:"start_date"`
			Text      struct{ Headline, Text string }
			Group     string
			UniqueID  string `json:"unique_id"`
		}
	}
	if err := json.Unmarshal([]byte(negotiationExports(t, fixture())["timelinejs"]), &tl); err != nil {
		t.Fatal(err)
	}
	if tl.Title.Text.Headline != "Talks &lt;2025&gt;" {
		t.Errorf("title headline %q is not escaped HTML", tl.Title.Text.Headline)
	}
	if len(tl.Events) != 3 {
		t.Fatalf("%d slides, want two events and the one dated version", len(tl.Events))
	}
	byID := map[string]int{}
	for i, e := range tl.Events {
		byID[e.UniqueID] = i
	}
	geneva := tl.Events[byID["event-1"]]
	if _, hasDay := geneva.StartDate["day"]; hasDay || geneva.StartDate["year"] != 2025 || geneva.StartDate["month"] != 11 {
		t.Errorf("a month-precision event has start_date %v", geneva.StartDate)
	}
	if geneva.Group != "meeting" || geneva.Text.Headline != "Talks in &lt;Geneva&gt;" ||
		!strings.Contains(geneva.Text.Text, "Geneva, &#34;Palais&#34;") || !strings.Contains(geneva.Text.Text, "Line one,<br>line two.") {
		t.Errorf("Geneva slide: %+v", geneva)
	}
	kyiv := tl.Events[byID["event-2"]]
	if kyiv.StartDate["day"] != 20 || !strings.Contains(kyiv.Text.Text, "Steve Witkoff (Special Envoy)") ||
		!strings.Contains(kyiv.Text.Text, `<a href="https://example.org/a?b=1&amp;c=2">`) || !strings.Contains(kyiv.Text.Text, "United States, Ukraine") {
		t.Errorf("Kyiv slide: %+v", kyiv)
	}
	plan := tl.Events[byID["version-3"]]
	if plan.Group != "version" || plan.Text.Headline != "28-point plan" || plan.StartDate["month"] != 11 {
		t.Errorf("version slide: %+v", plan)
	}
}

func TestEventsCSV(t *testing.T) {
	rows, err := csv.NewReader(strings.NewReader(negotiationExports(t, fixture())["csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(export.EventsCSVHeader, ",") {
		t.Fatalf("rows: %q", rows)
	}
	want := []string{"2025-11", "month", "meeting", "Talks in <Geneva>", `Geneva, "Palais"`, "United States; Ukraine", "", "", "",
		"Line one,\nline two.", "United States: Published claim. (agreed)"}
	if strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("first row\n got %q\nwant %q", rows[1], want)
	}
	if rows[2][0] != "2025-11-20" || rows[2][7] != "28-point plan" || rows[2][8] != "MP's text [B2]" || rows[2][6] != "Steve Witkoff (Special Envoy)" {
		t.Errorf("second row %q", rows[2])
	}
}
