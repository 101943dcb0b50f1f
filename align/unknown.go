package align

import (
	"strings"
	"unicode"

	"parley"
)

// unknownPhrases are texts that stand for a provision whose text is not
// known, lower-cased, without brackets or final punctuation, in the
// languages parley reads.
var unknownPhrases = map[string]bool{
	// English
	"not known": true, "unknown": true, "text withheld": true, "withheld": true,
	"redacted": true, "text redacted": true, "text not available": true,
	"not available": true, "text not known": true, "not disclosed": true,
	"text not disclosed": true, "text not published": true, "not published": true,
	"tbd": true, "to be determined": true, "reserved": true, "text reserved": true,
	"content not published": true, "content not known": true, "content unknown": true,
	// German
	"unbekannt": true, "nicht bekannt": true, "text nicht veröffentlicht": true,
	"nicht veröffentlicht": true, "text unbekannt": true, "text nicht bekannt": true,
	"geschwärzt": true, "text geschwärzt": true, "text nicht verfügbar": true,
	// French
	"non communiqué": true, "texte non communiqué": true, "inconnu": true,
	"non connu": true, "texte inconnu": true, "texte non disponible": true,
	"non publié": true, "texte non publié": true, "texte caviardé": true, "caviardé": true,
	// Spanish
	"desconocido": true, "no se conoce": true, "texto reservado": true,
	"texto no disponible": true, "no disponible": true, "texto no publicado": true,
	"texto desconocido": true, "reservado": true,
	// Russian
	"не известно": true, "неизвестно": true, "текст не опубликован": true,
	"текст не раскрыт": true, "текст неизвестен": true, "не опубликовано": true,
	"текст засекречен": true,
	// Ukrainian
	"невідомо": true, "не відомо": true, "текст не оприлюднено": true,
	"текст не опубліковано": true, "текст невідомий": true, "не оприлюднено": true,
}

// maxPlaceholder is the longest text, in bytes, that may be a placeholder
// ("[текст не опубликован]" is 41).
const maxPlaceholder = 64

// Placeholder reports whether a point's own text only stands for text that
// is not known: a phrase such as "Not known.", "[text withheld]",
// "[texte non communiqué]", "Не известно." (with or without brackets and
// a final stop), or nothing but an ellipsis, dashes or a bracketed
// omission ("[...]", "—"). Its heading, if any, may be known.
func Placeholder(p *parley.Point) bool {
	if len(p.Text) > maxPlaceholder {
		return placeholderNote(p.Text) // the cheap test first: most points are longer
	}
	t := strings.TrimSpace(p.Text)
	if t == "" {
		return false
	}
	if strings.Trim(t, ".…-–—_*[]() \u00a0") == "" {
		return true // "...", "—", "[…]"
	}
	bracketed := (strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]")) ||
		(strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")"))
	t = strings.TrimFunc(t, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	t = strings.Join(strings.Fields(strings.ToLower(t)), " ")
	if unknownPhrases[t] {
		return true
	}
	// A short bracketed note that names an omission.
	if bracketed && len(strings.Fields(t)) <= 5 {
		for _, w := range []string{"withheld", "redacted", "omitted", "not known", "unknown", "not available", "nicht", "unbekannt", "non communiqué", "inconnu", "reservado", "desconocido", "не ", "невідом"} {
			if strings.Contains(t, w) {
				return true
			}
		}
	}
	return placeholderNote(p.Text)
}

// maxPlaceholderNote is the longest text, in bytes, that may be a
// placeholder with a note on why the text is not known.
const maxPlaceholderNote = 240

// longestUnknownPhrase is the length in bytes of the longest of
// unknownPhrases.
var longestUnknownPhrase = func() (n int) {
	for p := range unknownPhrases {
		n = max(n, len(p))
	}
	return n
}()

// unknownFirstWords are the first words of unknownPhrases.
var unknownFirstWords = func() map[string]bool {
	m := map[string]bool{}
	for p := range unknownPhrases {
		w, _, _ := strings.Cut(p, " ")
		m[w] = true
	}
	return m
}()

// notKnownWords are what a placeholder's note says of its text.
var notKnownWords = []string{"not known", "not been published", "not published", "not describe", "unknown", "withheld", "not available", "not disclosed"}

// placeholderNote reports whether a text is a placeholder with a note:
// its first clause is a placeholder phrase and the rest, short, says
// again that the text is not known ("Not known. The content of this point
// has not been published.", "Content not published; not known which
// point it carries over.").
func placeholderNote(text string) bool {
	if len(text) > maxPlaceholderNote {
		return false
	}
	end := strings.IndexAny(text, ".;:")
	if end < 0 || end > 2*longestUnknownPhrase+8 {
		// A first clause longer than any phrase (twice, for spacing and
		// brackets) is not one: the test costs nothing on the many short
		// points of a long text, where the words below would be split.
		return false
	}
	clause := strings.Trim(text[:end], "[]() \u00a0")
	word, _, _ := strings.Cut(clause, " ")
	if !unknownFirstWords[strings.ToLower(word)] {
		return false // the words below are split only for a likely phrase
	}
	first := strings.Join(strings.Fields(strings.ToLower(clause)), " ")
	if !unknownPhrases[first] {
		return false
	}
	rest := strings.ToLower(text[end+1:])
	for _, w := range notKnownWords {
		if strings.Contains(rest, w) {
			return true
		}
	}
	return false
}

