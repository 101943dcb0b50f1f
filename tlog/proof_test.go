package tlog_test

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"parley/tlog"
)

func TestProofRoundTripAndVerify(t *testing.T) {
	skey, vkey := testKeys(t)
	leaves := testLog(t)
	signed := signCheckpoint(t, leaves, uint64(len(leaves)), testOrigin, skey)
	tests := []struct {
		index        uint64
		endorsements []uint64
	}{
		{0, []uint64{2, 4}},
		{1, nil},
		{3, []uint64{6}},
		{5, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("version %d", tt.index), func(t *testing.T) {
			p, err := tlog.NewProof(leaves, tt.index, signed, vkey)
			if err != nil {
				t.Fatal(err)
			}
			var got []uint64
			for _, e := range p.Endorsements {
				got = append(got, e.Index)
			}
			if !reflect.DeepEqual(got, tt.endorsements) {
				t.Fatalf("endorsements at %v, want %v", got, tt.endorsements)
			}
			text, err := p.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(text, fmt.Appendf(nil, "parley proof v1\ntree-size 7\nversion %d\nleaf 12\nparley/version/v1\n", tt.index)) {
				t.Fatalf("proof file:\n%s", text)
			}
			parsed, err := tlog.ParseProof(text)
			if err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			if !reflect.DeepEqual(parsed, p) {
				t.Fatalf("round trip changed the proof:\n%+v\n%+v", parsed, p)
			}
			v, err := parsed.Verify(vkey)
			if err != nil {
				t.Fatal(err)
			}
			if v.Index != tt.index || v.Checkpoint.Origin != testOrigin || v.Checkpoint.Size != 7 || len(v.Endorsements) != len(tt.endorsements) {
				t.Fatalf("verified %+v", v)
			}
			if err := v.Version.CheckText(fmt.Sprintf("text of version %d\n", tt.index)); err != nil {
				t.Fatalf("CheckText of the recorded text: %v", err)
			}
			if err := v.Version.CheckText("another text\n"); err == nil {
				t.Fatal("CheckText accepted another text")
			}
		})
	}
}

func TestProofAtEarlierCheckpoint(t *testing.T) {
	skey, vkey := testKeys(t)
	leaves := testLog(t)
	// At size 3 version 0 has one endorsement; the one at leaf 4 comes later.
	signed := signCheckpoint(t, leaves, 3, testOrigin, skey)
	p, err := tlog.NewProof(leaves, 0, signed, vkey)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Endorsements) != 1 || p.Endorsements[0].Index != 2 || p.TreeSize != 3 {
		t.Fatalf("proof %+v", p)
	}
	if _, err := tlog.NewProof(leaves, 3, signed, vkey); err == nil || !strings.Contains(err.Error(), "not in the checkpoint's tree") {
		t.Fatalf("proof of a leaf after the checkpoint: %v", err)
	}
}

