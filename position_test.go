package parley_test

import (
	"strings"
	"testing"

	"parley"
)

func TestIssueParseValue(t *testing.T) {
	army := &parley.Issue{Name: "Army cap", Scale: parley.ScaleNumeric, Min: 0, Max: 1e6}
	nato := &parley.Issue{Name: "NATO", Scale: parley.ScaleOrdinal, Options: []string{"banned", "deferred", "open"}}
	for _, tt := range []struct {
		is   *parley.Issue
		in   string
		want float64
		err  string
	}{
		{army, "600,000", 600000, ""},
		{army, " 600 000 ", 600000, ""},
		{army, "600\u00a0000", 600000, ""},
		{army, "lots", 0, `"lots" is not a number`},
		{nato, "Deferred", 1, ""},
		{nato, "2", 2, ""},
		{nato, "sold", 0, "not one of the options (banned, deferred, open)"},
	} {
		got, err := tt.is.ParseValue(tt.in)
		if tt.err != "" {
			if parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(parley.ErrorMessage(err), tt.err) {
				t.Errorf("%s %q: error %v, want %q", tt.is.Name, tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s %q = %v, %v; want %v", tt.is.Name, tt.in, got, err, tt.want)
		}
	}
}

func TestNewestPosition(t *testing.T) {
	a := &parley.Position{ID: 1, Date: parley.MustParseDate("2025-11")}
	b := &parley.Position{ID: 2, Date: parley.MustParseDate("2025-12-01")}
	c := &parley.Position{ID: 3, Date: parley.MustParseDate("2025-12-01")}
	if got := parley.NewestPosition([]*parley.Position{b, a, c}); got != c {
		t.Fatalf("newest = %+v, want the later listed of the two on 1 December", got)
	}
	if parley.NewestPosition(nil) != nil {
		t.Fatal("newest of none is not nil")
	}
}
