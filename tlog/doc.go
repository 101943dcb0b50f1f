// Package tlog is the signed, append-only log of a negotiation's record: the
// official versions of its texts and the parties' endorsements of them.
//
// The package is pure computation; the stores keep the leaves, checkpoints
// and sealed keys, and the CLI drives it. It provides:
//
//   - Leaves. A VersionEntry records a version (negotiation, version id,
//     label, date, status, drafting party, text hash, point count and
//     digest, time of recording); an Endorsement records a party's ed25519
//     signature over a recorded version. Both encode to short "key value"
//     lines that a person can read, and parse back only from those exact
//     bytes. A leaf's hash is its RFC 6962 leaf hash (HashLeaf).
//   - Tree, an in-memory RFC 6962 Merkle tree over leaf hashes, which gives
//     the root, inclusion proofs and consistency proofs at any size.
//     VerifyInclusion and VerifyConsistency check proofs with
//     github.com/transparency-dev/merkle/proof, not with this package's code.
//   - Checkpoint, a signed tree head in the C2SP tlog-checkpoint format,
//     signed as a note (golang.org/x/mod/sumdb/note) with an ed25519 key
//     from GenerateKey.
//   - SealKey and OpenKey, which keep a signer key encrypted under a
//     passphrase (argon2id and XChaCha20-Poly1305), since a store must never
//     hold one in the clear.
//   - Proof, a text file showing that one version, and its endorsements,
//     are in the log; anyone with the log's verifier key can check it
//     offline with Verify.
//   - CheckLog, which checks a whole log and every checkpoint issued for it.
//
// Errors a user may see are *parley.Error values whose message names the
// field, line, leaf index or checkpoint at fault. Nothing here panics on bad
// input.
package tlog
