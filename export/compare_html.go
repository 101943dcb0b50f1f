package export

import (
	"embed"
	"html/template"
	"io"
	"sync"

	"parley/align"
)

//go:embed templates/compare.html
var templates embed.FS

// compareTemplate is parsed on first use, not when the program starts:
// most runs write no HTML, and every run paid for the parsing.
var compareTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("compare.html").Funcs(template.FuncMap{
		"paths": formatPaths,
		"pct":   func(x float64) int { return int(x*100 + 0.5) },
		"low":   lowConfidence,
	}).ParseFS(templates, "templates/compare.html"))
})

// htmlRow is one row of the side-by-side page.
type htmlRow struct {
	Link     LinkJSON
	Old, New []PointJSON
}

// WriteHTML writes a comparison as one self-contained HTML page: old and
// new side by side, one row per link, with the link's kind and redline.
func WriteHTML(w io.Writer, c *Comparison, al *align.Alignment) error {
	rows := make([]htmlRow, len(c.Links))
	for k, l := range al.Links {
		row := htmlRow{Link: c.Links[k]}
		for _, i := range l.Old {
			row.Old = append(row.Old, c.Old.Points[i])
		}
		for _, j := range l.New {
			row.New = append(row.New, c.New.Points[j])
		}
		rows[k] = row
	}
	return compareTemplate().Execute(w, map[string]any{"C": c, "Rows": rows, "Kinds": kindLine(c.Summary.Kinds)})
}
