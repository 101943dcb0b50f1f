package web

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
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
		n, view, leaves, err := s.loadRecordPage(r.Context(), rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data, err := s.recordPageData(r.Context(), rq, n, view, leaves)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "record.html", http.StatusOK, data)
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
	Match       string // "exact", "same", "near" or "none"
	VersionID   int64
	Label       string
	Similarity  float64
	Differences []export.Difference
	Note        string // why there is no comparison, when there is none
}

// handleVerifyForm checks a pasted text or a chosen file against the
// negotiation's record: exact when its normalised text is a recorded
// version's, same when it has a recorded version's points in another
// format (a page, a Word file, a PDF of it), near when it is
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
		name, body, pasted, err := verifyInput(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		result, err := s.verifyText(ctx, name, body, leaves)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data, err := s.recordPageData(ctx, rq, n, view, leaves)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data["Verify"], data["Pasted"] = result, pasted
		s.render(w, r, "record.html", http.StatusOK, data)
	}
}

// verifyInput reads what the verify form checks: the chosen file (a
// rendering such as a Word file, a PDF or a page, read in the format its
// name and content say) or else the pasted text. It returns the name to
// read it under, its bytes, and the pasted text to show again.
func verifyInput(r *http.Request) (name string, body []byte, pasted string, err error) {
	pasted = r.PostForm.Get("text")
	if r.MultipartForm != nil {
		if files := r.MultipartForm.File["file"]; len(files) > 0 && files[0].Size > 0 {
			f, err := files[0].Open()
			if err != nil {
				return "", nil, "", parley.Errorf(parley.EINVALID, "file: cannot be read: %v", err)
			}
			defer f.Close()
			b, err := io.ReadAll(io.LimitReader(f, MaxVerifyFormBytes+1))
			if err != nil {
				return "", nil, "", parley.Errorf(parley.EINVALID, "file: cannot be read: %v", err)
			}
			return path.Base(files[0].Filename), b, "", nil
		}
	}
	if strings.TrimSpace(pasted) == "" {
		return "", nil, "", parley.Errorf(parley.EINVALID, "text: paste the text to check, or choose a file")
	}
	return pastedName, []byte(pasted), pasted, nil
}

// pastedName is the name a pasted text is read under.
const pastedName = "the pasted text"

