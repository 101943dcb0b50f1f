package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"parley/demo"
	"parley/sqlite"
)

// forecastRun runs "parley forecast", which needs no database.
func forecastRun(t *testing.T, args ...string) (string, string, int) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"forecast"}, args...), strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		stderr.WriteString("parley: " + message(err) + "\n")
	}
	return stdout.String(), stderr.String(), exitCode(err)
}

const deuSample = "isnr\tpa\tpb\tpc\tsa\tsb\tsc\trp\tout\n" +
	"\t2\t1\t1\t\t\t\t\t\n" +
	"i1\t0\t60\t100\t50\t100\t40\t0\t55\n" +
	"i2\t100\t0\t\t80\t20\t\t100\t\n"

func TestForecastDEU(t *testing.T) {
	file := writeFile(t, "sample.tsv", []byte(deuSample))
	var got struct {
		Issues []struct {
			ID          string
			Predictions map[string]float64
		}
	}
	out, errOut, code := forecastRun(t, file, "--format", "json")
	if code != 0 {
		t.Fatalf("forecast: exit %d: %s", code, errOut)
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Issues) != 2 || got.Issues[0].ID != "i1" || got.Issues[0].Predictions["median"] != 60 {
		t.Fatalf("forecast: %+v", got)
	}
	// i1: weights 2×50, 1×100, 1×40 -> (0 + 6000 + 4000) / 240
	if p := got.Issues[0].Predictions["compromise"]; p < 41.66 || p > 41.67 {
		t.Fatalf("compromise = %v", p)
	}
	out, _, _ = forecastRun(t, file, "--eval")
	if !strings.Contains(out, "compromise") || !strings.Contains(out, "13.33") {
		t.Fatalf("eval:\n%s", out)
	}
	bad := writeFile(t, "bad.tsv", []byte("no columns here\n"))
	if _, errOut, code := forecastRun(t, bad); code != 2 || !strings.Contains(errOut, "bad.tsv") {
		t.Fatalf("bad file: %d %s", code, errOut)
	}
}

func TestForecastStoredNegotiation(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	var got struct {
		Issues []struct {
			Name        string
			Predictions map[string]float64
			Interval    [2]float64
		}
	}
	c.jsonOf(&got, "forecast", "--negotiation", "Ending the war in Ukraine (2025)", "--runs", "200")
	if len(got.Issues) != 6 {
		t.Fatalf("%d issues, want the demo's 6", len(got.Issues))
	}
	army := got.Issues[0]
	if army.Predictions["compromise"] < 100000 || army.Predictions["compromise"] > 800000 || army.Interval[0] > army.Interval[1] {
		t.Fatalf("army cap forecast = %+v", army)
	}
	// Ordinal issues are forecast to a named option with each option's
	// probability.
	var ordinal struct {
		Issues []struct {
			Name          string
			Option        string
			Probabilities []struct {
				Option      string
				Probability float64
			}
		}
	}
	c.jsonOf(&ordinal, "forecast", "--negotiation", "Ending the war in Ukraine (2025)")
	named := 0
	for _, is := range ordinal.Issues {
		if is.Option == "" {
			continue
		}
		named++
		sum, found := 0.0, false
		for _, op := range is.Probabilities {
			sum += op.Probability
			found = found || op.Option == is.Option
		}
		if !found || sum < 0.99 || sum > 1.01 {
			t.Errorf("%s: option %q, probabilities %+v", is.Name, is.Option, is.Probabilities)
		}
	}
	if named != 5 {
		t.Errorf("%d issues forecast to an option, want the demo's 5 ordinal ones", named)
	}
	if text := c.ok("forecast", "--negotiation", "1"); !strings.Contains(text, `Long-range weapons in Ukraine: forecast "`) {
		t.Errorf("the table does not name the forecast option:\n%s", text)
	}
	// By id as well as by title: the same issues.
	var byID struct{ Issues []struct{ Name string } }
	c.jsonOf(&byID, "forecast", "--negotiation", "1")
	if len(byID.Issues) != len(got.Issues) || byID.Issues[0].Name != army.Name {
		t.Fatalf("--negotiation 1: %+v", byID)
	}
	svg := c.ok("forecast", "--negotiation", "Ending the war in Ukraine (2025)", "--runs", "100", "--format", "svg")
	if !strings.HasPrefix(svg, "<svg") || strings.Count(svg, "<circle") != 25 || !strings.Contains(svg, "forecast:") || !strings.Contains(svg, "80% interval</text>") {
		t.Fatalf("svg:\n%.600s", svg)
	}
	if _, errOut, code := c.run("forecast", "x.tsv", "--negotiation", "Anything"); code != 2 || !strings.Contains(errOut, "not both") {
		t.Fatalf("file and negotiation: %d %s", code, errOut)
	}
}

