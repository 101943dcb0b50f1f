package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"parley"
	"parley/web"
)

func runUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("user: want add, passwd, token or grant")
	}
	action, args := args[0], args[1:]
	fs := newFlags(e, "user "+action, userUsage[action])
	db := dbFlag(fs)
	name := fs.String("name", "", "add: the person's full name")
	negotiation := fs.String("negotiation", "", "grant: negotiation title")
	role := fs.String("role", "", "grant: owner, mediator, delegate or observer")
	party := fs.String("party", "", "grant: the party a delegate acts for (code or name)")
	tokenName := fs.String("for", "", "token: what the token is for")
	if _, ok := userUsage[action]; !ok {
		return usageErrorf("user: unknown action %q: want add, passwd, token or grant", action)
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("user %s: want one USERNAME", action)
	}
	username := strings.ToLower(rest[0])
	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	switch action {
	case "add":
		hash, err := readPassword(e)
		if err != nil {
			return err
		}
		u := &parley.User{Username: username, Name: *name, PasswordHash: hash}
		if err := store.CreateUser(ctx, u); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added user %s (id %d)\n", u.Username, u.ID)
	case "passwd":
		u, err := store.FindUserByUsername(ctx, username)
		if err != nil {
			return err
		}
		hash, err := readPassword(e)
		if err != nil {
			return err
		}
		if err := store.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "password of %s changed\n", u.Username)
	case "token":
		u, err := store.FindUserByUsername(ctx, username)
		if err != nil {
			return err
		}
		token, sess, err := web.StartSession(ctx, store, u.ID, parley.SessionAPI, *tokenName, nowUTC())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "API token for %s, valid until %s; send it as \"Authorization: Bearer TOKEN\":\n", u.Username, sess.ExpiresAt.Format("2006-01-02"))
		fmt.Fprintln(e.stdout, token)
	case "grant":
		return grant(ctx, e, store, username, *negotiation, *role, *party)
	}
	return nil
}

var userUsage = map[string]string{
	"add":    "USERNAME [--name NAME]   (the password is read from standard input)",
	"passwd": "USERNAME   (the new password is read from standard input)",
	"token":  "USERNAME [--for PURPOSE]   (prints a new API token)",
	"grant":  "USERNAME --negotiation TITLE --role owner|mediator|delegate|observer [--party P]",
}

// readPassword reads one line from standard input and hashes it.
func readPassword(e *env) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(e.stdin, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return "", parley.Errorf(parley.EINVALID, "no password on standard input (try: echo 'secret' | parley user add NAME)")
	}
	return web.HashPassword(password)
}

func grant(ctx context.Context, e *env, store parley.Store, username, negotiation, role, party string) error {
	u, err := store.FindUserByUsername(ctx, username)
	if err != nil {
		return err
	}
	n, err := store.FindNegotiationByTitle(ctx, negotiation)
	if err != nil {
		return err
	}
	m := &parley.Member{NegotiationID: n.ID, UserID: u.ID, Role: role}
	if party != "" {
		p, err := store.FindParty(ctx, n.ID, party)
		if err != nil {
			return err
		}
		m.PartyID = p.ID
	}
	if err := store.SetMember(ctx, m); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s is %s in %q\n", u.Username, describeRole(m, party), n.Title)
	return nil
}

func describeRole(m *parley.Member, party string) string {
	if m.Role == parley.RoleDelegate {
		return "a delegate of " + party
	}
	return "a" + map[bool]string{true: "n", false: ""}[m.Role == parley.RoleOwner || m.Role == parley.RoleObserver] + " " + m.Role
}
