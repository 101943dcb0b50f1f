package sqlstore

import (
	"context"

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
// Who may see a hit is not decided here: the rows come best first and
// q.Visible, the reader's rule, is asked of each until q.Limit are kept,
// so the store never repeats the visibility rules in SQL and a hidden
// record is neither returned nor counted.
func (s *DB) Search(ctx context.Context, q parley.SearchQuery) ([]*parley.SearchHit, error) {
	terms, err := q.Validate()
	if err != nil {
		return nil, err
	}
	ft := s.dialect.FullText
	query := `SELECT d.kind, d.item_id, d.parent_id, d.negotiation_id, d.party_id, d.visibility, d.title,
coalesce(pv.label, pe.title, ''), coalesce(pp.path_key, ''), ` + ft.Snippet + `, ` + ft.Score + ` AS score
FROM ` + ft.From + `
LEFT JOIN points pp ON d.kind = 'point' AND pp.id = d.item_id
LEFT JOIN versions pv ON d.kind = 'point' AND pv.id = d.parent_id
LEFT JOIN events pe ON d.kind = 'understanding' AND pe.id = d.parent_id
WHERE ` + ft.Match
	args := []any{ft.Expr(terms)}
	if q.NegotiationID != 0 {
		query, args = query+` AND d.negotiation_id = ?`, append(args, q.NegotiationID)
	}
	if q.Kind != "" {
		query, args = query+` AND d.kind = ?`, append(args, q.Kind)
	}
	rows, err := s.reads.QueryContext(ctx, s.q(query+` ORDER BY score DESC, d.kind, d.item_id`), args...)
	if err != nil {
		return nil, s.wrap(err, "search")
	}
	defer rows.Close()
	hits := []*parley.SearchHit{}
	for len(hits) < q.Limit && rows.Next() {
		var h parley.SearchHit
		var snippet string
		if err := rows.Scan(&h.Kind, &h.ID, &h.ParentID, &h.NegotiationID, &h.PartyID, &h.Visibility, &h.Title, &h.Context, &h.PointKey, &snippet, &h.Score); err != nil {
			return nil, s.wrap(err, "search")
		}
		if !q.Visible(&h) {
			continue
		}
		h.Snippet = parley.SplitSnippet(snippet)
		hits = append(hits, &h)
	}
	return hits, s.wrap(rows.Err(), "search")
}
