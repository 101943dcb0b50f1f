package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"text/tabwriter"

	"parley"
	"parley/export"
	"parley/forecast"
)

// forecastJSON is one issue of "parley forecast --format json".
type forecastJSON struct {
	ID          string             `json:"id"`
	Name        string             `json:"name,omitempty"`
	Predictions map[string]float64 `json:"predictions"`   // every model's forecast
	Model       string             `json:"model"`         // the model behind the interval (--model)
	Default     string             `json:"default_model"` // the model behind "parley"
	Method      string             `json:"interval_method"`
	Median      float64            `json:"median"`   // the model's point, or the median of the Monte Carlo runs
	Interval    [2]float64         `json:"interval"` // 80%: conformal, or the 10th and 90th percentiles of the runs
	Bounded     *bool              `json:"bounded,omitempty"`
	// Option is, on an ordinal issue, the forecast option (the median of
	// the probabilities), and Probabilities each option's probability.
	Option        string              `json:"option,omitempty"`
	Probabilities []optionProbability `json:"probabilities,omitempty"`
	Outcome       *float64            `json:"outcome,omitempty"`
}

// optionProbability is one option of an ordinal issue with its probability.
type optionProbability struct {
	Option      string  `json:"option"`
	Probability float64 `json:"probability"`
}

// options names the forecast option of an ordinal issue and gives each
// option's probability, from the conformal scores around the point; with
// veto ranges (--bound), the chance of an option some veto player refuses
// goes to the nearest option they all accept.
func options(is *parley.Issue, fi forecast.Issue, point float64, veto []forecast.Range) (string, []optionProbability) {
	if is.Scale != parley.ScaleOrdinal || len(is.Options) == 0 {
		return "", nil
	}
	p := forecast.DefaultConformal.Probabilities(fi, point, len(is.Options))
	if veto != nil {
		p, _ = forecast.BoundProbabilities(p, veto)
	}
	out := make([]optionProbability, len(p))
	for k, x := range p {
		out[k] = optionProbability{is.Options[k], math.Round(x*1000) / 1000}
	}
	return is.Options[forecast.MedianOption(p)], out
}

