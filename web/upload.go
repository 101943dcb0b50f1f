package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"parley"
	"parley/imports"
	"parley/ingest"
	"parley/segment"
)

// Limits of a version added from the browser or the API. A longer text,
// up to ingest.MaxBytes (32 MiB), is imported with "parley import".
const (
	// MaxUploadBytes is the largest text or file added over HTTP: 8 MiB,
	// several hundred times a long treaty, a fourth of ingest.MaxBytes.
	MaxUploadBytes = 8 << 20
	// MaxVersionBodyBytes bounds the body of the upload form, of its
	// preview's save form (which carries the file in base64, a third
	// larger) and of POST /api/v1/negotiations/{id}/versions: 11 MiB.
	MaxVersionBodyBytes = 11 << 20
)

// versionInput is what a caller gives to add a version, from the form,
// the preview's save form, or the API.
type versionInput struct {
	Name      string // the file's name, for messages and the format
	Format    string // an ingest format, or "" to detect it
	Body      []byte
	Label     string
	Date      string
	Status    string
	Venue     string
	Document  string
	PartyID   int64
	ParentIDs []int64
	SourceID  int64
	// A new source, or an existing one by title: title, kind and grade.
	SourceTitle, SourceKind, SourceGrade string
	// JSON says the fields came as the API's JSON, whose names for the
	// party, parents, source and text differ from the form's.
	JSON bool
}

// field names a field as the caller sent it: the form's name, or the
// JSON body's.
func (in *versionInput) field(form, json string) string {
	if in.JSON {
		return json
	}
	return form
}

// versionDraft is a version read and checked, not yet stored.
type versionDraft struct {
	in        *versionInput
	version   *parley.Version
	warnings  []segment.Warning
	newSource *parley.Source
	// gradeField is "source_grade" where the caller graded newSource.
	gradeField string
}

