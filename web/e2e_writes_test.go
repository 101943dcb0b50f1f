package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"parley"
)

// fitsAPhone opens the details of the CSS selector at a 390 px phone
// width, takes a screenshot of them and fails if the page scrolls
// sideways.
func fitsAPhone(tb testing.TB, ctx context.Context, dir, name, details string) {
	tb.Helper()
	do(tb, ctx, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(details+` > summary`)))
	if open, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(`+"`"+details+"`"+`).open`)); err == nil && !open {
		do(tb, ctx, chromedp.Click(chromedp.CSS(details+` > summary`)))
	}
	shotOf(tb, ctx, dir, name, details)
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	must(tb, err)
	if wide {
		tb.Errorf("%s: at a 390 px phone width the page scrolls sideways", name)
	}
	do(tb, ctx, chromedp.EmulateViewport(1280, 1000))
}

// waitHash waits until the page the browser lands on has a fragment that
// starts with prefix: a form's redirect to the record it made. A poll
// that the navigation cuts short is polled again, on the new page.
func waitHash(tb testing.TB, ctx context.Context, prefix string) {
	tb.Helper()
	var err error
	for range 10 {
		if _, err = chromedp.Run(ctx, chromedp.Poll[bool](`location.hash.startsWith("`+prefix+`") && document.readyState === "complete"`)); err == nil {
			return
		}
		if ctx.Err() != nil {
			break
		}
	}
	tb.Fatalf("wait for a page at %s: %v", prefix, err)
}

// A mediator puts the evening's meeting on the timeline, with Ukraine and
// the United States taking part, from the timeline page.
func TestBrowserMediatorAddsAnEvent(t *testing.T) {
	ts := MustServe(t)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "mediator")
	page := fmt.Sprintf("%s/negotiations/%d/timeline", ts.url, ts.demo.ID)
	do(t, ctx,
		chromedp.Navigate(page),
		chromedp.Click(chromedp.CSS(`details#add-event > summary`)),
		chromedp.WaitVisible(chromedp.CSS(`form.add-event input[name=title]`)),
		chromedp.SetValue(chromedp.CSS(`form.add-event select[name=kind]`), "talks"),
		chromedp.SendKeys(chromedp.CSS(`form.add-event input[name=title]`), "Evening talks in Geneva"),
		chromedp.SetValue(chromedp.CSS(`form.add-event input[name=date]`), "2025-12-04"),
		chromedp.SendKeys(chromedp.CSS(`form.add-event input[name=place]`), "Geneva"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`form.add-event input[name=parties][value="%d"]`, ts.parties["UA"].ID))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`form.add-event input[name=parties][value="%d"]`, ts.parties["US"].ID))),
	)
	screenshot(t, ctx, dir, "timeline-add-event-as-mediator")
	do(t, ctx, chromedp.Click(chromedp.CSS(`form.add-event button[type=submit]`)))
	waitHash(t, ctx, "#event-")
	events, err := ts.store.ListEvents(context.Background(), ts.demo.ID)
	must(t, err)
	var added *parley.Event
	for _, e := range events {
		if e.Title == "Evening talks in Geneva" {
			added = e
		}
	}
	if added == nil || added.Kind != parley.EventTalks || len(added.PartyIDs) != 2 || added.Place != "Geneva" {
		t.Fatalf("the event stored = %+v", added)
	}
	if row := text(t, ctx, fmt.Sprintf(`tr#event-%d`, added.ID)); !strings.Contains(row, "Evening talks in Geneva") {
		t.Fatalf("the timeline row = %q", row)
	}
	screenshot(t, ctx, dir, "timeline-event-added-as-mediator")
	fitsAPhone(t, ctx, dir, "timeline-add-event-as-mediator-phone", `details#add-event`)
}

