package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"parley"
	"parley/align"
	"parley/export"
	"parley/ingest"
	"parley/record"
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

// loadRecordPage loads what the record page shows: the negotiation and
// its record (see loadRecord).
func (s *Server) loadRecordPage(ctx context.Context, negotiationID int64) (*parley.Negotiation, *recordView, []*parley.RecordLeaf, error) {
	n, err := s.Store.FindNegotiationByID(ctx, negotiationID)
	if err != nil {
		return nil, nil, nil, err
	}
	view, leaves, err := s.loadRecord(ctx, negotiationID)
	if err != nil {
		return nil, nil, nil, err
	}
	return n, view, leaves, nil
}

// handleRecord shows the record: the official versions with their
// endorsements, the key to check them with, and a proof file of each.
func (s *Server) handleRecord() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		n, view, _, err := s.loadRecordPage(r.Context(), rq.negotiationID)
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
		b, err := record.Proof(ctx, s.Store, rq.negotiationID, versionID)
		if err != nil {
			var failed *record.Failure
			if errors.As(err, &failed) {
				err = parley.Errorf(parley.EINTERNAL, "%s", failed.Error())
			}
			writeError(w, err)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="version-`+itoa(versionID)+`.proof"`)
		w.Write(b)
	}
}

// verifyResult is what the record page says of a pasted text.
type verifyResult struct {
	Match       string // "exact", "near" or "none"
	VersionID   int64
	Label       string
	Similarity  float64
	Differences []export.Difference
	Note        string // why there is no comparison, when there is none
}

// handleVerifyForm checks a pasted text against the negotiation's record:
// exact when its normalised text is a recorded version's, near when it is
// close to one (with the points that differ), none otherwise. It is the
// page's version of "parley verify"; only this negotiation's record is
// searched.
func (s *Server) handleVerifyForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		if err := readForm(w, r, MaxVerifyFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		n, view, leaves, err := s.loadRecordPage(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pasted := r.PostForm.Get("text")
		result, err := s.verifyText(ctx, pasted, leaves)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "record.html", http.StatusOK, map[string]any{"Title": "Record: " + n.Title, "Negotiation": n, "Record": view,
			"Verify": result, "Pasted": pasted})
	}
}

func (s *Server) verifyText(ctx context.Context, pasted string, leaves []*parley.RecordLeaf) (*verifyResult, error) {
	if strings.TrimSpace(pasted) == "" {
		return nil, parley.Errorf(parley.EINVALID, "text: paste the text to check")
	}
	release, err := s.admitText(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	var text string
	var points []parley.Point
	// A text without points is still matched by its hash; one over
	// parley's limits (too many points) is refused before any alignment.
	if doc, err := ingest.Read("the pasted text", []byte(pasted), ""); err == nil {
		text, points = doc.Text, doc.Points
	} else if parley.ErrorCode(err) == parley.ETOOLARGE {
		return nil, err
	} else if text, err = ingest.Normalize([]byte(pasted)); err != nil {
		return nil, err
	}
	res := &verifyResult{Match: "none"}
	hash := parley.HashText(text)
	var entries []*tlog.VersionEntry
	for _, l := range leaves {
		if l.Kind != parley.LeafVersion {
			continue
		}
		entry, err := tlog.ParseVersionEntry(l.Leaf)
		if err != nil {
			return nil, parley.Errorf(parley.EINTERNAL, "leaf %d of the record is not a version leaf: %s", l.Index, parley.ErrorMessage(err))
		}
		if entry.TextHash == hash {
			res.Match, res.VersionID, res.Label, res.Similarity = "exact", entry.VersionID, entry.Label, 1
			return res, nil
		}
		entries = append(entries, entry)
	}
	switch {
	case len(entries) == 0:
		res.Note = "Nothing has been recorded to compare it with."
		return res, nil
	case len(points) == 0:
		res.Note = "It matches no recorded version, and it has no numbered points to compare point by point."
		return res, nil
	}
	var best *align.Alignment
	for _, entry := range entries {
		v, err := s.Store.FindVersionByID(ctx, entry.VersionID)
		if err != nil {
			return nil, err
		}
		al := align.Align(v.Points, points, align.Options{})
		if sim := al.TextSimilarity(); best == nil || sim > res.Similarity {
			best, res.Similarity, res.VersionID, res.Label = al, sim, entry.VersionID, entry.Label
		}
	}
	if res.Similarity >= align.NearText {
		res.Match, res.Differences = "near", export.Differences(best)
	}
	return res, nil
}

// admitText waits for a turn to read and align a text (see textWork), or
// for the request to end, whichever comes first.
func (s *Server) admitText(ctx context.Context) (release func(), err error) {
	select {
	case s.textWork <- struct{}{}:
		return func() { <-s.textWork }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("web: waiting to read a text: %w", ctx.Err())
	}
}
