package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"parley"
	"parley/demo"
	"parley/sqlite"
)

// demoCLI loads the demo case and returns the CLI and the id of the
// 28-point plan.
func demoCLI(t *testing.T) (*cli, string) {
	t.Helper()
	c := newCLI(t)
	c.ok("demo")
	var list struct {
		Negotiations []struct {
			Versions []struct {
				ID     int64
				Label  string
				Points int
			}
		}
	}
	c.jsonOf(&list, "list")
	for _, v := range list.Negotiations[0].Versions {
		if v.Label == "28-point plan" {
			return c, strconv.FormatInt(v.ID, 10)
		}
	}
	t.Fatal("the demo has no 28-point plan")
	return nil, ""
}

// storedVersion reads a version straight from the test database.
func storedVersion(t *testing.T, c *cli, id string) *parley.Version {
	t.Helper()
	store, err := sqlite.Open(context.Background(), c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	n, _ := strconv.ParseInt(id, 10, 64)
	v, err := store.FindVersionByID(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestExportVersion(t *testing.T) {
	c, plan := demoCLI(t)

	t.Run("text", func(t *testing.T) {
		v := storedVersion(t, c, plan)
		out := c.ok("export", plan, "--format", "text")
		if out != v.Text || parley.HashText(out) != v.TextHash {
			t.Fatal("text export differs from the stored text")
		}
		if def := c.ok("export", plan); def != out {
			t.Fatal("the default format of a version is not text")
		}
	})

	t.Run("akn", func(t *testing.T) {
		out := c.ok("export", plan, "--format", "akn", "--lang", "eng")
		var doc struct {
			XMLName xml.Name `xml:"http://docs.oasis-open.org/legaldocml/ns/akn/3.0 akomaNtoso"`
			Doc     struct {
				Name  string `xml:"name,attr"`
				Title string `xml:"preface>p>docTitle"`
				Body  []struct {
					EID    string `xml:"eId,attr"`
					Num    string `xml:"num"`
					Intro  string `xml:"intro>p"`
					Points []struct {
						EID  string `xml:"eId,attr"`
						Num  string `xml:"num"`
						Text string `xml:"content>p"`
					} `xml:"point"`
				} `xml:"mainBody>paragraph"`
			} `xml:"doc"`
		}
		if err := xml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("not well-formed Akoma Ntoso: %v", err)
		}
		if doc.Doc.Title != "28-point plan" || len(doc.Doc.Body) != 28 {
			t.Fatalf("title %q, %d top-level points; want the 28-point plan with 28", doc.Doc.Title, len(doc.Doc.Body))
		}
		ten := doc.Doc.Body[9]
		if ten.EID != "para_10" || ten.Num != "10." || ten.Intro == "" || len(ten.Points) != 4 {
			t.Fatalf("point 10: %+v", ten)
		}
		for i, want := range []string{"a", "b", "c", "d"} {
			p := ten.Points[i]
			if p.EID != "para_10__point_"+want || p.Num != "("+want+")" || p.Text == "" {
				t.Errorf("point 10(%s): %+v", want, p)
			}
		}
	})

	t.Run("json", func(t *testing.T) {
		var v struct {
			Label    string
			Party    string
			Document string
			Points   []struct {
				Path  []string
				Label string
				Text  string
			}
		}
		c.jsonOf(&v, "export", plan)
		if v.Label != "28-point plan" || v.Party != "United States" || v.Document == "" || len(v.Points) != 32 {
			t.Fatalf("version JSON: %+v", v)
		}
	})

	t.Run("md and html", func(t *testing.T) {
		if md := c.ok("export", plan, "--format", "md"); !strings.HasPrefix(md, "# 28-point plan\n") || !strings.Contains(md, "\n  - **(a)** ") {
			t.Errorf("Markdown:\n%s", md)
		}
		if page := c.ok("export", plan, "--format", "html"); !strings.HasPrefix(page, "<!doctype html>") || !strings.Contains(page, `id="p_10_a"`) {
			t.Errorf("HTML:\n%s", page)
		}
	})

	t.Run("output file", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, "plan.xml")
		if err := os.WriteFile(file, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if out := c.ok("export", plan, "--format", "akn", "--output", file); out != "" {
			t.Fatalf("with --output, stdout got %q", out)
		}
		b, err := os.ReadFile(file)
		if err != nil || !strings.HasPrefix(string(b), "<?xml") {
			t.Fatalf("file holds %q (%v)", b, err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Fatalf("temporary files left beside the output: %v", entries)
		}
	})
}

func TestExportNegotiation(t *testing.T) {
	c, _ := demoCLI(t)
	title := demo.Title()
	cs, err := demo.Read()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("timelinejs", func(t *testing.T) {
		var tl struct {
			Title struct {
				Text struct{ Headline string }
			}
			Events []struct {
				StartDate map[string]any `json:"start_date"`
				EndDate   map[string]any `json:"end_date"`
				Text      struct{ Headline string }
				UniqueID  string `json:"unique_id"`
			}
		}
		out := c.ok("export", "1", "--format", "timelinejs")
		if err := json.Unmarshal([]byte(out), &tl); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		headlines := map[string]map[string]any{}
		ends := map[string]map[string]any{}
		events := 0
		for _, e := range tl.Events {
			headlines[html.UnescapeString(e.Text.Headline)] = e.StartDate
			ends[html.UnescapeString(e.Text.Headline)] = e.EndDate
			if strings.HasPrefix(e.UniqueID, "event-") {
				events++
			}
		}
		if events != len(cs.Events) {
			t.Errorf("%d event slides, the demo has %d events", events, len(cs.Events))
		}
		for _, e := range cs.Events {
			date, ok := headlines[e.Title]
			if !ok {
				t.Errorf("no slide for %q", e.Title)
				continue
			}
			if _, hasDay := date["day"]; hasDay != (e.Date.Precision() == parley.PrecisionDay) {
				t.Errorf("%q (%s): start_date %v", e.Title, e.Date, date)
			}
			// A date that is not exact ("2025-11-1X", mid-November) is
			// shown in words, not as the first day it may mean.
			if words, _ := date["display_date"].(string); words != map[bool]string{false: e.Date.Words()}[e.Date.Exact()] {
				t.Errorf("%q (%s): display_date %q", e.Title, e.Date, words)
			}
		}
		// The European counter-proposal circulated over a weekend: its
		// slide spans it.
		if end := ends["European counter-proposal"]; end["day"] != 23.0 || headlines["European counter-proposal"]["day"] != 22.0 {
			t.Errorf("counter-proposal slide from %v to %v, want 22 to 23 November", headlines["European counter-proposal"], end)
		}
		if _, ok := headlines["28-point plan"]; !ok {
			t.Error("no slide for the 28-point plan")
		}
		if byTitle := c.ok("export", title, "--format", "timelinejs"); byTitle != out {
			t.Error("by id and by title give different timelines")
		}
	})

	t.Run("csv", func(t *testing.T) {
		rows, err := csv.NewReader(strings.NewReader(c.ok("export", title, "--format", "csv"))).ReadAll()
		if err != nil {
			t.Fatalf("not CSV: %v", err)
		}
		if len(rows) != len(cs.Events)+1 || rows[0][0] != "date" || rows[0][3] != "title" {
			t.Fatalf("%d rows, header %q; want a header and %d events", len(rows), rows[0], len(cs.Events))
		}
	})

	t.Run("json", func(t *testing.T) {
		var n struct {
			Title      string
			Visibility string
			Events     []json.RawMessage
			Versions   []json.RawMessage
			Positions  []map[string]any
		}
		c.jsonOf(&n, "export", title)
		var again struct{ Title string }
		c.jsonOf(&again, "export", "--negotiation", "1")
		if n.Title != title || again.Title != title || n.Visibility != "published" || len(n.Events) != len(cs.Events) || len(n.Versions) != len(cs.Versions) {
			t.Fatalf("negotiation JSON: %s, %d events, %d versions", n.Title, len(n.Events), len(n.Versions))
		}
		for _, p := range n.Positions {
			if _, ok := p["reservation"]; ok {
				t.Errorf("a reservation value the party keeps to itself is exported: %v", p)
			}
		}
	})

	// The demo's draft stances are the parties' own; no export of the
	// negotiation carries them.
	t.Run("confidential", func(t *testing.T) {
		var secrets []string
		for _, s := range cs.Stances {
			if s.Visibility != parley.VisibilityPublished {
				secrets = append(secrets, s.Note)
			}
		}
		if len(secrets) == 0 {
			t.Fatal("the demo has no confidential stance to test with")
		}
		for _, format := range []string{"timelinejs", "csv", "json"} {
			out := c.ok("export", title, "--format", format)
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("%s export holds the confidential note %q", format, s)
				}
			}
		}
	})
}

func TestExportUsage(t *testing.T) {
	c, plan := demoCLI(t)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export"}, 2, "want one VERSION id or NEGOTIATION"},
		{[]string{"export", plan, "--format", "pdf"}, 2, `--format "pdf"`},
		{[]string{"export", "abc", "--format", "akn"}, 2, `"abc" is not a version id`},
		{[]string{"export", "--negotiation", "1", "--format", "text"}, 2, "exports a version"},
		{[]string{"export", plan, "--negotiation", "1"}, 2, "not both"},
		{[]string{"export", "999", "--format", "akn"}, 1, "version 999"},
		{[]string{"export", "999", "--format", "timelinejs"}, 1, "negotiation 999"},
		{[]string{"export", "No such talks", "--format", "csv"}, 1, `negotiation "No such talks"`},
		{[]string{"export", "-h"}, 0, ""},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, errOut, code := c.run(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}
