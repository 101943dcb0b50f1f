package tlog

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"parley"
)

// Leaf headers: the first line of a leaf names its kind and format version.
const (
	VersionHeader = "parley/version/v1"
	// VersionBodyHeader heads a version leaf that also fixes the version's
	// original bytes (body-sha256); parley writes it since it keeps them.
	VersionBodyHeader = "parley/version/v2"
	EndorsementHeader = "parley/endorsement/v1"
)

// MaxLeafSize bounds an encoded leaf, in bytes.
const MaxLeafSize = 16 << 10

// maxText bounds a free-text value (a name or a label), in bytes.
const maxText = 1000

// maxPoints bounds the number of points a version leaf may claim.
const maxPoints = 10_000_000

// Entry is a decoded leaf of the log: a *VersionEntry or an *Endorsement.
type Entry interface {
	// Encode returns the canonical bytes of the leaf.
	Encode() ([]byte, error)
	isEntry()
}

// ParseEntry decodes a leaf of either kind. Like ParseVersionEntry and
// ParseEndorsement it accepts only the exact bytes Encode writes.
func ParseEntry(leaf []byte) (Entry, error) {
	header, _, _ := bytes.Cut(leaf, []byte("\n"))
	switch string(header) {
	case VersionHeader, VersionBodyHeader:
		v, err := ParseVersionEntry(leaf)
		if err != nil {
			return nil, err
		}
		return v, nil
	case EndorsementHeader:
		e, err := ParseEndorsement(leaf)
		if err != nil {
			return nil, err
		}
		return e, nil
	}
	return nil, parley.Errorf(parley.EINVALID, "leaf line 1: %s is not a known leaf kind (want %q or %q)",
		quoteCut(string(header)), VersionHeader, EndorsementHeader)
}

// VersionEntry is the leaf that records an official version: which
// negotiation and version it is, its metadata at the time it was recorded,
// and hashes that fix its text and its points.
//
// Its encoding, one "key value" line each in this order, is:
//
//	parley/version/v1
//	negotiation-id 7
//	negotiation Peace framework talks
//	version-id 42
//	label Draft 3
//	date 2025-11-20
//	status proposal
//	drafting-party Party A
//	text-sha256 <64 lower-case hex digits>
//	body-sha256 <64 lower-case hex digits>
//	points 12
//	points-sha256 <64 lower-case hex digits>
//	recorded-at 2025-11-21T10:00:00Z
//
// The body-sha256 line is in leaves headed parley/version/v2 only; the
// leaves of parley/version/v1, written before, do not fix the original
// bytes. A line whose value is empty is the key alone, with no trailing
// space.
// Text values are UTF-8 without control characters or line separators;
// they are written as they are, never escaped.
type VersionEntry struct {
	// NegotiationID is the negotiation's id, 0 when the leaf names the
	// negotiation only by Negotiation.
	NegotiationID int64
	// Negotiation is the negotiation's name, "" when NegotiationID is set
	// and the name is not recorded.
	Negotiation string
	VersionID   int64
	Label       string
	// Date is the version's date; the zero Date (unknown) is written as an
	// empty value.
	Date   parley.Date
	Status string
	// DraftingParty is the drafting party's name, "" when unknown.
	DraftingParty string
	// TextHash is the hex SHA-256 of the normalised text (parley.HashText).
	TextHash string
	// BodyHash is the hex SHA-256 of the original bytes, the body kept as
	// received; "" in a parley/version/v1 leaf.
	BodyHash   string
	PointCount int
	// PointsHash is the hex digest of the points (see PointsHash).
	PointsHash string
	// RecordedAt is when the version entered the log, kept to the second
	// in UTC: Encode drops any fraction and time zone.
	RecordedAt time.Time
}

func (*VersionEntry) isEntry() {}

