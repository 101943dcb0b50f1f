package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A delegate opens the record from the negotiation page, pastes a copy of
// the recorded plan with one number changed, and is told it is near the
// plan, with the changed point's redline.
func TestBrowserVerifyPastedText(t *testing.T) {
	ts := MustServe(t)
	ts.recordPlan(t)
	plan, err := ts.store.FindVersionByID(context.Background(), ts.plan.ID)
	must(t, err)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "ua")
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d", ts.url, ts.demo.ID)),
		chromedp.WaitVisible(chromedp.CSS(`nav.sections`)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`nav.sections a[href="/negotiations/%d/record"]`, ts.demo.ID))),
		chromedp.WaitVisible(chromedp.CSS(`section.verify textarea`)),
		chromedp.SetValue(chromedp.CSS(`section.verify textarea`), strings.Replace(plan.Text, "600,000", "650,000", 1)),
		chromedp.Click(chromedp.CSS(`section.verify button`)),
		chromedp.WaitVisible(chromedp.CSS(`div.verdict`)),
	)
	verdict := text(t, ctx, `div.verdict`)
	redline := text(t, ctx, `table.differences td.redline`)
	screenshot(t, ctx, dir, "record-verify-near")
	if !strings.HasPrefix(verdict, "Near:") || !strings.Contains(verdict, "28-point plan") {
		t.Errorf("verdict = %q", verdict)
	}
	if !strings.Contains(redline, "600650") && !strings.Contains(redline, "600 650") {
		t.Errorf("redline = %q, want 600 struck and 650 put in", redline)
	}
}
