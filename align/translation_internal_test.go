package align

import (
	"strings"
	"testing"

	"parley/segment"
)

// Russian and Ukrainian spell with letters the other lacks (і against ы);
// two Russian texts, and two short texts of any kind, do not.
func TestTwoAlphabets(t *testing.T) {
	features := func(text string) []features { return newFeatures(segment.Text(text).Points) }
	russian := `1. Стороны ежемесячно обмениваются результатами измерений качества воды и публикуют их.

2. Споры сначала передаются в Комиссию, которая выслушивает обе стороны.

3. Комиссия собирается не реже одного раза в квартал и принимает решения большинством голосов.
`
	ukrainian := `1. Сторони щомісяця обмінюються результатами вимірювань якості води і публікують їх.

2. Спори спочатку передаються до Комісії, яка вислуховує обидві сторони.

3. Комісія збирається не рідше одного разу на квартал і ухвалює рішення більшістю голосів.
`
	long := func(s string) string { return strings.Repeat(s, 8) }
	for _, tc := range []struct {
		name     string
		old, new string
		want     bool
	}{
		{"russian and ukrainian", long(russian), long(ukrainian), true},
		{"russian twice", long(russian), long(strings.ReplaceAll(russian, "ежемесячно", "ежеквартально")), false},
		{"too short to tell", russian, ukrainian, false},
	} {
		if got := twoAlphabets(features(tc.old), features(tc.new)); got != tc.want {
			t.Errorf("%s: twoAlphabets %v, want %v", tc.name, got, tc.want)
		}
	}
}
