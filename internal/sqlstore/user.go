package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// CreateUser stores u and sets its ID and creation time.
func (s *DB) CreateUser(ctx context.Context, u *parley.User) error {
	u.Username = parley.NormalizeUsername(u.Username)
	if err := u.Validate(); err != nil {
		return err
	}
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO users (username, name, password_hash, created_at) VALUES (?, ?, ?, ?)`,
			u.Username, u.Name, u.PasswordHash, formatTime(now))
		if err != nil {
			return s.wrap(err, "user %q", u.Username)
		}
		u.ID, u.CreatedAt = id, now
		return nil
	})
}

// FindUserByUsername returns one user, by the normal form of its name.
func (s *DB) FindUserByUsername(ctx context.Context, username string) (*parley.User, error) {
	username = parley.NormalizeUsername(username)
	u, err := scanUser(s.reads.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE username = ?`), username))
	if err != nil {
		return nil, s.wrap(err, "user %q", username)
	}
	return u, nil
}

const userColumns = `id, username, name, password_hash, created_at`

func scanUser(sc interface{ Scan(...any) error }) (*parley.User, error) {
	var u parley.User
	var created string
	if err := sc.Scan(&u.ID, &u.Username, &u.Name, &u.PasswordHash, &created); err != nil {
		return nil, err
	}
	u.CreatedAt = parseTime(created)
	return &u, nil
}

// ListUsers returns every account, by username.
func (s *DB) ListUsers(ctx context.Context) ([]*parley.User, error) {
	rows, err := s.reads.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
	if err != nil {
		return nil, s.wrap(err, "list users")
	}
	return collect(rows, scanUser, s.wrapper("list users"))
}

// RemoveMember takes a user's role in a negotiation away; the last owner
// stays.
func (s *DB) RemoveMember(ctx context.Context, negotiationID, userID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		members, err := s.lockMembers(ctx, tx, negotiationID)
		if err != nil {
			return err
		}
		m := findMember(members, userID)
		if m == nil {
			return parley.Errorf(parley.ENOTFOUND, "member %d of negotiation %d: not found", userID, negotiationID)
		}
		if err := parley.KeepsAnOwner(members, userID, ""); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM members WHERE negotiation_id = ? AND user_id = ?`), negotiationID, userID); err != nil {
			return s.wrap(err, "remove member %d of negotiation %d", userID, negotiationID)
		}
		return s.audit(ctx, tx, negotiationID, "remove", "member", userID, m, nil)
	})
}

// lockMembers reads the members of a negotiation inside a write
// transaction, holding the negotiation's row so that two changes of
// roles at once cannot both take its last owner away.
func (s *DB) lockMembers(ctx context.Context, tx *sql.Tx, negotiationID int64) ([]*parley.Member, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM negotiations WHERE id = ?`+s.dialect.LockRow), negotiationID).Scan(&id); err != nil {
		return nil, s.wrap(err, "negotiation %d", negotiationID)
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT negotiation_id, user_id, role, party_id FROM members WHERE negotiation_id = ? ORDER BY user_id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "members of negotiation %d", negotiationID)
	}
	return collect(rows, scanMember, s.wrapper("list members"))
}

func findMember(members []*parley.Member, userID int64) *parley.Member {
	for _, m := range members {
		if m.UserID == userID {
			return m
		}
	}
	return nil
}

// SetMember adds m or changes the role of an existing member; the last
// owner keeps its role.
func (s *DB) SetMember(ctx context.Context, m *parley.Member) error {
	return s.putMember(ctx, m, false)
}

// AddMember adds m, or returns ECONFLICT if the user is a member already.
func (s *DB) AddMember(ctx context.Context, m *parley.Member) error {
	return s.putMember(ctx, m, true)
}

func (s *DB) putMember(ctx context.Context, m *parley.Member, onlyNew bool) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if m.PartyID != 0 {
			if err := s.checkRefs(ctx, tx, "party", "parties", m.NegotiationID, []int64{m.PartyID}); err != nil {
				return err
			}
		}
		members, err := s.lockMembers(ctx, tx, m.NegotiationID)
		if err != nil {
			return err
		}
		before := findMember(members, m.UserID)
		if before != nil && onlyNew {
			return parley.Errorf(parley.ECONFLICT, "user %d is a member of negotiation %d already, as %s: change the role instead", m.UserID, m.NegotiationID, before.Role)
		}
		if err := parley.KeepsAnOwner(members, m.UserID, m.Role); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO members (negotiation_id, user_id, role, party_id) VALUES (?, ?, ?, ?)
ON CONFLICT (negotiation_id, user_id) DO UPDATE SET role = excluded.role, party_id = excluded.party_id`),
			m.NegotiationID, m.UserID, m.Role, nullID(m.PartyID))
		if err != nil {
			return s.wrap(err, "member %d of negotiation %d", m.UserID, m.NegotiationID)
		}
		action := "set"
		if before == nil {
			action = "add"
		}
		return s.audit(ctx, tx, m.NegotiationID, action, "member", m.UserID, before, m)
	})
}

// ListMembers returns the members of a negotiation.
func (s *DB) ListMembers(ctx context.Context, negotiationID int64) ([]*parley.Member, error) {
	return s.listMembers(ctx, `negotiation_id = ?`, negotiationID)
}

// ListMemberships returns a user's memberships.
func (s *DB) ListMemberships(ctx context.Context, userID int64) ([]*parley.Member, error) {
	return s.listMembers(ctx, `user_id = ?`, userID)
}

func (s *DB) listMembers(ctx context.Context, where string, arg int64) ([]*parley.Member, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT negotiation_id, user_id, role, party_id FROM members WHERE `+where+` ORDER BY negotiation_id, user_id`), arg)
	if err != nil {
		return nil, s.wrap(err, "list members")
	}
	return collect(rows, scanMember, s.wrapper("list members"))
}

func scanMember(sc interface{ Scan(...any) error }) (*parley.Member, error) {
	var m parley.Member
	var party sql.NullInt64
	err := sc.Scan(&m.NegotiationID, &m.UserID, &m.Role, &party)
	m.PartyID = fromNullID(party)
	return &m, err
}
