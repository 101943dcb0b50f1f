package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"parley"
)

// MaxStanceFormBytes bounds the version page's stance form (a point, a
// party, a value, a date and a note of at most 4,000 bytes): 16 KiB.
const MaxStanceFormBytes = 16 << 10

// stanceJSON is a stance as the API gives it: the stored fields, the
// party's code, and whether it was carried and is still to be confirmed.
type stanceJSON struct {
	*parley.Stance
	Party     string `json:"party"`
	ToConfirm bool   `json:"to_confirm"`
}

func stancesJSON(list []*parley.Stance, parties []*parley.Party, m *parley.Member) []stanceJSON {
	out := make([]stanceJSON, 0, len(list))
	for _, st := range list {
		if parley.CanSee(m, st.PartyID, st.Visibility) {
			out = append(out, stanceJSON{Stance: st, Party: partyCode(parties, st.PartyID), ToConfirm: st.ToConfirm()})
		}
	}
	return out
}

// apiStances is GET /api/v1/negotiations/{id}/stances: the current
// stance of each party on each point, as far as the caller may see them
// (a party's draft stances stay with its delegates); ?version=ID keeps one
// version's.
func (s *Server) apiStances() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		f := parley.StanceFilter{NegotiationID: rq.negotiationID}
		if q := r.URL.Query().Get("version"); q != "" {
			id, err := strconv.ParseInt(q, 10, 64)
			if err != nil || id <= 0 {
				writeError(w, parley.Errorf(parley.EINVALID, "version: %q is not a version id", q))
				return
			}
			f.VersionID = id
		}
		var l loader
		stances := load(&l, func() ([]*parley.Stance, error) { return s.Store.ListStances(r.Context(), f) })
		parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(r.Context(), rq.negotiationID) })
		if l.err != nil {
			writeError(w, l.err)
			return
		}
		writeJSON(w, http.StatusOK, stancesJSON(stances, parties, rq.member))
	}
}

// visibleStance finds a stance of the caller's negotiation that the
// caller may see; any other is "not found", as one that does not exist.
func (s *Server) visibleStance(ctx context.Context, rq *request, id int64) (*parley.Stance, error) {
	list, err := s.Store.ListStances(ctx, parley.StanceFilter{NegotiationID: rq.negotiationID, ID: id})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 || !parley.CanSee(rq.member, list[0].PartyID, list[0].Visibility) {
		return nil, parley.Errorf(parley.ENOTFOUND, "stance %d not found", id)
	}
	return list[0], nil
}

// apiStanceHistory is GET .../stances/{stance}/history: every revision
// of a stance, oldest first, each as far as the caller may see it (a
// revision kept to the party stays with its delegates, even once a later
// one is published).
func (s *Server) apiStanceHistory() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		id, err := pathID(r, "stance")
		if err != nil {
			writeError(w, err)
			return
		}
		if _, err := s.visibleStance(r.Context(), rq, id); err != nil {
			writeError(w, err)
			return
		}
		var l loader
		hist := load(&l, func() ([]*parley.Stance, error) {
			return s.Store.ListStanceHistory(r.Context(), parley.StanceFilter{NegotiationID: rq.negotiationID, ID: id})
		})
		parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(r.Context(), rq.negotiationID) })
		if l.err != nil {
			writeError(w, l.err)
			return
		}
		writeJSON(w, http.StatusOK, stancesJSON(hist, parties, rq.member))
	}
}

// stanceBody is the body of POST .../stances (point_id, and party_id
// unless a delegate records its own party's) and of PUT
// .../stances/{stance} (revision, or If-Match).
type stanceBody struct {
	PointID    int64       `json:"point_id"`
	PartyID    int64       `json:"party_id"`
	Value      string      `json:"value"`
	Date       parley.Date `json:"date"`
	SourceID   int64       `json:"source_id"`
	Note       string      `json:"note"`
	Visibility string      `json:"visibility"`
	Revision   int64       `json:"revision"`
}