// placeholderFeatures replaces the features of placeholders with ones that
// match nothing, not even another placeholder: "Not known." says nothing
// of which provision it stands for, so only numbers and position place it
// (see linkUnknown). side tells old (0) from new (1) in the hashes.
func placeholderFeatures(points []parley.Point, fs []features, side uint64) []bool {
	var out []bool
	for k := range points {
		if !Placeholder(&points[k]) {
			continue
		}
		if out == nil {
			out = make([]bool, len(points))
		}
		out[k] = true
		fs[k] = features{empty: true, hash: 0x9e3779b97f4a7c15 ^ side<<62 ^ uint64(k)}
	}
	return out
}

// linkUnknown links each placeholder still alone to its counterpart: the
// only point alone between the counterparts of its linked neighbours, or
// else the point of the same path on the other side if that is alone too.
// A placeholder with none (its provision went into a neighbour's link)
// joins the link of the point before it, or after it: unknown text is
// never deleted or added.
func (a *aligner) linkUnknown() {
	if a.unknownO == nil && a.unknownN == nil {
		return
	}
	old, new := a.sides()
	if a.unknownO != nil {
		paths := unlinkedPaths(new)
		for k := range a.old {
			if a.unknownO[k] && a.linkO[k] < 0 {
				a.placeUnknown(k, true, old, new, paths)
			}
		}
	}
	old, new = a.sides()
	if a.unknownN != nil {
		paths := unlinkedPaths(old)
		for k := range a.new {
			if a.unknownN[k] && a.linkN[k] < 0 {
				a.placeUnknown(k, false, new, old, paths)
			}
		}
	}
}

// unknownReach bounds how far placeUnknown looks for linked neighbours and
// free counterparts, so that a text of placeholders costs linear time.
const unknownReach = 64

// unlinkedPaths indexes the points of a side not linked yet by the hash of
// their path.
func unlinkedPaths(sd side) map[uint64]int {
	out := map[uint64]int{}
	for o := range sd.points {
		if sd.link[o] < 0 {
			out[parley.PathHash(sd.points[o].Path)] = o
		}
	}
	return out
}

// placeUnknown places placeholder k of side sd (see linkUnknown).
func (a *aligner) placeUnknown(k int, isOld bool, sd, od side, paths map[uint64]int) {
	link := func(other int) {
		if isOld {
			a.newLink([]int{k}, []int{other}, Link{})
		} else {
			a.newLink([]int{other}, []int{k}, Link{})
		}
	}
	// The counterparts of the nearest linked neighbours bound the gap.
	prev, next := -1, -1
	for p := k - 1; p >= max(0, k-unknownReach); p-- {
		if l := sd.link[p]; l >= 0 && len(a.otherSide(l, isOld)) > 0 {
			prev = p
			break
		}
	}
	for n := k + 1; n < min(len(sd.points), k+unknownReach); n++ {
		if l := sd.link[n]; l >= 0 && len(a.otherSide(l, isOld)) > 0 {
			next = n
			break
		}
	}
	lo, hi := -1, len(od.points)
	if prev >= 0 {
		lo = maxOf(a.otherSide(sd.link[prev], isOld))
	}
	if next >= 0 {
		hi = minOf(a.otherSide(sd.link[next], isOld))
	}
	var free []int
	for o := lo + 1; o < min(hi, lo+1+unknownReach) && o >= 0; o++ {
		if od.link[o] < 0 && od.points[o].Depth() == sd.points[k].Depth() {
			free = append(free, o)
		}
	}
	if len(free) == 1 {
		link(free[0])
		return
	}
	if o, ok := paths[parley.PathHash(sd.points[k].Path)]; ok && od.link[o] < 0 && equalPath(od.points[o].Path, sd.points[k].Path) {
		link(o)
		return
	}
	for _, n := range []int{prev, next} {
		if n < 0 {
			continue
		}
		l := sd.link[n]
		if isOld {
			a.links[l].Old = insertSorted(a.links[l].Old, k)
			a.linkO[k] = l
		} else {
			a.links[l].New = insertSorted(a.links[l].New, k)
			a.linkN[k] = l
		}
		return
	}
}

func (a *aligner) otherSide(l int, isOld bool) []int {
	if isOld {
		return a.links[l].New
	}
	return a.links[l].Old
}

func equalPath(x, y []string) bool {
	if len(x) != len(y) {
		return false
	}
	for k := range x {
		if x[k] != y[k] {
			return false
		}
	}
	return true
}

func maxOf(xs []int) int {
	m := xs[0]
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func minOf(xs []int) int {
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

func insertSorted(xs []int, v int) []int {
	out := make([]int, 0, len(xs)+1)
	done := false
	for _, x := range xs {
		if !done && v < x {
			out = append(out, v)
			done = true
		}
		out = append(out, x)
	}
	if !done {
		out = append(out, v)
	}
	return out
}

// isUnknown reports whether old point i or new point j is a placeholder.
func (a *aligner) isUnknown(i, j int) bool {
	return (a.unknownO != nil && a.unknownO[i]) || (a.unknownN != nil && a.unknownN[j])
}
