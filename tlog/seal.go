package tlog

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	"parley"
)

// SealedKeyHeader is the first line of a sealed key.
const SealedKeyHeader = "parley sealed key v1"

// Argon2id parameters for new sealed keys: RFC 9106's second recommended
// option (3 passes over 64 MiB), with 4 lanes. Opening honours the
// parameters written in the blob, within the bounds below, so they can be
// raised later without breaking old blobs.
const (
	sealTime    = 3
	sealMemory  = 64 << 10 // KiB
	sealThreads = 4
	saltSize    = 16

	maxSealTime    = 16
	minSealMemory  = 8 << 10 // KiB
	maxSealMemory  = 1 << 20 // KiB: 1 GiB
	maxSealThreads = 16
	maxSecret      = 4 << 10 // bytes
)

// ErrWrongPassphrase is returned by OpenKey when the passphrase does not
// open the sealed key. An altered blob gives the same error: authenticated
// encryption cannot tell the two apart.
var ErrWrongPassphrase = parley.Errorf(parley.EFORBIDDEN, "the passphrase does not open the sealed key (wrong passphrase, or the sealed key was altered)")

// SealKey encrypts secret, typically a signer key from GenerateKey, under
// passphrase. The key is derived with argon2id from the passphrase and a
// random salt, and the secret is sealed with XChaCha20-Poly1305 under a
// random nonce; the header, parameters and salt are authenticated too. The
// result is text:
//
//	parley sealed key v1
//	kdf argon2id t=3 m=65536 p=4
//	salt <base64 of 16 bytes>
//	nonce <base64 of 24 bytes>
//	ciphertext <base64>
func SealKey(secret string, passphrase []byte) (string, error) {
	if len(passphrase) == 0 {
		return "", parley.Errorf(parley.EINVALID, "the passphrase is empty")
	}
	if secret == "" || len(secret) > maxSecret {
		return "", parley.Errorf(parley.EINVALID, "the key to seal must be 1 to %d bytes", maxSecret)
	}
	salt := make([]byte, saltSize)
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("tlog: seal key: %w", err)
	}
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("tlog: seal key: %w", err)
	}
	p := sealParams{time: sealTime, memory: sealMemory, threads: sealThreads, salt: salt}
	aead, err := chacha20poly1305.NewX(p.key(passphrase))
	if err != nil {
		return "", fmt.Errorf("tlog: seal key: %w", err)
	}
	header := p.header()
	sealed := aead.Seal(nil, nonce, []byte(secret), []byte(header))
	return header +
		"nonce " + base64.StdEncoding.EncodeToString(nonce) + "\n" +
		"ciphertext " + base64.StdEncoding.EncodeToString(sealed) + "\n", nil
}

// OpenKey decrypts a key sealed by SealKey. A passphrase that does not open
// it gives ErrWrongPassphrase; a blob that is not a sealed key gives an
// error naming the line at fault.
func OpenKey(sealed string, passphrase []byte) (string, error) {
	fail := func(line int, format string, args ...any) (string, error) {
		return "", parley.Errorf(parley.EINVALID, "sealed key line %d: %s", line, fmt.Sprintf(format, args...))
	}
	if len(sealed) > 4*maxSecret {
		return "", parley.Errorf(parley.EINVALID, "sealed key is larger than %d bytes", 4*maxSecret)
	}
	if !strings.HasSuffix(sealed, "\n") {
		return "", parley.Errorf(parley.EINVALID, "sealed key does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(sealed, "\n"), "\n")
	if len(lines) != 5 {
		return "", parley.Errorf(parley.EINVALID, "sealed key has %d lines, want 5", len(lines))
	}
	if lines[0] != SealedKeyHeader {
		return fail(1, "want %q, found %s", SealedKeyHeader, quoteCut(lines[0]))
	}
	var p sealParams
	if !p.parseKDF(lines[1]) {
		return fail(2, "want \"kdf argon2id t=T m=M p=P\" within the supported bounds, found %s", quoteCut(lines[1]))
	}
	var ok bool
	if p.salt, ok = cutBase64(lines[2], "salt", saltSize, saltSize); !ok {
		return fail(3, "want \"salt\" and the base64 of %d bytes", saltSize)
	}
	nonce, ok := cutBase64(lines[3], "nonce", chacha20poly1305.NonceSizeX, chacha20poly1305.NonceSizeX)
	if !ok {
		return fail(4, "want \"nonce\" and the base64 of %d bytes", chacha20poly1305.NonceSizeX)
	}
	box, ok := cutBase64(lines[4], "ciphertext", chacha20poly1305.Overhead+1, chacha20poly1305.Overhead+maxSecret)
	if !ok {
		return fail(5, "want \"ciphertext\" and its base64")
	}
	if len(passphrase) == 0 {
		return "", parley.Errorf(parley.EINVALID, "the passphrase is empty")
	}
	aead, err := chacha20poly1305.NewX(p.key(passphrase))
	if err != nil {
		return "", fmt.Errorf("tlog: open key: %w", err)
	}
	secret, err := aead.Open(nil, nonce, box, []byte(p.header()))
	if err != nil {
		return "", ErrWrongPassphrase
	}
	return string(secret), nil
}

// sealParams are the key derivation parameters of a sealed key.
type sealParams struct {
	time, memory uint32
	threads      uint8
	salt         []byte
}

func (p *sealParams) key(passphrase []byte) []byte {
	return argon2.IDKey(passphrase, p.salt, p.time, p.memory, p.threads, chacha20poly1305.KeySize)
}

// header returns the first three lines of the blob, which the AEAD
// authenticates as additional data.
func (p *sealParams) header() string {
	return fmt.Sprintf("%s\nkdf argon2id t=%d m=%d p=%d\nsalt %s\n",
		SealedKeyHeader, p.time, p.memory, p.threads, base64.StdEncoding.EncodeToString(p.salt))
}

// parseKDF reads "kdf argon2id t=T m=M p=P" in canonical form and within
// bounds that keep a forged blob from costing unbounded time or memory.
func (p *sealParams) parseKDF(line string) bool {
	fields := strings.Split(line, " ")
	if len(fields) != 5 || fields[0] != "kdf" || fields[1] != "argon2id" {
		return false
	}
	num := func(field, name string, min, max uint64) (uint64, bool) {
		v, ok := strings.CutPrefix(field, name+"=")
		if !ok {
			return 0, false
		}
		n, ok := parseDecimal(v)
		return n, ok && n >= min && n <= max
	}
	t, ok1 := num(fields[2], "t", 1, maxSealTime)
	m, ok2 := num(fields[3], "m", minSealMemory, maxSealMemory)
	th, ok3 := num(fields[4], "p", 1, maxSealThreads)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	p.time, p.memory, p.threads = uint32(t), uint32(m), uint8(th)
	return true
}

// cutBase64 reads "key <base64>" whose decoded length is within [min, max].
func cutBase64(line, key string, min, max int) ([]byte, bool) {
	v, ok := strings.CutPrefix(line, key+" ")
	if !ok || len(v) > base64.StdEncoding.EncodedLen(max) {
		return nil, false
	}
	b, err := base64.StdEncoding.Strict().DecodeString(v)
	if err != nil || len(b) < min || len(b) > max || base64.StdEncoding.EncodeToString(b) != v {
		return nil, false
	}
	return b, true
}
