package parley

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// Roles a member can hold in a negotiation.
const (
	RoleOwner    = "owner"
	RoleMediator = "mediator"
	RoleDelegate = "delegate" // of one party
	RoleObserver = "observer"
)

// User is an account.
type User struct {
	ID           int64     `json:"id"`
	Username     string    `json:"username"`
	Name         string    `json:"name,omitempty"`
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// validUsername reports whether s matches ^[a-z0-9][a-z0-9._-]{0,39}$. It
// is written out rather than a regular expression compiled when the
// program starts: every command paid for that compilation (473
// allocations, the most of any package's initialisation), used or not.
func validUsername(s string) bool {
	if len(s) == 0 || len(s) > 40 || s[0] == '.' || s[0] == '_' || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// NormalizeUsername returns the one spelling of a username that parley
// stores, looks up and rate-limits logins by: invisible characters
// (zero-width spaces, joiners, byte-order marks, controls) removed
// wherever they are, every Unicode space (no-break spaces included)
// trimmed from both ends, lower case. " RU\u00a0" and "\u200bru" are
// "ru". A valid username is ASCII, so no other Unicode normalisation can
// make two spellings meet: a name that is still not valid after this is
// refused by Validate and found by no lookup (and its login attempts count
// against the caller's address).
func NormalizeUsername(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimFunc(s, unicode.IsSpace)
	return strings.ToLower(s)
}

// Validate checks the fields a caller sets.
func (u *User) Validate() error {
	if !validUsername(u.Username) {
		return Errorf(EINVALID, "username %q: use 1-40 lower-case letters, digits, '.', '_' or '-'", u.Username)
	}
	return nil
}

// Member is a user's role in one negotiation; a delegate acts for a party.
type Member struct {
	NegotiationID int64  `json:"negotiation_id"`
	UserID        int64  `json:"user_id"`
	Role          string `json:"role"`
	PartyID       int64  `json:"party_id,omitempty"`
}

// Validate checks the role and that a delegate, and only a delegate, names
// a party.
func (m *Member) Validate() error {
	if err := oneOf("role", m.Role, RoleOwner, RoleMediator, RoleDelegate, RoleObserver); err != nil {
		return err
	}
	if m.Role == RoleDelegate && m.PartyID == 0 {
		return Errorf(EINVALID, "a delegate must act for a party")
	}
	if m.Role != RoleDelegate && m.PartyID != 0 {
		return Errorf(EINVALID, "only a delegate acts for a party")
	}
	return nil
}

// MayManageMembers says whether a member may add members and change or
// take away their roles: owners only.
func MayManageMembers(m *Member) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only an owner manages the members")
	case m.Role != RoleOwner:
		return Errorf(EFORBIDDEN, "only an owner manages the members; you are %s of this negotiation", RoleName(m.Role))
	}
	return nil
}

// KeepsAnOwner refuses (ECONFLICT) to give the member userID the role
// role ("" to take the membership away) when that leaves members without
// an owner: someone must still administer the negotiation.
func KeepsAnOwner(members []*Member, userID int64, role string) error {
	owners, isOwner := 0, false
	for _, m := range members {
		if m.Role == RoleOwner {
			owners++
			isOwner = isOwner || m.UserID == userID
		}
	}
	if isOwner && owners == 1 && role != RoleOwner {
		return Errorf(ECONFLICT, "user %d is the last owner: make someone else an owner first", userID)
	}
	return nil
}

// UserService stores accounts and memberships.
type UserService interface {
	// CreateUser stores u under NormalizeUsername(u.Username).
	CreateUser(ctx context.Context, u *User) error
	// FindUserByUsername returns the user named NormalizeUsername(username),
	// or ENOTFOUND.
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	// ListUsers returns every account, by username.
	ListUsers(ctx context.Context) ([]*User, error)
	// SetMember adds the member, or changes its role if it is there; it
	// refuses (ECONFLICT) to demote the last owner (see KeepsAnOwner).
	SetMember(ctx context.Context, m *Member) error
	// AddMember adds the member, or returns ECONFLICT if the user is a
	// member of the negotiation already.
	AddMember(ctx context.Context, m *Member) error
	// RemoveMember takes the user's role in the negotiation away, or
	// returns ENOTFOUND if the user has none there, or ECONFLICT if the
	// user is its last owner.
	RemoveMember(ctx context.Context, negotiationID, userID int64) error
	ListMembers(ctx context.Context, negotiationID int64) ([]*Member, error)
	// ListMemberships returns the user's memberships in every negotiation.
	ListMemberships(ctx context.Context, userID int64) ([]*Member, error)
}