// NewVersionEntry returns the entry that records v, whose body and points
// must be loaded, under the given negotiation and drafting party names. The CLI and
// the stores derive leaves only through it, so that a leaf can be derived
// again from stored data and compared byte for byte.
func NewVersionEntry(v *parley.Version, negotiation, draftingParty string, recordedAt time.Time) (*VersionEntry, error) {
	if len(v.Points) == 0 && v.PointCount > 0 {
		return nil, parley.Errorf(parley.EINVALID, "version %d: points are not loaded", v.ID)
	}
	e := &VersionEntry{
		NegotiationID: v.NegotiationID,
		Negotiation:   negotiation,
		VersionID:     v.ID,
		Label:         v.Label,
		Date:          v.Date,
		Status:        v.Status,
		DraftingParty: draftingParty,
		TextHash:      v.TextHash,
		BodyHash:      hashBytes(v.Body),
		PointCount:    len(v.Points),
		PointsHash:    PointsHash(v.Points),
		RecordedAt:    recordedAt.UTC().Truncate(time.Second),
	}
	if err := e.validate(); err != nil {
		return nil, err
	}
	return e, nil
}

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// PointsHash returns the hex SHA-256 digest of points in document order.
// For each point it hashes the length of its path key (the path tokens
// joined by "/") as a big-endian uint64, the path key, the length of its
// text as a big-endian uint64, and the text. Ordinals, labels and lines are
// left out: they follow from the text.
func PointsHash(points []parley.Point) string {
	h := sha256.New()
	var n [8]byte
	for i := range points {
		key := points[i].Key()
		binary.BigEndian.PutUint64(n[:], uint64(len(key)))
		h.Write(n[:])
		h.Write([]byte(key))
		binary.BigEndian.PutUint64(n[:], uint64(len(points[i].Text)))
		h.Write(n[:])
		h.Write([]byte(points[i].Text))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// CheckText reports whether text, a normalised text, is the text this entry
// records: whether its SHA-256 is the entry's text hash.
func (e *VersionEntry) CheckText(text string) error {
	if got := parley.HashText(text); got != e.TextHash {
		return parley.Errorf(parley.EINVALID, "the text's SHA-256 %s does not match the recorded text-sha256 %s", got, e.TextHash)
	}
	return nil
}

// validate checks every field, naming the one at fault.
func (e *VersionEntry) validate() error {
	const what = "version leaf"
	if e.NegotiationID < 0 {
		return fieldErr(what, "negotiation-id", "must not be negative")
	}
	if p := textProblem(e.Negotiation); p != "" {
		return fieldErr(what, "negotiation", "%s", p)
	}
	if e.NegotiationID == 0 && e.Negotiation == "" {
		return fieldErr(what, "negotiation", "is required when negotiation-id is 0")
	}
	if e.VersionID <= 0 {
		return fieldErr(what, "version-id", "must be a positive number")
	}
	if p := textProblem(e.Label); p != "" {
		return fieldErr(what, "label", "%s", p)
	}
	if e.Label == "" {
		return fieldErr(what, "label", "is required")
	}
	if err := e.Date.Validate(); err != nil {
		return fieldErr(what, "date", "%s", parley.ErrorMessage(err))
	}
	if !isStatus(e.Status) {
		return fieldErr(what, "status", "%s is not one of %s", quoteCut(e.Status), strings.Join(parley.Statuses, ", "))
	}
	if p := textProblem(e.DraftingParty); p != "" {
		return fieldErr(what, "drafting-party", "%s", p)
	}
	if p := hexProblem(e.TextHash); p != "" {
		return fieldErr(what, "text-sha256", "%s", p)
	}
	if p := hexProblem(e.BodyHash); e.BodyHash != "" && p != "" {
		return fieldErr(what, "body-sha256", "%s", p)
	}
	if e.PointCount < 0 || e.PointCount > maxPoints {
		return fieldErr(what, "points", "%d is out of range", e.PointCount)
	}
	if p := hexProblem(e.PointsHash); p != "" {
		return fieldErr(what, "points-sha256", "%s", p)
	}
	if e.RecordedAt.IsZero() {
		return fieldErr(what, "recorded-at", "is required")
	}
	if y := e.RecordedAt.UTC().Year(); y < 1 || y > 9999 {
		return fieldErr(what, "recorded-at", "year %d is out of range", y)
	}
	return nil
}

// Encode returns the canonical bytes of the leaf.
func (e *VersionEntry) Encode() ([]byte, error) {
	if err := e.validate(); err != nil {
		return nil, err
	}
	var w lineWriter
	if e.BodyHash == "" {
		w.line(VersionHeader)
	} else {
		w.line(VersionBodyHeader)
	}
	w.field("negotiation-id", strconv.FormatInt(e.NegotiationID, 10))
	w.field("negotiation", e.Negotiation)
	w.field("version-id", strconv.FormatInt(e.VersionID, 10))
	w.field("label", e.Label)
	w.field("date", e.Date.String())
	w.field("status", e.Status)
	w.field("drafting-party", e.DraftingParty)
	w.field("text-sha256", e.TextHash)
	if e.BodyHash != "" {
		w.field("body-sha256", e.BodyHash)
	}
	w.field("points", strconv.Itoa(e.PointCount))
	w.field("points-sha256", e.PointsHash)
	w.field("recorded-at", e.RecordedAt.UTC().Format(timeLayout))
	return w.Bytes(), nil
}

// timeLayout is RFC 3339 in UTC to the second, the only form a leaf holds.
const timeLayout = "2006-01-02T15:04:05Z"

// ParseVersionEntry decodes a version leaf. It accepts only the exact bytes
// Encode writes: any other spelling of the same facts is rejected, with an
// error naming the line and the field.
func ParseVersionEntry(leaf []byte) (*VersionEntry, error) {
	header := VersionHeader
	if bytes.HasPrefix(leaf, []byte(VersionBodyHeader+"\n")) {
		header = VersionBodyHeader
	}
	r, err := newLineReader("version leaf", leaf, header)
	if err != nil {
		return nil, err
	}
	e := &VersionEntry{}
	e.NegotiationID = r.int64("negotiation-id", 0)
	e.Negotiation = r.text("negotiation")
	e.VersionID = r.int64("version-id", 1)
	e.Label = r.text("label")
	e.Date = r.date("date")
	e.Status = r.value("status")
	e.DraftingParty = r.text("drafting-party")
	e.TextHash = r.hex("text-sha256")
	if header == VersionBodyHeader {
		e.BodyHash = r.hex("body-sha256")
	}
	e.PointCount = int(r.uint("points", maxPoints))
	e.PointsHash = r.hex("points-sha256")
	e.RecordedAt = r.time("recorded-at")
	if err := r.end(); err != nil {
		return nil, err
	}
	if err := e.validate(); err != nil {
		return nil, err
	}
	if err := sameBytes(r, e, leaf); err != nil {
		return nil, err
	}
	return e, nil
}

// sameBytes is the last line of defence of canonical parsing: the decoded
// entry must encode to the very bytes it came from.
func sameBytes(r *lineReader, e Entry, leaf []byte) error {
	again, err := e.Encode()
	if err != nil {
		return err
	}
	if bytes.Equal(again, leaf) {
		return nil
	}
	lines := strings.Split(string(again), "\n")
	for i, line := range r.lines {
		if i >= len(lines) || line != lines[i] {
			key, _, _ := strings.Cut(line, " ")
			return parley.Errorf(parley.EINVALID, "%s line %d (%s): not in canonical form", r.what, i+1, quoteCut(key))
		}
	}
	return parley.Errorf(parley.EINVALID, "%s: not in canonical form", r.what)
}

func isStatus(s string) bool {
	for _, st := range parley.Statuses {
		if s == st {
			return true
		}
	}
	return false
}

// fieldErr returns an EINVALID error naming the leaf kind and the field.
func fieldErr(what, field, format string, args ...any) error {
	return parley.Errorf(parley.EINVALID, "%s: %s %s", what, field, fmt.Sprintf(format, args...))
}

// textProblem says why a free-text value cannot be written on one line and
// read back unchanged, or returns "" when it can.
func textProblem(s string) string {
	if len(s) > maxText {
		return fmt.Sprintf("is longer than %d bytes", maxText)
	}
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Sprintf("contains the control character %U", r)
		}
	}
	return ""
}

