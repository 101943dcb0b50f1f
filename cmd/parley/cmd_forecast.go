package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"parley"
	"parley/export"
	"parley/forecast"
)

func runForecast(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "forecast", "FILE [--eval] [--runs N] [--format text|json|svg]\n\nFILE is a DEU table (tab-separated p<actor>/s<actor> columns, capability weights on line 2),\na KTAB spatial-model CSV, or a CSV with the columns issue,actor,position,salience,capability[,outcome].")
	format := formatFlag(fs, "text", "json", "svg")
	eval := fs.Bool("eval", false, "score every model on the issues with known outcomes (mean absolute error, interval coverage)")
	runs := fs.Int("runs", 1000, "Monte Carlo runs per issue for the 80% interval")
	negotiation := fs.String("negotiation", "", "forecast the stored issues of this negotiation instead of a FILE")
	db := dbFlag(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json", "svg"); err != nil {
		return err
	}
	if *runs < 10 || *runs > 1_000_000 {
		return usageErrorf("forecast: --runs %d: want 10 to 1,000,000", *runs)
	}
	if *negotiation != "" {
		if len(rest) != 0 {
			return usageErrorf("forecast: give a FILE or --negotiation, not both")
		}
		return forecastStored(ctx, e, *db, *negotiation, *format, *runs)
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
	if *format == "svg" && !*eval {
		var items []export.ForecastItem
		for _, is := range issues {
			items = append(items, forecastItem(&parley.Issue{Name: is.ID, Scale: parley.ScaleNumeric, Min: 0, Max: 100}, is, forecast.Percent, *runs))
		}
		return export.WriteForecastSVG(e.stdout, items)
	}
	if *eval {
		type score struct {
			Model  string  `json:"model"`
			MAE    float64 `json:"mae"`
			Issues int     `json:"issues"`
		}
		var scores []score
		for _, name := range forecast.ModelNames {
			mae, n := forecast.MeanAbsoluteError(forecast.Models[name], issues)
			scores = append(scores, score{name, mae, n})
		}
		coverage, _ := forecast.IntervalCoverage(forecast.Compromise, issues, forecast.Percent, forecast.DefaultUncertainty, *runs)
		if *format == "json" {
			return writeJSON(e.stdout, map[string]any{"models": scores, "interval_coverage": coverage})
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "model\tmean absolute error\tissues")
		for _, s := range scores {
			fmt.Fprintf(tw, "%s\t%.2f\t%d\n", s.Model, s.MAE, s.Issues)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.stdout, "the 80%% interval (compromise, %d runs) holds %.1f%% of the outcomes\n", *runs, 100*coverage)
		return err
	}
	type issueJSON struct {
		ID          string             `json:"id"`
		Predictions map[string]float64 `json:"predictions"`
		Median      float64            `json:"median"`   // of the Monte Carlo runs of the compromise model
		Interval    [2]float64         `json:"interval"` // 80%: the 10th and 90th percentiles of the runs
		Outcome     *float64           `json:"outcome,omitempty"`
	}
	out := make([]issueJSON, 0, len(issues))
	bar := newProgress(e.stderr, "forecast", len(issues), len(issues)*(*runs) >= 100_000)
	defer bar.done()
	for k, is := range issues {
		bar.step(k)
		ij := issueJSON{ID: is.ID, Predictions: map[string]float64{}, Outcome: is.Outcome}
		for _, name := range forecast.ModelNames {
			ij.Predictions[name] = forecast.Models[name](is)
		}
		mc := forecast.Simulate(forecast.Compromise, is, forecast.Percent, forecast.DefaultUncertainty, *runs)
		ij.Median, ij.Interval = mc.Median, [2]float64{mc.Low, mc.High}
		out = append(out, ij)
	}
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"issues": out})
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "issue\tcompromise\t80% interval\tweighted median\toutcome")
	for _, ij := range out {
		outcome := "·"
		if ij.Outcome != nil {
			outcome = fmt.Sprintf("%.0f", *ij.Outcome)
		}
		fmt.Fprintf(tw, "%s\t%.1f\t%.0f-%.0f\t%.1f\t%s\n", ij.ID, ij.Predictions["compromise"], ij.Interval[0], ij.Interval[1], ij.Predictions["median"], outcome)
	}
	return tw.Flush()
}

// forecastStored forecasts every issue of a stored negotiation from the
// parties' newest positions.
func forecastStored(ctx context.Context, e *env, db, title, format string, runs int) error {
	store, err := openStore(ctx, e, db)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := store.FindNegotiationByTitle(ctx, title)
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
	type issueJSON struct {
		ID          string             `json:"id"`
		Name        string             `json:"name"`
		Predictions map[string]float64 `json:"predictions"`
		Median      float64            `json:"median"`
		Interval    [2]float64         `json:"interval"`
	}
	var out []issueJSON
	for _, is := range issues {
		fi, sc := forecast.FromPositions(is, positions, func(id int64) string { return code[id] })
		if len(fi.Actors) == 0 {
			continue
		}
		ij := issueJSON{ID: fi.ID, Name: is.Name, Predictions: map[string]float64{}}
		for _, name := range forecast.ModelNames {
			ij.Predictions[name] = forecast.Models[name](fi)
		}
		mc := forecast.Simulate(forecast.Compromise, fi, sc, forecast.DefaultUncertainty, runs)
		ij.Median, ij.Interval = mc.Median, [2]float64{mc.Low, mc.High}
		out = append(out, ij)
	}
	if format == "json" {
		return writeJSON(e.stdout, map[string]any{"issues": out})
	}
	if format == "svg" {
		var items []export.ForecastItem
		for _, is := range issues {
			fi, sc := forecast.FromPositions(is, positions, func(id int64) string { return code[id] })
			if len(fi.Actors) > 0 {
				items = append(items, forecastItem(is, fi, sc, runs))
			}
		}
		return export.WriteForecastSVG(e.stdout, items)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "issue\tcompromise\t80% interval\tweighted median")
	for _, ij := range out {
		fmt.Fprintf(tw, "%s\t%.6g\t%.6g-%.6g\t%.6g\n", ij.Name, ij.Predictions["compromise"], ij.Interval[0], ij.Interval[1], ij.Predictions["median"])
	}
	return tw.Flush()
}

// forecastItem is one issue of the forecast picture: each actor's ideal
// point (never a reservation value), the forecast and its band.
func forecastItem(is *parley.Issue, fi forecast.Issue, sc forecast.Scale, runs int) export.ForecastItem {
	var marks []export.ScaleMark
	for _, a := range fi.Actors {
		marks = append(marks, export.ScaleMark{Party: a.Name, Ideal: a.Position})
	}
	f := forecast.Simulate(forecast.Compromise, fi, sc, forecast.DefaultUncertainty, runs)
	return export.ForecastItem{Issue: is, Marks: marks, Forecast: &f}
}
