package segment_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"parley"
	"parley/ingest"
)

// articleFloors are the figures TestSegmentRealTextFigures holds each
// real text to, a little under what the segmenter reaches (see the
// table in docs/benchmarks.md): the share of printed article numbers
// found as points, and the share of body words inside points. A text
// not listed is held to defaultFloors.
var articleFloors = map[string][2]float64{
	// The German codes print citations such as "§ 133 der
	// Approbationsordnung" at the start of wrapped lines; they count as
	// printed numbers but are rightly no points.
	"de_gmbhg__2012-08-03.txt":  {0.97, 0.97},
	"de_gmbhg__2022-02-17.txt":  {0.98, 0.97},
	"de_ifsg__2022-02-13.txt":   {0.96, 0.97},
	"de_sgb_10__2013-01-11.txt": {0.98, 0.97},
	"de_sgb_10__2022-01-28.txt": {0.98, 0.97},
	"de_stpo__2013-01-11.txt":   {0.98, 0.97},
	"de_stpo__2022-01-28.txt":   {0.98, 0.97},
	// Transitional articles "Artículo 1ro", "2do", "3ro" are printed
	// numbers for articles.py, which reads them as "1r", "2d", "3r"; the
	// decrees that introduce each block of transitional articles are
	// blocks, not points.
	"mx_constitution__2014-07-07.txt": {0.975, 0.93},
	"mx_constitution__2025-04-15.txt": {0.975, 0.93},
	// The annex of the 2013 ZPO is a table of amounts without numbers.
	"de_zpo__2013-01-11.txt": {0.99, 0.90},
	// "§ 101 et seq." wraps to the start of a line: a citation.
	"AFL-2.1.txt": {0, 0.97},
	// The appendix after "END OF TERMS AND CONDITIONS", and the notes
	// after the W3C licence, are blocks.
	"Apache-2.0.txt":   {0.99, 0.87},
	"W3C-19980720.txt": {0.99, 0.70},
}

// defaultFloors are the floors of texts not in articleFloors.
var defaultFloors = [2]float64{0.99, 0.97}

// TestSegmentRealTextFigures reads every real text in the shared texts
// (when they are there) as `parley compare` does and measures two
// figures: the share of article and section numbers printed at line
// starts that are found as points (the rule of shared/tools/articles.py:
// a point whose label names the article and whose path ends in its
// number), and the share of the words of the body (the text from the
// first point on) that are in a point's label, heading or text. It fails
// when either drops below its floor. Run with -v for the table that
// docs/benchmarks.md shows.
func TestSegmentRealTextFigures(t *testing.T) {
	var files []string
	for _, pat := range []string{"versions/*.txt", "statutes/*.md", "licences/*.txt"} {
		m, _ := filepath.Glob(filepath.Join(textsDir, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no shared texts in " + textsDir)
	}
	var table strings.Builder
	table.WriteString("| text | articles found | share | body words in points | in points or blocks |\n|---|---:|---:|---:|---:|\n")
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		doc, err := ingest.Read(name, body, "")
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		marks := printedArticles(string(body))
		found := foundArticles(doc.Points, marks)
		words, inPoints, inBlocks := bodyWords(doc)
		floors, ok := articleFloors[name]
		if !ok {
			floors = defaultFloors
		}
		share := 1.0
		if len(marks) > 0 {
			share = float64(found) / float64(len(marks))
			if share < floors[0] {
				t.Errorf("%s: %d of %d printed articles found as points (%.3f), below %.3f", name, found, len(marks), share, floors[0])
			}
		}
		cover := float64(inPoints) / float64(max(words, 1))
		if cover < floors[1] {
			t.Errorf("%s: %.3f of the body words in points, below %.3f", name, cover, floors[1])
		}
		arts := "-"
		if len(marks) > 0 {
			arts = fmt.Sprintf("%d/%d | %.3f", found, len(marks), share)
		} else {
			arts = "- | -"
		}
		fmt.Fprintf(&table, "| %s | %s | %.3f | %.3f |\n", name, arts, cover, float64(inPoints+inBlocks)/float64(max(words, 1)))
	}
	t.Log("\n" + table.String())
}

// articleKeywords are the keywords articles.py looks for, in its order.
var articleKeywords = []string{"Статья", "Стаття", "Артыкул", "Article", "ARTICLE", "Artículo", "ARTÍCULO", "Art.", "Art", "§"}

// printedArticles returns the article numbers printed at line starts, as
// articles.py reads them: after optional indentation, "#" marks and
// emphasis, a keyword, spaces, and "premier", "1er" or a number such as
// "5", "61-1", "67.1", "12a", with an optional ordinal mark, ending at a
// word boundary.
func printedArticles(text string) map[string]bool {
	marks := map[string]bool{}
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\n")
		s := strings.TrimLeft(line, " \t")
		if h := strings.TrimLeft(s, "#"); len(h) < len(s) {
			s = strings.TrimLeft(h, " \t")
		}
		for k := 0; k < 2 && s != "" && (s[0] == '*' || s[0] == '_'); k++ {
			s = s[1:]
		}
		s = strings.TrimLeft(s, " \t")
		for _, kw := range articleKeywords {
			rest, ok := strings.CutPrefix(s, kw)
			if !ok {
				continue
			}
			after := strings.TrimLeft(rest, " \t")
			if len(after) == len(rest) {
				continue
			}
			if n, ok := markNumber(after); ok {
				marks[normArticle(n)] = true
				break
			}
		}
	}
	return marks
}

