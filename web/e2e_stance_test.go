package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"parley"
)

// A delegate of Ukraine opens the 28-point plan, records its party's
// stance on a point with the form under it, sees it there with its
// history, changes it, and Russia's delegate sees none of it while it is
// kept to the party. Screenshots at desktop and phone width.
func TestBrowserDelegateRecordsAStance(t *testing.T) {
	ts := MustServe(t)
	_, pointID := ts.stanceOf(t, "UA")
	v, err := ts.store.FindVersionByID(context.Background(), ts.plan.ID)
	must(t, err)
	var key string
	for _, p := range v.Points {
		if p.ID == pointID {
			key = p.Key()
		}
	}
	point := fmt.Sprintf(`li[id="p-%s"]`, key)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "ua")
	page := fmt.Sprintf("%s/versions/%d", ts.url, ts.plan.ID)
	record := func(value, note string) {
		t.Helper()
		do(t, ctx,
			chromedp.Navigate(page+"#p-"+key),
			chromedp.WaitVisible(chromedp.CSS(point)),
			chromedp.Click(chromedp.CSS(point+` details.stance-form summary`)),
			chromedp.WaitVisible(chromedp.CSS(point+` form.stance select[name=value]`)),
			chromedp.SetValue(chromedp.CSS(point+` form.stance select[name=value]`), value),
			chromedp.SendKeys(chromedp.CSS(point+` form.stance input[name=note]`), note),
			chromedp.Submit(chromedp.CSS(point+` form.stance`)),
			chromedp.WaitVisible(chromedp.CSS(point+` .chip.own`)),
		)
	}
	record(parley.StanceAcceptWithChanges, "if the deadline moves")
	if chip := text(t, ctx, point+` .chip.own`); !strings.Contains(chip, "UA: accept with changes") || !strings.Contains(chip, "if the deadline moves") {
		t.Fatalf("chip after recording = %q", chip)
	}
	if state := text(t, ctx, point+` .point-state`); !strings.Contains(state, "open") {
		t.Fatalf("state with accept with changes = %q, want open", state)
	}
	record(parley.StanceReject, "deadline kept")
	do(t, ctx, chromedp.Click(chromedp.CSS(point+` details.history summary`)))
	history := text(t, ctx, point+` details.history ol`)
	if !strings.Contains(history, "accept with changes") || !strings.Contains(history, "reject") || !strings.Contains(history, "revision 2") {
		t.Fatalf("history = %q", history)
	}
	screenshot(t, ctx, dir, "version-stance-as-ua")
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(page+"#p-"+key), chromedp.WaitVisible(chromedp.CSS(point)))
	scroll, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	must(t, err)
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
	must(t, err)
	screenshot(t, ctx, dir, "version-stance-as-ua-phone")
	if scroll > width {
		t.Errorf("the version page is %d px wide at a %d px phone width", scroll, width)
	}

	// Russia's delegate sees neither the stance nor its history: it is
	// kept to Ukraine's delegates (the form's default for a delegate).
	ru := browser(t)
	loginAs(t, ru, ts.url, "ru")
	do(t, ru, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(point)))
	html, err := chromedp.Run(ru, chromedp.OuterHTML(chromedp.CSS(point)))
	must(t, err)
	if strings.Contains(html, "deadline") || strings.Contains(html, "UA: reject") {
		t.Fatalf("RU sees UA's draft stance: %s", html)
	}
}
