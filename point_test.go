package parley_test

import (
	"testing"

	"parley"
)

func TestFormatPath(t *testing.T) {
	for _, tt := range []struct {
		path []string
		want string
	}{
		{[]string{"10"}, "10"},
		{[]string{"10", "a"}, "10(a)"},
		{[]string{"2", "a", "4"}, "2(a)(4)"},
		{[]string{"3", "1"}, "3.1"},
		{[]string{"1", "2", "3"}, "1.2.3"},
		{[]string{"4", "ii"}, "4(ii)"},
		{[]string{"exhibit", "a"}, "exhibit a"},
		{[]string{"annex", "2", "1"}, "annex 2.1"},
	} {
		if got := parley.FormatPath(tt.path); got != tt.want {
			t.Errorf("FormatPath(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestVersionValidate(t *testing.T) {
	valid := func() *parley.Version {
		return &parley.Version{NegotiationID: 1, Label: "Draft", Status: parley.StatusDraft, Format: "text",
			Points: []parley.Point{{Path: []string{"1"}}, {Path: []string{"1", "a"}}, {Path: []string{"2"}}}}
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("valid version: %v", err)
	}
	for name, change := range map[string]func(*parley.Version){
		"no label":            func(v *parley.Version) { v.Label = "" },
		"two-line label":      func(v *parley.Version) { v.Label = "a\nb" },
		"unknown status":      func(v *parley.Version) { v.Status = "rumoured" },
		"no points":           func(v *parley.Version) { v.Points = nil },
		"duplicate path":      func(v *parley.Version) { v.Points[2].Path = []string{"1"} },
		"empty path token":    func(v *parley.Version) { v.Points[0].Path = []string{""} },
		"token with a slash":  func(v *parley.Version) { v.Points[0].Path = []string{"1/2"} },
		"too deep":            func(v *parley.Version) { v.Points[0].Path = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} },
		"parent given twice":  func(v *parley.Version) { v.ParentIDs = []int64{4, 4} },
		"no negotiation":      func(v *parley.Version) { v.NegotiationID = 0 },
		"impossible date":     func(v *parley.Version) { v.Date = parley.Date{Bound: parley.Bound{Year: 2025, Month: 2, Day: 31}} },
		"unknown text format": func(v *parley.Version) { v.Format = "rtf" },
	} {
		v := valid()
		change(v)
		err := v.Validate()
		if parley.ErrorCode(err) != parley.EINVALID {
			t.Errorf("%s: error = %v, want invalid", name, err)
		}
	}
}

func TestPositionValidate(t *testing.T) {
	army := &parley.Issue{Name: "Army cap", Scale: parley.ScaleNumeric, Min: 0, Max: 1e6}
	if err := army.Validate(); err != nil {
		t.Fatal(err)
	}
	res := 2e6
	for name, p := range map[string]parley.Position{
		"ideal off scale":       {PartyID: 1, Ideal: -1, ReservationVisibility: parley.VisibilityParty},
		"reservation off scale": {PartyID: 1, Ideal: 1, Reservation: &res, ReservationVisibility: parley.VisibilityParty},
		"salience over 100":     {PartyID: 1, Ideal: 1, Salience: 101, ReservationVisibility: parley.VisibilityParty},
		"no visibility":         {PartyID: 1, Ideal: 1},
		"no party":              {Ideal: 1, ReservationVisibility: parley.VisibilityParty},
	} {
		if err := p.Validate(army); parley.ErrorCode(err) != parley.EINVALID {
			t.Errorf("%s: error = %v, want invalid", name, err)
		}
	}
	nato := &parley.Issue{Name: "NATO", Scale: parley.ScaleOrdinal, Options: []string{"banned", "deferred", "open"}}
	if err := nato.Validate(); err != nil || nato.Max != 2 {
		t.Fatalf("ordinal issue: max %v, %v", nato.Max, err)
	}
	if nato.InScale(1.5) || !nato.InScale(2) {
		t.Fatal("an ordinal scale takes whole option indexes only")
	}
}
