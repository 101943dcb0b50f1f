package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"parley"
)

// MaxBodyBytes is the largest request body the API reads: 1 MiB. Larger
// bodies get 413.
const MaxBodyBytes = 1 << 20

// writeJSON answers with a JSON document.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// writeError answers with {"error": message, "code": code} and the status
// of the code; internal errors say only "internal error".
func writeError(w http.ResponseWriter, err error) {
	noteError(w, err)
	writeJSON(w, statusOf(err), map[string]string{"error": parley.ErrorMessage(err), "code": parley.ErrorCode(err)})
}

// readJSON decodes a request body of at most MaxBodyBytes into v,
// refusing unknown fields.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return parley.Errorf(parley.ETOOLARGE, "request body over %d bytes", MaxBodyBytes)
		}
		return parley.Errorf(parley.EINVALID, "request body: %v", err)
	}
	return nil
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
