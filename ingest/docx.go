package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"

	"parley"
)

// maxZipFiles bounds the entries of a Word document's ZIP archive. A
// .docx holds a few dozen parts, a few hundred with images; what it
// unpacks is bounded by MaxBytes.
const maxZipFiles = 10_000

// Namespaces of WordprocessingML (transitional and strict) and of markup
// compatibility.
const (
	nsWord       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsCompat     = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// docxArchive is an open .docx with a budget of bytes it may still
// unpack, so that a small archive that unpacks to gigabytes (a zip bomb)
// is refused after MaxBytes.
type docxArchive struct {
	name  string
	files map[string]*zip.File // by lower-case part name
	left  int64
}

// readDOCX reads a Word document into plain lines: the paragraphs of its
// main part (word/document.xml, or what _rels/.rels names) with the
// numbers Word's list numbering gives them (word/numbering.xml and
// word/styles.xml).
//
// Text is read as Word shows it with all tracked changes accepted:
// deleted text (w:del, w:moveFrom) is left out and inserted text kept, a
// deleted paragraph mark joins its paragraph to the next one, and hidden
// text (w:vanish), field codes, drawings, text boxes, footnotes, comments,
// headers and footers are left out. Paragraphs become blocks; w:br and
// w:cr break the line, w:tab is a space; the cells of a table row that
// hold one plain paragraph each are read as one line. Headings (outline
// levels, "heading N" styles) are shown to the segmenter as Markdown
// headings. A paragraph's indentation comes from its w:ind (from the
// paragraph, its list level or its style), one column per 144 twips,
// and at least three columns per list level.
func readDOCX(name string, body []byte) (*plainWriter, error) {
	a, err := openDOCX(name, body)
	if err != nil {
		return nil, err
	}
	mainPart := a.mainPart()
	doc, err := a.read(mainPart)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, parley.Errorf(parley.EINVALID, "%s is a ZIP archive but not a Word document: it has no %s", name, mainPart)
	}
	num := newWordNumbering()
	rels := a.relationships(mainPart)
	stylesPart := rels.target("/styles", path.Join(path.Dir(mainPart), "styles.xml"))
	if data, err := a.read(stylesPart); err != nil {
		return nil, err
	} else if data != nil {
		if err := readStyles(data, num); err != nil {
			return nil, parley.Errorf(parley.EINVALID, "%s is damaged: %s: %v", name, stylesPart, err)
		}
	}
	numberingPart := rels.target("/numbering", path.Join(path.Dir(mainPart), "numbering.xml"))
	if data, err := a.read(numberingPart); err != nil {
		return nil, err
	} else if data != nil {
		if err := readNumbering(data, num); err != nil {
			return nil, parley.Errorf(parley.EINVALID, "%s is damaged: %s: %v", name, numberingPart, err)
		}
	}
	w := &plainWriter{}
	if err := readWordDocument(doc, num, w); err != nil {
		return nil, parley.Errorf(parley.EINVALID, "%s is damaged: %s: %v", name, mainPart, err)
	}
	return w, nil
}

// openDOCX opens the ZIP archive, refusing one with more than maxZipFiles
// entries before reading its directory.
func openDOCX(name string, body []byte) (*docxArchive, error) {
	if !bytes.HasPrefix(body, []byte("PK")) {
		what := "it is not a ZIP archive"
		if kind := formatKind(body); kind != "" {
			what += "; it looks like " + kind
		}
		return nil, parley.Errorf(parley.EINVALID, "%s is not a Word (.docx) document: %s", name, what)
	}
	if n, ok := zipEntries(body); ok && n > maxZipFiles {
		return nil, parley.Errorf(parley.ETOOLARGE, "%s is a ZIP archive of %s files; a Word document has far fewer (the limit is %s)", name, thousands(n), thousands(maxZipFiles))
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, parley.Errorf(parley.EINVALID, "%s is not a readable Word document: the ZIP archive is damaged (%v)", name, err)
	}
	if len(zr.File) > maxZipFiles {
		return nil, parley.Errorf(parley.ETOOLARGE, "%s is a ZIP archive of %s files; a Word document has far fewer (the limit is %s)", name, thousands(len(zr.File)), thousands(maxZipFiles))
	}
	a := &docxArchive{name: name, files: make(map[string]*zip.File, len(zr.File)), left: MaxBytes}
	for _, f := range zr.File {
		key := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := a.files[key]; !dup {
			a.files[key] = f
		}
	}
	return a, nil
}

