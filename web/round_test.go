package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"parley"
)

// roundIDs are the rounds the route walk uses: an open round of the demo
// on an issue where Ukraine is a veto player and has a position, an issue
// with veto players and no round (to open one on), and an open round of
// the other negotiation (for IDOR).
type roundIDs struct {
	open, freeIssue, other int64
}

func (t *testServer) rounds(tb testing.TB) roundIDs {
	tb.Helper()
	ctx := context.Background()
	veto := []int64{t.parties["UA"].ID, t.parties["RU"].ID}
	walk := &parley.Issue{NegotiationID: t.demo.ID, Name: "Route walk rounds", Scale: parley.ScaleNumeric, Min: 0, Max: 10, VetoPartyIDs: veto}
	must(tb, t.store.CreateIssue(ctx, walk))
	res := 4.0
	must(tb, t.store.CreatePosition(ctx, &parley.Position{IssueID: walk.ID, PartyID: t.parties["UA"].ID, Date: parley.MustParseDate("2025-12"),
		Ideal: 8, Reservation: &res, ReservationVisibility: parley.VisibilityParty, Salience: 50, Capability: 50}))
	open := &parley.Round{IssueID: walk.ID}
	must(tb, t.store.OpenRound(ctx, open))
	free := &parley.Issue{NegotiationID: t.demo.ID, Name: "Route walk free", Scale: parley.ScaleNumeric, Min: 0, Max: 10, VetoPartyIDs: veto}
	must(tb, t.store.CreateIssue(ctx, free))

	xp := &parley.Party{NegotiationID: t.other.ID, Name: "Secret party", Code: "SP", Kind: parley.PartyState}
	must(tb, t.store.CreateParty(ctx, xp))
	xi := &parley.Issue{NegotiationID: t.other.ID, Name: "Secret issue", Scale: parley.ScaleNumeric, Min: 0, Max: 1, VetoPartyIDs: []int64{xp.ID}}
	must(tb, t.store.CreateIssue(ctx, xi))
	other := &parley.Round{IssueID: xi.ID}
	must(tb, t.store.OpenRound(ctx, other))
	return roundIDs{open: open.ID, freeIssue: free.ID, other: other.ID}
}

// forecastOf returns one issue's row of GET .../forecasts as the caller
// gets it.
type forecastRow struct {
	IssueID        int64  `json:"issue_id"`
	Issue          string `json:"issue"`
	DealSpace      string `json:"deal_space"`
	DealSpaceRound *struct {
		ID      int64  `json:"id"`
		Verdict string `json:"verdict"`
	} `json:"deal_space_round"`
	OpenRound *struct {
		ID        int64    `json:"id"`
		Submitted []string `json:"submitted"`
		Waiting   []string `json:"waiting"`
	} `json:"open_round"`
}

func (t *testServer) forecastOf(tb testing.TB, token string, issueID int64) (forecastRow, string) {
	tb.Helper()
	resp, body := t.do(tb, "GET", "/api/v1/negotiations/"+itoa(t.demo.ID)+"/forecasts", token, "")
	if resp.StatusCode != 200 {
		tb.Fatalf("forecasts: %d %s", resp.StatusCode, body)
	}
	var rows []forecastRow
	must(tb, json.Unmarshal([]byte(body), &rows))
	for _, r := range rows {
		if r.IssueID == issueID {
			return r, body
		}
	}
	tb.Fatalf("no forecast of issue %d in %s", issueID, body)
	return forecastRow{}, ""
}

var dealSection = regexp.MustCompile(`(?s)<h2>Deal in sight\?</h2>.*?</table>`)

