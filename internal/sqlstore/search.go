package sqlstore

import (
	"context"
	"strings"

	"parley"
)

// Search returns the hits of q that q.Visible allows, best first.
//
// The index (search_docs) is kept by triggers that migration 0009 puts on
// every searched table rather than by the Go code that writes them: a
// trigger runs inside the transaction of the write whoever writes (a
// store method, a migration, a write added later), so the index can
// neither miss a change nor keep one that was rolled back, and the
// migration that adds it indexes what is already stored with the same
// definition (the view search_sources) the triggers use.
//
// Who may see a hit is not decided here: the matches come best first and
// q.Visible, the reader's rule, is asked of each until q.Limit are kept,
// so the store never repeats the visibility rules in SQL and a hidden
// record is neither returned nor counted. Only then are the titles and
// snippets of the hits kept read, in a second query: a snippet costs more
// than the match itself, and a common word matches thousands of records.
func (s *DB) Search(ctx context.Context, q parley.SearchQuery) ([]*parley.SearchHit, error) {
	terms, err := q.Validate()
	if err != nil {
		return nil, err
	}
	ft := s.dialect.FullText
	expr := ft.Expr(terms)
	query := `SELECT d.id, d.kind, d.item_id, d.parent_id, d.negotiation_id, d.party_id, d.visibility, ` + ft.Score + ` AS score
FROM ` + ft.From + ` WHERE ` + ft.Match
	args := []any{expr}
	if q.NegotiationID != 0 {
		query, args = query+` AND d.negotiation_id = ?`, append(args, q.NegotiationID)
	}
	if q.Kind != "" {
		query, args = query+` AND d.kind = ?`, append(args, q.Kind)
	}
	hits, rowIDs, err := s.rankHits(ctx, query+` ORDER BY score DESC, d.kind, d.item_id`, args, q)
	if err != nil || len(hits) == 0 {
		return hits, err
	}
	return hits, s.describeHits(ctx, ft, expr, hits, rowIDs)
}

// rankHits reads the matches best first and keeps those q.Visible
// allows, up to q.Limit, with their rows in search_docs.
func (s *DB) rankHits(ctx context.Context, query string, args []any, q parley.SearchQuery) ([]*parley.SearchHit, []int64, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, nil, s.wrap(err, "search")
	}
	defer rows.Close()
	hits, rowIDs := []*parley.SearchHit{}, []int64{}
	for len(hits) < q.Limit && rows.Next() {
		var h parley.SearchHit
		var rowID int64
		if err := rows.Scan(&rowID, &h.Kind, &h.ID, &h.ParentID, &h.NegotiationID, &h.PartyID, &h.Visibility, &h.Score); err != nil {
			return nil, nil, s.wrap(err, "search")
		}
		if q.Visible(&h) {
			hits, rowIDs = append(hits, &h), append(rowIDs, rowID)
		}
	}
	return hits, rowIDs, s.wrap(rows.Err(), "search")
}

// describeHits fills in the title, context, point key and snippet of the
// hits kept.
func (s *DB) describeHits(ctx context.Context, ft FullText, expr string, hits []*parley.SearchHit, rowIDs []int64) error {
	args := []any{expr}
	for _, id := range rowIDs {
		args = append(args, id)
	}
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT d.id, d.title, coalesce(pv.label, pe.title, ''), coalesce(pp.path_key, ''), `+ft.Snippet+`
FROM `+ft.From+`
LEFT JOIN points pp ON d.kind = 'point' AND pp.id = d.item_id
LEFT JOIN versions pv ON d.kind = 'point' AND pv.id = d.parent_id
LEFT JOIN events pe ON d.kind = 'understanding' AND pe.id = d.parent_id
WHERE `+ft.Match+` AND d.id IN (?`+strings.Repeat(", ?", len(rowIDs)-1)+`)`), args...)
	if err != nil {
		return s.wrap(err, "search snippets")
	}
	defer rows.Close()
	byRow := make(map[int64]*parley.SearchHit, len(hits))
	for i, id := range rowIDs {
		byRow[id] = hits[i]
	}
	for rows.Next() {
		var rowID int64
		var h parley.SearchHit
		var snippet string
		if err := rows.Scan(&rowID, &h.Title, &h.Context, &h.PointKey, &snippet); err != nil {
			return s.wrap(err, "search snippets")
		}
		if kept := byRow[rowID]; kept != nil {
			kept.Title, kept.Context, kept.PointKey, kept.Snippet = h.Title, h.Context, h.PointKey, parley.SplitSnippet(snippet)
		}
	}
	return s.wrap(rows.Err(), "search snippets")
}
