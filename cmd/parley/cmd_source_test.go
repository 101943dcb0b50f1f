package main

import (
	"strconv"
	"strings"
	"testing"
)

// Sources from the command line: added with their grade, listed,
// regraded with the revision read (a stale one refused), the grades
// before kept; bad input names the flag.
func TestSourceAddListGrade(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	out := c.ok("source", "add", "--negotiation", demoTitle, "--title", "Wire report of 3 December", "--kind", "press",
		"--grade", "b2", "--publisher", "Reuters", "--url", "https://example.org/wire", "--date", "2025-12-03")
	if !strings.HasPrefix(out, "added source ") || !strings.Contains(out, "graded B2") {
		t.Fatalf("source add: %s", out)
	}
	var added struct {
		ID          int64
		Reliability string
		Credibility int
		Revision    int64
	}
	c.jsonOf(&added, "source", "add", "--negotiation", demoTitle, "--title", "Envoy's statement", "--kind", "statement", "--grade", "C3")
	if added.ID == 0 || added.Reliability != "C" || added.Credibility != 3 || added.Revision != 1 {
		t.Fatalf("source add --format json: %+v", added)
	}
	id := strconv.FormatInt(added.ID, 10)

	var list struct {
		Sources []struct {
			ID    int64
			Title string
		}
	}
	c.jsonOf(&list, "source", "list", "--negotiation", demoTitle)
	if len(list.Sources) < 3 || list.Sources[len(list.Sources)-1].Title != "Envoy's statement" {
		t.Fatalf("source list: %+v", list)
	}
	if out := c.ok("source", "list", "--negotiation", demoTitle); !strings.Contains(out, "B2") || !strings.Contains(out, "Wire report of 3 December") {
		t.Fatalf("source list text: %s", out)
	}

	out = c.ok("source", "grade", id, "--negotiation", demoTitle, "--grade", "D4", "--note", "contradicted by the readout", "--revision", "1")
	if !strings.Contains(out, "D4, was C3 (revision 2)") {
		t.Fatalf("source grade: %s", out)
	}
	c.fails(1, "regraded since", "source", "grade", id, "--negotiation", demoTitle, "--grade", "A1", "--revision", "1")
	var regraded struct{ Reliability string }
	c.jsonOf(&regraded, "source", "grade", "envoy's STATEMENT", "--negotiation", demoTitle, "--grade", "E5")
	if regraded.Reliability != "E" {
		t.Fatalf("source grade by title --format json: %+v", regraded)
	}
	out = c.ok("source", "history", id, "--negotiation", demoTitle)
	if !strings.Contains(out, "C3") || !strings.Contains(out, "D4") || !strings.Contains(out, "contradicted by the readout") || !strings.Contains(out, "E5") {
		t.Fatalf("source history: %s", out)
	}

	c.fails(2, "--grade", "source", "add", "--negotiation", demoTitle, "--title", "x", "--kind", "press", "--grade", "G1")
	c.fails(2, "--grade is required", "source", "add", "--negotiation", demoTitle, "--title", "x", "--kind", "press")
	c.fails(2, "--kind", "source", "add", "--negotiation", demoTitle, "--title", "x", "--kind", "rumour", "--grade", "A1")
	c.fails(2, "--url", "source", "add", "--negotiation", demoTitle, "--title", "x", "--kind", "press", "--grade", "A1", "--url", "ftp://x")
	c.fails(2, "--date", "source", "add", "--negotiation", demoTitle, "--title", "x", "--kind", "press", "--grade", "A1", "--date", "2025-13")
	c.fails(1, "not found", "source", "grade", "999999", "--negotiation", demoTitle, "--grade", "A1")
	c.fails(2, "want exactly one SOURCE", "source", "grade", "--negotiation", demoTitle, "--grade", "A1")

	// Importing a text with an existing source and another grade is
	// refused rather than silently keeping the old grade.
	c.fails(1, "regrade it first", "import", writeFile(t, "again.txt", []byte("1. One point.\n2. Another.\n")), "--negotiation", demoTitle, "--label", "Graded again",
		"--source", "Wire report of 3 December", "--grade", "A1")
	c.ok("import", writeFile(t, "same.txt", []byte("1. A third point.\n2. A fourth.\n")), "--negotiation", demoTitle, "--label", "Same grade", "--source", "Wire report of 3 December")
}
