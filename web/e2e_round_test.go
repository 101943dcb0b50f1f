package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A sealed round run from the browser: the mediator opens it, Ukraine's
// delegate types its limits into the sealed form and sees them as its own,
// Russia's submits its newest position, and the mediator's close shows
// the verdict with the round it comes from. Nobody's page shows another
// party's submission.
func TestBrowserSealedRound(t *testing.T) {
	ts := MustServe(t)
	dir := shots(t)
	nato := ts.issueNamed(t, "NATO")
	page := fmt.Sprintf("%s/negotiations/%d/positions", ts.url, ts.demo.ID)
	section := fmt.Sprintf(`section#issue-%d`, nato.ID)

	mediator := browser(t)
	loginAs(t, mediator, ts.url, "mediator")
	do(t, mediator, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(section+` form.open-round`)),
		chromedp.Submit(chromedp.CSS(section+` form.open-round`)),
		chromedp.WaitVisible(chromedp.CSS(section+` form.close-round`)))
	if got := text(t, mediator, section+` .round`); !strings.Contains(got, "Waiting for: UA, RU") && !strings.Contains(got, "Waiting for: RU, UA") {
		t.Fatalf("open round reads %q", got)
	}

	ua := browser(t)
	loginAs(t, ua, ts.url, "ua")
	do(t, ua, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(section+` form.submit-round`)),
		chromedp.SendKeys(chromedp.CSS(section+` input[name=ideal]`), "3"),
		chromedp.SendKeys(chromedp.CSS(section+` input[name=reservation]`), "2"),
		chromedp.Submit(chromedp.CSS(section+` form.submit-round`)),
		chromedp.WaitVisible(chromedp.CSS(section+` .own`)))
	screenshot(t, ua, dir, "round-submitted-as-ua")
	if own := text(t, ua, section+` .own`); !strings.Contains(own, "submitted") {
		t.Fatalf("Ukraine's own submission reads %q", own)
	}

	ru := browser(t)
	loginAs(t, ru, ts.url, "ru")
	do(t, ru, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(section+` form.submit-round`)))
	if html, err := chromedp.Run(ru, chromedp.OuterHTML(chromedp.CSS(section))); err != nil || strings.Contains(html, "Your party submitted") {
		t.Fatalf("Russia's page shows a submission before its own (%v)", err)
	}
	do(t, ru, chromedp.Submit(chromedp.CSS(section+` form.submit-round`)), chromedp.WaitVisible(chromedp.CSS(section+` .own`)))

	do(t, mediator, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(section+` form.close-round`)),
		chromedp.Submit(chromedp.CSS(section+` form.close-round`)),
		chromedp.WaitVisible(chromedp.CSS(section+` form.open-round`)))
	screenshot(t, mediator, dir, "round-closed")
	verdict := text(t, mediator, section+` h2 .verdict`)
	basis := text(t, mediator, section+` p.hint`)
	if verdict != "no overlap" || !strings.Contains(basis, "sealed round") {
		t.Fatalf("after the close: %q, %q", verdict, basis)
	}
}
