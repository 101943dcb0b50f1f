package segment_test

import (
	"strings"
	"testing"

	"parley/segment"
)

// ownTexts maps each point's path, joined with ".", to its own text.
func ownTexts(seg segment.Segmented) map[string]string {
	own := map[string]string{}
	for _, p := range seg.Points {
		own[strings.Join(p.Path, ".")] = p.Text
	}
	return own
}

// pathList lists the points' paths, joined with ".", in document order.
func pathList(seg segment.Segmented) string {
	var ps []string
	for _, p := range seg.Points {
		ps = append(ps, strings.Join(p.Path, "."))
	}
	return strings.Join(ps, " ")
}

// A sub-item that prints only its title ("2.2. Larger Works.") and has its
// body in the next paragraph keeps that body when it is the last item of
// its list (issue 14, class 4), as it does when the list goes on.
func TestSegmentTitleOnlyLastItemKeepsBody(t *testing.T) {
	text := `1. Definitions.

1.1. "Work" means the software.

1.2. "You" means the licensee.

2. Distribution.

2.1. Source Code.

You must make the source code available to every recipient.

2.2. Larger Works.

You may combine the Work with other code and distribute the result as a
single product.

3. Termination.

3.1. You may end this licence at any time.

3.2. It ends without notice when you breach it; or
as the law provides.

This paragraph closes section 3.
`
	own := ownTexts(segment.Text(text))
	if !strings.Contains(own["2.2"], "You may combine the Work") {
		t.Errorf("2.2 = %q, want its body", own["2.2"])
	}
	if own["2"] != "Distribution." {
		t.Errorf("2 = %q, want only its title", own["2"])
	}
	if !strings.Contains(own["2.1"], "You must make") {
		t.Errorf("2.1 = %q, want its body", own["2.1"])
	}
	// A last item that is a sentence, not a title, still leaves the
	// paragraph at the margin to the enclosing point.
	if !strings.Contains(own["3"], "This paragraph closes section 3.") || strings.Contains(own["3.2"], "closes") {
		t.Errorf("3 = %q, 3.2 = %q: the closing paragraph belongs to 3", own["3"], own["3.2"])
	}
}
