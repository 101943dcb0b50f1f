package tlog

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"

	"parley"
)

// maxOrigin bounds the origin line of a checkpoint, in bytes.
const maxOrigin = 255

// maxNoteSize bounds a signed checkpoint, in bytes. A checkpoint with a few
// cosignatures is well under a kilobyte.
const maxNoteSize = 64 << 10

// Checkpoint is a signed tree head in the C2SP tlog-checkpoint format: the
// origin naming the log, the tree size and the root hash. Its body is
//
//	parley.example/negotiation/7
//	12
//	<base64 of the 32-byte root hash>
//
// and it is signed as a note (golang.org/x/mod/sumdb/note), so the signed
// form adds a blank line and one "— name signature" line per signature.
// parley writes and accepts no extension lines.
type Checkpoint struct {
	Origin string
	Size   uint64
	Root   []byte
}

// GenerateKey returns a new ed25519 note key pair named name, such as
// "parley-negotiation-7": skey is the signer key, a secret to keep sealed
// (see SealKey); vkey is the verifier key to publish.
func GenerateKey(name string) (skey, vkey string, err error) {
	if !validKeyName(name) {
		return "", "", parley.Errorf(parley.EINVALID, "key name %s: want a non-empty name without spaces, control characters or \"+\"", quoteCut(name))
	}
	skey, vkey, err = note.GenerateKey(rand.Reader, name)
	if err != nil {
		return "", "", fmt.Errorf("tlog: generate key: %w", err)
	}
	return skey, vkey, nil
}

// validKeyName reports whether name can name a note key and appear in a
// signature line that note.Open accepts.
func validKeyName(name string) bool {
	if name == "" || len(name) > maxOrigin || !utf8.ValidString(name) || strings.Contains(name, "+") {
		return false
	}
	return strings.IndexFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) < 0
}

func originProblem(origin string) string {
	if origin == "" {
		return "is empty"
	}
	if len(origin) > maxOrigin {
		return fmt.Sprintf("is longer than %d bytes", maxOrigin)
	}
	if !utf8.ValidString(origin) {
		return "is not valid UTF-8"
	}
	for _, r := range origin {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Sprintf("contains the space or control character %U", r)
		}
	}
	return ""
}

// Body returns the note text of the checkpoint: three lines, each ending in
// a newline.
func (c Checkpoint) Body() ([]byte, error) {
	if p := originProblem(c.Origin); p != "" {
		return nil, parley.Errorf(parley.EINVALID, "checkpoint origin %s %s", quoteCut(c.Origin), p)
	}
	if len(c.Root) != HashSize {
		return nil, parley.Errorf(parley.EINVALID, "checkpoint root hash is %d bytes, want %d", len(c.Root), HashSize)
	}
	var b bytes.Buffer
	b.WriteString(c.Origin)
	b.WriteByte('\n')
	b.WriteString(strconv.FormatUint(c.Size, 10))
	b.WriteByte('\n')
	b.WriteString(base64.StdEncoding.EncodeToString(c.Root))
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// ParseCheckpoint decodes the body of a checkpoint, without its signatures.
// It accepts only the exact bytes Body writes.
func ParseCheckpoint(body []byte) (Checkpoint, error) {
	fail := func(line int, format string, args ...any) (Checkpoint, error) {
		return Checkpoint{}, parley.Errorf(parley.EINVALID, "checkpoint line %d: %s", line, fmt.Sprintf(format, args...))
	}
	if len(body) == 0 || body[len(body)-1] != '\n' {
		return Checkpoint{}, parley.Errorf(parley.EINVALID, "checkpoint body does not end with a newline")
	}
	lines := strings.Split(string(body[:len(body)-1]), "\n")
	if len(lines) < 3 {
		return fail(len(lines)+1, "missing; a checkpoint has an origin, a tree size and a root hash")
	}
	if len(lines) > 3 {
		return fail(4, "unexpected extra line %s", quoteCut(lines[3]))
	}
	var c Checkpoint
	c.Origin = lines[0]
	if p := originProblem(c.Origin); p != "" {
		return fail(1, "origin %s %s", quoteCut(c.Origin), p)
	}
	size, ok := parseDecimal(lines[1])
	if !ok {
		return fail(2, "tree size %s is not a decimal number without leading zeros", quoteCut(lines[1]))
	}
	c.Size = size
	if c.Root, ok = decodeBase64(lines[2], HashSize); !ok {
		return fail(3, "root hash %s is not the base64 of %d bytes", quoteCut(lines[2]), HashSize)
	}
	return c, nil
}

// Sign returns the checkpoint as a note signed with skey, a signer key from
// GenerateKey.
func (c Checkpoint) Sign(skey string) ([]byte, error) {
	body, err := c.Body()
	if err != nil {
		return nil, err
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		return nil, parley.Errorf(parley.EINVALID, "checkpoint signer key is malformed")
	}
	signed, err := note.Sign(&note.Note{Text: string(body)}, signer)
	if err != nil {
		return nil, fmt.Errorf("tlog: sign checkpoint: %w", err)
	}
	return signed, nil
}

// OpenCheckpoint checks that signed is a checkpoint of the log named origin
// signed by the key vkey, and returns it. Signatures by other keys, such as
// witnesses' cosignatures, are allowed and ignored.
func OpenCheckpoint(signed []byte, vkey, origin string) (Checkpoint, error) {
	c, err := openCheckpoint(signed, vkey)
	if err != nil {
		return Checkpoint{}, err
	}
	if c.Origin != origin {
		return Checkpoint{}, parley.Errorf(parley.EINVALID, "checkpoint origin %s is not the log's origin %s", quoteCut(c.Origin), quoteCut(origin))
	}
	return c, nil
}

// openCheckpoint is OpenCheckpoint for any origin.
func openCheckpoint(signed []byte, vkey string) (Checkpoint, error) {
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return Checkpoint{}, parley.Errorf(parley.EINVALID, "verifier key %s is malformed", quoteCut(vkey))
	}
	if len(signed) > maxNoteSize {
		return Checkpoint{}, parley.Errorf(parley.EINVALID, "checkpoint is larger than %d bytes", maxNoteSize)
	}
	n, err := note.Open(signed, note.VerifierList(verifier))
	if err != nil {
		return Checkpoint{}, noteError(err, verifier)
	}
	return ParseCheckpoint([]byte(n.Text))
}

// noteError turns an error from note.Open into one a user can act on.
func noteError(err error, v note.Verifier) error {
	key := fmt.Sprintf("%s+%08x", v.Name(), v.KeyHash())
	var invalid *note.InvalidSignatureError
	var unverified *note.UnverifiedNoteError
	switch {
	case errors.As(err, &invalid):
		return parley.Errorf(parley.EINVALID, "checkpoint signature not valid for key %s", key)
	case errors.As(err, &unverified):
		var names []string
		for _, s := range unverified.Note.UnverifiedSigs {
			names = append(names, fmt.Sprintf("%s+%08x", s.Name, s.Hash))
		}
		if len(names) == 0 {
			return parley.Errorf(parley.EINVALID, "checkpoint has no signature by key %s", key)
		}
		return parley.Errorf(parley.EINVALID, "checkpoint has no signature by key %s (it is signed by %s)", key, quoteCut(strings.Join(names, ", ")))
	}
	return parley.Errorf(parley.EINVALID, "checkpoint is not a well-formed signed note (body, blank line, \"— \" signature lines)")
}
