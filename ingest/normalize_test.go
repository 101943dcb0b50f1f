package ingest

// Tests of the fast paths of normalize against the plain code they stand for.

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestIsNFC compares isNFC with the norm package on texts that mix ASCII
// with precomposed and decomposed letters, combining marks, Hangul jamo
// and singletons such as the Ohm sign, at every position.
func TestIsNFC(t *testing.T) {
	parts := []string{
		"a", "e", " ", "x.", "\n", "ä", "a\u0308", "\u0308", "\u0301\u0323", "\u0323\u0301",
		"§", "–", "\u2126", "\u212B", "\u1100", "\u1161", "\u11A8", "가", "\u0B47", "\u0B3E",
		"\u00C5", "A\u030A", "\u0344", "\u0958", "\U0001D15E", "ﬁ", "\u3099", "か", "\u00A0", "\u2013", "\u201E", "\u2000", "\u2001", "\u2026", "\u00FF\u0304", "\u2010\u0338",
		"\xC3", "\xE2\x80", "\x80",
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
			t.Fatalf("isNFC(%+q) = %v, want %v", s, got, want)
		}
	}
	for _, f := range perfFiles() {
		body, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, s := range []string{string(body), norm.NFD.String(string(body))} {
			if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
				t.Errorf("%s: isNFC = %v, want %v", f, got, want)
			}
		}
	}
}

// perfFiles are the large shared texts, when they are on this machine.
func perfFiles() []string {
	return []string{
		"../../shared/data/texts/statutes/hgb-2012.md",
		"../../shared/data/texts/statutes/stgb-2018.md",
	}
}

func BenchmarkIsNFC(b *testing.B) {
	for _, f := range append(perfFiles(), "/tmp/p10k/old.txt") {
		body, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		s := string(body)
		b.Run(f[strings.LastIndexByte(f, '/')+1:]+"/isNFC", func(b *testing.B) {
			for b.Loop() {
				isNFC(s)
			}
		})
		b.Run(f[strings.LastIndexByte(f, '/')+1:]+"/norm", func(b *testing.B) {
			for b.Loop() {
				norm.NFC.IsNormalString(s)
			}
		})
	}
}

// TestTrimLines compares trimLines with trimming every line on its own.
func TestTrimLines(t *testing.T) {
	parts := []string{"a", "b c", " ", "\t", "\n", "\u00A0", "\u3000", "ä", "\v", "\f", "\u0085", "\u2028", "x\n"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
		}
		if got, want := trimLines(s), strings.Join(lines, "\n"); got != want {
			t.Fatalf("trimLines(%+q) = %+q, want %+q", s, got, want)
		}
	}
}

// TestControlBytes compares the word-at-a-time count of control bytes with
// a plain count over random bytes, dense and sparse in control bytes.
func TestControlBytes(t *testing.T) {
	plain := func(b []byte) int {
		n := 0
		for _, c := range b {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7F {
				n++
			}
		}
		return n
	}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 2000 {
		b := make([]byte, r.IntN(100))
		for i := range b {
			switch r.IntN(1 + round%8) {
			case 0:
				b[i] = byte(r.IntN(256))
			case 1:
				b[i] = byte(r.IntN(0x21))
			case 2:
				b[i] = 0x7F + byte(r.IntN(3)) - 1
			default:
				b[i] = 'a' + byte(r.IntN(26))
			}
		}
		if got, want := controlBytes(b), plain(b); got != want {
			t.Fatalf("controlBytes(%q) = %d, want %d", b, got, want)
		}
	}
}

// FuzzScanText checks the one-pass scan against the functions it stands
// for: the same count of control bytes as controlBytes, the same verdict
// on UTF-8 as utf8.Valid, and NFC claimed only of texts that are NFC.
func FuzzScanText(f *testing.F) {
	for _, s := range []string{
		"", "plain ASCII\n\twith tabs", "Geschäftsbetrieb – „daß“ § 1 Abs. 2\n",
		"e\u0301 combining", "\x01\x02\x7f controls", "bad \xC3 byte", "\xE2\x80\x94 dash", "\xE2\x80",
		"Ångström 12345678 über€", "caf\xC3\xA9\r\n", "\xC0\xAF overlong",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := scanText(b)
		if want := controlBytes(b); got.controls != want {
			t.Fatalf("controls of %q: %d, want %d", b, got.controls, want)
		}
		if want := utf8.Valid(b); got.valid != want {
			t.Fatalf("valid of %q: %v, want %v", b, got.valid, want)
		}
		if got.nfc && !norm.NFC.IsNormal(b) {
			t.Fatalf("%q said to be NFC, and is not", b)
		}
	})
}
