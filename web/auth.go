package web

import (
	"net/http"
	"strings"
	"time"

	"parley"
	"parley/auth"
)

// CookieName is the session cookie; the __Host- prefix binds it to this
// host and path /, over HTTPS (browsers count localhost as secure).
const CookieName = "__Host-parley"

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
	sess, err := s.Store.FindSession(ctx, auth.HashToken(token))
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := s.Now()
	if now.After(sess.ExpiresAt) || (sess.Kind == parley.SessionCookie && now.Sub(sess.LastSeenAt) > auth.SessionIdle) {
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
