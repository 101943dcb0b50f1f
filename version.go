package parley

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Version statuses.
const (
	StatusDraft           = "draft"
	StatusProposal        = "proposal"
	StatusCounterProposal = "counter-proposal"
	StatusLeaked          = "leaked"
	StatusAgreed          = "agreed"
	StatusSigned          = "signed"
)

// Statuses lists the version statuses in their usual order of life.
var Statuses = []string{StatusDraft, StatusProposal, StatusCounterProposal, StatusLeaked, StatusAgreed, StatusSigned}

// Document is one negotiated text, such as "the peace framework"; its
// versions are the states it went through.
type Document struct {
	ID            int64  `json:"id"`
	NegotiationID int64  `json:"negotiation_id"`
	Title         string `json:"title"`
}

// Validate checks the fields a caller sets.
func (d *Document) Validate() error { return validName("document title", d.Title, 200) }

// Version is one state of a document: who drafted it, when, where, from
// which sources and from which earlier versions, the body exactly as
// received, and its numbered points.
type Version struct {
	ID            int64   `json:"id"`
	NegotiationID int64   `json:"negotiation_id"`
	DocumentID    int64   `json:"document_id"`
	Label         string  `json:"label"`
	Date          Date    `json:"date"`
	Status        string  `json:"status"`
	PartyID       int64   `json:"party_id,omitempty"` // drafting party, 0 when unknown
	ActorIDs      []int64 `json:"actor_ids"`          // drafting actors
	Venue         string  `json:"venue,omitempty"`
	ParentIDs     []int64 `json:"parent_ids"` // versions this one derives from
	SourceIDs     []int64 `json:"source_ids"`
	Note          string  `json:"note,omitempty"`

	// Format is how the body was read: "text" or "markdown".
	Format string `json:"format"`
	// Body is the input exactly as received, byte for byte.
	Body []byte `json:"-"`
	// Text is the body decoded and normalised (BOM dropped, LF line ends,
	// Unicode NFC); the points and the text hash are taken from it.
	Text string `json:"-"`
	// TextHash is the hex SHA-256 of Text.
	TextHash string `json:"text_hash"`
	// Preamble is the text before the first point.
	Preamble string `json:"preamble,omitempty"`
	// Points are the numbered points in document order, at every depth.
	Points []Point `json:"points"`
	// PointCount is len(Points) when the points are loaded, and the stored
	// count when versions are listed without them.
	PointCount int `json:"point_count"`

	CreatedAt time.Time `json:"created_at"`
	Revision  int64     `json:"revision"`
}

// HashText returns the hex SHA-256 of a normalised text, as stored in
// Version.TextHash.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// ValidateMetadata checks the fields that may change after a version is
// stored: label, date and status.
func (v *Version) ValidateMetadata() error {
	if v.NegotiationID == 0 {
		return Errorf(EINVALID, "version: negotiation is required")
	}
	if err := validName("version label", v.Label, 200); err != nil {
		return err
	}
	if err := v.Date.Validate(); err != nil {
		return Errorf(EINVALID, "version %q: %s", v.Label, ErrorMessage(err))
	}
	return oneOf("version status", v.Status, Statuses...)
}

// Validate checks the version's fields and its points.
func (v *Version) Validate() error {
	if err := v.ValidateMetadata(); err != nil {
		return err
	}
	if err := oneOf("version format", v.Format, "text", "markdown", "html", "docx", "pdf", "akn", "json"); err != nil {
		return err
	}
	seenParent := map[int64]bool{}
	for _, p := range v.ParentIDs {
		if p == v.ID && v.ID != 0 {
			return Errorf(EINVALID, "version %q cannot be its own parent", v.Label)
		}
		if seenParent[p] {
			return Errorf(EINVALID, "version %q: parent %d given twice", v.Label, p)
		}
		seenParent[p] = true
	}
	if len(v.Points) == 0 {
		return Errorf(EINVALID, "version %q has no numbered points", v.Label)
	}
	seen := make(map[string]bool, len(v.Points))
	for i := range v.Points {
		p := &v.Points[i]
		if err := p.Validate(); err != nil {
			return err
		}
		key := p.Key()
		if seen[key] {
			return Errorf(EINVALID, "version %q: point %s appears twice", v.Label, p.Label)
		}
		seen[key] = true
	}
	return nil
}

// VersionFilter selects versions to list.
type VersionFilter struct {
	ID            int64
	NegotiationID int64
	DocumentID    int64
}

// VersionService stores documents and versions.
type VersionService interface {
	CreateDocument(ctx context.Context, d *Document) error
	ListDocuments(ctx context.Context, negotiationID int64) ([]*Document, error)

	// CreateVersion stores a version and all its points in one transaction:
	// afterwards the whole version is there or none of it is.
	CreateVersion(ctx context.Context, v *Version) error
	// FindVersionByID returns the version with its body, text and points.
	FindVersionByID(ctx context.Context, id int64) (*Version, error)
	// ListVersions returns versions without body, text or points, oldest
	// date first.
	ListVersions(ctx context.Context, f VersionFilter) ([]*Version, error)
	// UpdateVersion writes the metadata (label, date, status, party, venue,
	// note) if v.Revision is still the stored revision; the body and the
	// points of a version never change.
	UpdateVersion(ctx context.Context, v *Version) error
}

// MayAddVersion says whether m may add a version drafted by the party
// partyID (0 when no drafting party is named): mediators and owners any
// version, a delegate one drafted by its own party only, observers none.
func MayAddVersion(m *Member, partyID int64) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only members of the negotiation may add versions")
	case m.Role == RoleMediator || m.Role == RoleOwner:
		return nil
	case m.Role == RoleDelegate && m.PartyID != 0 && m.PartyID == partyID:
		return nil
	case m.Role == RoleDelegate:
		return Errorf(EFORBIDDEN, "a delegate adds versions drafted by its own party only")
	}
	return Errorf(EFORBIDDEN, "observers may not add versions")
}
