package export

import (
	"fmt"
	"io"
	"strings"

	"parley"
	"parley/align"
)

// TextOptions shape the terminal redline.
type TextOptions struct {
	// Color marks deletions and insertions with ANSI colours; without it
	// they are written [-like this-] and {+like this+}, as git's word diff.
	Color bool
	// All includes unchanged points.
	All bool
	// Kinds, when not empty, keeps only the links of these kinds (and
	// unchanged ones only if it names them).
	Kinds map[string]bool
}

const (
	ansiRed   = "\x1b[31;9m"
	ansiGreen = "\x1b[32m"
	ansiDim   = "\x1b[2m"
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// WriteText writes a comparison as a readable redline for a terminal.
func WriteText(w io.Writer, c *Comparison, al *align.Alignment, opt TextOptions) error {
	ew := &errWriter{w: w}
	style := func(code, s string) string {
		if !opt.Color || s == "" {
			return s
		}
		return code + s + ansiReset
	}
	ew.printf("%s -> %s: %s\n\n", c.Old.Label, c.New.Label, style(ansiBold, c.Summary.Verdict))
	for k, l := range c.Links {
		if len(opt.Kinds) > 0 && !opt.Kinds[l.Kind] || len(opt.Kinds) == 0 && l.Kind == align.Unchanged && !opt.All {
			continue
		}
		old, new := formatPaths(l.Old), formatPaths(l.New)
		if lowConfidence(l) {
			ew.printf("%s ", style(ansiBold, lowConfidenceMark))
		}
		switch l.Kind {
		case align.Added:
			ew.printf("%-10s %s %-10s %s\n", "", style(ansiGreen, "+"), new, l.Kind)
		case align.Deleted:
			ew.printf("%-10s %s %-10s %s\n", old, style(ansiRed, "-"), "", l.Kind)
		case align.Unknown:
			ew.printf("%-10s %s %-10s %s\n", old, "?", new, unknownNote)
		default:
			ew.printf("%-10s %s %-10s %s %.2f\n", old, arrow(l.Kind), new, l.Kind, l.Similarity)
		}
		link := al.Links[k]
		switch {
		case l.Kind == align.Unknown:
			ew.printf("    %s\n", indentLines(style(ansiDim, unknownText(al, link))))
		case len(l.Redline) > 0:
			ew.printf("    %s\n", indentLines(redlineText(l.Redline, opt.Color)))
		case l.Kind == align.Added:
			ew.printf("    %s\n", indentLines(style(ansiGreen, joinPoints(al.New, link.New))))
		case l.Kind == align.Deleted:
			ew.printf("    %s\n", indentLines(style(ansiRed, joinPoints(al.Old, link.Old))))
		case opt.All || opt.Kinds[align.Unchanged]:
			ew.printf("    %s\n", indentLines(style(ansiDim, joinPoints(al.New, link.New))))
		}
	}
	ew.printf("\n%s\n", kindLine(c.Summary.Kinds))
	return ew.err
}

// lowConfidenceMark flags a link the aligner is unsure of, in the text
// and Markdown outputs.
const lowConfidenceMark = "? low confidence"

// unknownNote is how a link of unknown text is named to a reader: a
// placeholder is neither a deletion nor a change.
const unknownNote = "unknown (text not known)"

// unknownText is what an unknown link shows: the text of the side that is
// known, if any, said to be unmatched by a known text on the other side.
func unknownText(al *align.Alignment, l align.Link) string {
	oldKnown := !allPlaceholders(al.Old, l.Old)
	newKnown := !allPlaceholders(al.New, l.New)
	switch {
	case oldKnown && !newKnown:
		return "text not known in the new version; the old one reads: " + joinPoints(al.Old, l.Old)
	case newKnown && !oldKnown:
		return "text not known in the old version; the new one reads: " + joinPoints(al.New, l.New)
	}
	return "text not known in either version"
}

func allPlaceholders(points []parley.Point, idx []int) bool {
	for _, i := range idx {
		if !align.Placeholder(&points[i]) {
			return false
		}
	}
	return true
}

func arrow(kind string) string {
	switch kind {
	case align.Moved:
		return "↷"
	case align.Split:
		return "<"
	case align.Merged:
		return ">"
	case align.Reworded:
		return "~"
	}
	return "="
}

func kindLine(kinds map[string]int) string {
	var parts []string
	for _, k := range []string{align.Unchanged, align.Reworded, align.Moved, align.Split, align.Merged, align.Deleted, align.Added} {
		parts = append(parts, fmt.Sprintf("%s %d", k, kinds[k]))
	}
	if kinds[align.Unknown] > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", align.Unknown, kinds[align.Unknown]))
	}
	return strings.Join(parts, " · ")
}

