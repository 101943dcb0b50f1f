package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
		)
		// The page comes back with the new stance on the point. The poll
		// is asked again while the old page's context goes away.
		check := chromedp.Poll[bool](fmt.Sprintf(`(document.querySelector(%q)?.textContent || "").includes(%q)`, point+` .chip.own`, note))
		for {
			if _, err := chromedp.Run(ctx, check); err == nil {
				break
			} else if ctx.Err() != nil {
				t.Fatalf("the stance %q never showed: %v", note, err)
			}
		}
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
	shotOf(t, ctx, dir, "version-stance-point-as-ua", point)
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(page+"#p-"+key), chromedp.WaitVisible(chromedp.CSS(point)),
		chromedp.Click(chromedp.CSS(point+` details.history summary`)), chromedp.Click(chromedp.CSS(point+` details.stance-form summary`)),
		chromedp.WaitVisible(chromedp.CSS(point+` form.stance select[name=value]`)))
	screenshot(t, ctx, dir, "version-stance-as-ua-phone")
	shotOf(t, ctx, dir, "version-stance-point-as-ua-phone", point)
	// The points, their stances, history and form fit the phone's width
	// (the page's header is the layout's business).
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("ol.points *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`))
	must(t, err)
	if len(wide) > 0 {
		t.Errorf("at a 390 px phone width, parts of the points are wider: %v", wide)
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

// shotOf saves one element as dir/name.png.
func shotOf(tb testing.TB, ctx context.Context, dir, name, css string) {
	tb.Helper()
	buf, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(css)))
	must(tb, err)
	must(tb, os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644))
}
