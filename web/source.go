package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"parley"
)

// MaxSourceFormBytes bounds the forms that add and regrade a source (a
// title, a URL and a note): 16 KiB.
const MaxSourceFormBytes = 16 << 10

// sourceCreate is the body of POST .../sources and what the add form
// sends: the source, graded with the Admiralty code.
type sourceCreate struct {
	Title       string      `json:"title"`
	Kind        string      `json:"kind"`
	Publisher   string      `json:"publisher"`
	URL         string      `json:"url"`
	Date        parley.Date `json:"date"`
	Reliability string      `json:"reliability"`
	Credibility int         `json:"credibility"`
	Note        string      `json:"note"`
}

// source checks the fields, naming the one at fault, and returns the
// source of the negotiation they describe.
func (b *sourceCreate) source(negotiationID int64) (*parley.Source, error) {
	src := &parley.Source{NegotiationID: negotiationID, Title: strings.TrimSpace(b.Title), Kind: b.Kind, Publisher: strings.TrimSpace(b.Publisher),
		URL: strings.TrimSpace(b.URL), Date: b.Date, Reliability: strings.ToUpper(strings.TrimSpace(b.Reliability)), Credibility: b.Credibility, Note: strings.TrimSpace(b.Note)}
	switch {
	case src.Title == "":
		return nil, parley.Errorf(parley.EINVALID, "title: required")
	case !isOneOf(src.Kind, parley.SourceKinds):
		return nil, parley.Errorf(parley.EINVALID, "kind: %q is not one of %s", src.Kind, strings.Join(parley.SourceKinds, ", "))
	case src.URL != "" && !parley.WebURL(src.URL):
		return nil, parley.Errorf(parley.EINVALID, "url: %q is not an http or https address", src.URL)
	case len(src.Note) > 4000:
		return nil, parley.Errorf(parley.EINVALID, "note: %d bytes, over the limit of 4000", len(src.Note))
	}
	if err := parley.ValidGrade(src.Reliability, src.Credibility); err != nil {
		return nil, err
	}
	if err := src.Validate(); err != nil {
		return nil, parley.Errorf(parley.EINVALID, "title: %s", parley.ErrorMessage(err))
	}
	return src, nil
}

func isOneOf(s string, allowed []string) bool {
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

// addSource adds a source to the request's negotiation, as the caller
// may (parley.MayAddSource).
func (s *Server) addSource(ctx context.Context, rq *request, b *sourceCreate) (*parley.Source, error) {
	if err := parley.MayAddSource(rq.member); err != nil {
		return nil, err
	}
	src, err := b.source(rq.negotiationID)
	if err != nil {
		return nil, err
	}
	if err := s.Store.CreateSource(ctx, src); err != nil {
		return nil, err
	}
	return src, nil
}

// sourceGrade is the body of POST .../sources/{source}/grades and what
// the regrade form sends.
type sourceGrade struct {
	Reliability string `json:"reliability"`
	Credibility int    `json:"credibility"`
	Note        string `json:"note"`
	// Revision is the source's revision the caller read; If-Match may
	// stand for it.
	Revision int64 `json:"revision"`
}

// regradeSource gives a source of the request's negotiation a new grade,
// as the caller may (parley.MayGradeSource), if revision is still its
// revision; the grade before stays in its history.
func (s *Server) regradeSource(ctx context.Context, rq *request, id int64, b *sourceGrade) (*parley.Source, error) {
	if err := parley.MayGradeSource(rq.member); err != nil {
		return nil, err
	}
	src, err := s.sourceOf(ctx, rq, id)
	if err != nil {
		return nil, err
	}
	if b.Revision <= 0 {
		return nil, parley.Errorf(parley.EINVALID, "revision: required (the revision of the source you read), or send If-Match")
	}
	if b.Revision != src.Revision {
		return nil, parley.Errorf(parley.ECONFLICT, "the source %q was regraded since you read it (now %s, revision %d; you had revision %d): reload and grade it again",
			src.Title, src.Grade(), src.Revision, b.Revision)
	}
	re := &parley.Source{ID: src.ID, Reliability: strings.ToUpper(strings.TrimSpace(b.Reliability)), Credibility: b.Credibility, Revision: b.Revision}
	if err := parley.ValidGrade(re.Reliability, re.Credibility); err != nil {
		return nil, err
	}
	if err := s.Store.RegradeSource(ctx, re, strings.TrimSpace(b.Note)); err != nil {
		return nil, err
	}
	return re, nil
}

// sourceOf finds a source of the request's negotiation; one of another
// negotiation is not found, as one that does not exist.
func (s *Server) sourceOf(ctx context.Context, rq *request, id int64) (*parley.Source, error) {
	src, err := s.Store.FindSourceByID(ctx, id)
	if err != nil || src.NegotiationID != rq.negotiationID {
		if err == nil || parley.ErrorCode(err) == parley.ENOTFOUND {
			return nil, parley.Errorf(parley.ENOTFOUND, "source %d not found", id)
		}
		return nil, err
	}
	return src, nil
}

// apiCreateSource is POST /api/v1/negotiations/{id}/sources.
func (s *Server) apiCreateSource() handler {
	return jsonWrite(http.StatusCreated, func(r *http.Request, rq *request, b *sourceCreate) (*parley.Source, int64, error) {
		src, err := s.addSource(r.Context(), rq, b)
		if err != nil {
			return nil, 0, err
		}
		return src, src.Revision, nil
	})
}

// apiSourceGrades is GET .../sources/{source}/grades: every grade the
// source was given, oldest first, with who gave it and when.
func (s *Server) apiSourceGrades() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		id, err := pathID(r, "source")
		if err != nil {
			writeError(w, err)
			return
		}
		src, err := s.sourceOf(r.Context(), rq, id)
		if err != nil {
			writeError(w, err)
			return
		}
		grades, err := s.gradeHistory(r.Context(), src.ID)
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(src.Revision))
		writeJSON(w, http.StatusOK, grades)
	}
}

