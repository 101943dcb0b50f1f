package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"parley"
	"parley/export"
)

// compareRow is a row of the compare page as the tests read it.
type compareRow struct {
	id, kind string
	low      bool
}

var rowPattern = regexp.MustCompile(`<tr id="(c-\d+)" class="k-([a-z]+)( low)?( fixed)?"`)

// compareRows reads the rows of a compare page.
func compareRows(body string) []compareRow {
	var out []compareRow
	for _, m := range rowPattern.FindAllStringSubmatch(body, -1) {
		out = append(out, compareRow{id: m[1], kind: m[2], low: m[3] != ""})
	}
	return out
}

// alignmentOf is the compare JSON of two stored versions, from the API.
func (t *testServer) alignmentOf(tb testing.TB, token string, old, new int64) *export.Comparison {
	tb.Helper()
	resp, body := t.do(tb, "GET", fmt.Sprintf("/api/v1/alignments/%d/%d", old, new), token, "")
	if resp.StatusCode != 200 {
		tb.Fatalf("alignment: %d %s", resp.StatusCode, body)
	}
	var c export.Comparison
	must(tb, json.Unmarshal([]byte(body), &c))
	return &c
}

// version finds a demo version by the start of its label.
func (t *testServer) version(tb testing.TB, prefix string) *parley.Version {
	tb.Helper()
	list, err := t.store.ListVersions(context.Background(), parley.VersionFilter{NegotiationID: t.demo.ID})
	must(tb, err)
	for _, v := range list {
		if strings.HasPrefix(v.Label, prefix) {
			return v
		}
	}
	tb.Fatalf("no demo version %q", prefix)
	return nil
}

// The compare page shows what its query asks: every link, or all but the
// unchanged ones, or only the kinds ticked; a value it does not know is
// refused with a message naming the parameter.
func TestCompareFilters(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "mediator")
	c := ts.alignmentOf(t, token, ts.plan.ID, ts.counter.ID)
	base := fmt.Sprintf("/compare/%d/%d", ts.plan.ID, ts.counter.ID)
	count := func(kinds ...string) int {
		n := 0
		for _, l := range c.Links {
			for _, k := range kinds {
				if l.Kind == k {
					n++
				}
			}
		}
		return n
	}
	if count("unchanged") == 0 || count("reworded") == 0 {
		t.Fatalf("the demo comparison has no unchanged or no reworded link: %v", c.Summary.Kinds)
	}
	for _, tc := range []struct {
		query string
		kinds []string // the kinds shown; nil for all
		want  int
	}{
		{"", nil, len(c.Links)},
		{"?hide=unchanged", []string{"reworded", "moved", "split", "merged", "deleted", "added", "unknown"}, len(c.Links) - count("unchanged")},
		{"?kind=reworded", []string{"reworded"}, count("reworded")},
		{"?kind=reworded&kind=unchanged", []string{"reworded", "unchanged"}, count("reworded", "unchanged")},
		{"?hide=unchanged&kind=unchanged", nil, 0},
	} {
		t.Run(tc.query, func(t *testing.T) {
			resp, body := ts.do(t, "GET", base+tc.query, token, "")
			if resp.StatusCode != 200 {
				t.Fatalf("%d %s", resp.StatusCode, body)
			}
			rows := compareRows(body)
			if len(rows) != tc.want {
				t.Errorf("%d rows, want %d", len(rows), tc.want)
			}
			for _, r := range rows {
				if tc.kinds != nil && !strings.Contains(" "+strings.Join(tc.kinds, " ")+" ", " "+r.kind+" ") {
					t.Errorf("row %s is %s, not one of %v", r.id, r.kind, tc.kinds)
				}
			}
			// The form keeps the filter.
			if strings.Contains(tc.query, "hide=unchanged") && !strings.Contains(body, `value="unchanged" checked`) {
				t.Error("the hide box is not ticked")
			}
		})
	}
	api := fmt.Sprintf("/api/v1/alignments/%d/%d", ts.plan.ID, ts.counter.ID)
	for query, field := range map[string]string{"?kind=rewritten": "kind:", "?hide=everything": "hide:", "?low=yes": "low:"} {
		for _, path := range []string{base, api} {
			resp, body := ts.do(t, "GET", path+query, token, "")
			if resp.StatusCode != 400 || !strings.Contains(body, field) {
				t.Errorf("%s%s = %d, want 400 naming %s", path, query, resp.StatusCode, field)
			}
		}
	}
	// The API keeps the same links, the points and summary whole.
	resp, body := ts.do(t, "GET", api+"?kind=reworded,added", token, "")
	var got export.Comparison
	must(t, json.Unmarshal([]byte(body), &got))
	if resp.StatusCode != 200 || len(got.Links) != count("reworded", "added") || len(got.Old.Points) != len(c.Old.Points) || got.Summary.Kinds["unchanged"] != c.Summary.Kinds["unchanged"] {
		t.Errorf("API ?kind=reworded,added: %d, %d links, want %d", resp.StatusCode, len(got.Links), count("reworded", "added"))
	}
}

