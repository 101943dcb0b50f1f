package export_test

import (
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/export"
)

// oneToOne links the points of two versions one to one, in order, as
// reworded (what an aligner does with two texts numbered alike).
func oneToOne(old, new []parley.Point, sim float64) *align.Alignment {
	al := &align.Alignment{Old: old, New: new}
	for k := range old {
		al.Links = append(al.Links, align.Link{Old: []int{k}, New: []int{k}, Kind: align.Reworded, Similarity: sim, Confidence: 1})
	}
	return al
}

func numbered(texts ...string) []parley.Point {
	out := make([]parley.Point, len(texts))
	for k, t := range texts {
		n := string(rune('1' + k))
		out[k] = parley.Point{Path: []string{n}, Label: n + ".", Text: t}
	}
	return out
}

// The verdict "likely the same text" states its evidence, and is not given
// on numbering alone (issue 14, class 12).
func TestSameTextVerdictStatesItsEvidence(t *testing.T) {
	t.Run("same numbering only", func(t *testing.T) {
		old := numbered("The Landlord lets the flat to the Tenant.", "The rent is paid in advance.", "The Tenant keeps the flat clean.")
		new := numbered("Delegates treat one another with courtesy.", "Gifts are declared to the chair.", "Closed sessions stay confidential.")
		v := export.Summarize(oneToOne(old, new, 0.02)).Verdict
		if strings.Contains(v, "likely the same text") || !strings.Contains(v, "nothing says they are the same text") {
			t.Errorf("verdict %q: want no claim that the texts are the same", v)
		}
	})
	t.Run("translation", func(t *testing.T) {
		old := numbered("The Republic of Norland withdraws 4,500 troops from Kessa by 12 March 2025.",
			"The crossing at Velmo reopens for 300 trucks a day.",
			"A commission chaired by Ana Ruiz reports every 90 days.")
		new := numbered("Die Republik Norland zieht bis zum 12. März 2025 4.500 Soldaten aus Kessa ab.",
			"Der Übergang bei Velmo öffnet wieder für 300 Lastwagen am Tag.",
			"Eine Kommission unter Vorsitz von Ana Ruiz berichtet alle 90 Tage.")
		v := export.Summarize(oneToOne(old, new, 0.05)).Verdict
		for _, want := range []string{"likely the same text", "as in a translation", "figures agree in 3 of 3", "names agree", "language differs"} {
			if !strings.Contains(v, want) {
				t.Errorf("verdict %q lacks %q", v, want)
			}
		}
	})
	t.Run("retyping", func(t *testing.T) {
		old := numbered("The parties organise the exchange of all prisoners within 30 days.", "Monitors patrol both sides of the line.")
		new := numbered("The parties shall organise the exchange of all prisoners within 30 days.", "Monitors shall patrol both sides of the line.")
		v := export.Summarize(oneToOne(old, new, 0.8)).Verdict
		for _, want := range []string{"likely the same text", "as in a retyping", "most wording kept"} {
			if !strings.Contains(v, want) {
				t.Errorf("verdict %q lacks %q", v, want)
			}
		}
		if strings.Contains(v, "language differs") {
			t.Errorf("verdict %q: the language is the same", v)
		}
	})
}
