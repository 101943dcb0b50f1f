package web

import (
	"context"
	"net/http"
	"time"

	"parley"
	"parley/tlog"
)

// recordEntry is one leaf of a negotiation's record as pages and the API
// show it.
type recordEntry struct {
	Index      int64  `json:"index"`
	Kind       string `json:"kind"`
	VersionID  int64  `json:"version_id"`
	Label      string `json:"label"`
	Party      string `json:"party,omitempty"`
	RecordedAt string `json:"recorded_at"`
}

// recordView is a negotiation's record: what was recorded, the key to
// check it with, and the newest signed checkpoint.
type recordView struct {
	PublicKey  string        `json:"public_key"` // the note verifier key for "parley verify --proof"
	Checkpoint string        `json:"checkpoint"` // the newest signed checkpoint, as a note
	Size       int64         `json:"size"`
	Entries    []recordEntry `json:"entries"`
}

// loadRecord reads a negotiation's record. The record holds only what was
// made official (versions and endorsements), which every member may see.
func (s *Server) loadRecord(ctx context.Context, negotiationID int64) (*recordView, []*parley.RecordLeaf, error) {
	var l loader
	leaves := load(&l, func() ([]*parley.RecordLeaf, error) { return s.Store.ListRecordLeaves(ctx, negotiationID) })
	cps := load(&l, func() ([]*parley.RecordCheckpoint, error) { return s.Store.ListRecordCheckpoints(ctx, negotiationID) })
	versions := load(&l, func() ([]*parley.Version, error) {
		return s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: negotiationID})
	})
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, negotiationID) })
	if l.err != nil {
		return nil, nil, l.err
	}
	view := &recordView{Entries: []recordEntry{}}
	if key, err := s.Store.FindRecordKey(ctx, negotiationID, 0); err == nil {
		view.PublicKey = key.PublicKey
	} else if parley.ErrorCode(err) != parley.ENOTFOUND {
		return nil, nil, err
	}
	if len(cps) > 0 {
		last := cps[len(cps)-1]
		view.Checkpoint, view.Size = string(last.Note), last.Size
	}
	label := map[int64]string{}
	for _, v := range versions {
		label[v.ID] = v.Label
	}
	for _, leaf := range leaves {
		e := recordEntry{Index: leaf.Index, Kind: leaf.Kind, VersionID: leaf.VersionID, Label: label[leaf.VersionID],
			RecordedAt: leaf.RecordedAt.UTC().Format(time.RFC3339)}
		if leaf.PartyID != 0 {
			e.Party = partyCode(parties, leaf.PartyID)
		}
		view.Entries = append(view.Entries, e)
	}
	return view, leaves, nil
}

// handleRecord shows the record: the official versions with their
// endorsements, the key to check them with, and a proof file of each.
func (s *Server) handleRecord() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		n, err := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		view, _, err := s.loadRecord(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "record.html", http.StatusOK, map[string]any{"Title": "Record: " + n.Title, "Negotiation": n, "Record": view})
	}
}

// apiRecord is GET /api/v1/negotiations/{id}/record.
func (s *Server) apiRecord() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		view, _, err := s.loadRecord(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, view)
	}
}

// apiRecordProof is GET /api/v1/negotiations/{id}/record/{version}/proof:
// the proof file of a recorded version against the newest checkpoint, for
// "parley verify --proof FILE --key KEY TEXT" to check offline.
func (s *Server) apiRecordProof() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		versionID, err := pathID(r, "version")
		if err != nil {
			writeError(w, err)
			return
		}
		view, leaves, err := s.loadRecord(ctx, rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		index := int64(-1)
		raw := make([][]byte, len(leaves))
		for k, l := range leaves {
			raw[k] = l.Leaf
			if l.Kind == parley.LeafVersion && l.VersionID == versionID {
				index = l.Index
			}
		}
		if index < 0 || view.Checkpoint == "" {
			writeError(w, parley.Errorf(parley.ENOTFOUND, "version %d is not in the record of this negotiation", versionID))
			return
		}
		proof, err := tlog.NewProof(raw, uint64(index), []byte(view.Checkpoint), view.PublicKey)
		if err != nil {
			writeError(w, parley.Errorf(parley.EINTERNAL, "the record cannot prove version %d: %s", versionID, parley.ErrorMessage(err)))
			return
		}
		b, err := proof.Marshal()
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="version-`+itoa(versionID)+`.proof"`)
		w.Write(b)
	}
}
