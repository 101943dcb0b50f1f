package parley_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"parley"
)

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in, out, precision string
		ok                 bool
	}{
		{"2025", "2025", parley.PrecisionYear, true},
		{"2025-11", "2025-11", parley.PrecisionMonth, true},
		{"2025-11-20", "2025-11-20", parley.PrecisionDay, true},
		{" 2025-08-15 ", "2025-08-15", parley.PrecisionDay, true},
		{"", "", parley.PrecisionNone, true},
		{"2025-13", "", "", false},
		{"2025-02-30", "", "", false},
		{"2024-02-29", "2024-02-29", parley.PrecisionDay, true},
		{"25-11-20", "", "", false},
		{"2025-1-2", "", "", false},
		{"2025-11-20-1", "", "", false},
		{"November 2025", "", "", false},
		{"2025-00", "", "", false},    // was stored as "2025"
		{"2025-11-00", "", "", false}, // was stored as "2025-11"
		{"2025-00-00", "", "", false},
		{"2025-+5", "", "", false},
	} {
		d, err := parley.ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if err != nil {
			if parley.ErrorCode(err) != parley.EINVALID {
				t.Errorf("ParseDate(%q) code = %s, want invalid", tt.in, parley.ErrorCode(err))
			}
			continue
		}
		if d.String() != tt.out || d.Precision() != tt.precision {
			t.Errorf("ParseDate(%q) = %q (%s), want %q (%s)", tt.in, d, d.Precision(), tt.out, tt.precision)
		}
	}
}

