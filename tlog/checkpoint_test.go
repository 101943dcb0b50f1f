package tlog_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"

	"parley/tlog"
)

func TestCheckpointSignOpen(t *testing.T) {
	skey, vkey := testKeys(t)
	root := hashOf([]byte("root"))
	signed, err := tlog.Checkpoint{Origin: testOrigin, Size: 12, Root: root}.Sign(skey)
	if err != nil {
		t.Fatal(err)
	}
	body, sigs, ok := strings.Cut(string(signed), "\n\n")
	if !ok || body+"\n" != testOrigin+"\n12\n"+base64.StdEncoding.EncodeToString(root)+"\n" {
		t.Fatalf("signed checkpoint:\n%s", signed)
	}
	if !strings.HasPrefix(sigs, "— "+testKeyName+" ") || strings.Count(sigs, "\n") != 1 {
		t.Fatalf("signature lines:\n%s", sigs)
	}
	c, err := tlog.OpenCheckpoint(signed, vkey, testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	if c.Origin != testOrigin || c.Size != 12 || !bytes.Equal(c.Root, root) {
		t.Fatalf("opened %+v", c)
	}
}

func TestCheckpointCosignatureAllowed(t *testing.T) {
	skey, vkey := testKeys(t)
	witness, _ := logKey(t, "witness.example", 9)
	body, _ := tlog.Checkpoint{Origin: testOrigin, Size: 3, Root: hashOf(nil)}.Body()
	w, _ := note.NewSigner(witness)
	s, _ := note.NewSigner(skey)
	signed, err := note.Sign(&note.Note{Text: string(body)}, w, s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tlog.OpenCheckpoint(signed, vkey, testOrigin); err != nil {
		t.Fatalf("a witness cosignature made the checkpoint fail: %v", err)
	}
}

func TestCheckpointRejects(t *testing.T) {
	skey, vkey := testKeys(t)
	signed, err := tlog.Checkpoint{Origin: testOrigin, Size: 12, Root: hashOf([]byte("root"))}.Sign(skey)
	if err != nil {
		t.Fatal(err)
	}
	_, sameNameOtherKey := logKey(t, testKeyName, 8)
	_, otherName := logKey(t, "someone-else", 7)
	signBody := func(body string) []byte {
		s, _ := note.NewSigner(skey)
		b, err := note.Sign(&note.Note{Text: body}, s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	root := base64.StdEncoding.EncodeToString(hashOf([]byte("root")))
	tests := []struct {
		name, vkey, origin string
		signed             []byte
		want               string
	}{
		{"wrong origin", vkey, "parley.example/negotiation/8", signed, "origin"},
		{"key of the same name", sameNameOtherKey, testOrigin, signed, "no signature by key " + testKeyName},
		{"key of another name", otherName, testOrigin, signed, "no signature by key someone-else"},
		{"malformed verifier key", "parley+zzzz", testOrigin, signed, "verifier key"},
		{"signature removed", vkey, testOrigin, bytes.SplitAfter(signed, []byte("\n\n"))[0], "well-formed"},
		{"body only", vkey, testOrigin, signed[:bytes.Index(signed, []byte("\n\n"))+1], "well-formed"},
		{"size changed", vkey, testOrigin, bytes.Replace(signed, []byte("\n12\n"), []byte("\n13\n"), 1), "signature not valid for key " + testKeyName},
		{"extension line", vkey, testOrigin, signBody(testOrigin + "\n12\n" + root + "\nextra\n"), "line 4"},
		{"leading zero size", vkey, testOrigin, signBody(testOrigin + "\n012\n" + root + "\n"), "line 2"},
		{"negative size", vkey, testOrigin, signBody(testOrigin + "\n-1\n" + root + "\n"), "line 2"},
		{"short root", vkey, testOrigin, signBody(testOrigin + "\n12\n" + root[4:] + "\n"), "line 3"},
		{"unpadded root", vkey, testOrigin, signBody(testOrigin + "\n12\n" + strings.TrimSuffix(root, "=") + "\n"), "line 3"},
		{"hex root", vkey, testOrigin, signBody(testOrigin + "\n12\n" + hexOf(hashOf([]byte("root"))) + "\n"), "line 3"},
		{"two lines", vkey, testOrigin, signBody(testOrigin + "\n12\n"), "line 3"},
		{"empty origin", vkey, "", signBody("\n12\n" + root + "\n"), "line 1"},
		{"origin with space", vkey, "a b", signBody("a b\n12\n" + root + "\n"), "line 1"},
		{"empty", vkey, testOrigin, nil, "well-formed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tlog.OpenCheckpoint(tt.signed, tt.vkey, tt.origin)
			if err == nil {
				t.Fatalf("accepted:\n%s", tt.signed)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
		})
	}
	t.Run("every byte flipped", func(t *testing.T) {
		for i := range signed {
			if c, err := tlog.OpenCheckpoint(flipped(signed, i), vkey, testOrigin); err == nil {
				t.Errorf("byte %d flipped: accepted %+v", i, c)
			}
		}
	})
}

func TestCheckpointBodyRejects(t *testing.T) {
	for name, c := range map[string]tlog.Checkpoint{
		"empty origin":      {Origin: "", Size: 1, Root: hashOf(nil)},
		"origin with space": {Origin: "a b", Size: 1, Root: hashOf(nil)},
		"origin with LF":    {Origin: "a\n5", Size: 1, Root: hashOf(nil)},
		"short root":        {Origin: "a", Size: 1, Root: hashOf(nil)[:20]},
	} {
		if _, err := c.Body(); err == nil {
			t.Errorf("%s: Body accepted it", name)
		}
		skey, _ := testKeys(t)
		if _, err := c.Sign(skey); err == nil {
			t.Errorf("%s: Sign accepted it", name)
		}
	}
	if _, err := (tlog.Checkpoint{Origin: "a", Root: hashOf(nil)}).Sign("PRIVATE+KEY+nonsense"); err == nil {
		t.Error("signed with a malformed signer key")
	}
}

func TestGenerateKey(t *testing.T) {
	skey, vkey, err := tlog.GenerateKey("parley-negotiation-7")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(skey, "PRIVATE+KEY+parley-negotiation-7+") || !strings.HasPrefix(vkey, "parley-negotiation-7+") {
		t.Fatalf("keys %q %q", skey, vkey)
	}
	signed, err := tlog.Checkpoint{Origin: testOrigin, Size: 0, Root: tlog.EmptyRoot()}.Sign(skey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tlog.OpenCheckpoint(signed, vkey, testOrigin); err != nil {
		t.Fatal(err)
	}
	_, vkey2, _ := tlog.GenerateKey("parley-negotiation-7")
	if vkey2 == vkey {
		t.Fatal("two generated keys are the same")
	}
	for _, name := range []string{"", "a b", "a+b", "a\tb", "a\x01b"} {
		if _, _, err := tlog.GenerateKey(name); err == nil {
			t.Errorf("GenerateKey(%q) accepted the name", name)
		}
	}
}
