// Package imports holds the rules for adding a version to a negotiation
// that the command line ("parley import") and the web (the upload form
// and POST /api/v1/negotiations/{id}/versions) share: a text the
// negotiation already holds is refused, parents must be versions of the
// same negotiation, a source is found by title or id or else created
// with its grade, and the version is stored together with the stances
// carried to it from its parents, or not at all.
package imports

import (
	"context"
	"strconv"
	"strings"

	"parley"
	"parley/align"
)

// SameText returns the version of the negotiation whose text is text
// (compared by the hash of the normalised text), or nil when there is
// none. Adding the same text twice is a slip more often than a wish:
// callers refuse it unless told otherwise.
func SameText(ctx context.Context, store parley.Store, negotiationID int64, text string) (*parley.Version, error) {
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: negotiationID})
	if err != nil {
		return nil, err
	}
	hash := parley.HashText(text)
	for _, old := range versions {
		if old.TextHash == hash {
			return old, nil
		}
	}
	return nil, nil
}

// CheckParents refuses a parent that is not a version of the
// negotiation, naming it under field (such as "--parent" or "parents").
func CheckParents(ctx context.Context, store parley.Store, negotiationID int64, field string, ids []int64) error {
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			return parley.Errorf(parley.EINVALID, "%s %d: given twice", field, id)
		}
		seen[id] = true
		p, err := store.FindVersionByID(ctx, id)
		if parley.ErrorCode(err) == parley.ENOTFOUND || (err == nil && p.NegotiationID != negotiationID) {
			return parley.Errorf(parley.EINVALID, "%s %d: no such version in this negotiation", field, id)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Source finds the negotiation's source whose title (case aside) or id is
// want.Title, or else creates want in the negotiation. It returns the
// source's id and whether it was created. gradeField names the field
// where the caller gave want's grade, "" when it gave none (want then
// carries a default grade for a new source): a source found with another
// grade than the one given is refused (ECONFLICT) rather than kept with
// its old grade unsaid, since regrading is its own act, kept in the
// source's history.
func Source(ctx context.Context, store parley.Store, negotiationID int64, want *parley.Source, gradeField string) (int64, bool, error) {
	sources, err := store.ListSources(ctx, negotiationID)
	if err != nil {
		return 0, false, err
	}
	for _, s := range sources {
		if strings.EqualFold(s.Title, want.Title) || strconv.FormatInt(s.ID, 10) == want.Title {
			if gradeField != "" && s.Grade() != want.Grade() {
				return 0, false, parley.Errorf(parley.ECONFLICT, "%s %s: source %q is graded %s; regrade it first (parley source grade, or the timeline page), which keeps %s in its history, or leave the grade out",
					gradeField, want.Grade(), s.Title, s.Grade(), s.Grade())
			}
			return s.ID, false, nil
		}
	}
	want.NegotiationID = negotiationID
	if err := store.CreateSource(ctx, want); err != nil {
		return 0, false, err
	}
	return want.ID, true, nil
}

// Document finds the negotiation's document titled title (case aside),
// or its only document when title is empty, or else creates it ("Main
// text" when title is empty). It returns the document and whether it was
// created; a negotiation of several documents needs a title.
func Document(ctx context.Context, store parley.Store, negotiationID int64, field, title string) (*parley.Document, bool, error) {
	docs, err := store.ListDocuments(ctx, negotiationID)
	if err != nil {
		return nil, false, err
	}
	title = strings.TrimSpace(title)
	for _, d := range docs {
		if (title == "" && len(docs) == 1) || strings.EqualFold(d.Title, title) {
			return d, false, nil
		}
	}
	if title == "" {
		if len(docs) > 1 {
			return nil, false, parley.Errorf(parley.EINVALID, "the negotiation has %d documents: name one with %s", len(docs), field)
		}
		title = "Main text"
	}
	d := &parley.Document{NegotiationID: negotiationID, Title: title}
	if err := store.CreateDocument(ctx, d); err != nil {
		return nil, false, err
	}
	return d, true, nil
}

// Save stores v and the stances carried to it from its parents (see
// align.CarryStances) in one transaction: both or nothing. With
// refuseSame, a text the negotiation already holds is refused
// (ECONFLICT) inside that transaction, so that two uploads of one text
// at once store it once. It returns the stances carried.
func Save(ctx context.Context, store parley.Store, v *parley.Version, refuseSame bool) ([]*parley.Stance, error) {
	var carried []*parley.Stance
	err := store.InTx(ctx, func(tx parley.Store) error {
		if refuseSame {
			old, err := SameText(ctx, tx, v.NegotiationID, v.Text)
			if err != nil {
				return err
			}
			if old != nil {
				return parley.Errorf(parley.ECONFLICT, "the same text is already version %d (%q) of this negotiation; nothing stored", old.ID, old.Label)
			}
		}
		if err := tx.CreateVersion(ctx, v); err != nil {
			return err
		}
		var err error
		carried, err = align.CarryStances(ctx, tx, v)
		return err
	})
	if err != nil {
		return nil, err
	}
	return carried, nil
}
