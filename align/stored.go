package align

import (
	"parley"
)

// AlignVersions aligns two stored versions with people's corrections taken
// as fixed, and returns the alignment twice: by point index (to render) and
// by point id (to store). Corrections are applied newest first; an older
// correction that touches a point a newer one already settled is ignored.
func AlignVersions(old, new *parley.Version, corrections []*parley.Correction) (*Alignment, *parley.Alignment) {
	oldIndex, newIndex := indexByID(old.Points), indexByID(new.Points)
	usedOld, usedNew := map[int]bool{}, map[int]bool{}
	var fixed []Link
	for k := len(corrections) - 1; k >= 0; k-- {
		c := corrections[k]
		is, okOld := indexesOf(oldIndex, c.OldPointIDs)
		js, okNew := indexesOf(newIndex, c.NewPointIDs)
		if !okOld || !okNew || anyUsed(usedOld, is) || anyUsed(usedNew, js) {
			continue
		}
		switch c.Action {
		case parley.CorrectionConfirm, parley.CorrectionRelink:
			fixed = append(fixed, Link{Old: is, New: js, Kind: c.Kind})
		case parley.CorrectionUnlink:
			for _, i := range is {
				fixed = append(fixed, Link{Old: []int{i}, Kind: Deleted})
			}
			for _, j := range js {
				fixed = append(fixed, Link{New: []int{j}, Kind: Added})
			}
		default:
			continue
		}
		for _, i := range is {
			usedOld[i] = true
		}
		for _, j := range js {
			usedNew[j] = true
		}
	}
	al := Align(old.Points, new.Points, Options{Fixed: fixed})
	stored := &parley.Alignment{OldVersionID: old.ID, NewVersionID: new.ID, Links: make([]parley.AlignmentLink, len(al.Links))}
	for k, l := range al.Links {
		stored.Links[k] = parley.AlignmentLink{
			OldPointIDs: pointIDs(old.Points, l.Old), NewPointIDs: pointIDs(new.Points, l.New),
			Kind: l.Kind, Similarity: l.Similarity, Fixed: l.Fixed,
		}
	}
	return al, stored
}

func indexByID(points []parley.Point) map[int64]int {
	m := make(map[int64]int, len(points))
	for i, p := range points {
		m[p.ID] = i
	}
	return m
}

func indexesOf(index map[int64]int, ids []int64) ([]int, bool) {
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		i, ok := index[id]
		if !ok {
			return nil, false
		}
		out = append(out, i)
	}
	return out, true
}

func anyUsed(used map[int]bool, idx []int) bool {
	for _, i := range idx {
		if used[i] {
			return true
		}
	}
	return false
}

func pointIDs(points []parley.Point, idx []int) []int64 {
	out := make([]int64, len(idx))
	for k, i := range idx {
		out[k] = points[i].ID
	}
	return out
}
