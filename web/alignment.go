package web

import (
	"context"
	"net/http"
	"slices"

	"parley"
	"parley/align"
	"parley/export"
	"parley/segment"
)

// pairOf loads the two versions of an alignment route: {version} (whose
// negotiation authorize checked) and {new}, which must belong to the same
// negotiation.
func (s *Server) pairOf(ctx context.Context, r *http.Request, rq *request) (*parley.Version, *parley.Version, error) {
	oldID, err := pathID(r, "version")
	if err != nil {
		return nil, nil, err
	}
	newID, err := pathID(r, "new")
	if err != nil {
		return nil, nil, err
	}
	old, err := s.Store.FindVersionByID(ctx, oldID)
	if err != nil {
		return nil, nil, err
	}
	new, err := s.Store.FindVersionByID(ctx, newID)
	if err != nil || new.NegotiationID != rq.negotiationID {
		return nil, nil, parley.Errorf(parley.ENOTFOUND, "version %d not found", newID)
	}
	return old, new, nil
}

// alignStored aligns two stored versions with the corrections people made.
// It only reads: a GET that saved its result would take the database's
// write lock, and on SQLite every reader of the compare page would queue
// behind the others. The result is cached by the versions' ids and
// revisions and the corrections applied, all read from the store, so that
// a correction made through another server is seen at once.
func (s *Server) alignStored(ctx context.Context, old, new *parley.Version) (*align.Alignment, error) {
	al, _, err := s.alignStoredKey(ctx, old, new)
	return al, err
}

// alignStoredKey is alignStored that also returns the alignment's cache
// key, which names everything it was computed from.
func (s *Server) alignStoredKey(ctx context.Context, old, new *parley.Version) (*align.Alignment, string, error) {
	corrections, err := s.Store.ListCorrections(ctx, old.ID, new.ID)
	if err != nil {
		return nil, "", err
	}
	key := alignmentKey(old, new, corrections)
	if al, ok := s.alignments.get("alignment " + key).(*align.Alignment); ok {
		return al, key, nil
	}
	al, _ := align.AlignVersions(old, new, corrections)
	s.alignments.put("alignment "+key, al)
	return al, key, nil
}

// comparison is export.Compare of a stored alignment (its summary and
// redlines) with the self-checks' warnings on both versions, kept beside
// it.
func (s *Server) comparison(key string, al *align.Alignment, old, new *parley.Version) *export.Comparison {
	if c, ok := s.alignments.get("comparison " + key).(*export.Comparison); ok {
		return c
	}
	c := export.Compare(al, old.Label, new.Label)
	// The self-checks on the versions' points (their blocks are not
	// stored, so the share of words in points is not checked here).
	c.Warnings = append(export.SideWarnings("old", segment.Check(segment.Segmented{Points: old.Points}, "")),
		export.SideWarnings("new", segment.Check(segment.Segmented{Points: new.Points}, ""))...)
	s.alignments.put("comparison "+key, c)
	return c
}

// apiAlignment is GET /api/v1/alignments/{old}/{new}: the comparison of two
// versions, in the compare JSON, with people's corrections applied; the
// query may keep some links only, as on the compare page (?hide=unchanged,
// ?kind=reworded,added, ?low=1), the points and summary staying whole.
func (s *Server) apiAlignment() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		filter, err := parseCompareFilter(r.URL.Query())
		if err != nil {
			writeError(w, err)
			return
		}
		old, new, al, key, err := s.alignedPair(ctx, r, rq)
		if err != nil {
			writeError(w, err)
			return
		}
		c := s.comparison(key, al, old, new)
		if filter.query() != "" {
			// A copy: the cached comparison keeps every link.
			shown := *c
			shown.Links = slices.DeleteFunc(slices.Clone(c.Links), func(l export.LinkJSON) bool { return !filter.shows(l) })
			c = &shown
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := export.WriteJSON(w, c); err != nil {
			s.Logger.Warn("write alignment", "err", err)
		}
	}
}

// correctionJSON is the body of a correction: points by path, as in the
// compare JSON.
type correctionJSON struct {
	Action string     `json:"action"`
	Old    [][]string `json:"old"`
	New    [][]string `json:"new"`
	Kind   string     `json:"kind"`
	Note   string     `json:"note"`
}

// apiCorrect is POST /api/v1/alignments/{old}/{new}/corrections: a
// mediator confirms, relinks or unlinks points; the correction wins
// whenever the two versions are aligned again.
func (s *Server) apiCorrect() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		var body correctionJSON
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		old, new, err := s.pairOf(ctx, r, rq)
		if err != nil {
			writeError(w, err)
			return
		}
		c := &parley.Correction{OldVersionID: old.ID, NewVersionID: new.ID, Action: body.Action, Kind: body.Kind, Note: body.Note, UserID: rq.caller.user.ID}
		if c.OldPointIDs, err = pointIDsOf("old", old, body.Old); err != nil {
			writeError(w, err)
			return
		}
		if c.NewPointIDs, err = pointIDsOf("new", new, body.New); err != nil {
			writeError(w, err)
			return
		}
		if err := s.Store.CreateCorrection(ctx, c); err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, c)
	}
}

// pointIDsOf finds the points with the given paths in a version; field
// ("old" or "new") names the list in messages. A point listed twice is
// refused: a link joins each point once.
func pointIDsOf(field string, v *parley.Version, paths [][]string) ([]int64, error) {
	byKey := make(map[string]int64, len(v.Points))
	for _, p := range v.Points {
		byKey[p.Key()] = p.ID
	}
	out := make([]int64, 0, len(paths))
	seen := make(map[int64]bool, len(paths))
	for _, path := range paths {
		id, ok := byKey[parley.PathKey(path)]
		if !ok {
			return nil, parley.Errorf(parley.EINVALID, "%s: version %d (%s) has no point %s", field, v.ID, v.Label, parley.FormatPath(path))
		}
		if seen[id] {
			return nil, parley.Errorf(parley.EINVALID, "%s: point %s is listed twice", field, parley.FormatPath(path))
		}
		seen[id] = true
		out = append(out, id)
	}
	return out, nil
}
