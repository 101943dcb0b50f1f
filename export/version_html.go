package export

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
	"sync"
)

//go:embed templates/version.html
var versionHTML string

// versionTemplate is parsed on first use, as compareTemplate is.
var versionTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("version.html").Funcs(template.FuncMap{
		"anchor":    func(path []string) string { return "p_" + strings.Join(escapeTokens(path), "_") },
		"lines":     func(text string) []string { return strings.Split(text, "\n") },
		"wordLabel": wordLabel,
	}).Parse(versionHTML))
})

// WriteVersionHTML writes a version as one self-contained HTML page (styles
// inline, no scripts, nothing fetched): its facts, the preamble and the
// points as nested lists, each with its label as printed and an anchor
// built from its path ("#p_10_a"; tokens escaped as in the Akoma Ntoso
// eIds, so anchors are unique). The page reads back as the same points
// (see ingest): the lists say inline that they show no numbers of their
// own, a space parts the label from the text, a point with a heading or
// numbered with a word ("Article 5") has its label and heading as a
// heading, and the lines of a text are parted
// by <br>. Every piece of text goes through
// html/template, so nothing in a text can become markup.
func WriteVersionHTML(w io.Writer, v *Version) error {
	return versionTemplate().Execute(w, map[string]any{
		"V":        v.Version,
		"Facts":    versionFacts(v),
		"Preamble": splitParagraphs(v.Version.Preamble),
		"Points":   pointTree(v.Version.Points),
	})
}

// splitParagraphs splits a text at blank lines.
func splitParagraphs(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Split(s, "\n\n")
}