// markNumber reads the number of articles.py's pattern at the start of s,
// trying its readings in the order of Python's backtracking, and
// returns the first that ends at a word boundary.
func markNumber(s string) (string, bool) {
	for _, w := range []string{"premier", "PREMIER", "1er"} {
		if strings.HasPrefix(s, w) {
			if n, ok := withOrdinal(s, len(w)); ok {
				return s[:n], true
			}
		}
	}
	digits := leadingDigits(s)
	for d := digits; d > 0; d-- {
		// (?:[.-]\d+)? greedy, then without it.
		var ends []int
		if d < len(s) && (s[d] == '.' || s[d] == '-') {
			for e := leadingDigits(s[d+1:]); e > 0; e-- {
				ends = append(ends, d+1+e)
			}
		}
		ends = append(ends, d)
		for _, e := range ends {
			// [a-zа-я]? greedy, then without it.
			var tails []int
			if r, w := utf8.DecodeRuneInString(s[e:]); r >= 'a' && r <= 'z' || r >= 'а' && r <= 'я' {
				tails = append(tails, e+w)
			}
			tails = append(tails, e)
			for _, tl := range tails {
				if _, ok := withOrdinal(s, tl); ok {
					return s[:tl], true
				}
			}
		}
	}
	return "", false
}

// withOrdinal tries (?:o|º|°)?\b after s[:n], with and without the mark.
func withOrdinal(s string, n int) (int, bool) {
	for _, m := range []string{"o", "º", "°"} {
		if strings.HasPrefix(s[n:], m) && wordBoundary(s, n+len(m)) {
			return n + len(m), true
		}
	}
	return n, wordBoundary(s, n)
}

// wordBoundary is Python's \b at s[n]: a word character on one side only.
func wordBoundary(s string, n int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:n])
	after, _ := utf8.DecodeRuneInString(s[n:])
	return isWordRune(before) != (n < len(s) && isWordRune(after))
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r)
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) {
		r, w := utf8.DecodeRuneInString(s[n:])
		if !unicode.IsDigit(r) {
			break
		}
		n += w
	}
	return n
}

func normArticle(n string) string {
	n = strings.ToLower(n)
	if n == "premier" || n == "1er" {
		return "1"
	}
	return n
}

// labelArticle reads the article number that a label names, as
// articles.py does: the first keyword (in any case) followed by optional
// spaces and a number.
func labelArticle(label string) (string, bool) {
	lower := strings.ToLower(label)
	for i := 0; i < len(lower); i++ {
		for _, kw := range articleKeywords {
			k := strings.ToLower(kw)
			if !strings.HasPrefix(lower[i:], k) {
				continue
			}
			rest := strings.TrimLeftFunc(lower[i+len(k):], unicode.IsSpace)
			for _, w := range []string{"premier", "1er"} {
				if strings.HasPrefix(rest, w) {
					return w, true
				}
			}
			d := leadingDigits(rest)
			if d == 0 {
				continue
			}
			e := d
			if e+1 < len(rest) && (rest[e] == '.' || rest[e] == '-') {
				if d2 := leadingDigits(rest[e+1:]); d2 > 0 {
					e += 1 + d2
				}
			}
			if r, w := utf8.DecodeRuneInString(rest[e:]); r >= 'a' && r <= 'z' || r >= 'а' && r <= 'я' {
				e += w
			}
			return rest[:e], true
		}
	}
	return "", false
}

// foundArticles counts the printed article numbers that some point's
// label names and whose path ends in the number.
func foundArticles(points []parley.Point, marks map[string]bool) int {
	found := map[string]bool{}
	for _, p := range points {
		if len(p.Path) == 0 {
			continue
		}
		n, ok := labelArticle(p.Label)
		if !ok {
			continue
		}
		n = normArticle(n)
		if strings.ReplaceAll(n, "-", ".") == strings.ReplaceAll(strings.ToLower(p.Path[len(p.Path)-1]), "-", ".") && marks[n] {
			found[n] = true
		}
	}
	return len(found)
}

// bodyWords counts the words of a document's body (its text from the line
// of its first point on) and, of those, the words in its points' labels,
// headings and texts and the words in its unnumbered blocks. A word is a
// run of letters and digits; the counts compare as multisets, so a word
// counts as inside a point as often as the points hold it, up to as often
// as the body does.
func bodyWords(doc *ingest.Document) (total, inPoints, inBlocks int) {
	if len(doc.Points) == 0 {
		return 0, 0, 0
	}
	lines := strings.Split(doc.Text, "\n")
	body := map[string]int{}
	for _, l := range lines[min(doc.Points[0].Line-1, len(lines)):] {
		for _, w := range wordsOf(l) {
			body[w]++
			total++
		}
	}
	used := map[string]int{}
	take := func(s string) int {
		n := 0
		for _, w := range wordsOf(s) {
			if used[w] < body[w] {
				used[w]++
				n++
			}
		}
		return n
	}
	for _, p := range doc.Points {
		inPoints += take(p.Label) + take(p.Heading) + take(p.Text)
	}
	for _, b := range doc.Blocks {
		inBlocks += take(b.Text)
	}
	return total, inPoints, inBlocks
}

// wordsOf splits s into runs of letters and digits.
func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