// apply checks the body's fields and writes them into st, naming the
// field at fault. A stance recorded by a person is no longer carried.
func (b *stanceBody) apply(m *parley.Member, st *parley.Stance) error {
	value, err := parley.ParseStanceValue(b.Value)
	if err != nil {
		return parley.Errorf(parley.EINVALID, "value: %s", parley.ErrorMessage(err))
	}
	if b.Date.IsZero() {
		return parley.Errorf(parley.EINVALID, "date: required (YYYY, YYYY-MM or YYYY-MM-DD)")
	}
	visibility := b.Visibility
	switch {
	case visibility == "" && st.Visibility != "":
		visibility = st.Visibility
	case visibility == "" && m.Role == parley.RoleDelegate:
		visibility = parley.VisibilityParty
	case visibility == "":
		visibility = parley.VisibilityMediator
	}
	if visibility == parley.VisibilityParty && m.Role != parley.RoleDelegate {
		return parley.Errorf(parley.EINVALID, "visibility: a stance kept to the party is recorded by the party's delegates; record it for the mediators or published")
	}
	st.Value, st.Date, st.SourceID, st.Note, st.Visibility = value, b.Date, b.SourceID, strings.TrimSpace(b.Note), visibility
	st.CarriedFrom, st.CarriedKind = 0, ""
	if err := st.Validate(); err != nil {
		return err
	}
	return nil
}

// apiCreateStance is POST /api/v1/negotiations/{id}/stances: record a
// party's first stance on a point. A delegate records its own party's
// only; mediators and owners any party's; observers none.
func (s *Server) apiCreateStance() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var body stanceBody
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		if body.PartyID == 0 && rq.member.Role == parley.RoleDelegate {
			body.PartyID = rq.member.PartyID
		}
		if err := parley.MayRecordStance(rq.member, body.PartyID); err != nil {
			writeError(w, err)
			return
		}
		switch {
		case body.PointID <= 0:
			writeError(w, parley.Errorf(parley.EINVALID, "point_id: required"))
			return
		case body.PartyID <= 0:
			writeError(w, parley.Errorf(parley.EINVALID, "party_id: required"))
			return
		case body.Revision != 0:
			writeError(w, parley.Errorf(parley.EINVALID, "revision: a new stance has none; change a stance with PUT .../stances/{stance}"))
			return
		}
		st := &parley.Stance{NegotiationID: rq.negotiationID, PointID: body.PointID, PartyID: body.PartyID}
		if err := body.apply(rq.member, st); err != nil {
			writeError(w, err)
			return
		}
		if err := s.Store.CreateStance(r.Context(), st); err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(st.Revision))
		writeJSON(w, http.StatusCreated, st)
	}
}

// apiUpdateStance is PUT /api/v1/negotiations/{id}/stances/{stance}: a
// party's stance changes (or a carried one is confirmed); the revision
// before is kept in the history. Optimistic, as positions: If-Match (the
// ETag read) or the revision in the body must still be current.
func (s *Server) apiUpdateStance() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		id, err := pathID(r, "stance")
		if err != nil {
			writeError(w, err)
			return
		}
		var body stanceBody
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		st, err := s.visibleStance(r.Context(), rq, id)
		if err != nil {
			writeError(w, err)
			return
		}
		if err := parley.MayRecordStance(rq.member, st.PartyID); err != nil {
			writeError(w, err)
			return
		}
		match := r.Header.Get("If-Match")
		if match != "" && match != etag(st.Revision) {
			writeJSON(w, http.StatusPreconditionFailed, map[string]string{"error": "If-Match: the stance changed since you read it (now revision " + itoa(st.Revision) + "): reload", "code": "precondition_failed"})
			return
		}
		switch {
		case body.PointID != 0 && body.PointID != st.PointID, body.PartyID != 0 && body.PartyID != st.PartyID:
			writeError(w, parley.Errorf(parley.EINVALID, "point_id, party_id: a stance stays on its point and party; record another party's stance with POST"))
			return
		case body.Revision == 0 && match != "":
			body.Revision = st.Revision
		case body.Revision == 0:
			writeError(w, parley.Errorf(parley.EINVALID, "revision: required (the revision you read), or send If-Match"))
			return
		}
		if err := body.apply(rq.member, st); err != nil {
			writeError(w, err)
			return
		}
		st.Revision = body.Revision
		if err := s.Store.UpdateStance(r.Context(), st); err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(st.Revision))
		writeJSON(w, http.StatusOK, st)
	}
}
