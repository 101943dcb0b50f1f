package align_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"parley"
	"parley/align"
	"parley/ingest"
)

// The labelled pairs in testdata/align are the development set of the
// aligner. These floors are the levels reached when they were set; a change
// that drops below them is a regression. The first two hold for the pairs
// labelled before issue 14; the corpus14 floors hold for the development
// part of the issue-14 corpus (see testdata/align/README.md), and were set
// just under what the aligner reached when that corpus was labelled
// (micro F1 0.911; lowest scored pair 0.500). When 21 more pairs were
// labelled blind (nine cut from real constitutions and statutes), the
// development part's micro F1 was 0.896 with them, so the micro floor
// went to 0.88: a harder corpus, not a regression; after the clause
// evidence, the translation aligner and stemming it reached 0.935, and the
// floor went to 0.92. The pair floor of the
// older pairs went from 0.75 to 0.74 when stop words stopped carrying
// evidence (a short text's idf cannot tell "the" from a content word):
// the StGB §§ 177-179 regrouping went from 0.773 to 0.747. Stemming and
// stop words together moved the older pairs' micro F1 from 0.978 to 0.974
// and the issue-14 development part's from 0.928 to 0.935.
const (
	microF1Floor = 0.96
	pairF1Floor  = 0.74

	corpus14MicroF1Floor = 0.92
	corpus14PairF1Floor  = 0.45
)

// belowPairFloor are pairs scored (they count in the micro F1) but not
// held to the pair floor, each with the weakness it shows. A pair goes
// here only when it was below the floor at its first scoring.
// (de-en-translation-recut, 0.000 at its first scoring, left the list
// when translations were aligned as parallel texts: 0.706.)
var belowPairFloor = map[string]string{}

var (
	showPair = flag.String("show", "", "print the links of this labelled pair, marking the wrong ones")
	heldOut  = flag.Bool("heldout", false, "score the held-out labelled pairs (TestHeldOutPairs); PARLEY_HELDOUT=1 does the same")
)

// corpus14 are the pairs labelled blind for issue 14, a corpus that looks
// like real redrafts (a third of its linked pairs in splits, merges or
// regroupings, eight languages, placeholders for unknown text,
// real excerpts of constitutions and statutes in two versions).
var corpus14 = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`
		afl-2.0-vs-2.1 de-gmbhg-2012-vs-2022-excerpt de-koalition-gliederung
		de-satzung-paragraphen de-verordnung-neuordnung de-waffenruhe-umformuliert
		en-act-section-sign en-ceasefire-articles-regroup en-fr-translation-split
		en-leak-text-withheld en-markdown-plan-sections en-peace-plan-split-merge
		en-plain-paraphrase-regroup en-plan-regroup-by-subject en-renumbered-insertions
		en-roman-subitems-folded en-summary-not-known en-supply-section-regroup
		en-trade-nested-dotted en-unrelated-same-numbering es-acuerdo-paz-incisos
		es-contrato-clausulas-movidas es-programa-gobierno-reservado es-protocolo-reagrupado
		fr-cessez-le-feu-articles fr-contrat-clauses-regroupees fr-plan-paix-non-communique
		ru-dogovor-postavki-punkty ru-plan-neizvestno ru-soglashenie-peremirie
		uk-memorandum-rozdileni uk-plan-nevidomo-obiednano uk-ugoda-koalitsii-rozdily
		ar-aqd-tawrid-bunud ar-ittifaq-hudna-mawad be-kanstytucyja-1994-2004-excerpt
		by-konstitutsiya-1994-1996-excerpt de-en-translation-recut de-ifsg-2012-vs-2022-excerpt
		de-vertrag-buchstaben-neu en-licence-definitions-regrouped en-nested-abc-regrouped
		en-policy-roman-regroup en-treaty-chapters-moved es-constitucion-mx-2014-2025-excerpt
		es-tratado-capitulos-movidos fr-constitution-1958-2008-communaute
		fr-constitution-1958-2008-parlement fr-licence-definitions
		ru-konstitutsiya-2019-2020-federatsiya ru-konstitutsiya-2019-2020-prezident
		ru-soglashenie-stati-peregruppa uk-dohovir-statti-obiednani
		uk-konstytutsiia-1996-2006-excerpt`) {
		corpus14[name] = true
	}
}

// labelledPair is one folder of testdata/align.
type labelledPair struct {
	name     string
	old, new []parley.Point
	truth    []align.PathLink
	unscored bool // kept for inspection, not held to the floors
	heldout  bool // scored only by TestHeldOutPairs
}

func readVersion(tb testing.TB, dir, stem string) []parley.Point {
	tb.Helper()
	for _, ext := range []string{".txt", ".md"} {
		path := filepath.Join(dir, stem+ext)
		body, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		doc, err := ingest.Read(filepath.Base(path), body, "")
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		return doc.Points
	}
	tb.Fatalf("%s: no %s.txt or %s.md", dir, stem, stem)
	return nil
}

