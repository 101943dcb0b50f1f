package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"parley/ingest"
)

const eightPoints = `Framework for a ceasefire

Draft text for discussion.

1. The parties cease all hostilities at 00:00 on the day after signature.
2. Forces withdraw 15 kilometres from the line of contact within
   ten days.
3. An international mission monitors the ceasefire.
4. Prisoners are exchanged on an all-for-all basis.
5. A joint commission is set up, which shall:
   (a) record violations;
   (b) settle disputes between the
       parties by consensus;
   (c) report monthly to the guarantors.
6. Humanitarian corridors open within 48 hours.
7. Elections are held within one year.
8. This agreement enters into force on signature.
`

func writeFile(tb testing.TB, name string, body []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestImportThenShow(t *testing.T) {
	c := newCLI(t)
	out := c.ok("import", writeFile(t, "plan.txt", []byte(eightPoints)), "--negotiation", "Ceasefire", "--label", "Draft 1",
		"--date", "2025-11-20", "--status", "proposal", "--party", "US", "--source", "Envoy text", "--grade", "B2")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	fields := strings.Fields(lines[len(lines)-1])
	id := fields[len(fields)-1]
	if id != "1" {
		t.Fatalf("last word of the output = %q, want the version id 1\n%s", id, out)
	}

	var shown struct {
		Label    string
		Date     string
		Status   string
		Party    string
		Preamble string
		Points   []struct {
			Path  []string
			Label string
			Text  string
		}
	}
	c.jsonOf(&shown, "show", id)
	want := []struct {
		path []string
		text string
	}{
		{[]string{"1"}, "The parties cease all hostilities at 00:00 on the day after signature."},
		{[]string{"2"}, "Forces withdraw 15 kilometres from the line of contact within ten days."},
		{[]string{"3"}, "An international mission monitors the ceasefire."},
		{[]string{"4"}, "Prisoners are exchanged on an all-for-all basis."},
		{[]string{"5"}, "A joint commission is set up, which shall:"},
		{[]string{"5", "a"}, "record violations;"},
		{[]string{"5", "b"}, "settle disputes between the parties by consensus;"},
		{[]string{"5", "c"}, "report monthly to the guarantors."},
		{[]string{"6"}, "Humanitarian corridors open within 48 hours."},
		{[]string{"7"}, "Elections are held within one year."},
		{[]string{"8"}, "This agreement enters into force on signature."},
	}
	if len(shown.Points) != len(want) {
		t.Fatalf("%d points, want %d: %+v", len(shown.Points), len(want), shown.Points)
	}
	for i, w := range want {
		p := shown.Points[i]
		if !reflect.DeepEqual(p.Path, w.path) || p.Text != w.text {
			t.Errorf("point %d = %v %q, want %v %q", i, p.Path, p.Text, w.path, w.text)
		}
	}
	if shown.Label != "Draft 1" || shown.Date != "2025-11-20" || shown.Status != "proposal" || shown.Party != "US" {
		t.Errorf("metadata = %+v", shown)
	}
	if !strings.Contains(shown.Preamble, "Framework for a ceasefire") {
		t.Errorf("preamble = %q", shown.Preamble)
	}

	// A second version derives from the first.
	out = c.ok("import", writeFile(t, "counter.txt", []byte(strings.Replace(eightPoints, "48 hours", "24 hours", 1))),
		"--negotiation", "ceasefire", "--label", "Counter", "--parent", "1", "--party", "Ukraine")
	if !strings.HasSuffix(strings.TrimSpace(out), "version 2") {
		t.Fatalf("second import output = %q", out)
	}
	text := c.ok("show", "2")
	if !strings.Contains(text, "    (b) settle disputes between the parties by consensus;") || !strings.Contains(text, "from version 1") {
		t.Fatalf("text outline:\n%s", text)
	}
}

func TestImportBadInput(t *testing.T) {
	c := newCLI(t)
	// One good version, so that "nothing changed" is a real check.
	c.ok("import", writeFile(t, "plan.txt", []byte(eightPoints)), "--negotiation", "Existing", "--label", "v1")
	before := c.ok("list", "--format", "json")

	big := bytes.Repeat([]byte("1. A point that repeats.\n"), ingest.MaxBytes/20)
	cases := []struct {
		name string
		file string
		body []byte
		args []string
		want string
	}{
		{"empty", "empty.txt", nil, nil, "empty"},
		{"only whitespace", "blank.txt", []byte("  \n\n\t\n"), nil, "empty"},
		{"latin-1", "latin1.txt", []byte("1. Caf\xe9 au lait.\n2. Second.\n"), nil, "UTF-8"},
		{"binary", "image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), nil, "binary"},
		{"too large", "huge.txt", big, nil, "limit"},
		{"no numbered points", "prose.txt", []byte("This is a letter.\n\nIt has paragraphs but no numbers.\n"), nil, "no numbered points"},
		{"missing file", "", nil, nil, "cannot read"},
		{"bad date", "plan.txt", []byte(eightPoints), []string{"--date", "2025-13"}, "month"},
		{"bad status", "plan.txt", []byte(eightPoints), []string{"--status", "rumoured"}, "status"},
		{"bad parent", "plan.txt", []byte(eightPoints), []string{"--parent", "99"}, "--parent 99"},
		{"parent not a number", "plan.txt", []byte(eightPoints), []string{"--parent", "first"}, "--parent"},
		{"bad grade", "plan.txt", []byte(eightPoints), []string{"--source", "Leak", "--grade", "Z9"}, "--grade"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "does-not-exist.txt")
			if tt.file != "" {
				path = writeFile(t, tt.file, tt.body)
			}
			for _, negotiation := range []string{"Existing", "Brand new"} {
				args := append([]string{"import", path, "--negotiation", negotiation, "--label", "bad"}, tt.args...)
				_, errOut, code := c.run(args...)
				if code != 2 {
					t.Fatalf("%s: exit %d, want 2; stderr %q", negotiation, code, errOut)
				}
				if !strings.Contains(errOut, tt.want) {
					t.Fatalf("%s: stderr %q does not name the problem (%q)", negotiation, errOut, tt.want)
				}
			}
		})
	}
	if after := c.ok("list", "--format", "json"); after != before {
		t.Fatalf("bad input changed the database:\nbefore %s\nafter %s", before, after)
	}
}

