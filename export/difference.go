package export

import (
	"strings"

	"parley"
	"parley/align"
)

// Difference is one place where a text differs from the version it was
// aligned with, as "parley verify" and the record page list them. Path is
// the point's path in the old (recorded) version, or in the new text for a
// point only it has; Redline is RedlineText's rendering.
type Difference struct {
	Path    []string   `json:"path"`
	Kind    string     `json:"kind"`
	Old     string     `json:"old"`
	New     string     `json:"new"`
	Redline string     `json:"redline"`
	Ops     []align.Op `json:"-"` // the redline as runs, for pages
}

// Differences lists the links of an alignment that are not unchanged, in
// the alignment's order.
func Differences(al *align.Alignment) []Difference {
	out := []Difference{}
	for _, l := range al.Links {
		if l.Kind == align.Unchanged {
			continue
		}
		d := Difference{Kind: l.Kind, Old: joinPointText(al.Old, l.Old), New: joinPointText(al.New, l.New)}
		if len(l.Old) > 0 {
			d.Path = al.Old[l.Old[0]].Path
		} else {
			d.Path = al.New[l.New[0]].Path
		}
		switch ops := al.Redline(l); {
		case len(ops) > 0:
			d.Ops, d.Redline = ops, RedlineText(ops)
		case l.Kind == align.Added:
			d.Redline = "{+" + d.New + "+}"
		case l.Kind == align.Deleted:
			d.Redline = "[-" + d.Old + "-]"
		}
		out = append(out, d)
	}
	return out
}

func joinPointText(points []parley.Point, idx []int) string {
	parts := make([]string, len(idx))
	for k, i := range idx {
		parts[k] = strings.TrimSpace(points[i].Heading + "\n" + points[i].Text)
	}
	return strings.Join(parts, "\n")
}
