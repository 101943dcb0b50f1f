package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"parley/record"
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

// A mediator records the 28-point plan as official from its page; Ukraine's
// delegate endorses it from the same page; the record page lists both, and
// the record checks.
func TestBrowserRecordAndEndorse(t *testing.T) {
	ts := MustServe(t)
	ts.srv.KeyPassphrase = []byte(testPassphrase)
	dir := shots(t)
	page := fmt.Sprintf("%s/versions/%d", ts.url, ts.plan.ID)

	mediator := browser(t)
	loginAs(t, mediator, ts.url, "mediator")
	do(t, mediator, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`section.record-actions button`)))
	screenshot(t, mediator, dir, "version-record-as-mediator")
	shotOf(t, mediator, dir, "version-record-button-as-mediator", `section.record-actions`)
	do(t, mediator,
		chromedp.Click(chromedp.CSS(`section.record-actions button`)),
		chromedp.WaitVisible(chromedp.CSS(`tr#leaf-0`)),
	)
	if row := text(t, mediator, `tr#leaf-0`); !strings.Contains(row, "Official version: 28-point plan") {
		t.Fatalf("leaf 0 = %q", row)
	}

	ua := browser(t)
	loginAs(t, ua, ts.url, "ua")
	do(t, ua, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`section.record-actions button`)))
	if label := text(t, ua, `section.record-actions button`); label != "Endorse for UA" {
		t.Fatalf("UA's button = %q", label)
	}
	do(t, ua,
		chromedp.Click(chromedp.CSS(`section.record-actions button`)),
		chromedp.WaitVisible(chromedp.CSS(`tr#leaf-1`)),
	)
	if row := text(t, ua, `tr#leaf-1`); !strings.Contains(row, "Endorsed by UA: 28-point plan") {
		t.Fatalf("leaf 1 = %q", row)
	}
	screenshot(t, ua, dir, "record-endorsed-as-ua")
	do(t, ua, chromedp.EmulateViewport(390, 844), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`section.record-actions`)))
	if state := text(t, ua, `section.record-actions`); !strings.Contains(state, "UA has endorsed it") {
		t.Fatalf("version page after endorsing: %q", state)
	}
	screenshot(t, ua, dir, "version-endorsed-as-ua-phone")
	shotOf(t, ua, dir, "version-endorsed-section-as-ua-phone", `section.record-actions`)
	if _, err := record.Check(context.Background(), ts.store, ts.demo); err != nil {
		t.Fatalf("the record does not check: %v", err)
	}
}
