package parley_test

import (
	"strings"
	"testing"

	"parley"
)

func TestNormalizeTopic(t *testing.T) {
	for in, want := range map[string]string{
		"Army Cap": "army cap", "army-cap": "army cap", " ARMY_CAP.": "army cap", "Leaders' meeting": "leaders meeting",
		"Потолок  армии": "потолок армии", "Ліміт—армії": "ліміт армії", "--": "",
	} {
		if got := parley.NormalizeTopic(in); got != want {
			t.Errorf("NormalizeTopic(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSynonyms(t *testing.T) {
	groups, err := parley.ParseSynonyms("army-cap: army ceiling, потолок армии\n\nRU: Moscow, Россия,\nnato:\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := parley.FormatSynonyms(groups); got != "army-cap: army ceiling, потолок армии\nRU: Moscow, Россия\nnato: \n" {
		t.Fatalf("round trip = %q", got)
	}
	if err := parley.ValidateSynonyms(groups); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"army-cap army ceiling", "line 1: \"army-cap army ceiling\": want KEY: TERM"},
		{"a: Army Ceiling\nb: army-ceiling", `term "army-ceiling" is already in group 1 (a)`},
		{"a: b\nb: c", `term "b" is already in group 1 (a)`},
		{"a: --", `term "--" has no letters or digits`},
		{": x", "synonyms key is required"},
	} {
		gs, err := parley.ParseSynonyms(tt.text)
		if err == nil {
			err = parley.ValidateSynonyms(gs)
		}
		if err == nil || !strings.Contains(parley.ErrorMessage(err), tt.want) || parley.ErrorCode(err) != parley.EINVALID {
			t.Errorf("%q: error %v, want %q", tt.text, err, tt.want)
		}
	}
}