func runForecast(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "forecast", "FILE [--model M] [--interval conformal|montecarlo] [--eval] [--runs N] [--format text|json|svg]\n       parley forecast --negotiation NAME|ID [--bound [--as USERNAME | --reveal]] [--model M] [--interval conformal|montecarlo] [--runs N] [--format text|json|svg]\n\nFILE is a DEU table (tab-separated p<actor>/s<actor> columns, capability weights on line 2),\na KTAB spatial-model CSV, or a CSV with the columns issue,actor,position,salience,capability[,outcome].\nModels: "+strings.Join(forecast.ModelNames, ", ")+" (parley: the default model, now "+forecast.DefaultModelName+", the\n"+forecast.DefaultModelNote+", chosen by cross-validation on the DEU development data; docs/forecast.md).")
	format := formatFlag(fs, "text", "json", "svg")
	model := fs.String("model", "parley", "the model the 80% interval is drawn around: "+strings.Join(forecast.ModelNames, "|"))
	interval := fs.String("interval", "conformal", "conformal: from the default model's errors on proposals it never saw (calibrated for it); montecarlo: the model's runs over perturbed inputs on the issue's scale")
	eval := fs.Bool("eval", false, "score every model on the issues with known outcomes (mean absolute error, grouped cross-validated error, interval coverage and width)")
	runs := fs.Int("runs", 1000, "Monte Carlo runs per issue for --interval montecarlo")
	negotiation := fs.String("negotiation", "", "forecast the stored issues of this negotiation (a title or an id) instead of a FILE")
	bound := fs.Bool("bound", false, "with --negotiation: keep each forecast (and an ordinal issue's option chances) to what every veto player accepts, by the limits (reservation values) the reader may see: as an owner, the published ones; with --as, those that member may see; with --reveal, every party's. An owner's tool: the command line reads the database directly")
	as := fs.String("as", "", "with --bound: bound by the limits this member may see, as the web app does for them (its own party's, those shared with it, the published ones)")
	reveal := fs.Bool("reveal", false, "with --bound: bound by every party's limits, confidential ones too, which then show in the output (for the negotiation's owners only)")
	db := dbFlag(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json", "svg"); err != nil {
		return err
	}
	if forecast.Models[*model] == nil {
		return usageErrorf("forecast: --model %q: want %s", *model, strings.Join(forecast.ModelNames, ", "))
	}
	if *interval != "conformal" && *interval != "montecarlo" {
		return usageErrorf("forecast: --interval %q: want conformal or montecarlo", *interval)
	}
	if *runs < 10 || *runs > 1_000_000 {
		return usageErrorf("forecast: --runs %d: want 10 to 1,000,000", *runs)
	}
	if *reveal && !*bound {
		return usageErrorf("forecast: --reveal goes with --bound")
	}
	if *as != "" && !*bound {
		return usageErrorf("forecast: --as goes with --bound")
	}
	if *as != "" && *reveal {
		return usageErrorf("forecast: --as bounds by what one member may see, --reveal by every limit: give one")
	}
	if *negotiation != "" {
		if len(rest) != 0 {
			return usageErrorf("forecast: give a FILE or --negotiation, not both")
		}
		if *eval {
			return usageErrorf("forecast: --eval needs a FILE with outcomes")
		}
		return forecastStored(ctx, e, *db, *negotiation, *format, *model, *interval, *runs, *bound, *reveal, *as)
	}
	if *bound {
		return usageErrorf("forecast: --bound works on stored positions (--negotiation)")
	}
	if len(rest) != 1 {
		return usageErrorf("forecast: want one FILE, or --negotiation NAME")
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return parley.Errorf(parley.EINVALID, "cannot read %s: %v", rest[0], unwrapPathError(err))
	}
	defer f.Close()
	issues, _, err := forecast.Read(f)
	if err != nil {
		return parley.Errorf(parley.EINVALID, "%s: %v", rest[0], err)
	}
	if *eval {
		return forecastEval(e, issues, *format, *model, *interval, *runs)
	}
	if *format == "svg" {
		var items []export.ForecastItem
		for _, is := range issues {
			items = append(items, forecastItem(&parley.Issue{Name: is.ID, Scale: parley.ScaleNumeric, Min: 0, Max: 100}, is, forecast.Percent, *model, *interval, *runs, nil))
		}
		return export.WriteForecastSVG(e.stdout, items)
	}
	out := make([]forecastJSON, 0, len(issues))
	bar := newProgress(e.stderr, "forecast", len(issues), *interval == "montecarlo" && len(issues)*(*runs) >= 100_000)
	defer bar.done()
	for k, is := range issues {
		bar.step(k)
		ij := predict(is, forecast.Percent, *model, *interval, *runs, nil)
		ij.Outcome = is.Outcome
		out = append(out, ij)
	}
	bar.done()
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"issues": out})
	}
	return forecastTable(e, out, *model, *interval, true)
}

// predict runs every model on the issue and draws the chosen model's
// interval, bounded by the veto ranges when there are any.
func predict(is forecast.Issue, sc forecast.Scale, model, interval string, runs int, veto []forecast.Range) forecastJSON {
	ij := forecastJSON{ID: is.ID, Predictions: map[string]float64{}, Model: model, Default: forecast.DefaultModelName, Method: interval}
	for _, name := range forecast.ModelNames {
		ij.Predictions[name] = forecast.Models[name](is)
	}
	mc := intervalOf(is, sc, model, interval, runs)
	if veto != nil {
		var ok bool
		mc, ok = forecast.BoundForecast(mc, veto)
		ij.Bounded = &ok
		if ok {
			for name, x := range ij.Predictions {
				ij.Predictions[name], _ = forecast.Bound(x, veto)
			}
		}
	}
	ij.Median, ij.Interval = mc.Median, [2]float64{mc.Low, mc.High}
	return ij
}