// hexProblem says why s is not a hex SHA-256 as written in leaves (64
// lower-case digits), or returns "" when it is one.
func hexProblem(s string) string {
	if len(s) != 2*sha256.Size {
		return fmt.Sprintf("must be %d hex digits", 2*sha256.Size)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return "must be lower-case hex digits"
		}
	}
	return ""
}

// quoteCut quotes s for an error message, cut to a readable length.
func quoteCut(s string) string {
	const max = 60
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "..."
	}
	return strconv.Quote(s)
}

// lineWriter writes the lines of a leaf.
type lineWriter struct{ bytes.Buffer }

func (w *lineWriter) line(s string) {
	w.WriteString(s)
	w.WriteByte('\n')
}

// field writes "key value", or the key alone when the value is empty.
func (w *lineWriter) field(key, value string) {
	w.WriteString(key)
	if value != "" {
		w.WriteByte(' ')
		w.WriteString(value)
	}
	w.WriteByte('\n')
}

// lineReader reads the fields of a leaf in their fixed order. It keeps the
// first error and returns zero values after it, so that a parser reads as a
// list of fields and checks the error once, at the end.
type lineReader struct {
	what  string
	lines []string
	next  int // index of the next line to read; line numbers are next+1
	err   error
}

func newLineReader(what string, b []byte, header string) (*lineReader, error) {
	switch {
	case len(b) == 0:
		return nil, parley.Errorf(parley.EINVALID, "%s is empty", what)
	case len(b) > MaxLeafSize:
		return nil, parley.Errorf(parley.EINVALID, "%s is larger than %d bytes", what, MaxLeafSize)
	case b[len(b)-1] != '\n':
		return nil, parley.Errorf(parley.EINVALID, "%s does not end with a newline", what)
	}
	r := &lineReader{what: what, lines: strings.Split(string(b[:len(b)-1]), "\n")}
	if r.lines[0] != header {
		return nil, parley.Errorf(parley.EINVALID, "%s line 1: want %q, found %s", what, header, quoteCut(r.lines[0]))
	}
	r.next = 1
	return r, nil
}