// TestImportDocuments imports the Word, HTML and PDF versions of a plan
// (ingest/testdata/formats) and checks that each gives the points of the
// plain text, whatever its file is called.
func TestImportDocuments(t *testing.T) {
	dir := filepath.Join("..", "..", "ingest", "testdata", "formats")
	type point struct {
		Path  []string
		Label string
		Text  string
	}
	var shown struct{ Points []point }
	c := newCLI(t)
	c.ok("import", filepath.Join(dir, "plan-28.txt"), "--negotiation", "Plan", "--label", "text")
	c.jsonOf(&shown, "show", "1")
	want := shown.Points
	if len(want) != 32 {
		t.Fatalf("the plain text has %d points, want 32", len(want))
	}
	id := 1
	for _, tt := range []struct{ file, input, format string }{
		{"plan-28.docx", "", "docx"},
		{"plan-28.html", "", "html"},
		{"plan-28.pdf", "", "pdf"},
		{"plan-28.docx", "docx", "docx"}, // a name that says nothing, with --input
	} {
		t.Run(tt.format+"/"+tt.input, func(t *testing.T) {
			if tt.format == "pdf" {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					if os.Getenv("CI") != "" {
						t.Fatal("pdftotext is not installed (poppler-utils); CI must install it")
					}
					t.Skip("pdftotext is not installed")
				}
			}
			path := filepath.Join(dir, tt.file)
			args := []string{"import", path, "--negotiation", "Plan", "--label", "from " + tt.file + tt.input}
			if tt.input != "" {
				body, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				args[1] = writeFile(t, "download", body)
				args = append(args, "--input", tt.input, "--again") // the same text, read as another format
			}
			c.ok(args...)
			id++
			shown.Points = nil
			c.jsonOf(&shown, "show", strconv.Itoa(id))
			if len(shown.Points) != len(want) {
				t.Fatalf("%d points, want %d", len(shown.Points), len(want))
			}
			for i, p := range shown.Points {
				w := want[i]
				if !reflect.DeepEqual(p.Path, w.Path) || p.Label != w.Label || strings.Join(strings.Fields(p.Text), " ") != strings.Join(strings.Fields(w.Text), " ") {
					t.Errorf("point %d = %+v, want %+v", i, p, w)
				}
			}
		})
	}
	_, errOut, code := c.run("import", filepath.Join(dir, "plan-28.txt"), "--negotiation", "Plan", "--label", "x", "--input", "rtf")
	if code != 2 || !strings.Contains(errOut, `--input "rtf": want text, markdown, html, docx, pdf`) {
		t.Errorf("--input rtf: exit %d, %q", code, errOut)
	}
}

// Importing a text the negotiation already holds says which version it is
// and stores nothing, unless --again asks for a second copy; a
// negotiation named by its id is the same negotiation.
func TestImportSameTextTwice(t *testing.T) {
	c := newCLI(t)
	f := writeFile(t, "plan.txt", []byte("1. Ceasefire along the line of contact.\n2. Exchange of prisoners.\n"))
	c.ok("import", f, "--negotiation", "Talks", "--label", "first")
	_, errOut, code := c.run("import", f, "--negotiation", "Talks", "--label", "second")
	if code != 1 || !strings.Contains(errOut, `already version 1 ("first") of "Talks"`) {
		t.Fatalf("second import: exit %d, %q", code, errOut)
	}
	var list struct {
		Negotiations []struct{ Versions []struct{ Label string } }
	}
	c.jsonOf(&list, "list")
	if len(list.Negotiations) != 1 || len(list.Negotiations[0].Versions) != 1 {
		t.Fatalf("refused import stored something: %+v", list)
	}
	c.ok("import", f, "--negotiation", "1", "--label", "again", "--again")
	c.jsonOf(&list, "list")
	if len(list.Negotiations) != 1 || len(list.Negotiations[0].Versions) != 2 {
		t.Fatalf("--again with the negotiation's id: %+v", list)
	}
}
