package export

import (
	"fmt"
	"html"
	"math"
	"strings"
	"time"

	"parley"
)

// TimelineSVG draws the events along a line of months: one tick per
// event, labelled alternately above and below.
func TimelineSVG(events []*parley.Event) string {
	if len(events) == 0 {
		return ""
	}
	// Months are the unit of the axis; a day is a 31st of its month. An
	// event sits at the middle of the days its date may mean (a month's
	// middle, a season's, an interval's), and a date that spans more than
	// a day is drawn as a bar from its first day to its last.
	month := func(t time.Time) float64 {
		return float64(t.Year())*12 + float64(t.Month()-1) + float64(t.Day()-1)/31
	}
	type place struct{ from, mid, to float64 }
	places := make([]place, len(events))
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, e := range events {
		from, to, ok := e.Date.Span()
		if !ok {
			places[k] = place{from: math.NaN()} // unknown: placed at the start below
			continue
		}
		p := place{from: month(from), to: month(to) + 1.0/31}
		p.mid = (p.from + p.to) / 2
		places[k] = p
		lo, hi = min(lo, p.from), max(hi, p.to)
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	for k := range places {
		if math.IsNaN(places[k].from) {
			places[k] = place{lo, lo, lo}
		}
	}
	if hi-lo < 1 {
		hi = lo + 1
	}
	const width, left, right = 960, 20, 20
	height := 110 + 16*len(events)
	x := func(m float64) float64 { return left + (m-lo)/(hi-lo)*float64(width-left-right) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="Timeline" font-family="system-ui, sans-serif" font-size="11">`, width, height)
	axis := 40
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#8792a0" stroke-width="2"/>`, left, axis, width-right, axis)
	for m := int(lo); m <= int(hi); m++ {
		xm := left + (float64(m)-lo)/(hi-lo)*float64(width-left-right)
		if xm < left || xm > float64(width-right) {
			continue
		}
		fmt.Fprintf(&b, `<text x="%.0f" y="%d" fill="#5f6b7a" text-anchor="middle">%04d-%02d</text>`, xm, axis-10, m/12, m%12+1)
	}
	for k, e := range events {
		xe := x(places[k].mid)
		y := 70 + 16*k
		if !e.Date.Exact() || e.Date.Precision() != parley.PrecisionDay {
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="6" stroke-opacity="0.35" stroke-linecap="round"><title>%s</title></line>`,
				x(places[k].from), axis, x(places[k].to), axis, eventColour(e.Kind), html.EscapeString(e.Date.Words()))
		}
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#c5ccd6"/>`, xe, axis, xe, y-4)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%d" r="4" fill="%s"><title>%s</title></circle>`, xe, axis, eventColour(e.Kind), html.EscapeString(e.Kind))
		anchor, dx := "start", 4.0
		if xe > float64(width)*0.6 {
			anchor, dx = "end", -4
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="%s"><tspan fill="#5f6b7a">%s</tspan> %s</text>`,
			xe+dx, y, anchor, html.EscapeString(DateLabel(e.Date)), html.EscapeString(shortTitle(e.Title)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// DateLabel is a date as a page shows it beside a title: as written when
// it is exact, in words when it is not ("around November 2025").
func DateLabel(d parley.Date) string {
	if d.Exact() {
		return d.String()
	}
	return d.Words()
}

// eventColour is the colour of an event's mark by its kind (the kind is
// also in the mark's title and in the table beside the chart).
func eventColour(kind string) string {
	switch kind {
	case parley.EventLeak:
		return "#d64541"
	case parley.EventSummit, parley.EventMeeting, parley.EventTalks:
		return "#1f5f99"
	case parley.EventCall:
		return "#8d5bbf"
	}
	return "#8792a0"
}

// shortTitle cuts a title to 40 characters for a chart's label.
func shortTitle(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
