// Package auth is how parley knows who is who, apart from HTTP: password
// hashing (argon2id) and the policy for new passwords, session and API
// tokens (random, kept only as their hash) and starting a session. The web
// app and the command line both call it.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"parley"
)

// Password hashing: argon2id with the parameters OWASP recommends for a
// server (19 MiB of memory, two passes, one lane), in the PHC string format
// so that the parameters travel with the hash and can be raised later.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns the argon2id hash of a password, with a fresh salt.
func HashPassword(password string) (string, error) {
	if len(password) < 4 {
		return "", parley.Errorf(parley.EINVALID, "password: at least 4 characters")
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches an argon2id hash made by
// HashPassword; it compares in constant time.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &threads); err != nil || memory > 1<<20 || passes > 16 || threads == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, passes, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// Session lifetimes.
const (
	// SessionIdle ends a browser session left unused this long.
	SessionIdle = 12 * time.Hour
	// SessionAbsolute ends a browser session this long after it started.
	SessionAbsolute = 7 * 24 * time.Hour
	// APITokenLife ends an API token this long after it was made.
	APITokenLife = 90 * 24 * time.Hour
)

// NewToken returns a random 128-bit token and the hash the store keeps.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the hash the store keeps of a token: its SHA-256, in hex.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// StartSession creates a session of the given kind for a user and returns
// its token.
func StartSession(ctx context.Context, store parley.Store, userID int64, kind, name string, now time.Time) (string, *parley.Session, error) {
	token, hash, err := NewToken()
	if err != nil {
		return "", nil, err
	}
	life := SessionAbsolute
	if kind == parley.SessionAPI {
		life = APITokenLife
	}
	sess := &parley.Session{TokenHash: hash, UserID: userID, Kind: kind, Name: name, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(life)}
	if err := store.CreateSession(ctx, sess); err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// DummyHash is an argon2id hash, with HashPassword's parameters, of a
// random password nobody knows. A login as an unknown user is checked
// against it, so that it takes as long as one with a wrong password and
// the time of an answer does not tell which usernames exist.
const DummyHash = "$argon2id$v=19$m=19456,t=2,p=1$m3SeQiKA/JXUWGylQsVHyw$JtLYTwwAsXii26KrQh/oEWBKubFqsMDPJjAA1/rVCxM"
