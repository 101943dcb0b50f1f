package tlog_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"

	"parley"
	"parley/tlog"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpora under testdata/fuzz")

// seedPassphrase opens the sealed keys in the FuzzOpenKey seeds.
const seedPassphrase = "fuzz seed passphrase"

// mustBeUserError fails if err is not an EINVALID or EFORBIDDEN
// *parley.Error, the only errors bad input may cause.
func mustBeUserError(t *testing.T, err error) {
	t.Helper()
	if code := parley.ErrorCode(err); code != parley.EINVALID && code != parley.EFORBIDDEN {
		t.Fatalf("error of code %q: %v", code, err)
	}
}

func FuzzParseEntry(f *testing.F) {
	f.Fuzz(func(t *testing.T, leaf []byte) {
		e, err := tlog.ParseEntry(leaf)
		if err != nil {
			mustBeUserError(t, err)
			return
		}
		again, err := e.Encode()
		if err != nil {
			t.Fatalf("a parsed leaf does not encode: %v", err)
		}
		if !bytes.Equal(again, leaf) {
			t.Fatalf("parse accepted a non-canonical leaf:\n%q\nencodes as\n%q", leaf, again)
		}
		switch e := e.(type) {
		case *tlog.Endorsement:
			if err := e.Verify(leaf); err == nil {
				t.Fatal("an endorsement verified against itself as the version leaf")
			}
		case *tlog.VersionEntry:
			_ = e.CheckText("")
		}
	})
}

func FuzzOpenCheckpoint(f *testing.F) {
	_, vkey := testKeys(f)
	f.Fuzz(func(t *testing.T, signed []byte) {
		c, err := tlog.OpenCheckpoint(signed, vkey, testOrigin)
		if err != nil {
			mustBeUserError(t, err)
		} else {
			body, err := c.Body()
			if err != nil || c.Origin != testOrigin || !bytes.HasPrefix(signed, append(body, '\n')) {
				t.Fatalf("opened %+v from\n%q (body %q, %v)", c, signed, body, err)
			}
		}
		// The same bytes as a bare body: only Body's output parses.
		if c, err := tlog.ParseCheckpoint(signed); err == nil {
			if body, err := c.Body(); err != nil || !bytes.Equal(body, signed) {
				t.Fatalf("non-canonical body %q accepted as %+v", signed, c)
			}
		}
	})
}

func FuzzParseProof(f *testing.F) {
	_, vkey := testKeys(f)
	f.Fuzz(func(t *testing.T, text []byte) {
		p, err := tlog.ParseProof(text)
		if err != nil {
			mustBeUserError(t, err)
			return
		}
		again, err := p.Marshal()
		if err != nil {
			t.Fatalf("a parsed proof does not marshal: %v", err)
		}
		if !bytes.Equal(again, text) {
			t.Fatalf("parse accepted a non-canonical proof:\n%q\nmarshals as\n%q", text, again)
		}
		if _, err := p.Verify(vkey); err != nil {
			mustBeUserError(t, err)
		}
	})
}

// FuzzOpenKey fuzzes the parsing of sealed keys. With an empty passphrase
// OpenKey stops before the costly key derivation, so the fuzzer stays fast.
func FuzzOpenKey(f *testing.F) {
	f.Fuzz(func(t *testing.T, sealed string) {
		_, err := tlog.OpenKey(sealed, nil)
		if err == nil {
			t.Fatal("opened with an empty passphrase")
		}
		mustBeUserError(t, err)
	})
}

