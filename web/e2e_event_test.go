package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A delegate of Ukraine follows the timeline to the Alaska summit, finds
// the two capitals' readings side by side with the dispute and the
// one-sided claims flagged, then the army-cap event with the two figures
// side by side and on the scale, then opens the contacts page and
// finds the network drawn.
func TestBrowserAlaskaReadingsAndContacts(t *testing.T) {
	ts := MustServe(t)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "ua")
	eventPath := fmt.Sprintf("/negotiations/%d/events/%d", ts.demo.ID, ts.alaska.ID)
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/timeline", ts.url, ts.demo.ID)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="`+eventPath+`"]`)),
		chromedp.Click(chromedp.CSS(`a[href="`+eventPath+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.understandings`)),
	)
	flag := text(t, ctx, `tr.outcome-disputed .flag-disputed`)
	row := text(t, ctx, `tr.outcome-disputed`)
	oneSided := text(t, ctx, `tr.outcome-one-sided .flag-one-sided`)
	heads := text(t, ctx, `table.understandings thead`)
	screenshot(t, ctx, dir, "event-alaska")
	if flag != "Disputed" {
		t.Errorf("dispute flag = %q", flag)
	}
	if !strings.Contains(row, "Leaders meeting") || !strings.Contains(row, "Putin promised to meet Zelensky") || !strings.Contains(row, "no promise was made") {
		t.Errorf("disputed row = %q, want the leaders' meeting with both readings", row)
	}
	if oneSided != "One-sided" {
		t.Errorf("one-sided flag = %q", oneSided)
	}
	if !strings.Contains(heads, "United States") || !strings.Contains(heads, "Russia") {
		t.Errorf("the readings are not side by side: header %q", heads)
	}

	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/events/%d", ts.url, ts.demo.ID, ts.armyCapEvent(t))),
		chromedp.WaitVisible(chromedp.CSS(`tr.scale-row .claimed-scale svg`)),
	)
	differences := text(t, ctx, `tr.outcome-contradiction table.differences`)
	screenshot(t, ctx, dir, "event-army-cap")
	if !strings.Contains(differences, "figures") || !strings.Contains(differences, "100,000") || !strings.Contains(differences, "800,000") {
		t.Errorf("the differing figures are not side by side: %q", differences)
	}

	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d", ts.url, ts.demo.ID)),
		chromedp.WaitVisible(chromedp.CSS(`nav.sections`)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`nav.sections a[href="/negotiations/%d/contacts"]`, ts.demo.ID))),
		chromedp.WaitVisible(chromedp.CSS(`svg.contacts`)),
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/contacts?as_of=2025-11-28", ts.url, ts.demo.ID)),
		chromedp.WaitVisible(chromedp.CSS(`svg.contacts`)),
	)
	nodes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.contacts g.node").length`))
	if err != nil {
		t.Fatal(err)
	}
	suggestions := text(t, ctx, `ol.suggestions`)
	screenshot(t, ctx, dir, "contacts-as-ua")
	if want := len(ts.parties) + 12; nodes != want {
		t.Errorf("%d nodes drawn, want %d (every party and actor)", nodes, want)
	}
	if !strings.Contains(suggestions, "Go through United States to reach Russia") {
		t.Errorf("suggestions for Ukraine = %q", suggestions)
	}
}
