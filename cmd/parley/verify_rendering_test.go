package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestVerifyRenderings verifies renderings of recorded texts: parley's
// own exports of the 28-point plan (Markdown, HTML, JSON, Akoma Ntoso)
// and the Word, PDF and HTML files that LibreOffice made of another text
// (ingest/testdata/formats) are "same": the points of a recorded version
// in another format. A rendering with one word changed stays "near".
func TestVerifyRenderings(t *testing.T) {
	c, plan, _ := recordedDemo(t)
	formats := "../../ingest/testdata/formats/"
	body, err := os.ReadFile(formats + "roman-lists.txt")
	if err != nil {
		t.Fatal(err)
	}
	var imported struct{ Version int64 }
	c.jsonOf(&imported, "import", writeTemp(t, "roman-lists.txt", string(body)), "--negotiation", "1", "--label", "Roman lists")
	c.ok("record", "add", strconv.FormatInt(imported.Version, 10), "--passphrase-file", writePassphrase(t, "a passphrase for the record"))

	dir := t.TempDir()
	files := map[string]string{} // file -> the label it must be found as
	for _, format := range []string{"md", "html", "json", "akn"} {
		file := filepath.Join(dir, "plan."+format)
		c.ok("export", plan, "--format", format, "--output", file)
		files[file] = "28-point plan"
	}
	for _, ext := range []string{"docx", "html", "pdf"} {
		files[formats+"roman-lists."+ext] = "Roman lists"
	}
	for file, label := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			if strings.HasSuffix(file, ".pdf") {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					if os.Getenv("CI") != "" {
						t.Fatal("pdftotext is not installed (poppler-utils); CI must install it")
					}
					t.Skip("pdftotext is not installed")
				}
			}
			_, answer, code := verifyAnswer(t, c, file)
			if code != 0 || answer.Match != "same" || answer.Version == nil || answer.Version.Label != label ||
				answer.Similarity != 1 || answer.Proof != nil || len(answer.Differences) != 0 {
				t.Fatalf("exit %d, %+v", code, answer)
			}
			out := c.ok("verify", file)
			if !strings.HasPrefix(out, "same text, other format: ") || !strings.Contains(out, `("`+label+`")`) {
				t.Errorf("text verdict:\n%s", out)
			}
			// --strict wants the recorded bytes.
			if _, _, code := c.run("verify", file, "--strict"); code != 1 {
				t.Errorf("--strict: exit %d, want 1", code)
			}
		})
	}

	// One word changed in the HTML page: near, with the point named.
	page := c.ok("export", plan, "--format", "html")
	changed := writeTemp(t, "changed.html", strings.Replace(page, "sovereignty is confirmed", "sovereignty is noted", 1))
	if _, answer, _ := verifyAnswer(t, c, changed); answer.Match != "near" || len(answer.Differences) != 1 || strings.Join(answer.Differences[0].Path, ".") != "1" {
		t.Errorf("changed page: %+v", answer)
	}
}