// seeds returns the seed inputs of each fuzz target, by file name. Names
// starting with "valid-" are inputs the target's code must accept.
func seeds(t *testing.T) map[string]map[string][]byte {
	skey, vkey := testKeys(t)
	leaves := testLog(t)
	signed := signCheckpoint(t, leaves, 7, testOrigin, skey)
	proof := func(index uint64) []byte {
		p, err := tlog.NewProof(leaves, index, signed, vkey)
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	witness, _ := logKey(t, "witness.example", 9)
	body, _ := tlog.Checkpoint{Origin: testOrigin, Size: 7, Root: hashOf([]byte("x"))}.Body()
	w, _ := note.NewSigner(witness)
	s, _ := note.NewSigner(skey)
	cosigned, err := note.Sign(&note.Note{Text: string(body)}, s, w)
	if err != nil {
		t.Fatal(err)
	}
	unknownDate := sampleVersion(2)
	unknownDate.Date, unknownDate.DraftingParty, unknownDate.Negotiation = parley.Date{}, "", ""
	seal := func(secret string) []byte {
		sealed, err := tlog.SealKey(secret, []byte(seedPassphrase))
		if err != nil {
			t.Fatal(err)
		}
		return []byte(sealed)
	}
	sealed := seal(skey)
	return map[string]map[string][]byte{
		"FuzzParseEntry": {
			"valid-version":              leaves[0],
			"valid-version-unknown-date": mustEncode(t, unknownDate),
			"valid-endorsement":          leaves[2],
			"leading-zero":               bytes.Replace(leaves[0], []byte("version-id 40"), []byte("version-id 040"), 1),
			"truncated":                  leaves[2][:len(leaves[2])/2],
		},
		"FuzzOpenCheckpoint": {
			"valid-size-7":    signed,
			"valid-size-0":    signCheckpoint(t, leaves, 0, testOrigin, skey),
			"valid-cosigned":  cosigned,
			"extension-line":  bytes.Replace(signed, []byte("\n\n"), []byte("\nextra\n\n"), 1),
			"body-only":       body,
			"signature-upset": flipped(signed, len(signed)-10),
		},
		"FuzzParseProof": {
			"valid-version-0-two-endorsements": proof(0),
			"valid-version-3-one-endorsement":  proof(3),
			"valid-version-5":                  proof(5),
			"short-leaf-count":                 bytes.Replace(proof(5), []byte("\nleaf 12\n"), []byte("\nleaf 11\n"), 1),
		},
		"FuzzOpenKey": {
			"valid-sealed-log-key":   sealed,
			"valid-sealed-party-key": seal(strings.Repeat("k", 64)),
			"valid-sealed-one-byte":  seal("x"),
			"header-only":            []byte(tlog.SealedKeyHeader + "\n"),
			"huge-memory":            bytes.Replace(sealed, []byte(" m=65536 "), []byte(" m=4294967295 "), 1),
		},
	}
}

// TestFuzzSeeds checks that the committed seeds named "valid-" are still
// accepted, so the fuzzers start from inputs that reach deep code. With
// -update it writes the seeds first.
func TestFuzzSeeds(t *testing.T) {
	_, vkey := testKeys(t)
	if *update {
		for target, files := range seeds(t) {
			dir := filepath.Join("testdata", "fuzz", target)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, data := range files {
				file := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
				if target == "FuzzOpenKey" {
					file = fmt.Sprintf("go test fuzz v1\nstring(%q)\n", data)
				}
				if err := os.WriteFile(filepath.Join(dir, name), []byte(file), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	accept := map[string]func([]byte) error{
		"FuzzParseEntry": func(b []byte) error { _, err := tlog.ParseEntry(b); return err },
		"FuzzOpenCheckpoint": func(b []byte) error {
			_, err := tlog.OpenCheckpoint(b, vkey, testOrigin)
			return err
		},
		"FuzzParseProof": func(b []byte) error {
			p, err := tlog.ParseProof(b)
			if err != nil {
				return err
			}
			_, err = p.Verify(vkey)
			return err
		},
		"FuzzOpenKey": func(b []byte) error {
			_, err := tlog.OpenKey(string(b), []byte(seedPassphrase))
			return err
		},
	}
	for target, accepts := range accept {
		t.Run(target, func(t *testing.T) {
			dir := filepath.Join("testdata", "fuzz", target)
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			valid := 0
			for _, entry := range entries {
				if !strings.HasPrefix(entry.Name(), "valid-") {
					continue
				}
				data := readSeed(t, filepath.Join(dir, entry.Name()))
				if err := accepts(data); err != nil {
					t.Errorf("%s: %v", entry.Name(), err)
				}
				valid++
			}
			if valid < 3 {
				t.Errorf("%d valid seeds, want at least 3", valid)
			}
		})
	}
}

// readSeed decodes a one-value corpus file in the "go test fuzz v1" format.
func readSeed(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header, value, _ := strings.Cut(strings.TrimSuffix(string(b), "\n"), "\n")
	if header != "go test fuzz v1" {
		t.Fatalf("%s: header %q", path, header)
	}
	for _, kind := range []string{"[]byte(", "string("} {
		if quoted, ok := strings.CutPrefix(value, kind); ok {
			s, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			return []byte(s)
		}
	}
	t.Fatalf("%s: value %q is not []byte or string", path, value)
	return nil
}
