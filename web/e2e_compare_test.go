package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A mediator picks two versions on the negotiation page, hides the
// unchanged points, filters the changes by kind, walks them with next
// and previous, and downloads the comparison; then reads the page and
// the lineage on a 390 px phone.
func TestBrowserMediatorComparesTwoVersions(t *testing.T) {
	ts := MustServe(t)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "mediator")
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d", ts.url, ts.demo.ID)),
		chromedp.WaitVisible(chromedp.CSS(`form.compare-pick`)),
		chromedp.SetValue(chromedp.CSS(`form.compare-pick select[name=old]`), fmt.Sprint(ts.plan.ID)),
		chromedp.SetValue(chromedp.CSS(`form.compare-pick select[name=new]`), fmt.Sprint(ts.counter.ID)),
		chromedp.Click(chromedp.CSS(`form.compare-pick input[name=hide]`)),
		chromedp.Submit(chromedp.CSS(`form.compare-pick`)),
		chromedp.WaitVisible(chromedp.CSS(`table.compare`)),
	)
	url := location(t, ctx)
	if want := fmt.Sprintf("/compare/%d/%d?hide=unchanged", ts.plan.ID, ts.counter.ID); !strings.HasSuffix(url, want) {
		t.Fatalf("after picking, at %s, want %s", url, want)
	}
	if n := count(t, ctx, `table.compare tr.k-unchanged`); n != 0 {
		t.Errorf("%d unchanged rows shown with hide unchanged", n)
	}
	changes := count(t, ctx, `nav.changes li`)
	screenshot(t, ctx, dir, "compare-changed")

	// Only the reworded points.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`form.compare-pick input[name=kind][value=reworded]`)),
		chromedp.Submit(chromedp.CSS(`form.compare-pick`)),
		// The attribute, not :checked: the click above checks the box on
		// the page before the submit; only the page the server answers
		// with carries checked in its markup.
		chromedp.WaitVisible(chromedp.CSS(`input[name=kind][value=reworded][checked]`)),
	)
	reworded := count(t, ctx, `table.compare tbody tr`)
	if reworded == 0 || reworded != count(t, ctx, `table.compare tr.k-reworded`) || reworded > changes {
		t.Errorf("%d rows with kind reworded of %d changes; every row shown must be reworded", reworded, changes)
	}

	// Next, next, previous: the rows are reached in order.
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("table.compare tbody tr")).map(r => r.id)`))
	must(t, err)
	do(t, ctx, chromedp.Click(chromedp.CSS(`#`+ids[0]+` a[rel=next]`)))
	if h := hash(t, ctx); h != "#"+ids[1] {
		t.Errorf("next from %s went to %s, want #%s", ids[0], h, ids[1])
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#`+ids[1]+` a[rel=next]`)))
	do(t, ctx, chromedp.Click(chromedp.CSS(`#`+ids[2]+` a[rel=prev]`)))
	if h := hash(t, ctx); h != "#"+ids[1] {
		t.Errorf("previous from %s went to %s, want #%s", ids[2], h, ids[1])
	}
	// The change list jumps to a change.
	do(t, ctx, chromedp.Click(chromedp.CSS(`nav.changes li:last-child a`)))
	if h := hash(t, ctx); h != "#"+ids[len(ids)-1] {
		t.Errorf("the last change in the list goes to %s, want #%s", h, ids[len(ids)-1])
	}
	screenshot(t, ctx, dir, "compare-reworded")

	// Download the comparison as Markdown with the session the page has.
	do(t, ctx, chromedp.Click(chromedp.CSS(`details.downloads summary`)), chromedp.WaitVisible(chromedp.CSS(`details.downloads a.download`)))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		const a = document.querySelector('details.downloads a.download[href$="/export/md"]');
		const r = await fetch(a.href);
		return [String(r.status), r.headers.get('content-type'), r.headers.get('content-disposition'), (await r.text()).slice(0, 200)];
	})()`, chromedp.EvalAwaitPromise))
	must(t, err)
	if got[0] != "200" || !strings.HasPrefix(got[1], "text/markdown") || !strings.HasPrefix(got[2], "attachment;") || !strings.Contains(got[3], "28-point plan") {
		t.Errorf("download = %q", got)
	}

	// On a phone: the page fits, the filter is there; the lineage's points
	// open by tap.
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.url+url), chromedp.WaitVisible(chromedp.CSS(`table.compare`)))
	if wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); err != nil || wide {
		t.Errorf("the compare page scrolls sideways on a phone (%v)", err)
	}
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		must(t, os.WriteFile(filepath.Join(dir, "phone-compare-filtered.png"), shot, 0o644))
	}
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/lineage", ts.url, ts.demo.ID)),
		chromedp.WaitVisible(chromedp.CSS(`details.lineage-point summary`)),
		chromedp.Click(chromedp.CSS(`details.lineage-point summary`)),
		chromedp.WaitVisible(chromedp.CSS(`details.lineage-point[open] p`)),
	)
	if s := text(t, ctx, `details.lineage-point[open] p`); len(s) < 20 {
		t.Errorf("the opened lineage point reads %q, want its text", s)
	}
	if wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); err != nil || wide {
		t.Errorf("the lineage page scrolls sideways on a phone (%v)", err)
	}
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		must(t, os.WriteFile(filepath.Join(dir, "phone-lineage.png"), shot, 0o644))
	}
	// The boxes of the diagram are links, reached by the keyboard.
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector('.lineage svg a'); a.focus(); return document.activeElement === a ? a.getAttribute('href') : ''; })()`))
	if err != nil || !strings.HasPrefix(focused, "/versions/") {
		t.Errorf("a lineage box takes no focus (%q, %v)", focused, err)
	}
	do(t, ctx, chromedp.EmulateViewport(1280, 1000), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.lineage svg`)))
	screenshot(t, ctx, dir, "lineage")
}

// location is the page's path and query.
func location(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	must(tb, err)
	return s
}

// hash is the fragment of the page's address.
func hash(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash`))
	must(tb, err)
	return s
}

// count is how many elements the CSS selector matches.
func count(tb testing.TB, ctx context.Context, css string) int {
	tb.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, css)))
	must(tb, err)
	return n
}