// Every model's forecast is in the JSON under its name, and the interval
// comes from the chosen model.
func TestForecastModels(t *testing.T) {
	file := writeFile(t, "sample.tsv", []byte(deuSample))
	var got struct {
		Issues []struct {
			ID          string
			Predictions map[string]float64
			Model       string
			Interval    [2]float64
		}
	}
	out, errOut, code := forecastRun(t, file, "--format", "json", "--runs", "100")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"parley", "compromise", "median", "eum"} {
		if _, ok := got.Issues[0].Predictions[key]; !ok {
			t.Errorf("predictions lack %q: %v", key, got.Issues[0].Predictions)
		}
	}
	if got.Issues[0].Model != "parley" {
		t.Errorf("interval model = %q, want parley by default", got.Issues[0].Model)
	}
	// The output names the model behind "parley", and the conformal
	// interval stays within the actors' range (i1: 0 to 100).
	var named struct {
		Issues []struct {
			Default  string `json:"default_model"`
			Method   string `json:"interval_method"`
			Interval [2]float64
			P        map[string]float64 `json:"predictions"`
		}
	}
	if err := json.Unmarshal([]byte(out), &named); err != nil {
		t.Fatal(err)
	}
	if is := named.Issues[0]; is.Default != "nash" || is.Method != "conformal" || is.Interval[0] < 0 || is.Interval[1] > 100 ||
		is.P["parley"] != is.P["nash"] || is.Interval[0] > is.P["parley"] || is.Interval[1] < is.P["parley"] {
		t.Errorf("default model and interval: %+v", is)
	}
	out, _, code = forecastRun(t, file, "--format", "json", "--runs", "100", "--model", "eum")
	if code != 0 || !strings.Contains(out, `"model": "eum"`) {
		t.Errorf("--model eum: exit %d\n%s", code, out)
	}
	if _, errOut, code := forecastRun(t, file, "--model", "oracle"); code != 2 || !strings.Contains(errOut, "oracle") {
		t.Errorf("unknown model: exit %d: %s", code, errOut)
	}
	out, _, _ = forecastRun(t, file, "--eval")
	if !strings.Contains(out, "parley (nash)") || !strings.Contains(out, "eum") || !strings.Contains(out, "(parley, conformal)") || !strings.Contains(out, "mean width") {
		t.Errorf("eval:\n%s", out)
	}
	out, _, _ = forecastRun(t, file, "--eval", "--interval", "montecarlo", "--runs", "100")
	if !strings.Contains(out, "(parley, montecarlo, 100 runs)") {
		t.Errorf("eval --interval montecarlo:\n%s", out)
	}
	if _, errOut, code := forecastRun(t, file, "--interval", "bootstrap"); code != 2 || !strings.Contains(errOut, "bootstrap") {
		t.Errorf("unknown interval: exit %d: %s", code, errOut)
	}
}

