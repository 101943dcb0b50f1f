package tlog_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/tlog"
)

func TestVersionEntryEncoding(t *testing.T) {
	e := sampleVersion(3)
	want := "parley/version/v1\n" +
		"negotiation-id 7\n" +
		"negotiation Peace framework talks\n" +
		"version-id 43\n" +
		"label Draft 3\n" +
		"date 2025-11-20\n" +
		"status proposal\n" +
		"drafting-party Party A\n" +
		"text-sha256 " + e.TextHash + "\n" +
		"points 12\n" +
		"points-sha256 " + e.PointsHash + "\n" +
		"recorded-at 2025-11-21T10:00:03Z\n"
	if got := string(mustEncode(t, e)); got != want {
		t.Fatalf("encoding:\n%s\nwant:\n%s", got, want)
	}
}

// A leaf that fixes the original bytes is headed v2 and carries their
// hash after the text's.
func TestVersionEntryEncodingWithBody(t *testing.T) {
	e := sampleVersion(3)
	e.BodyHash = textHash(9)
	want := "parley/version/v2\n" +
		"negotiation-id 7\n" +
		"negotiation Peace framework talks\n" +
		"version-id 43\n" +
		"label Draft 3\n" +
		"date 2025-11-20\n" +
		"status proposal\n" +
		"drafting-party Party A\n" +
		"text-sha256 " + e.TextHash + "\n" +
		"body-sha256 " + e.BodyHash + "\n" +
		"points 12\n" +
		"points-sha256 " + e.PointsHash + "\n" +
		"recorded-at 2025-11-21T10:00:03Z\n"
	if got := string(mustEncode(t, e)); got != want {
		t.Fatalf("encoding:\n%s\nwant:\n%s", got, want)
	}
	e.BodyHash = strings.ToUpper(e.BodyHash)
	if _, err := e.Encode(); err == nil || !strings.Contains(err.Error(), "body-sha256") {
		t.Fatalf("upper-case body hash: %v", err)
	}
}

func TestVersionEntryRoundTrip(t *testing.T) {
	tests := map[string]func(e *tlog.VersionEntry){
		"sample":                func(e *tlog.VersionEntry) {},
		"no negotiation name":   func(e *tlog.VersionEntry) { e.Negotiation = "" },
		"no negotiation id":     func(e *tlog.VersionEntry) { e.NegotiationID = 0 },
		"unknown date":          func(e *tlog.VersionEntry) { e.Date = parley.Date{} },
		"month date":            func(e *tlog.VersionEntry) { e.Date = parley.MustParseDate("2025-11") },
		"no drafting party":     func(e *tlog.VersionEntry) { e.DraftingParty = "" },
		"no points":             func(e *tlog.VersionEntry) { e.PointCount = 0 },
		"unicode and spaces":    func(e *tlog.VersionEntry) { e.Label = "  Projet d’accord — rév. 2 " },
		"signed status":         func(e *tlog.VersionEntry) { e.Status = parley.StatusSigned },
		"label of 1000 bytes":   func(e *tlog.VersionEntry) { e.Label = strings.Repeat("x", 1000) },
		"big ids":               func(e *tlog.VersionEntry) { e.NegotiationID, e.VersionID = 1<<63-1, 1<<62 },
		"recorded on year 9999": func(e *tlog.VersionEntry) { e.RecordedAt = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC) },
		"with the body's hash":  func(e *tlog.VersionEntry) { e.BodyHash = textHash(9) },
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			e := sampleVersion(1)
			change(e)
			leaf := mustEncode(t, e)
			got, err := tlog.ParseVersionEntry(leaf)
			if err != nil {
				t.Fatalf("parse:\n%s\n%v", leaf, err)
			}
			if !reflect.DeepEqual(got, e) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, e)
			}
			entry, err := tlog.ParseEntry(leaf)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := entry.(*tlog.VersionEntry); !ok {
				t.Fatalf("ParseEntry returned %T", entry)
			}
		})
	}
}

func TestVersionEntryEncodeNormalisesTime(t *testing.T) {
	e := sampleVersion(1)
	e.RecordedAt = time.Date(2025, 11, 21, 12, 0, 5, 987654321, time.FixedZone("CET", 3600))
	leaf := mustEncode(t, e)
	if !bytes.Contains(leaf, []byte("\nrecorded-at 2025-11-21T11:00:05Z\n")) {
		t.Fatalf("recorded-at not in UTC to the second:\n%s", leaf)
	}
}