// The attack of issue 13: a delegate of a veto player moves its own
// confidential reservation value and reads the overlap verdict again,
// bisecting towards another veto player's limit. Before sealed rounds, 20
// writes recovered Russia's 650,000 on the demo. Now the verdict comes only
// from closed rounds, so the whole bisection reads one and the same
// verdict (on the API and on the page), and ends as far from Russia's limit
// as it started.
func TestDealSpaceBisectionLearnsNothing(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	ua := ts.login(t, "ua")
	issues, err := ts.store.ListIssues(ctx, ts.demo.ID)
	must(t, err)
	army := issues[0]
	positions, err := ts.store.ListPositions(ctx, parley.PositionFilter{IssueID: army.ID})
	must(t, err)
	var own, russia *parley.Position
	for _, p := range positions {
		switch p.PartyID {
		case ts.parties["UA"].ID:
			own = p
		case ts.parties["RU"].ID:
			russia = p
		}
	}
	if own == nil || russia == nil || russia.Reservation == nil || russia.ReservationVisibility != parley.VisibilityParty {
		t.Fatalf("the demo has no confidential Russian limit on %q to attack", army.Name)
	}
	secret := *russia.Reservation

	// Ukraine's range is [reservation, ideal]; it meets Russia's
	// [ideal, reservation] exactly when Ukraine's reservation is at most
	// Russia's. So "overlap" means secret >= guess.
	bisect := func(steps int, verdict func(guess float64, step int) string) (lo, hi float64, seen map[string]int) {
		lo, hi, seen = army.Min, army.Max, map[string]int{}
		for step := range steps {
			guess := (lo + hi) / 2
			v := verdict(guess, step)
			seen[v]++
			if v == parley.VerdictOverlap {
				lo = guess
			} else {
				hi = guess
			}
		}
		return lo, hi, seen
	}
	path := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/positions/" + itoa(own.ID)
	revision := own.Revision
	write := func(guess float64) {
		b, _ := json.Marshal(map[string]any{"date": own.Date, "ideal": own.Ideal, "reservation": guess, "salience": own.Salience,
			"capability": own.Capability, "revision": revision})
		resp, body := ts.do(t, "PUT", path, ua, string(b))
		if resp.StatusCode != 200 {
			t.Fatalf("PUT own reservation %g: %d %s", guess, resp.StatusCode, body)
		}
		revision++
	}
	_, firstPage := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID), ua, "")
	firstDeal := dealSection.FindString(firstPage)
	if firstDeal == "" {
		t.Fatal("the negotiation page has no deal-in-sight section")
	}
	lo, hi, seen := bisect(20, func(guess float64, step int) string {
		write(guess)
		row, _ := ts.forecastOf(t, ua, army.ID)
		if step%5 == 0 {
			_, page := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID), ua, "")
			if got := dealSection.FindString(page); got != firstDeal {
				t.Fatalf("the page's verdicts changed after the delegate's own write %d:\n%s\nthen\n%s", step+1, firstDeal, got)
			}
		}
		return row.DealSpace
	})
	if len(seen) != 1 {
		t.Fatalf("20 writes of the delegate's own limit moved the verdict: %v", seen)
	}
	if lo <= secret && secret <= hi {
		t.Fatalf("bisection closed in on Russia's limit %g: [%g, %g]", secret, lo, hi)
	}
	if hi-lo > 1 && lo > army.Min && hi < army.Max {
		t.Fatalf("bisection narrowed to [%g, %g] away from both ends of the scale", lo, hi)
	}

	// Rounds bound what a delegate learns: one submission per round, a
	// verdict only at the close. A delegate that tries to bisect inside a
	// round gets its first submission sealed and the rest refused, and the
	// verdict does not move until a mediator closes the round.
	mediator := ts.login(t, "mediator")
	base := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/rounds"
	if resp, body := ts.do(t, "POST", base, ua, fmt.Sprintf(`{"issue_id":%d}`, army.ID)); resp.StatusCode != 403 {
		t.Fatalf("a delegate opening a round: %d %s, want 403", resp.StatusCode, body)
	}
	resp, body := ts.do(t, "POST", base, mediator, fmt.Sprintf(`{"issue_id":%d}`, army.ID))
	if resp.StatusCode != 201 {
		t.Fatalf("open round: %d %s", resp.StatusCode, body)
	}
	var round struct{ ID int64 }
	must(t, json.Unmarshal([]byte(body), &round))
	if resp, body := ts.do(t, "POST", base+"/"+itoa(round.ID)+"/close", ua, ""); resp.StatusCode != 403 {
		t.Fatalf("a delegate closing a round: %d %s, want 403", resp.StatusCode, body)
	}
	ru := ts.login(t, "ru")
	if resp, body := ts.do(t, "POST", base+"/"+itoa(round.ID)+"/submission", ru, "{}"); resp.StatusCode != 201 {
		t.Fatalf("Russia submits its position: %d %s", resp.StatusCode, body)
	}
	before, _ := ts.forecastOf(t, ua, army.ID)
	accepted := 0
	_, _, seen = bisect(20, func(guess float64, step int) string {
		b := fmt.Sprintf(`{"ideal":%g,"reservation":%g}`, own.Ideal, guess)
		switch resp, body := ts.do(t, "POST", base+"/"+itoa(round.ID)+"/submission", ua, b); resp.StatusCode {
		case 201:
			accepted++
		case 409:
		default:
			t.Fatalf("submission %d: %d %s", step+1, resp.StatusCode, body)
		}
		row, _ := ts.forecastOf(t, ua, army.ID)
		if row.OpenRound == nil || row.OpenRound.ID != round.ID {
			t.Fatalf("the open round is not shown: %+v", row)
		}
		return row.DealSpace
	})
	if accepted != 1 || len(seen) != 1 || seen[before.DealSpace] != 20 {
		t.Fatalf("inside one round: %d submissions accepted, verdicts %v (before: %q); want one, and no change", accepted, seen, before.DealSpace)
	}
	// Other parties see who submitted, never what.
	var list []map[string]any
	ts.getJSON(t, base, ru, &list)
	raw, _ := json.Marshal(list)
	if strings.Contains(string(raw), `"own"`) && strings.Contains(string(raw), fmt.Sprint(own.Ideal)) {
		t.Fatalf("Russia sees Ukraine's submission: %s", raw)
	}
	resp, body = ts.do(t, "POST", base+"/"+itoa(round.ID)+"/close", mediator, "")
	if resp.StatusCode != 200 {
		t.Fatalf("close: %d %s", resp.StatusCode, body)
	}
	after, _ := ts.forecastOf(t, ua, army.ID)
	if after.DealSpaceRound == nil || after.DealSpaceRound.ID != round.ID || after.OpenRound != nil {
		t.Fatalf("after the close the verdict comes from %+v, open %+v", after.DealSpaceRound, after.OpenRound)
	}
	// The verdict is the one computed at the close, whatever the delegate
	// writes afterwards.
	for _, guess := range []float64{0, army.Max} {
		write(guess)
		if again, _ := ts.forecastOf(t, ua, army.ID); again.DealSpace != after.DealSpace {
			t.Fatalf("the closed round's verdict moved from %q to %q", after.DealSpace, again.DealSpace)
		}
	}
}

