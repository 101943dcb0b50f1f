package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// Every page of the demo is usable on a 390 px phone without scrolling
// the page sideways: wide tables and charts scroll in their own box. The
// owner sees every page, members and audit log included. Screenshots of
// each page go to $PARLEY_SCREENSHOTS when it is set.
func TestBrowserPagesFitAPhone(t *testing.T) {
	ts := MustServe(t)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "owner")
	n := ts.demo.ID
	pages := map[string]string{
		"home":        "/",
		"negotiation": fmt.Sprintf("/negotiations/%d", n),
		"lineage":     fmt.Sprintf("/negotiations/%d/lineage", n),
		"stances":     fmt.Sprintf("/negotiations/%d/stances", n),
		"positions":   fmt.Sprintf("/negotiations/%d/positions", n),
		"timeline":    fmt.Sprintf("/negotiations/%d/timeline", n),
		"event":       fmt.Sprintf("/negotiations/%d/events/%d", n, ts.alaska.ID),
		"army-cap":    fmt.Sprintf("/negotiations/%d/events/%d", n, ts.armyCapEvent(t)),
		"synonyms":    fmt.Sprintf("/negotiations/%d/synonyms", n),
		"contacts":    fmt.Sprintf("/negotiations/%d/contacts", n),
		"topics":      fmt.Sprintf("/negotiations/%d/topics?topic=security", n),
		"record":      fmt.Sprintf("/negotiations/%d/record", n),
		"members":     fmt.Sprintf("/negotiations/%d/members", n),
		"audit":       fmt.Sprintf("/negotiations/%d/audit", n),
		"version":     fmt.Sprintf("/versions/%d", ts.plan.ID),
		"compare":     fmt.Sprintf("/compare/%d/%d", ts.plan.ID, ts.counter.ID),
		"search":      "/search?q=nuclear",
	}
	do(t, ctx, chromedp.EmulateViewport(390, 844))
	for name, path := range pages {
		do(t, ctx, chromedp.Navigate(ts.url+path), chromedp.WaitVisible(chromedp.CSS(`main`)))
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		// The first screenful only: a whole version page is taller than a
		// screenshot may be.
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			must(t, os.WriteFile(filepath.Join(dir, "phone-"+name+".png"), shot, 0o644))
		}
		if width > 391 {
			culprit, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
				let worst = null;
				for (const el of document.querySelectorAll('main *')) {
					const r = el.getBoundingClientRect();
					if (r.right > window.innerWidth + 1 && (!worst || r.width < worst.getBoundingClientRect().width)) worst = el;
				}
				return worst ? worst.tagName + '.' + worst.className + ' ' + Math.round(worst.getBoundingClientRect().right) : '';
			})()`))
			t.Errorf("%s (%s) is %d px wide on a 390 px phone; sticks out: %s", name, path, width, culprit)
		}
	}
}