// intervalOf is the model's forecast with its 80% interval: conformal
// (calibrated for the default model, drawn around the chosen model's
// point) or from Monte Carlo runs on the issue's scale.
func intervalOf(is forecast.Issue, sc forecast.Scale, model, interval string, runs int) forecast.Forecast {
	if interval == "montecarlo" {
		return forecast.Simulate(forecast.Models[model], is, sc, forecast.DefaultUncertainty, runs)
	}
	p := forecast.Models[model](is)
	lo, hi := forecast.DefaultConformal.Interval(is, p)
	return forecast.Forecast{Point: p, Median: p, Low: lo, High: hi}
}

func forecastTable(e *env, out []forecastJSON, model, interval string, outcomes bool) error {
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprint(tw, "issue")
	for _, name := range forecast.ModelNames {
		if name == "parley" {
			name = "parley (" + forecast.DefaultModelName + ")"
		}
		fmt.Fprintf(tw, "\t%s", name)
	}
	fmt.Fprintf(tw, "\t80%% interval (%s, %s)", model, interval)
	if outcomes {
		fmt.Fprint(tw, "\toutcome")
	}
	fmt.Fprintln(tw)
	for _, ij := range out {
		name := ij.ID
		if ij.Name != "" {
			name = ij.Name
		}
		fmt.Fprint(tw, name)
		for _, m := range forecast.ModelNames {
			fmt.Fprintf(tw, "\t%.6g", round1(ij.Predictions[m]))
		}
		fmt.Fprintf(tw, "\t%.6g-%.6g", round1(ij.Interval[0]), round1(ij.Interval[1]))
		if ij.Bounded != nil && !*ij.Bounded {
			fmt.Fprint(tw, " (the veto players' ranges do not overlap)")
		}
		if outcomes {
			if ij.Outcome != nil {
				fmt.Fprintf(tw, "\t%.6g", *ij.Outcome)
			} else {
				fmt.Fprint(tw, "\t·")
			}
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, ij := range out {
		if ij.Option == "" {
			continue
		}
		var each []string
		for _, op := range ij.Probabilities {
			each = append(each, fmt.Sprintf("%s %.0f%%", op.Option, 100*op.Probability))
		}
		if _, err := fmt.Fprintf(e.stdout, "%s: forecast %q (%s)\n", ij.Name, ij.Option, strings.Join(each, ", ")); err != nil {
			return err
		}
	}
	return nil
}

func round1(x float64) float64 {
	if x >= 1000 || x <= -1000 {
		return float64(int64(x + 0.5))
	}
	return float64(int64(x*10+0.5*sign(x))) / 10
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// forecastEval scores every model on the issues with known outcomes, and
// the chosen interval's coverage and mean width. A progress bar shows on a
// terminal while it runs.
func forecastEval(e *env, issues []forecast.Issue, format, model, interval string, runs int) error {
	type score struct {
		Model  string  `json:"model"`
		MAE    float64 `json:"mae"`
		Issues int     `json:"issues"`
	}
	var known []forecast.Issue
	for _, is := range issues {
		if is.Outcome != nil {
			known = append(known, is)
		}
	}
	// Every model's error, and the interval's coverage, in one pass over
	// the issues so that the bar shows the whole run.
	sum := map[string]float64{}
	in, width := 0, 0.0
	bar := newProgress(e.stderr, "eval", len(known), true)
	defer bar.done()
	for k, is := range known {
		bar.step(k)
		for _, name := range forecast.ModelNames {
			sum[name] += math.Abs(forecast.Models[name](is) - *is.Outcome)
		}
		f := intervalOf(is, forecast.Percent, model, interval, runs)
		if *is.Outcome >= f.Low-1e-9 && *is.Outcome <= f.High+1e-9 {
			in++
		}
		width += f.High - f.Low
	}
	bar.done()
	n := max(1, len(known))
	var scores []score
	for _, name := range forecast.ModelNames {
		scores = append(scores, score{name, sum[name] / float64(n), len(known)})
	}
	coverage, meanWidth := float64(in)/float64(n), width/float64(n)
	if format == "json" {
		return writeJSON(e.stdout, map[string]any{"models": scores, "default_model": forecast.DefaultModelName,
			"interval_model": model, "interval_method": interval, "interval_coverage": coverage, "interval_width": meanWidth})
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "model\tmean absolute error\tissues")
	for _, s := range scores {
		name := s.Model
		if name == "parley" {
			name = "parley (" + forecast.DefaultModelName + ")"
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%d\n", name, s.MAE, s.Issues)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	how := interval
	if interval == "montecarlo" {
		how = fmt.Sprintf("montecarlo, %d runs", runs)
	}
	_, err := fmt.Fprintf(e.stdout, "the 80%% interval (%s, %s) holds %.1f%% of the outcomes; mean width %.1f\n", model, how, 100*coverage, meanWidth)
	return err
}

// forecastStored forecasts every issue of a stored negotiation from the
// parties' newest positions. Bound, it keeps each forecast to what the veto
// players accept: by the limits the reader may see (an owner: the
// published ones; as names another member), or with reveal by all of
// them. A bounded forecast shows the limits that bind it (an interval from
// one party's limit to another's), so confidential ones count only when
// the owner asks for them, with a warning.
func forecastStored(ctx context.Context, e *env, db, title, format, model, interval string, runs int, bound, reveal bool, as string) error {
	store, err := openStore(ctx, e, db)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := findNegotiation(ctx, store, title)
	if err != nil {
		return err
	}
	issues, err := store.ListIssues(ctx, n.ID)
	if err != nil {
		return err
	}
	positions, err := store.ListPositions(ctx, parley.PositionFilter{NegotiationID: n.ID})
	if err != nil {
		return err
	}
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		return err
	}
	code := map[int64]string{}
	for _, p := range parties {
		code[p.ID] = p.Code
	}
	reader, err := readerAs(ctx, store, n, as)
	if err != nil {
		return err
	}
	known := func(p *parley.Position) bool { return reveal || parley.ReservationVisible(reader, p) }
	var out []forecastJSON
	var items []export.ForecastItem
	withheld := 0
	for _, is := range issues {
		fi, sc := forecast.FromPositions(is, positions, func(id int64) string { return code[id] })
		if len(fi.Actors) == 0 {
			continue
		}
		var veto []forecast.Range
		if bound {
			veto = forecast.VetoRanges(is, positions, known)
			all := forecast.VetoRanges(is, positions, func(*parley.Position) bool { return true })
			withheld += len(all) - len(veto)
		}
		if format == "svg" {
			items = append(items, forecastItem(is, fi, sc, model, interval, runs, veto))
			continue
		}
		ij := predict(fi, sc, model, interval, runs, veto)
		ij.Name = is.Name
		var limits []forecast.Range
		if ij.Bounded != nil && *ij.Bounded {
			limits = veto
		}
		ij.Option, ij.Probabilities = options(is, fi, ij.Median, limits)
		out = append(out, ij)
	}
	switch {
	case bound && reveal:
		fmt.Fprintln(e.stderr, "warning: the veto players' confidential limits (reservation values) bound this forecast and can be read off it: keep it to the negotiation's owners")
	case withheld > 0:
		who := "an owner"
		if as != "" {
			who = as
		}
		fmt.Fprintf(e.stderr, "note: %d confidential limits of veto players that %s may not see were left out of --bound; an owner may add --reveal to bound by them (they then show in the output)\n", withheld, who)
	}
	switch format {
	case "svg":
		return export.WriteForecastSVG(e.stdout, items)
	case "json":
		return writeJSON(e.stdout, map[string]any{"issues": out})
	}
	return forecastTable(e, out, model, interval, false)
}

// forecastItem is one issue of the forecast picture: each actor's ideal
// point (never a reservation value), the forecast and its band.
func forecastItem(is *parley.Issue, fi forecast.Issue, sc forecast.Scale, model, interval string, runs int, veto []forecast.Range) export.ForecastItem {
	var marks []export.ScaleMark
	for _, a := range fi.Actors {
		marks = append(marks, export.ScaleMark{Party: a.Name, Ideal: a.Position})
	}
	f := intervalOf(fi, sc, model, interval, runs)
	if veto != nil {
		f, _ = forecast.BoundForecast(f, veto)
	}
	return export.ForecastItem{Issue: is, Marks: marks, Forecast: &f}
}