func labelledPairs(tb testing.TB) []labelledPair {
	tb.Helper()
	files, err := filepath.Glob("../testdata/align/*/truth.json")
	if err != nil || len(files) < 10 {
		tb.Fatalf("want at least 10 labelled pairs in testdata/align, found %d (%v)", len(files), err)
	}
	sort.Strings(files)
	var out []labelledPair
	found := 0
	for _, f := range files {
		dir := filepath.Dir(f)
		var truth struct {
			Links    []align.PathLink `json:"links"`
			Unscored bool             `json:"unscored"`
			HeldOut  bool             `json:"heldout"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if err := json.Unmarshal(b, &truth); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		name := filepath.Base(dir)
		if corpus14[name] {
			found++
		}
		out = append(out, labelledPair{name: name, old: readVersion(tb, dir, "old"), new: readVersion(tb, dir, "new"), truth: truth.Links, unscored: truth.Unscored, heldout: truth.HeldOut})
	}
	if found != len(corpus14) {
		tb.Fatalf("found %d of the %d issue-14 pairs in testdata/align", found, len(corpus14))
	}
	return out
}

// scoreTable scores parley's aligner and the baseline on the pairs, writes
// one line a pair and the micro figures over the scored ones, and returns
// parley's micro counts. Unscored pairs are printed but not summed; a pair
// below pairFloor is an error.
func scoreTable(t *testing.T, title string, pairs []labelledPair, pairFloor float64) (parleyTotal, baseTotal align.Counts, report string) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%-36s %9s %6s %6s %6s %7s %8s %6s\n", title, "pair", "points", "P", "R", "F1", "kinds", "baseF1", "groups")
	var groups, linked int
	for _, p := range pairs {
		al := align.Align(p.old, p.new, align.Options{})
		c := align.Score(al.PathLinks(), p.truth)
		base := align.Score(baselineAlign(p.old, p.new), p.truth)
		g, l := groupPairs(p.truth)
		note := ""
		if p.unscored {
			note = " (unscored)"
		}
		fmt.Fprintf(&b, "%-36s %4d/%-4d %6.3f %6.3f %6.3f %3d/%-3d %8.3f %3d/%-3d%s\n", p.name, len(p.old), len(p.new), c.Precision(), c.Recall(), c.F1(), c.KindsRight, c.KindsFound, base.F1(), g, l, note)
		if *showPair == p.name {
			showLinks(t, al, p.truth)
		}
		if p.unscored {
			continue
		}
		parleyTotal.Add(c)
		baseTotal.Add(base)
		groups += g
		linked += l
		if why := belowPairFloor[p.name]; why != "" {
			t.Logf("%s: F1 %.3f, not held to the pair floor: %s", p.name, c.F1(), why)
		} else if c.F1() < pairFloor {
			t.Errorf("%s: F1 %.3f below the floor %.2f", p.name, c.F1(), pairFloor)
		}
	}
	fmt.Fprintf(&b, "%-36s %9s %6.3f %6.3f %6.3f %3d/%-3d %8.3f %3d/%-3d\n", "micro (scored pairs)", "", parleyTotal.Precision(), parleyTotal.Recall(), parleyTotal.F1(), parleyTotal.KindsRight, parleyTotal.KindsFound, baseTotal.F1(), groups, linked)
	return parleyTotal, baseTotal, b.String()
}

// groupPairs counts the (old, new) pairs of a truth's links that join
// points on both sides, and of them those in a split, merge or regrouping
// (a link with more than one point on a side).
func groupPairs(truth []align.PathLink) (inGroups, linked int) {
	for _, l := range truth {
		n := len(l.Old) * len(l.New)
		linked += n
		if n > 1 {
			inGroups += n
		}
	}
	return inGroups, linked
}

func TestLabelledPairs(t *testing.T) {
	var before, dev []labelledPair
	for _, p := range labelledPairs(t) {
		switch {
		case !corpus14[p.name]:
			before = append(before, p)
		case !p.heldout:
			dev = append(dev, p)
		}
	}
	total, _, report := scoreTable(t, "pairs labelled before issue 14", before, pairF1Floor)
	t.Log("\n" + report)
	if total.F1() < microF1Floor {
		t.Errorf("micro F1 %.3f below the floor %.2f", total.F1(), microF1Floor)
	}
	total, _, report = scoreTable(t, "issue-14 corpus, development part", dev, corpus14PairF1Floor)
	t.Log("\n" + report)
	if total.F1() < corpus14MicroF1Floor {
		t.Errorf("issue-14 development pairs: micro F1 %.3f below the floor %.2f", total.F1(), corpus14MicroF1Floor)
	}
}

// TestHeldOutPairs scores the held-out part of the issue-14 corpus. It runs
// only when asked (-heldout, or PARLEY_HELDOUT=1): score it when a piece of
// work is done, and never tune on it. It has no floor; it logs.
func TestHeldOutPairs(t *testing.T) {
	if !*heldOut && os.Getenv("PARLEY_HELDOUT") != "1" {
		t.Skip("held out: run with -heldout or PARLEY_HELDOUT=1 when a piece of work is done")
	}
	var held []labelledPair
	for _, p := range labelledPairs(t) {
		if p.heldout {
			held = append(held, p)
		}
	}
	if len(held) == 0 {
		t.Fatal("no held-out pairs")
	}
	_, _, report := scoreTable(t, "issue-14 corpus, held-out part", held, 0)
	t.Log("\n" + report)
}

// showLinks prints the predicted links, marking those not in the truth,
// then the true pairs that were missed.
func showLinks(t *testing.T, al *align.Alignment, truth []align.PathLink) {
	want := map[string]bool{}
	for _, l := range truth {
		want[fmt.Sprint(l.Old, l.New)] = true
	}
	got := map[string]bool{}
	for k, l := range al.PathLinks() {
		got[fmt.Sprint(l.Old, l.New)] = true
		mark := "  "
		if !want[fmt.Sprint(l.Old, l.New)] {
			mark = "XX"
		}
		t.Logf("%s %v -> %v %s (confidence %.2f)", mark, l.Old, l.New, l.Kind, al.Links[k].Confidence)
	}
	for _, l := range truth {
		if !got[fmt.Sprint(l.Old, l.New)] {
			t.Logf("MISSED %v -> %v %s", l.Old, l.New, l.Kind)
		}
	}
}
