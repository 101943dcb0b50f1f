package tlog_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"reflect"
	"strings"
	"testing"

	"parley"
	"parley/tlog"
)

func TestEndorsementSignEncodeParseVerify(t *testing.T) {
	versionLeaf := mustEncode(t, sampleVersion(1))
	key := partyKey(1)
	e, err := tlog.SignEndorsement(key, "Party A", 4, versionLeaf)
	if err != nil {
		t.Fatal(err)
	}
	leaf := mustEncode(t, e)
	want := "parley/endorsement/v1\n" +
		"version-index 4\n" +
		"version-leaf-hash " + hexOf(tlog.HashLeaf(versionLeaf)) + "\n" +
		"text-sha256 " + textHash(1) + "\n" +
		"party Party A\n" +
		"public-key " + base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey)) + "\n" +
		"signature " + base64.StdEncoding.EncodeToString(e.Signature) + "\n"
	if string(leaf) != want {
		t.Fatalf("encoding:\n%s\nwant:\n%s", leaf, want)
	}
	got, err := tlog.ParseEndorsement(leaf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, e) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, e)
	}
	if err := got.Verify(versionLeaf); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	msg, err := e.Message()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(msg, []byte(tlog.EndorsementDomain+"\nversion-index 4\n")) || !bytes.HasSuffix(msg, []byte("\nparty Party A\n")) {
		t.Fatalf("message:\n%s", msg)
	}
	if !ed25519.Verify(key.Public().(ed25519.PublicKey), msg, e.Signature) {
		t.Fatal("the signature is not over Message")
	}
}