// zipEntries reads the number of entries from the end of central
// directory record, when there is one in the last 64 KiB.
func zipEntries(body []byte) (int, bool) {
	const eocdLen = 22
	from := max(0, len(body)-eocdLen-0xFFFF)
	i := bytes.LastIndex(body[from:], []byte("PK\x05\x06"))
	if i < 0 || from+i+eocdLen > len(body) {
		return 0, false
	}
	rec := body[from+i:]
	n := int(binary.LittleEndian.Uint16(rec[10:]))
	if n == 0xFFFF {
		// ZIP64: bound the count by the directory's size instead (46
		// bytes at least per entry).
		size := binary.LittleEndian.Uint32(rec[12:])
		if size == 0xFFFFFFFF {
			return 0, false
		}
		return int(size / 46), true
	}
	return n, true
}

// read unpacks one part, or returns nil when the archive does not have it.
func (a *docxArchive) read(part string) ([]byte, error) {
	f := a.files[strings.ToLower(part)]
	if f == nil {
		return nil, nil
	}
	if f.Flags&0x1 != 0 {
		return nil, parley.Errorf(parley.EINVALID, "%s is encrypted (%s); save it without a password", a.name, f.Name)
	}
	if f.UncompressedSize64 > uint64(a.left) {
		return nil, a.bomb(f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		if errors.Is(err, zip.ErrAlgorithm) {
			return nil, parley.Errorf(parley.EINVALID, "%s: %s uses a compression method parley does not read", a.name, f.Name)
		}
		return nil, parley.Errorf(parley.EINVALID, "%s is not a readable Word document: %s is damaged (%v)", a.name, f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, a.left+1))
	if int64(len(data)) > a.left {
		return nil, a.bomb(f.Name)
	}
	if err != nil {
		return nil, parley.Errorf(parley.EINVALID, "%s is not a readable Word document: %s is damaged (%v)", a.name, f.Name, err)
	}
	a.left -= int64(len(data))
	return data, nil
}

func (a *docxArchive) bomb(part string) error {
	return parley.Errorf(parley.ETOOLARGE, "%s unpacks to more than %s (at %s); a Word document's text is far smaller, so it is refused (a zip bomb?)", a.name, sizeString(MaxBytes), part)
}

// mainPart is the part _rels/.rels names as the office document, or
// word/document.xml.
func (a *docxArchive) mainPart() string {
	const fallback = "word/document.xml"
	target := a.relationships("").target("/officeDocument", "")
	if target == "" || a.files[strings.ToLower(target)] == nil {
		return fallback
	}
	return target
}

// relationships reads the relationships of a part ("" for the package).
// A missing or unreadable relationships part gives none: the parts are
// then looked for where Word puts them.
func (a *docxArchive) relationships(part string) rels {
	relsPath := "_rels/.rels"
	if part != "" {
		relsPath = path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	}
	data, err := a.read(relsPath)
	if err != nil || data == nil {
		return rels{}
	}
	var doc struct {
		Relationships []struct {
			Type       string `xml:"Type,attr"`
			Target     string `xml:"Target,attr"`
			TargetMode string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(data, &doc) != nil {
		return rels{}
	}
	r := rels{}
	for _, rel := range doc.Relationships {
		if rel.TargetMode == "External" {
			continue
		}
		target := rel.Target
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(path.Dir(part), target)
		}
		r = append(r, [2]string{rel.Type, path.Clean(target)})
	}
	return r
}

// rels are relationships: type and target part.
type rels [][2]string

// target returns the target of the first relationship whose type ends in
// suffix, or fallback.
func (r rels) target(suffix, fallback string) string {
	for _, rel := range r {
		if strings.HasSuffix(rel[0], suffix) {
			return rel[1]
		}
	}
	return fallback
}

// xmlVal is an element whose w:val attribute is its value.
type xmlVal struct {
	Val *string `xml:"val,attr"`
}

// on reads a WordprocessingML on/off property: present and not "0",
// "false" or "off".
func (v *xmlVal) on() bool {
	if v == nil {
		return false
	}
	if v.Val == nil {
		return true
	}
	switch *v.Val {
	case "0", "false", "off":
		return false
	}
	return true
}

func (v *xmlVal) str() string {
	if v == nil || v.Val == nil {
		return ""
	}
	return strings.TrimSpace(*v.Val)
}

// integer reads the value as a whole number within ±1e9.
func (v *xmlVal) integer() (int, bool) {
	n, err := strconv.Atoi(v.str())
	if err != nil || n > 1e9 || n < -1e9 {
		return 0, false
	}
	return n, true
}

type xmlInd struct {
	Left      *string `xml:"left,attr"`
	Start     *string `xml:"start,attr"`
	Hanging   *string `xml:"hanging,attr"`
	FirstLine *string `xml:"firstLine,attr"`
}

// indent reads a w:ind. Measures with units ("0.5in") are not read.
func (x *xmlInd) indent() wordIndent {
	var ind wordIndent
	if x == nil {
		return ind
	}
	twips := func(s *string) (int, bool) {
		if s == nil {
			return 0, false
		}
		n, err := strconv.Atoi(strings.TrimSpace(*s))
		if err != nil || n > 1e6 || n < -1e6 {
			return 0, false
		}
		return n, true
	}
	if n, ok := twips(x.Start); ok {
		ind.left, ind.hasLeft = n, true
	} else if n, ok := twips(x.Left); ok {
		ind.left, ind.hasLeft = n, true
	}
	if n, ok := twips(x.Hanging); ok {
		ind.firstLine, ind.hasFirstLine = -n, true
	} else if n, ok := twips(x.FirstLine); ok {
		ind.firstLine, ind.hasFirstLine = n, true
	}
	return ind
}

type xmlLevel struct {
	Ilvl    *string `xml:"ilvl,attr"`
	Start   *xmlVal `xml:"start"`
	NumFmt  *xmlVal `xml:"numFmt"`
	LvlText *xmlVal `xml:"lvlText"`
	Restart *xmlVal `xml:"lvlRestart"`
	IsLgl   *xmlVal `xml:"isLgl"`
	PStyle  *xmlVal `xml:"pStyle"`
	PPr     struct {
		Ind *xmlInd `xml:"ind"`
	} `xml:"pPr"`
}

func (x *xmlLevel) level() (int, *wordLevel) {
	k := -1
	if x.Ilvl != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(*x.Ilvl)); err == nil && n >= 0 && n < wordLevels {
			k = n
		}
	}
	lv := &wordLevel{format: wordFormat(x.NumFmt.str()), restart: -1, legal: x.IsLgl.on(), pStyle: x.PStyle.str(), ind: x.PPr.Ind.indent()}
	if n, ok := x.Start.integer(); ok {
		lv.start = n
	}
	if x.LvlText != nil && x.LvlText.Val != nil {
		lv.text = *x.LvlText.Val
	}
	if n, ok := x.Restart.integer(); ok && n >= 0 {
		lv.restart = n
	}
	return k, lv
}