// checkVersion checks everything the caller gave, reads the text with
// ingest.Read and refuses a text the negotiation already holds; nothing is
// stored. Every error names the field at fault.
func (s *Server) checkVersion(ctx context.Context, rq *request, in *versionInput) (*versionDraft, error) {
	m := rq.member
	if in.PartyID == 0 && m.Role == parley.RoleDelegate {
		in.PartyID = m.PartyID
	}
	if err := parley.MayAddVersion(m, in.PartyID); err != nil {
		if m.Role == parley.RoleDelegate {
			return nil, parley.Errorf(parley.ErrorCode(err), "%s: %s", in.field("party", "party_id"), parley.ErrorMessage(err))
		}
		return nil, err
	}
	in.Label = strings.TrimSpace(in.Label)
	if in.Label == "" {
		return nil, parley.Errorf(parley.EINVALID, "label: required, such as \"counter-draft of 3 May\"")
	}
	date, err := parley.ParseDate(in.Date)
	if err != nil {
		return nil, parley.Errorf(parley.EINVALID, "date: %s", parley.ErrorMessage(err))
	}
	if in.Status == "" {
		in.Status = parley.StatusDraft
	}
	if !slices.Contains(parley.Statuses, in.Status) {
		return nil, parley.Errorf(parley.EINVALID, "status: %q is not one of %s", in.Status, strings.Join(parley.Statuses, ", "))
	}
	if in.Format != "" && !slices.Contains(ingest.Formats, in.Format) {
		return nil, parley.Errorf(parley.EINVALID, "format: %q is not one of %s", in.Format, strings.Join(ingest.Formats, ", "))
	}
	if in.PartyID != 0 {
		parties, err := s.Store.ListParties(ctx, rq.negotiationID)
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(parties, func(p *parley.Party) bool { return p.ID == in.PartyID }) {
			return nil, parley.Errorf(parley.EINVALID, "%s: %d is not a party of this negotiation", in.field("party", "party_id"), in.PartyID)
		}
	}
	if err := imports.CheckParents(ctx, s.Store, rq.negotiationID, in.field("parents", "parent_ids")+": version", in.ParentIDs); err != nil {
		return nil, err
	}
	d := &versionDraft{in: in}
	switch {
	case in.SourceID != 0 && in.SourceTitle != "":
		return nil, parley.Errorf(parley.EINVALID, "%s, source_title: choose a source or name a new one, not both", in.field("source", "source_id"))
	case in.SourceID != 0:
		sources, err := s.Store.ListSources(ctx, rq.negotiationID)
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(sources, func(src *parley.Source) bool { return src.ID == in.SourceID }) {
			return nil, parley.Errorf(parley.EINVALID, "%s: %d is not a source of this negotiation", in.field("source", "source_id"), in.SourceID)
		}
	case strings.TrimSpace(in.SourceTitle) != "":
		src := &parley.Source{Title: strings.TrimSpace(in.SourceTitle), Kind: in.SourceKind}
		if src.Kind == "" {
			src.Kind = parley.SourcePress
		}
		if !slices.Contains(parley.SourceKinds, src.Kind) {
			return nil, parley.Errorf(parley.EINVALID, "source_kind: %q is not one of %s", src.Kind, strings.Join(parley.SourceKinds, ", "))
		}
		// No grade: a new source is graded F6 (cannot be judged), and one
		// found by its title keeps its grade.
		grade := strings.TrimSpace(in.SourceGrade)
		if grade != "" {
			d.gradeField = "source_grade"
		} else {
			grade = "F6"
		}
		if src.Reliability, src.Credibility, err = parley.ParseGrade("source_grade:", grade); err != nil {
			return nil, err
		}
		if err := src.Validate(); err != nil {
			return nil, parley.Errorf(parley.EINVALID, "source_title: %s", parley.ErrorMessage(err))
		}
		d.newSource = src
	}
	if strings.TrimSpace(in.Document) != "" {
		if err := (&parley.Document{Title: in.Document}).Validate(); err != nil {
			return nil, parley.Errorf(parley.EINVALID, "document: %s", parley.ErrorMessage(err))
		}
	}
	switch {
	case len(in.Body) == 0:
		return nil, parley.Errorf(parley.EINVALID, "%s: choose a file or paste the text", in.field("file", "text"))
	case len(in.Body) > MaxUploadBytes:
		return nil, parley.Errorf(parley.ETOOLARGE, "%s: %s is over the limit of %s for a text added over HTTP; import it with \"parley import\"", in.field("file", "text"), in.Name, byteSize(MaxUploadBytes))
	}
	release, err := s.admitText(ctx)
	if err != nil {
		return nil, err
	}
	doc, err := ingest.Read(in.Name, in.Body, in.Format)
	release()
	if err != nil {
		return nil, err
	}
	v := &parley.Version{
		NegotiationID: rq.negotiationID, Label: in.Label, Date: date, Status: in.Status, Venue: strings.TrimSpace(in.Venue),
		PartyID: in.PartyID, ParentIDs: in.ParentIDs,
		Format: doc.Format, Body: doc.Body, Text: doc.Text, Preamble: doc.Preamble, Points: doc.Points,
	}
	if err := v.Validate(); err != nil {
		return nil, err
	}
	old, err := imports.SameText(ctx, s.Store, rq.negotiationID, v.Text)
	if err != nil {
		return nil, err
	}
	if old != nil {
		return nil, parley.Errorf(parley.ECONFLICT, "the same text is already version %d (%q) of this negotiation; nothing stored", old.ID, old.Label)
	}
	d.version, d.warnings = v, doc.Warnings
	return d, nil
}

// saveVersion stores a checked version in one transaction: the document
// and a new source it needs, the version, and the stances carried to it
// from its parents; a text stored meanwhile by someone else is refused.
// The store audits each write under the caller.
func (s *Server) saveVersion(ctx context.Context, d *versionDraft) ([]*parley.Stance, error) {
	v := d.version
	var carried []*parley.Stance
	err := s.Store.InTx(ctx, func(tx parley.Store) error {
		doc, _, err := imports.Document(ctx, tx, v.NegotiationID, "document", d.in.Document)
		if err != nil {
			return err
		}
		v.DocumentID = doc.ID
		switch {
		case d.in.SourceID != 0:
			v.SourceIDs = []int64{d.in.SourceID}
		case d.newSource != nil:
			id, _, err := imports.Source(ctx, tx, v.NegotiationID, d.newSource, d.gradeField)
			if err != nil {
				return err
			}
			v.SourceIDs = []int64{id}
		}
		carried, err = imports.Save(ctx, tx, v, true)
		return err
	})
	return carried, err
}

