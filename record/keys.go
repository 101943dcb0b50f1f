package record

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"

	"parley"
	"parley/tlog"
)

// NewKey makes a key and seals it: the record key of n when p is
// nil, else p's endorsement key. The record key's name, which is also the
// origin line of the log's checkpoints, carries a random part so that two
// databases that both number a negotiation 1 keep logs of different names.
func NewKey(n *parley.Negotiation, p *parley.Party, pass []byte) (*parley.RecordKey, error) {
	if p == nil {
		var suffix [4]byte
		if _, err := rand.Read(suffix[:]); err != nil {
			return nil, err
		}
		name := fmt.Sprintf("parley/negotiation/%d/%s", n.ID, hex.EncodeToString(suffix[:]))
		skey, vkey, err := tlog.GenerateKey(name)
		if err != nil {
			return nil, err
		}
		sealed, err := tlog.SealKey(skey, pass)
		if err != nil {
			return nil, err
		}
		return &parley.RecordKey{NegotiationID: n.ID, Name: name, PublicKey: vkey, SealedKey: sealed}, nil
	}
	public, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	sealed, err := tlog.SealKey(base64.StdEncoding.EncodeToString(private.Seed()), pass)
	if err != nil {
		return nil, err
	}
	return &parley.RecordKey{NegotiationID: n.ID, PartyID: p.ID, Name: p.Name,
		PublicKey: base64.StdEncoding.EncodeToString(public), SealedKey: sealed}, nil
}

// LoadKey returns the record key of n (p nil) or p's endorsement
// key, making and storing it first when there is none. created says
// whether it was made now.
func LoadKey(ctx context.Context, store parley.Store, n *parley.Negotiation, p *parley.Party, pass []byte) (k *parley.RecordKey, created bool, err error) {
	k, err = store.FindRecordKey(ctx, n.ID, PartyID(p))
	if parley.ErrorCode(err) != parley.ENOTFOUND {
		return k, false, err
	}
	if k, err = NewKey(n, p, pass); err != nil {
		return nil, false, err
	}
	if err := store.CreateRecordKey(ctx, k); err != nil {
		if parley.ErrorCode(err) != parley.ECONFLICT {
			return nil, false, err
		}
		// Another recording made it meanwhile: use that one.
		k, err = store.FindRecordKey(ctx, n.ID, PartyID(p))
		return k, false, err
	}
	return k, true, nil
}

// OpenLogKey unseals the record key: the note signer key.
func OpenLogKey(n *parley.Negotiation, k *parley.RecordKey, pass []byte) (string, error) {
	skey, err := tlog.OpenKey(k.SealedKey, pass)
	if err != nil {
		return "", parley.Errorf(parley.ErrorCode(err), "%s: %s", KeyWhat(n, nil), parley.ErrorMessage(err))
	}
	return skey, nil
}

// OpenPartyKey unseals a party's endorsement key and checks it against the
// public key stored beside it.
func OpenPartyKey(n *parley.Negotiation, p *parley.Party, k *parley.RecordKey, pass []byte) (ed25519.PrivateKey, error) {
	secret, err := tlog.OpenKey(k.SealedKey, pass)
	if err != nil {
		return nil, parley.Errorf(parley.ErrorCode(err), "%s: %s", KeyWhat(n, p), parley.ErrorMessage(err))
	}
	seed, err := base64.StdEncoding.DecodeString(secret)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%s: the sealed key is not an ed25519 seed", KeyWhat(n, p))
	}
	private := ed25519.NewKeyFromSeed(seed)
	if base64.StdEncoding.EncodeToString(private.Public().(ed25519.PublicKey)) != k.PublicKey {
		return nil, fmt.Errorf("%s: the sealed key does not match the public key stored beside it", KeyWhat(n, p))
	}
	return private, nil
}

// KeyWhat names a key in messages.
func KeyWhat(n *parley.Negotiation, p *parley.Party) string {
	if p == nil {
		return fmt.Sprintf("the record key of negotiation %d (%q)", n.ID, n.Title)
	}
	return fmt.Sprintf("the endorsement key of %s in negotiation %d", p.Name, n.ID)
}

// PartyID is the id of p, or 0 for the log itself (nil).
func PartyID(p *parley.Party) int64 {
	if p == nil {
		return 0
	}
	return p.ID
}
