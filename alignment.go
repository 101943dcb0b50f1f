package parley

import (
	"context"
	"time"
)

// Link kinds, as the aligner writes them.
const (
	LinkUnchanged = "unchanged"
	LinkReworded  = "reworded"
	LinkMoved     = "moved"
	LinkSplit     = "split"
	LinkMerged    = "merged"
	LinkDeleted   = "deleted"
	LinkAdded     = "added"
	// LinkUnknown joins a point whose text is not known (a placeholder
	// such as "[text withheld]") to its counterpart.
	LinkUnknown = "unknown"
)

// LinkKinds lists the link kinds.
var LinkKinds = []string{LinkUnchanged, LinkReworded, LinkMoved, LinkSplit, LinkMerged, LinkDeleted, LinkAdded, LinkUnknown}

// AlignmentLink joins points of an older version to points of a newer one.
// One side is empty for a deleted or added point.
type AlignmentLink struct {
	OldPointIDs []int64 `json:"old_point_ids"`
	NewPointIDs []int64 `json:"new_point_ids"`
	Kind        string  `json:"kind"`
	Similarity  float64 `json:"similarity"`
	// Fixed marks a link a person confirmed or corrected.
	Fixed bool `json:"fixed,omitempty"`
}

// Alignment is the stored alignment of two versions.
type Alignment struct {
	ID           int64           `json:"id"`
	OldVersionID int64           `json:"old_version_id"`
	NewVersionID int64           `json:"new_version_id"`
	Links        []AlignmentLink `json:"links"`
	ComputedAt   time.Time       `json:"computed_at"`
}

// Correction actions.
const (
	// CorrectionConfirm fixes a link as the aligner found it.
	CorrectionConfirm = "confirm"
	// CorrectionRelink joins the given old and new points, whatever the
	// aligner thought.
	CorrectionRelink = "relink"
	// CorrectionUnlink declares the given points to have no counterpart:
	// old points deleted, new points added.
	CorrectionUnlink = "unlink"
)

// Correction is a person's decision about a link between two versions. It
// is kept for good and wins over the automatic alignment whenever the
// alignment is computed again; a later correction touching the same points
// wins over an earlier one.
type Correction struct {
	ID           int64     `json:"id"`
	OldVersionID int64     `json:"old_version_id"`
	NewVersionID int64     `json:"new_version_id"`
	Action       string    `json:"action"`
	OldPointIDs  []int64   `json:"old_point_ids"`
	NewPointIDs  []int64   `json:"new_point_ids"`
	Kind         string    `json:"kind,omitempty"` // for confirm and relink
	Note         string    `json:"note,omitempty"`
	UserID       int64     `json:"user_id,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate checks the action and that the points and kind fit it.
func (c *Correction) Validate() error {
	if c.OldVersionID == 0 || c.NewVersionID == 0 || c.OldVersionID == c.NewVersionID {
		return Errorf(EINVALID, "correction: two different versions are required")
	}
	switch c.Action {
	case CorrectionConfirm, CorrectionRelink:
		if len(c.OldPointIDs) == 0 && len(c.NewPointIDs) == 0 {
			return Errorf(EINVALID, "correction: %s needs points", c.Action)
		}
		if c.Kind == "" {
			return Errorf(EINVALID, "correction: %s needs a link kind", c.Action)
		}
		if err := oneOf("link kind", c.Kind, LinkKinds...); err != nil {
			return err
		}
		if (len(c.OldPointIDs) == 0) != (c.Kind == LinkAdded) || (len(c.NewPointIDs) == 0) != (c.Kind == LinkDeleted) {
			return Errorf(EINVALID, "correction: a %s link cannot have %d old and %d new points", c.Kind, len(c.OldPointIDs), len(c.NewPointIDs))
		}
	case CorrectionUnlink:
		if len(c.OldPointIDs)+len(c.NewPointIDs) == 0 {
			return Errorf(EINVALID, "correction: unlink needs points")
		}
		c.Kind = ""
	default:
		return oneOf("correction action", c.Action, CorrectionConfirm, CorrectionRelink, CorrectionUnlink)
	}
	return nil
}

// AlignmentService stores alignments and the corrections people make.
type AlignmentService interface {
	// SaveAlignment stores the alignment of its two versions, replacing
	// the one stored before.
	SaveAlignment(ctx context.Context, a *Alignment) error
	FindAlignment(ctx context.Context, oldVersionID, newVersionID int64) (*Alignment, error)
	// CreateCorrection stores a correction after checking that its points
	// belong to its versions.
	CreateCorrection(ctx context.Context, c *Correction) error
	// ListCorrections returns the corrections of a pair of versions,
	// oldest first.
	ListCorrections(ctx context.Context, oldVersionID, newVersionID int64) ([]*Correction, error)
}
