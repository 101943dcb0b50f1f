package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
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
	// CookieName is the session cookie; the __Host- prefix binds it to this
	// host and path /, over HTTPS (browsers count localhost as secure).
	CookieName      = "__Host-parley"
	sessionIdle     = 12 * time.Hour
	sessionAbsolute = 7 * 24 * time.Hour
	apiTokenLife    = 90 * 24 * time.Hour
)

// newToken returns a random 128-bit token and the hash the store keeps.
func newToken() (token, hash string, err error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// StartSession creates a session of the given kind for a user and returns
// its token.
func StartSession(ctx context.Context, store parley.Store, userID int64, kind, name string, now time.Time) (string, *parley.Session, error) {
	token, hash, err := newToken()
	if err != nil {
		return "", nil, err
	}
	life := sessionAbsolute
	if kind == parley.SessionAPI {
		life = apiTokenLife
	}
	sess := &parley.Session{TokenHash: hash, UserID: userID, Kind: kind, Name: name, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(life)}
	if err := store.CreateSession(ctx, sess); err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// caller is who makes a request: nobody, or a user with their memberships.
type caller struct {
	user    *parley.User
	session *parley.Session
	members map[int64]*parley.Member // by negotiation
}

// identify finds the caller of a request from its bearer token or cookie.
// An unknown, expired or idle token is no caller at all.
func (s *Server) identify(r *http.Request) (*caller, error) {
	token := ""
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, rest, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return nil, parley.Errorf(parley.EUNAUTHORIZED, "Authorization: want \"Bearer TOKEN\"")
		}
		token = strings.TrimSpace(rest)
	} else if c, err := r.Cookie(CookieName); err == nil {
		token = c.Value
	}
	if token == "" {
		return nil, nil
	}
	ctx := r.Context()
	sess, err := s.Store.FindSession(ctx, hashToken(token))
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := s.Now()
	if now.After(sess.ExpiresAt) || (sess.Kind == parley.SessionCookie && now.Sub(sess.LastSeenAt) > sessionIdle) {
		_ = s.Store.DeleteSession(ctx, sess.TokenHash)
		return nil, nil
	}
	if now.Sub(sess.LastSeenAt) > time.Minute {
		_ = s.Store.TouchSession(ctx, sess.TokenHash, now)
	}
	user, err := s.Store.FindUserByID(ctx, sess.UserID)
	if err != nil {
		return nil, err
	}
	c := &caller{user: user, session: sess, members: map[int64]*parley.Member{}}
	members, err := s.Store.ListMemberships(ctx, user.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		c.members[m.NegotiationID] = m
	}
	return c, nil
}
