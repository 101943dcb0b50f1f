package tlog_test

import (
	"errors"
	"strings"
	"testing"

	"parley/tlog"
)

func TestSealOpenKey(t *testing.T) {
	skey, _ := testKeys(t)
	pass := []byte("correct horse battery staple")
	sealed, err := tlog.SealKey(skey, pass)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, skey) || strings.Contains(sealed, strings.Split(skey, "+")[4]) {
		t.Fatal("the sealed blob holds the key in the clear")
	}
	lines := strings.Split(sealed, "\n")
	if len(lines) != 6 || lines[0] != tlog.SealedKeyHeader || !strings.HasPrefix(lines[1], "kdf argon2id ") {
		t.Fatalf("sealed blob:\n%s", sealed)
	}
	got, err := tlog.OpenKey(sealed, pass)
	if err != nil {
		t.Fatal(err)
	}
	if got != skey {
		t.Fatalf("opened %q, want %q", got, skey)
	}
	again, err := tlog.SealKey(skey, pass)
	if err != nil {
		t.Fatal(err)
	}
	if again == sealed {
		t.Fatal("sealing twice gave the same blob: the salt or nonce is not random")
	}
}

func TestOpenKeyRejects(t *testing.T) {
	skey, _ := testKeys(t)
	pass := []byte("correct horse battery staple")
	sealed, err := tlog.SealKey(skey, pass)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(sealed, "\n")
	// mutate replaces one character in line i (counted from 0), after the
	// line's key.
	mutate := func(i int) string {
		l := []byte(lines[i])
		at := strings.IndexByte(lines[i], ' ') + 3
		if l[at] == 'A' {
			l[at] = 'B'
		} else {
			l[at] = 'A'
		}
		m := append([]string(nil), lines...)
		m[i] = string(l)
		return strings.Join(m, "")
	}
	tests := []struct {
		name, sealed string
		pass         []byte
		wrongPass    bool // the error must be ErrWrongPassphrase
		want         string
	}{
		{"wrong passphrase", sealed, []byte("correct horse battery stapler"), true, "passphrase"},
		{"empty passphrase", sealed, nil, false, "passphrase is empty"},
		{"salt changed", mutate(2), pass, true, "passphrase"},
		{"nonce changed", mutate(3), pass, true, "passphrase"},
		{"ciphertext changed", mutate(4), pass, true, "passphrase"},
		{"time cost changed", strings.Replace(sealed, " t=3 ", " t=2 ", 1), pass, true, "passphrase"},
		{"memory over the bound", strings.Replace(sealed, " m=65536 ", " m=2097152 ", 1), pass, false, "line 2"},
		{"threads zero", strings.Replace(sealed, " p=4", " p=0", 1), pass, false, "line 2"},
		{"other kdf", strings.Replace(sealed, "argon2id", "scrypt", 1), pass, false, "line 2"},
		{"header changed", strings.Replace(sealed, "v1", "v2", 1), pass, false, "line 1"},
		{"ciphertext truncated", strings.Join(lines[:4], "") + "ciphertext AAAA\n", pass, false, "line 5"},
		{"line missing", strings.Join(lines[:4], ""), pass, false, "lines"},
		{"extra line", sealed + "x\n", pass, false, "lines"},
		{"no final newline", strings.TrimSuffix(sealed, "\n"), pass, false, "newline"},
		{"empty", "", pass, false, "newline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.sealed == sealed && string(tt.pass) == string(pass) {
				t.Fatal("nothing was changed")
			}
			got, err := tlog.OpenKey(tt.sealed, tt.pass)
			if err == nil {
				t.Fatalf("opened: %q", got)
			}
			if tt.wrongPass != errors.Is(err, tlog.ErrWrongPassphrase) {
				t.Fatalf("error %v: errors.Is(ErrWrongPassphrase) = %v, want %v", err, !tt.wrongPass, tt.wrongPass)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestSealKeyRejects(t *testing.T) {
	if _, err := tlog.SealKey("secret", nil); err == nil {
		t.Error("sealed under an empty passphrase")
	}
	if _, err := tlog.SealKey("", []byte("pass")); err == nil {
		t.Error("sealed an empty key")
	}
}
