package web

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"parley/export"
)

// Downloads of the export formats (export.Formats) from the pages. Every
// member may download them: a version and a comparison are the shared
// record, and a negotiation's exports keep only its published part
// (export.Negotiation.Shared), whoever asks, so no party's confidential
// data leaves in a file.

// handleVersionDownload is GET /versions/{version}/export/{format}.
func (s *Server) handleVersionDownload() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		f, err := export.FindFormat(export.OfVersion, r.PathValue("format"))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		id, err := pathID(r, "version")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v, err := export.LoadVersion(r.Context(), s.Store, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := f.WriteVersion(&buf, v); err != nil {
			s.fail(w, r, fmt.Errorf("web: export version %d as %s: %w", id, f.Name, err))
			return
		}
		download(w, f, v.Version.Label, &buf)
	}
}

// handleNegotiationDownload is GET /negotiations/{id}/export/{format}.
func (s *Server) handleNegotiationDownload() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		f, err := export.FindFormat(export.OfNegotiation, r.PathValue("format"))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		n, err := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		full, err := export.LoadNegotiation(ctx, s.Store, n)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := f.WriteNegotiation(&buf, full); err != nil {
			s.fail(w, r, fmt.Errorf("web: export negotiation %d as %s: %w", n.ID, f.Name, err))
			return
		}
		download(w, f, n.Title, &buf)
	}
}

// handleCompareDownload is GET /compare/{version}/{new}/export/{format}:
// the comparison the page shows, people's corrections applied.
func (s *Server) handleCompareDownload() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		f, err := export.FindFormat(export.OfComparison, r.PathValue("format"))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		old, new, al, key, err := s.alignedPair(ctx, r, rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := f.WriteComparison(&buf, s.comparison(key, al, old, new), al); err != nil {
			s.fail(w, r, fmt.Errorf("web: export comparison %d-%d as %s: %w", old.ID, new.ID, f.Name, err))
			return
		}
		download(w, f, old.Label+" to "+new.Label, &buf)
	}
}

// download sends an export as a file named after what it holds.
func download(w http.ResponseWriter, f export.Format, name string, body *bytes.Buffer) {
	h := w.Header()
	h.Set("Content-Type", f.MediaType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, fileName(name), f.Extension))
	h.Set("Content-Length", fmt.Sprint(body.Len()))
	body.WriteTo(w)
}

var unsafeInFileName = regexp.MustCompile(`[^a-z0-9]+`)

// fileName makes a file name of a label: lower-case letters and digits
// joined by dashes ("28-point-plan"), "export" when nothing is left.
func fileName(label string) string {
	name := strings.Trim(unsafeInFileName.ReplaceAllString(strings.ToLower(label), "-"), "-")
	if len(name) > 60 {
		name = strings.TrimRight(name[:60], "-")
	}
	if name == "" {
		return "export"
	}
	return name
}