// verifyText checks a text against the record (see handleVerifyForm).
func (s *Server) verifyText(ctx context.Context, name string, body []byte, leaves []*parley.RecordLeaf) (*verifyResult, error) {
	release, err := s.admitText(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	var text string
	var points []parley.Point
	// A text without points is still matched by its hash; one over
	// parley's limits (too many points) is refused before any alignment.
	if doc, err := ingest.Read(name, body, ""); err == nil {
		text, points = doc.Text, doc.Points
	} else if f := ingest.DetectFormat(name, body); parley.ErrorCode(err) == parley.ETOOLARGE || (name != pastedName && f != ingest.FormatText && f != ingest.FormatMarkdown) {
		// A file that cannot be read in its format is refused; a
		// pasted text is still matched by its hash.
		return nil, err
	} else if text, err = ingest.Normalize(body); err != nil {
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
		if align.SamePoints(v.Points, points) {
			res.Match, res.VersionID, res.Label, res.Similarity, res.Differences = "same", entry.VersionID, entry.Label, 1, nil
			return res, nil
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

// Recording from the browser and the API: owners and mediators record a
// version as official, a delegate endorses a recorded version for its own
// party. Both sign with keys sealed with the server's KeyPassphrase; the
// store audits every leaf appended (with the caller, from the context).

// maxRecordFormBytes bounds the record and endorse forms (a version id
// and a party code): 4 KiB.
const maxRecordFormBytes = 4 << 10

// recordingUnavailable is what the buttons and the API say on a server
// started without the passphrase of the signing keys.
const recordingUnavailable = "recording is not available on this server: it was started without the passphrase of the signing keys (PARLEY_KEY_PASSPHRASE or serve --passphrase-file)"

// errUnavailable says that the server cannot sign: the API answers it with
// 503, the pages with an error page of the same status.
type errUnavailable struct{ msg string }

func (e *errUnavailable) Error() string { return e.msg }

// recordTarget loads the version id for a recording, refusing it when it
// is not a version of the request's negotiation (not found, as for any
// object of a negotiation the caller is not in) and when the server holds
// no passphrase.
func (s *Server) recordTarget(ctx context.Context, rq *request, id int64) (*record.Target, error) {
	vc, err := record.LoadTarget(ctx, s.Store, id)
	if err != nil || vc.Version.NegotiationID != rq.negotiationID {
		if err == nil || parley.ErrorCode(err) == parley.ENOTFOUND {
			return nil, parley.Errorf(parley.ENOTFOUND, "version_id: version %d is not a version of this negotiation", id)
		}
		return nil, err
	}
	if len(s.KeyPassphrase) == 0 {
		return nil, &errUnavailable{recordingUnavailable}
	}
	return vc, nil
}

// signed maps what the record package says of the keys: once the caller
// is known to be allowed, a passphrase that does not open them is the
// server's trouble, not the caller's.
func signed(a *record.Appended, err error) (*record.Appended, error) {
	if parley.ErrorCode(err) == parley.EFORBIDDEN {
		return nil, &errUnavailable{"recording is not available on this server: its passphrase does not open this negotiation's signing keys"}
	}
	var failed *record.Failure
	if errors.As(err, &failed) {
		err = parley.Errorf(parley.EINTERNAL, "%s", failed.Error())
	}
	return a, err
}

// recordVersion records the version id as official, for a mediator or an
// owner.
func (s *Server) recordVersion(ctx context.Context, rq *request, id int64) (*record.Appended, error) {
	if err := parley.MayRecordVersion(rq.member); err != nil {
		return nil, err
	}
	if _, err := s.recordTarget(ctx, rq, id); err != nil {
		return nil, err
	}
	return signed(record.Add(ctx, s.Store, id, s.KeyPassphrase))
}

// endorseVersion records the endorsement of the recorded version id by
// party (a code or a name; "" for the caller's own), for that party's
// delegates.
func (s *Server) endorseVersion(ctx context.Context, rq *request, id int64, party string) (*record.Appended, error) {
	if err := parley.MayEndorse(rq.member, nil); err != nil {
		return nil, err
	}
	p, err := s.endorsingParty(ctx, rq, strings.TrimSpace(party))
	if err != nil {
		return nil, err
	}
	if err := parley.MayEndorse(rq.member, p); err != nil {
		return nil, err
	}
	if _, err := s.recordTarget(ctx, rq, id); err != nil {
		return nil, err
	}
	return signed(record.Endorse(ctx, s.Store, id, p.Code, s.KeyPassphrase))
}

func (s *Server) endorsingParty(ctx context.Context, rq *request, party string) (*parley.Party, error) {
	parties, err := s.Store.ListParties(ctx, rq.negotiationID)
	if err != nil {
		return nil, err
	}
	for _, p := range parties {
		if party == "" && p.ID == rq.member.PartyID || party != "" && (strings.EqualFold(p.Code, party) || p.Name == party) {
			return p, nil
		}
	}
	if party == "" {
		return nil, parley.Errorf(parley.EINVALID, "party: your party is not a party of this negotiation")
	}
	return nil, parley.Errorf(parley.EINVALID, "party: %q is not a party of this negotiation", party)
}

// recordedJSON is what the record and endorse routes answer: the leaf
// appended and the log it ends.
type recordedJSON struct {
	NegotiationID int64  `json:"negotiation_id"`
	VersionID     int64  `json:"version_id"`
	Label         string `json:"label"`
	Kind          string `json:"kind"`
	Index         int64  `json:"index"`
	Party         string `json:"party,omitempty"`
	TreeSize      int64  `json:"tree_size"`
	Root          string `json:"root"` // base64
	Checkpoint    string `json:"checkpoint"`
}

func recordedOf(a *record.Appended) recordedJSON {
	out := recordedJSON{NegotiationID: a.Target.Negotiation.ID, VersionID: a.Target.Version.ID, Label: a.Target.Version.Label,
		Kind: a.Leaf.Kind, Index: a.Leaf.Index, TreeSize: a.Checkpoint.Size, Root: base64.StdEncoding.EncodeToString(a.Root),
		Checkpoint: string(a.Checkpoint.Note)}
	if a.Party != nil {
		out.Party = a.Party.Code
	}
	return out
}

// writeRecordError answers a refused recording: 503 when the server
// cannot sign, else as any error.
func writeRecordError(w http.ResponseWriter, err error) {
	var unavailable *errUnavailable
	if errors.As(err, &unavailable) {
		noteError(w, err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": unavailable.msg, "code": "unavailable"})
		return
	}
	writeError(w, err)
}

// failRecord shows the error page of a refused recording.
func (s *Server) failRecord(w http.ResponseWriter, r *http.Request, err error) {
	var unavailable *errUnavailable
	if errors.As(err, &unavailable) {
		noteError(w, err)
		status := http.StatusServiceUnavailable
		s.render(w, r, "error.html", status, map[string]any{"Title": http.StatusText(status), "Status": status, "Message": unavailable.msg})
		return
	}
	s.fail(w, r, err)
}

// apiRecordVersion is POST /api/v1/negotiations/{id}/record: a mediator
// or an owner records a version as official.
func (s *Server) apiRecordVersion() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var body struct {
			VersionID int64 `json:"version_id"`
		}
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		if body.VersionID <= 0 {
			writeError(w, parley.Errorf(parley.EINVALID, "version_id: give the id of the version to record (a positive number)"))
			return
		}
		a, err := s.recordVersion(r.Context(), rq, body.VersionID)
		if err != nil {
			writeRecordError(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, recordedOf(a))
	}
}

// apiEndorseVersion is POST
// /api/v1/negotiations/{id}/record/{version}/endorsements: a delegate
// endorses a recorded version for its own party.
func (s *Server) apiEndorseVersion() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		versionID, err := pathID(r, "version")
		if err != nil {
			writeError(w, err)
			return
		}
		var body struct {
			Party string `json:"party"`
		}
		if r.ContentLength != 0 {
			if err := readJSON(w, r, &body); err != nil {
				writeError(w, err)
				return
			}
		}
		a, err := s.endorseVersion(r.Context(), rq, versionID, body.Party)
		if err != nil {
			writeRecordError(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, recordedOf(a))
	}
}

// handleRecordForm is POST /negotiations/{id}/record, the button on the
// version and record pages: it answers with the record page.
func (s *Server) handleRecordForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		if err := readForm(w, r, maxRecordFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		id := formInt(r.PostForm, "version")
		if id <= 0 {
			s.fail(w, r, parley.Errorf(parley.EINVALID, "version: choose the version to record"))
			return
		}
		a, err := s.recordVersion(r.Context(), rq, id)
		if err != nil {
			s.failRecord(w, r, err)
			return
		}
		http.Redirect(w, r, recordPage(rq, a), http.StatusSeeOther)
	}
}

// handleEndorseForm is POST /negotiations/{id}/record/{version}/endorsements.
func (s *Server) handleEndorseForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		versionID, err := pathID(r, "version")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if err := readForm(w, r, maxRecordFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		a, err := s.endorseVersion(r.Context(), rq, versionID, r.PostForm.Get("party"))
		if err != nil {
			s.failRecord(w, r, err)
			return
		}
		http.Redirect(w, r, recordPage(rq, a), http.StatusSeeOther)
	}
}

func recordPage(rq *request, a *record.Appended) string {
	return "/negotiations/" + itoa(rq.negotiationID) + "/record#leaf-" + itoa(a.Leaf.Index)
}

// recordControls is what a page needs for its record buttons: who may
// press which, and whether this server can sign at all.
type recordControls struct {
	Available   bool   // the server holds the passphrase of the signing keys
	Unavailable string // what the buttons say when it does not
	CanRecord   bool   // the caller is a mediator or an owner
	CanEndorse  bool   // the caller is a delegate
	Party       string // the caller's party code, for a delegate
	// Unrecorded lists the versions not in the record, for the record
	// page's form (mediators and owners only).
	Unrecorded []*parley.Version
	leaves     map[int64]int64 // recorded version id → its leaf
	endorsed   map[int64]bool  // recorded versions the caller's party endorsed
}

// Shown says whether the caller has any record button to see.
func (c *recordControls) Shown() bool { return c.CanRecord || c.CanEndorse }

// IsRecorded says whether the version id is in the record.
func (c *recordControls) IsRecorded(id int64) bool { _, ok := c.leaves[id]; return ok }

// LeafOf returns the index of the version's leaf in the record.
func (c *recordControls) LeafOf(id int64) int64 { return c.leaves[id] }

// HasEndorsed says whether the caller's party endorsed the version id.
func (c *recordControls) HasEndorsed(id int64) bool { return c.endorsed[id] }

// recordControlsFor works out the record buttons of m from the log;
// versions (for the record page's choice) may be nil.
func (s *Server) recordControlsFor(ctx context.Context, m *parley.Member, negotiationID int64, leaves []*parley.RecordLeaf, versions []*parley.Version) (*recordControls, error) {
	c := &recordControls{Available: len(s.KeyPassphrase) > 0, Unavailable: "Recording is not available on this server: it was started without the passphrase of the signing keys.",
		CanRecord: parley.MayRecordVersion(m) == nil, CanEndorse: parley.MayEndorse(m, nil) == nil, leaves: map[int64]int64{}, endorsed: map[int64]bool{}}
	for _, l := range leaves {
		switch {
		case l.Kind == parley.LeafVersion:
			c.leaves[l.VersionID] = l.Index
		case l.Kind == parley.LeafEndorsement && c.CanEndorse && l.PartyID == m.PartyID:
			c.endorsed[l.VersionID] = true
		}
	}
	if c.CanEndorse {
		parties, err := s.Store.ListParties(ctx, negotiationID)
		if err != nil {
			return nil, err
		}
		c.Party = partyCode(parties, m.PartyID)
	}
	if c.CanRecord {
		for _, v := range versions {
			if !c.IsRecorded(v.ID) {
				c.Unrecorded = append(c.Unrecorded, v)
			}
		}
	}
	return c, nil
}

// recordPageData is what record.html shows: the negotiation, its record
// and the caller's record buttons.
func (s *Server) recordPageData(ctx context.Context, rq *request, n *parley.Negotiation, view *recordView, leaves []*parley.RecordLeaf) (map[string]any, error) {
	var versions []*parley.Version
	if parley.MayRecordVersion(rq.member) == nil {
		var err error
		if versions, err = s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID}); err != nil {
			return nil, err
		}
	}
	controls, err := s.recordControlsFor(ctx, rq.member, n.ID, leaves, versions)
	if err != nil {
		return nil, err
	}
	return map[string]any{"Title": "Record: " + n.Title, "Negotiation": n, "Record": view, "Controls": controls}, nil
}