// versionForm reads the fields of the upload form (and of the API's
// multipart body) other than the text.
func versionForm(form url.Values) (*versionInput, error) {
	in := &versionInput{
		Format: form.Get("format"), Label: form.Get("label"), Date: form.Get("date"), Status: form.Get("status"),
		Venue: form.Get("venue"), Document: form.Get("document"),
		SourceTitle: form.Get("source_title"), SourceKind: form.Get("source_kind"), SourceGrade: form.Get("source_grade"),
	}
	var err error
	if in.PartyID, err = formID(form, "party"); err != nil {
		return nil, err
	}
	if in.SourceID, err = formID(form, "source"); err != nil {
		return nil, err
	}
	for _, p := range form["parents"] {
		for _, f := range strings.FieldsFunc(p, func(r rune) bool { return r == ',' || r == ' ' }) {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil || id <= 0 {
				return nil, parley.Errorf(parley.EINVALID, "parents: %q is not a version id", f)
			}
			in.ParentIDs = append(in.ParentIDs, id)
		}
	}
	return in, nil
}

// formID reads an optional id field: empty is 0.
func formID(form url.Values, name string) (int64, error) {
	s := strings.TrimSpace(form.Get(name))
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, parley.Errorf(parley.EINVALID, "%s: %q is not an id", name, s)
	}
	return id, nil
}

// uploadedText reads the text of the upload form: a file, or a pasted
// text, not both.
func uploadedText(r *http.Request) (name string, body []byte, err error) {
	pasted := r.PostForm.Get("text")
	var fileName string
	var file []byte
	if r.MultipartForm != nil && len(r.MultipartForm.File["file"]) > 0 {
		fh := r.MultipartForm.File["file"][0]
		if fh.Size > 0 || fh.Filename != "" {
			if fh.Size > MaxUploadBytes {
				return "", nil, parley.Errorf(parley.ETOOLARGE, "file: %s is over the limit of %s for a text added over HTTP; import it with \"parley import\"", fh.Filename, byteSize(MaxUploadBytes))
			}
			f, err := fh.Open()
			if err != nil {
				return "", nil, parley.Errorf(parley.EINVALID, "file: cannot be read: %v", err)
			}
			defer f.Close()
			if file, err = io.ReadAll(f); err != nil {
				return "", nil, parley.Errorf(parley.EINVALID, "file: cannot be read: %v", err)
			}
			fileName = fh.Filename
		}
	}
	switch {
	case len(file) > 0 && strings.TrimSpace(pasted) != "":
		return "", nil, parley.Errorf(parley.EINVALID, "file, text: choose a file or paste a text, not both")
	case len(file) > 0:
		return fileName, file, nil
	case fileName != "":
		return "", nil, parley.Errorf(parley.EINVALID, "file: %s is empty", fileName)
	case strings.TrimSpace(pasted) != "":
		return "pasted text", []byte(pasted), nil
	}
	return "", nil, parley.Errorf(parley.EINVALID, "file: choose a file or paste the text")
}

// The preview carries the text to the save form in a hidden field, in
// base64, with a MAC over it: the text stored is then the text
// previewed, byte for byte, with no copy kept on the server between the
// two steps and without trusting the page to send it back unchanged. The
// key is derived from the caller's session token, which the browser sends
// with both requests (and which its scripts cannot read: the cookie is
// HttpOnly), so that any instance of the server can check it, a preview
// cannot be replayed in another session, negotiation or by another
// user, and it lapses with the session. Only the session's own holder
// could forge one, and it could as well upload that text outright.
func previewMAC(r *http.Request, rq *request, name, format string, body []byte) string {
	// The token identify took: the bearer token, else the cookie.
	token := ""
	if _, rest, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok {
		token = strings.TrimSpace(rest)
	} else if c, err := r.Cookie(CookieName); err == nil {
		token = c.Value
	}
	key := hmac.New(sha256.New, []byte(token))
	key.Write([]byte("parley upload preview v1"))
	mac := hmac.New(sha256.New, key.Sum(nil))
	sum := sha256.Sum256(body)
	mac.Write([]byte(strconv.FormatInt(rq.caller.user.ID, 10) + "\n" + strconv.FormatInt(rq.negotiationID, 10) + "\n" + name + "\n" + format + "\n" + hex.EncodeToString(sum[:])))
	return hex.EncodeToString(mac.Sum(nil))
}

