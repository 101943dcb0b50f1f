package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A mediator opens the 28-point plan, sees point 6 suggested as security
// with the words that suggest it, corrects it to territory with the form
// under the point, and the topic view shows the point under territory as
// decided. Screenshots of the point and of the topic view.
func TestBrowserMediatorCorrectsATopic(t *testing.T) {
	ts := MustServe(t)
	ctx := browser(t)
	dir := shots(t)
	loginAs(t, ctx, ts.url, "mediator")
	point := `li[id="p-6"]`
	page := fmt.Sprintf("%s/versions/%d", ts.url, ts.plan.ID)
	do(t, ctx, chromedp.Navigate(page+"#p-6"), chromedp.WaitVisible(chromedp.CSS(point)))
	if chips := text(t, ctx, point+` .topics`); !strings.Contains(chips, "security") || !strings.Contains(chips, "“armed forces”") || !strings.Contains(chips, "suggested") {
		t.Fatalf("topics of point 6 = %q, want security suggested from “armed forces”", chips)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS(point+` details.topic-form summary`)),
		chromedp.WaitVisible(chromedp.CSS(point+` form.topics input[value=territory]`)),
		chromedp.Click(chromedp.CSS(point+` form.topics input[value=security]`)),
		chromedp.Click(chromedp.CSS(point+` form.topics input[value=territory]`)),
		chromedp.SendKeys(chromedp.CSS(point+` form.topics input[name=note]`), "the cap is about who holds the line"),
	)
	shotOf(t, ctx, dir, "version-topic-form-as-mediator", point)
	do(t, ctx, chromedp.Click(chromedp.CSS(point+` form.topics button[value=correct]`)))
	// The page comes back with the decision on the point. The poll is
	// asked again while the old page's context goes away.
	check := chromedp.Poll[bool](fmt.Sprintf(`(document.querySelector(%q)?.textContent || "").includes("decided (correct,")`, point+` .topics`))
	for {
		if _, err := chromedp.Run(ctx, check); err == nil {
			break
		} else if ctx.Err() != nil {
			t.Fatalf("the decision never showed: %v", err)
		}
	}
	if chips := text(t, ctx, point+` .topics`); !strings.Contains(chips, "territory") || strings.Contains(strings.SplitN(chips, "decided", 2)[0], "security") {
		t.Fatalf("topics of point 6 after the correction = %q, want territory only", chips)
	}
	shotOf(t, ctx, dir, "version-topic-decided-as-mediator", point)

	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/negotiations/%d/topics?topic=territory", ts.url, ts.demo.ID)), chromedp.WaitVisible(chromedp.CSS(`section.topic-version`)))
	var plan string
	sections, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("section.topic-version")).map(s => s.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sections {
		if strings.Contains(s, "28-point plan") {
			plan = s
		}
	}
	if !strings.Contains(plan, "600,000") || !strings.Contains(plan, "decided: territory") {
		t.Fatalf("the plan in the territory view = %q, want point 6 decided", plan)
	}
	if changes := text(t, ctx, `table.topic-changes`); !strings.Contains(changes, "+") {
		t.Errorf("no version added a topic: %q", changes)
	}
	screenshot(t, ctx, dir, "topics-territory-as-mediator")
}
