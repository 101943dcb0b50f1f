// Package segment splits a negotiated text into its numbered points: it
// reads the numbering at line starts, decides which labels are points and
// how they nest, gives every word of the body to a point or to a named
// unnumbered block, and checks its own reading (Check). It is pure
// computation: no storage, no I/O. Package ingest calls it after decoding
// and normalising a text; package align relates the points it finds.
//
// # Reading labels
//
// Text reads a normalised text (LF line ends, NFC; see package ingest)
// line by line. A line whose start reads as a label may start a point:
//
//	numbers          "1."  "1)"  "(1)"  "10a."  "(2a)"
//	dotted numbers   "1.2"  "1.2.3"  "1.2.3."; the path is the numbers
//	letters          "(a)"  "a)"  "a."  "(A)"  "A."; "aa)" after "z)", or a
//	                 list of its own below "a)"; Cyrillic "а)"  "б)"
//	roman numerals   "(iv)"  "iv)"  "iv."  "IV."; kept lower-case: "iv"
//	keyword units    "Article 5", "ARTICLE V", "Art. 5", "§ 312a",
//	                 "Section 1.01", "Point 7", "Clause 4", "Paragraph 2"
//	articles         "Artikel", "Artículo", "Articolo", "Artigo", "Artykuł",
//	                 "Článek", "Статья", "Стаття", "Артыкул", "Член",
//	                 "المادة", "Art 5"; numbers "61-1", "67.1", "89¹", "12a",
//	                 "1o", "1º", "1er", "4 bis", "premier", "primero",
//	                 Arabic-Indic digits; transitional "PRIMERO.-"
//	annexes          "Exhibit A", "Annex 2", "Schedule 1", "Appendix B",
//	                 "Attachment 3": path ["exhibit","a"]
//
// A keyword label may be in Markdown emphasis ("**Artículo 1o**",
// "*Article 5 Title*") and after a Markdown heading's "#" marks.
// Invisible characters at a line start (zero-width spaces, byte order
// marks, direction marks, U+2028) do not hide a label, nor does the frame
// of a box of asterisks ("*  6. Disclaimer of Warranty  *"). A list may count
// from 0 ("0. Definitions").
//
// A label must be followed by a space or the end of the line, so "1.5%",
// "3.1(b)" and "100,000" are not labels, nor is a number without a
// delimiter ("1 Abs. 2", "5 per cent"). A parenthesised label glued to a
// word ("(a)deliver", "(2)Überschuldung") counts only as the next item of
// an open list, or as a first item whose list goes on; "(s)he" does not.
// A section printed with a zero ("2.0 SCOPE") is section 2, and "2.1"
// nests under it, also when it follows at once ("1.0 DEFINITIONS" then
// "1.1"): N.0 is never read as a dotted number.
//
// Whether a label really starts a point depends on the numbering open
// around it. The segmenter keeps a stack of open levels, one per numbering
// style. A label that continues a style on the stack (4 after 3, "(c)"
// after "(b)", "2.1" after "1.4") returns to that level and closes the
// levels inside it; a style not on the stack opens a new level one deeper,
// but only at its first item (1, a, i, A, I). "(i)" after "(h)" continues
// the letters; after anything else it starts roman numerals, unless the
// next item is "(j)": a list taken up part-way ("(g)", "(h)" in an
// excerpt) is read as such when its next item follows it. A list may
// skip a few numbers (up to 9 numbers or 4 letters, as retyped leaks and
// renumbered drafts do) when the label starts a paragraph or changes the
// indentation. Everything else stays text, which keeps hard-wrapped lines
// such as "2025. The parties ..." inside their paragraph. Inside a
// paragraph whose line before is unfinished (it does not end with ".",
// ";", ":" or "; and"), only "(a)"-style labels count. Keyword labels are
// stricter still: "Section 3 below", "§ 15 sind" and "§ 325 Abs. 4" are
// citations, not points, and so is a keyword label with text after it on
// a line that goes on one stopping mid-sentence ("the notice described
// in" / "Exhibit A.  You must ..."). A dotted number that opens a list
// whose parent point is not open ("1.6.1" with no "1.6") after an
// unfinished line is text, and "3)" never continues a dotted numbering
// as "3." does. Lines of a table of contents ("1. Introduction
// ........ 3") are not points either.
//
// The numbering that dominates the document is its top level. Before
// reading, a first pass over the whole text counts, for each plain
// numbering style ("1.", "(1)", "a)", "I."), how many items continue the
// item of that style before them; the style with the most (at least two)
// dominates. Its first item starts at the top level, beside the levels
// open before it rather than under them, when each of those is front
// matter: a plain list never continued later in the text, separated from
// the item by unnumbered text or a heading, and either of a style that
// conventionally nests inside the dominant one ("(1)" in a preamble before
// "1.") or holding a sentence rather than a title or the introduction of
// a list ("I. The amendment of 2001 ..." before the body). So "I. GENERAL
// PROVISIONS" then "1.", "2." still nests, as do parts "I.", "II." that
// the numbering runs through. Likewise a new list after a structure break
// that follows the dominant numbering's last item ("AMENDMENTS" then
// "I.", "II." after the body) starts at the top level, not under the last
// point.
//
// Indentation refines the nesting: a list that starts indented deeper
// than a list of the same style nests inside it, and a line indented less
// than an open level closes it. Keyword units outrank plain lists: a new
// "Article 6" never nests inside a numbered list, and keyword styles nest
// by rank (annex, then article, then section or §, then paragraph,
// clause or point). Annexes are always top-level points.
//
// # Paths
//
// A point's path is its parent's path plus its own token, except for
// dotted numbers, whose path is the printed numbers: "3.1" is ["3","1"].
// "1.2" nests under the point "1" when that point is open; otherwise it
// is a top-level point with path ["1","2"], even though no point "1"
// exists (a contract numbering "1.1" under an unnumbered heading), and a
// version with it is valid. Under an annex, dotted paths
// start from the annex: ["exhibit","a","1","2"].
//
// An article's path is its number as printed, one token: "Статья 67.1"
// after "Статья 67" is ["67.1"], "ARTICLE 61-1" is ["61-1"], "Artículo
// 1o" is ["1o"], "Article premier" is ["1"]. A dotted article that does
// not follow its whole number ("Article 4.1" opening a chapter) is a
// dotted path, ["4","1"]. A number far out of sequence whose digits
// continue the last one ("Статья 671" after "Статья 67", "21." after
// "2.") is read as an inserted unit whose superscript was flattened, so
// the numbering goes on after it.
//
// Paths are unique within a document. When the same path occurs again,
// as when two independent lists both start at 1, the later point's last
// token gets a suffix "~2", then "~3": the second "1." at the top level is
// ["1~2"] and its children are ["1~2","a"]. Articles come first: when
// recitals "(1)" to "(89)" or another list took the top-level numbers
// before the articles, the articles get the plain numbers and the others
// the suffixes. So does the dominant numbering beside front matter: a
// preamble's stray "(1)" becomes ["1~2"] and the body's "1." is ["1"].
//
// # Texts and headings
//
// A point's Text is its own text without its children. Wrapped lines are
// joined with single spaces; blank-line-separated paragraphs are joined
// with "\n\n". An unnumbered paragraph belongs to the point before it,
// except that a paragraph indented less than that point's hanging lines or
// its label belongs to the enclosing point (the text after a Markdown
// list), and a paragraph at the enclosing point's margin after a
// sub-item belongs to the sub-item only if the list goes on after it, or
// if the sub-item printed only a title ("3.6. Larger Works.") in a list
// whose item before it printed a title and then its body.
//
// Heading is set for keyword and annex labels and for Markdown headings:
// "Article 5 – Security guarantees" has the heading "Security
// guarantees"; "Section 2. Grant of Licence. Subject to ..." has the
// heading "Grant of Licence" and the rest as text; "Point 1: Russia
// withdraws its forces." and "Article 3 – The Parties shall ..." are
// sentences and stay in the text; a bare "Article 5"
// takes its title from the next line ("Article 5" / "Security
// guarantees") or, when the title is in capitals, from the line after a
// blank one. Numbered points such as "1. Definitions." keep their short
// titles in Text: they cannot be told from a first sentence reliably, and
// keeping them makes texts compare the same way in every version.
//
// Markdown headings ("#### § 1 Title") are read as labels with the rest of
// the line as the heading. Unnumbered headings ("## Erstes Buch"),
// horizontal rules, grouping headings ("PART II", "Chapter 3", "Глава 2",
// "Розділ IV", "Título Primero", "Titre premier - ...", "1. Abschnitt",
// "Erster Teil"), short lines in capitals standing alone ("END OF
// TERMS AND CONDITIONS") and short lines in title case standing alone
// between two items of a list ("(1) ..." / "Permissions for
// Redistribution" / "(2) ...") are structure breaks: before the first point
// they are kept in the preamble; after it they and the text up to the
// next point make a Block, which belongs to no point. A grouping heading
// breaks a paragraph when it follows a finished sentence and stands alone
// or with a title. A keyword unit of a lower rank with a title and no
// body of its own, whose next unit outranks it ("Section 2 : Définitions"
// then "Article 3"; "SECTION 2" / "Obligations of operators" then
// "Article 5"), is a grouping heading too, not a point the articles would
// nest under. A bare article label takes the line after it as its
// title only when body text follows; a line followed by the next article
// is the article's text ("Стаття 5" / "Україна є республікою.").
// A break closes every level except the outermost numbering (and numbered
// Markdown headings of a higher rank), so "§ 9" after a heading continues
// "§ 8".
//
// Text runs in time linear in the size of the text (the first pass
// reads the label lines once more, and the check for front matter reads
// the rest of the text at most once), and reads lines as it goes, so
// memory grows with the points found, not with the lines: a 760 KB
// statute with 3,000 points segments in about 10 ms.
package segment
