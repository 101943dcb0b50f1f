package parley

import (
	"context"
	"math"
	"strconv"
	"strings"
)

// Issue scale kinds.
const (
	ScaleNumeric = "numeric" // a number between Min and Max, in Unit
	ScaleOrdinal = "ordinal" // one of Options, in order; a position is its index
)

// Issue is a dimension the parties bargain over, such as a cap on an army or
// the strength of a security guarantee.
type Issue struct {
	ID            int64    `json:"id"`
	NegotiationID int64    `json:"negotiation_id"`
	Name          string   `json:"name"`
	Description   string   `json:"description,omitempty"`
	Scale         string   `json:"scale"`
	Unit          string   `json:"unit,omitempty"`
	Min           float64  `json:"min"`
	Max           float64  `json:"max"`
	Options       []string `json:"options,omitempty"`
	// VetoPartyIDs are the parties who must all accept an outcome.
	VetoPartyIDs []int64 `json:"veto_party_ids"`
}

// Validate checks the issue's scale; for an ordinal scale it also sets Min
// and Max to the first and last option index (a caller may leave them out,
// or give exactly those).
func (i *Issue) Validate() error {
	if err := validName("issue name", i.Name, 120); err != nil {
		return err
	}
	if err := uniqueIDs("veto_party_ids", i.VetoPartyIDs); err != nil {
		return err
	}
	switch i.Scale {
	case ScaleNumeric:
		if len(i.Options) > 0 {
			return Errorf(EINVALID, "issue %q: a numeric scale has no options", i.Name)
		}
		if !finite(i.Min) || !finite(i.Max) || i.Min >= i.Max {
			return Errorf(EINVALID, "issue %q: scale min %g must be below max %g", i.Name, i.Min, i.Max)
		}
	case ScaleOrdinal:
		if len(i.Options) < 2 {
			return Errorf(EINVALID, "issue %q: an ordinal scale needs at least two options", i.Name)
		}
		for n, o := range i.Options {
			if err := validName("issue option", o, 200); err != nil {
				return Errorf(EINVALID, "issue %q: option %d: %s", i.Name, n+1, ErrorMessage(err))
			}
		}
		last := float64(len(i.Options) - 1)
		if (i.Min != 0 || i.Max != 0) && (i.Min != 0 || i.Max != last) {
			return Errorf(EINVALID, "issue %q: min and max of an ordinal scale are its first and last option, 0 and %g; got %g and %g (leave them out)", i.Name, last, i.Min, i.Max)
		}
		i.Min, i.Max = 0, last
	default:
		return Errorf(EINVALID, "issue %q: scale %q is not numeric or ordinal", i.Name, i.Scale)
	}
	return nil
}

// InScale reports whether x lies on the issue's scale.
func (i *Issue) InScale(x float64) bool {
	if !finite(x) || x < i.Min || x > i.Max {
		return false
	}
	return i.Scale != ScaleOrdinal || x == math.Trunc(x)
}

// ParseValue reads a value typed for the issue's scale: a number (with
// thousands separators: "600,000", "600 000"), or for an ordered scale one
// of its options, by text or index. It does not check the range.
func (i *Issue) ParseValue(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if i.Scale == ScaleOrdinal {
		for k, o := range i.Options {
			if strings.EqualFold(o, s) {
				return float64(k), nil
			}
		}
	}
	x, err := strconv.ParseFloat(strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "").Replace(s), 64)
	if err != nil {
		if i.Scale == ScaleOrdinal {
			return 0, Errorf(EINVALID, "%q is not one of the options (%s)", s, strings.Join(i.Options, ", "))
		}
		return 0, Errorf(EINVALID, "%q is not a number", s)
	}
	return x, nil
}

// NewestPosition returns the position of latest date, the later one
// listed of two on one date; nil for none.
func NewestPosition(positions []*Position) *Position {
	var newest *Position
	for _, p := range positions {
		if newest == nil || !p.Date.Before(newest.Date) {
			newest = p
		}
	}
	return newest
}

