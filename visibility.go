package parley

// Visibility says who may see a piece of a party's data. It is decided by
// the party that owns the data.
const (
	// VisibilityParty: the owning party's delegates only (internal notes,
	// draft stances, reservation values by default).
	VisibilityParty = "party"
	// VisibilityMediator: the owning party and the mediators.
	VisibilityMediator = "mediator"
	// VisibilityPublished: every member, observers included.
	VisibilityPublished = "published"
)

func validVisibility(field, v string) error {
	return oneOf(field, v, VisibilityParty, VisibilityMediator, VisibilityPublished)
}
