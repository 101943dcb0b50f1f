package ingest_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"parley/ingest"
)

// perfInputs are the large texts the speed of Read is measured on: the
// shared statutes. Each is tested and benchmarked when it is on this
// machine and skipped otherwise.
var perfInputs = []struct {
	path   string
	digest string // SHA-256 of the JSON of what Read returns, see readDigest
}{
	{"../../shared/data/texts/statutes/hgb-2012.md", "de28722c0850dae4722b3b48e2b48fdc040cc4a6f363494081e8f8d690419555"},
	{"../../shared/data/texts/statutes/hgb-2018.md", "2fb154744ede23f99cf29523ba4fd7c8aa7e9b272babd81e2d6e20d5b89bb18a"},
	{"../../shared/data/texts/statutes/stgb-2012.md", "658a16195d268e5cbdf7f5ab3d3df6746c40c0f2217777e1a3f626783d3c2145"},
	{"../../shared/data/texts/statutes/stgb-2018.md", "cea5c044b5740ef966a8157a66992e95f74ef4fbbf5960e90927492ddb323897"},
}

// readDigest reads a file with Read and hashes the JSON of the result
// (format, normalised text, preamble and points), so that any change in
// what Read returns changes the digest.
func readDigest(tb testing.TB, path string, body []byte) string {
	tb.Helper()
	doc, err := ingest.Read(filepath.Base(path), body, "")
	if err != nil {
		tb.Fatal(err)
	}
	out, err := json.Marshal(struct {
		Format, Text, Preamble string
		Points                 any
	}{doc.Format, doc.Text, doc.Preamble, doc.Points})
	if err != nil {
		tb.Fatal(err)
	}
	sum := sha256.Sum256(out)
	return hex.EncodeToString(sum[:])
}

// TestReadDigests checks that Read gives exactly what it gave when the
// digests were recorded, before Read and Segment were made faster: the
// speed work must not change a byte of the output.
func TestReadDigests(t *testing.T) {
	for _, in := range perfInputs {
		t.Run(filepath.Base(filepath.Dir(in.path))+"/"+filepath.Base(in.path), func(t *testing.T) {
			body, err := os.ReadFile(in.path)
			if err != nil {
				t.Skipf("%s not here: %v", in.path, err)
			}
			if got := readDigest(t, in.path, body); got != in.digest {
				t.Errorf("%s: digest %s, want %s", in.path, got, in.digest)
			}
		})
	}
}

// TestReadDigestsUnnormalised reads the same inputs with CRLF line ends,
// trailing white space on every line and decomposed (NFD) characters:
// normalising must give back the same text, so the digests are the same.
func TestReadDigestsUnnormalised(t *testing.T) {
	for _, in := range perfInputs {
		t.Run(filepath.Base(filepath.Dir(in.path))+"/"+filepath.Base(in.path), func(t *testing.T) {
			body, err := os.ReadFile(in.path)
			if err != nil {
				t.Skipf("%s not here: %v", in.path, err)
			}
			messy := strings.ReplaceAll(norm.NFD.String(string(body)), "\n", " \t\r\n")
			if got := readDigest(t, in.path, []byte(messy)); got != in.digest {
				t.Errorf("%s: digest %s, want %s", in.path, got, in.digest)
			}
		})
	}
}

// BenchmarkRead reads each large input with Read (normalising, Markdown
// preprocessing and segmenting).
func BenchmarkRead(b *testing.B) {
	for _, in := range perfInputs {
		b.Run(filepath.Base(in.path), func(b *testing.B) {
			body, err := os.ReadFile(in.path)
			if err != nil {
				b.Skipf("%s not here: %v", in.path, err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ingest.Read(filepath.Base(in.path), body, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
