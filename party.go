package parley

import "context"

// Party kinds.
const (
	PartyState        = "state"
	PartyOrganisation = "organisation"
	PartyBloc         = "bloc"
	PartyMediator     = "mediator"
	PartyGroup        = "group"
)

// Party is a side in a negotiation: a state, a bloc, an organisation or a
// mediator.
type Party struct {
	ID            int64  `json:"id"`
	NegotiationID int64  `json:"negotiation_id"`
	Name          string `json:"name"`
	Code          string `json:"code"` // short handle: "US", "RU", "UA", "E3"
	Kind          string `json:"kind"`
	Note          string `json:"note,omitempty"`
}

// Validate checks the fields a caller sets.
func (p *Party) Validate() error {
	if err := validName("party name", p.Name, 120); err != nil {
		return err
	}
	if err := validName("party code", p.Code, 16); err != nil {
		return err
	}
	return oneOf("party kind", p.Kind, PartyState, PartyOrganisation, PartyBloc, PartyMediator, PartyGroup)
}

// Actor is a person who acts for a party, in a role held between two dates.
type Actor struct {
	ID            int64  `json:"id"`
	NegotiationID int64  `json:"negotiation_id"`
	PartyID       int64  `json:"party_id"`
	Name          string `json:"name"`
	Role          string `json:"role"`
	From          Date   `json:"from"`
	Until         Date   `json:"until"`
	Note          string `json:"note,omitempty"`
}

// Validate checks the fields a caller sets.
func (a *Actor) Validate() error {
	if err := validName("actor name", a.Name, 120); err != nil {
		return err
	}
	if a.PartyID == 0 {
		return Errorf(EINVALID, "actor %q: party is required", a.Name)
	}
	if err := a.From.Validate(); err != nil {
		return err
	}
	if err := a.Until.Validate(); err != nil {
		return err
	}
	if !a.From.IsZero() && !a.Until.IsZero() && a.Until.Before(a.From) {
		return Errorf(EINVALID, "actor %q: role ends (%s) before it starts (%s)", a.Name, a.Until, a.From)
	}
	return nil
}

// PartyService stores parties and their actors.
type PartyService interface {
	CreateParty(ctx context.Context, p *Party) error
	ListParties(ctx context.Context, negotiationID int64) ([]*Party, error)
	// FindParty finds a party of the negotiation by code or name, ignoring case.
	FindParty(ctx context.Context, negotiationID int64, codeOrName string) (*Party, error)
	CreateActor(ctx context.Context, a *Actor) error
	ListActors(ctx context.Context, negotiationID int64) ([]*Actor, error)
}