func TestNewProofRejects(t *testing.T) {
	skey, vkey := testKeys(t)
	leaves := testLog(t)
	signed := signCheckpoint(t, leaves, uint64(len(leaves)), testOrigin, skey)
	_, otherKey := logKey(t, testKeyName, 8)
	forked := append([][]byte(nil), leaves...)
	forked[1] = mustEncode(t, sampleVersion(9))
	tests := []struct {
		name   string
		leaves [][]byte
		index  uint64
		vkey   string
		want   string
	}{
		{"endorsement, not version", leaves, 2, vkey, "leaf 2"},
		{"index beyond", leaves, 7, vkey, "not in the checkpoint's tree"},
		{"fewer leaves than the checkpoint", leaves[:5], 0, vkey, "beyond the log's 5 leaves"},
		{"leaves differ from the checkpoint", forked, 0, vkey, "root does not match"},
		{"wrong key", leaves, 0, otherKey, "no signature by key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tlog.NewProof(tt.leaves, tt.index, signed, tt.vkey)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// TestProofTamper changes valid proofs in every way a forger might, in the
// struct and in the file, and expects each change to be rejected.
func TestProofTamper(t *testing.T) {
	skey, vkey := testKeys(t)
	leaves := testLog(t)
	signed := signCheckpoint(t, leaves, uint64(len(leaves)), testOrigin, skey)
	valid, err := tlog.NewProof(leaves, 0, signed, vkey)
	if err != nil {
		t.Fatal(err)
	}
	copyProof := func() *tlog.Proof {
		p := *valid
		p.Version = copyLeaf(p.Version)
		p.Endorsements = nil
		for _, e := range valid.Endorsements {
			p.Endorsements = append(p.Endorsements, copyLeaf(e))
		}
		p.Checkpoint = bytes.Clone(p.Checkpoint)
		return &p
	}
	reject := func(t *testing.T, what string, p *tlog.Proof, want string) {
		t.Helper()
		_, err := p.Verify(vkey)
		if err == nil {
			t.Fatalf("%s: accepted", what)
		}
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("%s: error %q does not mention %q", what, err, want)
		}
	}

	t.Run("proof hash bytes", func(t *testing.T) {
		for h := range valid.Version.Inclusion {
			for b := range tlog.HashSize {
				p := copyProof()
				p.Version.Inclusion[h] = flipped(p.Version.Inclusion[h], b)
				reject(t, fmt.Sprintf("version hash %d byte %d", h, b), p, "inclusion proof does not match the checkpoint root")
				p = copyProof()
				p.Endorsements[1].Inclusion[h%len(p.Endorsements[1].Inclusion)] = flipped(p.Endorsements[1].Inclusion[h%len(p.Endorsements[1].Inclusion)], b)
				reject(t, fmt.Sprintf("endorsement hash %d byte %d", h, b), p, "endorsement leaf at index 4: inclusion proof does not match")
			}
		}
	})
	t.Run("leaf bytes", func(t *testing.T) {
		for b := range valid.Version.Leaf {
			p := copyProof()
			p.Version.Leaf = flipped(p.Version.Leaf, b)
			if _, err := p.Verify(vkey); err == nil {
				t.Fatalf("version leaf byte %d flipped: accepted", b)
			}
		}
		for b := range valid.Endorsements[0].Leaf {
			p := copyProof()
			p.Endorsements[0].Leaf = flipped(p.Endorsements[0].Leaf, b)
			if _, err := p.Verify(vkey); err == nil {
				t.Fatalf("endorsement leaf byte %d flipped: accepted", b)
			}
		}
	})
	t.Run("a valid version leaf of another version", func(t *testing.T) {
		p := copyProof()
		p.Version.Leaf = bytes.Clone(leaves[1])
		p.Endorsements = nil
		reject(t, "other leaf", p, "inclusion proof does not match the checkpoint root")
	})
	t.Run("indexes", func(t *testing.T) {
		for i := range uint64(9) {
			if i == 0 {
				continue
			}
			p := copyProof()
			p.Version.Index = i
			p.Endorsements = nil
			if _, err := p.Verify(vkey); err == nil {
				t.Errorf("version index %d: accepted", i)
			}
		}
		p := copyProof()
		p.Endorsements[0].Index = 3
		reject(t, "endorsement index", p, "inclusion proof does not match")
		p = copyProof()
		p.Endorsements[0], p.Endorsements[1] = p.Endorsements[1], p.Endorsements[0]
		reject(t, "endorsements out of order", p, "index order")
		p = copyProof()
		p.Endorsements = append(p.Endorsements, p.Endorsements[1])
		reject(t, "endorsement repeated", p, "index order")
	})
	t.Run("sizes", func(t *testing.T) {
		for _, size := range []uint64{0, 6, 8, 100} {
			p := copyProof()
			p.TreeSize = size
			reject(t, fmt.Sprintf("tree-size %d", size), p, "tree-size")
		}
	})
	t.Run("proof length", func(t *testing.T) {
		p := copyProof()
		p.Version.Inclusion = p.Version.Inclusion[:len(p.Version.Inclusion)-1]
		reject(t, "truncated", p, "version leaf at index 0: inclusion proof")
		p = copyProof()
		p.Version.Inclusion = append(p.Version.Inclusion, hashOf([]byte("x")))
		reject(t, "extended", p, "version leaf at index 0: inclusion proof")
		p = copyProof()
		p.Version.Inclusion[0] = p.Version.Inclusion[0][:16]
		reject(t, "short hash", p, "16 bytes")
	})
	t.Run("checkpoint", func(t *testing.T) {
		for i := range valid.Checkpoint {
			p := copyProof()
			p.Checkpoint = flipped(p.Checkpoint, i)
			if _, err := p.Verify(vkey); err == nil {
				t.Fatalf("checkpoint byte %d flipped: accepted", i)
			}
		}
		other := signCheckpoint(t, leaves, 6, testOrigin, skey)
		p := copyProof()
		p.Checkpoint, p.TreeSize = other, 6
		p.Endorsements = nil
		reject(t, "checkpoint of another size", p, "inclusion proof does not match the checkpoint root")
		otherSkey, _ := logKey(t, testKeyName, 8)
		p = copyProof()
		p.Checkpoint = signCheckpoint(t, leaves, 7, testOrigin, otherSkey)
		reject(t, "checkpoint by another key", p, "no signature by key "+testKeyName)
	})
	t.Run("wrong verifier key", func(t *testing.T) {
		_, otherVkey := logKey(t, testKeyName, 8)
		if _, err := valid.Verify(otherVkey); err == nil || !strings.Contains(err.Error(), "checkpoint has no signature by key") {
			t.Fatalf("another key: %v", err)
		}
	})
	t.Run("endorsement of another version", func(t *testing.T) {
		other, err := tlog.NewProof(leaves, 3, signed, vkey)
		if err != nil {
			t.Fatal(err)
		}
		p := copyProof()
		p.Endorsements = append(p.Endorsements, copyLeaf(other.Endorsements[0]))
		reject(t, "foreign endorsement", p, "endorses the version at index 3, not 0")
	})
	t.Run("every byte of the file", func(t *testing.T) {
		text, err := valid.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		for i := range text {
			p, err := tlog.ParseProof(flipped(text, i))
			if err != nil {
				continue
			}
			if _, err := p.Verify(vkey); err == nil {
				t.Fatalf("byte %d (%q) flipped: accepted", i, text[i])
			}
		}
	})
}

func copyLeaf(pl tlog.ProvenLeaf) tlog.ProvenLeaf {
	return tlog.ProvenLeaf{Index: pl.Index, Leaf: bytes.Clone(pl.Leaf), Inclusion: clone(pl.Inclusion)}
}

func TestParseProofRejects(t *testing.T) {
	skey, vkey := testKeys(t)
	leaves := testLog(t)
	p, err := tlog.NewProof(leaves, 0, signCheckpoint(t, leaves, 7, testOrigin, skey), vkey)
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	valid := string(b)
	lines := strings.SplitAfter(valid, "\n")
	line := func(n int) string { return strings.TrimSuffix(lines[n-1], "\n") }
	without := func(n int) string {
		return strings.Join(lines[:n-1], "") + strings.Join(lines[n:], "")
	}
	replaceLine := func(n int, s string) string {
		return strings.Join(lines[:n-1], "") + s + "\n" + strings.Join(lines[n:], "")
	}
	if line(4) != "leaf 12" || line(17) != "inclusion 3" {
		t.Fatalf("unexpected layout:\n%s", valid)
	}
	tests := []struct{ name, text, want string }{
		{"empty", "", "empty"},
		{"no final newline", strings.TrimSuffix(valid, "\n"), "newline"},
		{"header", replaceLine(1, "parley proof v2"), "line 1"},
		{"tree-size leading zero", replaceLine(2, "tree-size 07"), "line 2"},
		{"tree-size missing", without(2), "line 2"},
		{"version negative", replaceLine(3, "version -1"), "line 3"},
		{"leaf count too small", replaceLine(4, "leaf 11"), "line 16"},
		{"leaf count too big", replaceLine(4, "leaf 13"), "line 18"},
		{"leaf count zero", replaceLine(4, "leaf 0"), "line 4"},
		{"leaf count huge", replaceLine(4, "leaf 1000"), "line 4"},
		{"inclusion count too big", replaceLine(17, "inclusion 4"), "line 21"},
		{"inclusion hash not base64", replaceLine(18, "!!"+line(18)[2:]), "line 18"},
		{"inclusion hash hex", replaceLine(18, hexOf(hashOf(nil))), "line 18"},
		{"inclusion hash unpadded", replaceLine(18, strings.TrimSuffix(line(18), "=")), "line 18"},
		{"unknown block", replaceLine(21, "witness 3"), "line 21"},
		{"checkpoint count short", strings.Replace(valid, "\ncheckpoint 5\n", "\ncheckpoint 4\n", 1), "unexpected line after the checkpoint"},
		{"checkpoint count long", strings.Replace(valid, "\ncheckpoint 5\n", "\ncheckpoint 6\n", 1), "ends 1 lines early"},
		{"checkpoint missing", valid[:strings.Index(valid, "checkpoint 5")], "missing"},
		{"trailing line", valid + "\n", "unexpected line after the checkpoint"},
		{"too large", valid + strings.Repeat("x", 1<<20) + "\n", "larger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tlog.ParseProof([]byte(tt.text))
			if err == nil {
				t.Fatalf("accepted:\n%s", tt.text)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestProofMarshalRejects(t *testing.T) {
	p := &tlog.Proof{TreeSize: 1, Version: tlog.ProvenLeaf{Leaf: []byte("x\n")}, Checkpoint: []byte("a\n")}
	if _, err := p.Marshal(); err != nil {
		t.Fatalf("a well-shaped proof: %v", err)
	}
	for name, change := range map[string]func(p *tlog.Proof){
		"leaf without newline":  func(p *tlog.Proof) { p.Version.Leaf = []byte("x") },
		"empty leaf":            func(p *tlog.Proof) { p.Version.Leaf = nil },
		"short proof hash":      func(p *tlog.Proof) { p.Version.Inclusion = [][]byte{{1, 2}} },
		"empty checkpoint":      func(p *tlog.Proof) { p.Checkpoint = nil },
		"too many proof hashes": func(p *tlog.Proof) { p.Version.Inclusion = make([][]byte, 65) },
	} {
		q := *p
		change(&q)
		if _, err := q.Marshal(); err == nil {
			t.Errorf("%s: marshalled", name)
		}
	}
}

func TestProofMarshalParseLargestNumbers(t *testing.T) {
	p := &tlog.Proof{
		TreeSize:     math.MaxUint64,
		Version:      tlog.ProvenLeaf{Index: math.MaxUint64 - 1, Leaf: []byte("x\n"), Inclusion: [][]byte{}},
		Endorsements: []tlog.ProvenLeaf{{Index: math.MaxUint64, Leaf: []byte("y\n"), Inclusion: [][]byte{hashOf(nil)}}},
		Checkpoint:   []byte("a\n"),
	}
	text, err := p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := tlog.ParseProof(text)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if !reflect.DeepEqual(back, p) {
		t.Fatalf("round trip:\n%+v\n%+v", back, p)
	}
}
