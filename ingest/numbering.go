package ingest

import (
	"strconv"
	"strings"
)

// Word's list numbering (word/numbering.xml) and the paragraph styles that
// carry numbering and outline levels (word/styles.xml), read into a model
// that numbers paragraphs in document order as Word does:
//
//   - A paragraph is numbered by its own w:numPr (w:numId, w:ilvl) or by
//     its style's, through the w:basedOn chain; w:numId 0 turns numbering
//     off. A style-numbered paragraph without w:ilvl takes the level whose
//     w:pStyle names the style.
//   - A w:num points to a w:abstractNum (through w:numStyleLink to a
//     numbering style when the abstract only links to one); its
//     w:lvlOverride replaces a level or, with w:startOverride, restarts it
//     when the w:num is first used.
//   - Counters belong to the abstract numbering, so two w:num of one
//     abstract continue one sequence. A level restarts at its w:start when
//     a higher level advances, unless w:lvlRestart says otherwise (0:
//     never; n: only after level n or a higher one).
//   - The label is w:lvlText with %1 to %9 replaced by the counters of
//     levels 1 to 9 in their formats (all decimal under w:isLgl).

const wordLevels = 9

// wordLevel is one w:lvl.
type wordLevel struct {
	start   int
	format  string
	text    string // w:lvlText; "%1." and the like
	restart int    // w:lvlRestart; -1 when absent
	legal   bool   // w:isLgl
	pStyle  string
	ind     wordIndent
}

// wordAbstract is one w:abstractNum.
type wordAbstract struct {
	id        string
	levels    [wordLevels]*wordLevel
	styleLink string // w:numStyleLink: the levels are those of this numbering style
}

// wordNum is one w:num.
type wordNum struct {
	abstract  string
	overrides [wordLevels]*wordOverride
	used      bool
}

type wordOverride struct {
	start    int
	hasStart bool
	level    *wordLevel // a whole w:lvl in the override
}

// wordStyle is one paragraph (or numbering) style, with what it inherits
// not yet resolved.
type wordStyle struct {
	id, name, basedOn string
	numID, ilvl       string // from w:pPr/w:numPr; "" when not set
	ind               wordIndent
	outline           int // w:outlineLvl + 1; 0 when not set
}

// wordIndent is a w:ind in twips; the has fields say which were set.
type wordIndent struct {
	left, firstLine       int // firstLine is negative for a hanging indent
	hasLeft, hasFirstLine bool
}

// merge fills what i does not set from o.
func (i *wordIndent) merge(o wordIndent) {
	if !i.hasLeft && o.hasLeft {
		i.left, i.hasLeft = o.left, true
	}
	if !i.hasFirstLine && o.hasFirstLine {
		i.firstLine, i.hasFirstLine = o.firstLine, true
	}
}

// counter is the running number of one level.
type counter struct {
	value int
	fresh bool // the next paragraph takes value itself, not value+1
}

// wordNumbering numbers the paragraphs of one document.
type wordNumbering struct {
	abstracts    map[string]*wordAbstract
	nums         map[string]*wordNum
	styles       map[string]*wordStyle
	defaultStyle string
	counters     map[string]*[wordLevels]counter // by abstract id
	resolved     map[string]*paraStyle           // styles with their inheritance resolved
}

func newWordNumbering() *wordNumbering {
	return &wordNumbering{
		abstracts: map[string]*wordAbstract{},
		nums:      map[string]*wordNum{},
		styles:    map[string]*wordStyle{},
		counters:  map[string]*[wordLevels]counter{},
		resolved:  map[string]*paraStyle{},
	}
}

// paraStyle is what a paragraph style gives its paragraphs.
type paraStyle struct {
	numID, ilvl string
	ind         wordIndent
	heading     int  // 1 to 6, or 0
	toc         bool // a style of table of contents entries
}

// style resolves a paragraph style with everything it inherits.
func (n *wordNumbering) style(id string) *paraStyle {
	if id == "" {
		id = n.defaultStyle
	}
	if ps, ok := n.resolved[id]; ok {
		return ps
	}
	ps := &paraStyle{}
	seen := map[string]bool{}
	for s, depth := n.styles[id], 0; s != nil && !seen[s.id] && depth < 32; s, depth = n.styles[s.basedOn], depth+1 {
		seen[s.id] = true
		if ps.numID == "" {
			ps.numID = s.numID
		}
		if ps.ilvl == "" {
			ps.ilvl = s.ilvl
		}
		ps.ind.merge(s.ind)
		if ps.heading == 0 {
			ps.heading = styleHeading(s)
		}
	}
	if s := n.styles[id]; s != nil {
		ps.toc = tocStyle(s.name)
	}
	n.resolved[id] = ps
	return ps
}