// gradeJSON is one grade of a source's history, with the grader's
// username.
type gradeJSON struct {
	*parley.SourceGrade
	Grade    string `json:"grade"`
	GradedBy string `json:"graded_by,omitempty"`
}

// gradeHistory returns a source's grades, each with who gave it.
func (s *Server) gradeHistory(ctx context.Context, sourceID int64) ([]gradeJSON, error) {
	grades, err := s.Store.ListSourceGrades(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	out := make([]gradeJSON, 0, len(grades))
	for _, g := range grades {
		if g.UserID != 0 && names[g.UserID] == "" {
			u, err := s.Store.FindUserByID(ctx, g.UserID)
			if err != nil {
				return nil, err
			}
			names[g.UserID] = u.Username
		}
		out = append(out, gradeJSON{SourceGrade: g, Grade: g.Grade(), GradedBy: names[g.UserID]})
	}
	return out, nil
}

// apiRegradeSource is POST .../sources/{source}/grades: a mediator or an
// owner gives the source a new grade. Optimistic, as positions: If-Match
// (the ETag read) or the revision in the body must still be current.
func (s *Server) apiRegradeSource() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		id, err := pathID(r, "source")
		if err != nil {
			writeError(w, err)
			return
		}
		var body sourceGrade
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		if match := r.Header.Get("If-Match"); match != "" {
			src, err := s.sourceOf(r.Context(), rq, id)
			if err != nil {
				writeError(w, err)
				return
			}
			if match != etag(src.Revision) {
				writeJSON(w, http.StatusPreconditionFailed, map[string]string{"error": "If-Match: the source was regraded since you read it (now " + src.Grade() + ", revision " + itoa(src.Revision) + "): reload", "code": "precondition_failed"})
				return
			}
			if body.Revision == 0 {
				body.Revision = src.Revision
			}
		}
		src, err := s.regradeSource(r.Context(), rq, id, &body)
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("ETag", etag(src.Revision))
		writeJSON(w, http.StatusCreated, src)
	}
}

// sourceForm reads the add-source form into its body.
func sourceForm(form url.Values) (*sourceCreate, error) {
	b := &sourceCreate{Title: form.Get("title"), Kind: form.Get("kind"), Publisher: form.Get("publisher"), URL: form.Get("url"), Note: form.Get("note")}
	var err error
	if b.Date, err = parley.ParseDate(strings.TrimSpace(form.Get("date"))); err != nil {
		return nil, parley.Errorf(parley.EINVALID, "date: %s", parley.ErrorMessage(err))
	}
	if b.Reliability, b.Credibility, err = parley.ParseGrade("grade:", form.Get("grade")); err != nil {
		return nil, err
	}
	return b, nil
}

// handleAddSourceForm is POST /negotiations/{id}/sources, the timeline
// page's form to add a source.
func (s *Server) handleAddSourceForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		s.timelineForm(w, r, rq, "source", []string{"title", "kind", "publisher", "url", "date", "grade", "note"}, func(form url.Values) (string, error) {
			b, err := sourceForm(form)
			if err != nil {
				return "", err
			}
			src, err := s.addSource(r.Context(), rq, b)
			if err != nil {
				return "", err
			}
			return "#source-" + itoa(src.ID), nil
		})
	}
}

// handleRegradeSourceForm is POST /negotiations/{id}/sources/{source}/grades,
// the form under each source of the timeline page. It carries the
// revision of the grade it showed; a source regraded since is not
// regraded again unseen.
func (s *Server) handleRegradeSourceForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		s.timelineForm(w, r, rq, "grade-"+r.PathValue("source"), []string{"grade", "note"}, func(form url.Values) (string, error) {
			id, err := pathID(r, "source")
			if err != nil {
				return "", err
			}
			b := &sourceGrade{Note: form.Get("note"), Revision: formInt(form, "revision")}
			if b.Reliability, b.Credibility, err = parley.ParseGrade("grade:", form.Get("grade")); err != nil {
				return "", err
			}
			if _, err := s.regradeSource(r.Context(), rq, id, b); err != nil {
				return "", err
			}
			return "#source-" + strconv.FormatInt(id, 10), nil
		})
	}
}
