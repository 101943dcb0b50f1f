package segment_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"parley/segment"
)

// TestSegmentFailureClasses holds one text of our own making for each
// failure class of segmentation that issue 14 lists, with the points a
// careful reader finds in it. Each class has a test of its own elsewhere
// too; this table is the index, so that a class that regresses is named.
func TestSegmentFailureClasses(t *testing.T) {
	for _, tc := range []struct {
		class, name, text string
		paths             []string
	}{
		// Class 1: a stray enumerator in front matter must not become the
		// top level with the body nested under it.
		{"1", "wrapped (1) in the preamble",
			"The Parties, recalling the commitments made on 3 May and the principles set out in\n(1) of the Joint Declaration, have agreed as follows:\n\n1. A ceasefire takes effect at noon.\n\n2. Prisoners are exchanged all for all.\n\n3. Monitors are deployed along the line.\n",
			[]string{"1~2", "1", "2", "3"}}, // the stray item stands beside the body, renamed
		{"1", "roman amendments before the body",
			"AMENDMENTS\n\nI. Point 2 was reworded on 4 May.\n\nII. Point 3 was added on 5 May.\n\nTEXT OF THE AGREEMENT\n\n1. A ceasefire takes effect at noon.\n\n2. Prisoners are exchanged all for all.\n\n3. Monitors are deployed along the line.\n\n4. Elections are held within a year.\n",
			[]string{"i", "ii", "1", "2", "3", "4"}},
		// Class 2: lists numbered from 0.
		{"2", "numbered from 0.",
			"0. Definitions. Words have the meaning given here.\n\n1. Grant. The licensor grants a licence.\n\n2. Conditions. The licensee keeps the notices.\n",
			[]string{"0", "1", "2"}},
		{"2", "numbered from 0)",
			"0) Scope of the agreement.\n1) Duties of the supplier.\n2) Duties of the buyer.\n",
			[]string{"0", "1", "2"}},
		// Class 3: an item after ", and" / ", or", and one malformed marker.
		{"3", "items after , and / , or",
			"1. The supplier shall:\n(a) deliver the goods on time, and\n(b) replace defective goods, or\n(c) refund their price.\n2. The buyer shall pay within 30 days.\n",
			[]string{"1", "1/a", "1/b", "1/c", "2"}},
		{"3", "a marker without its space",
			"1. The licensee may:\n(a) copy the work;\n(b)use the work in a product;\n(c) distribute copies.\n2. The licence is perpetual.\n",
			[]string{"1", "1/a", "1/b", "1/c", "2"}},
		// Class 4: a heading-only item keeps the body under it.
		{"4", "heading-only item last in its list",
			"3. Delivery\n\n3.1 Time. Goods are delivered within 10 days.\n\n3.2 Place\n\nGoods are delivered to the buyer's warehouse.\n\n4. Payment\n\n4.1 Price. The price is fixed.\n",
			[]string{"3", "3/1", "3/2", "4", "4/1"}},
		{"4", "article with its body on the next line",
			"Article 1\nThe parties agree to a ceasefire.\n\nArticle 2\nThe parties exchange prisoners.\n",
			[]string{"1", "2"}},
		// Class 5: sections printed N.0 TITLE.
		{"5", "N.0 headings",
			"1.0 DEFINITIONS\n\n1.1 \"Code\" means the source code.\n\n1.2 \"User\" means any person.\n\n2.0 GRANT OF RIGHTS\n\n2.1 The licensor grants a licence to use the Code.\n\n2.2 The licence is not exclusive.\n",
			[]string{"1", "1/1", "1/2", "2", "2/1", "2/2"}},
		// Class 6: invisible separators at a line start, and a wrapped
		// cross-reference that is no point.
		{"6", "no-break space and zero-width space before markers",
			"1. First provision of the plan.\n\u00a02. Second provision of the plan.\n\u200b3. Third provision of the plan.\n",
			[]string{"1", "2", "3"}},
		{"6", "a wrapped cross-reference",
			"Section 1. Scope. This agreement applies to all deliveries made under\nSection 2. of the framework agreement and to nothing else.\n\nSection 2. Price. The price is fixed.\n",
			[]string{"1", "2"}},
		// Class 7: consecutive § lines, grouping headings, a continued
		// letter list through (i).
		{"7", "consecutive § lines",
			"§ 1 Scope. This law applies to ceasefires.\n§ 2 Monitors. Monitors are appointed.\n§ 3 Reports. Monitors report weekly.\n",
			[]string{"1", "2", "3"}},
		{"7", "part and chapter headings hold their articles",
			"PART I\nGENERAL PROVISIONS\n\nArticle 1\nThe parties agree.\n\nArticle 2\nThe parties consult.\n\nPART II\nFINAL PROVISIONS\n\nArticle 3\nThis treaty enters into force.\n",
			[]string{"1", "2", "3"}},
		{"7", "a letter list continued through (i)",
			"(g) the seventh item;\n(h) the eighth item;\n(i) the ninth item;\n(j) the tenth item.\n",
			[]string{"g", "h", "i", "j"}},
		// Class 8: numbering outside English.
		{"8", "Cyrillic articles and letters",
			"Статья 5\nСтороны обязуются:\nа) прекратить огонь;\nб) обменяться пленными.\n\nСтатья 6\nСоглашение вступает в силу.\n",
			[]string{"5", "5/а", "5/б", "6"}},
		{"8", "French premier, 1er, inserted 61-1",
			"Article premier\nLa République est indivisible.\n\nArticle 2\nLa langue est le français.\n\nArticle 61-1\nUn article inséré.\n",
			[]string{"1", "2", "61-1"}},
		{"8", "superscript and suffixed numbers",
			"Статья 89\nПервый текст.\n\nСтатья 89¹\nВставленный текст.\n\nСтатья 90\nДругой текст.\n",
			[]string{"89", "89.1", "90"}},
		{"8", "Arabic articles with Arabic-Indic digits",
			"المادة ١\nيتفق الطرفان على وقف إطلاق النار.\n\nالمادة ٢\nيتبادل الطرفان الأسرى.\n",
			[]string{"1", "2"}},
	} {
		t.Run("class "+tc.class+": "+tc.name, func(t *testing.T) {
			seg := segment.Text(tc.text)
			var got []string
			for _, p := range seg.Points {
				got = append(got, p.Key())
			}
			if !slices.Equal(got, tc.paths) {
				t.Fatalf("paths %v, want %v\n%s", got, tc.paths, strings.Join(pathLabels(seg), "\n"))
			}
			if miss := lostWords(tc.text, seg); len(miss) > 0 {
				t.Errorf("words in no point or block: %v", miss)
			}
		})
	}
}

// lostWords lists the words of text that are in no point's label, heading
// or text, nor in the preamble or a block: text must never be dropped.
func lostWords(text string, seg segment.Segmented) []string {
	var kept strings.Builder
	kept.WriteString(seg.Preamble + " ")
	for _, p := range seg.Points {
		kept.WriteString(p.Label + " " + p.Heading + " " + p.Text + " ")
	}
	for _, b := range seg.Blocks {
		kept.WriteString(b.Text + " ")
	}
	words := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	have := map[string]int{}
	for _, w := range words(kept.String()) {
		have[w]++
	}
	var lost []string
	for _, w := range words(text) {
		if have[w] == 0 {
			lost = append(lost, w)
			continue
		}
		have[w]--
	}
	return lost
}
