package export

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"parley"
	"parley/align"
	"parley/segment"
)

// Comparison is the JSON form of an alignment, as DESIGN.md fixes it:
// every point of both versions at every depth with its own text, and the
// links between them with their kinds, similarities and redlines.
type Comparison struct {
	Old     PointList  `json:"old"`
	New     PointList  `json:"new"`
	Links   []LinkJSON `json:"links"`
	Summary Summary    `json:"summary"`
	// Warnings are the segmenter's self-checks on both versions (see
	// segment.Check), an addition DESIGN.md allows beside the fields
	// above: a sign that a text was read badly. Always written, empty
	// when there are none.
	Warnings []WarningJSON `json:"warnings"`
}

// WarningJSON is one warning of a comparison: which version it is about
// ("old" or "new") and the warning of segment.Check.
type WarningJSON struct {
	Side    string   `json:"side"`
	Code    string   `json:"code"`
	Message string   `json:"message"`
	Path    []string `json:"path,omitempty"`
	Line    int      `json:"line,omitempty"`
}

// SideWarnings returns the warnings of one side of a comparison ("old"
// or "new") in their JSON form.
func SideWarnings(side string, ws []segment.Warning) []WarningJSON {
	out := make([]WarningJSON, len(ws))
	for k, w := range ws {
		out[k] = WarningJSON{Side: side, Code: w.Code, Message: w.Message, Path: w.Path, Line: w.Line}
	}
	return out
}

// PointList is one side of a comparison.
type PointList struct {
	Label  string      `json:"label,omitempty"`
	Points []PointJSON `json:"points"`
}

// PointJSON is one point as the compare JSON writes it.
type PointJSON struct {
	Path    []string `json:"path"`
	Label   string   `json:"label"`
	Heading string   `json:"heading,omitempty"`
	Text    string   `json:"text"`
}

// LinkJSON is one link: old paths, new paths, kind, similarity and, where
// both sides have text that differs, the word-level redline.
type LinkJSON struct {
	Old        [][]string `json:"old"`
	New        [][]string `json:"new"`
	Kind       string     `json:"kind"`
	Similarity float64    `json:"similarity"`
	// Confidence is how sure the aligner is of the link (align.Link);
	// under align.LowConfidence it is shown as uncertain.
	Confidence float64    `json:"confidence"`
	Fixed      bool       `json:"fixed,omitempty"`
	Redline    []align.Op `json:"redline,omitempty"`
}

// Summary counts the links by kind and says in one phrase what the
// comparison found.
type Summary struct {
	Kinds   map[string]int `json:"kinds"`
	Verdict string         `json:"verdict"`
}

// Compare builds the comparison of an alignment. The labels name the two
// versions (file names or version labels).
func Compare(al *align.Alignment, oldLabel, newLabel string) *Comparison {
	return &Comparison{
		Old:      PointList{Label: oldLabel, Points: pointList(al.Old)},
		New:      PointList{Label: newLabel, Points: pointList(al.New)},
		Links:    CompareLinks(al),
		Summary:  Summarize(al),
		Warnings: []WarningJSON{},
	}
}

// CompareLinks returns the links of a comparison, with their redlines.
func CompareLinks(al *align.Alignment) []LinkJSON {
	links := make([]LinkJSON, len(al.Links))
	// Redlines are independent of each other: share them out over the cores.
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(al.Links); k += workers {
				links[k] = linkJSON(al, al.Links[k])
			}
		})
	}
	wg.Wait()
	return links
}

// linkJSON is one link of a comparison, with its redline.
func linkJSON(al *align.Alignment, l align.Link) LinkJSON {
	return LinkJSON{
		Old: paths(al.Old, l.Old), New: paths(al.New, l.New),
		Kind: l.Kind, Similarity: l.Similarity, Confidence: l.Confidence, Fixed: l.Fixed,
		Redline: al.Redline(l),
	}
}

// lowConfidence reports whether a link is shown as uncertain.
func lowConfidence(l LinkJSON) bool { return l.Confidence < align.LowConfidence }

