package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A delegate of Ukraine uploads its counter-draft from the negotiation
// page: the preview lists the points with nothing stored, Save stores it,
// and the browser lands on the compare with the 28-point plan. The
// preview fits a phone's width. Screenshots at desktop and phone width.
func TestBrowserDelegateUploadsACounterDraft(t *testing.T) {
	ts := MustServe(t)
	draft, points := ts.counterDraft(t)
	file := filepath.Join(t.TempDir(), "counter-draft.md")
	must(t, os.WriteFile(file, []byte(draft), 0o644))
	before := ts.versionCount(t)

	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "ua")
	page := fmt.Sprintf("%s/negotiations/%d", ts.url, ts.demo.ID)
	do(t, ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS(`details.upload-form summary`)),
		chromedp.Click(chromedp.CSS(`details.upload-form summary`)),
		chromedp.WaitVisible(chromedp.CSS(`form.upload input[name=label]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`form.upload input[name=file]`), []string{file}),
		chromedp.SendKeys(chromedp.CSS(`form.upload input[name=label]`), "Ukrainian counter-draft"),
		chromedp.SetValue(chromedp.CSS(`form.upload select[name=status]`), "counter-proposal"),
		chromedp.SetValue(chromedp.CSS(`form.upload select[name=parents]`), fmt.Sprint(ts.plan.ID)),
	)
	screenshot(t, ctx, dir, "upload-form-as-ua")
	// The form fits a phone's width too; a second tab keeps this one's
	// chosen file.
	phone, cancel := chromedp.NewContext(ctx)
	defer cancel()
	do(t, phone, chromedp.EmulateViewport(390, 844), chromedp.Navigate(page+"#add-version"),
		chromedp.WaitVisible(chromedp.CSS(`details.upload-form summary`)), chromedp.Click(chromedp.CSS(`details.upload-form summary`)),
		chromedp.WaitVisible(chromedp.CSS(`form.upload input[name=label]`)))
	screenshot(t, phone, dir, "upload-form-as-ua-phone")
	if wide, err := chromedp.Run(phone, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#add-version *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`)); err != nil || len(wide) > 0 {
		t.Errorf("at a 390 px phone width, parts of the upload form are wider: %v %v", wide, err)
	}
	cancel()
	do(t, ctx,
		chromedp.Submit(chromedp.CSS(`form.upload`)),
		chromedp.WaitVisible(chromedp.CSS(`form.save-version`)),
	)
	if h := text(t, ctx, `h1`); h != "Preview: Ukrainian counter-draft" {
		t.Fatalf("preview heading = %q", h)
	}
	if summary := text(t, ctx, `p.you`); !strings.Contains(summary, fmt.Sprintf("%d points", points)) || !strings.Contains(summary, "drafted by UA") {
		t.Fatalf("preview summary = %q", summary)
	}
	if table := text(t, ctx, `table.preview-points`); !strings.Contains(table, "This counter-draft enters into force") {
		t.Fatalf("the preview does not list the new point: %.300s", table)
	}
	if n := ts.versionCount(t); n != before {
		t.Fatalf("the preview stored a version: %d, want %d", n, before)
	}
	screenshot(t, ctx, dir, "upload-preview-as-ua")
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`form.save-version`)))
	screenshot(t, ctx, dir, "upload-preview-as-ua-phone")
	// The page itself does not scroll sideways at a phone's width.
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	must(t, err)
	if wide {
		t.Error("at a 390 px phone width, the preview scrolls sideways")
	}
	do(t, ctx, chromedp.EmulateViewport(1280, 1000),
		chromedp.Click(chromedp.CSS(`form.save-version button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`main`)),
	)
	// The browser lands on the compare with the plan.
	want := fmt.Sprintf("/compare/%d/", ts.plan.ID)
	check := chromedp.Poll[bool](fmt.Sprintf(`location.pathname.startsWith(%q) && document.readyState === "complete"`, want))
	for {
		if _, err := chromedp.Run(ctx, check); err == nil {
			break
		} else if ctx.Err() != nil {
			t.Fatalf("the save never reached the compare: %v", err)
		}
	}
	if n := ts.versionCount(t); n != before+1 {
		t.Fatalf("%d versions after the save, want %d", n, before+1)
	}
	if body := text(t, ctx, `main`); !strings.Contains(body, "Ukrainian counter-draft") {
		t.Fatalf("the compare does not name the new version: %.300s", body)
	}
	screenshot(t, ctx, dir, "upload-compare-as-ua")
}