// --bound --reveal keeps each forecast between the veto players' ideal
// points and reservation values, confidential ones included.
func TestForecastBound(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	var got struct {
		Issues []struct {
			Name        string
			Predictions map[string]float64
			Interval    [2]float64
			Bounded     *bool
		}
	}
	c.jsonOf(&got, "forecast", "--negotiation", "Ending the war in Ukraine (2025)", "--runs", "100", "--bound", "--reveal")
	seen := 0
	for _, is := range got.Issues {
		if is.Bounded == nil {
			t.Errorf("%s: no bounded verdict", is.Name)
			continue
		}
		seen++
		if *is.Bounded && (is.Interval[0] > is.Predictions["parley"] || is.Predictions["parley"] > is.Interval[1]) {
			t.Errorf("%s: bounded forecast %v outside its interval %v", is.Name, is.Predictions["parley"], is.Interval)
		}
	}
	if seen != len(got.Issues) || seen == 0 {
		t.Fatalf("%d of %d issues have a verdict", seen, len(got.Issues))
	}
	if _, errOut, code := forecastRun(t, writeFile(t, "s.tsv", []byte(deuSample)), "--bound"); code != 2 || !strings.Contains(errOut, "--negotiation") {
		t.Errorf("--bound on a file: exit %d: %s", code, errOut)
	}
}

// --bound without --reveal shows nothing that depends on a confidential
// limit: moving every confidential reservation value leaves its output,
// text, JSON and SVG, byte for byte the same. Published limits still bound
// it. With --reveal the limits bound it and a warning says so.
func TestForecastBoundHidesConfidentialLimits(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	exec := func(query string) {
		t.Helper()
		if _, err := store.SQL().ExecContext(ctx, query); err != nil {
			t.Fatal(err)
		}
	}
	// Russia publishes its limit on the army cap; the others keep theirs.
	exec(`UPDATE positions SET reservation_visibility = 'published' WHERE party_id = (SELECT id FROM parties WHERE code = 'RU')
		AND issue_id = (SELECT id FROM issues WHERE name LIKE 'Ceiling%')`)
	args := []string{"forecast", "--negotiation", demo.Title(), "--runs", "100", "--bound"}
	outputs := func(extra ...string) map[string]string {
		out := map[string]string{}
		for _, format := range []string{"text", "json", "svg"} {
			stdout, stderr, code := c.run(append(append(args, "--format", format), extra...)...)
			if code != 0 {
				t.Fatalf("forecast --bound %v --format %s: exit %d\n%s", extra, format, code, stderr)
			}
			out[format], out[format+" stderr"] = stdout, stderr
		}
		return out
	}
	before, revealed := outputs(), outputs("--reveal")
	exec(`UPDATE positions SET reservation = (reservation + ideal) / 2 WHERE reservation IS NOT NULL AND reservation_visibility != 'published'`)
	after, revealedAfter := outputs(), outputs("--reveal")
	for _, format := range []string{"text", "json", "svg"} {
		if before[format] != after[format] {
			t.Errorf("--bound --format %s changes when only confidential limits move: it shows them\nbefore:\n%s\nafter:\n%s", format, before[format], after[format])
		}
		if strings.Contains(before[format+" stderr"], "warning") || !strings.Contains(before[format+" stderr"], "--reveal") {
			t.Errorf("--bound --format %s: stderr %q, want a note that confidential limits were left out (--reveal)", format, before[format+" stderr"])
		}
		if !strings.Contains(revealed[format+" stderr"], "warning") || !strings.Contains(revealed[format+" stderr"], "confidential") {
			t.Errorf("--bound --reveal --format %s: stderr %q, want a warning that confidential limits show", format, revealed[format+" stderr"])
		}
	}
	if revealed["text"] == revealedAfter["text"] {
		t.Errorf("--bound --reveal does not follow the confidential limits:\n%s", revealed["text"])
	}
	// The published limit bounds the army cap without --reveal: Russia
	// accepts no more than 650,000.
	var got struct {
		Issues []struct {
			Name     string
			Interval [2]float64
		}
	}
	if err := json.Unmarshal([]byte(before["json"]), &got); err != nil {
		t.Fatal(err)
	}
	for _, is := range got.Issues {
		if strings.HasPrefix(is.Name, "Ceiling") && is.Interval[1] > 650000 {
			t.Errorf("army cap interval %v: Russia's published limit of 650,000 does not bound it", is.Interval)
		}
	}
	if _, errOut, code := c.run("forecast", "--negotiation", demo.Title(), "--reveal"); code != 2 || !strings.Contains(errOut, "--bound") {
		t.Errorf("--reveal without --bound: exit %d: %s", code, errOut)
	}
}