// readNumbering reads word/numbering.xml into num.
func readNumbering(data []byte, num *wordNumbering) error {
	var doc struct {
		Abstracts []struct {
			ID           *string    `xml:"abstractNumId,attr"`
			NumStyleLink *xmlVal    `xml:"numStyleLink"`
			Levels       []xmlLevel `xml:"lvl"`
		} `xml:"abstractNum"`
		Nums []struct {
			ID        *string `xml:"numId,attr"`
			Abstract  *xmlVal `xml:"abstractNumId"`
			Overrides []struct {
				Ilvl          *string   `xml:"ilvl,attr"`
				StartOverride *xmlVal   `xml:"startOverride"`
				Level         *xmlLevel `xml:"lvl"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
	if err := unmarshalXML(data, &doc); err != nil {
		return err
	}
	for _, x := range doc.Abstracts {
		if x.ID == nil {
			continue
		}
		abs := &wordAbstract{id: strings.TrimSpace(*x.ID), styleLink: x.NumStyleLink.str()}
		for i := range x.Levels {
			if k, lv := x.Levels[i].level(); k >= 0 {
				abs.levels[k] = lv
			}
		}
		if _, dup := num.abstracts[abs.id]; !dup {
			num.abstracts[abs.id] = abs
		}
	}
	for _, x := range doc.Nums {
		if x.ID == nil {
			continue
		}
		n := &wordNum{abstract: x.Abstract.str()}
		for _, o := range x.Overrides {
			if o.Ilvl == nil {
				continue
			}
			k, err := strconv.Atoi(strings.TrimSpace(*o.Ilvl))
			if err != nil || k < 0 || k >= wordLevels {
				continue
			}
			ov := &wordOverride{}
			if s, ok := o.StartOverride.integer(); ok {
				ov.start, ov.hasStart = s, true
			}
			if o.Level != nil {
				_, ov.level = o.Level.level()
			}
			n.overrides[k] = ov
		}
		id := strings.TrimSpace(*x.ID)
		if _, dup := num.nums[id]; !dup {
			num.nums[id] = n
		}
	}
	return nil
}

// readStyles reads the paragraph and numbering styles of word/styles.xml.
func readStyles(data []byte, num *wordNumbering) error {
	var doc struct {
		Styles []struct {
			Type    string  `xml:"type,attr"`
			ID      string  `xml:"styleId,attr"`
			Default string  `xml:"default,attr"`
			Name    *xmlVal `xml:"name"`
			BasedOn *xmlVal `xml:"basedOn"`
			PPr     struct {
				NumPr *struct {
					Ilvl  *xmlVal `xml:"ilvl"`
					NumID *xmlVal `xml:"numId"`
				} `xml:"numPr"`
				Ind        *xmlInd `xml:"ind"`
				OutlineLvl *xmlVal `xml:"outlineLvl"`
			} `xml:"pPr"`
		} `xml:"style"`
	}
	if err := unmarshalXML(data, &doc); err != nil {
		return err
	}
	for _, x := range doc.Styles {
		if x.Type != "" && x.Type != "paragraph" && x.Type != "numbering" {
			continue
		}
		s := &wordStyle{id: x.ID, name: x.Name.str(), basedOn: x.BasedOn.str(), ind: x.PPr.Ind.indent()}
		if np := x.PPr.NumPr; np != nil {
			s.numID, s.ilvl = np.NumID.str(), np.Ilvl.str()
		}
		if n, ok := x.PPr.OutlineLvl.integer(); ok && n >= 0 && n < 9 {
			s.outline = n + 1
		}
		if _, dup := num.styles[s.id]; !dup {
			num.styles[s.id] = s
		}
		if x.Type != "numbering" && (x.Default == "1" || x.Default == "true" || x.Default == "on") && num.defaultStyle == "" {
			num.defaultStyle = s.id
		}
	}
	return nil
}

// unmarshalXML decodes a part, which may be UTF-8 or UTF-16.
func unmarshalXML(data []byte, v any) error {
	d := newXMLDecoder(data)
	return d.Decode(v)
}

// newXMLDecoder reads a part as UTF-8, converting UTF-16 (which XML
// parts may be in, with a byte order mark) first.
func newXMLDecoder(data []byte) *xml.Decoder {
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		data = utf16ToUTF8(data)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "utf-16", "utf16", "unicode", "us-ascii", "ascii":
			return input, nil // UTF-16 was converted above
		}
		return nil, fmt.Errorf("encoding %q is not supported", label)
	}
	return d
}

// utf16ToUTF8 converts UTF-16 with a byte order mark to UTF-8.
func utf16ToUTF8(data []byte) []byte {
	big := data[0] == 0xFE
	data = data[2:]
	u := make([]uint16, len(data)/2)
	for i := range u {
		if big {
			u[i] = binary.BigEndian.Uint16(data[2*i:])
		} else {
			u[i] = binary.LittleEndian.Uint16(data[2*i:])
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// wordPara is a paragraph being read.
type wordPara struct {
	text        strings.Builder
	style       string
	numID, ilvl string
	hasNumID    bool
	hasIlvl     bool
	ind         wordIndent
	outline     int
	markDeleted bool // the paragraph mark is deleted: it joins the next
	hidden      bool // the paragraph mark is hidden
	row         int  // how many table rows were open when it started
}

// wordRow is an open table row: its paragraphs, and the cell of each.
type wordRow struct {
	blocks []block
	cells  []int
	plain  bool // every paragraph unnumbered and not a heading
	cell   int
}

// wordReader walks word/document.xml.
type wordReader struct {
	num      *wordNumbering
	w        *plainWriter
	stack    []xml.Name // open elements
	skip     int        // depth inside an element whose text is left out
	paras    []*wordPara
	rows     []*wordRow
	inText   bool
	inInstr  bool
	hiddenRn bool            // the open run is hidden
	carry    strings.Builder // text of paragraphs whose mark was deleted
	fields   []wordField
}

// wordField is an open field. The results of TOC fields (a table of
// contents, which repeats the headings and their numbers) are left out.
type wordField struct {
	instr  strings.Builder
	result bool // past its instruction
	simple bool // w:fldSimple
}

// writing reports whether text at this point is part of the document's
// text.
func (r *wordReader) writing() bool {
	if r.skip > 0 || r.hiddenRn || len(r.paras) == 0 {
		return false
	}
	for i := range r.fields {
		if f := &r.fields[i]; f.result && isTOCField(f.instr.String()) {
			return false
		}
	}
	return true
}

func isTOCField(instr string) bool {
	f := strings.Fields(instr)
	return len(f) > 0 && strings.EqualFold(f[0], "TOC")
}

func readWordDocument(data []byte, num *wordNumbering, w *plainWriter) error {
	r := &wordReader{num: num, w: w}
	d := newXMLDecoder(data)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			r.start(t)
		case xml.EndElement:
			r.end(t)
		case xml.CharData:
			switch {
			case r.inInstr && r.skip == 0 && len(r.fields) > 0:
				if f := &r.fields[len(r.fields)-1]; f.instr.Len() < 256 {
					f.instr.Write(t)
				}
			case r.inText && r.writing():
				r.paras[len(r.paras)-1].text.Write(t)
			}
		}
	}
	if r.carry.Len() > 0 {
		r.w.add(block{text: r.carry.String(), lead: true})
	}
	return nil
}

func isWord(n xml.Name) bool { return n.Space == nsWord || n.Space == nsWordStrict }

// parent returns the local name of the k-th open element from the top
// (0: the innermost) when it is a WordprocessingML element.
func (r *wordReader) parent(k int) string {
	if k >= len(r.stack) || !isWord(r.stack[len(r.stack)-1-k]) {
		return ""
	}
	return r.stack[len(r.stack)-1-k].Local
}

func (r *wordReader) para() *wordPara {
	if len(r.paras) == 0 {
		return nil
	}
	return r.paras[len(r.paras)-1]
}

func (r *wordReader) start(t xml.StartElement) {
	defer func() { r.stack = append(r.stack, t.Name) }()
	if r.skip > 0 {
		r.skip++
		return
	}
	if t.Name.Space == nsCompat && t.Name.Local == "Fallback" {
		r.skip = 1
		return
	}
	if !isWord(t.Name) {
		return
	}
	p := r.para()
	switch t.Name.Local {
	case "del", "moveFrom":
		if p != nil && r.parent(0) == "rPr" && r.parent(1) == "pPr" {
			p.markDeleted = true
		}
		r.skip = 1
	case "delText", "delInstrText", "pPrChange", "rPrChange", "sectPrChange", "tblPrChange",
		"trPrChange", "tcPrChange", "numberingChange", "drawing", "pict", "object", "footnoteReference",
		"endnoteReference", "commentReference", "txbxContent":
		r.skip = 1
	case "p":
		r.paras = append(r.paras, &wordPara{row: len(r.rows)})
	case "tr":
		r.rows = append(r.rows, &wordRow{plain: true, cell: -1})
	case "tc":
		if k := len(r.rows) - 1; k >= 0 && r.parent(0) == "tr" {
			r.rows[k].cell++
		}
	case "r":
		r.hiddenRn = false
	case "t":
		r.inText = r.parent(0) == "r"
	case "instrText":
		r.inInstr = r.parent(0) == "r"
	case "fldChar":
		if r.parent(0) != "r" {
			break
		}
		switch v := attrVal(t, "fldCharType"); {
		case v == nil:
		case *v == "begin":
			if len(r.fields) < 64 {
				r.fields = append(r.fields, wordField{})
			}
		case *v == "separate":
			if k := len(r.fields) - 1; k >= 0 {
				r.fields[k].result = true
			}
		case *v == "end":
			if k := len(r.fields) - 1; k >= 0 && !r.fields[k].simple {
				r.fields = r.fields[:k]
			}
		}
	case "fldSimple":
		f := wordField{result: true, simple: true}
		if v := attrVal(t, "instr"); v != nil {
			f.instr.WriteString(*v)
		}
		r.fields = append(r.fields, f)
	case "tab", "ptab":
		if r.parent(0) == "r" && r.writing() {
			p.text.WriteByte('\t')
		}
	case "br", "cr":
		if r.parent(0) == "r" && r.writing() {
			p.text.WriteByte('\n')
		}
	case "noBreakHyphen":
		if r.parent(0) == "r" && r.writing() {
			p.text.WriteByte('-')
		}
	case "vanish", "specVanish":
		if !(&xmlVal{Val: attrVal(t, "val")}).on() {
			break
		}
		switch {
		case r.parent(0) == "rPr" && r.parent(1) == "r":
			r.hiddenRn = true
		case p != nil && r.parent(0) == "rPr" && r.parent(1) == "pPr":
			p.hidden = true
		}
	}
	if p == nil || r.parent(0) != "pPr" && !(r.parent(0) == "numPr" && r.parent(1) == "pPr") {
		return
	}
	val := attrVal(t, "val")
	switch t.Name.Local {
	case "pStyle":
		if val != nil {
			p.style = *val
		}
	case "ilvl":
		if val != nil && r.parent(0) == "numPr" {
			p.ilvl, p.hasIlvl = strings.TrimSpace(*val), true
		}
	case "numId":
		if val != nil && r.parent(0) == "numPr" {
			p.numID, p.hasNumID = strings.TrimSpace(*val), true
		}
	case "ind":
		x := xmlInd{Left: attrVal(t, "left"), Start: attrVal(t, "start"), Hanging: attrVal(t, "hanging"), FirstLine: attrVal(t, "firstLine")}
		p.ind = x.indent()
	case "outlineLvl":
		if n, ok := (&xmlVal{Val: val}).integer(); ok && n >= 0 && n < 9 {
			p.outline = n + 1
		}
	}
}

func attrVal(t xml.StartElement, local string) *string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || a.Name.Space == nsWord || a.Name.Space == nsWordStrict) {
			v := a.Value
			return &v
		}
	}
	return nil
}

func (r *wordReader) end(t xml.EndElement) {
	if len(r.stack) > 0 {
		r.stack = r.stack[:len(r.stack)-1]
	}
	if r.skip > 0 {
		r.skip--
		return
	}
	if !isWord(t.Name) {
		return
	}
	switch t.Name.Local {
	case "t":
		r.inText = false
	case "instrText":
		r.inInstr = false
	case "fldSimple":
		if k := len(r.fields) - 1; k >= 0 && r.fields[k].simple {
			r.fields = r.fields[:k]
		}
	case "r":
		r.hiddenRn = false
	case "p":
		if k := len(r.paras) - 1; k >= 0 {
			p := r.paras[k]
			r.paras = r.paras[:k]
			r.paragraph(p)
		}
	case "tr":
		if k := len(r.rows) - 1; k >= 0 {
			row := r.rows[k]
			r.rows = r.rows[:k]
			r.row(row)
		}
	}
}

// paragraph numbers a finished paragraph and writes it, or keeps it for
// its table row.
func (r *wordReader) paragraph(p *wordPara) {
	ps := r.num.style(p.style)
	if p.hidden || ps.toc {
		return
	}
	text := p.text.String()
	if p.markDeleted {
		r.carry.WriteString(text)
		return
	}
	if r.carry.Len() > 0 {
		r.carry.WriteString(text)
		text = r.carry.String()
		r.carry.Reset()
	}
	numID, ilvlStr := ps.numID, ps.ilvl
	if p.hasNumID {
		numID = p.numID
	}
	if p.hasIlvl {
		ilvlStr = p.ilvl
	}
	label, ilvl := "", 0
	numbered := numID != "" && numID != "0"
	if numbered {
		ilvl = r.levelOf(numID, ilvlStr, p)
		label = r.num.next(numID, ilvl)
	}
	heading := ps.heading
	if p.outline > 0 {
		heading = min(p.outline, 6)
	}
	ind := p.ind
	if numbered {
		if num := r.num.nums[numID]; num != nil {
			levels, _ := r.num.levels(num)
			if lv := levels[ilvl]; lv != nil {
				ind.merge(lv.ind)
			}
		}
	}
	ind.merge(ps.ind)
	col := max(ind.left+ind.firstLine, 0) / 144
	if numbered {
		col = max(col, 3*ilvl)
	}
	if heading > 0 {
		col = 0
	}
	bl := block{indent: col, cont: col, heading: heading, label: label, text: text, lead: true}
	if label != "" {
		bl.cont = col + 4
	}
	if k := len(r.rows) - 1; k >= 0 && p.row == len(r.rows) {
		row := r.rows[k]
		if strings.TrimSpace(text) != "" || label != "" {
			row.blocks = append(row.blocks, bl)
			row.cells = append(row.cells, row.cell)
			if label != "" || heading > 0 || strings.Contains(strings.TrimSpace(text), "\n") {
				row.plain = false
			}
		}
		return
	}
	r.w.add(bl)
}

// levelOf is the list level of a numbered paragraph: its w:ilvl, or for a
// paragraph numbered by its style, the level linked to the style.
func (r *wordReader) levelOf(numID, ilvl string, p *wordPara) int {
	if ilvl != "" {
		if n, err := strconv.Atoi(ilvl); err == nil && n >= 0 && n < wordLevels {
			return n
		}
		return 0
	}
	style := p.style
	if style == "" {
		style = r.num.defaultStyle
	}
	if num := r.num.nums[numID]; num != nil && style != "" {
		levels, _ := r.num.levels(num)
		for k, lv := range levels {
			if lv != nil && lv.pStyle == style {
				return k
			}
		}
	}
	return 0
}

// row writes a finished table row: as one line when each cell holds one
// plain paragraph, or else paragraph by paragraph.
func (r *wordReader) row(row *wordRow) {
	oneEach := row.plain
	for i := 1; i < len(row.cells) && oneEach; i++ {
		if row.cells[i] == row.cells[i-1] {
			oneEach = false
		}
	}
	if oneEach && len(row.blocks) > 1 {
		parts := make([]string, len(row.blocks))
		for i, bl := range row.blocks {
			parts[i] = strings.TrimSpace(bl.text)
		}
		r.add(block{indent: row.blocks[0].indent, cont: row.blocks[0].indent, text: strings.Join(parts, " ")})
		return
	}
	for _, bl := range row.blocks {
		r.add(bl)
	}
}

// add writes a block, or gives it to the enclosing table row.
func (r *wordReader) add(bl block) {
	if k := len(r.rows) - 1; k >= 0 {
		row := r.rows[k]
		row.blocks = append(row.blocks, bl)
		row.cells = append(row.cells, row.cell)
		row.plain = false
		return
	}
	r.w.add(bl)
}