func (r *lineReader) fail(key, format string, args ...any) {
	if r.err == nil {
		r.err = parley.Errorf(parley.EINVALID, "%s line %d (%s): %s", r.what, r.next, key, fmt.Sprintf(format, args...))
	}
}

// value returns the value of the next line, which must be the field key.
func (r *lineReader) value(key string) string {
	if r.err != nil {
		return ""
	}
	if r.next >= len(r.lines) {
		r.err = parley.Errorf(parley.EINVALID, "%s line %d: missing field %s", r.what, r.next+1, key)
		return ""
	}
	line := r.lines[r.next]
	r.next++
	if line == key {
		return ""
	}
	v, ok := strings.CutPrefix(line, key+" ")
	switch {
	case !ok:
		got, _, _ := strings.Cut(line, " ")
		r.err = parley.Errorf(parley.EINVALID, "%s line %d: want field %s, found %s", r.what, r.next, key, quoteCut(got))
	case v == "":
		r.fail(key, "an empty value is written without a trailing space")
	}
	return v
}

func (r *lineReader) text(key string) string {
	v := r.value(key)
	if r.err == nil {
		if p := textProblem(v); p != "" {
			r.fail(key, "%s", p)
		}
	}
	return v
}

func (r *lineReader) hex(key string) string {
	v := r.value(key)
	if r.err == nil {
		if p := hexProblem(v); p != "" {
			r.fail(key, "%s", p)
		}
	}
	return v
}

// uint reads a decimal number in canonical form: no sign, no leading zero.
func (r *lineReader) uint(key string, max uint64) uint64 {
	v := r.value(key)
	if r.err != nil {
		return 0
	}
	n, ok := parseDecimal(v)
	if !ok {
		r.fail(key, "%s is not a decimal number without leading zeros", quoteCut(v))
		return 0
	}
	if n > max {
		r.fail(key, "%d is out of range", n)
		return 0
	}
	return n
}

func (r *lineReader) int64(key string, min int64) int64 {
	n := int64(r.uint(key, math.MaxInt64))
	if r.err == nil && n < min {
		r.fail(key, "must be at least %d", min)
	}
	return n
}

func (r *lineReader) date(key string) parley.Date {
	v := r.value(key)
	if r.err != nil {
		return parley.Date{}
	}
	d, err := parley.ParseDate(v)
	if err != nil {
		r.fail(key, "%s", parley.ErrorMessage(err))
		return parley.Date{}
	}
	if d.String() != v {
		r.fail(key, "%s is not written as parley writes EDTF dates (YYYY, YYYY-MM or YYYY-MM-DD, qualifiers, X digits, seasons, intervals)", quoteCut(v))
	}
	return d
}

func (r *lineReader) time(key string) time.Time {
	v := r.value(key)
	if r.err != nil {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, v)
	if err != nil || t.Format(timeLayout) != v {
		r.fail(key, "%s is not an RFC 3339 UTC time such as 2025-11-21T10:00:00Z", quoteCut(v))
		return time.Time{}
	}
	return t
}

// base64 reads standard padded base64 of exactly n bytes.
func (r *lineReader) base64(key string, n int) []byte {
	v := r.value(key)
	if r.err != nil {
		return nil
	}
	b, ok := decodeBase64(v, n)
	if !ok {
		r.fail(key, "must be the base64 of %d bytes", n)
	}
	return b
}

// end reports the first error, or an error if lines are left over.
func (r *lineReader) end() error {
	if r.err != nil {
		return r.err
	}
	if r.next < len(r.lines) {
		return parley.Errorf(parley.EINVALID, "%s line %d: unexpected extra line %s", r.what, r.next+1, quoteCut(r.lines[r.next]))
	}
	return nil
}

// parseDecimal parses a canonical decimal number: "0" or a non-zero digit
// followed by digits, no sign, no spaces, fitting in a uint64.
func parseDecimal(s string) (uint64, bool) {
	if s == "" || len(s) > 20 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// decodeBase64 decodes standard padded base64 of exactly n bytes, accepting
// only the one canonical spelling.
func decodeBase64(s string, n int) ([]byte, bool) {
	if len(s) != base64.StdEncoding.EncodedLen(n) {
		return nil, false
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil || len(b) != n {
		return nil, false
	}
	return b, true
}