// pointPreview is a point as the preview lists it.
type pointPreview struct {
	Path, Label, Words string
	Depth              int
}

// firstWords gives the first n words of a point, with an ellipsis when
// there are more.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return strings.Join(f, " ")
	}
	return strings.Join(f[:n], " ") + " …"
}

// handlePreviewForm is POST /negotiations/{id}/versions/preview, step one
// of adding a version from the browser: the text is read and segmented
// and its points and the segmenter's warnings are shown, with a form to
// save it; nothing is stored.
func (s *Server) handlePreviewForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		if err := readForm(w, r, MaxVersionBodyBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		in, err := versionForm(r.PostForm)
		if err == nil {
			in.Name, in.Body, err = uploadedText(r)
		}
		var d *versionDraft
		if err == nil {
			d, err = s.checkVersion(ctx, rq, in)
		}
		if err != nil {
			s.refusePreview(w, r, rq, err)
			return
		}
		s.renderPreview(w, r, rq, d)
	}
}

// refusePreview shows the negotiation page again with the upload form
// open, the error above it and the fields as sent; an internal error gets
// the error page.
func (s *Server) refusePreview(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	err = publicError(err)
	data, derr := s.negotiationPage(r.Context(), rq)
	if derr != nil || parley.ErrorCode(err) == parley.EINTERNAL || parley.ErrorCode(err) == "" {
		s.fail(w, r, err)
		return
	}
	f, ok := data["Upload"].(*uploadForm)
	if !ok { // no form for this caller: an observer
		s.fail(w, r, err)
		return
	}
	noteError(w, err)
	f.Error, f.Values = parley.ErrorMessage(err), r.PostForm
	if f.Values == nil {
		f.Values = url.Values{}
	}
	s.render(w, r, "negotiation.html", statusOf(err), data)
}

func (s *Server) renderPreview(w http.ResponseWriter, r *http.Request, rq *request, d *versionDraft) {
	ctx := r.Context()
	var l loader
	n := load(&l, func() (*parley.Negotiation, error) { return s.Store.FindNegotiationByID(ctx, rq.negotiationID) })
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, rq.negotiationID) })
	if l.err != nil {
		s.fail(w, r, l.err)
		return
	}
	v := d.version
	points := make([]pointPreview, 0, len(v.Points))
	for _, p := range v.Points {
		points = append(points, pointPreview{Path: parley.FormatPath(p.Path), Label: p.Label, Words: firstWords(strings.TrimSpace(p.Heading+" "+p.Text), 12), Depth: p.Depth()})
	}
	parents := make([]string, 0, len(v.ParentIDs))
	for _, id := range v.ParentIDs {
		parents = append(parents, itoa(id))
	}
	in := d.in
	hidden := []struct{ Name, Value string }{
		{"label", in.Label}, {"date", in.Date}, {"status", in.Status}, {"venue", in.Venue}, {"document", in.Document},
		{"party", idString(in.PartyID)}, {"parents", strings.Join(parents, ",")}, {"source", idString(in.SourceID)},
		{"source_title", in.SourceTitle}, {"source_kind", in.SourceKind}, {"source_grade", in.SourceGrade},
		{"name", in.Name}, {"format", in.Format}, {"body", base64.StdEncoding.EncodeToString(in.Body)},
		{"mac", previewMAC(r, rq, in.Name, in.Format, in.Body)},
	}
	s.render(w, r, "upload.html", http.StatusOK, map[string]any{
		"Title": "Preview: " + v.Label, "Negotiation": n, "Version": v, "Party": partyCode(parties, v.PartyID),
		"Name": in.Name, "Points": points, "Warnings": d.warnings, "Hidden": hidden, "Summary": pointCount(v.Points),
	})
}