func TestVersionEntryEncodeRejects(t *testing.T) {
	tests := []struct {
		name, field string
		change      func(e *tlog.VersionEntry)
	}{
		{"no negotiation", "negotiation", func(e *tlog.VersionEntry) { e.NegotiationID, e.Negotiation = 0, "" }},
		{"negative negotiation id", "negotiation-id", func(e *tlog.VersionEntry) { e.NegotiationID = -1 }},
		{"zero version id", "version-id", func(e *tlog.VersionEntry) { e.VersionID = 0 }},
		{"empty label", "label", func(e *tlog.VersionEntry) { e.Label = "" }},
		{"label with newline", "label", func(e *tlog.VersionEntry) { e.Label = "a\nversion-id 9" }},
		{"label with tab", "label", func(e *tlog.VersionEntry) { e.Label = "a\tb" }},
		{"label with line separator", "label", func(e *tlog.VersionEntry) { e.Label = "a\u2028b" }},
		{"label too long", "label", func(e *tlog.VersionEntry) { e.Label = strings.Repeat("x", 1001) }},
		{"label not UTF-8", "label", func(e *tlog.VersionEntry) { e.Label = "a\xffb" }},
		{"party with CR", "drafting-party", func(e *tlog.VersionEntry) { e.DraftingParty = "A\r" }},
		{"negotiation with NUL", "negotiation", func(e *tlog.VersionEntry) { e.Negotiation = "x\x00" }},
		{"bad date", "date", func(e *tlog.VersionEntry) { e.Date = parley.Date{Bound: parley.Bound{Year: 2025, Month: 2, Day: 30}} }},
		{"bad status", "status", func(e *tlog.VersionEntry) { e.Status = "final" }},
		{"short text hash", "text-sha256", func(e *tlog.VersionEntry) { e.TextHash = "abc" }},
		{"upper-case text hash", "text-sha256", func(e *tlog.VersionEntry) { e.TextHash = strings.ToUpper(e.TextHash) }},
		{"bad points hash", "points-sha256", func(e *tlog.VersionEntry) { e.PointsHash = "" }},
		{"negative points", "points", func(e *tlog.VersionEntry) { e.PointCount = -1 }},
		{"no recorded-at", "recorded-at", func(e *tlog.VersionEntry) { e.RecordedAt = time.Time{} }},
		{"recorded in year 10000", "recorded-at", func(e *tlog.VersionEntry) { e.RecordedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := sampleVersion(1)
			tt.change(e)
			_, err := e.Encode()
			if err == nil {
				t.Fatal("encoded")
			}
			if parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("error %q does not name the field %s", err, tt.field)
			}
		})
	}
}

// TestParseVersionEntryRejects feeds leaves that differ from a canonical
// one in one detail; each must be rejected with an error naming the field
// or line.
func TestParseVersionEntryRejects(t *testing.T) {
	valid := string(mustEncode(t, sampleVersion(1)))
	replace := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("sample leaf has no %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	tests := []struct {
		name, leaf, want string
	}{
		{"empty", "", "empty"},
		{"no final newline", strings.TrimSuffix(valid, "\n"), "newline"},
		{"CRLF", strings.ReplaceAll(valid, "\n", "\r\n"), "line 1"},
		{"wrong header", replace("parley/version/v1", "parley/version/v3"), "line 1"},
		{"v2 header without body hash", replace("parley/version/v1", tlog.VersionBodyHeader), "body-sha256"},
		{"leading zero", replace("negotiation-id 7", "negotiation-id 07"), "negotiation-id"},
		{"plus sign", replace("version-id 41", "version-id +41"), "version-id"},
		{"version id zero", replace("version-id 41", "version-id 0"), "version-id"},
		{"id overflows", replace("version-id 41", "version-id 99999999999999999999"), "version-id"},
		{"trailing space", replace("label Draft 1", "label Draft 1 \nx"), "line"},
		{"empty value with space", replace("drafting-party Party A", "drafting-party "), "drafting-party"},
		{"tab in value", replace("label Draft 1", "label Draft\t1"), "label"},
		{"missing line", replace("status proposal\n", ""), "status"},
		{"lines swapped", replace("label Draft 1\ndate 2025-11-20", "date 2025-11-20\nlabel Draft 1"), "line 5"},
		{"duplicate line", replace("label Draft 1\n", "label Draft 1\nlabel Draft 1\n"), "date"},
		{"extra line", valid + "note hello\n", "extra line"},
		{"blank line at end", valid + "\n", "extra line"},
		{"key with two spaces", replace("status proposal", "status  proposal"), "status"},
		{"short date", replace("date 2025-11-20", "date 2025-1-20"), "date"},
		{"impossible date", replace("date 2025-11-20", "date 2025-02-30"), "date"},
		{"date with spaces", replace("date 2025-11-20", "date  2025-11-20"), "date"},
		{"unknown status", replace("status proposal", "status final"), "status"},
		{"upper-case hash", replace("text-sha256 "+textHash(1), "text-sha256 "+strings.ToUpper(textHash(1))), "text-sha256"},
		{"short hash", replace("text-sha256 "+textHash(1), "text-sha256 "+textHash(1)[2:]), "text-sha256"},
		{"negative points", replace("points 12", "points -12"), "points"},
		{"points overflow", replace("points 12", "points 18446744073709551616"), "points"},
		{"fractional seconds", replace("2025-11-21T10:00:01Z", "2025-11-21T10:00:01.5Z"), "recorded-at"},
		{"time zone offset", replace("2025-11-21T10:00:01Z", "2025-11-21T11:00:01+01:00"), "recorded-at"},
		{"lower-case z", replace("2025-11-21T10:00:01Z", "2025-11-21T10:00:01z"), "recorded-at"},
		{"no negotiation at all", replace("negotiation-id 7\nnegotiation Peace framework talks", "negotiation-id 0\nnegotiation"), "negotiation"},
		{"endorsement header", replace("parley/version/v1", tlog.EndorsementHeader), "line 1"},
		{"too large", valid + strings.Repeat("x", tlog.MaxLeafSize), "larger"},
		{"invalid UTF-8 in label", replace("label Draft 1", "label Draft \xff"), "label"},
		{"C1 control in label", replace("label Draft 1", "label Draft \u0085"), "label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tlog.ParseVersionEntry([]byte(tt.leaf))
			if err == nil {
				t.Fatalf("accepted:\n%s", tt.leaf)
			}
			if parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
			if _, err := tlog.ParseEntry([]byte(tt.leaf)); err == nil {
				t.Fatal("ParseEntry accepted it")
			}
		})
	}
}

