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

// Search in a real browser: Ukraine's delegate reaches the search box in
// the header by keyboard, finds a point of the 28-point plan by a word in
// it and follows the hit to the point; its party's own understanding is
// found by it and by no one else: Russia's delegate searching the same
// words finds nothing of it, on the results page or anywhere in it. The
// results page fits a 390 px phone.
func TestBrowserSearch(t *testing.T) {
	ts := MustServe(t)
	dir := shots(t)
	own := &parley.Understanding{EventID: ts.alaska.ID, PartyID: ts.parties["UA"].ID, Date: parley.MustParseDate("2025-08-16"), Visibility: parley.VisibilityParty,
		Claims: []parley.Claim{{Topic: "fallback", Text: "We could live with the kestrelwood formula on the nuclear plant.", Agreed: true}}}
	must(t, ts.store.CreateUnderstanding(context.Background(), own))

	ctx := browser(t)
	loginAs(t, ctx, ts.url, "ua")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d", ts.url, ts.demo.ID)), chromedp.WaitVisible(chromedp.CSS(`main`)))
	// Tab from the top of the page to the search box, type, press Enter.
	focused := ""
	for range 8 {
		do(t, ctx, chromedp.KeyEvent("\t"))
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
		must(t, err)
		if focused = id; focused == "site-search" {
			break
		}
	}
	if focused != "site-search" {
		t.Fatalf("the search box is not reached by Tab (focus on %q)", focused)
	}
	do(t, ctx, chromedp.KeyEvent("Zaporizhzhia restarted\r"), chromedp.WaitVisible(chromedp.CSS(`ol.hits`)))
	first := text(t, ctx, `ol.hits li:first-child`)
	marked := text(t, ctx, `ol.hits li:first-child mark`)
	if !strings.Contains(first, "Point 19.") || !strings.Contains(first, "28-point plan") || marked != "Zaporizhzhia" {
		t.Errorf("first hit = %q (marked %q), want point 19 of the 28-point plan with the word marked", first, marked)
	}
	screenshot(t, ctx, dir, "search-as-ua")
	do(t, ctx, chromedp.Click(chromedp.CSS(`ol.hits li:first-child a`)), chromedp.WaitVisible(chromedp.CSS(`li.point:target`)))
	target := text(t, ctx, `li.point:target`)
	if !strings.Contains(target, "Zaporizhzhia nuclear power plant is restarted") {
		t.Errorf("the hit leads to %q", target)
	}

	do(t, ctx, chromedp.Navigate(ts.url+"/search?q=kestrelwood"), chromedp.WaitVisible(chromedp.CSS(`ol.hits`)))
	if got := text(t, ctx, `ol.hits`); !strings.Contains(got, "fallback") || !strings.Contains(got, "kestrelwood") {
		t.Errorf("UA's own understanding: %q", got)
	}

	// Russia's delegate: the same words find nothing of UA's reading.
	ru := browser(t)
	loginAs(t, ru, ts.url, "ru")
	for _, q := range []string{"kestrelwood", "fallback", "kestrelwood+formula", "live+with+the+formula", "nuclear+plant"} {
		do(t, ru, chromedp.Navigate(ts.url+"/search?q="+q+"&limit=100"), chromedp.WaitVisible(chromedp.CSS(`main`)))
		html, err := chromedp.Run(ru, chromedp.OuterHTML(chromedp.CSS(`html`)))
		must(t, err)
		// The page repeats the query; the understanding's own words are
		// these.
		if strings.Contains(html, "We could") || strings.Contains(html, "formula on the") || strings.Contains(html, ">fallback<") {
			t.Errorf("ru searching %q sees UA's own understanding", q)
		}
	}
	do(t, ru, chromedp.Navigate(ts.url+"/search?q=kestrelwood"), chromedp.WaitVisible(chromedp.CSS(`main`)))
	if got := text(t, ru, `main`); !strings.Contains(got, "Nothing found that you may see") {
		t.Errorf("ru's results page = %q", got)
	}
	screenshot(t, ru, dir, "search-as-ru")

	// A phone: the results fit, the search box is in the header.
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.url+"/search?q=nuclear"), chromedp.WaitVisible(chromedp.CSS(`ol.hits`)))
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	must(t, err)
	if width > 391 {
		t.Errorf("the results page is %d px wide on a 390 px phone", width)
	}
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		must(t, os.WriteFile(filepath.Join(dir, "phone-search.png"), shot, 0o644))
	}
}