func idString(id int64) string {
	if id == 0 {
		return ""
	}
	return itoa(id)
}

// pointCount says how many points there are, and at how many depths.
func pointCount(points []parley.Point) string {
	depth := 0
	for _, p := range points {
		depth = max(depth, p.Depth())
	}
	s := itoa(int64(len(points))) + " points"
	if len(points) == 1 {
		s = "1 point"
	}
	if depth > 1 {
		s += " on " + itoa(int64(depth)) + " levels"
	}
	return s
}

// handleAddVersionForm is POST /negotiations/{id}/versions, step two: the
// text previewed (checked against its MAC) is read again with the same
// fields, checked again, and stored; the browser goes on to the compare
// with the first parent, or to the version when it has none.
func (s *Server) handleAddVersionForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		if err := readForm(w, r, MaxVersionBodyBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		in, err := versionForm(r.PostForm)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		in.Name = r.PostForm.Get("name")
		body, err := base64.StdEncoding.DecodeString(r.PostForm.Get("body"))
		if err != nil || len(body) == 0 {
			s.fail(w, r, parley.Errorf(parley.EINVALID, "body: the previewed text is missing or damaged: upload it again"))
			return
		}
		in.Body = body
		want := previewMAC(r, rq, in.Name, in.Format, in.Body)
		if !hmac.Equal([]byte(want), []byte(r.PostForm.Get("mac"))) {
			s.fail(w, r, parley.Errorf(parley.EINVALID, "mac: this is not the text previewed in this session: upload it again"))
			return
		}
		d, err := s.checkVersion(ctx, rq, in)
		if err == nil {
			_, err = s.saveVersion(ctx, d)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v := d.version
		if len(v.ParentIDs) > 0 {
			http.Redirect(w, r, "/compare/"+itoa(v.ParentIDs[0])+"/"+itoa(v.ID), http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/versions/"+itoa(v.ID), http.StatusSeeOther)
	}
}

// versionBody is the JSON body of POST /api/v1/negotiations/{id}/versions:
// the text as "text", or any file (Word, PDF) as "body_base64" with its
// "name".
type versionBody struct {
	Text        string  `json:"text"`
	BodyBase64  string  `json:"body_base64"`
	Name        string  `json:"name"`
	Format      string  `json:"format"`
	Label       string  `json:"label"`
	Date        string  `json:"date"`
	Status      string  `json:"status"`
	Venue       string  `json:"venue"`
	Document    string  `json:"document"`
	PartyID     int64   `json:"party_id"`
	ParentIDs   []int64 `json:"parent_ids"`
	SourceID    int64   `json:"source_id"`
	SourceTitle string  `json:"source_title"`
	SourceKind  string  `json:"source_kind"`
	SourceGrade string  `json:"source_grade"`
}

// apiAddVersion is POST /api/v1/negotiations/{id}/versions: add a version,
// as the upload form does, from JSON or from a multipart form (the form's
// fields, with the text as "file" or "text"). With ?preview=true nothing
// is stored and the answer shows the points and warnings. A delegate adds
// versions drafted by its own party only; observers none.
func (s *Server) apiAddVersion() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		in, err := readVersionRequest(w, r)
		if err != nil {
			writeError(w, err)
			return
		}
		for _, id := range in.ParentIDs {
			if id <= 0 {
				writeError(w, parley.Errorf(parley.EINVALID, "parent_ids: %d is not a version id", id))
				return
			}
		}
		d, err := s.checkVersion(ctx, rq, in)
		if err != nil {
			writeError(w, err)
			return
		}
		preview := r.URL.Query().Get("preview") == "true"
		var carried []*parley.Stance
		if !preview {
			if carried, err = s.saveVersion(ctx, d); err != nil {
				writeError(w, err)
				return
			}
		}
		v := d.version
		out := map[string]any{"version": v, "points": len(v.Points), "warnings": nonNilWarnings(d.warnings), "carried_stances": len(carried), "stored": !preview}
		status := http.StatusCreated
		if preview {
			status = http.StatusOK
		} else {
			w.Header().Set("Location", "/api/v1/versions/"+itoa(v.ID))
		}
		writeJSON(w, status, out)
	}
}

