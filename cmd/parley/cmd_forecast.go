package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"parley"
	"parley/forecast"
)

func runForecast(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "forecast", "FILE [--eval] [--format text|json]\n\nFILE is a DEU-format table (tab-separated p<actor>/s<actor> columns, capability weights on line 2).")
	format := formatFlag(fs, "text", "json")
	eval := fs.Bool("eval", false, "score every model on the issues with known outcomes (mean absolute error)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("forecast: want one FILE")
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return parley.Errorf(parley.EINVALID, "cannot read %s: %v", rest[0], unwrapPathError(err))
	}
	defer f.Close()
	issues, err := forecast.ReadDEU(f)
	if err != nil {
		return parley.Errorf(parley.EINVALID, "%s: %v", rest[0], err)
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
		if *format == "json" {
			return writeJSON(e.stdout, map[string]any{"models": scores})
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "model\tmean absolute error\tissues")
		for _, s := range scores {
			fmt.Fprintf(tw, "%s\t%.2f\t%d\n", s.Model, s.MAE, s.Issues)
		}
		return tw.Flush()
	}
	type issueJSON struct {
		ID          string             `json:"id"`
		Predictions map[string]float64 `json:"predictions"`
		Outcome     *float64           `json:"outcome,omitempty"`
	}
	out := make([]issueJSON, 0, len(issues))
	for _, is := range issues {
		ij := issueJSON{ID: is.ID, Predictions: map[string]float64{}, Outcome: is.Outcome}
		for _, name := range forecast.ModelNames {
			ij.Predictions[name] = forecast.Models[name](is)
		}
		out = append(out, ij)
	}
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"issues": out})
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "issue\tcompromise\tmedian\toutcome")
	for _, ij := range out {
		outcome := "·"
		if ij.Outcome != nil {
			outcome = fmt.Sprintf("%.0f", *ij.Outcome)
		}
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%s\n", ij.ID, ij.Predictions["compromise"], ij.Predictions["median"], outcome)
	}
	return tw.Flush()
}
