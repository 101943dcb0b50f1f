package main

import (
	"bytes"
	"strings"
	"testing"
)

// The bar ends with the finished count once, however often done is
// called (a command calls it before its output and again deferred).
func TestProgressDoneOnce(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, what: "eval", total: 4}
	p.step(0)
	p.step(4)
	p.done()
	buf.WriteString("OUTPUT\n")
	p.done()
	p.step(2)
	out := buf.String()
	if !strings.HasSuffix(out, "OUTPUT\n") || strings.Count(out, "4/4") != 2 || !strings.Contains(out, "\reval [##############################] 4/4\n") {
		t.Errorf("progress output %q", out)
	}
}
