package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"parley"
	"parley/auth"
)

func runUser(ctx context.Context, e *env, args []string) error {
	action, args, err := splitAction(e, "user", args, userUsage)
	if err != nil {
		return err
	}
	fs := newFlags(e, "user "+action, userUsage[action])
	db := dbFlag(fs)
	name := fs.String("name", "", "add: the person's full name")
	negotiation := fs.String("negotiation", "", "grant, ungrant: the negotiation (a title or an id)")
	role := fs.String("role", "", "grant: owner, mediator, delegate or observer")
	party := fs.String("party", "", "grant: the party a delegate acts for (code or name)")
	tokenName := fs.String("for", "", "token: what the token is for")
	format := formatFlag(fs, "text", "json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	switch {
	case action == "list" && len(rest) != 0:
		return usageErrorf("user list: no arguments")
	case action == "token" && len(rest) == 2 && rest[0] == "revoke":
		action = "token revoke"
	case action != "list" && len(rest) != 1:
		return usageErrorf("user %s: want one USERNAME", action)
	}
	opener := openStore
	if action == "add" {
		opener = createStore // the first account may come before any text
	}
	store, err := opener(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	switch action {
	case "list":
		return listUsers(ctx, e, store, *format)
	case "token revoke":
		if err := store.DeleteSessionByID(ctx, 0, strings.ToLower(rest[1])); err != nil {
			return err
		}
		return report(e, *format, map[string]any{"revoked": strings.ToLower(rest[1])}, "token %s revoked\n", strings.ToLower(rest[1]))
	case "add":
		password, err := readPassword(e)
		if err != nil {
			return err
		}
		hash, err := auth.NewPasswordHash(rest[0], password)
		if err != nil {
			return err
		}
		u := &parley.User{Username: rest[0], Name: *name, PasswordHash: hash}
		if err := store.CreateUser(ctx, u); err != nil {
			return err
		}
		return report(e, *format, map[string]any{"id": u.ID, "username": u.Username, "name": u.Name}, "added user %s (id %d)\n", u.Username, u.ID)
	case "grant":
		return grant(ctx, e, store, rest[0], *negotiation, *role, *party, *format)
	}
	u, err := store.FindUserByUsername(ctx, rest[0])
	if err != nil {
		return err
	}
	switch action {
	case "passwd":
		password, err := readPassword(e)
		if err != nil {
			return err
		}
		hash, err := auth.NewPasswordHash(u.Username, password)
		if err != nil {
			return err
		}
		sessions, err := store.ListSessions(ctx, u.ID)
		if err != nil {
			return err
		}
		if err := store.SetPassword(ctx, u.ID, hash, ""); err != nil {
			return err
		}
		return report(e, *format, map[string]any{"username": u.Username, "ended": len(sessions)}, "password of %s changed; %d sessions and API tokens ended\n", u.Username, len(sessions))
	case "token":
		token, sess, err := auth.StartSession(ctx, store, u.ID, parley.SessionAPI, *tokenName, nowUTC())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "API token %s for %s, valid until %s; send it as \"Authorization: Bearer TOKEN\" (revoke it with \"parley user token revoke %s\"):\n",
			sess.ID, u.Username, sess.ExpiresAt.Format("2006-01-02"), sess.ID)
		return report(e, *format, map[string]any{"token": token, "id": sess.ID, "username": u.Username, "for": *tokenName,
			"expires_at": sess.ExpiresAt.Format(time.RFC3339)}, "%s\n", token)
	case "tokens":
		return listTokens(ctx, e, store, u, *format)
	case "revoke":
		n, err := store.DeleteUserSessions(ctx, u.ID, "")
		if err != nil {
			return err
		}
		return report(e, *format, map[string]any{"username": u.Username, "ended": n}, "ended %d sessions and API tokens of %s\n", n, u.Username)
	case "ungrant":
		n, err := findNegotiation(ctx, store, *negotiation)
		if err != nil {
			return err
		}
		if err := store.RemoveMember(ctx, n.ID, u.ID); err != nil {
			return err
		}
		return report(e, *format, map[string]any{"username": u.Username, "negotiation": n.ID, "role": nil}, "%s has no role in %q any more\n", u.Username, n.Title)
	}
	return nil
}

