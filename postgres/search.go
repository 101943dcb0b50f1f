package postgres

import (
	"strings"

	"parley"
	"parley/internal/sqlstore"
)

// headline is ts_headline's options: the marks parley.SplitSnippet reads
// and a snippet of about the length SQLite's gives.
const headline = `'StartSel=` + parley.SnippetOpen + `, StopSel=` + parley.SnippetClose + `, MaxWords=16, MinWords=6, MaxFragments=2, FragmentDelimiter=" … "'`

// fullText searches search_docs.words (migration 0009) with the 'simple'
// configuration: titles are weight A and bodies weight B in ts_rank; the
// snippet comes from the body where the body matches, else from the
// title.
var fullText = sqlstore.FullText{
	From:  `search_docs d CROSS JOIN to_tsquery('simple', ?) q`,
	Match: `d.words @@ q`,
	Snippet: `CASE WHEN to_tsvector('simple', search_words(d.body)) @@ q THEN ts_headline('simple', d.body, q, ` + headline + `)
ELSE ts_headline('simple', d.title, q, ` + headline + `) END`,
	Score: `ts_rank(d.words, q, 1)`,
	Expr:  tsquery,
}

// tsquery writes terms as a tsquery: a word as a prefix ('army':*), a
// phrase as words in a row (<->), the excluded ones negated (!), all
// required (&). Words hold only letters, digits and marks
// (parley.ParseSearch), so quoting them is enough.
func tsquery(terms []parley.SearchTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		words := make([]string, len(t.Words))
		for j, w := range t.Words {
			words[j] = "'" + w + "'"
		}
		q := strings.Join(words, " <-> ")
		switch {
		case !t.Phrase:
			q += ":*"
		case len(words) > 1:
			q = "(" + q + ")"
		}
		if t.Exclude {
			q = "!" + q
		}
		parts[i] = q
	}
	return strings.Join(parts, " & ")
}