// formatPaths writes a link side for people: "10(a)", "3.1, 3.2".
func formatPaths(paths [][]string) string {
	s := make([]string, len(paths))
	for k, p := range paths {
		s[k] = parley.FormatPath(p)
	}
	return strings.Join(s, ", ")
}

func joinPoints(points []parley.Point, idx []int) string {
	var parts []string
	for _, i := range idx {
		t := points[i].Text
		if points[i].Heading != "" {
			t = points[i].Heading + " " + t
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, "\n")
}

// RedlineText writes a redline as plain text, deletions [-like this-] and
// insertions {+like this+}, as git's word diff.
func RedlineText(ops []align.Op) string { return redlineText(ops, false) }

// redlineText marks a redline for a terminal.
func redlineText(ops []align.Op, color bool) string {
	var b strings.Builder
	for _, o := range ops {
		switch {
		case o.Op == align.OpEqual:
			b.WriteString(o.Text)
		case color && o.Op == align.OpDelete:
			b.WriteString(ansiRed + o.Text + ansiReset)
		case color:
			b.WriteString(ansiGreen + o.Text + ansiReset)
		case o.Op == align.OpDelete:
			b.WriteString("[-" + o.Text + "-]")
		default:
			b.WriteString("{+" + o.Text + "+}")
		}
	}
	return b.String()
}

func indentLines(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }

// WriteMarkdown writes a comparison as a Markdown table, deletions struck
// through and insertions in bold.
func WriteMarkdown(w io.Writer, c *Comparison, al *align.Alignment) error {
	ew := &errWriter{w: w}
	ew.printf("# %s → %s\n\n%s\n\n", mdEscape(c.Old.Label), mdEscape(c.New.Label), mdEscape(c.Summary.Verdict))
	ew.printf("| Old | New | Change | Text |\n|---|---|---|---|\n")
	for k, l := range c.Links {
		link := al.Links[k]
		var text string
		switch {
		case l.Kind == align.Unknown:
			text = mdEscape(unknownText(al, link))
		case len(l.Redline) > 0:
			var b strings.Builder
			for _, o := range l.Redline {
				t := mdEscape(o.Text)
				switch {
				case strings.TrimSpace(t) == "":
					b.WriteString(t)
				case o.Op == align.OpDelete:
					b.WriteString("~~" + t + "~~")
				case o.Op == align.OpInsert:
					b.WriteString("**" + t + "**")
				default:
					b.WriteString(t)
				}
			}
			text = b.String()
		case len(link.New) > 0:
			text = mdEscape(joinPoints(al.New, link.New))
		default:
			text = "~~" + mdEscape(joinPoints(al.Old, link.Old)) + "~~"
		}
		kind := l.Kind
		if kind == align.Unknown {
			kind = unknownNote
		}
		if lowConfidence(l) {
			kind += fmt.Sprintf(" (%s, %.2f)", lowConfidenceMark, l.Confidence)
		}
		ew.printf("| %s | %s | %s | %s |\n", formatPaths(l.Old), formatPaths(l.New), kind, text)
	}
	ew.printf("\n%s\n", kindLine(c.Summary.Kinds))
	return ew.err
}

// mdEscape keeps text from breaking a Markdown table or turning into markup.
func mdEscape(s string) string {
	r := strings.NewReplacer("|", `\|`, "*", `\*`, "~", `\~`, "_", `\_`, "`", "\\`", "<", "&lt;", "\n", "<br>")
	return r.Replace(s)
}

// errWriter remembers the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
