package align

import (
	"math"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"

	"parley"
	"parley/internal/alloc"
)

// features is what the aligner knows of one point's text.
type features struct {
	hashes    []uint64   // its words as hashes, in order
	words     []int32    // vocabulary ids of its distinct words
	grams     *signature // its character signature, computed on first use
	gramCount int        // bits set in grams
	text      string     // heading and text, for the grams
	hash      uint64     // hash of its words in order: equal hashes mean equal texts
	empty     bool       // no words at all
	weight    float64    // sum of idf² over words: the squared length of its vector
}

// vocabulary numbers the words of both texts and counts in how many points
// each occurs, which gives the inverse document frequency that makes rare
// words, names and numbers weigh more than common ones. Words are known by
// a 64-bit hash of their lower-cased letters, which spares a string per
// word; two different words that collide are vanishingly rare and would
// only blur one similarity. What is numbered and counted is a word's term,
// its stem or stop word (see lexicon): ids maps each word's hash to it.
type vocabulary struct {
	ids *wordTable
	df  []int32
	idf []float64 // squared idf per word, filled by finish
	n   int       // points counted
	seq *scorer   // for scoring one pair at a time, outside the parallel parts
	lex *lexicon  // what a word counts as: its stem, or a stop word (lang.go)
}

func newVocabulary() *vocabulary { return &vocabulary{ids: newWordTable(1024)} }

// wordTable maps word hashes to vocabulary ids with open addressing and
// linear probing: most lookups are of words that are not there (the words
// of points already matched), and a flat table answers those in a probe or
// two, with nothing to allocate. The aligner also numbers the hashes of
// whole texts and of paths with it.
type wordTable struct {
	keys []uint64 // 0 marks an empty slot; a hash of 0 is stored as 1
	vals []int32
	n    int
}

func newWordTable(capacity int) *wordTable {
	size := 64
	for size < 2*capacity {
		size *= 2
	}
	return &wordTable{keys: alloc.Written[uint64](size), vals: alloc.Written[int32](size)}
}

func (t *wordTable) slot(k uint64) int {
	return int((k * 0x9E3779B97F4A7C15) >> 32 & uint64(len(t.keys)-1))
}

