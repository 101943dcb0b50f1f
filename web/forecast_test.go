package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"parley"
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

// A forecast shown to a reader is computed only from what that reader may
// see. Changing nothing but Ukraine's confidential data (the reservation
// values it keeps to itself, and its positions' notes) leaves the
// forecasts of every other reader (Russia's delegate, the mediator, an
// observer, the owner), on the forecasts API and on the positions page,
// byte for byte the same; Ukraine's own forecasts, bounded by its own
// limits, follow the change.
func TestForecastsShowNoOtherPartysConfidentialData(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	api := "/api/v1/negotiations/" + itoa(ts.demo.ID) + "/forecasts"
	page := "/negotiations/" + itoa(ts.demo.ID) + "/positions"
	readers := map[string]string{}
	for _, name := range []string{"ua", "ru", "mediator", "observer", "owner"} {
		readers[name] = ts.login(t, name)
	}
	views := func() map[string]string {
		out := map[string]string{}
		for name, token := range readers {
			for _, path := range []string{api, page} {
				resp, body := ts.do(t, "GET", path, token, "")
				if resp.StatusCode != 200 {
					t.Fatalf("%s GET %s: %d %s", name, path, resp.StatusCode, body)
				}
				out[name+" "+path] = body
			}
		}
		return out
	}
	before := views()
	again := views()
	for k := range before {
		if again[k] != before[k] {
			t.Fatalf("%s differs between two reads with nothing changed", k)
		}
	}
	if !strings.Contains(before["ru "+page], "Forecast (") || !strings.Contains(before["ru "+api], `"options"`) {
		t.Fatalf("Russia sees no forecast to compare:\n%s", before["ru "+api])
	}

	// Ukraine's own limits bound its view, option chances too: on the
	// security guarantee it accepts options 3 and 4 only.
	var uaView []struct {
		Issue   string
		Options []struct{ Probability float64 }
	}
	must(t, json.Unmarshal([]byte(before["ua "+api]), &uaView))
	for _, f := range uaView {
		if strings.HasPrefix(f.Issue, "Strength of the security guarantee") {
			if len(f.Options) != 5 || f.Options[0].Probability+f.Options[1].Probability+f.Options[2].Probability != 0 || f.Options[4].Probability == 0 {
				t.Errorf("Ukraine's chances on the security guarantee: %+v, want options 3 and 4 only", f.Options)
			}
		}
	}

	positions, err := ts.store.ListPositions(ctx, parley.PositionFilter{NegotiationID: ts.demo.ID, PartyID: ts.parties["UA"].ID})
	must(t, err)
	changed := 0
	for _, p := range positions {
		if p.Reservation == nil || p.ReservationVisibility != parley.VisibilityParty {
			continue
		}
		ts.mirrorReservation(t, p, " (Ukraine's own note)")
		changed++
	}
	if changed == 0 {
		t.Fatal("Ukraine keeps no reservation value to itself")
	}
	after := views()
	for name := range readers {
		for _, path := range []string{api, page} {
			k := name + " " + path
			if name == "ua" {
				continue
			}
			if after[k] != before[k] {
				t.Errorf("%s's view of %s changed with Ukraine's confidential data:\nbefore %s\nafter  %s", name, path, before[k], after[k])
			}
		}
	}
	if after["ua "+api] == before["ua "+api] {
		t.Error("Ukraine's forecasts do not follow its own limits: the test would not see a leak")
	}
}
