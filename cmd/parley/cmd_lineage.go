package main

import (
	"context"
	"path/filepath"

	"parley"
	"parley/align"
	"parley/export"
)

func runLineage(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "lineage", "V1 V2 [V3 ...] [--format text|json|csv|svg]\n\nEach V is a text or Markdown file, or the id of a stored version, oldest first.")
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json", "csv", "svg")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json", "csv", "svg"); err != nil {
		return err
	}
	if len(rest) < 2 {
		return usageErrorf("lineage: want at least two versions, got %d", len(rest))
	}
	sides, err := loadSides(ctx, e, *db, rest, false)
	if err != nil {
		return err
	}
	versions := make([][]parley.Point, len(sides))
	labels := make([]string, len(sides))
	for k, s := range sides {
		versions[k], labels[k] = s.points, filepath.Base(s.label)
	}
	lin := align.Follow(versions)
	switch *format {
	case "svg":
		return export.WriteLineageSVG(e.stdout, lin, labels, export.LineageSVGOptions{})
	case "json":
		return writeJSON(e.stdout, export.Lineage(lin, labels))
	case "csv":
		return export.WriteLineageCSV(e.stdout, export.Lineage(lin, labels))
	}
	return export.WriteLineageText(e.stdout, export.Lineage(lin, labels))
}
