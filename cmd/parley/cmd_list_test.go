package main

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestListAndDemo(t *testing.T) {
	c := newCLI(t)
	if _, errOut, code := c.run("list"); code != 1 || !strings.Contains(errOut, "no database at") {
		t.Fatalf("list without a database: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(c.db); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("list created the database: %v", err)
	}
	if out := c.ok("demo"); !strings.Contains(out, "loaded the demo case") {
		t.Fatalf("demo = %q", out)
	}
	if out := c.ok("demo"); !strings.Contains(out, "already loaded") {
		t.Fatalf("second demo = %q", out)
	}
	var list struct {
		Negotiations []struct {
			ID       int64
			Title    string
			Versions []struct {
				ID      int64
				Label   string
				Points  int
				Parents []int64
			}
		}
	}
	c.jsonOf(&list, "list")
	if len(list.Negotiations) != 1 || len(list.Negotiations[0].Versions) < 4 {
		t.Fatalf("after demo: %+v", list)
	}
	var plan28 int64
	for _, v := range list.Negotiations[0].Versions {
		if v.Points == 32 && len(v.Parents) == 2 {
			plan28 = v.ID
		}
	}
	if plan28 == 0 {
		t.Fatalf("no version with 28 points plus 10(a)-(d) and two parents: %+v", list.Negotiations[0].Versions)
	}
	var shown struct {
		Points []struct {
			Path []string
			Text string
		}
	}
	c.jsonOf(&shown, "show", strconv.FormatInt(plan28, 10))
	got := map[string]string{}
	for _, p := range shown.Points {
		got[strings.Join(p.Path, "/")] = p.Text
	}
	for _, key := range []string{"1", "6", "10", "10/a", "10/d", "28"} {
		if got[key] == "" {
			t.Errorf("28-point plan lacks point %s", key)
		}
	}
	if !strings.Contains(got["6"], "600,000") {
		t.Errorf("point 6 = %q, want the 600,000 cap", got["6"])
	}
	text := c.ok("list")
	if !strings.Contains(text, list.Negotiations[0].Title) || !strings.Contains(text, "28-point") {
		t.Fatalf("text list:\n%s", text)
	}
}
