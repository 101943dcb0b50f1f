package export

import (
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"parley"
	"parley/align"
)

// LineageJSON is the JSON form of a lineage: the versions and, for each
// thread, the paths it has in each version and the kind of each step.
type LineageJSON struct {
	Versions []LineageVersion `json:"versions"`
	Threads  []ThreadJSON     `json:"threads"`
}

// LineageVersion names one version of a lineage.
type LineageVersion struct {
	Label  string `json:"label"`
	Points int    `json:"points"`
}

// ThreadJSON is one provision through the versions.
type ThreadJSON struct {
	Paths [][][]string `json:"paths"` // per version, the paths that carry it
	Kinds []string     `json:"kinds"` // per step
	// Back is, per step, whether the provision comes back there after
	// missing from one or more versions (Kinds then compares with where
	// it was last seen); left out when it never does.
	Back []bool `json:"back,omitempty"`
}

// Lineage builds the JSON form of a lineage.
func Lineage(lin *align.Lineage, labels []string) *LineageJSON {
	out := &LineageJSON{}
	for k, v := range lin.Versions {
		out.Versions = append(out.Versions, LineageVersion{Label: labels[k], Points: len(v)})
	}
	for _, t := range lin.Threads {
		tj := ThreadJSON{Kinds: t.Kinds}
		if slices.Contains(t.Back, true) {
			tj.Back = t.Back
		}
		for k, ps := range t.Points {
			tj.Paths = append(tj.Paths, paths(lin.Versions[k], ps))
		}
		out.Threads = append(out.Threads, tj)
	}
	return out
}

// StepKind names the kind of step k for people: the link kind, or "back,
// reworded" where the provision comes back after a gap.
func (t *ThreadJSON) StepKind(k int) string {
	if k < len(t.Back) && t.Back[k] {
		return "back, " + t.Kinds[k]
	}
	return t.Kinds[k]
}

// evolutionRows is the evolution table: a header and one row per thread,
// alternating versions ("10(a)") and steps ("reworded").
func evolutionRows(l *LineageJSON) [][]string {
	header := []string{"thread"}
	for k, v := range l.Versions {
		if k > 0 {
			header = append(header, "→")
		}
		header = append(header, v.Label)
	}
	rows := [][]string{header}
	for n, t := range l.Threads {
		row := []string{fmt.Sprint(n + 1)}
		for k, ps := range t.Paths {
			if k > 0 {
				row = append(row, t.StepKind(k-1))
			}
			row = append(row, formatPaths(ps))
		}
		rows = append(rows, row)
	}
	return rows
}

// WriteLineageCSV writes the evolution table as CSV.
func WriteLineageCSV(w io.Writer, l *LineageJSON) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(evolutionRows(l)); err != nil {
		return err
	}
	return cw.Error()
}