func pointList(points []parley.Point) []PointJSON {
	out := make([]PointJSON, len(points))
	for i := range points {
		out[i] = pointJSON(&points[i])
	}
	return out
}

func pointJSON(p *parley.Point) PointJSON {
	return PointJSON{Path: p.Path, Label: p.Label, Heading: p.Heading, Text: p.Text}
}

func paths(points []parley.Point, idx []int) [][]string {
	out := make([][]string, len(idx))
	for k, i := range idx {
		out[k] = points[i].Path
	}
	return out
}

// Summarize counts link kinds and gives the verdict: identical texts; the
// same text in another wording or translation (every point linked one to
// one, in order); or how much changed.
func Summarize(al *align.Alignment) Summary {
	s := Summary{Kinds: map[string]int{}}
	for _, l := range al.Links {
		s.Kinds[l.Kind]++
	}
	total := len(al.Links)
	switch {
	case total == 0:
		s.Verdict = "both texts are empty"
	case s.Kinds[align.Unchanged] == total && len(al.Old) == len(al.New):
		s.Verdict = "identical: every point is unchanged"
	case s.Kinds[align.Unchanged]+s.Kinds[align.Reworded] == total && len(al.Old) == len(al.New):
		if outliers := substantialChanges(al); len(outliers) > 0 {
			s.Verdict = fmt.Sprintf("the same structure, every point one to one in order; %d reworded, %d of them much more than the rest: %s",
				s.Kinds[align.Reworded], len(outliers), formatPaths(outliers))
		} else {
			s.Verdict = sameTextVerdict(gatherEvidence(al), s.Kinds[align.Reworded])
		}
	default:
		changed := total - s.Kinds[align.Unchanged]
		s.Verdict = fmt.Sprintf("%d of %d links changed: %s", changed, total, kindList(s.Kinds))
	}
	return s
}

// sameTextVerdict says whether two versions matched one to one in order
// are the same text, and on what evidence: the same structure alone says
// nothing (two unrelated texts numbered 1 to 9 have it), so the verdict
// names what else agrees (wording, figures, names) and whether the
// language differs, or says that nothing does.
func sameTextVerdict(e sameTextEvidence, reworded int) string {
	found := e.phrases()
	if len(found) == 0 {
		return fmt.Sprintf("the same structure (%d points one to one in order, %d reworded), but no wording, figures or names in common: nothing says they are the same text", e.points, reworded)
	}
	as := "as in a retyping"
	if e.languageDiffers {
		found = append(found, "the language differs")
		as = "as in a translation"
	}
	return fmt.Sprintf("likely the same text, %s: the same structure (%d points one to one in order, %d reworded evenly); %s", as, e.points, reworded, strings.Join(found, "; "))
}

// substantialChanges returns the new paths of reworded points that are far
// less similar than is usual in this pair (under half the median
// similarity), when most points keep most of their words (a median of at
// least one half). A translation or a retyping changes every point about
// as much; a counter-draft keeps most wording and rewrites a few points.
// Where the median is low (another language, a free retelling) the
// similarity says nothing about substance, and no point is singled out.
func substantialChanges(al *align.Alignment) [][]string {
	var sims []float64
	for _, l := range al.Links {
		if l.Kind == align.Reworded {
			sims = append(sims, l.Similarity)
		}
	}
	if len(sims) == 0 {
		return nil
	}
	sorted := slices.Clone(sims)
	slices.Sort(sorted)
	median := sorted[len(sorted)/2]
	if median < 0.5 {
		return nil
	}
	var out [][]string
	for _, l := range al.Links {
		if l.Kind == align.Reworded && l.Similarity < median/2 {
			out = append(out, al.New[l.New[0]].Path)
		}
	}
	return out
}

// kindList writes the non-zero counts in a fixed order.
func kindList(kinds map[string]int) string {
	out := ""
	for _, k := range []string{align.Reworded, align.Moved, align.Split, align.Merged, align.Deleted, align.Added, align.Unknown, align.Unchanged} {
		if kinds[k] == 0 {
			continue
		}
		if out != "" {
			out += ", "
		}
		out += fmt.Sprintf("%d %s", kinds[k], k)
	}
	return out
}