// Position is where a party stands on an issue at a date: the outcome it
// wants (Ideal), the worst it would accept (Reservation, confidential to the
// party unless it shares it), how much the issue matters to it (Salience,
// 0-100) and how much it can bring to bear (Capability, 0-100).
type Position struct {
	ID          int64    `json:"id"`
	IssueID     int64    `json:"issue_id"`
	PartyID     int64    `json:"party_id"`
	Date        Date     `json:"date"`
	Ideal       float64  `json:"ideal"`
	Reservation *float64 `json:"reservation"`
	// ReservationVisibility is VisibilityParty unless the party shares it.
	ReservationVisibility string  `json:"reservation_visibility"`
	Salience              float64 `json:"salience"`
	Capability            float64 `json:"capability"`
	SourceID              int64   `json:"source_id,omitempty"`
	Note                  string  `json:"note,omitempty"`
	Revision              int64   `json:"revision"`
}

// Validate checks the position against the issue's scale.
func (p *Position) Validate(issue *Issue) error {
	if p.PartyID == 0 {
		return Errorf(EINVALID, "position on %q: party is required", issue.Name)
	}
	if !issue.InScale(p.Ideal) {
		return Errorf(EINVALID, "position on %q: ideal %g is off the scale %g..%g", issue.Name, p.Ideal, issue.Min, issue.Max)
	}
	if p.Reservation != nil && !issue.InScale(*p.Reservation) {
		return Errorf(EINVALID, "position on %q: reservation %g is off the scale %g..%g", issue.Name, *p.Reservation, issue.Min, issue.Max)
	}
	if !finite(p.Salience) || p.Salience < 0 || p.Salience > 100 {
		return Errorf(EINVALID, "position on %q: salience %g is not between 0 and 100", issue.Name, p.Salience)
	}
	if !finite(p.Capability) || p.Capability < 0 || p.Capability > 100 {
		return Errorf(EINVALID, "position on %q: capability %g is not between 0 and 100", issue.Name, p.Capability)
	}
	if err := validVisibility("reservation visibility", p.ReservationVisibility); err != nil {
		return err
	}
	return p.Date.Validate()
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// PositionFilter selects positions to list; zero fields match everything.
type PositionFilter struct {
	NegotiationID int64
	IssueID       int64
	PartyID       int64
}

// IssueService stores issues and positions.
type IssueService interface {
	CreateIssue(ctx context.Context, i *Issue) error
	ListIssues(ctx context.Context, negotiationID int64) ([]*Issue, error)
	FindIssueByID(ctx context.Context, id int64) (*Issue, error)
	CreatePosition(ctx context.Context, p *Position) error
	ListPositions(ctx context.Context, f PositionFilter) ([]*Position, error)
	// UpdatePosition writes the position if p.Revision is still the stored
	// revision.
	UpdatePosition(ctx context.Context, p *Position) error
}

// MayAddIssue says whether a member may add an issue to its negotiation:
// owners and mediators, who frame what is bargained over.
func MayAddIssue(m *Member) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only members of the negotiation may add issues")
	case m.Role == RoleMediator || m.Role == RoleOwner:
		return nil
	}
	return Errorf(EFORBIDDEN, "only a mediator or an owner adds an issue; you are %s of this negotiation", RoleName(m.Role))
}

// MayRecordPosition says whether a member may record or change a position
// of the party partyID: that party's delegates only. A position carries
// the party's confidential limit, so nobody records one for it.
func MayRecordPosition(m *Member, partyID int64) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only a party's delegates record its positions")
	case m.Role != RoleDelegate:
		return Errorf(EFORBIDDEN, "only a party's delegates record its positions; you are %s of this negotiation", RoleName(m.Role))
	case m.PartyID != partyID:
		return Errorf(EFORBIDDEN, "party: a delegate records positions for its own party only")
	}
	return nil
}
