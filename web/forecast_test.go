package web_test

import (
	"strings"
	"testing"
)

// On an ordinal issue the forecasts API names the forecast option and
// gives each option's probability; a numeric issue gets none.
func TestForecastsNameTheOption(t *testing.T) {
	ts := MustServe(t)
	ua := ts.login(t, "ua")
	var got []struct {
		Issue   string
		Label   string
		Options []struct {
			Option      string
			Probability float64
		}
	}
	ts.getJSON(t, "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/forecasts", ua, &got)
	named := 0
	for _, f := range got {
		if len(f.Options) == 0 {
			continue
		}
		named++
		sum, found := 0.0, false
		for _, o := range f.Options {
			sum += o.Probability
			found = found || o.Option == f.Label
		}
		if !found || sum < 0.999 || sum > 1.001 {
			t.Errorf("%s: label %q, options %+v", f.Issue, f.Label, f.Options)
		}
	}
	if named != 5 {
		t.Errorf("%d issues with options, want the demo's 5 ordinal ones", named)
	}
}

// The positions page names the model and, on an ordinal issue, the
// forecast option with its chance.
func TestPositionsPageForecastText(t *testing.T) {
	ts := MustServe(t)
	ua := ts.login(t, "ua")
	resp, body := ts.do(t, "GET", "/negotiations/"+itoa(ts.demo.ID)+"/positions", ua, "")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !strings.Contains(body, "Forecast (weighted Nash bargaining solution)") || !strings.Contains(body, "% likely)") {
		t.Errorf("the page does not name the model or an option's chance:\n%.2000s", body)
	}
}
