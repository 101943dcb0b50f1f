package segment_test

import (
	"fmt"
	"strings"
	"testing"

	"parley/segment"
)

// ownTexts maps each point's path, joined with ".", to its own text.
func ownTexts(seg segment.Segmented) map[string]string {
	own := map[string]string{}
	for _, p := range seg.Points {
		own[strings.Join(p.Path, ".")] = p.Text
	}
	return own
}

// pathList lists the points' paths, joined with ".", in document order.
func pathList(seg segment.Segmented) string {
	var ps []string
	for _, p := range seg.Points {
		ps = append(ps, strings.Join(p.Path, "."))
	}
	return strings.Join(ps, " ")
}

// A sub-item that prints only its title ("2.2. Larger Works.") and has its
// body in the next paragraph keeps that body when it is the last item of
// its list (issue 14, class 4), as it does when the list goes on.
func TestSegmentTitleOnlyLastItemKeepsBody(t *testing.T) {
	text := `1. Definitions.

1.1. "Work" means the software.

1.2. "You" means the licensee.

2. Distribution.

2.1. Source Code.

You must make the source code available to every recipient.

2.2. Larger Works.

You may combine the Work with other code and distribute the result as a
single product.

3. Termination.

3.1. You may end this licence at any time.

3.2. It ends without notice when you breach it; or
as the law provides.

This paragraph closes section 3.
`
	own := ownTexts(segment.Text(text))
	if !strings.Contains(own["2.2"], "You may combine the Work") {
		t.Errorf("2.2 = %q, want its body", own["2.2"])
	}
	if own["2"] != "Distribution." {
		t.Errorf("2 = %q, want only its title", own["2"])
	}
	if !strings.Contains(own["2.1"], "You must make") {
		t.Errorf("2.1 = %q, want its body", own["2.1"])
	}
	// A last item that is a sentence, not a title, still leaves the
	// paragraph at the margin to the enclosing point.
	if !strings.Contains(own["3"], "This paragraph closes section 3.") || strings.Contains(own["3.2"], "closes") {
		t.Errorf("3 = %q, 3.2 = %q: the closing paragraph belongs to 3", own["3"], own["3.2"])
	}
}

// generated returns a text of n top-level points, each with three lettered
// sub-points: 4n points in all.
func generated(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d. The parties agree on point %d of this text, as follows:\n\n", i, i)
		for _, l := range "abc" {
			fmt.Fprintf(&b, "(%c) the item %c of point %d applies;\n\n", l, l, i)
		}
	}
	return b.String()
}

// BenchmarkSegmentGenerated segments a generated text of 100,000 points
// (25,000 numbered points with three lettered items each).
func BenchmarkSegmentGenerated(b *testing.B) {
	text := generated(25_000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = segment.Text(text)
	}
}

// The numbering that dominates the document is its top level (issue 14,
// class 1): a short list in front matter that is never continued (a stray
// "(1)" in a preamble, an amendments block "I.", "II." before the body)
// stands beside the body rather than holding it, and a new list after a
// heading that follows the body's last item is not a sub-list of that
// item. A heading numbered "I." that introduces the body, an item that
// introduces its sub-list, and parts "I.", "II." that the numbering runs
// through still hold what follows them.
func TestSegmentDominantNumberingIsTopLevel(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{{
		name: "stray (1) in a preamble",
		text: `The parties, having regard to the following:
(1) the earlier accord of 2019, and the letters that followed it;

have agreed as follows:

1. Scope. This agreement covers the supply of goods.

2. Price. The price is fixed in the annex.
(a) It is paid in euros.
(b) It is paid within thirty days.

3. Term. This agreement runs for five years.
`,
		want: "1~2 1 2 2.a 2.b 3",
	}, {
		name: "amendments block before the body",
		text: `I. The amendment of 2001 replaced point 2.

II. The amendment of 2005 added point 4.

Body of the agreement

1. Scope. This agreement covers the supply of goods.

2. Price. The price is fixed in the annex.

3. Term. This agreement runs for five years.
`,
		want: "i ii 1 2 3",
	}, {
		name: "amendments block after the body",
		text: `1. Scope. This agreement covers the supply of goods.

2. Price. The price is fixed in the annex.

3. Term. This agreement runs for five years.

AMENDMENTS

I. The amendment of 2001 replaced point 2.

II. The amendment of 2005 added point 3.
`,
		want: "1 2 3 i ii",
	}, {
		name: "a roman heading holds the body",
		text: `I. GENERAL PROVISIONS

1. Scope. This agreement covers the supply of goods.

2. Price. The price is fixed in the annex.

3. Term. This agreement runs for five years.
`,
		want: "i i.1 i.2 i.3",
	}, {
		name: "an item introduces its sub-list",
		text: `1. The parties agree as follows.
(a) The seller delivers the goods.
(b) The buyer pays the price.
(c) Both keep records.
`,
		want: "1 1.a 1.b 1.c",
	}, {
		name: "parts that the numbering runs through",
		text: `I. The first part sets out the general rules.

1. Scope. This agreement covers the supply of goods.

2. Price. The price is fixed in the annex.

II. The second part sets out the special rules.

1. Term. This agreement runs for five years.

2. Notices. Notices are given in writing.

3. Law. The law of the seller applies.
`,
		want: "i i.1 i.2 ii ii.1 ii.2 ii.3",
	}}
	for _, c := range cases {
		if got := pathList(segment.Text(c.text)); got != c.want {
			t.Errorf("%s: paths %q, want %q", c.name, got, c.want)
		}
	}
}

