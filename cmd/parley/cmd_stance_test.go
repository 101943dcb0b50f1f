package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestStance: stances are set, changed, listed with the points' agreement
// and kept with their history; a new version gets them carried to its
// linked points, to confirm, the reworded point's too.
func TestStance(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	first := write("first.txt", "1. The parties shall cease all hostilities along the line of contact.\n"+
		"2. Foreign forces shall leave the territory within ninety days.\n"+
		"3. An international monitoring mission shall verify the ceasefire.\n")
	second := write("second.txt", "1. The parties shall cease all hostilities along the line of contact.\n"+
		"2. Foreign forces shall leave the territory within one hundred and eighty days, in stages.\n")
	var v1 struct{ Version int64 }
	c.jsonOf(&v1, "import", first, "--negotiation", "Talks", "--label", "First", "--party", "US")
	id1 := strconv.FormatInt(v1.Version, 10)

	out := c.ok("stance", "set", id1, "1", "--party", "US", "--stance", "accept-with-changes", "--date", "2025-11-20", "--visibility", "published", "--note", "wording")
	if !strings.Contains(out, "recorded US's stance on point 1") || !strings.Contains(out, "accept with changes") || !strings.Contains(out, "revision 1") {
		t.Fatalf("stance set: %s", out)
	}
	if out := c.ok("stance", "list", id1); !strings.Contains(out, "0 agreed, 3 open") {
		t.Fatalf("accept with changes counts as agreed:\n%s", out)
	}
	out = c.ok("stance", "set", id1, "1", "--party", "us", "--stance", "accept", "--date", "2025-11-22")
	if !strings.Contains(out, "changed US's stance") || !strings.Contains(out, "revision 2") || !strings.Contains(out, "seen by published") {
		t.Fatalf("stance set again: %s", out)
	}
	c.ok("stance", "set", id1, "2", "--party", "US", "--stance", "red-line", "--date", "2025-11-22", "--visibility", "published")
	c.ok("stance", "set", id1, "3", "--party", "US", "--stance", "reject", "--date", "2025-11-22") // kept to the party
	out = c.ok("stance", "list", id1)
	if !strings.Contains(out, "1 agreed, 1 open, 1 blocked") || !strings.Contains(out, "1 kept to their party") || strings.Contains(out, "reject") {
		t.Fatalf("stance list:\n%s", out)
	}
	if out := c.ok("stance", "list", id1, "--reveal"); !strings.Contains(out, "reject") {
		t.Fatalf("stance list --reveal:\n%s", out)
	}
	var hist struct {
		Stances []struct {
			Point, Party, Value, Date string
			Revision                  int64
		}
	}
	c.jsonOf(&hist, "stance", "history", id1, "1")
	if len(hist.Stances) != 2 || hist.Stances[0].Value != "accept_with_changes" || hist.Stances[1].Value != "accept" || hist.Stances[1].Date != "2025-11-22" || hist.Stances[1].Revision != 2 {
		t.Fatalf("history: %+v", hist.Stances)
	}

	// A new version: point 1 unchanged, point 2 reworded, point 3 gone.
	var v2 struct {
		Version int64
		Carried int `json:"carried_stances"`
	}
	c.jsonOf(&v2, "import", second, "--negotiation", "Talks", "--label", "Second", "--party", "US", "--parent", id1)
	id2 := strconv.FormatInt(v2.Version, 10)
	if v2.Carried != 2 {
		t.Fatalf("carried %d stances, want 2 (points 1 and 2)", v2.Carried)
	}
	var list struct {
		Stances []struct {
			Point, Value string
			Kind         string `json:"carried_kind"`
			ToConfirm    bool   `json:"to_confirm"`
		}
		Points map[string]string
	}
	c.jsonOf(&list, "stance", "list", id2)
	if len(list.Stances) != 2 || list.Stances[0].Kind != "unchanged" || list.Stances[1].Kind != "reworded" || !list.Stances[0].ToConfirm || !list.Stances[1].ToConfirm ||
		list.Stances[0].Value != "accept" || list.Stances[1].Value != "red_line" {
		t.Fatalf("carried stances: %+v", list.Stances)
	}
	// A carried accept agrees nothing until it is confirmed.
	if list.Points["1"] != "open" {
		t.Fatalf("point 1 with a carried accept is %q, want open", list.Points["1"])
	}
	if out := c.ok("stance", "list", id2); !strings.Contains(out, "carried, reworded: to confirm") {
		t.Fatalf("stance list does not mark the reworded point's stance:\n%s", out)
	}
	c.ok("stance", "set", id2, "1", "--party", "US", "--stance", "accept", "--date", "2025-12-01")
	c.jsonOf(&list, "stance", "list", id2)
	if list.Points["1"] != "agreed" || list.Stances[0].ToConfirm {
		t.Fatalf("after confirming: %+v %v", list.Stances, list.Points)
	}

	c.fails(2, "--stance", "stance", "set", id1, "1", "--party", "US", "--stance", "maybe")
	c.fails(2, "--stance is required", "stance", "set", id1, "1", "--party", "US")
	c.fails(2, "--party is required", "stance", "set", id1, "1", "--stance", "accept")
	c.fails(2, "--party \"XX\"", "stance", "set", id1, "1", "--party", "XX", "--stance", "accept")
	c.fails(2, "has no such point", "stance", "set", id1, "9", "--party", "US", "--stance", "accept")
	c.fails(2, "--date", "stance", "set", id1, "1", "--party", "US", "--stance", "accept", "--date", "2025-02-30")
	c.fails(2, "--visibility", "stance", "set", id1, "1", "--party", "US", "--stance", "accept", "--visibility", "everyone")
	c.fails(2, "--source", "stance", "set", id1, "1", "--party", "US", "--stance", "accept", "--source", "Nowhere")
	c.fails(2, "not a version id", "stance", "list", "abc")
	c.fails(2, "want VERSION and POINT", "stance", "set", id1)
	c.fails(1, "not found", "stance", "list", "999")
	c.fails(2, "unknown action", "stance", "sett")
}
