package align_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"parley/align"
)

func TestZZDump(t *testing.T) {
	f := os.Getenv("SEGDUMP")
	if f == "" {
		t.Skip()
	}
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	seg := align.Segment(string(b))
	fmt.Printf("PREAMBLE: %.200q\n", seg.Preamble)
	full := os.Getenv("FULL") != ""
	for _, p := range seg.Points {
		txt := p.Text
		if !full && len(txt) > 70 {
			txt = txt[:70] + "…"
		}
		fmt.Printf("%5d %-22s %-12s H=%q %q\n", p.Line, strings.Join(p.Path, "/"), p.Label, p.Heading, txt)
	}
}
