// Package understand compares what the parties believe was agreed at an
// event, by what their claims say and not only by their labels.
//
// Each claim (a parley.Claim in a parley.Understanding) is tied to a
// subject: an issue, a point, or a topic key normalised by
// parley.NormalizeTopic and mapped through the synonyms the negotiation's
// mediators keep. Claims on one subject are compared (Compare) with one of
// five outcomes: agreed, not-agreed, contradiction, disputed, one-sided.
//
// What a claim says is read by Extract, a small set of rules a reader can
// follow by hand, for English, Russian and Ukrainian:
//
//   - numbers, with thousands grouped by a comma, dot, apostrophe or space
//     (plain, no-break, narrow no-break) before exactly three digits:
//     800,000 · 800 000 · 800.000; a comma or dot before other digits is a
//     decimal mark (1,5 млн);
//   - magnitude words after a number: thousand, тыс., тысяч, тис., тисяч,
//     million, млн, мільйон, billion, млрд, мільярд;
//   - units after a number (troops, personnel, военнослужащих,
//     військовослужбовців, %, percent, процентов, відсотків, dollars,
//     days, дней, днів, years, km), currency signs before it, and "Article
//     5" or "пункт 6" read as references;
//   - dates: 2025-08-15, "15 August 2025", "August 15, 2025", "August
//     2025", "15 августа 2025", "15 серпня 2025", a year alone;
//   - negation: not, no, never, -n't; не, нет, ни, никогда; не, ні, ніколи;
//   - modality: "will" (will, shall, must, promised; будет, должен,
//     обязуется; буде, має, повинен) or "may" (may, might, could, can,
//     possibly; может, возможно; може, можливо); a claim that says both
//     is a "may";
//   - names: the negotiation's parties (name or code, read as the code)
//     and synonym terms (read as their key); places: other capitalised
//     words that do not begin a sentence.
//
// Two claims that both say agreed contradict when they differ on any of
// these (see Differ for the exact rules); the comparison shows each
// party's side of each difference ("figures: 800,000 vs 100,000"), so the
// decision can be checked against the texts. Where a subject is tied to a
// numeric issue, each party's claimed figure is placed on the issue's
// scale.
//
// The package is pure computation: the caller passes the understandings
// the reader may see, and a comparison is made from them alone.
package understand
