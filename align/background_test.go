package align_test

import (
	"testing"

	"parley/align"
	"parley/segment"
)

// Two texts that share nothing but their numbering are not linked point
// by point: numbers and position only break ties between candidates that
// the words support (issue 14, class 10).
func TestSameNumberingAloneLinksNothing(t *testing.T) {
	old := segment.Text(`GARDEN RULES

1. Members water the shared beds on the days posted at the shed door.

2. Tools go back to the shed, cleaned, before dusk.

3. Compost takes only:

(a) raw vegetable peelings; or

(b) leaves and grass cuttings.

4. Bonfires are forbidden between April and September.
`).Points
	new := segment.Text(`TRAVEL POLICY

1. Staff book flights through the agency at least fourteen days ahead.

2. Hotel bills above the city ceiling need a director's signature.

3. Taxis are refunded only:

(a) after midnight; or

(b) when carrying heavy equipment.

4. Mileage is paid at the public rate per kilometre driven.
`).Points
	al := align.Align(old, new, align.Options{})
	for _, l := range al.PathLinks() {
		if len(l.Old) > 0 && len(l.New) > 0 {
			t.Errorf("unrelated texts linked: %v -> %v (%s)", l.Old, l.New, l.Kind)
		}
	}
}

// A translation keeps its numbers, names and dates; those, against a
// background of points that share nothing, still link it point by point.
func TestTranslationStillLinkedByItsFigures(t *testing.T) {
	old := segment.Text(`1. The Republic of Norland withdraws 4,500 troops from Kessa by 12 March 2025.

2. The border crossing at Velmo reopens for 300 trucks a day.

3. A commission of 7 members chaired by Ana Ruiz reports every 90 days.

4. Prisoners held since 2019 are exchanged at Dorn.
`).Points
	new := segment.Text(`1. Die Republik Norland zieht bis zum 12. März 2025 4.500 Soldaten aus Kessa ab.

2. Der Grenzübergang bei Velmo öffnet wieder für 300 Lastwagen täglich.

3. Eine Kommission aus 7 Mitgliedern unter Vorsitz von Ana Ruiz berichtet alle 90 Tage.

4. Seit 2019 festgehaltene Gefangene werden in Dorn ausgetauscht.
`).Points
	al := align.Align(old, new, align.Options{})
	links := al.PathLinks()
	for _, n := range []string{"1", "2", "3", "4"} {
		l := linkOf(t, links, n)
		if len(l.New) != 1 || l.New[0][0] != n {
			t.Errorf("point %s: got %v -> %v (%s), want it linked to %s", n, l.Old, l.New, l.Kind, n)
		}
	}
}
