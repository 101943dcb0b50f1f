package main

import (
	"fmt"
	"io"
	"time"
)

// progress shows how far a long piece of work has come, on standard error
// and only on a terminal, at most ten times a second.
type progress struct {
	w     io.Writer
	what  string
	total int
	last  time.Time
	shown bool
}

// newProgress returns a progress display for total steps, or one that
// shows nothing when w is not a terminal or the work is short.
func newProgress(w io.Writer, what string, total int, worthIt bool) *progress {
	if !worthIt || !isTerminal(w) {
		return &progress{}
	}
	return &progress{w: w, what: what, total: total}
}

// step reports that done steps are finished.
func (p *progress) step(done int) {
	if p.w == nil || time.Since(p.last) < 100*time.Millisecond && done < p.total {
		return
	}
	p.last = time.Now()
	p.shown = true
	width := 30
	filled := width * done / max(p.total, 1)
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '.'
		if i < filled {
			bar[i] = '#'
		}
	}
	fmt.Fprintf(p.w, "\r%s [%s] %d/%d", p.what, bar, done, p.total)
}

// done shows the finished count and ends the display; called again (as
// a deferred call after the explicit one), it shows nothing.
func (p *progress) done() {
	if p.shown {
		p.last = time.Time{}
		p.step(p.total)
		fmt.Fprintln(p.w)
	}
	p.w, p.shown = nil, false
}
