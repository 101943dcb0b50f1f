package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"parley"
)

// Request body limits, one for each kind of route that reads a body. Each
// is well above what its purpose needs and far below what would cost the
// server; a larger body gets 413 with the limit in the message.
const (
	// MaxBodyBytes is the largest JSON body the API reads: 1 MiB.
	MaxBodyBytes = 1 << 20
	// MaxLoginFormBytes bounds the login form (a name, a password and
	// the page to go back to): 4 KiB.
	MaxLoginFormBytes = 4 << 10
	// MaxCorrectionFormBytes bounds the compare page's correction form
	// (two lists of points and a note): 64 KiB.
	MaxCorrectionFormBytes = 64 << 10
	// MaxVerifyFormBytes bounds the record page's verify form, a pasted
	// text: 2 MiB, a hundred times the 28-point plan. A longer text is
	// checked with "parley verify FILE".
	MaxVerifyFormBytes = 2 << 20
	// MaxRoundFormBytes bounds the forms of a sealed round (an issue, or
	// two values on its scale): 4 KiB.
	MaxRoundFormBytes = 4 << 10
)

// writeJSON answers with a JSON document.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// jsonWrite is an API route that writes a record: it reads the JSON body
// into a B, runs save with it and answers status with the record save
// returns, with the record's revision as its ETag where it has one (a
// revision above 0).
func jsonWrite[B, R any](status int, save func(r *http.Request, rq *request, body *B) (R, int64, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		var body B
		if err := readJSON(w, r, &body); err != nil {
			writeError(w, err)
			return
		}
		out, revision, err := save(r, rq, &body)
		if err != nil {
			writeError(w, err)
			return
		}
		if revision > 0 {
			w.Header().Set("ETag", etag(revision))
		}
		writeJSON(w, status, out)
	}
}

// writeError answers with {"error": message, "code": code} and the status
// of the code; internal errors say only "internal error".
func writeError(w http.ResponseWriter, err error) {
	err = publicError(err)
	noteError(w, err)
	writeJSON(w, statusOf(err), map[string]string{"error": parley.ErrorMessage(err), "code": parley.ErrorCode(err)})
}

// publicError turns a request body cut off at its limit (an
// *http.MaxBytesError, wherever it was read) into ETOOLARGE with the limit
// in words; writeError and fail pass every error through it, so that
// each route only has to set its limit.
func publicError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return parley.Errorf(parley.ETOOLARGE, "the request body is over the limit of %s for this request", byteSize(tooBig.Limit))
	}
	return err
}

// byteSize writes a limit for people: "1 MiB (1,048,576 bytes)".
func byteSize(n int64) string {
	digits := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB (%s bytes)", n>>20, b.String())
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB (%s bytes)", n>>10, b.String())
	}
	return b.String() + " bytes"
}

// readForm parses a form body of at most limit bytes into r.PostForm. A
// multipart body is held in memory, never in temporary files: it is
// bounded by the limit as a URL-encoded one is.
func readForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
		err = r.ParseMultipartForm(limit)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return parley.Errorf(parley.EINVALID, "the form cannot be read: %v", err)
	}
	return nil
}

// readJSON decodes a request body of at most MaxBodyBytes into v. It
// refuses, naming the field where there is one: unknown fields, a string
// that is not valid UTF-8 (or holds half of a surrogate pair), which
// encoding/json would silently replace with U+FFFD, and anything after
// the JSON value.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	return readJSONLimit(w, r, v, MaxBodyBytes)
}

// readJSONLimit is readJSON with a body of at most limit bytes.
func readJSONLimit(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return parley.Errorf(parley.EINVALID, "request body: %v", err)
	}
	if err := checkStrings(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return parley.Errorf(parley.EINVALID, "request body: unexpected data after the JSON value, at byte %d", dec.InputOffset())
	}
	return nil
}

// bodyError words a decoding error for the caller, naming the field.
func bodyError(err error) error {
	var pe *parley.Error
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &pe):
		return pe
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return parley.Errorf(parley.EINVALID, "request body: %s: want %s, got a JSON %s", typeErr.Field, jsonType(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return parley.Errorf(parley.EINVALID, "request body: not valid JSON at byte %d: %s", syntaxErr.Offset, syntaxErr.Error())
	case errors.Is(err, io.EOF):
		return parley.Errorf(parley.EINVALID, "request body: empty; want a JSON object")
	}
	// Unknown fields come as `json: unknown field "x"`, which names it.
	return parley.Errorf(parley.EINVALID, "request body: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonType names a Go kind the way a JSON client thinks of it.
func jsonType(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "true or false"
	case kind == "slice", kind == "array":
		return "a list"
	}
	return "an object"
}

// checkStrings walks a JSON document and refuses a key or string value
// whose bytes are not valid UTF-8 or that escapes half of a surrogate
// pair ("\ud800"): encoding/json turns both into U+FFFD without a word,
// and the stored text would not be what the caller sent. The message
// names the field ("claims[1].text"). Syntax errors are left to the
// decoder, which says where they are.
func checkStrings(body []byte) error {
	type frame struct {
		array   bool
		key     string // in an object: the key of the value being read
		wantKey bool   // in an object: the next string is a key
		index   int    // in an array: the index of the value being read
	}
	var stack []frame
	// path names the value being read, through the first depth frames.
	path := func(depth int) string {
		var b strings.Builder
		for _, f := range stack[:depth] {
			switch {
			case f.array:
				fmt.Fprintf(&b, "[%d]", f.index)
			case b.Len() > 0:
				b.WriteString("." + f.key)
			default:
				b.WriteString(f.key)
			}
		}
		if b.Len() == 0 {
			return "request body"
		}
		return b.String()
	}
	// done moves the enclosing container past the value just read.
	done := func() {
		if len(stack) == 0 {
			return
		}
		if top := &stack[len(stack)-1]; top.array {
			top.index++
		} else {
			top.wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or a syntax error for Decode to report
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{wantKey: true})
			case '[':
				stack = append(stack, frame{array: true})
			default:
				stack = stack[:len(stack)-1]
				done()
			}
			continue
		case string:
			raw := body[start:dec.InputOffset()]
			isKey := len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].wantKey
			if !utf8.Valid(raw) || lostSurrogate(raw, t) {
				if isKey {
					return parley.Errorf(parley.EINVALID, "%s: a field name is not valid UTF-8", path(len(stack)-1))
				}
				return parley.Errorf(parley.EINVALID, "%s: not valid UTF-8 (or half of a UTF-16 surrogate pair)", path(len(stack)))
			}
			if isKey {
				top := &stack[len(stack)-1]
				top.key, top.wantKey = t, false
				continue
			}
		}
		done()
	}
}

// lostSurrogate reports whether decoding raw, a JSON string token, put a
// U+FFFD into s that raw does not hold, written or escaped: the mark of an
// escaped half of a surrogate pair.
func lostSurrogate(raw []byte, s string) bool {
	n := strings.Count(s, "\uFFFD")
	if n == 0 {
		return false
	}
	lower := bytes.ToLower(raw)
	return n > bytes.Count(raw, []byte("\uFFFD"))+bytes.Count(lower, []byte(`\ufffd`))
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
