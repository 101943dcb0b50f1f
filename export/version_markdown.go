package export

import (
	"io"
	"strings"
	"unicode"
)

// WriteVersionMarkdown writes a version as Markdown: a title, its facts as
// a list, the preamble, and the points as nested list items, each led by
// its label as printed, except that a point numbered with a word
// ("Article 5", "Section 2", "§ 4", "Annex A") is a heading of its label
// and title with its text as a paragraph under it, so that the file reads
// back as the same points. Text is escaped so that nothing in it turns into
// markup; line breaks inside a point are kept.
func WriteVersionMarkdown(w io.Writer, v *Version) error {
	ew := &errWriter{w: w}
	ew.printf("# %s\n\n", mdInline(v.Version.Label))
	for _, f := range versionFacts(v) {
		ew.printf("- **%s:** %s\n", f[0], mdInline(f[1]))
	}
	ew.printf("\n")
	if v.Version.Preamble != "" {
		for _, para := range strings.Split(v.Version.Preamble, "\n\n") {
			ew.printf("%s\n\n", mdBlock(para, ""))
		}
	}
	for i, p := range v.Version.Points {
		indent := strings.Repeat("  ", p.Depth()-1)
		lead := p.Label
		if p.Heading != "" {
			lead += " " + p.Heading
		}
		if wordLabel(p.Label) {
			// "Article 5 Title" as a heading reads back as the point
			// "Article 5" with its heading; as a list item, the title
			// would run into the text.
			if i > 0 {
				ew.printf("\n")
			}
			ew.printf("#### %s\n\n", mdInline(lead))
			if p.Text != "" {
				ew.printf("%s\n\n", mdBlock(p.Text, ""))
			}
			continue
		}
		line := indent + "- **" + mdInline(lead) + "**"
		if p.Text != "" {
			line += " " + mdBlock(p.Text, indent+"  ")
		}
		ew.printf("%s\n", line)
	}
	return ew.err
}

// mdInline escapes the characters that make inline markup, so that a
// label, a name or a line of text reads as it is.
var mdInline = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "&", `\&`, "~", `\~`, "|", `\|`, "\n", " ",
).Replace

// mdBlock escapes a multi-line text for a paragraph or a list item: each
// line inline-escaped, a line that could start a block (a heading, a
// quote, a list item, a rule) escaped at its start, and continuation lines
// indented to stay in the item. A blank line in the text becomes a line
// break, so that a point stays one item.
func mdBlock(text, indent string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = mdInline(strings.TrimLeft(l, " \t"))
		l = mdLineStart(l)
		if i > 0 {
			l = indent + l
		}
		if i < len(lines)-1 {
			l += "<br>"
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// mdLineStart escapes a line's first character where it would start a
// block: "# ", "+ ", "- ", "= ", "1. ", "1) ".
func mdLineStart(l string) string {
	if l == "" {
		return l
	}
	switch l[0] {
	case '#', '+', '-', '=':
		return `\` + l
	}
	digits := 0
	for digits < len(l) && l[digits] >= '0' && l[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < len(l) && (l[digits] == '.' || l[digits] == ')') {
		return l[:digits] + `\` + l[digits:]
	}
	return l
}

// wordLabel reports a label that names its kind in a word ("Article 5",
// "ART. V", "Exhibit A") or with "§", rather than a bare number ("1.",
// "(a)", "iv)", "3.2.1").
func wordLabel(label string) bool {
	if strings.HasPrefix(label, "§") {
		return true
	}
	letters := 0
	for _, r := range label {
		if !unicode.IsLetter(r) {
			break
		}
		letters++
	}
	return letters >= 2 && strings.ContainsAny(label, " \u00a0")
}
