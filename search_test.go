package parley_test

import (
	"fmt"
	"testing"

	"parley"
)

func TestParseSearch(t *testing.T) {
	for _, tt := range []struct {
		query, want string
	}{
		{"Ceasefire", "[{[ceasefire] false false}]"},
		{"  army   CAP ", "[{[army] false false} {[cap] false false}]"},
		{`"Line of contact" -Crimea`, "[{[line of contact] true false} {[crimea] false true}]"},
		{"Перемирие вибори", "[{[перемирие] false false} {[вибори] false false}]"},
		{"red-line 10(a)", "[{[red] false false} {[line] false false} {[10] false false} {[a] false false}]"},
		{`"unclosed phrase`, "[{[unclosed phrase] true false}]"},
		{`-"as a whole" talks`, "[{[as a whole] true true} {[talks] false false}]"},
	} {
		terms, err := parley.ParseSearch(tt.query)
		if err != nil {
			t.Errorf("ParseSearch(%q): %v", tt.query, err)
			continue
		}
		if got := fmt.Sprint(terms); got != tt.want {
			t.Errorf("ParseSearch(%q) = %s, want %s", tt.query, got, tt.want)
		}
	}
	for _, bad := range []string{"", " ", "-army", "«»", "\xff", string(make([]rune, parley.MaxSearchLength+1))} {
		if _, err := parley.ParseSearch(bad); parley.ErrorCode(err) != parley.EINVALID {
			t.Errorf("ParseSearch(%q) = %v, want EINVALID", bad, err)
		}
	}
}

func TestSplitSnippet(t *testing.T) {
	s := "the " + parley.SnippetOpen + "army" + parley.SnippetClose + " cap of " + parley.SnippetOpen + "600,000" + parley.SnippetClose
	parts := parley.SplitSnippet(s)
	if got := fmt.Sprint(parts); got != "[{the  false} {army true} { cap of  false} {600,000 true}]" {
		t.Errorf("SplitSnippet = %s", got)
	}
	if got := parley.SnippetText(parts, "<", ">"); got != "the <army> cap of <600,000>" {
		t.Errorf("SnippetText = %q", got)
	}
}