func TestEndorsementVerifyRejects(t *testing.T) {
	versionLeaf := mustEncode(t, sampleVersion(1))
	otherVersion := sampleVersion(1)
	otherVersion.TextHash = textHash(2)
	otherLeaf := mustEncode(t, otherVersion)
	sameTextLeaf := mustEncode(t, func() *tlog.VersionEntry { v := sampleVersion(1); v.Status = parley.StatusSigned; return v }())

	sign := func(key ed25519.PrivateKey, leaf []byte) *tlog.Endorsement {
		e, err := tlog.SignEndorsement(key, "Party A", 0, leaf)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	tests := []struct {
		name    string
		e       func() *tlog.Endorsement
		version []byte
		want    string
	}{
		{"signature by another key", func() *tlog.Endorsement {
			e := sign(partyKey(1), versionLeaf)
			e.PublicKey = partyKey(2).Public().(ed25519.PublicKey)
			return e
		}, versionLeaf, "signature not valid"},
		{"signature over another text hash", func() *tlog.Endorsement {
			e := sign(partyKey(1), otherLeaf)
			e.VersionLeafHash, e.TextHash = tlog.HashLeaf(versionLeaf), textHash(1)
			return e
		}, versionLeaf, "signature not valid"},
		{"signature over another version leaf", func() *tlog.Endorsement {
			e := sign(partyKey(1), sameTextLeaf)
			e.VersionLeafHash = tlog.HashLeaf(versionLeaf)
			return e
		}, versionLeaf, "signature not valid"},
		{"party renamed", func() *tlog.Endorsement { e := sign(partyKey(1), versionLeaf); e.Party = "Party B"; return e }, versionLeaf, "signature not valid"},
		{"index changed", func() *tlog.Endorsement { e := sign(partyKey(1), versionLeaf); e.VersionIndex = 1; return e }, versionLeaf, "signature not valid"},
		{"signature byte flipped", func() *tlog.Endorsement {
			e := sign(partyKey(1), versionLeaf)
			e.Signature = flipped(e.Signature, 10)
			return e
		}, versionLeaf, "signature not valid"},
		{"endorses another version", func() *tlog.Endorsement { return sign(partyKey(1), versionLeaf) }, otherLeaf, "version-leaf-hash"},
		{"endorses the same text in another leaf", func() *tlog.Endorsement { return sign(partyKey(1), versionLeaf) }, sameTextLeaf, "version-leaf-hash"},
		{"version leaf not a version", func() *tlog.Endorsement { return sign(partyKey(1), versionLeaf) }, []byte("x\n"), "version-leaf-hash"},
		{"short public key", func() *tlog.Endorsement {
			e := sign(partyKey(1), versionLeaf)
			e.PublicKey = e.PublicKey[:31]
			return e
		}, versionLeaf, "public-key"},
		{"short signature", func() *tlog.Endorsement {
			e := sign(partyKey(1), versionLeaf)
			e.Signature = e.Signature[:63]
			return e
		}, versionLeaf, "signature"},
		{"empty party", func() *tlog.Endorsement { e := sign(partyKey(1), versionLeaf); e.Party = ""; return e }, versionLeaf, "party"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.e().Verify(tt.version)
			if err == nil {
				t.Fatal("verified")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestSignEndorsementRejects(t *testing.T) {
	versionLeaf := mustEncode(t, sampleVersion(1))
	if _, err := tlog.SignEndorsement(partyKey(1)[:10], "Party A", 0, versionLeaf); err == nil {
		t.Error("signed with a 10-byte private key")
	}
	if _, err := tlog.SignEndorsement(partyKey(1), "Party\nA", 0, versionLeaf); err == nil || !strings.Contains(err.Error(), "party") {
		t.Errorf("party with a newline: %v", err)
	}
	if _, err := tlog.SignEndorsement(partyKey(1), "Party A", 0, []byte("parley/version/v1\n")); err == nil {
		t.Error("endorsed a malformed version leaf")
	}
}

func TestParseEndorsementRejects(t *testing.T) {
	e, err := tlog.SignEndorsement(partyKey(1), "Party A", 4, mustEncode(t, sampleVersion(1)))
	if err != nil {
		t.Fatal(err)
	}
	valid := string(mustEncode(t, e))
	key := base64.StdEncoding.EncodeToString(e.PublicKey)
	sig := base64.StdEncoding.EncodeToString(e.Signature)
	replace := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("sample leaf has no %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	// A signature whose last base64 digit carries non-zero padding bits
	// decodes to the same bytes in lax decoders; it is not canonical.
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	last := strings.IndexByte(alphabet, sig[len(sig)-3])
	laxSig := sig[:len(sig)-3] + string(alphabet[last|0x0f]) + "=="
	if lax, err := base64.StdEncoding.DecodeString(laxSig); err != nil || !bytes.Equal(lax, e.Signature) {
		t.Fatalf("the lax spelling of the signature does not decode to it: %v", err)
	}
	tests := []struct{ name, leaf, want string }{
		{"index leading zero", replace("version-index 4", "version-index 04"), "version-index"},
		{"index missing", replace("version-index 4\n", ""), "version-index"},
		{"leaf hash upper case", replace("version-leaf-hash ", "version-leaf-hash A"), "version-leaf-hash"},
		{"empty party", replace("party Party A", "party"), "party"},
		{"party with tab", replace("party Party A", "party Party\tA"), "party"},
		{"short key", replace(key, base64.StdEncoding.EncodeToString(e.PublicKey[:31])), "public-key"},
		{"key without padding", replace(key, strings.TrimRight(key, "=")), "public-key"},
		{"URL-safe base64", replace(sig, strings.NewReplacer("+", "-", "/", "_").Replace(sig)+"\nsignature "+sig), "signature"},
		{"non-canonical padding bits", replace(sig, laxSig), "signature"},
		{"signature missing", replace("signature "+sig+"\n", ""), "signature"},
		{"extra line", valid + "comment hi\n", "extra line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.leaf == valid {
				t.Fatal("the mutation changed nothing")
			}
			_, err := tlog.ParseEndorsement([]byte(tt.leaf))
			if err == nil {
				t.Fatalf("accepted:\n%s", tt.leaf)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	s := make([]byte, 0, 2*len(b))
	for _, c := range b {
		s = append(s, digits[c>>4], digits[c&15])
	}
	return string(s)
}