var (
	hrefPattern = regexp.MustCompile(`href="#(c-\d+)"`)
	navPattern  = regexp.MustCompile(`<a href="#(c-\d+)" rel="(prev|next)">`)
)

// The change list links to every change shown, and each change to the one
// before and after it, so that a reader can walk the changes in order.
func TestCompareChangeListAndSteps(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "ua")
	for _, query := range []string{"", "?hide=unchanged", "?kind=reworded"} {
		_, body := ts.do(t, "GET", fmt.Sprintf("/compare/%d/%d%s", ts.plan.ID, ts.counter.ID, query), token, "")
		var changes []string
		ids := map[string]bool{}
		for _, r := range compareRows(body) {
			ids[r.id] = true
			if r.kind != "unchanged" {
				changes = append(changes, r.id)
			}
		}
		if len(changes) < 2 {
			t.Fatalf("%q: %d changes shown, want several", query, len(changes))
		}
		list := body[strings.Index(body, `id="changes"`):strings.Index(body, `<table class="compare"`)]
		var listed []string
		for _, m := range hrefPattern.FindAllStringSubmatch(list, -1) {
			listed = append(listed, m[1])
		}
		if strings.Join(listed, " ") != strings.Join(changes, " ") {
			t.Errorf("%q: change list %v, want the changes %v", query, listed, changes)
		}
		// Each row's previous and next: the steps walk the changes in order.
		var next, prev []string
		for _, m := range navPattern.FindAllStringSubmatch(body, -1) {
			if !ids[m[1]] {
				t.Errorf("%q: a step links to %s, which is not on the page", query, m[1])
			}
			if m[2] == "next" {
				next = append(next, m[1])
			} else {
				prev = append(prev, m[1])
			}
		}
		if strings.Join(next, " ") != strings.Join(changes[1:], " ") || strings.Join(prev, " ") != strings.Join(changes[:len(changes)-1], " ") {
			t.Errorf("%q: next %v, previous %v; want the changes %v in order", query, next, prev, changes)
		}
	}
}

// Any two versions can be picked: the form sends the reader to their
// compare page with the filter it set; a version of another negotiation,
// or the same version twice, is refused.
func TestComparePick(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "mediator")
	pick := fmt.Sprintf("/negotiations/%d/compare", ts.demo.ID)
	geneva := ts.version(t, "19-point")
	resp, body := ts.do(t, "GET", fmt.Sprintf("%s?old=%d&new=%d&hide=unchanged&kind=reworded&kind=added", pick, ts.plan.ID, geneva.ID), token, "")
	want := fmt.Sprintf("/compare/%d/%d?hide=unchanged&kind=reworded&kind=added", ts.plan.ID, geneva.ID)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Fatalf("pick = %d to %q, want 303 to %s (%s)", resp.StatusCode, resp.Header.Get("Location"), want, body)
	}
	for query, field := range map[string]string{
		fmt.Sprintf("?old=%d&new=%d", ts.otherV.ID, ts.plan.ID):       "old:",
		fmt.Sprintf("?old=%d&new=%d", ts.plan.ID, ts.plan.ID):         "new:",
		fmt.Sprintf("?old=first&new=%d", ts.plan.ID):                  "old:",
		fmt.Sprintf("?old=%d&new=%d", ts.plan.ID, ts.counter.ID+1000): "new:",
	} {
		resp, body := ts.do(t, "GET", pick+query, token, "")
		if resp.StatusCode != 400 || !strings.Contains(body, field) || strings.Contains(body, "Secret") {
			t.Errorf("pick %s = %d, want 400 naming %s", query, resp.StatusCode, field)
		}
	}
	// Without versions, the form alone; and the form on the negotiation page.
	for _, path := range []string{pick, fmt.Sprintf("/negotiations/%d", ts.demo.ID)} {
		resp, body := ts.do(t, "GET", path, token, "")
		if resp.StatusCode != 200 || !strings.Contains(body, `<form method="get" action="`+pick+`"`) || !strings.Contains(body, `<select name="old">`) {
			t.Errorf("%s = %d without the pick form", path, resp.StatusCode)
		}
	}
}

