package sqlite

import (
	"strings"

	"parley"
	"parley/internal/sqlstore"
)

// fullText searches the FTS5 table search_fts (migration 0009). Titles
// weigh four times the body in bm25; the snippet is taken from the
// column that matches best.
var fullText = sqlstore.FullText{
	From:    `search_fts JOIN search_docs d ON d.id = search_fts.rowid`,
	Match:   `search_fts MATCH ?`,
	Snippet: `snippet(search_fts, -1, '` + parley.SnippetOpen + `', '` + parley.SnippetClose + `', '…', 16)`,
	Score:   `-bm25(search_fts, 4.0, 1.0)`,
	Expr:    matchExpr,
}

// matchExpr writes terms as an FTS5 query: a word as a prefix ("army"*),
// a phrase in quotes, all of them required (AND) and the excluded ones
// after NOT, which binds tighter than AND. Words hold only letters,
// digits and marks (parley.ParseSearch), so nothing in them needs
// escaping.
func matchExpr(terms []parley.SearchTerm) string {
	var include, exclude []string
	for _, t := range terms {
		q := `"` + strings.Join(t.Words, " ") + `"`
		if !t.Phrase {
			q += "*"
		}
		if t.Exclude {
			exclude = append(exclude, q)
			continue
		}
		include = append(include, q)
	}
	expr := strings.Join(include, " AND ")
	for _, q := range exclude {
		expr += " NOT " + q
	}
	return expr
}
