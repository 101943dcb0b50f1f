package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
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