// Text that is not known is shown as not known, never as deleted or
// added; links the aligner is unsure of are marked in words, and can be
// shown alone.
func TestCompareUnknownAndUnsure(t *testing.T) {
	ts := MustServe(t)
	token := ts.login(t, "mediator")
	geneva := ts.version(t, "19-point")
	c := ts.alignmentOf(t, token, ts.plan.ID, geneva.ID)
	_, body := ts.do(t, "GET", fmt.Sprintf("/compare/%d/%d", ts.plan.ID, geneva.ID), token, "")
	if c.Summary.Kinds["unknown"] == 0 || !strings.Contains(body, `<span class="unknown">text not known</span>`) {
		t.Errorf("no unknown text on the page (kinds %v)", c.Summary.Kinds)
	}
	// Geneva's placeholders sit in unknown rows, not in deleted or added ones.
	for _, r := range compareRows(body) {
		row := body[strings.Index(body, `<tr id="`+r.id+`"`):]
		row = row[:strings.Index(row, "</tr>")]
		if (r.kind == "added" || r.kind == "deleted") && strings.Contains(row, "Not known.") {
			t.Errorf("row %s shows a point whose text is not known as %s", r.id, r.kind)
		}
	}
	// The European counter-proposal has links the aligner is unsure of.
	unsure := 0
	for _, l := range ts.alignmentOf(t, token, ts.plan.ID, ts.counter.ID).Links {
		if !l.Fixed && l.Confidence < 0.5 {
			unsure++
		}
	}
	base := fmt.Sprintf("/compare/%d/%d", ts.plan.ID, ts.counter.ID)
	_, body = ts.do(t, "GET", base, token, "")
	if got := strings.Count(body, "⚠ unsure link: check it"); got != unsure {
		t.Errorf("%d links marked unsure, want %d", got, unsure)
	}
	if unsure == 0 {
		t.Fatal("the demo comparison has no unsure link to show")
	}
	_, body = ts.do(t, "GET", base+"?low=1", token, "")
	rows := compareRows(body)
	if len(rows) != unsure {
		t.Errorf("?low=1 shows %d rows, want the %d unsure links", len(rows), unsure)
	}
	for _, r := range rows {
		if !r.low {
			t.Errorf("?low=1 shows %s, which is not unsure", r.id)
		}
	}
}

// Every export format downloads from the web, as a file of its media
// type; the negotiation's exports hold no party's confidential data,
// whoever downloads them.
func TestDownloads(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	// A draft stance, kept by Ukraine to itself, with a note to look for.
	_, point := ts.stanceOf(t, "UA")
	draft := &parley.Stance{NegotiationID: ts.demo.ID, PointID: point, PartyID: ts.parties["UA"].ID, Value: parley.StanceReject,
		Date: parley.MustParseDate("2025-12-01"), Note: "kept from everyone: our fallback line", Visibility: parley.VisibilityParty}
	must(t, ts.store.CreateStance(ctx, draft))
	positions, err := ts.store.ListPositions(ctx, parley.PositionFilter{NegotiationID: ts.demo.ID})
	must(t, err)
	secrets := map[string]bool{draft.Note: true}
	for _, p := range positions {
		if p.Reservation != nil && p.ReservationVisibility != parley.VisibilityPublished && *p.Reservation >= 1000 {
			secrets[fmt.Sprintf("%g", *p.Reservation)] = true
		}
	}
	for _, p := range positions {
		delete(secrets, fmt.Sprintf("%g", p.Ideal))
	}
	if len(secrets) < 2 {
		t.Fatalf("secrets to look for: %v; want the draft note and some reservation values", secrets)
	}

	geneva := ts.version(t, "19-point")
	for _, user := range []string{"ua", "ru", "mediator", "observer"} {
		token := ts.login(t, user)
		for _, f := range export.Formats {
			path := map[string]string{
				export.OfVersion:     fmt.Sprintf("/versions/%d/export/%s", ts.plan.ID, f.Name),
				export.OfNegotiation: fmt.Sprintf("/negotiations/%d/export/%s", ts.demo.ID, f.Name),
				export.OfComparison:  fmt.Sprintf("/compare/%d/%d/export/%s", ts.plan.ID, geneva.ID, f.Name),
			}[f.Of]
			resp, body := ts.do(t, "GET", path, token, "")
			if resp.StatusCode != 200 {
				t.Fatalf("%s %s = %d %s", user, path, resp.StatusCode, body)
			}
			if got := resp.Header.Get("Content-Type"); got != f.MediaType {
				t.Errorf("%s: Content-Type %q, want %q", path, got, f.MediaType)
			}
			if got := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(got, `attachment; filename="`) || !strings.HasSuffix(got, "."+f.Extension+`"`) {
				t.Errorf("%s: Content-Disposition %q", path, got)
			}
			if err := wellFormed(f, body); err != nil {
				t.Errorf("%s: %v", path, err)
			}
			for s := range secrets {
				if strings.Contains(body, s) {
					t.Errorf("%s downloads %s and finds %q, confidential to a party", user, path, s)
				}
			}
		}
	}
	token := ts.login(t, "ua")
	for _, path := range []string{fmt.Sprintf("/versions/%d/export/pdf", ts.plan.ID), fmt.Sprintf("/negotiations/%d/export/akn", ts.demo.ID)} {
		if resp, body := ts.do(t, "GET", path, token, ""); resp.StatusCode != 400 || !strings.Contains(body, "format:") {
			t.Errorf("%s = %d, want 400 naming the format", path, resp.StatusCode)
		}
	}
	// The pages offer every format: the compare page all, the version
	// page the version's, the negotiation page the negotiation's.
	pages := map[string]string{
		fmt.Sprintf("/compare/%d/%d", ts.plan.ID, ts.counter.ID): "",
		fmt.Sprintf("/versions/%d", ts.plan.ID):                  export.OfVersion,
		fmt.Sprintf("/negotiations/%d", ts.demo.ID):              export.OfNegotiation,
	}
	for page, of := range pages {
		_, body := ts.do(t, "GET", page, token, "")
		for _, f := range export.Formats {
			if (of == "" || of == f.Of) && !strings.Contains(body, "/export/"+f.Name+`" download>`+f.Title) {
				t.Errorf("%s offers no %s %s download", page, f.Of, f.Name)
			}
		}
	}
}