// Hard-wrapped references at a line start are no points (issue 14, class
// 6): "3)" of an enumeration inside a sentence does not continue the
// dotted numbering "2.2" as section 3, and "Exhibit A." after a line that
// stops mid-sentence is a reference, not the annex.
func TestSegmentWrappedReferencesAreText(t *testing.T) {
	text := `1. Definitions.

1.1. "Code" means the source code.

2. Grants.

2.1. The Developer grants You a licence.

2.2. No licence is granted: 1) for code You deleted; 2) for code
separate from the Code;
3) for infringements caused by third parties; or 4) under claims
of others.

2.3. You must copy the notice described in
Exhibit A.  You must also copy this licence.

3. Obligations.

3.1. You must keep the notices.

EXHIBIT A - Notice.

The contents of this file are subject to this licence.
`
	seg := segment.Text(text)
	if got, want := pathList(seg), "1 1.1 2 2.1 2.2 2.3 3 3.1 exhibit.a"; got != want {
		t.Errorf("paths %q, want %q", got, want)
	}
	own := ownTexts(seg)
	if !strings.Contains(own["2.2"], "3) for infringements") || !strings.Contains(own["2.3"], "described in Exhibit A.") {
		t.Errorf("2.2 = %q, 2.3 = %q: the wrapped references belong to them", own["2.2"], own["2.3"])
	}
}

// A section printed in a box of asterisks, as plain-text licences frame
// their warranty disclaimers, keeps its number (issue 14, class 6: the
// frame hid the label).
func TestSegmentBoxedSection(t *testing.T) {
	text := `5. Termination

This licence ends when You breach it.

************************************************************************
*                                                                      *
*  6. Disclaimer of Warranty                                           *
*  -------------------------                                           *
*                                                                      *
*  The software is provided "as is", without warranty of any kind.     *
*                                                                      *
************************************************************************

7. Litigation

Any litigation goes to the courts of the Licensor.
`
	seg := segment.Text(text)
	if got, want := pathList(seg), "5 6 7"; got != want {
		t.Errorf("paths %q, want %q", got, want)
	}
	for _, p := range seg.Points {
		if strings.Join(p.Path, ".") == "6" && (p.Heading != "Disclaimer of Warranty" || !strings.HasPrefix(p.Text, "The software is provided")) {
			t.Errorf("6: heading %q, text %q", p.Heading, p.Text)
		}
	}
}

// A dotted number at the start of a line that goes on an unfinished one,
// with no point printed as its parent, is a wrapped version or section
// number, not a new list (issue 14, class 6).
func TestSegmentWrappedDottedNumber(t *testing.T) {
	text := `1. This agreement covers the software.

2. THE LICENSOR SHALL NOT BE LIABLE TO ANY USER OF THE SOFTWARE VERSION
1.6.1 FOR ANY DAMAGES OR LOSS AS A RESULT OF USING IT.

3. This agreement ends when you breach it.
`
	seg := segment.Text(text)
	if got, want := pathList(seg), "1 2 3"; got != want {
		t.Errorf("paths %q, want %q", got, want)
	}
	if own := ownTexts(seg); !strings.Contains(own["2"], "VERSION 1.6.1 FOR ANY DAMAGES") {
		t.Errorf("2 = %q, want the wrapped number in its text", own["2"])
	}
}

// Sections printed "2.0 SCOPE" are the top level, "2.1" nests under
// "2.0", and their text stays in them (issue 14, class 5).
func TestSegmentZeroSections(t *testing.T) {
	text := `1.0 INTRODUCTION

This plan sets out the steps.

2.0 SCOPE

The plan covers all parties.

2.1 The first step is a ceasefire.

2.2 The second step is an exchange.

3.0 TERMS

The terms follow.
`
	seg := segment.Text(text)
	if got, want := pathList(seg), "1 2 2.1 2.2 3"; got != want {
		t.Errorf("paths %q, want %q", got, want)
	}
	if own := ownTexts(seg); own["2"] != "SCOPE\n\nThe plan covers all parties." || own["3"] != "TERMS\n\nThe terms follow." {
		t.Errorf("2 = %q, 3 = %q", own["2"], own["3"])
	}
	if len(seg.Blocks) != 0 {
		t.Errorf("blocks %+v, want none", seg.Blocks)
	}
}

