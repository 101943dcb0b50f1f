package main

import (
	"context"
	"fmt"
	"strings"

	"parley"
	"parley/web"
)

// runSearch finds versions, points, events, understandings and sources by
// the words in them, best first. The command line reads the database
// directly, as the local operator; it shows what every member may see
// (as an owner reads it in the web app: no party's own understandings),
// or, with --as, what that user sees in the web app, by the same rule.
func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search", "QUERY [--negotiation NEGOTIATION] [--kind KIND] [--limit N] [--as USERNAME] [--format text|json]\n\n"+
		"QUERY is words (a word also finds longer words it begins), \"quoted phrases\" and -excluded words\n"+
		"(quote the whole query, or put it after --, for a word with -: parley search -- ceasefire -crimea).")
	db := dbFlag(fs)
	negotiation := fs.String("negotiation", "", "search only this negotiation (its title or id)")
	kind := fs.String("kind", "", "find only this kind: "+strings.Join(parley.SearchKinds, ", "))
	limit := fs.Int("limit", parley.DefaultSearchLimit, fmt.Sprintf("the most hits, 1 to %d", parley.MaxSearchLimit))
	as := fs.String("as", "", "search as this user sees it in the web app (default: what every member sees)")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usageErrorf("search: want a QUERY")
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if *limit < 1 || *limit > parley.MaxSearchLimit {
		return usageErrorf("search: --limit %d: want 1 to %d", *limit, parley.MaxSearchLimit)
	}
	q := parley.SearchQuery{Text: strings.Join(rest, " "), Kind: *kind, Limit: *limit}
	if _, err := parley.ParseSearch(q.Text); err != nil {
		return err
	}
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if *negotiation != "" {
		n, err := findNegotiation(ctx, store, *negotiation)
		if err != nil {
			return err
		}
		q.NegotiationID = n.ID
	}
	if q.Visible, err = searchReader(ctx, store, *as); err != nil {
		return err
	}
	hits, err := store.Search(ctx, q)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	out := make([]web.SearchHitJSON, len(hits))
	for i, h := range hits {
		if _, ok := titles[h.NegotiationID]; !ok {
			n, err := store.FindNegotiationByID(ctx, h.NegotiationID)
			if err != nil {
				return err
			}
			titles[h.NegotiationID] = n.Title
		}
		out[i] = web.SearchHitJSON{SearchHit: h, Negotiation: titles[h.NegotiationID], URL: web.SearchHitURL(h)}
	}
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"query": q.Text, "hits": out})
	}
	if len(out) == 0 {
		fmt.Fprintf(e.stdout, "nothing found for %q\n", q.Text)
		return nil
	}
	for _, h := range out {
		title := h.Title
		if h.Kind == parley.SearchPoint {
			title = "point " + title
		}
		if h.Context != "" {
			title += " · " + h.Context
		}
		fmt.Fprintf(e.stdout, "%s %d\t%s  (%s)\n", h.Kind, h.ID, title, h.Negotiation)
		fmt.Fprintf(e.stdout, "\t%s\n", strings.Join(strings.Fields(parley.SnippetText(h.Snippet, "[", "]")), " "))
	}
	return nil
}

// searchReader is whose eyes a search uses: with a username, the user's
// memberships as the web app applies them; without, an owner of every
// negotiation, who sees what every member sees.
func searchReader(ctx context.Context, store parley.Store, username string) (func(*parley.SearchHit) bool, error) {
	members := map[int64]*parley.Member{}
	if username == "" {
		all, err := store.ListNegotiations(ctx)
		if err != nil {
			return nil, err
		}
		for _, n := range all {
			members[n.ID] = &parley.Member{NegotiationID: n.ID, Role: parley.RoleOwner}
		}
		return parley.SearchVisibility(members), nil
	}
	u, err := store.FindUserByUsername(ctx, username)
	if err != nil {
		if parley.ErrorCode(err) == parley.ENOTFOUND {
			return nil, parley.Errorf(parley.EINVALID, "--as %s: no such user", username)
		}
		return nil, err
	}
	list, err := store.ListMemberships(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range list {
		members[m.NegotiationID] = m
	}
	return parley.SearchVisibility(members), nil
}