// --bound --as bounds by the limits that member may see, as the web app
// does for it: a delegate of Ukraine, its own party's confidential limits
// and the published ones, never Russia's. Option chances follow the bound:
// on the security guarantee Ukraine accepts options 3 and 4 only, so the
// chances of options 0 to 2 move to option 3; with every limit (--reveal:
// the United States 3-4, Russia 1-3, Ukraine 3-4) only option 3 is left.
func TestForecastBoundAs(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	if _, _, code := c.runWithStdin("tundra kettle orbit\n", "user", "add", "kyiv"); code != 0 {
		t.Fatal("user add")
	}
	args := []string{"forecast", "--negotiation", demo.Title(), "--bound", "--format", "json"}
	if _, errOut, code := c.run(append(args, "--as", "kyiv")...); code == 0 || !strings.Contains(errOut, "not a member") {
		t.Errorf("--as a non-member: exit %d: %s", code, errOut)
	}
	c.ok("user", "grant", "kyiv", "--negotiation", demo.Title(), "--role", "delegate", "--party", "UA")
	type issue struct {
		Name          string
		Bounded       *bool
		Option        string
		Probabilities []struct {
			Option      string
			Probability float64
		}
	}
	guarantee := func(out string) issue {
		t.Helper()
		var got struct{ Issues []issue }
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		for _, is := range got.Issues {
			if strings.HasPrefix(is.Name, "Strength of the security guarantee") {
				return is
			}
		}
		t.Fatalf("no security guarantee in %s", out)
		return issue{}
	}
	asUA := c.ok(append(args, "--as", "kyiv")...)
	g := guarantee(asUA)
	if g.Bounded == nil || !*g.Bounded || len(g.Probabilities) != 5 {
		t.Fatalf("as Ukraine: %+v", g)
	}
	sum := 0.0
	for k, p := range g.Probabilities {
		sum += p.Probability
		if k < 3 && p.Probability != 0 {
			t.Errorf("as Ukraine: option %d (%s) has chance %v outside Ukraine's limits 3-4", k, p.Option, p.Probability)
		}
	}
	if math.Abs(sum-1) > 0.01 || g.Probabilities[4].Probability == 0 {
		t.Errorf("as Ukraine: chances %+v, want them to sum to 1 with some on option 4", g.Probabilities)
	}
	all := guarantee(c.ok(append(args, "--reveal")...))
	if all.Probabilities[3].Probability != 1 || all.Option != all.Probabilities[3].Option {
		t.Errorf("every limit: %+v, want option 3 for certain", all)
	}

	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	move := func(party string) {
		t.Helper()
		if _, err := store.SQL().ExecContext(ctx, `UPDATE positions SET reservation = ideal
			WHERE reservation IS NOT NULL AND reservation_visibility != 'published' AND party_id = (SELECT id FROM parties WHERE code = ?)`, party); err != nil {
			t.Fatal(err)
		}
	}
	move("RU")
	if again := c.ok(append(args, "--as", "kyiv")...); again != asUA {
		t.Errorf("as Ukraine, the forecast moves with Russia's confidential limits:\nbefore %s\nafter  %s", asUA, again)
	}
	move("UA")
	if again := c.ok(append(args, "--as", "kyiv")...); again == asUA {
		t.Error("as Ukraine, the forecast does not follow Ukraine's own limits")
	}
	for _, bad := range [][]string{{"--as", "kyiv"}, {"--bound", "--as", "kyiv", "--reveal"}} {
		if _, errOut, code := c.run(append([]string{"forecast", "--negotiation", demo.Title()}, bad...)...); code != 2 || !strings.Contains(errOut, "--") {
			t.Errorf("forecast %v: exit %d: %s", bad, code, errOut)
		}
	}
}
