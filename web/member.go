package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"parley"
)

// memberBody is the body of POST .../members (username or user_id, role,
// party_id for a delegate) and of PUT .../members/{user} (role,
// party_id).
type memberBody struct {
	Username string `json:"username"`
	UserID   int64  `json:"user_id"`
	Role     string `json:"role"`
	PartyID  int64  `json:"party_id"`
}

// member checks the role and party, naming the field at fault, and
// returns the membership of userID they describe.
func (b *memberBody) member(ctx context.Context, s *Server, negotiationID, userID int64) (*parley.Member, error) {
	if !isOneOf(b.Role, []string{parley.RoleOwner, parley.RoleMediator, parley.RoleDelegate, parley.RoleObserver}) {
		return nil, parley.Errorf(parley.EINVALID, "role: %q is not one of owner, mediator, delegate, observer", b.Role)
	}
	switch {
	case b.Role == parley.RoleDelegate && b.PartyID == 0:
		return nil, parley.Errorf(parley.EINVALID, "party_id: a delegate acts for a party; name it")
	case b.Role != parley.RoleDelegate && b.PartyID != 0:
		return nil, parley.Errorf(parley.EINVALID, "party_id: only a delegate acts for a party; leave it out for %s", parley.RoleName(b.Role))
	}
	if b.PartyID != 0 {
		parties, err := s.Store.ListParties(ctx, negotiationID)
		if err != nil {
			return nil, err
		}
		if partyCode(parties, b.PartyID) == "?" {
			return nil, parley.Errorf(parley.EINVALID, "party_id: %d is not a party to this negotiation", b.PartyID)
		}
	}
	return &parley.Member{NegotiationID: negotiationID, UserID: userID, Role: b.Role, PartyID: b.PartyID}, nil
}

// addMember makes an existing account a member of the request's
// negotiation, as the caller may (parley.MayManageMembers).
func (s *Server) addMember(ctx context.Context, rq *request, b *memberBody) (*parley.Member, *parley.User, error) {
	if err := parley.MayManageMembers(rq.member); err != nil {
		return nil, nil, err
	}
	var u *parley.User
	var err error
	switch {
	case b.UserID != 0 && strings.TrimSpace(b.Username) != "":
		return nil, nil, parley.Errorf(parley.EINVALID, "username, user_id: name the account one way, not both")
	case b.UserID != 0:
		if u, err = s.Store.FindUserByID(ctx, b.UserID); parley.ErrorCode(err) == parley.ENOTFOUND {
			return nil, nil, parley.Errorf(parley.EINVALID, "user_id: no account %d", b.UserID)
		}
	case strings.TrimSpace(b.Username) != "":
		if u, err = s.Store.FindUserByUsername(ctx, b.Username); parley.ErrorCode(err) == parley.ENOTFOUND {
			return nil, nil, parley.Errorf(parley.EINVALID, "username: no account %q; create it with \"parley user add\"", strings.TrimSpace(b.Username))
		}
	default:
		return nil, nil, parley.Errorf(parley.EINVALID, "username: required (the account to add)")
	}
	if err != nil {
		return nil, nil, err
	}
	m, err := b.member(ctx, s, rq.negotiationID, u.ID)
	if err != nil {
		return nil, nil, err
	}
	if err := s.Store.AddMember(ctx, m); err != nil {
		return nil, nil, err
	}
	return m, u, nil
}

// changeRole gives the member the path's {user} names another role (and
// party), as the caller may; the last owner keeps its role.
func (s *Server) changeRole(ctx context.Context, r *http.Request, rq *request, b *memberBody) (*parley.Member, error) {
	if err := parley.MayManageMembers(rq.member); err != nil {
		return nil, err
	}
	old, _, err := s.memberOf(ctx, r, rq)
	if err != nil {
		return nil, err
	}
	if b.UserID != 0 && b.UserID != old.UserID || b.Username != "" {
		return nil, parley.Errorf(parley.EINVALID, "user_id, username: the path names the member; leave them out")
	}
	m, err := b.member(ctx, s, rq.negotiationID, old.UserID)
	if err != nil {
		return nil, err
	}
	if err := s.Store.SetMember(ctx, m); err != nil {
		return nil, err
	}
	return m, nil
}

// memberJSON is a member as the API gives it, with its username.
type memberJSON struct {
	*parley.Member
	Username string `json:"username"`
}

