package export

import (
	"encoding/csv"
	"fmt"
	"html"
	"io"
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
}

// Lineage builds the JSON form of a lineage.
func Lineage(lin *align.Lineage, labels []string) *LineageJSON {
	out := &LineageJSON{}
	for k, v := range lin.Versions {
		out.Versions = append(out.Versions, LineageVersion{Label: labels[k], Points: len(v)})
	}
	for _, t := range lin.Threads {
		tj := ThreadJSON{Kinds: t.Kinds}
		for k, ps := range t.Points {
			tj.Paths = append(tj.Paths, paths(lin.Versions[k], ps))
		}
		out.Threads = append(out.Threads, tj)
	}
	return out
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
				row = append(row, t.Kinds[k-1])
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

// WriteLineageSVG draws the lineage as an alluvial diagram: one column per
// version, one box per point in document order, and a band for each link,
// coloured by its kind, so that one sees how, say, 28 points became 19.
func WriteLineageSVG(w io.Writer, lin *align.Lineage, labels []string) error {
	fold := false
	for _, v := range lin.Versions {
		fold = fold || len(v) > foldAbove
	}
	// Each version's boxes: point index -> box index.
	type box struct {
		label, title string
		depth        int
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
			title := p.Text
			if p.Heading != "" {
				title = p.Heading + " " + title
			}
			if r := []rune(title); len(r) > 160 {
				title = string(r[:160]) + "…"
			}
			boxes[k] = append(boxes[k], box{label: parley.FormatPath(p.Path), title: title, depth: p.Depth()})
		}
	}
	const (
		colWidth = 200
		boxW     = 64
		rowH     = 18
		boxH     = 14
		top      = 56
		left     = 20
	)
	most := 0
	for _, b := range boxes {
		most = max(most, len(b))
	}
	width := left*2 + colWidth*(len(lin.Versions)-1) + 190
	height := top + most*rowH + 50
	x := func(k int) int { return left + k*colWidth }
	y := func(n int) int { return top + n*rowH }

	ew := &errWriter{w: w}
	ew.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, sans-serif" font-size="11" role="img" aria-label="Lineage of %d versions">`+"\n", width, height, width, height, len(lin.Versions))
	ew.printf(`<rect width="100%%" height="100%%" fill="#fff"/>` + "\n")
	for k, label := range labels {
		ew.printf(`<text x="%d" y="20" font-weight="600">%s</text>`+"\n", x(k), html.EscapeString(shorten(label, 30)))
		ew.printf(`<text x="%d" y="36" fill="#5f6b7a">%d points</text>`+"\n", x(k), len(lin.Versions[k]))
	}
	// Bands first, boxes over them.
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
						if seen[key] {
							continue
						}
						seen[key] = true
						x0, y0, x1, y1 := x(k)+boxW, y(from)+boxH/2, x(k+1), y(to)+boxH/2
						mid := (x0 + x1) / 2
						ew.printf(`<path d="M%d %d C%d %d %d %d %d %d" fill="none" stroke="%s" stroke-width="6" opacity="0.7"><title>%s</title></path>`+"\n",
							x0, y0, mid, y0, mid, y1, x1, y1, colour, l.Kind)
					}
				}
			}
		}
	}
	for k, bs := range boxes {
		for n, b := range bs {
			indent := 0
			if !fold {
				indent = (b.depth - 1) * 6
			}
			ew.printf(`<g><title>%s</title><rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="#f4f6f8" stroke="#8792a0"/><text x="%d" y="%d">%s</text></g>`+"\n",
				html.EscapeString(b.title), x(k)+indent, y(n), boxW-indent, boxH, x(k)+indent+4, y(n)+11, html.EscapeString(shorten(b.label, 9)))
		}
	}
	// Legend.
	lx := left
	for _, kind := range []string{align.Unchanged, align.Reworded, align.Moved, align.Split, align.Deleted, align.Added} {
		name := kind
		if kind == align.Split {
			name = "split / merged"
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
