package demo

import (
	"context"

	"parley"
)

// Password is the password of every demo account.
const Password = "demo"

// accounts are the demo's accounts: an owner (who manages members and
// reads the audit log), a mediator, a delegate of each side, and an
// observer.
var accounts = []struct{ username, role, party string }{
	{"owner", parley.RoleOwner, ""},
	{"mediator", parley.RoleMediator, ""},
	{"us", parley.RoleDelegate, "US"},
	{"ru", parley.RoleDelegate, "RU"},
	{"ua", parley.RoleDelegate, "UA"},
	{"eu", parley.RoleDelegate, "E3"},
	{"observer", parley.RoleObserver, ""},
}

// Usernames lists the demo accounts.
func Usernames() []string {
	out := make([]string, len(accounts))
	for i, a := range accounts {
		out[i] = a.username
	}
	return out
}

// EnsureAccounts creates the demo accounts that are missing, with the given
// password hash, and makes each a member of the demo negotiation in its
// role.
func EnsureAccounts(ctx context.Context, store parley.Store, n *parley.Negotiation, passwordHash string) error {
	for _, a := range accounts {
		u, err := store.FindUserByUsername(ctx, a.username)
		if parley.ErrorCode(err) == parley.ENOTFOUND {
			u = &parley.User{Username: a.username, Name: "Demo " + a.username, PasswordHash: passwordHash}
			err = store.CreateUser(ctx, u)
		}
		if err != nil {
			return err
		}
		m := &parley.Member{NegotiationID: n.ID, UserID: u.ID, Role: a.role}
		if a.party != "" {
			p, err := store.FindParty(ctx, n.ID, a.party)
			if err != nil {
				return err
			}
			m.PartyID = p.ID
		}
		if err := store.SetMember(ctx, m); err != nil {
			return err
		}
	}
	return nil
}