// WriteLineageText writes the evolution table for a terminal.
func WriteLineageText(w io.Writer, l *LineageJSON) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, row := range evolutionRows(l) {
		for k := range row {
			if row[k] == "" {
				row[k] = "·"
			}
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

// Colours of link kinds, shared by the SVG and the pages.
var kindColours = map[string]string{
	align.Unchanged: "#b8c2cc",
	align.Reworded:  "#e0a526",
	align.Moved:     "#3d7fc4",
	align.Split:     "#8d5bbf",
	align.Merged:    "#8d5bbf",
	align.Deleted:   "#d64541",
	align.Added:     "#3a9d5d",
	align.Unknown:   "#8792a0",
}

// foldAbove is the number of points in a version above which the alluvial
// shows top-level points only, with their sub-points folded in.
const foldAbove = 120

// LineageSVGOptions tune the lineage diagram.
type LineageSVGOptions struct {
	// Href, when set, makes each box a link (to the point's page, where
	// its whole text is): version and point index the lineage.
	Href func(version, point int) string
}

// boxWords is how many characters of a point's first words its box shows
// after its number.
const boxWords = 26

// WriteLineageSVG draws the lineage as an alluvial diagram: one column per
// version, one box per point in document order with its number and first
// words, and a band for each link, coloured and named by its kind, so that
// one sees how, say, 28 points became 19. A point that comes back after
// missing from a version has a dashed band from where it was last seen.
func WriteLineageSVG(w io.Writer, lin *align.Lineage, labels []string, opts LineageSVGOptions) error {
	fold := false
	for _, v := range lin.Versions {
		fold = fold || len(v) > foldAbove
	}
	// Each version's boxes: point index -> box index.
	type box struct {
		label, words, title string
		depth, point        int
	}
	boxes := make([][]box, len(lin.Versions))
	boxOf := make([][]int, len(lin.Versions))
	for k, v := range lin.Versions {
		boxOf[k] = make([]int, len(v))
		for i, p := range v {
			if fold && p.Depth() > 1 && len(boxes[k]) > 0 {
				boxOf[k][i] = len(boxes[k]) - 1
				continue
			}
			boxOf[k][i] = len(boxes[k])
			title := PointText(&p)
			if r := []rune(title); len(r) > 160 {
				title = string(r[:160]) + "…"
			}
			label := shorten(parley.FormatPath(p.Path), 9)
			boxes[k] = append(boxes[k], box{label: label, words: shorten(title, boxWords-len([]rune(label))), title: title, depth: p.Depth(), point: i})
		}
	}
	const (
		colWidth = 250
		boxW     = 190
		rowH     = 18
		boxH     = 14
		top      = 56
		left     = 20
	)
	most := 0
	for _, b := range boxes {
		most = max(most, len(b))
	}
	width := left*2 + colWidth*(len(lin.Versions)-1) + boxW + 10
	height := top + most*rowH + 50
	x := func(k int) int { return left + k*colWidth }
	y := func(n int) int { return top + n*rowH }

	ew := &errWriter{w: w}
	ew.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, sans-serif" font-size="11" role="img" aria-label="Lineage of %d versions">`+"\n", width, height, width, height, len(lin.Versions))
	ew.printf(`<rect width="100%%" height="100%%" fill="#fff"/>` + "\n")
	for k, label := range labels {
		ew.printf(`<text x="%d" y="20" font-weight="600">%s</text>`+"\n", x(k), html.EscapeString(shorten(label, 36)))
		ew.printf(`<text x="%d" y="36" fill="#5f6b7a">%d points</text>`+"\n", x(k), len(lin.Versions[k]))
	}
	// Bands first, boxes over them.
	band := func(from, fromBox, to, toBox int, kind string, dashed bool) {
		x0, y0, x1, y1 := x(from)+boxW, y(fromBox)+boxH/2, x(to), y(toBox)+boxH/2
		mid := (x0 + x1) / 2
		dash, name := "", kind
		if dashed {
			dash, name = ` stroke-dasharray="6 4"`, "back, "+kind
		}
		ew.printf(`<path d="M%d %d C%d %d %d %d %d %d" fill="none" stroke="%s" stroke-width="6" opacity="0.7"%s><title>%s</title></path>`+"\n",
			x0, y0, mid, y0, mid, y1, x1, y1, kindColours[kind], dash, name)
	}
	for k, step := range lin.Steps {
		seen := map[[3]int]bool{}
		for _, l := range step.Links {
			colour := kindColours[l.Kind]
			switch {
			case len(l.New) == 0:
				for _, i := range l.Old {
					b := boxOf[k][i]
					ew.printf(`<path d="M%d %d h28" stroke="%s" stroke-width="6" stroke-linecap="round" opacity="0.8"><title>deleted</title></path>`+"\n", x(k)+boxW, y(b)+boxH/2, colour)
				}
			case len(l.Old) == 0:
				for _, j := range l.New {
					b := boxOf[k+1][j]
					ew.printf(`<path d="M%d %d h28" stroke="%s" stroke-width="6" stroke-linecap="round" opacity="0.8"><title>added</title></path>`+"\n", x(k+1)-28, y(b)+boxH/2, colour)
				}
			default:
				for _, i := range l.Old {
					for _, j := range l.New {
						from, to := boxOf[k][i], boxOf[k+1][j]
						key := [3]int{from, to, len(l.Kind)}
						if !seen[key] {
							seen[key] = true
							band(k, from, k+1, to, l.Kind, false)
						}
					}
				}
			}
		}
	}
	for _, r := range lin.Returns {
		for _, i := range r.Link.Old {
			for _, j := range r.Link.New {
				band(r.From, boxOf[r.From][i], r.To, boxOf[r.To][j], r.Link.Kind, true)
			}
		}
	}
	for k, bs := range boxes {
		for n, b := range bs {
			indent := 0
			if !fold {
				indent = (b.depth - 1) * 6
			}
			open, close := "<g>", "</g>"
			if opts.Href != nil {
				open, close = fmt.Sprintf(`<a href="%s">`, html.EscapeString(opts.Href(k, b.point))), "</a>"
			}
			ew.printf(`%s<title>%s %s</title><rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="#f4f6f8" stroke="#8792a0"/><text x="%d" y="%d"><tspan font-weight="600">%s</tspan> %s</text>%s`+"\n",
				open, html.EscapeString(b.label), html.EscapeString(b.title), x(k)+indent, y(n), boxW-indent, boxH, x(k)+indent+4, y(n)+11, html.EscapeString(b.label), html.EscapeString(b.words), close)
		}
	}
	// Legend.
	lx := left
	for _, kind := range []string{align.Unchanged, align.Reworded, align.Moved, align.Split, align.Deleted, align.Added, "back"} {
		name := kind
		switch kind {
		case align.Split:
			name = "split / merged"
		case "back":
			ew.printf(`<path d="M%d %d h14" stroke="#5f6b7a" stroke-width="6" stroke-dasharray="4 2"/><text x="%d" y="%d">back after a gap (dashed)</text>`+"\n", lx, height-18, lx+18, height-15)
			continue
		}
		ew.printf(`<rect x="%d" y="%d" width="14" height="8" fill="%s"/><text x="%d" y="%d">%s</text>`+"\n", lx, height-22, kindColours[kind], lx+18, height-15, name)
		lx += 30 + 7*len(name)
	}
	ew.printf("</svg>\n")
	return ew.err
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// PointText is a point's heading and own text, as one line.
func PointText(p *parley.Point) string {
	if p.Heading == "" {
		return p.Text
	}
	return p.Heading + " " + p.Text
}