func nonNilWarnings(ws []segment.Warning) []segment.Warning {
	if ws == nil {
		return []segment.Warning{}
	}
	return ws
}

// readVersionRequest reads the API's body, JSON or multipart.
func readVersionRequest(w http.ResponseWriter, r *http.Request) (*versionInput, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" || ct == "application/x-www-form-urlencoded" {
		if err := readForm(w, r, MaxVersionBodyBytes); err != nil {
			return nil, err
		}
		in, err := versionForm(r.PostForm)
		if err != nil {
			return nil, err
		}
		in.Name, in.Body, err = uploadedText(r)
		return in, err
	}
	var b versionBody
	if err := readJSONLimit(w, r, &b, MaxVersionBodyBytes); err != nil {
		return nil, err
	}
	in := &versionInput{
		Name: b.Name, Format: b.Format, Label: b.Label, Date: b.Date, Status: b.Status, Venue: b.Venue, Document: b.Document,
		PartyID: b.PartyID, ParentIDs: b.ParentIDs, SourceID: b.SourceID,
		SourceTitle: b.SourceTitle, SourceKind: b.SourceKind, SourceGrade: b.SourceGrade, JSON: true,
	}
	switch {
	case b.Text != "" && b.BodyBase64 != "":
		return nil, parley.Errorf(parley.EINVALID, "text, body_base64: give one, not both")
	case b.BodyBase64 != "":
		body, err := base64.StdEncoding.DecodeString(b.BodyBase64)
		if err != nil {
			return nil, parley.Errorf(parley.EINVALID, "body_base64: not base64: %v", err)
		}
		in.Body = body
	default:
		in.Body = []byte(b.Text)
	}
	if in.Name == "" {
		in.Name = "text"
	}
	if len(in.Body) == 0 {
		return nil, parley.Errorf(parley.EINVALID, "text: required (or body_base64 with name)")
	}
	return in, nil
}

// uploadForm is the data of the form on the negotiation page that adds a
// version: the parties the caller may name as drafting, the versions that
// may be parents (the newest first, and checked), the sources.
type uploadForm struct {
	Parties     []*parley.Party
	Versions    []*parley.Version
	Sources     []*parley.Source
	Statuses    []string
	SourceKinds []string
	Formats     []string
	Today       string
	MaxSize     string
	// Error and Values are a refused preview's message and the fields
	// sent, shown again with the form open (a file must be chosen again:
	// browsers fill no file field).
	Error  string
	Values url.Values
}

// Value is the field's value sent, or def when the form is fresh.
func (f *uploadForm) Value(name, def string) string {
	if f.Values == nil {
		return def
	}
	return f.Values.Get(name)
}

// Chosen says whether the option value of the select name was sent, or
// is the default (first) one of a fresh form.
func (f *uploadForm) Chosen(name, value string, first bool) bool {
	if f.Values == nil {
		return first
	}
	for _, v := range f.Values[name] {
		for _, one := range strings.Split(v, ",") {
			if strings.TrimSpace(one) == value {
				return true
			}
		}
	}
	return false
}

func uploadFormData(m *parley.Member, parties []*parley.Party, versions []*parley.Version, sources []*parley.Source, now time.Time) *uploadForm {
	f := &uploadForm{Sources: sources, Statuses: parley.Statuses, SourceKinds: parley.SourceKinds, Formats: ingest.Formats,
		Today: now.Format("2006-01-02"), MaxSize: byteSize(MaxUploadBytes)}
	for _, p := range parties {
		if parley.MayAddVersion(m, p.ID) == nil {
			f.Parties = append(f.Parties, p)
		}
	}
	f.Versions = slices.Clone(versions)
	slices.Reverse(f.Versions)
	return f
}
