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
	lin, err := follow(ctx, e, *db, sides, versions)
	if err != nil {
		return err
	}
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

// follow builds the lineage: of stored versions from their stored
// alignments, people's corrections applied, as the web's lineage page
// does; of files from fresh ones.
func follow(ctx context.Context, e *env, db string, sides []side, versions [][]parley.Point) (*align.Lineage, error) {
	for _, s := range sides {
		if s.version == nil {
			return align.Follow(versions), nil
		}
	}
	steps := make([]*align.Alignment, len(sides)-1)
	for k := range steps {
		al, err := alignStored(ctx, e, db, sides[k].version, sides[k+1].version)
		if err != nil {
			return nil, err
		}
		steps[k] = al
	}
	return align.Join(versions, steps), nil
}
