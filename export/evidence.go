package export

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"parley"
	"parley/align"
)

// sameTextEvidence is what says that two versions whose points match one to
// one in order are the same text: their wording, their figures, their
// names, and whether the language differs.
type sameTextEvidence struct {
	points               int
	medianSimilarity     float64
	numbersAgree, withNo int // links whose sides carry the same figures, of those that carry any
	namesAgree, withName int // links whose sides share a name, of those whose sides hold capitalised words inside a sentence
	languageDiffers      bool
}

// gatherEvidence reads the evidence from the one-to-one links of al.
func gatherEvidence(al *align.Alignment) sameTextEvidence {
	e := sameTextEvidence{points: len(al.Old)}
	var sims []float64
	for _, l := range al.Links {
		if len(l.Old) != 1 || len(l.New) != 1 {
			continue
		}
		sims = append(sims, l.Similarity)
		o, n := &al.Old[l.Old[0]], &al.New[l.New[0]]
		no, nn := figures(o), figures(n)
		if len(no) > 0 || len(nn) > 0 {
			e.withNo++
			if slices.Equal(no, nn) {
				e.numbersAgree++
			}
		}
		mo, mn := names(o), names(n)
		if len(mo) > 0 && len(mn) > 0 {
			e.withName++
			for _, m := range mo {
				if slices.Contains(mn, m) {
					e.namesAgree++
					break
				}
			}
		}
	}
	if len(sims) > 0 {
		slices.Sort(sims)
		e.medianSimilarity = sims[len(sims)/2]
	}
	e.languageDiffers = !align.SameLanguage(al.Old, al.New)
	return e
}

// wordingKept: a median similarity this high means the points kept most
// of their wording.
const wordingKept = 0.3

// phrases lists the evidence found, empty when there is none beyond the
// structure. Figures and names count when they agree in at least half the
// points that carry them.
func (e sameTextEvidence) phrases() []string {
	var out []string
	if e.medianSimilarity >= wordingKept {
		out = append(out, fmt.Sprintf("most wording kept (median similarity %.2f)", e.medianSimilarity))
	}
	if e.numbersAgree > 0 && 2*e.numbersAgree >= e.withNo {
		out = append(out, fmt.Sprintf("the figures agree in %d of %d points that have any", e.numbersAgree, e.withNo))
	}
	if e.namesAgree > 0 && 2*e.namesAgree >= e.withName {
		out = append(out, fmt.Sprintf("names agree in %d of %d points that have any", e.namesAgree, e.withName))
	}
	return out
}

// figures returns the numbers of a point's heading and text, separators
// removed ("600,000" and "600.000" are 600000), sorted.
func figures(p *parley.Point) []string {
	var out []string
	var cur strings.Builder
	text := p.Heading + " " + p.Text + " "
	rs := []rune(text)
	for k, r := range rs {
		switch {
		case unicode.IsDigit(r):
			cur.WriteRune(r)
		case cur.Len() > 0 && (r == ',' || r == '.' || r == '\u00a0' || r == '\u202f') && k+1 < len(rs) && unicode.IsDigit(rs[k+1]):
			// a thousands separator or decimal point inside a figure
		default:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		}
	}
	slices.Sort(out)
	return out
}

// names returns the capitalised words of a point that do not open a
// sentence: names of people, places and bodies (and, in German, nouns,
// which a translation does not share).
func names(p *parley.Point) []string {
	var out []string
	start := true
	for _, w := range strings.Fields(p.Heading + " " + p.Text) {
		word := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r := []rune(word)
		if len(r) >= 3 && unicode.IsUpper(r[0]) && !start && !isAllUpper(r) {
			out = append(out, word)
		}
		start = strings.HasSuffix(w, ".") || strings.HasSuffix(w, ":") || strings.HasSuffix(w, ";")
	}
	return out
}

func isAllUpper(r []rune) bool {
	for _, c := range r {
		if unicode.IsLower(c) {
			return false
		}
	}
	return true
}
