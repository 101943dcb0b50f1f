package align_test

import (
	"testing"

	"parley"
	"parley/align"
	"parley/segment"
)

// A point whose text is a placeholder ("Not known.", "[text withheld]", in
// any of the languages parley reads) is linked to its counterpart by
// number or position with kind "unknown": never deleted, added or
// reworded (issue 14, class 11).
func TestUnknownTextIsItsOwnState(t *testing.T) {
	old := segment.Text(`1. The parties stop all fire along the line of contact from 6:00 on 1 May.

2. [text withheld]

3. Heavy artillery is withdrawn 25 km from the line within ten days.

4. Prisoners are exchanged all for all under the Red Cross.

5. Not known.
`).Points
	new := segment.Text(`1. The parties stop all fire along the line of contact from 6:00 on 1 May.

2. Monitors of the mission patrol both sides of the line without escort.

3. Heavy artillery is withdrawn 25 km from the line within ten days.

4. Prisoners are exchanged all for all under the Red Cross.

5. Не известно.
`).Points
	links := align.Align(old, new, align.Options{}).PathLinks()
	for _, n := range []string{"2", "5"} {
		l := linkOf(t, links, n)
		if l.Kind != align.Unknown || len(l.New) != 1 || l.New[0][0] != n {
			t.Errorf("point %s: got %v -> %v (%s), want it linked to %s as unknown", n, l.Old, l.New, l.Kind, n)
		}
	}
	for _, l := range links {
		if l.Kind == align.Deleted || l.Kind == align.Added {
			t.Errorf("%v -> %v %s: nothing is deleted or added", l.Old, l.New, l.Kind)
		}
	}
}

func TestPlaceholder(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Not known.", true},
		{"[text withheld]", true},
		{"[redacted]", true},
		{"...", true},
		{"—", true},
		{"[…]", true},
		{"Text not available.", true},
		{"unbekannt", true},
		{"[Text nicht veröffentlicht]", true},
		{"[non communiqué]", true},
		{"[texte non communiqué]", true},
		{"desconocido", true},
		{"No se conoce.", true},
		{"[текст не опубликован]", true},
		{"Не известно.", true},
		{"невідомо", true},
		{"[текст не оприлюднено]", true},
		{"The identity of the buyer is not known.", false},
		{"Information may be withheld where publication would harm security.", false},
		{"[Reserved for the mediator's proposal on borders, to be tabled in May.]", false},
		{"", false},
		{"Not known. The content of this point has not been published.", true},
		{"Content not published; not known which point of the 28-point plan, if any,\nit carries over.", true},
		{"Reserved. The parties agree that the border commission meets monthly and reports to the ministers of both sides.", false},
		{"NATO membership: not settled in Geneva. Reported to be left open for the presidents to decide; the wording, if any, is not known.", false},
	} {
		p := parley.Point{Text: tc.text}
		if got := align.Placeholder(&p); got != tc.want {
			t.Errorf("Placeholder(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