// wellFormed checks that a download parses as its format says.
func wellFormed(f export.Format, body string) error {
	switch {
	case strings.HasPrefix(f.MediaType, "application/json"):
		var v any
		return json.Unmarshal([]byte(body), &v)
	case f.Name == "akn":
		d := xml.NewDecoder(strings.NewReader(body))
		for {
			if _, err := d.Token(); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
		}
	case f.Name == "csv":
		_, err := csv.NewReader(bytes.NewReader([]byte(body))).ReadAll()
		return err
	case f.Name == "html":
		if !strings.Contains(body, "<html") {
			return fmt.Errorf("not an HTML page")
		}
	}
	if body == "" {
		return fmt.Errorf("empty")
	}
	return nil
}

// The lineage page shows each point's first words in its box and opens
// its whole text in the table, both escaped; a point of the April outline
// left out of the Russian proposal and taken up by the 28-point plan
// keeps its thread.
func TestLineagePage(t *testing.T) {
	ts := MustServe(t)
	ctx := context.Background()
	text := "1. The parties meet <script>alert(1)</script> in Vienna every month to review the implementation of this framework.\n"
	v := &parley.Version{NegotiationID: ts.demo.ID, DocumentID: ts.plan.DocumentID, Label: "Vienna note", Status: parley.StatusDraft, Format: "text",
		Date: parley.MustParseDate("2025-12-01"), Text: text, Body: []byte(text),
		Points: []parley.Point{{Path: []string{"1"}, Label: "1.", Text: "The parties meet <script>alert(1)</script> in Vienna every month to review the implementation of this framework."}}}
	must(t, ts.store.CreateVersion(ctx, v))
	resp, body := ts.do(t, "GET", fmt.Sprintf("/negotiations/%d/lineage", ts.demo.ID), ts.login(t, "ua"), "")
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if strings.Contains(body, "<script>alert") {
		t.Fatal("a point's text is on the lineage page unescaped")
	}
	for _, want := range []string{
		`<tspan font-weight="600">1</tspan> The parties meet &lt;scrip`, // the box: number and first words
		fmt.Sprintf(`<a href="/versions/%d#p-1">`, v.ID),                // the box opens the point
		`<summary><span class="label">1</span> The parties meet &lt;script&gt;alert(1)&lt;/script&gt; in Vienna …</summary>`,
		"<p>The parties meet &lt;script&gt;alert(1)&lt;/script&gt; in Vienna every month to review the implementation of this framework.</p>",
		`<span class="step k-reworded">back, reworded</span>`, // an April point back in the 28-point plan
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the lineage page has no %s", want)
		}
	}
}

// A correction made on a filtered compare page brings the mediator back
// to the page as filtered.
func TestCorrectionKeepsTheFilter(t *testing.T) {
	ts := MustServe(t)
	page := fmt.Sprintf("/compare/%d/%d?hide=unchanged&kind=reworded", ts.plan.ID, ts.counter.ID)
	resp, body := ts.post(t, page, ts.login(t, "mediator"), "application/x-www-form-urlencoded", "action=confirm&old=6&new=6&kind=reworded")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page {
		t.Fatalf("correction = %d to %q, want 303 to %s (%s)", resp.StatusCode, resp.Header.Get("Location"), page, body)
	}
}
