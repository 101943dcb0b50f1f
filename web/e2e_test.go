package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"parley"
)

// chromium finds the browser, or skips (fails under CI=true).
func chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("CI=true but no Chromium is installed: .ci/run installs Debian's chromium")
	}
	tb.Skip("no Chromium on this machine")
	return ""
}

// browser starts a headless Chromium for one test.
func browser(tb testing.TB) context.Context {
	tb.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(tb)),
		chromedp.NoSandbox,
		chromedp.Flag("ignore-certificate-errors", true), // the test server's own certificate
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancel(); cancelAlloc() })
	// Start the browser with no deadline (a deadline on the first run would
	// stop the browser), then bound every later step.
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start Chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	tb.Cleanup(cancelTimeout)
	return ctx
}

// shots is where the screenshots go: $PARLEY_SCREENSHOTS if set (to look
// at them), else a folder the test removes.
func shots(tb testing.TB) string {
	if dir := os.Getenv("PARLEY_SCREENSHOTS"); dir != "" {
		os.MkdirAll(dir, 0o755)
		return dir
	}
	return tb.TempDir()
}

// screenshot saves the whole page as dir/name.png.
func screenshot(tb testing.TB, ctx context.Context, dir, name string) {
	tb.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// text returns the text of the first element the CSS selector matches.
func text(tb testing.TB, ctx context.Context, css string) string {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(css))); err != nil {
		tb.Fatalf("wait for %s: %v", css, err)
	}
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		tb.Fatalf("text of %s: %v", css, err)
	}
	return s
}

func do(tb testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.Fatal(err)
	}
}

func loginAs(tb testing.TB, ctx context.Context, url, username string) {
	tb.Helper()
	do(tb, ctx,
		chromedp.Navigate(url+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), username),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "demo"),
		chromedp.Submit(chromedp.CSS(`form.login`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
	)
}

// A mediator logs in, opens the comparison of the 28-point plan with the
// European counter-proposal, relinks a point, and finds the correction
// still there after a reload.
func TestBrowserMediatorCorrectsALink(t *testing.T) {
	ts := MustServe(t)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "mediator")
	screenshot(t, ctx, dir, "home")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d", ts.url, ts.demo.ID)), chromedp.WaitVisible(chromedp.CSS(`.glance`)))
	screenshot(t, ctx, dir, "negotiation")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/compare/%d/%d", ts.url, ts.plan.ID, ts.counter.ID)), chromedp.WaitVisible(chromedp.CSS(`table.compare`)))
	verdict := text(t, ctx, `.verdict-line`)
	redline := text(t, ctx, `tr:has(del) .redline`)
	screenshot(t, ctx, dir, "compare")
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`details.relink summary`)),
		chromedp.SendKeys(chromedp.CSS(`form.correct input[name=old]`), "6"),
		chromedp.SendKeys(chromedp.CSS(`form.correct input[name=new]`), "7"),
		chromedp.SetValue(chromedp.CSS(`form.correct select[name=kind]`), "moved"),
		chromedp.SendKeys(chromedp.CSS(`form.correct input[name=note]`), "checked against the paper copy"),
		chromedp.Submit(chromedp.CSS(`form.correct`)),
		chromedp.WaitVisible(chromedp.CSS(`tr.fixed`)),
		chromedp.Reload(),
	)
	fixedRow := text(t, ctx, `tr.fixed`)
	if !strings.Contains(verdict, "one to one") {
		t.Errorf("verdict = %q", verdict)
	}
	if !strings.Contains(redline, "Ukraine") {
		t.Errorf("first redline = %q", redline)
	}
	if !strings.Contains(fixedRow, "moved") || !strings.Contains(fixedRow, "armed forces") {
		t.Errorf("corrected row = %q, want point 6 (the army cap) moved", fixedRow)
	}
	corrections, err := ts.store.ListCorrections(context.Background(), ts.plan.ID, ts.counter.ID)
	if err != nil || len(corrections) != 1 || corrections[0].Note != "checked against the paper copy" {
		t.Fatalf("stored corrections = %+v, %v", corrections, err)
	}
}

// A delegate of Ukraine never sees another party's reservation value on
// any page it can open.
func TestBrowserDelegateSeesNoOtherReservation(t *testing.T) {
	ts := MustServe(t)
	ctx := browser(t)
	dir := shots(t)
	positions, err := ts.store.ListPositions(context.Background(), parley.PositionFilter{NegotiationID: ts.demo.ID})
	if err != nil {
		t.Fatal(err)
	}
	// Values that appear only as another party's reservation.
	secret := map[string]bool{}
	for _, p := range positions {
		if p.Reservation != nil && p.PartyID != ts.parties["UA"].ID && *p.Reservation >= 1000 {
			secret[fmt.Sprintf("%.0f", *p.Reservation)] = true
			secret[withCommas(int64(*p.Reservation))] = true
		}
	}
	for _, p := range positions {
		delete(secret, fmt.Sprintf("%.0f", p.Ideal))
		delete(secret, withCommas(int64(p.Ideal)))
	}
	loginAs(t, ctx, ts.url, "ua")
	pages := []string{"/", fmt.Sprintf("/negotiations/%d", ts.demo.ID), fmt.Sprintf("/negotiations/%d/lineage", ts.demo.ID),
		fmt.Sprintf("/negotiations/%d/positions", ts.demo.ID), fmt.Sprintf("/negotiations/%d/stances", ts.demo.ID),
		fmt.Sprintf("/negotiations/%d/timeline", ts.demo.ID), fmt.Sprintf("/negotiations/%d/events/%d", ts.demo.ID, ts.alaska.ID),
		fmt.Sprintf("/negotiations/%d/contacts", ts.demo.ID),
		fmt.Sprintf("/versions/%d", ts.plan.ID), fmt.Sprintf("/compare/%d/%d", ts.plan.ID, ts.counter.ID)}
	for _, page := range pages {
		do(t, ctx, chromedp.Navigate(ts.url+page), chromedp.WaitReady(chromedp.CSS(`body`)))
		html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`html`)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(html, `action="/login"`) || !strings.Contains(html, `<span class="who">ua</span>`) {
			t.Errorf("%s: not logged in as ua", page)
		}
		for value := range secret {
			if strings.Contains(html, value) {
				t.Errorf("%s shows %s, another party's reservation value", page, value)
			}
		}
	}
	screenshot(t, ctx, dir, "timeline-as-ua")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/positions", ts.url, ts.demo.ID)), chromedp.WaitVisible(chromedp.CSS(`.scale`)))
	screenshot(t, ctx, dir, "positions-as-ua")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/stances", ts.url, ts.demo.ID)), chromedp.WaitVisible(chromedp.CSS(`table.matrix`)))
	screenshot(t, ctx, dir, "stances-as-ua")
}

func withCommas(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