// Ukraine's delegate records its reading of the Alaska summit on the
// event page, and its position on an issue on the positions page; what
// it keeps to its party stays there.
func TestBrowserDelegateRecordsUnderstandingAndPosition(t *testing.T) {
	ts := MustServe(t)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "ua")
	event := fmt.Sprintf("%s/negotiations/%d/events/%d", ts.url, ts.demo.ID, ts.alaska.ID)
	do(t, ctx,
		chromedp.Navigate(event),
		chromedp.Click(chromedp.CSS(`details#record-understanding > summary`)),
		chromedp.WaitVisible(chromedp.CSS(`form.understanding input[name=topic-1]`)),
		chromedp.SendKeys(chromedp.CSS(`form.understanding input[name=topic-1]`), "security-guarantees"),
		chromedp.SendKeys(chromedp.CSS(`form.understanding input[name=text-1]`), "No guarantee was agreed without Kyiv at the table."),
		chromedp.SetValue(chromedp.CSS(`form.understanding select[name=agreed-1]`), "no"),
	)
	screenshot(t, ctx, dir, "event-understanding-form-as-ua")
	do(t, ctx, chromedp.Click(chromedp.CSS(`form.understanding button[type=submit]`)))
	waitHash(t, ctx, "#readings")
	if table := text(t, ctx, `table.understandings`); !strings.Contains(table, "No guarantee was agreed without Kyiv at the table.") {
		t.Fatalf("the comparison does not show UA's new claim: %.300s", table)
	}
	screenshot(t, ctx, dir, "event-understanding-recorded-as-ua")
	fitsAPhone(t, ctx, dir, "event-understanding-form-as-ua-phone", `details#record-understanding`)

	before, err := ts.store.ListPositions(context.Background(), parley.PositionFilter{NegotiationID: ts.demo.ID, PartyID: ts.parties["UA"].ID})
	must(t, err)
	issue := before[0].IssueID
	section := fmt.Sprintf(`section#issue-%d`, issue)
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/positions", ts.url, ts.demo.ID)),
		chromedp.Click(chromedp.CSS(section+` details.position-form > summary`)),
		chromedp.WaitVisible(chromedp.CSS(section+` form.position input[name=salience]`)),
		chromedp.SetValue(chromedp.CSS(section+` form.position input[name=salience]`), "95"),
		chromedp.SendKeys(chromedp.CSS(section+` form.position input[name=note]`), "after the Alaska summit"),
	)
	screenshot(t, ctx, dir, "positions-form-as-ua")
	do(t, ctx, chromedp.Click(chromedp.CSS(section+` form.position button[value=new]`)))
	waitHash(t, ctx, "#issue-")
	after, err := ts.store.ListPositions(context.Background(), parley.PositionFilter{IssueID: issue, PartyID: ts.parties["UA"].ID})
	must(t, err)
	newest := parley.NewestPosition(after)
	if newest.Salience != 95 || newest.Note != "after the Alaska summit" || newest.ReservationVisibility != parley.VisibilityParty {
		t.Fatalf("UA's newest position = %+v", newest)
	}
	fitsAPhone(t, ctx, dir, "positions-form-as-ua-phone", section+` details.position-form`)
}

// An owner regrades a source on the timeline page (its old grade kept in
// the history) and adds an account as Ukraine's delegate on the members
// page.
func TestBrowserOwnerRegradesASourceAndAddsAMember(t *testing.T) {
	ts := MustServe(t)
	ts.owner(t)
	must(t, ts.store.CreateUser(context.Background(), &parley.User{Username: "newcomer", PasswordHash: demoHash}))
	sources, err := ts.store.ListSources(context.Background(), ts.demo.ID)
	must(t, err)
	src := sources[0]
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "owner")
	row := fmt.Sprintf(`tr#source-%d`, src.ID)
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/timeline#sources", ts.url, ts.demo.ID)),
		chromedp.Click(chromedp.CSS(row+` details.record-form > summary`)),
		chromedp.WaitVisible(chromedp.CSS(row+` form.regrade input[name=grade]`)),
		chromedp.SendKeys(chromedp.CSS(row+` form.regrade input[name=grade]`), "e5"),
		chromedp.SendKeys(chromedp.CSS(row+` form.regrade input[name=note]`), "contradicted by two readouts"),
	)
	shotOf(t, ctx, dir, "timeline-regrade-form-as-owner", row)
	do(t, ctx, chromedp.Click(chromedp.CSS(row+` form.regrade button[type=submit]`)))
	waitHash(t, ctx, "#source-")
	if cell := text(t, ctx, row+` span.grade`); cell != "E5" {
		t.Fatalf("the grade shown = %q, want E5", cell)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(row+` details.history > summary`)))
	if hist := text(t, ctx, row+` details.history`); !strings.Contains(hist, src.Grade()) || !strings.Contains(hist, "by owner: contradicted by two readouts") {
		t.Fatalf("the grade history = %q", hist)
	}
	shotOf(t, ctx, dir, "timeline-regraded-as-owner", row)
	fitsAPhone(t, ctx, dir, "timeline-regrade-as-owner-phone", row+` details.record-form`)

	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/members", ts.url, ts.demo.ID)),
		chromedp.WaitVisible(chromedp.CSS(`form.add-member input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`form.add-member input[name=username]`), "newcomer"),
		chromedp.SetValue(chromedp.CSS(`form.add-member select[name=role]`), "delegate"),
		chromedp.SetValue(chromedp.CSS(`form.add-member select[name=party]`), fmt.Sprint(ts.parties["UA"].ID)),
	)
	screenshot(t, ctx, dir, "members-add-as-owner")
	newcomer, err := ts.store.FindUserByUsername(context.Background(), "newcomer")
	must(t, err)
	do(t, ctx, chromedp.Click(chromedp.CSS(`form.add-member button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`tr#member-%d`, newcomer.ID))))
	if cell := text(t, ctx, fmt.Sprintf(`tr#member-%d`, newcomer.ID)); !strings.Contains(cell, "delegate of UA") {
		t.Fatalf("the new member's row = %q", cell)
	}
	screenshot(t, ctx, dir, "members-added-as-owner")
	fitsAPhone(t, ctx, dir, "members-role-as-owner-phone", fmt.Sprintf(`tr#member-%d details.record-form`, newcomer.ID))
}
