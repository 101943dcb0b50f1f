package tlog

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"math"
	"strconv"

	"parley"
)

// EndorsementDomain is the first line of every message a party signs to
// endorse a version. It keeps an endorsement signature from being mistaken
// for a signature over anything else made with the same key.
const EndorsementDomain = "parley endorsement v1"

// Endorsement is the leaf that records a party's ed25519 signature over a
// recorded version: the version's leaf index, its leaf hash and its text
// hash, and the party's name.
//
// Its encoding, one "key value" line each in this order, is:
//
//	parley/endorsement/v1
//	version-index 3
//	version-leaf-hash <64 lower-case hex digits>
//	text-sha256 <64 lower-case hex digits>
//	party Party A
//	public-key <base64 of the 32-byte ed25519 public key>
//	signature <base64 of the 64-byte ed25519 signature>
//
// The log proves that the key signed; it does not say that the key belongs
// to the party named. Readers check the key against the parties' published
// keys.
type Endorsement struct {
	// VersionIndex is the leaf index of the endorsed version.
	VersionIndex uint64
	// VersionLeafHash is HashLeaf of the endorsed version's leaf. Binding
	// the whole leaf, not just the text, means the signature also covers
	// the negotiation, the label, the status and the time of recording.
	VersionLeafHash []byte
	// TextHash is the endorsed version's text hash, repeated so that a
	// reader sees which text was endorsed without the version leaf.
	TextHash  string
	Party     string
	PublicKey ed25519.PublicKey
	Signature []byte
}

func (*Endorsement) isEntry() {}

// SignEndorsement returns the endorsement by party, holding key, of the
// version leaf at versionIndex.
func SignEndorsement(key ed25519.PrivateKey, party string, versionIndex uint64, versionLeaf []byte) (*Endorsement, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, parley.Errorf(parley.EINVALID, "endorsement: the private key is %d bytes, want %d", len(key), ed25519.PrivateKeySize)
	}
	v, err := ParseVersionEntry(versionLeaf)
	if err != nil {
		return nil, err
	}
	e := &Endorsement{
		VersionIndex:    versionIndex,
		VersionLeafHash: HashLeaf(versionLeaf),
		TextHash:        v.TextHash,
		Party:           party,
		PublicKey:       key.Public().(ed25519.PublicKey),
	}
	msg, err := e.Message()
	if err != nil {
		return nil, err
	}
	e.Signature = ed25519.Sign(key, msg)
	return e, nil
}

// Message returns the bytes the party signs: the EndorsementDomain line
// followed by the version-index, version-leaf-hash, text-sha256 and party
// lines exactly as the leaf writes them.
func (e *Endorsement) Message() ([]byte, error) {
	if err := e.validateSigned(); err != nil {
		return nil, err
	}
	var w lineWriter
	w.line(EndorsementDomain)
	e.writeSigned(&w)
	return w.Bytes(), nil
}

func (e *Endorsement) writeSigned(w *lineWriter) {
	w.field("version-index", strconv.FormatUint(e.VersionIndex, 10))
	w.field("version-leaf-hash", hex.EncodeToString(e.VersionLeafHash))
	w.field("text-sha256", e.TextHash)
	w.field("party", e.Party)
}

// validateSigned checks the fields the signature covers.
func (e *Endorsement) validateSigned() error {
	const what = "endorsement leaf"
	if len(e.VersionLeafHash) != HashSize {
		return fieldErr(what, "version-leaf-hash", "is %d bytes, want %d", len(e.VersionLeafHash), HashSize)
	}
	if p := hexProblem(e.TextHash); p != "" {
		return fieldErr(what, "text-sha256", "%s", p)
	}
	if p := textProblem(e.Party); p != "" {
		return fieldErr(what, "party", "%s", p)
	}
	if e.Party == "" {
		return fieldErr(what, "party", "is required")
	}
	return nil
}

func (e *Endorsement) validate() error {
	const what = "endorsement leaf"
	if err := e.validateSigned(); err != nil {
		return err
	}
	if len(e.PublicKey) != ed25519.PublicKeySize {
		return fieldErr(what, "public-key", "is %d bytes, want %d", len(e.PublicKey), ed25519.PublicKeySize)
	}
	if len(e.Signature) != ed25519.SignatureSize {
		return fieldErr(what, "signature", "is %d bytes, want %d", len(e.Signature), ed25519.SignatureSize)
	}
	return nil
}

// Encode returns the canonical bytes of the leaf.
func (e *Endorsement) Encode() ([]byte, error) {
	if err := e.validate(); err != nil {
		return nil, err
	}
	var w lineWriter
	w.line(EndorsementHeader)
	e.writeSigned(&w)
	w.field("public-key", base64.StdEncoding.EncodeToString(e.PublicKey))
	w.field("signature", base64.StdEncoding.EncodeToString(e.Signature))
	return w.Bytes(), nil
}

// ParseEndorsement decodes an endorsement leaf. It accepts only the exact
// bytes Encode writes, and does not check the signature (see Verify).
func ParseEndorsement(leaf []byte) (*Endorsement, error) {
	r, err := newLineReader("endorsement leaf", leaf, EndorsementHeader)
	if err != nil {
		return nil, err
	}
	e := &Endorsement{}
	e.VersionIndex = r.uint("version-index", math.MaxUint64)
	if h := r.hex("version-leaf-hash"); r.err == nil {
		e.VersionLeafHash, _ = hex.DecodeString(h)
	}
	e.TextHash = r.hex("text-sha256")
	e.Party = r.text("party")
	e.PublicKey = r.base64("public-key", ed25519.PublicKeySize)
	e.Signature = r.base64("signature", ed25519.SignatureSize)
	if err := r.end(); err != nil {
		return nil, err
	}
	if err := e.validate(); err != nil {
		return nil, err
	}
	if err := sameBytes(r, e, leaf); err != nil {
		return nil, err
	}
	return e, nil
}

// Verify checks that the endorsement's signature is valid for its public
// key and that it endorses versionLeaf, the leaf at e.VersionIndex: the leaf
// hash and the text hash must both be that leaf's.
func (e *Endorsement) Verify(versionLeaf []byte) error {
	msg, err := e.Message()
	if err != nil {
		return err
	}
	if err := e.validate(); err != nil {
		return err
	}
	if !ed25519.Verify(e.PublicKey, msg, e.Signature) {
		return parley.Errorf(parley.EINVALID, "endorsement by %s: signature not valid for key %s",
			quoteCut(e.Party), base64.StdEncoding.EncodeToString(e.PublicKey))
	}
	if got := HashLeaf(versionLeaf); !bytes.Equal(got, e.VersionLeafHash) {
		return parley.Errorf(parley.EINVALID, "endorsement by %s: version-leaf-hash %x is not the hash %x of the version leaf at index %d",
			quoteCut(e.Party), e.VersionLeafHash, got, e.VersionIndex)
	}
	v, err := ParseVersionEntry(versionLeaf)
	if err != nil {
		return err
	}
	if v.TextHash != e.TextHash {
		return parley.Errorf(parley.EINVALID, "endorsement by %s: text-sha256 %s is not the version's text-sha256 %s",
			quoteCut(e.Party), e.TextHash, v.TextHash)
	}
	return nil
}