func (t *wordTable) get(k uint64) (int32, bool) {
	if k == 0 {
		k = 1
	}
	for i := t.slot(k); ; i = (i + 1) & (len(t.keys) - 1) {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put adds k with the next id unless it is there, and returns its id.
func (t *wordTable) put(k uint64) int32 {
	if k == 0 {
		k = 1
	}
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	for i := t.slot(k); ; i = (i + 1) & (len(t.keys) - 1) {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			t.keys[i], t.vals[i] = k, int32(t.n)
			t.n++
			return t.vals[i]
		}
	}
}

func (t *wordTable) grow() {
	old := *t
	t.keys, t.vals = alloc.Written[uint64](2*len(old.keys)), alloc.Written[int32](2*len(old.keys))
	for i, k := range old.keys {
		if k != 0 {
			j := t.slot(k)
			for t.keys[j] != 0 {
				j = (j + 1) & (len(t.keys) - 1)
			}
			t.keys[j], t.vals[j] = k, old.vals[i]
		}
	}
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordByte maps an ASCII letter or digit to itself lower-cased, and every
// other byte to 0.
var wordByte = func() (t [256]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// latinLower maps each character from U+0080 to U+00FF that is a letter
// to itself lower-cased (which is in that range too), and the others to 0.
var latinLower = func() (t [0x80]rune) {
	for r := rune(0x80); r < 0x100; r++ {
		if l := unicode.ToLower(r); unicode.IsLetter(r) && l >= 0x80 && l < 0x100 {
			t[r-0x80] = l
		}
	}
	return t
}()

// appendWords appends the hash of each word of text to words: words are
// runs of letters and digits, lower-cased. Digit groups written with
// thousands separators ("600,000", "600.000", "600 000" with a narrow or
// no-break space) are one number, so that a figure matches across styles.
// Combining marks (Arabic vowel signs) belong to their word, and an
// apostrophe between two Cyrillic letters (Ukrainian "об'єкт") joins them.
// wordSpans finds the same words.
func appendWords(words []uint64, text string) []uint64 {
	h := uint64(fnvOffset)
	n := 0
	digitsOnly := true
	for k := 0; k < len(text); {
		c := text[k]
		if lc := wordByte[c]; lc != 0 {
			// A run of ASCII letters and digits, most of a text, in one
			// loop.
			seen := byte(0) // the bits of the bytes read: 0x40 for a letter
			for {
				h = (h ^ uint64(lc)) * fnvPrime
				seen |= lc
				if k++; k == len(text) {
					break
				}
				if lc = wordByte[text[k]]; lc == 0 {
					break
				}
			}
			digitsOnly = digitsOnly && seen&0x40 == 0
			n = 1
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case (c == ',' || c == '.' || c == '\'') && n > 0 && digitsOnly && threeDigits(text, k+1):
				// a thousands separator: keep the number whole
			case c == '\'' && n > 0 && betweenCyrillic(text, k, k+1):
			default:
				if n > 0 {
					words = append(words, h)
				}
				h, n, digitsOnly = fnvOffset, 0, true
			}
			k++
			continue
		}
		if (c == 0xC2 || c == 0xC3) && k+1 < len(text) && text[k+1]&0xC0 == 0x80 {
			// U+0080 to U+00FF, the accented letters of Western
			// European languages: a letter is lower-cased from a table,
			// without Unicode's tables.
			if lr := latinLower[rune(c&0x1F)<<6|rune(text[k+1]&0x3F)-0x80]; lr != 0 {
				h = (h ^ uint64(0xC0|lr>>6)) * fnvPrime
				h = (h ^ uint64(0x80|lr&0x3F)) * fnvPrime
				n++
				digitsOnly = false
				k += 2
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[k:])
		switch {
		case (r == '’' || r == 'ʼ') && n > 0 && betweenCyrillic(text, k, k+size):
		case unicode.IsLetter(r) || unicode.IsMark(r) && n > 0:
			var buf [utf8.UTFMax]byte
			for _, b := range utf8.AppendRune(buf[:0], unicode.ToLower(r)) {
				h = (h ^ uint64(b)) * fnvPrime
			}
			n++
			digitsOnly = false
		case unicode.IsDigit(r):
			for _, b := range []byte(text[k : k+size]) {
				h = (h ^ uint64(b)) * fnvPrime
			}
			n++
		case (r == '\u00a0' || r == '\u202f') && n > 0 && digitsOnly && threeDigits(text, k+size):
		default:
			if n > 0 {
				words = append(words, h)
			}
			h, n, digitsOnly = fnvOffset, 0, true
		}
		k += size
	}
	if n > 0 {
		words = append(words, h)
	}
	return words
}

// threeDigits reports whether s[k:] starts with exactly three ASCII digits.
func threeDigits(s string, k int) bool {
	if k+3 > len(s) {
		return false
	}
	for i := k; i < k+3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return k+3 == len(s) || s[k+3] < '0' || s[k+3] > '9'
}

func pointText(p *parley.Point) string {
	if p.Heading == "" {
		return p.Text
	}
	return p.Heading + " " + p.Text
}

// sequenceHash is the hash of a point's words in order: equal hashes mean
// equal texts.
func sequenceHash(words []uint64) uint64 {
	h := uint64(fnvOffset)
	for _, w := range words {
		h = (h ^ w) * fnvPrime
	}
	return h
}

// newFeatures gives each point its text, its words as hashes and the hash
// of the whole sequence; the words are numbered later, and only for the
// points that need them (see build). It touches no shared state, so the two
// versions are read at once.
func newFeatures(points []parley.Point) []features {
	fs := make([]features, len(points))
	size := 0
	for i := range points {
		fs[i].text = pointText(&points[i])
		size += len(fs[i].text)
	}
	// One backing array for all the words (about one word in six bytes);
	// each point keeps a capped slice of it.
	all := make([]uint64, 0, size/6+16)
	for i := range fs {
		f := &fs[i]
		start := len(all)
		all = appendWords(all, f.text)
		f.hashes = all[start:len(all):len(all)]
		f.hash, f.empty = sequenceHash(f.hashes), len(f.hashes) == 0
	}
	return fs
}

// build numbers the words of the points not yet linked (need[i] true),
// counts in how many points of either version each of them occurs, and
// computes the weights. Points linked already (identical texts) are never
// scored, so their words need no number; they still count in the document
// frequencies.
func (v *vocabulary) build(fs [2][]features, need [2][]bool) {
	// Each point's distinct words, in no particular order: scoring spreads
	// one point's words over a table (see scorer) and needs no sorting.
	// All of them share one backing array.
	size := 0
	for s := range fs {
		for i := range fs[s] {
			if need[s][i] {
				size += len(fs[s][i].hashes)
			}
		}
	}
	ids := make([]int32, 0, size)
	// The table is not sized ahead: a text has far fewer distinct words
	// than one in four (the Commercial Code's need 6,700 numbers for
	// 111,000 words, the 100,000-point pair 36,000 for 830,000), a
	// table sized for one in four was mostly empty memory to map and
	// miss in the cache, and regrowing copies only the few words in it.
	lastSeen := make([]int32, 0, 1024) // the last point each word was seen in
	point := int32(0)
	v.lex = newLexicon(fs, need)
	for s := range fs {
		for i := range fs[s] {
			if !need[s][i] {
				continue
			}
			start := len(ids)
			point++
			for _, w := range fs[s][i].hashes {
				id := v.term(w, s)
				if int(id) == len(lastSeen) {
					lastSeen = append(lastSeen, 0)
				}
				if lastSeen[id] != point {
					lastSeen[id] = point
					ids = append(ids, id)
				}
			}
			fs[s][i].words = ids[start:len(ids):len(ids)]
		}
	}
	// Document frequencies, one version per core. Every point that needs
	// features counts; of the points matched already (usually most of a
	// redraft) a regular sample counts, each for the points it stands for:
	// the frequencies only need to be right to within a few per cent.
	var counts [2][]int32 // whole numbers: each sampled point counts for stride points
	count := func(s int) {
		needed := 0
		for _, n := range need[s] {
			if n {
				needed++
			}
		}
		stride := max(1, (len(fs[s])-needed)/(4*needed+64))
		df := alloc.Written[int32](v.lex.terms.n)
		last := alloc.Written[int32](v.lex.terms.n)
		skipped := 0
		for i := range fs[s] {
			if need[s][i] {
				for _, id := range fs[s][i].words { // distinct already
					df[id]++
				}
				continue
			}
			if skipped++; skipped%stride != 0 {
				continue
			}
			weight := int32(stride)
			for _, w := range fs[s][i].hashes {
				if id, ok := v.ids.get(w); ok && last[id] != int32(i+1) {
					last[id] = int32(i + 1)
					df[id] += weight
				}
			}
		}
		counts[s] = df
	}
	parallel(func() { count(0) }, func() { count(1) })
	v.df = make([]int32, v.lex.terms.n)
	for id := range v.df {
		v.df[id] = counts[0][id] + counts[1][id]
	}
	v.n = len(fs[0]) + len(fs[1])
	v.idf = make([]float64, len(v.df))
	for id, df := range v.df {
		idf := math.Log(float64(v.n+1) / (float64(df) + 0.5))
		if idf < 0.05 {
			idf = 0.05
		}
		v.idf[id] = idf * idf
	}
	v.lex.quiet(v.df, v.idf)
	for s := range fs {
		for i := range fs[s] {
			w := 0.0
			for _, id := range fs[s][i].words {
				w += v.idf[id]
			}
			fs[s][i].weight = w
		}
	}
}

// gramBits is the size of a point's character signature: each 4-byte
// window of its lower-cased text sets one bit. A few hundred windows in
// 2,048 bits collide rarely enough for a similarity, and comparing two
// signatures is 32 word operations, with nothing to sort.
const gramBits = 2048

type signature [gramBits / 64]uint64

func (sig *signature) set(h uint64) {
	b := h >> (64 - 11) // the top 11 bits: 0..2047
	sig[b/64] |= 1 << (b % 64)
}

func (sig *signature) count() int {
	n := 0
	for _, w := range sig {
		n += bits.OnesCount64(w)
	}
	return n
}

// gramByte is how ensureGrams reads a byte: ASCII letters lower-cased,
// space, line feed, tab and carriage return as a space, the rest as it is.
var gramByte = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = byte(c) + 'a' - 'A'
	}
	t['\n'], t['\t'], t['\r'] = ' ', ' ', ' '
	return t
}()

// ensureGrams computes the signature of f on first use: points matched
// exactly never need one. The text is read lower-cased with each run of
// spaces as one space, as the words are, without building that string.
func (f *features) ensureGrams() {
	if f.grams != nil || f.empty {
		return
	}
	var sig signature
	var g uint32
	n := 0
	space := true
	text := f.text // a local, which the stores to sig cannot change
	for k := 0; k < len(text); k++ {
		c := gramByte[text[k]]
		// A space after a space (or after the start) adds no window; the
		// test is one branch, which a run of letters rarely takes.
		sp := c == ' '
		if sp && space {
			continue
		}
		space = sp
		g = g<<8 | uint32(c)
		if n++; n >= 4 {
			sig.set(uint64(g) * 0x9E3779B97F4A7C15)
		}
	}
	if n < 4 {
		sig.set(uint64(g) * 0x9E3779B97F4A7C15)
	}
	// Built on the stack and copied whole: the heap copy is written
	// before it is read (see written).
	f.grams = new(signature)
	*f.grams = sig
	f.gramCount = sig.count()
}

// gramDice is the Dice coefficient of the two points' character signatures.
func gramDice(a, b *features) float64 {
	if a.grams == nil || b.grams == nil || a.gramCount+b.gramCount == 0 {
		return 0
	}
	n := 0
	for k := range a.grams {
		n += bits.OnesCount64(a.grams[k] & b.grams[k])
	}
	return 2 * float64(n) / float64(a.gramCount+b.gramCount)
}

// similarity of two texts in [0, 1]: weighted word cosine blended with
// character 4-gram overlap, which carries spelling variants, inflections
// and retyping errors that whole words miss.
type pairScore struct {
	sim        float64 // symmetric similarity
	contAinB   float64 // share of a's word weight found in b
	contBinA   float64 // share of b's word weight found in a
	equalTexts bool
}

// Word cosines outside [diceFrom, diceUntil) are taken as they are, without
// the character 4-grams.
const (
	diceFrom  = 0.05
	diceUntil = 0.85
)

func (v *vocabulary) score(a, b *features) pairScore {
	if v.seq == nil || len(v.seq.mark) < len(v.idf) {
		v.seq = newScorer(v)
	}
	return v.seq.score(a, b)
}

// scoreShared completes a score from the weight of the shared words.
func scoreShared(a, b *features, sh float64) pairScore {
	cos := sh / math.Sqrt(a.weight*b.weight)
	// Characters refine the middle ground; at either end the words have
	// decided (and the 4-grams cost more than the words).
	dice := cos
	if cos >= diceFrom && cos < diceUntil {
		a.ensureGrams()
		b.ensureGrams()
		dice = gramDice(a, b)
	}
	return pairScore{
		sim:      0.6*cos + 0.4*dice,
		contAinB: sh / a.weight,
		contBinA: sh / b.weight,
	}
}

// scorer scores many pairs that share their first point: the first
// point's word weights are spread once over a table indexed by word, and
// each second point only sums its words there, without merging two lists.
type scorer struct {
	v    *vocabulary
	mark []float64
	cur  *features
}

func newScorer(v *vocabulary) *scorer { return &scorer{v: v, mark: alloc.Written[float64](len(v.idf))} }

func (s *scorer) score(a, b *features) pairScore {
	if a.hash == b.hash {
		return pairScore{sim: 1, contAinB: 1, contBinA: 1, equalTexts: true}
	}
	if a.weight == 0 || b.weight == 0 {
		return pairScore{}
	}
	// The tables in locals: read through s in a loop that stores, they
	// would be loaded again at every word.
	mark := s.mark
	if s.cur != a {
		if s.cur != nil {
			for _, id := range s.cur.words {
				mark[id] = 0
			}
		}
		idf := s.v.idf
		for _, id := range a.words {
			mark[id] = idf[id]
		}
		s.cur = a
	}
	sh := 0.0
	for _, id := range b.words {
		sh += mark[id]
	}
	return scoreShared(a, b, sh)
}

// groupFeatures returns the features of the points at idx joined into one
// text (joinPoints), with the weights already learnt (words the vocabulary
// lacks are ignored). They are made from the word hashes the points have
// already: the joined text's words are theirs, one point's after
// another's, and only its character signature needs the text.
func (v *vocabulary) groupFeatures(fs []features, points []parley.Point, idx []int) features {
	f := features{text: joinPoints(points, idx)[0].Text}
	h, n := uint64(fnvOffset), 0
	for _, i := range idx {
		for _, w := range fs[i].hashes {
			h = (h ^ w) * fnvPrime
			n++
			if id, ok := v.ids.get(w); ok {
				f.words = append(f.words, id)
			}
		}
	}
	f.hash, f.empty = h, n == 0
	slices.Sort(f.words)
	f.words = slices.Compact(f.words)
	for _, id := range f.words {
		f.weight += v.idf[id]
	}
	return f
}
