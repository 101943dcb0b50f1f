package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"parley"
)

// copyFile copies a file into dir under name.
func copyFile(t *testing.T, from, dir, name string) string {
	t.Helper()
	body, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(dir, name)
	if err := os.WriteFile(to, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return to
}

// importSummary is the JSON summary of an import of several files.
type importSummary struct {
	Negotiation int64
	Versions    []struct {
		File, Label     string
		Version         int64
		Points          int
		Warnings        []struct{ Code string }
		Carried_stances int
	}
	Points, Warnings int
}

// TestImportMany imports a directory (Akoma Ntoso from other tools,
// parley's own exports, a text) in one transaction and checks the
// summary, the labels and dates the files give, and the versions stored.
func TestImportMany(t *testing.T) {
	c, plan := demoCLI(t)
	dir := t.TempDir()
	for _, name := range []string{"act.xml", "bill.xml", "doc.xml"} {
		copyFile(t, filepath.Join("../../ingest/testdata/akn", name), dir, name)
	}
	c.ok("export", plan, "--format", "json", "--output", filepath.Join(dir, "plan.json"))
	copyFile(t, "../../ingest/testdata/formats/roman-lists.txt", dir, "roman lists.txt")
	if err := os.WriteFile(filepath.Join(dir, ".notes"), []byte("not a text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "old"), 0o755); err != nil {
		t.Fatal(err)
	}

	var sum importSummary
	c.jsonOf(&sum, "import", dir, "--negotiation", "Imported texts", "--status", "draft")
	want := []struct {
		file, label string
		points      int
	}{
		{"act.xml", "Water Sharing Act 2024", 9},
		{"bill.xml", "Ceasefire Monitoring Bill", 7},
		{"doc.xml", "Chair's negotiating text, third revision", 9},
		{"plan.json", "28-point plan", 32},
		{"roman lists.txt", "roman lists", 20},
	}
	if len(sum.Versions) != len(want) {
		t.Fatalf("summary: %+v", sum)
	}
	total := 0
	for i, w := range want {
		got := sum.Versions[i]
		if filepath.Base(got.File) != w.file || got.Label != w.label || got.Points != w.points || got.Version == 0 || got.Warnings == nil {
			t.Errorf("file %d: %+v, want %+v", i, got, w)
		}
		total += w.points
	}
	if sum.Points != total || sum.Warnings != 0 {
		t.Errorf("totals: %d points, %d warnings", sum.Points, sum.Warnings)
	}
	// The act's date is its expression's; its format and points are kept.
	act := storedVersion(t, c, strconv.FormatInt(sum.Versions[0].Version, 10))
	if act.Date.String() != "2024-04-01" || act.Format != "akn" || act.Points[2].Label != "1." || strings.Join(act.Points[2].Path, ".") != "2.1" {
		t.Errorf("act: date %s, format %s, point %+v", act.Date, act.Format, act.Points[2])
	}
	// The plan comes back with the points it was exported with.
	if !samePointsAs(storedVersion(t, c, plan).Points, storedVersion(t, c, strconv.FormatInt(sum.Versions[3].Version, 10)).Points) {
		t.Error("the plan's JSON did not import to its points")
	}

	// The text summary: a line per file and the totals.
	out := c.ok("import", filepath.Join(dir, "act.xml"), filepath.Join(dir, "bill.xml"), "--negotiation", "Other", "--date", "2025-01")
	if !strings.Contains(out, "act.xml: version ") || !strings.Contains(out, `"Water Sharing Act 2024", 9 points, 0 warnings`) ||
		!strings.Contains(out, `imported 2 files into "Other": 16 points, 0 warnings`) {
		t.Errorf("summary:\n%s", out)
	}
}

// TestImportManyAllOrNothing checks that one bad or refused file stores
// nothing of the others, not even the new negotiation.
func TestImportManyAllOrNothing(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	good := copyFile(t, "../../ingest/testdata/akn/act.xml", dir, "act.xml")
	bad := writeTemp(t, "broken.akn", "<akomaNtoso><act><body><article><num>1</num>")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{good, bad}, 2, "cannot read broken.akn as XML"},
		{[]string{good, good}, 1, "act.xml: the same text is already version"},
		{[]string{good, bad, "--label", "x"}, 2, "--label names one version"},
		{[]string{good, "-"}, 2, "standard input"},
		{[]string{t.TempDir()}, 2, "holds no files"},
		{[]string{good, filepath.Join(dir, "missing.txt")}, 2, "missing.txt"},
	} {
		_, errOut, code := c.run(append([]string{"import", "--negotiation", "New"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("import %v: exit %d, %s", tt.args, code, errOut)
		}
	}
	if out, _, _ := c.run("list"); strings.Contains(out, "New") {
		t.Errorf("a failed import left:\n%s", out)
	}
}

// samePointsAs reports two lists of the same points: paths, labels,
// headings and texts, exactly.
func samePointsAs(a, b []parley.Point) bool {
	return slices.EqualFunc(a, b, func(p, q parley.Point) bool {
		return slices.Equal(p.Path, q.Path) && p.Label == q.Label && p.Heading == q.Heading && p.Text == q.Text
	})
}