// The pages run a round: a mediator opens it, each veto player's delegate
// submits through the form (its own submission shown to it alone), and the
// mediator closes it; the verdict shows on the positions page.
func TestRoundPages(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	nato := ts.issueNamed(t, "NATO")
	ua, ru, mediator := ts.login(t, "ua"), ts.login(t, "ru"), ts.login(t, "mediator")
	page := "/negotiations/" + itoa(ts.demo.ID) + "/positions"
	if resp, _ := ts.doForm(t, "/negotiations/"+itoa(ts.demo.ID)+"/rounds", ua, "issue="+itoa(nato.ID)); resp.StatusCode != 403 {
		t.Fatalf("a delegate opening a round from the page: %d, want 403", resp.StatusCode)
	}
	if resp, body := ts.doForm(t, "/negotiations/"+itoa(ts.demo.ID)+"/rounds", mediator, "issue="+itoa(nato.ID)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("open a round from the page: %d %s", resp.StatusCode, body)
	}
	rounds, err := ts.store.ListRounds(ctx, ts.demo.ID)
	must(t, err)
	r := rounds[len(rounds)-1]
	if r.IssueID != nato.ID || !r.IsOpen() {
		t.Fatalf("newest round = %+v", r)
	}
	_, body := ts.do(t, "GET", page, ua, "")
	if !strings.Contains(body, "/rounds/"+itoa(r.ID)+"/submission") || strings.Contains(body, "/rounds/"+itoa(r.ID)+"/close") {
		t.Fatalf("Ukraine's page should offer the submission form and no close button")
	}
	submit := "/negotiations/" + itoa(ts.demo.ID) + "/rounds/" + itoa(r.ID) + "/submission"
	for name, form := range map[string]string{"only one value": "ideal=3", "not on the scale": "ideal=3&reservation=lots"} {
		if resp, body := ts.doForm(t, submit, ua, form); resp.StatusCode != 400 {
			t.Fatalf("%s: %d %.300s, want 400", name, resp.StatusCode, body)
		}
	}
	if resp, body := ts.doForm(t, submit, ua, "ideal=3&reservation=1"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("Ukraine submits: %d %.300s", resp.StatusCode, body)
	}
	if resp, _ := ts.doForm(t, submit, ua, "ideal=3&reservation=2"); resp.StatusCode != http.StatusConflict {
		t.Fatalf("a second submission: %d, want 409", resp.StatusCode)
	}
	_, mine := ts.do(t, "GET", page, ua, "")
	_, theirs := ts.do(t, "GET", page, ru, "")
	if !strings.Contains(mine, "Your party submitted") || strings.Contains(theirs, "Your party submitted") && !strings.Contains(theirs, "submission") {
		t.Fatal("Ukraine does not see its own submission")
	}
	if resp, _ := ts.doForm(t, submit, ru, ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("Russia submits its newest position: %d", resp.StatusCode)
	}
	if resp, _ := ts.doForm(t, "/negotiations/"+itoa(ts.demo.ID)+"/rounds/"+itoa(r.ID)+"/close", mediator, ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close from the page: %d", resp.StatusCode)
	}
	closed, err := ts.store.FindRoundByID(ctx, r.ID)
	must(t, err)
	// Ukraine [1, 3] and Russia's demo position [0, 0] on NATO do not meet.
	if closed.Verdict != parley.VerdictNoOverlap {
		t.Fatalf("verdict = %q, want no overlap", closed.Verdict)
	}
	_, body = ts.do(t, "GET", page, ru, "")
	if !strings.Contains(body, "sealed round "+itoa(r.ID)) {
		t.Fatal("the positions page does not name the round its verdict comes from")
	}
}

// issueNamed returns the demo's issue whose name contains name.
func (t *testServer) issueNamed(tb testing.TB, name string) *parley.Issue {
	tb.Helper()
	issues, err := t.store.ListIssues(context.Background(), t.demo.ID)
	must(tb, err)
	for _, is := range issues {
		if strings.Contains(is.Name, name) {
			return is
		}
	}
	tb.Fatalf("no issue named %q in the demo", name)
	return nil
}