func TestNewVersionEntry(t *testing.T) {
	text := "1. First point.\n2. Second point.\n"
	v := &parley.Version{
		ID: 42, NegotiationID: 7, Label: "Draft 3", Date: parley.MustParseDate("2025-11-20"),
		Status: parley.StatusAgreed, Text: text, TextHash: parley.HashText(text), Body: []byte("1. First point.\r\n2. Second point.\r\n"),
		Points: []parley.Point{
			{Path: []string{"1"}, Label: "1.", Text: "First point."},
			{Path: []string{"2"}, Label: "2.", Text: "Second point."},
		},
	}
	at := time.Date(2025, 11, 21, 10, 0, 0, 123, time.UTC)
	e, err := tlog.NewVersionEntry(v, "Peace talks", "Party A", at)
	if err != nil {
		t.Fatal(err)
	}
	if e.PointCount != 2 || e.VersionID != 42 || e.TextHash != v.TextHash || !e.RecordedAt.Equal(at.Truncate(time.Second)) {
		t.Fatalf("entry %+v", e)
	}
	if err := e.CheckText(text); err != nil {
		t.Fatalf("CheckText of the version's own text: %v", err)
	}
	if sum := sha256.Sum256(v.Body); e.BodyHash != hex.EncodeToString(sum[:]) {
		t.Fatalf("body hash %s, want the SHA-256 of the original bytes", e.BodyHash)
	}
	leaf := mustEncode(t, e)
	v.Body = append(v.Body, ' ')
	other, err := tlog.NewVersionEntry(v, "Peace talks", "Party A", at)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(mustEncode(t, other), leaf) {
		t.Fatal("a changed body gives the same leaf")
	}
	if err := e.CheckText(text + " "); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Fatalf("CheckText of another text: %v", err)
	}

	// The points digest depends on every path and text, and on their order.
	base := tlog.PointsHash(v.Points)
	changes := map[string][]parley.Point{
		"text changed":      {{Path: []string{"1"}, Text: "First point!"}, {Path: []string{"2"}, Text: "Second point."}},
		"path changed":      {{Path: []string{"1"}, Text: "First point."}, {Path: []string{"3"}, Text: "Second point."}},
		"order changed":     {{Path: []string{"2"}, Text: "Second point."}, {Path: []string{"1"}, Text: "First point."}},
		"text moved across": {{Path: []string{"1"}, Text: "First point.Second"}, {Path: []string{"2"}, Text: " point."}},
		"point dropped":     {{Path: []string{"1"}, Text: "First point."}},
		"path and text run": {{Path: []string{"1", "F"}, Text: "irst point."}, {Path: []string{"2"}, Text: "Second point."}},
	}
	for name, points := range changes {
		if tlog.PointsHash(points) == base {
			t.Errorf("%s: same points digest", name)
		}
	}

	v.Points, v.PointCount = nil, 2
	if _, err := tlog.NewVersionEntry(v, "Peace talks", "Party A", at); err == nil {
		t.Error("NewVersionEntry accepted a version without its points")
	}
}

func TestParseEntryUnknownKind(t *testing.T) {
	for _, leaf := range []string{"", "\n", "parley/party/v1\nname x\n", "hello"} {
		if _, err := tlog.ParseEntry([]byte(leaf)); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("ParseEntry(%q) = %v", leaf, err)
		}
	}
}
