package main

import (
	"strconv"
	"strings"
	"testing"
)

// TestShowProvenance: "parley show" says where a version came from, each
// source with its Admiralty grade and what the grade means, and a date
// that is not exact in words beside its EDTF form.
func TestShowProvenance(t *testing.T) {
	c, _ := demoCLI(t)
	var list struct {
		Negotiations []struct {
			Versions []struct {
				ID    int64
				Label string
			}
		}
	}
	c.jsonOf(&list, "list")
	counter := ""
	for _, v := range list.Negotiations[0].Versions {
		if v.Label == "European counter-proposal" {
			counter = strconv.FormatInt(v.ID, 10)
		}
	}
	if counter == "" {
		t.Fatal("no European counter-proposal in the demo")
	}
	var shown struct {
		Date    string
		Sources []struct {
			Title, Grade, Reliability, Meaning string
			Credibility                        int
		}
	}
	c.jsonOf(&shown, "show", counter)
	if shown.Date != "2025-11-22/2025-11-23" {
		t.Errorf("date = %q, want the weekend of the Geneva talks", shown.Date)
	}
	if len(shown.Sources) != 1 || shown.Sources[0].Grade != "B3" || shown.Sources[0].Reliability != "B" || shown.Sources[0].Credibility != 3 ||
		shown.Sources[0].Meaning != "usually reliable, possibly true" || !strings.Contains(shown.Sources[0].Title, "Press reports") {
		t.Errorf("sources = %+v, want the press reports graded B3", shown.Sources)
	}
	text := c.ok("show", counter)
	for _, want := range []string{"2025-11-22/2025-11-23 (between 22 November 2025 and 23 November 2025)",
		"source: [B3] Press reports of the European counter-proposal (press; usually reliable, possibly true)"} {
		if !strings.Contains(text, want) {
			t.Errorf("show lacks %q:\n%s", want, text[:min(len(text), 600)])
		}
	}
}
