package parley_test

import (
	"encoding/json"
	"testing"

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