var userUsage = map[string]string{
	"add":     "USERNAME [--name NAME]   (the password is read from standard input)",
	"passwd":  "USERNAME   (the new password is read from standard input; every session and API token of the user ends)",
	"list":    "[--format text|json]   (every account, with its live sessions and API tokens)",
	"token":   "USERNAME [--for PURPOSE]   (prints a new API token)  |  token revoke ID   (ends one API token or session)",
	"tokens":  "USERNAME [--format text|json]   (the user's API tokens: id, purpose, created, expires, last used; never the secret)",
	"revoke":  "USERNAME   (ends every session and API token of the user)",
	"grant":   "USERNAME --negotiation NEGOTIATION --role owner|mediator|delegate|observer [--party P]",
	"ungrant": "USERNAME --negotiation NEGOTIATION   (takes the user's role in the negotiation away)",
}

// readPassword reads one line from standard input.
func readPassword(e *env) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(e.stdin, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return "", parley.Errorf(parley.EINVALID, "no password on standard input (try: echo 'a long pass phrase' | parley user add NAME)")
	}
	return password, nil
}

func listUsers(ctx context.Context, e *env, store parley.Store, format string) error {
	users, err := store.ListUsers(ctx)
	if err != nil {
		return err
	}
	type userJSON struct {
		Username string `json:"username"`
		Name     string `json:"name,omitempty"`
		Created  string `json:"created_at"`
		Sessions int    `json:"sessions"`
		Tokens   int    `json:"api_tokens"`
	}
	out := make([]userJSON, 0, len(users))
	now := nowUTC()
	for _, u := range users {
		sessions, err := store.ListSessions(ctx, u.ID)
		if err != nil {
			return err
		}
		j := userJSON{Username: u.Username, Name: u.Name, Created: u.CreatedAt.Format("2006-01-02T15:04:05Z")}
		for _, s := range sessions {
			switch {
			case now.After(s.ExpiresAt):
			case s.Kind == parley.SessionAPI:
				j.Tokens++
			default:
				j.Sessions++
			}
		}
		out = append(out, j)
	}
	if format == "json" {
		return json.NewEncoder(e.stdout).Encode(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tCREATED\tSESSIONS\tAPI TOKENS")
	for _, u := range out {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\n", u.Username, u.Name, u.Created[:10], u.Sessions, u.Tokens)
	}
	return tw.Flush()
}

func listTokens(ctx context.Context, e *env, store parley.Store, u *parley.User, format string) error {
	sessions, err := store.ListSessions(ctx, u.ID)
	if err != nil {
		return err
	}
	type tokenJSON struct {
		ID       string `json:"id"`
		For      string `json:"for,omitempty"`
		Created  string `json:"created_at"`
		Expires  string `json:"expires_at"`
		LastUsed string `json:"last_used_at"`
		Expired  bool   `json:"expired,omitempty"`
	}
	out := []tokenJSON{}
	stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
	for _, s := range sessions {
		if s.Kind != parley.SessionAPI {
			continue
		}
		out = append(out, tokenJSON{ID: s.ID, For: s.Name, Created: stamp(s.CreatedAt), Expires: stamp(s.ExpiresAt), LastUsed: stamp(s.LastSeenAt), Expired: nowUTC().After(s.ExpiresAt)})
	}
	if format == "json" {
		return json.NewEncoder(e.stdout).Encode(out)
	}
	if len(out) == 0 {
		fmt.Fprintf(e.stdout, "%s has no API tokens\n", u.Username)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFOR\tCREATED\tEXPIRES\tLAST USED")
	for _, t := range out {
		expires := t.Expires
		if t.Expired {
			expires += " (expired)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.For, t.Created, expires, t.LastUsed)
	}
	return tw.Flush()
}

func grant(ctx context.Context, e *env, store parley.Store, username, negotiation, role, party, format string) error {
	u, err := store.FindUserByUsername(ctx, username)
	if err != nil {
		return err
	}
	n, err := findNegotiation(ctx, store, negotiation)
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
	return report(e, format, map[string]any{"username": u.Username, "negotiation": n.ID, "role": m.Role, "party_id": m.PartyID},
		"%s is %s in %q\n", u.Username, describeRole(m, party), n.Title)
}

func describeRole(m *parley.Member, party string) string {
	if m.Role == parley.RoleDelegate {
		return "a delegate of " + party
	}
	return "a" + map[bool]string{true: "n", false: ""}[m.Role == parley.RoleOwner || m.Role == parley.RoleObserver] + " " + m.Role
}
