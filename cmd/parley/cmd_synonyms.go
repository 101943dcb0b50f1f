package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"parley"
)

const synonymsUsage = `--negotiation NEGOTIATION [--add "KEY: TERM, TERM"] [--remove KEY] [--clear] [--format text|json]

Shows the synonyms a negotiation's mediators keep, or changes them: the
topics of understandings are matched through them ("army-cap: army
ceiling, потолок армии, ліміт армії"), and so are the names in claims
("RU: Moscow, Россия, Росія"). --add puts a group in (replacing the group
of that key), --remove takes one out, --clear empties the list; the
change is made in one transaction and audited.`

// synonymsJSON is the shape of "parley synonyms --format json".
type synonymsJSON struct {
	Negotiation negotiationRef        `json:"negotiation"`
	Groups      []parley.SynonymGroup `json:"groups"`
}

func runSynonyms(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "synonyms", synonymsUsage)
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json")
	negotiation := fs.String("negotiation", "", "the negotiation: an id or a title (required)")
	var adds, removes multiFlag
	fs.Var(&adds, "add", `a group to put in: "KEY: TERM, TERM" (repeatable)`)
	fs.Var(&removes, "remove", "the key of a group to take out (repeatable)")
	clear := fs.Bool("clear", false, "empty the list first")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(rest) != 0 {
		return usageErrorf("synonyms: unexpected argument %q", rest[0])
	}
	if *negotiation == "" {
		return usageErrorf("synonyms: --negotiation is required")
	}
	var added []parley.SynonymGroup
	for _, a := range adds {
		g, err := parley.ParseSynonymGroup(a)
		if err != nil {
			return usageErrorf("synonyms: --add %s", parley.ErrorMessage(err))
		}
		added = append(added, g)
	}
	store, n, err := openNegotiation(ctx, e, *db, *negotiation)
	if err != nil {
		return err
	}
	defer store.Close()
	groups, err := store.ListSynonyms(ctx, n.ID)
	if err != nil {
		return err
	}
	if *clear || len(added) > 0 || len(removes) > 0 {
		if *clear {
			groups = []parley.SynonymGroup{}
		}
		for _, key := range removes {
			k := slices.IndexFunc(groups, func(g parley.SynonymGroup) bool { return parley.NormalizeTopic(g.Key) == parley.NormalizeTopic(key) })
			if k < 0 {
				return parley.Errorf(parley.EINVALID, "synonyms: --remove %q: no group has that key", key)
			}
			groups = slices.Delete(groups, k, k+1)
		}
		for _, g := range added {
			k := slices.IndexFunc(groups, func(h parley.SynonymGroup) bool { return parley.NormalizeTopic(h.Key) == parley.NormalizeTopic(g.Key) })
			if k < 0 {
				groups = append(groups, g)
			} else {
				groups[k] = g
			}
		}
		if err := store.SetSynonyms(ctx, n.ID, groups); err != nil {
			return err
		}
	}
	if *format == "json" {
		return writeJSON(e.stdout, synonymsJSON{Negotiation: negotiationRef{ID: n.ID, Title: n.Title}, Groups: groups})
	}
	if len(groups) == 0 {
		fmt.Fprintf(e.stdout, "no synonyms kept for %q\n", n.Title)
		return nil
	}
	fmt.Fprint(e.stdout, strings.TrimRight(parley.FormatSynonyms(groups), "\n")+"\n")
	return nil
}
