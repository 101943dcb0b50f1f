package align_test

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPrintPoints prints the points the segmenter (ingest.Read) finds in
// the files named in PARLEY_POINTS (comma separated), one a line: path,
// label, heading and the start of the text. It runs the segmenter only,
// never the aligner, so that a labeller can learn the paths of a text
// before writing its truth. Without PARLEY_POINTS it is skipped.
func TestPrintPoints(t *testing.T) {
	files := os.Getenv("PARLEY_POINTS")
	if files == "" {
		t.Skip("set PARLEY_POINTS=file[,file...] to print the points of texts")
	}
	for _, f := range strings.Split(files, ",") {
		dir, base := f[:strings.LastIndex(f, "/")+1], f[strings.LastIndex(f, "/")+1:]
		stem := strings.TrimSuffix(strings.TrimSuffix(base, ".txt"), ".md")
		points := readVersion(t, strings.TrimSuffix(dir, "/"), stem)
		var b strings.Builder
		b.WriteString("== " + f + "\n")
		for _, p := range points {
			text := strings.Join(strings.Fields(p.Text), " ")
			if utf8.RuneCountInString(text) > 60 {
				text = string([]rune(text)[:60]) + "..."
			}
			b.WriteString(strings.Join(p.Path, "/") + "\t" + p.Label + "\t" + p.Heading + "\t| " + text + "\n")
		}
		os.Stdout.WriteString(b.String())
	}
}