// A label without its space ("(a)deliver") counts where its list confirms
// it, and one malformed marker no longer loses an item (issue 14, class
// 3); "(s)he" at a line start is still text.
func TestSegmentGluedLabel(t *testing.T) {
	text := `1. The seller shall:
(a)deliver the goods;
(b) invoice the buyer;
(c)keep records.

2. The buyer pays, and
(s)he keeps the goods.
`
	seg := segment.Text(text)
	if got, want := pathList(seg), "1 1.a 1.b 1.c 2"; got != want {
		t.Errorf("paths %q, want %q", got, want)
	}
	if own := ownTexts(seg); own["1.a"] != "deliver the goods;" || own["1.c"] != "keep records." || !strings.Contains(own["2"], "(s)he keeps") {
		t.Errorf("1.a = %q, 1.c = %q, 2 = %q", own["1.a"], own["1.c"], own["2"])
	}
}

// A section heading that groups articles ("Section 2 : Définitions" then
// "Article 3"; "SECTION 1" / title / "Article 5" in a regulation) is a
// grouping heading, not a point that the next article's siblings nest
// under (issue 14, class 7). A section with a body of its own is a point.
func TestSegmentSectionsGroupingArticles(t *testing.T) {
	fr := `Chapitre 1er : Dispositions générales

Section 1 : Champ d'application

Article 1

La présente loi s'applique à tous.

Article 2

Elle entre en vigueur demain.

Section 2 : Définitions

Article 3

Les mots ont leur sens usuel.
`
	seg := segment.Text(fr)
	if got, want := pathList(seg), "1 2 3"; got != want {
		t.Errorf("French: paths %q, want %q", got, want)
	}
	if own := ownTexts(seg); own["2"] != "Elle entre en vigueur demain." {
		t.Errorf("French: 2 = %q", own["2"])
	}
	eu := `Article 4
Scope
This Regulation applies to all operators.

SECTION 2
Obligations of operators

Article 5
General obligations
Operators shall keep records.

Article 6
Reporting
Operators shall report each year.
`
	if got, want := pathList(segment.Text(eu)), "4 5 6"; got != want {
		t.Errorf("regulation: paths %q, want %q", got, want)
	}
	own := `Article 1
The parties agree.

Section 1. Scope. This covers goods.

Section 2. Price. The price is fixed.
`
	if got, want := pathList(segment.Text(own)), "1 1.1 1.2"; got != want {
		t.Errorf("sections with bodies: paths %q, want %q", got, want)
	}
}

// A keyword label separated from its title by a run of dashes, as plain
// text prints a dash ("Section 1 -- Definitions."), has that title as its
// heading (issue 14, class 7).
func TestSegmentDoubleHyphenTitle(t *testing.T) {
	text := `Section 1 -- Definitions.

  a. Adapted Material means material derived from the Licensed Material.

Section 2 -- Scope.

  a. The Licensor grants You a licence.
`
	seg := segment.Text(text)
	if got, want := pathList(seg), "1 1.a 2 2.a"; got != want {
		t.Errorf("paths %q, want %q", got, want)
	}
	var heads []string
	for _, p := range seg.Points {
		if len(p.Path) == 1 {
			heads = append(heads, p.Heading)
		}
	}
	if got := strings.Join(heads, "|"); got != "Definitions|Scope" {
		t.Errorf("headings %q, want Definitions|Scope", got)
	}
}

// An unnumbered heading in title case between two items of a list
// ("Permissions for Redistribution" between "(1)" and "(2)") is a block,
// not the end of the item before it (issue 14, class 7); an introduction
// to a new list ("Maßregeln der Besserung und Sicherung sind" before "1.",
// German capitalising its nouns) stays text.
func TestSegmentTitleCaseHeadingBetweenItems(t *testing.T) {
	text := `(1)  You may use the Standard Version for any purpose.

Permissions for Redistribution of the Standard Version

(2)  You may Distribute verbatim copies of the Standard Version.

(3)  Für Maßregeln gilt Folgendes.

Maßregeln der Besserung und Sicherung sind

1. die Unterbringung,

2. die Führungsaufsicht.
`
	seg := segment.Text(text)
	if got, want := pathList(seg), "1 2 3 3.1 3.2"; got != want {
		t.Errorf("paths %q, want %q", got, want)
	}
	own := ownTexts(seg)
	if own["1"] != "You may use the Standard Version for any purpose." {
		t.Errorf("1 = %q, want its own sentence only", own["1"])
	}
	if len(seg.Blocks) != 1 || seg.Blocks[0].Text != "Permissions for Redistribution of the Standard Version" {
		t.Errorf("blocks %+v, want the heading", seg.Blocks)
	}
	if own["3"] != "Für Maßregeln gilt Folgendes.\n\nMaßregeln der Besserung und Sicherung sind" {
		t.Errorf("3 = %q", own["3"])
	}
}
