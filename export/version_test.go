package export_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"parley"
	"parley/export"
)

func TestVersionText(t *testing.T) {
	v := versionOf(t, filepath.Join("..", "demo", "data", "versions", "plan-28.txt"))
	var buf bytes.Buffer
	if err := export.WriteVersionText(&buf, v); err != nil {
		t.Fatal(err)
	}
	if buf.String() != v.Version.Text || parley.HashText(buf.String()) != v.Version.TextHash {
		t.Fatal("text export differs from the stored text")
	}
	v.Version.Text += "tampered"
	if err := export.WriteVersionText(&buf, v); err == nil {
		t.Fatal("a text that does not match its hash was written")
	}
}

func TestVersionJSON(t *testing.T) {
	v := versionOf(t, filepath.Join("..", "demo", "data", "versions", "plan-28.txt"))
	v.Parents = []*parley.Version{{ID: 1, Label: "April outline"}}
	v.Sources = []*parley.Source{{ID: 4, Title: "MP's text", Kind: parley.SourceLeak, Reliability: "B", Credibility: 2}}
	var buf bytes.Buffer
	if err := export.WriteVersionJSON(&buf, v); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Label         string
		DatePrecision string `json:"date_precision"`
		Party         string
		Parents       []export.VersionRef
		Sources       []export.SourceJSON
		PointCount    int `json:"point_count"`
		Points        []export.VersionPointJSON
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if got.Label != "28-point plan" || got.Party != "United States" || got.DatePrecision != "month" || got.PointCount != 32 || len(got.Points) != 32 ||
		len(got.Parents) != 1 || got.Parents[0].Label != "April outline" || len(got.Sources) != 1 || got.Sources[0].Grade != "B2" {
		t.Fatalf("JSON export: %+v", got)
	}
	p := got.Points[10] // 10(a)
	if strings.Join(p.Path, "/") != "10/a" || p.Label != "(a)" || p.Text == "" {
		t.Fatalf("point 10(a) = %+v", p)
	}
}

// hostile is a version whose every text tries to become markup.
func hostile() *export.Version {
	return &export.Version{
		Version: &parley.Version{ID: 9, Label: `<script>alert("x")</script> *draft*`, Status: parley.StatusDraft,
			Preamble: "# Not a heading\n\n> not a quote",
			Points: []parley.Point{
				{Path: []string{"1"}, Label: "1.", Heading: "<b>Bold?</b>", Text: "Use [a link](javascript:alert(1)) and <img src=x onerror=alert(1)> & _emphasis_."},
				{Path: []string{"1", "a"}, Label: "(a)", Text: "first line\n2. not a list\n- not a bullet"},
			}},
		Document: "Doc & <Co>",
	}
}

func TestVersionHTMLEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := export.WriteVersionHTML(&buf, hostile()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", "<img", "<b>Bold", "javascript:alert(1)\"", "Doc & <Co>"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML holds %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", `id="p_1_a"`, "&lt;img src=x", "Doc &amp; &lt;Co&gt;", "<!doctype html>"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(out, "<link") || strings.Contains(out, "src=\"http") {
		t.Error("the page fetches something")
	}
}

func TestVersionMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := export.WriteVersionMarkdown(&buf, hostile()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", " <img", "[a link](", "\n# Not", "\n> not", "_emphasis_", "*draft*"} {
		if strings.Contains(out, bad) {
			t.Errorf("Markdown holds %q unescaped:\n%s", bad, out)
		}
	}
	for _, want := range []string{"- **1. \\<b\\>Bold?\\</b\\>** Use", "  - **(a)** first line<br>\n    2\\. not a list<br>\n    \\- not a bullet", "\\# Not a heading"} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestScaleLabel(t *testing.T) {
	army := &parley.Issue{Name: "Army cap", Scale: parley.ScaleNumeric, Min: 0, Max: 1e6, Unit: "personnel"}
	pct := &parley.Issue{Name: "Share", Scale: parley.ScaleNumeric, Min: 0, Max: 100}
	opts := &parley.Issue{Name: "NATO", Scale: parley.ScaleOrdinal, Options: []string{"banned", "deferred", "open"}, Max: 2}
	for _, tc := range []struct {
		is   *parley.Issue
		v    float64
		want string
	}{
		{army, 629470, "629,000 personnel"},
		{army, 600000, "600,000 personnel"},
		{pct, 41.6, "42"},
		{pct, -3, "-3"},
		{opts, 1.4, "deferred"},
	} {
		if got := export.ScaleLabel(tc.is, tc.v); got != tc.want {
			t.Errorf("ScaleLabel(%s, %v) = %q, want %q", tc.is.Name, tc.v, got, tc.want)
		}
	}
}