// styleHeading is the heading depth a style gives: its outline level, or
// the number in a name such as "heading 2"; "Title" is a first-level
// heading.
func styleHeading(s *wordStyle) int {
	if s.outline > 0 && s.outline <= 9 {
		return min(s.outline, 6)
	}
	name := strings.ToLower(strings.TrimSpace(s.name))
	if name == "title" {
		return 1
	}
	if rest, ok := strings.CutPrefix(name, "heading"); ok {
		if d, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && d >= 1 && d <= 9 {
			return min(d, 6)
		}
	}
	return 0
}

// tocStyle reports the names of the styles of table of contents entries:
// Word's "toc 1" and LibreOffice's "Contents 1".
func tocStyle(name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, prefix := range []string{"toc ", "contents "} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			if _, err := strconv.Atoi(rest); err == nil {
				return true
			}
		}
	}
	return false
}

// levels returns the effective levels of a w:num and the id of the
// abstract numbering that counts them.
func (n *wordNumbering) levels(num *wordNum) ([wordLevels]*wordLevel, string) {
	var levels [wordLevels]*wordLevel
	abs := n.abstracts[num.abstract]
	// An abstract that only links to a numbering style takes the levels
	// of the abstract that the style's numbering uses.
	for hops := 0; abs != nil && abs.styleLink != "" && hops < 4; hops++ {
		st := n.styles[abs.styleLink]
		if st == nil || n.nums[st.numID] == nil {
			break
		}
		next := n.abstracts[n.nums[st.numID].abstract]
		if next == nil || next == abs {
			break
		}
		abs = next
	}
	id := num.abstract
	if abs != nil {
		levels = abs.levels
		id = abs.id
	}
	for k, ov := range num.overrides {
		if ov != nil && ov.level != nil {
			levels[k] = ov.level
		}
	}
	return levels, id
}

// next numbers a paragraph at level ilvl of numbering numID and returns
// its label ("3.", "(b)", "2.1"), "•" for a bullet, or "" when the
// numbering shows nothing.
func (n *wordNumbering) next(numID string, ilvl int) string {
	num := n.nums[numID]
	if num == nil || ilvl < 0 || ilvl >= wordLevels {
		return ""
	}
	levels, absID := n.levels(num)
	lv := levels[ilvl]
	if lv == nil {
		return ""
	}
	ctr := n.counters[absID]
	if ctr == nil {
		ctr = new([wordLevels]counter)
		for k := range ctr {
			ctr[k] = counter{value: levelStart(levels[k], num.overrides[k]), fresh: true}
		}
		n.counters[absID] = ctr
	}
	if !num.used {
		num.used = true
		for k, ov := range num.overrides {
			if ov != nil && ov.hasStart {
				ctr[k] = counter{value: ov.start, fresh: true}
			}
		}
	}
	if c := &ctr[ilvl]; c.fresh {
		c.fresh = false
	} else if c.value < 1e9 {
		c.value++
	}
	for m := ilvl + 1; m < wordLevels; m++ {
		restart := -1
		if levels[m] != nil {
			restart = levels[m].restart
		}
		if restart < 0 || (restart > 0 && ilvl < restart) {
			ctr[m] = counter{value: levelStart(levels[m], num.overrides[m]), fresh: true}
		}
	}
	if lv.format == fmtBullet {
		return "•"
	}
	return renderLevelText(lv, levels, ctr, ilvl)
}

// levelStart is where a level starts: the override's start, the level's
// w:start, or 0 (Word's default when w:start is absent).
func levelStart(lv *wordLevel, ov *wordOverride) int {
	switch {
	case ov != nil && ov.hasStart:
		return ov.start
	case lv != nil:
		return lv.start
	}
	return 0
}

// renderLevelText replaces %1 to %9 in a level's text.
func renderLevelText(lv *wordLevel, levels [wordLevels]*wordLevel, ctr *[wordLevels]counter, ilvl int) string {
	text := lv.text
	if !strings.Contains(text, "%") {
		return strings.TrimSpace(text)
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '%' || i+1 >= len(text) || text[i+1] < '1' || text[i+1] > '9' {
			b.WriteByte(c)
			continue
		}
		k := int(text[i+1] - '1')
		i++
		if k > ilvl {
			continue // a deeper level than the paragraph's: Word shows nothing
		}
		format := fmtDecimal
		if levels[k] != nil && !lv.legal {
			format = levels[k].format
		}
		if format == fmtBullet {
			format = fmtDecimal
		}
		b.WriteString(formatNumber(ctr[k].value, format))
	}
	return strings.TrimSpace(b.String())
}

// wordFormat maps w:numFmt to the formats of formatNumber.
func wordFormat(v string) string {
	switch v {
	case "decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet", "none":
		return v
	case "":
		return fmtDecimal
	}
	return fmtDecimal // ordinals, number words, other scripts
}
