package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"parley"
)

func runLink(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "link", "confirm|relink|unlink OLD-VERSION NEW-VERSION --old PATHS --new PATHS [--kind KIND] [--note TEXT] [--format text|json]\n\n"+
		"Records a correction of the alignment of two stored versions; it wins whenever they are compared again.\n"+
		"PATHS are point numbers as printed, comma-separated: \"10(a)\", \"3.1,3.2\", \"Article 7\" or \"10/a\".")
	db := dbFlag(fs)
	oldPaths := fs.String("old", "", "points of the older version")
	newPaths := fs.String("new", "", "points of the newer version")
	kind := fs.String("kind", "", "link kind for confirm and relink: "+strings.Join(parley.LinkKinds, ", ")+" (default: from the number of points)")
	note := fs.String("note", "", "why")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 3 {
		return usageErrorf("link: want an action and two version ids, got %d arguments", len(rest))
	}
	action := rest[0]
	if action != parley.CorrectionConfirm && action != parley.CorrectionRelink && action != parley.CorrectionUnlink {
		return usageErrorf("link: action %q: want confirm, relink or unlink", action)
	}
	var ids [2]int64
	for k, arg := range rest[1:] {
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || id <= 0 {
			return usageErrorf("link: %q is not a version id", arg)
		}
		ids[k] = id
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	old, err := store.FindVersionByID(ctx, ids[0])
	if err != nil {
		return err
	}
	new, err := store.FindVersionByID(ctx, ids[1])
	if err != nil {
		return err
	}
	c := &parley.Correction{OldVersionID: old.ID, NewVersionID: new.ID, Action: action, Kind: *kind, Note: *note}
	if c.OldPointIDs, err = resolvePoints(old, *oldPaths, "--old"); err != nil {
		return err
	}
	if c.NewPointIDs, err = resolvePoints(new, *newPaths, "--new"); err != nil {
		return err
	}
	if c.Kind == "" && action != parley.CorrectionUnlink {
		c.Kind = defaultKind(len(c.OldPointIDs), len(c.NewPointIDs))
	}
	if err := store.CreateCorrection(ctx, c); err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"correction": c.ID, "action": action, "old_version": old.ID, "new_version": new.ID,
			"old_points": c.OldPointIDs, "new_points": c.NewPointIDs, "kind": c.Kind, "note": c.Note})
	}
	fmt.Fprintf(e.stdout, "recorded: %s %s -> %s (%s); it applies the next time versions %d and %d are compared\n",
		action, orDash(*oldPaths), orDash(*newPaths), orDash(c.Kind), old.ID, new.ID)
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// defaultKind guesses a link kind from the shape of a link.
func defaultKind(nOld, nNew int) string {
	switch {
	case nOld == 0:
		return parley.LinkAdded
	case nNew == 0:
		return parley.LinkDeleted
	case nOld > nNew:
		return parley.LinkMerged
	case nNew > nOld:
		return parley.LinkSplit
	}
	return parley.LinkReworded
}

// resolvePoints finds the points named in a comma-separated list.
func resolvePoints(v *parley.Version, list, flagName string) ([]int64, error) {
	var out []int64
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		path := parsePath(item)
		found := false
		for _, p := range v.Points {
			if p.Key() == parley.PathKey(path) || strings.EqualFold(strings.TrimSpace(p.Label), item) {
				out = append(out, p.ID)
				found = true
				break
			}
		}
		if !found {
			return nil, parley.Errorf(parley.EINVALID, "%s %q: version %d (%s) has no such point", flagName, item, v.ID, v.Label)
		}
	}
	return out, nil
}

// parsePath reads a point number as people write it: "10(a)(ii)", "3.1",
// "Article 7", "§ 4", "Exhibit A" or the "/"-joined form "10/a".
func parsePath(s string) []string {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.Contains(s, "/") {
		return strings.Split(s, "/")
	}
	for _, prefix := range []string{"article ", "art. ", "section ", "§ ", "§", "point ", "clause ", "paragraph "} {
		s = strings.TrimPrefix(s, prefix)
	}
	for _, annex := range []string{"exhibit", "annex", "schedule", "appendix", "attachment"} {
		if rest, ok := strings.CutPrefix(s, annex+" "); ok {
			return append([]string{annex}, parsePath(rest)...)
		}
	}
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch r {
		case '.', '(', ')', ' ':
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}
