//go:build ignore

// gen writes a LibreOffice flat document (.fodt) for each plain text named
// on its command line, for make.sh to convert to DOCX, PDF and HTML.
//
//	go run gen.go auto|typed FILE.txt...
//
// In "auto" mode the numbered points ("1." at the margin, "(a)" and "(i)"
// below them) become list items with automatic numbering, so that the
// DOCX made from the document uses Word's list numbering and the HTML
// uses <ol>; in "typed" mode the numbers stay typed in the text. Lines of
// a paragraph are joined when the line before is long (a hard wrap) and
// kept apart by a line break otherwise ("ARTICLE II" / "PRINCIPLES").
// Every page has the first line of the text as its header and "Page N of
// M" as its footer, which the PDF reader must drop.
package main

import (
	"fmt"
	"html"
	"os"
	"regexp"
	"strings"
)

// para is one paragraph of the plain text.
type para struct {
	indent int      // columns before its first line
	lines  []string // its lines, without indentation
	label  string   // in auto mode: the label that becomes list numbering
	level  int      // 1 for "1.", 2 or 3 for the lists below it
	roman  bool     // a roman list
	start  int      // the label's number
}

var (
	labelStart = regexp.MustCompile(`^(\(?[0-9]{1,3}[.)]|\([a-z]{1,4}\)|\([A-Z]\)|[A-Z]\.|[0-9]+\.[0-9.]*[0-9])\s`)
	topLabel   = regexp.MustCompile(`^([0-9]{1,3})\. `)
	subLabel   = regexp.MustCompile(`^\(([a-z]{1,4})\) `)
)

func main() {
	if len(os.Args) < 3 || (os.Args[1] != "auto" && os.Args[1] != "typed") {
		fmt.Fprintln(os.Stderr, "usage: go run gen.go auto|typed FILE.txt...")
		os.Exit(2)
	}
	for _, f := range os.Args[2:] {
		body, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		out := strings.TrimSuffix(f, ".txt") + ".fodt"
		if err := os.WriteFile(out, []byte(fodt(string(body), os.Args[1] == "auto")), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// paragraphs splits a text at blank lines and at lines that start with a
// label.
func paragraphs(text string) []para {
	var ps []para
	open := false
	for _, line := range strings.Split(text, "\n") {
		content := strings.TrimLeft(line, " ")
		if strings.TrimSpace(content) == "" {
			open = false
			continue
		}
		if !open || labelStart.MatchString(content) {
			ps = append(ps, para{indent: len(line) - len(content)})
			open = true
		}
		p := &ps[len(ps)-1]
		p.lines = append(p.lines, strings.TrimRight(content, " "))
	}
	return ps
}

// number marks the paragraphs that become list items.
func number(ps []para) {
	letters := false // a letter list is open below the current point
	lastLetter := ""
	letterIndent := 0
	for i := range ps {
		p := &ps[i]
		first := p.lines[0]
		if m := topLabel.FindStringSubmatch(first); m != nil && p.indent == 0 {
			p.label, p.level = m[0], 1
			fmt.Sscan(m[1], &p.start)
			letters = false
			continue
		}
		m := subLabel.FindStringSubmatch(first)
		if m == nil {
			continue
		}
		p.label = m[0]
		tok := m[1]
		isRoman := strings.Trim(tok, "ivx") == "" && !(letters && tok == nextLetter(lastLetter))
		switch {
		case !isRoman:
			p.level, letters, lastLetter, letterIndent = 2, true, tok, p.indent
			p.start = int(tok[0]-'a') + 1
		case letters && p.indent > letterIndent:
			p.level, p.roman = 3, true
		default:
			p.level, p.roman = 2, true
			letters = false
		}
		if p.roman {
			p.start = romanValue(tok)
		}
	}
}

func nextLetter(s string) string {
	if len(s) != 1 || s == "z" {
		return ""
	}
	return string(s[0] + 1)
}

func romanValue(s string) int {
	values := map[byte]int{'i': 1, 'v': 5, 'x': 10}
	n := 0
	for i := 0; i < len(s); i++ {
		v := values[s[i]]
		if i+1 < len(s) && values[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// body writes a paragraph's text: lines joined with a space after a long
// line and with a line break after a short one.
func body(p para, skip string) string {
	var b strings.Builder
	for i, l := range p.lines {
		if i == 0 {
			l = strings.TrimPrefix(l, skip)
		} else if len(p.lines[i-1]) >= 60 {
			b.WriteString(" ")
		} else {
			b.WriteString("<text:line-break/>")
		}
		b.WriteString(html.EscapeString(l))
	}
	return b.String()
}

func fodt(text string, auto bool) string {
	ps := paragraphs(text)
	if auto {
		number(ps)
	}
	title := ""
	if len(ps) > 0 {
		title = html.EscapeString(ps[0].lines[0])
	}
	var b strings.Builder
	b.WriteString(head(title, ps))
	depth := 0 // open list levels
	style := func(p para) string {
		if p.roman {
			return "Roman"
		}
		return "Points"
	}
	for _, p := range ps {
		if p.level == 0 {
			for ; depth > 0; depth-- {
				b.WriteString("</text:list-item></text:list>\n")
			}
			fmt.Fprintf(&b, "<text:p text:style-name=\"I%d\">%s</text:p>\n", p.indent, body(p, ""))
			continue
		}
		for depth > p.level {
			b.WriteString("</text:list-item></text:list>\n")
			depth--
		}
		if depth == p.level {
			b.WriteString("</text:list-item>\n")
		}
		for depth < p.level {
			depth++
			fmt.Fprintf(&b, "<text:list text:style-name=\"%s\">\n", style(p))
		}
		fmt.Fprintf(&b, "<text:list-item text:start-value=\"%d\"><text:p text:style-name=\"Item\">%s</text:p>\n", p.start, body(p, p.label))
	}
	for ; depth > 0; depth-- {
		b.WriteString("</text:list-item></text:list>\n")
	}
	b.WriteString("</office:text></office:body></office:document>\n")
	return b.String()
}

const listLevel = `<text:list-level-style-number text:level="%d" style:num-prefix="%s" style:num-suffix="%s" style:num-format="%s">
<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="%.2fcm" fo:text-indent="-1cm" fo:margin-left="%.2fcm"/></style:list-level-properties>
</text:list-level-style-number>
`

func listStyle(name, second string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<text:list-style style:name=%q>\n", name)
	fmt.Fprintf(&b, listLevel, 1, "", ".", "1", 1.0, 1.0)
	fmt.Fprintf(&b, listLevel, 2, "(", ")", second, 2.0, 2.0)
	fmt.Fprintf(&b, listLevel, 3, "(", ")", "i", 3.0, 3.0)
	b.WriteString("</text:list-style>\n")
	return b.String()
}

func head(title string, ps []para) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="13pt"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Item" style:family="paragraph"/>
`)
	seen := map[int]bool{}
	for _, p := range ps {
		if !seen[p.indent] {
			seen[p.indent] = true
			fmt.Fprintf(&b, "<style:style style:name=\"I%d\" style:family=\"paragraph\"><style:paragraph-properties fo:margin-left=\"%.2fcm\"/></style:style>\n", p.indent, float64(p.indent)*0.25)
		}
	}
	b.WriteString(listStyle("Points", "a"))
	b.WriteString(listStyle("Roman", "i"))
	fmt.Fprintf(&b, `</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.5cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p>%s</text:p></style:header>
<style:footer><text:p>Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>1</text:page-count></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
`, title)
	return b.String()
}
