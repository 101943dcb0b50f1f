package parley

import "context"

// Stance values, from most to least favourable.
const (
	StanceAccept            = "accept"
	StanceAcceptWithChanges = "accept_with_changes"
	StanceUndecided         = "undecided"
	StanceReject            = "reject"
	StanceRedLine           = "red_line"
)

// StanceValues lists the stance values from most to least favourable.
var StanceValues = []string{StanceAccept, StanceAcceptWithChanges, StanceUndecided, StanceReject, StanceRedLine}

// Stance is a party's view of one point of one version, dated and sourced.
type Stance struct {
	ID            int64  `json:"id"`
	NegotiationID int64  `json:"negotiation_id"`
	PointID       int64  `json:"point_id"`
	PartyID       int64  `json:"party_id"`
	Value         string `json:"value"`
	Date          Date   `json:"date"`
	SourceID      int64  `json:"source_id,omitempty"`
	Note          string `json:"note,omitempty"`
	// Visibility is VisibilityParty for a draft stance the party keeps to
	// itself, VisibilityPublished once it is stated.
	Visibility string `json:"visibility"`
	Revision   int64  `json:"revision"`
}

// Validate checks the fields a caller sets.
func (s *Stance) Validate() error {
	if s.PointID == 0 || s.PartyID == 0 {
		return Errorf(EINVALID, "stance: point and party are required")
	}
	if err := oneOf("stance value", s.Value, StanceValues...); err != nil {
		return err
	}
	if err := validVisibility("stance visibility", s.Visibility); err != nil {
		return err
	}
	return s.Date.Validate()
}

// StanceFilter selects stances to list; zero fields match everything.
type StanceFilter struct {
	NegotiationID int64
	VersionID     int64
	PartyID       int64
}

// StanceService stores stances.
type StanceService interface {
	CreateStance(ctx context.Context, s *Stance) error
	ListStances(ctx context.Context, f StanceFilter) ([]*Stance, error)
	// UpdateStance writes value, date, source, note and visibility if
	// s.Revision is still the stored revision.
	UpdateStance(ctx context.Context, s *Stance) error
}
