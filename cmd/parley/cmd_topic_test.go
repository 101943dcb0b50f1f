package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestTopic: points get topics suggested with their evidence words, from a
// file or a stored version; a person corrects or confirms them, the
// decision wins and the view shows what each version added and dropped,
// with the stances kept to a party hidden unless revealed.
func TestTopic(t *testing.T) {
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
		"2. All prisoners of war are exchanged within sixty days.\n")
	second := write("second.txt", "1. Сторони припиняють бойові дії вздовж лінії зіткнення.\n"+
		"2. Санкції знімаються поступово.\n")

	if out := c.ok("topic", "suggest", first); !strings.Contains(out, "ceasefire") || !strings.Contains(out, `"line of contact"`) || !strings.Contains(out, "justice") {
		t.Fatalf("topic suggest FILE:\n%s", out)
	}
	if out := c.ok("topic", "list"); !strings.Contains(out, "transitional") && !strings.Contains(out, "Transitional") {
		t.Fatalf("topic list:\n%s", out)
	}

	var v1, v2 struct{ Version int64 }
	c.jsonOf(&v1, "import", first, "--negotiation", "Talks", "--label", "First", "--party", "US")
	c.jsonOf(&v2, "import", second, "--negotiation", "Talks", "--label", "Second", "--party", "US", "--parent", strconv.FormatInt(v1.Version, 10))
	id1, id2 := strconv.FormatInt(v1.Version, 10), strconv.FormatInt(v2.Version, 10)

	var got struct {
		Points []struct {
			Point   string
			Topics  []string
			Decided bool
		}
	}
	c.jsonOf(&got, "topic", "suggest", id2, "--format", "json")
	if len(got.Points) != 2 || !slices.Equal(got.Points[1].Topics, []string{"economy"}) || got.Points[1].Decided {
		t.Fatalf("topic suggest of the Ukrainian version: %+v", got.Points)
	}
	if out := c.ok("topic", "set", id1, "2", "justice,reconstruction", "--note", "the exchange is humanitarian too"); !strings.Contains(out, "justice, reconstruction (correct)") {
		t.Fatalf("topic set: %s", out)
	}
	c.ok("topic", "set", id2, "1", "--confirm")
	c.jsonOf(&got, "topic", "suggest", id1, "--format", "json")
	if !slices.Equal(got.Points[1].Topics, []string{"justice", "reconstruction"}) || !got.Points[1].Decided {
		t.Fatalf("after the correction: %+v", got.Points[1])
	}
	for name, args := range map[string][]string{
		"unknown topic":      {"topic", "set", id1, "1", "weather"},
		"topics and confirm": {"topic", "set", id1, "1", "ceasefire", "--confirm"},
		"no point":           {"topic", "set", id1, "9", "ceasefire"},
		"unknown view":       {"topic", "view", "Talks", "weather"},
	} {
		if _, stderr, code := c.run(args...); code != 2 && code != 1 || stderr == "" {
			t.Errorf("%s: exit %d, %q; want a failure with a message", name, code, stderr)
		}
	}

	var shown struct {
		Points []struct {
			Topics        []string
			TopicsDecided bool `json:"topics_decided"`
		}
	}
	c.jsonOf(&shown, "show", id1, "--format", "json")
	if !slices.Equal(shown.Points[0].Topics, []string{"ceasefire"}) || shown.Points[0].TopicsDecided || !shown.Points[1].TopicsDecided {
		t.Fatalf("show --format json topics: %+v", shown.Points)
	}

	c.ok("stance", "set", id1, "1", "--party", "US", "--stance", "reject", "--date", "2025-11-22") // kept to the party
	var view struct {
		Versions []struct {
			Label          string
			Added, Dropped []string
			Points         []struct {
				Point   string
				Stances []struct{ Value string }
			}
		}
		Hidden int
	}
	c.jsonOf(&view, "topic", "view", "Talks", "ceasefire", "--format", "json")
	if len(view.Versions) != 2 || !slices.Equal(view.Versions[1].Added, []string{"economy"}) || !slices.Equal(view.Versions[1].Dropped, []string{"justice", "reconstruction"}) {
		t.Fatalf("topic view: %+v", view.Versions)
	}
	if len(view.Versions[0].Points) != 1 || len(view.Versions[0].Points[0].Stances) != 0 || view.Hidden != 1 {
		t.Fatalf("ceasefire points of the first version: %+v, hidden %d; want point 1 with its party-only stance hidden", view.Versions[0].Points, view.Hidden)
	}
	if out := c.ok("topic", "view", "Talks", "ceasefire", "--reveal"); !strings.Contains(out, "US: reject") {
		t.Fatalf("topic view --reveal:\n%s", out)
	}
}