func TestDateOrderAndJSON(t *testing.T) {
	month, day := parley.MustParseDate("2025-11"), parley.MustParseDate("2025-11-20")
	if !month.Before(day) || day.Before(month) {
		t.Fatal("a month must sort before the days in it")
	}
	b, err := json.Marshal(struct{ D parley.Date }{day})
	if err != nil || string(b) != `{"D":"2025-11-20"}` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var back struct{ D parley.Date }
	if err := json.Unmarshal(b, &back); err != nil || back.D != day {
		t.Fatalf("unmarshal = %v, %v", back.D, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"2025-99"}`), &back); err == nil {
		t.Fatal("unmarshal accepted month 99")
	}
}

// TestParseDateEDTF covers EDTF level 1: qualifiers, unknown digits,
// seasons and intervals, each read, written back the same, and placed on
// the calendar (Span); and the mistakes, each refused.
func TestParseDateEDTF(t *testing.T) {
	for _, tt := range []struct {
		in, out, precision, from, to, words string
	}{
		{"2025-11?", "2025-11?", parley.PrecisionMonth, "2025-11-01", "2025-11-30", "November 2025 (uncertain)"},
		{"2025-11~", "2025-11~", parley.PrecisionMonth, "2025-11-01", "2025-11-30", "around November 2025"},
		{"2025-11-20%", "2025-11-20%", parley.PrecisionDay, "2025-11-20", "2025-11-20", "around 20 November 2025 (uncertain)"},
		{"2025-1X", "2025-1X", parley.PrecisionYear, "2025-10-01", "2025-12-31", "October–December 2025"},
		{"2025-0X", "2025-0X", parley.PrecisionYear, "2025-01-01", "2025-09-30", "January–September 2025"},
		{"2025-11-2X", "2025-11-2X", parley.PrecisionMonth, "2025-11-20", "2025-11-29", "20–29 November 2025"},
		{"2025-02-XX", "2025-02-XX", parley.PrecisionMonth, "2025-02-01", "2025-02-28", "1–28 February 2025"},
		{"202X", "202X", parley.PrecisionYear, "2020-01-01", "2029-12-31", "2020–2029"},
		{"2025-21", "2025-21", parley.PrecisionYear, "2025-03-01", "2025-05-31", "spring 2025"},
		{"2025-24~", "2025-24~", parley.PrecisionYear, "2025-12-01", "2026-02-28", "around winter 2025"},
		{"2025-11-20/2025-11-23", "2025-11-20/2025-11-23", parley.PrecisionDay, "2025-11-20", "2025-11-23", "between 20 November 2025 and 23 November 2025"},
		{"2025-11/2026", "2025-11/2026", parley.PrecisionMonth, "2025-11-01", "2026-12-31", "between November 2025 and 2026"},
		{"../2025-11", "../2025-11", parley.PrecisionMonth, "2025-11-01", "2025-11-30", "until November 2025"},
		{"2025-11-20/..", "2025-11-20/..", parley.PrecisionDay, "2025-11-20", "2025-11-20", "from 20 November 2025 on"},
		{"/2025-11-23", "/2025-11-23", parley.PrecisionDay, "2025-11-23", "2025-11-23", "at some time until 23 November 2025"},
		{"2025-11-20?/2025-11-23~", "2025-11-20?/2025-11-23~", parley.PrecisionDay, "2025-11-20", "2025-11-23", "between 20 November 2025 (uncertain) and around 23 November 2025"},
	} {
		d, err := parley.ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		from, to, ok := d.Span()
		if d.String() != tt.out || d.Precision() != tt.precision || !ok ||
			from.Format(time.DateOnly) != tt.from || to.Format(time.DateOnly) != tt.to || d.Words() != tt.words {
			t.Errorf("ParseDate(%q) = %q (%s) spanning %s to %s (%v), %q; want %q (%s) %s to %s, %q",
				tt.in, d, d.Precision(), from.Format(time.DateOnly), to.Format(time.DateOnly), ok, d.Words(), tt.out, tt.precision, tt.from, tt.to, tt.words)
		}
		if d.Exact() {
			t.Errorf("%q is not exact", tt.in)
		}
		if err := d.Validate(); err != nil {
			t.Errorf("%q: Validate: %v", tt.in, err)
		}
		back, err := parley.ParseDate(d.String())
		if err != nil || back != d {
			t.Errorf("%q read back as %q, %v", d, back, err)
		}
	}
	for in, why := range map[string]string{
		"2025-11-23/2025-11-20": "ends before it starts",
		"/":                     "at least one end",
		"../..":                 "at least one end",
		"..":                    "open end",
		"2025/2026/2027":        "two ends",
		"X025":                  "first digit",
		"2025-2X":               "no such month",
		"2025-13":               "no such month",
		"2025-25":               "no such month",
		"2025-21-05":            "season has no day",
		"2025-02-3X":            "no such day",
		"2025-11!":              "want YYYY",
		"2025-11??":             "want YYYY",
		"2025-1":                "want YYYY",
	} {
		_, err := parley.ParseDate(in)
		if err == nil || parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(err.Error(), why) {
			t.Errorf("ParseDate(%q) = %v, want an invalid-input error saying %q", in, err, why)
		}
	}
	if !parley.MustParseDate("2025-11-20").Exact() || !parley.MustParseDate("2025").Exact() || (parley.Date{}).Exact() == false {
		t.Error("plain dates (and the unknown date) are exact")
	}
}

// TestDateCompareEDTF sorts dates of every kind: by the first day they
// may mean, the wider first, the unknown date before all.
func TestDateCompareEDTF(t *testing.T) {
	want := []string{"", "../2025-03", "2025", "2025-21", "2025-03", "2025-03-01", "2025-1X", "2025-11", "2025-11~", "2025-11-2X", "2025-11-20/2025-11-23", "2025-11-20", "2025-24", "2025-12"}
	var dates []parley.Date
	for _, s := range want {
		dates = append(dates, parley.MustParseDate(s))
	}
	shuffled := slices.Clone(dates)
	slices.Reverse(shuffled)
	shuffled[0], shuffled[5] = shuffled[5], shuffled[0]
	slices.SortStableFunc(shuffled, parley.Date.Compare)
	var got []string
	for _, d := range shuffled {
		got = append(got, d.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("sorted:\n got %q\nwant %q", got, want)
	}
	for i := range dates {
		for j := range dates {
			if c := dates[i].Compare(dates[j]); (c < 0) != (i < j) || (c == 0) != (i == j) {
				t.Errorf("Compare(%q, %q) = %d", dates[i], dates[j], c)
			}
		}
	}
}
