package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// ListSynonyms returns a negotiation's synonym list, in the order it was
// set.
func (s *DB) ListSynonyms(ctx context.Context, negotiationID int64) ([]parley.SynonymGroup, error) {
	return s.listSynonyms(ctx, s.reads, negotiationID)
}

func (s *DB) listSynonyms(ctx context.Context, q queryer, negotiationID int64) ([]parley.SynonymGroup, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT canonical, terms FROM synonyms WHERE negotiation_id = ? ORDER BY seq`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list synonyms")
	}
	defer rows.Close()
	out := []parley.SynonymGroup{}
	for rows.Next() {
		var g parley.SynonymGroup
		var terms string
		if err := rows.Scan(&g.Key, &terms); err != nil {
			return nil, s.wrap(err, "list synonyms")
		}
		if g.Terms = fromJSON[[]string](terms); g.Terms == nil {
			g.Terms = []string{}
		}
		out = append(out, g)
	}
	return out, s.wrap(rows.Err(), "list synonyms")
}

// SetSynonyms replaces a negotiation's synonym list in one transaction,
// with the list before and after in the audit log.
func (s *DB) SetSynonyms(ctx context.Context, negotiationID int64, groups []parley.SynonymGroup) error {
	if err := parley.ValidateSynonyms(groups); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM negotiations WHERE id = ?`), negotiationID).Scan(&n); err != nil {
			return s.wrap(err, "synonyms: negotiation %d", negotiationID)
		}
		if n == 0 {
			return parley.Errorf(parley.ENOTFOUND, "negotiation %d not found", negotiationID)
		}
		before, err := s.listSynonyms(ctx, tx, negotiationID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM synonyms WHERE negotiation_id = ?`), negotiationID); err != nil {
			return s.wrap(err, "synonyms of negotiation %d", negotiationID)
		}
		after := make([]parley.SynonymGroup, 0, len(groups))
		for i, g := range groups {
			if g.Terms == nil {
				g.Terms = []string{}
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO synonyms (negotiation_id, seq, canonical, terms) VALUES (?, ?, ?, ?)`),
				negotiationID, i, g.Key, toJSON(g.Terms)); err != nil {
				return s.wrap(err, "synonyms group %q", g.Key)
			}
			after = append(after, g)
		}
		return s.audit(ctx, tx, negotiationID, "update", "synonyms", negotiationID, before, after)
	})
}
