package ingest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley"
	"parley/ingest"
)

// aknPoint is what a test checks of a point read from Akoma Ntoso.
type aknPoint struct {
	path, label, heading, text, eid string
}

func aknPoints(doc *ingest.Document) []aknPoint {
	out := make([]aknPoint, len(doc.Points))
	for i, p := range doc.Points {
		out[i] = aknPoint{parley.FormatPath(p.Path), p.Label, p.Heading, p.Text, doc.EIDs[i]}
	}
	return out
}

// TestReadAKNOtherTools reads Akoma Ntoso 3.0 documents written by hand
// in the style of other tools (an act, a bill, a generic doc): every
// element with a <num> is a point nested as the elements nest, grouping
// elements are blocks, and the eIds are kept.
func TestReadAKNOtherTools(t *testing.T) {
	for _, tt := range []struct {
		file        string
		label, date string
		preamble    string
		blocks      []string
		points      []aknPoint
	}{
		{
			file: "act.xml", label: "Water Sharing Act 2024", date: "2024-04-01",
			preamble: "An Act on the Water Sharing Act 2024, to share the waters of the border river between the two riparian states\nPART I General provisions\nChapter 1 Purpose and terms",
			blocks:   []string{"PART II Shares", "Done at the capital on 14 March 2024."},
			points: []aknPoint{
				{"1", "Article 1", "Purpose", "This Act governs the sharing of the waters of the border river.", "art_1"},
				{"2", "Article 2", "Definitions", "", "art_2"},
				{"2.1", "1.", "", "In this Act, the river means the border river and its tributaries.", "art_2__para_1"},
				{"2.2", "2.", "", "A season is either of:", "art_2__para_2"},
				{"2.2(a)", "(a)", "", "the dry season, from June to September;", "art_2__para_2__list_1__point_a"},
				{"2.2(b)", "(b)", "", "the wet season, the rest of the year.", "art_2__para_2__list_1__point_b"},
				{"3", "Article 3", "Shares in the dry season", "", "art_3"},
				// The authorial note is not part of the text.
				{"3.1", "1.", "", "Each state may draw up to forty per cent of the flow.", "art_3__para_1"},
				{"3.2", "2.", "", "The rest of the flow stays in the river.", "art_3__para_2"},
			},
		},
		{
			file: "bill.xml", label: "Ceasefire Monitoring Bill", date: "2025-06-09",
			preamble: "Whereas the parties agreed to a ceasefire on 1 May 2025;\nWhereas the ceasefire needs an impartial monitor;\nBe it enacted as follows:",
			blocks:   []string{"Passed by the House on 9 June 2025."},
			points: []aknPoint{
				{"1", "Section 1", "Short title", "This Act may be cited as the Ceasefire Monitoring Act.", "sec_1"},
				{"2", "Section 2", "Monitoring mission", "", "sec_2"},
				{"2.1", "(1)", "", "A monitoring mission is established.", "sec_2__subsec_1"},
				{"2.2", "(2)", "", "The mission shall:\nReports are public.", "sec_2__subsec_2"},
				{"2.2(a)", "(a)", "", "patrol the contact line; and", "sec_2__subsec_2__para_a"},
				{"2.2(b)", "(b)", "", "report every breach within 24 hours.", "sec_2__subsec_2__para_b"},
				{"3", "Section 3", "Transitional provision", "Observers already deployed join the mission.", "hcontainer_transitional"},
			},
		},
		{
			file: "doc.xml", label: "Chair's negotiating text, third revision", date: "2025-09-30",
			preamble: "Chair's negotiating text, third revision",
			points: []aknPoint{
				{"1", "1.", "", "The parties reaffirm their commitment to a lasting settlement.", "para_1"},
				{"2", "2.", "", "The parties will exchange:\nwithin sixty days.", "para_2"},
				{"2(a)", "(a)", "", "all prisoners of war;", "para_2__list_1__item_a"},
				{"2(b)", "(b)", "", "the remains of the fallen; and", "para_2__list_1__item_b"},
				{"2(c)", "(c)", "", "lists of missing persons.", "para_2__list_1__item_c"},
				{"3", "3.", "", "An exchange is supervised by:\nthe International Committee of the Red Cross;\na representative of each party.", "para_3"},
				{"annex a", "Annex A", "Timetable", "", "lvl_annex"},
				{"annex a(1)", "1.", "", "First exchange: within 14 days.", "lvl_annex__lvl_1"},
				{"annex a(2)", "2.", "", "Second exchange: within 60 days.", "lvl_annex__lvl_2"},
			},
		},
	} {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata/akn", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if f := ingest.DetectFormat(tt.file, body); f != ingest.FormatAKN {
				t.Errorf("detected as %q", f)
			}
			doc, err := ingest.Read(tt.file, body, "")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != ingest.FormatAKN || doc.Label != tt.label || doc.Date != tt.date || doc.Preamble != tt.preamble {
				t.Errorf("format %q, label %q, date %q, preamble %q", doc.Format, doc.Label, doc.Date, doc.Preamble)
			}
			got := aknPoints(doc)
			if len(got) != len(tt.points) {
				t.Errorf("%d points, want %d", len(got), len(tt.points))
			}
			for i := range min(len(got), len(tt.points)) {
				if got[i] != tt.points[i] {
					t.Errorf("point %d:\n got %q\nwant %q", i, got[i], tt.points[i])
				}
			}
			var blocks []string
			for _, b := range doc.Blocks {
				blocks = append(blocks, b.Text)
			}
			if strings.Join(blocks, "|") != strings.Join(tt.blocks, "|") {
				t.Errorf("blocks %q, want %q", blocks, tt.blocks)
			}
			if len(doc.Warnings) > 0 {
				t.Errorf("warnings: %+v", doc.Warnings)
			}
			// Every point's line is in the text written for it.
			lines := strings.Split(doc.Text, "\n")
			for _, p := range doc.Points {
				if p.Line < 1 || p.Line > len(lines) || !strings.Contains(lines[p.Line-1], p.Label) {
					t.Errorf("point %s: line %d is not its label line", p.Label, p.Line)
				}
			}
			if err := (&parley.Version{NegotiationID: 1, Label: "x", Status: parley.StatusDraft, Format: doc.Format, Points: doc.Points}).Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestReadAKNRepeatedNumbers reads chapters that each number their
// articles from 1: the chapters' numbers join the paths.
func TestReadAKNRepeatedNumbers(t *testing.T) {
	body := `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><body>
<chapter eId="chp_1"><num>Chapter 1</num><article eId="chp_1__art_1"><num>Article 1</num><content><p>One.</p></content></article></chapter>
<chapter eId="chp_2"><num>Chapter 2</num><article eId="chp_2__art_1"><num>Article 1</num><content><p>Two.</p></content></article></chapter>
</body></act></akomaNtoso>`
	doc, err := ingest.Read("repeat.xml", []byte(body), "")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range doc.Points {
		paths = append(paths, parley.FormatPath(p.Path))
	}
	if strings.Join(paths, " ") != "1 1.1 2 2.1" {
		t.Errorf("paths %q", paths)
	}
}

// TestReadAKNRefused checks that bad or hostile XML is refused with a
// message naming the problem, and that no entity is expanded.
func TestReadAKNRefused(t *testing.T) {
	deep := strings.Repeat("<hcontainer name=\"x\">", 300) + strings.Repeat("</hcontainer>", 300)
	for _, tt := range []struct{ name, body, want string }{
		{"entity.akn", `<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso><doc><mainBody><paragraph><num>1.</num><content><p>&x;</p></content></paragraph></mainBody></doc></akomaNtoso>`, "declares XML entities"},
		{"undefined.akn", `<akomaNtoso><doc><mainBody><paragraph><num>1.</num><content><p>&x;</p></content></paragraph></mainBody></doc></akomaNtoso>`, "cannot read undefined.akn as XML"},
		{"broken.akn", `<akomaNtoso><doc><mainBody><paragraph><num>1.</num></mainBody></doc></akomaNtoso>`, "cannot read broken.akn as XML"},
		{"open.akn", `<akomaNtoso><doc><mainBody>`, "it ends inside <mainBody>"},
		{"other.akn", `<html><body><p>1. x</p></body></html>`, "its root element is <html>"},
		{"empty.akn", `<akomaNtoso></akomaNtoso>`, "holds no document"},
		{"nopoints.akn", `<akomaNtoso><doc><mainBody><p>text</p></mainBody></doc></akomaNtoso>`, "has no numbered points"},
		{"deep.akn", `<akomaNtoso><doc><mainBody>` + deep + `</mainBody></doc></akomaNtoso>`, "nest more than"},
		{"latin1.akn", "<akomaNtoso><doc><mainBody><paragraph><num>1.</num><content><p>caf\xe9</p></content></paragraph></mainBody></doc></akomaNtoso>", "not valid UTF-8"},
	} {
		_, err := ingest.Read(tt.name, []byte(tt.body), "")
		if parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(parley.ErrorMessage(err), tt.want) {
			t.Errorf("%s: %v, want EINVALID with %q", tt.name, err, tt.want)
		}
	}
}

// TestReadParleyJSON reads the JSON of a version back to its points.
func TestReadParleyJSON(t *testing.T) {
	body := `{"id": 3, "label": "Draft", "date": "2025-11", "preamble": "Title\n\nIntro.", "points": [
  {"path": ["1"], "label": "Article 1", "heading": "Scope", "text": "It applies.\nTo all.", "line": 4},
  {"path": ["1", "a"], "label": "(a)", "text": "first;", "line": 7, "topics": ["x"]},
  {"path": ["exhibit", "a"], "label": "Exhibit A", "text": "", "line": 9}]}`
	if f := ingest.DetectFormat("v", []byte(body)); f != ingest.FormatJSON {
		t.Errorf("detected as %q", f)
	}
	doc, err := ingest.Read("v.json", []byte(body), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []aknPoint{
		{"1", "Article 1", "Scope", "It applies.\nTo all.", ""},
		{"1(a)", "(a)", "", "first;", ""},
		{"exhibit a", "Exhibit A", "", "", ""},
	}
	doc.EIDs = make([]string, len(doc.Points))
	got := aknPoints(doc)
	if len(got) != len(want) {
		t.Fatalf("points %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("point %d: got %q, want %q", i, got[i], want[i])
		}
	}
	if doc.Format != ingest.FormatJSON || doc.Label != "Draft" || doc.Date != "2025-11" || doc.Preamble != "Title\n\nIntro." {
		t.Errorf("format %q, label %q, date %q, preamble %q", doc.Format, doc.Label, doc.Date, doc.Preamble)
	}
	for _, tt := range []struct{ body, want string }{
		{`{"label": "x"}`, `no "points" list`},
		{`{"points": []}`, "has no numbered points"},
		{`{"points": [{"label": "1."}]}`, "has no path"},
		{`{"points": [{"path": ["a b"], "label": "1."}]}`, "bad path token"},
		{`{"points": [`, "cannot read v.json"},
	} {
		_, err := ingest.Read("v.json", []byte(tt.body), "")
		if parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(parley.ErrorMessage(err), tt.want) {
			t.Errorf("%s: %v, want EINVALID with %q", tt.body, err, tt.want)
		}
	}
}
