package align

import (
	"context"

	"parley"
)

// CarryStances brings the parties' stances to a version that has just
// come in: it aligns v with each of its parents (with the corrections
// people made), and records each party's current stance on a parent's
// point on the points of v it is linked to, as carried, to be confirmed
// (parley.CarryStances). A party that already holds a stance on a point
// of v keeps it. It returns the stances recorded. The command line calls
// it after an import and the web after an upload, so that the rule is one.
func CarryStances(ctx context.Context, store parley.Store, v *parley.Version) ([]*parley.Stance, error) {
	held := map[[2]int64]bool{}
	existing, err := store.ListStances(ctx, parley.StanceFilter{VersionID: v.ID})
	if err != nil {
		return nil, err
	}
	for _, st := range existing {
		held[[2]int64{st.PointID, st.PartyID}] = true
	}
	var out []*parley.Stance
	for _, parentID := range v.ParentIDs {
		parent, err := store.FindVersionByID(ctx, parentID)
		if err != nil {
			return out, err
		}
		old, err := store.ListStances(ctx, parley.StanceFilter{VersionID: parent.ID})
		if err != nil {
			return out, err
		}
		if len(old) == 0 {
			continue
		}
		corrections, err := store.ListCorrections(ctx, parent.ID, v.ID)
		if err != nil {
			return out, err
		}
		_, stored := AlignVersions(parent, v, corrections)
		for _, st := range parley.CarryStances(stored.Links, old) {
			k := [2]int64{st.PointID, st.PartyID}
			if held[k] {
				continue // from an earlier parent, or recorded already
			}
			if err := store.CreateStance(ctx, st); err != nil {
				return out, err
			}
			held[k] = true
			out = append(out, st)
		}
	}
	return out, nil
}