// apiMembers lists the members of a negotiation with their usernames.
func (s *Server) apiMembers() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		members, err := s.Store.ListMembers(ctx, rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		out := make([]memberJSON, 0, len(members))
		for _, m := range members {
			u, err := s.Store.FindUserByID(ctx, m.UserID)
			if err != nil {
				writeError(w, err)
				return
			}
			out = append(out, memberJSON{m, u.Username})
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// apiAddMember is POST /api/v1/negotiations/{id}/members.
func (s *Server) apiAddMember() handler {
	return jsonWrite(http.StatusCreated, func(r *http.Request, rq *request, b *memberBody) (*memberJSON, int64, error) {
		m, u, err := s.addMember(r.Context(), rq, b)
		if err != nil {
			return nil, 0, err
		}
		return &memberJSON{m, u.Username}, 0, nil
	})
}

// apiChangeRole is PUT /api/v1/negotiations/{id}/members/{user}.
func (s *Server) apiChangeRole() handler {
	return jsonWrite(http.StatusOK, func(r *http.Request, rq *request, b *memberBody) (*memberJSON, int64, error) {
		m, err := s.changeRole(r.Context(), r, rq, b)
		if err != nil {
			return nil, 0, err
		}
		u, err := s.Store.FindUserByID(r.Context(), m.UserID)
		if err != nil {
			return nil, 0, err
		}
		return &memberJSON{m, u.Username}, 0, nil
	})
}

// handleMembers lists the members and their roles, for owners, with the
// forms to add a member and change a role.
func (s *Server) handleMembers() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		data, err := s.membersPage(r.Context(), rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "members.html", http.StatusOK, data)
	}
}

// membersPage gathers what the members page shows.
func (s *Server) membersPage(ctx context.Context, rq *request) (map[string]any, error) {
	var l loader
	n := load(&l, func() (*parley.Negotiation, error) { return s.Store.FindNegotiationByID(ctx, rq.negotiationID) })
	members := load(&l, func() ([]*parley.Member, error) { return s.Store.ListMembers(ctx, rq.negotiationID) })
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, rq.negotiationID) })
	if l.err != nil {
		return nil, l.err
	}
	type row struct {
		User     *parley.User
		Role     string
		PartyID  int64
		Party    string
		Sessions int
	}
	var rows []row
	for _, m := range members {
		u, err := s.Store.FindUserByID(ctx, m.UserID)
		if err != nil {
			return nil, err
		}
		party := ""
		if m.PartyID != 0 {
			party = partyCode(parties, m.PartyID)
		}
		sessions, err := s.Store.ListSessions(ctx, m.UserID)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row{u, m.Role, m.PartyID, party, len(sessions)})
	}
	return map[string]any{"Title": "Members: " + n.Title, "Negotiation": n, "Members": rows, "Parties": parties,
		"Roles": []string{parley.RoleObserver, parley.RoleDelegate, parley.RoleMediator, parley.RoleOwner}}, nil
}

// membersForm handles a form posted from the members page.
func (s *Server) membersForm(w http.ResponseWriter, r *http.Request, rq *request, name string, save func(url.Values) error) {
	s.submit(w, r, rq, pageForm{template: "members.html", back: "/negotiations/" + itoa(rq.negotiationID) + "/members",
		data: func(ctx context.Context) (map[string]any, error) { return s.membersPage(ctx, rq) }},
		formName(name), []string{"username", "role", "party"}, func(form url.Values) (string, error) { return "", save(form) })
}

// memberForm reads the role and party of the members page's forms.
func memberForm(form url.Values) *memberBody {
	b := &memberBody{Username: form.Get("username"), Role: form.Get("role"), PartyID: formInt(form, "party")}
	if b.Role != parley.RoleDelegate {
		b.PartyID = 0 // the party select is there for delegates; other roles ignore it
	}
	return b
}

// handleAddMemberForm is POST /negotiations/{id}/members.
func (s *Server) handleAddMemberForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		s.membersForm(w, r, rq, "add", func(form url.Values) error {
			_, _, err := s.addMember(r.Context(), rq, memberForm(form))
			return err
		})
	}
}

// handleChangeRoleForm is POST /negotiations/{id}/members/{user}, the
// role form on each member's row.
func (s *Server) handleChangeRoleForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		s.membersForm(w, r, rq, "role-"+r.PathValue("user"), func(form url.Values) error {
			b := memberForm(form)
			b.Username = ""
			_, err := s.changeRole(r.Context(), r, rq, b)
			return err
		})
	}
}
