package export

import (
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"

	"parley"
	"parley/forecast"
)

// ScaleMark is one party on an issue's scale.
type ScaleMark struct {
	Party       string
	Ideal       float64
	Reservation *float64 // nil where the caller may not see it
}

// ScaleLabel writes a value of an issue's scale: the nearest option of an
// ordinal scale, a rounded number with its unit otherwise.
func ScaleLabel(is *parley.Issue, v float64) string {
	if is.Scale == parley.ScaleOrdinal {
		if k := int(math.Round(v)); k >= 0 && k < len(is.Options) {
			return is.Options[k]
		}
	}
	// A forecast is no more precise than a thousandth of the scale: round
	// to that, in whole units, and group the thousands ("629,000").
	step := 1.0
	if span := is.Max - is.Min; span >= 1000 {
		step = math.Pow(10, math.Floor(math.Log10(span))-3)
	}
	s := groupThousands(strconv.FormatFloat(math.Round(v/step)*step, 'f', 0, 64))
	if is.Unit != "" {
		s += " " + is.Unit
	}
	return s
}

// groupThousands puts commas between the thousands of a whole number.
func groupThousands(n string) string {
	sign := ""
	if strings.HasPrefix(n, "-") {
		sign, n = "-", n[1:]
	}
	var b strings.Builder
	for i, c := range n {
		if i > 0 && (len(n)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String()
}

// ScaleSVG draws an issue's scale with one row per party: a dot at its
// ideal and, where visible, a bar to its reservation value; and, when
// given, the forecast with its 80% interval as a band. Every text is
// escaped here.
func ScaleSVG(is *parley.Issue, marks []ScaleMark, fc *forecast.Forecast) string {
	const width, left, right, rowH, top = 720, 60, 30, 26, 30
	height := top + rowH*len(marks) + 34
	x := func(v float64) float64 {
		return left + (v-is.Min)/(is.Max-is.Min)*float64(width-left-right)
	}
	label := func(v float64) string { return ScaleLabel(is, v) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" font-family="system-ui, sans-serif" font-size="11">`,
		width, height, html.EscapeString(is.Name))
	axisY := height - 26
	if fc != nil {
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#3a9d5d" opacity="0.12"><title>80%% interval: %s to %s</title></rect>`,
			x(fc.Low), top-14, max(1, x(fc.High)-x(fc.Low)), axisY-top+14, html.EscapeString(label(fc.Low)), html.EscapeString(label(fc.High)))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#3a9d5d" stroke-width="2" stroke-dasharray="4 3"><title>forecast: %s</title></line>`,
			x(fc.Point), top-14, x(fc.Point), axisY, html.EscapeString(label(fc.Point)))
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#8792a0"/>`, left, axisY, width-right, axisY)
	fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#5f6b7a">%s</text>`, left, axisY+16, html.EscapeString(shorten(label(is.Min), 40)))
	fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#5f6b7a" text-anchor="end">%s</text>`, width-right, axisY+16, html.EscapeString(shorten(label(is.Max), 40)))
	for k, m := range marks {
		y := top + k*rowH
		fmt.Fprintf(&b, `<text x="4" y="%d" font-weight="600">%s</text>`, y+4, html.EscapeString(m.Party))
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#eef1f5"/>`, left, y, width-right, y)
		if m.Reservation != nil {
			a, c := x(m.Ideal), x(*m.Reservation)
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#e0a526" stroke-width="8" stroke-linecap="round" opacity="0.6"><title>%s: acceptable from %s to %s</title></line>`,
				a, y, c, y, html.EscapeString(m.Party), html.EscapeString(label(m.Ideal)), html.EscapeString(label(*m.Reservation)))
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%d" r="6" fill="#1f5f99"><title>%s wants %s</title></circle>`, x(m.Ideal), y, html.EscapeString(m.Party), html.EscapeString(label(m.Ideal)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// ForecastItem is one issue of a forecast picture.
type ForecastItem struct {
	Issue    *parley.Issue
	Marks    []ScaleMark
	Forecast *forecast.Forecast
}

// WriteForecastSVG draws a legend and then the issues one under the
// other, each on its scale with the parties, the forecast and its 80% band.
func WriteForecastSVG(w io.Writer, items []ForecastItem) error {
	ew := &errWriter{w: w}
	const width, titleH = 720, 22
	var body strings.Builder
	// The legend: what each mark means.
	body.WriteString(`<g font-size="11" fill="#333">` +
		`<circle cx="10" cy="12" r="5" fill="#1f5f99"/><text x="20" y="16">a party's ideal point</text>` +
		`<line x1="150" y1="12" x2="175" y2="12" stroke="#e0a526" stroke-width="8" stroke-linecap="round" opacity="0.6"/><text x="184" y="16">acceptable range, where visible</text>` +
		`<rect x="370" y="4" width="24" height="16" fill="#3a9d5d" opacity="0.12"/><text x="400" y="16">80% interval</text>` +
		`<line x1="490" y1="4" x2="490" y2="20" stroke="#3a9d5d" stroke-width="2" stroke-dasharray="4 3"/><text x="498" y="16">forecast</text></g>`)
	y := 28
	for _, it := range items {
		svg := ScaleSVG(it.Issue, it.Marks, it.Forecast)
		h := 30 + 26*len(it.Marks) + 34
		fmt.Fprintf(&body, `<text x="4" y="%d" font-weight="600" font-size="13">%s</text>`, y+16, html.EscapeString(it.Issue.Name))
		// Each issue's picture nests at its place, with its own viewBox.
		svg = strings.Replace(svg, "<svg ", fmt.Sprintf(`<svg x="0" y="%d" height="%d" `, y+titleH, h), 1)
		svg = strings.Replace(svg, ` width="100%"`, fmt.Sprintf(` width="%d"`, width), 1)
		body.WriteString(svg)
		y += titleH + h + 12
	}
	ew.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, sans-serif"><rect width="100%%" height="100%%" fill="#fff"/>%s</svg>`+"\n",
		width, y, width, y, body.String())
	return ew.err
}

// FormatNumber writes a number with its thousands grouped: 1,000,000.
func FormatNumber(x float64) string {
	return groupThousands(strconv.FormatFloat(x, 'f', -1, 64))
}

// ClaimsSVG draws the figures the parties claim on a numeric issue's
// scale: one row per claim, a dot at the figure and the party and figure
// written beside it (so the picture reads without colour or hovering).
// Every text is escaped here.
func ClaimsSVG(sc *ScaleJSON) string {
	const width, left, right, rowH, top = 720, 60, 30, 24, 22
	height := top + rowH*len(sc.Marks) + 30
	x := func(at float64) float64 { return left + at*float64(width-left-right) }
	unit := ""
	if sc.Unit != "" {
		unit = " " + sc.Unit
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" font-family="system-ui, sans-serif" font-size="11">`,
		width, height, html.EscapeString("Claimed figures on the scale of "+sc.Issue))
	axisY := height - 22
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#8792a0"/>`, left, axisY, width-right, axisY)
	fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#5f6b7a">%s</text>`, left, axisY+14, html.EscapeString(FormatNumber(sc.Min)+unit))
	fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#5f6b7a" text-anchor="end">%s</text>`, width-right, axisY+14, html.EscapeString(FormatNumber(sc.Max)+unit))
	for k, m := range sc.Marks {
		y := top + k*rowH
		verb := "says agreed:"
		if !m.Agreed {
			verb = "says not agreed:"
		}
		text := fmt.Sprintf("%s %s %s", m.Party, verb, m.Label)
		fmt.Fprintf(&b, `<text x="4" y="%d" font-weight="600">%s</text>`, y+4, html.EscapeString(m.Party))
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#eef1f5"/>`, left, y, width-right, y)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#c5ccd6" stroke-dasharray="2 3"/>`, x(m.At), y, x(m.At), axisY)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%d" r="6" fill="#1f5f99"><title>%s</title></circle>`, x(m.At), y, html.EscapeString(text))
		anchor, dx := "start", 10.0
		if m.At > 0.6 {
			anchor, dx = "end", -10
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="%s">%s</text>`, x(m.At)+dx, y+4, anchor, html.EscapeString(text))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
