package export

import (
	"bufio"
	"encoding/json"
	"io"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"parley"
	"parley/align"
)

// WriteJSON writes a comparison as compact JSON, the same document
// encoding/json would write, by hand: a comparison of two long texts runs to
// megabytes, and reflection would cost more than the alignment.
func WriteJSON(w io.Writer, c *Comparison) error {
	j := NewJSONWriter(w)
	j.bw.WriteString(`{"old":`)
	j.writeList(c.Old.Label, len(c.Old.Points), func(k int) PointJSON { return c.Old.Points[k] })
	j.bw.WriteString(`,"new":`)
	j.writeList(c.New.Label, len(c.New.Points), func(k int) PointJSON { return c.New.Points[k] })
	j.Warnings = c.Warnings
	return j.WriteLinks(c.Links, c.Summary)
}

// JSONWriter writes the document of WriteJSON in two parts: the two point
// lists, which need only the versions' points, and then the links and the
// summary, which need the alignment. A command can so write the point lists
// while the alignment runs. Each point and link goes straight into the
// buffer of a bufio.Writer: the document of two long texts runs to
// megabytes, and building it whole cost a page fault for every 4 KB.
type JSONWriter struct {
	bw *bufio.Writer
	// Warnings are written last, as the comparison's "warnings" (an
	// empty list when there are none). Set them before the links are
	// written.
	Warnings []WarningJSON
}

// NewJSONWriter returns a JSONWriter that writes to w.
func NewJSONWriter(w io.Writer) *JSONWriter {
	return &JSONWriter{bw: bufio.NewWriterSize(w, 1<<16)}
}

// WritePoints writes the start of the document: the points of both
// versions, as Compare lists them.
func (j *JSONWriter) WritePoints(oldLabel string, old []parley.Point, newLabel string, new []parley.Point) {
	j.bw.WriteString(`{"old":`)
	j.writeList(oldLabel, len(old), func(k int) PointJSON { return pointJSON(&old[k]) })
	j.bw.WriteString(`,"new":`)
	j.writeList(newLabel, len(new), func(k int) PointJSON { return pointJSON(&new[k]) })
}

// WriteLinks writes the rest of the document after WritePoints: the links
// (see CompareLinks) and the summary. It flushes the writer and returns the
// first error met in writing.
func (j *JSONWriter) WriteLinks(links []LinkJSON, summary Summary) error {
	j.bw.WriteString(`,"links":[`)
	for k, l := range links {
		// Appended in place to the free part of the writer's buffer,
		// when it fits there, and so never copied.
		j.bw.Write(appendLink(j.bw.AvailableBuffer(), l, k > 0))
	}
	return j.writeSummary(summary)
}

// linkChunk is how many links WriteAlignment gives a core at a time: enough
// to make handing them out cheap, few enough that the cores finish
// together and the chunks come in about the order they are written.
const linkChunk = 64

// WriteAlignment writes the rest of the document after WritePoints for an
// alignment, byte for byte as WriteLinks(CompareLinks(al), Summarize(al)).
// The cores take chunks of links in turn, write their redlines and encode
// them into a buffer each, while this goroutine writes the finished chunks
// in order: encoding the links is so shared out and overlaps the redlines
// instead of following them on one core, and no link outlives its chunk.
func (j *JSONWriter) WriteAlignment(al *align.Alignment) error {
	n := (len(al.Links) + linkChunk - 1) / linkChunk
	done := make([]chan *[]byte, n)
	for c := range done {
		done[c] = make(chan *[]byte, 1)
	}
	var next atomic.Int64
	// At most this many chunks are encoded and not yet written, so that
	// their buffers are reused instead of each taking fresh memory. The
	// chunks are taken in order, so the one the writer waits for is always
	// among them.
	ahead := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for {
				ahead <- struct{}{}
				c := int(next.Add(1) - 1)
				if c >= n {
					<-ahead
					return
				}
				buf := chunkBuffers.Get().(*[]byte)
				b := (*buf)[:0]
				for k := c * linkChunk; k < min(len(al.Links), (c+1)*linkChunk); k++ {
					// As appendLink(b, linkJSON(al, l)), without making
					// the lists of paths.
					l := al.Links[k]
					b = appendLinkOf(b, pathList{points: al.Old, idx: l.Old}, pathList{points: al.New, idx: l.New},
						l.Kind, l.Similarity, l.Confidence, l.Fixed, al.Redline(l), k > 0)
				}
				*buf = b
				done[c] <- buf
			}
		}()
	}
	j.bw.WriteString(`,"links":[`)
	for c := range done {
		buf := <-done[c]
		j.bw.Write(*buf)
		chunkBuffers.Put(buf)
		<-ahead
	}
	return j.writeSummary(Summarize(al))
}

// chunkBuffers recycles WriteAlignment's chunk buffers: only as many are
// in use as chunks are encoded and not yet written, a few at a time.
var chunkBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// writeSummary ends the document with the summary and the warnings, flushes the writer and
// returns the first error met in writing.
func (j *JSONWriter) writeSummary(summary Summary) error {
	j.bw.WriteString(`],"summary":`)
	s, err := json.Marshal(summary)
	if err != nil {
		return err
	}
	j.bw.Write(s)
	j.bw.WriteString(`,"warnings":`)
	ws := j.Warnings
	if ws == nil {
		ws = []WarningJSON{}
	}
	b, err := json.Marshal(ws)
	if err != nil {
		return err
	}
	j.bw.Write(b)
	j.bw.WriteString("}\n")
	return j.bw.Flush()
}

// appendLink appends one link's JSON to b, after a comma if comma is set.
func appendLink(b []byte, l LinkJSON, comma bool) []byte {
	return appendLinkOf(b, pathList{paths: l.Old}, pathList{paths: l.New}, l.Kind, l.Similarity, l.Confidence, l.Fixed, l.Redline, comma)
}

// pathList is the paths of one side of a link: given, or the paths of the
// points at the indexes idx.
type pathList struct {
	paths  [][]string
	points []parley.Point
	idx    []int
}

func (p pathList) len() int {
	if p.paths != nil {
		return len(p.paths)
	}
	return len(p.idx)
}

func (p pathList) at(k int) []string {
	if p.paths != nil {
		return p.paths[k]
	}
	return p.points[p.idx[k]].Path
}

// appendLinkOf appends the JSON of a link of these parts.
func appendLinkOf(b []byte, old, new pathList, kind string, similarity, confidence float64, fixed bool, redline []align.Op, comma bool) []byte {
	if comma {
		b = append(b, ',')
	}
	b = append(b, `{"old":`...)
	b = appendPaths(b, old)
	b = append(b, `,"new":`...)
	b = appendPaths(b, new)
	b = append(b, `,"kind":`...)
	b = appendString(b, kind)
	b = append(b, `,"similarity":`...)
	b = strconv.AppendFloat(b, similarity, 'g', -1, 64)
	b = append(b, `,"confidence":`...)
	b = strconv.AppendFloat(b, confidence, 'g', -1, 64)
	if fixed {
		b = append(b, `,"fixed":true`...)
	}
	if len(redline) > 0 {
		b = append(b, `,"redline":[`...)
		for n, op := range redline {
			if n > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"op":`...)
			b = appendString(b, op.Op)
			b = append(b, `,"text":`...)
			b = appendString(b, op.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// writeList writes one version's point list: n points, the k-th given by
// point(k).
func (j *JSONWriter) writeList(label string, n int, point func(k int) PointJSON) {
	j.bw.WriteByte('{')
	if label != "" {
		j.bw.WriteString(`"label":`)
		j.bw.Write(appendString(j.bw.AvailableBuffer(), label))
		j.bw.WriteByte(',')
	}
	j.bw.WriteString(`"points":[`)
	for k := range n {
		p := point(k)
		b := j.bw.AvailableBuffer()
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"path":`...)
		b = appendPath(b, p.Path)
		b = append(b, `,"label":`...)
		b = appendString(b, p.Label)
		if p.Heading != "" {
			b = append(b, `,"heading":`...)
			b = appendString(b, p.Heading)
		}
		b = append(b, `,"text":`...)
		b = appendString(b, p.Text)
		b = append(b, '}')
		j.bw.Write(b)
	}
	j.bw.WriteString("]}")
}

func appendPaths(b []byte, paths pathList) []byte {
	b = append(b, '[')
	for k := range paths.len() {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendPath(b, paths.at(k))
	}
	return append(b, ']')
}

func appendPath(b []byte, path []string) []byte {
	b = append(b, '[')
	for k, tok := range path {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendString(b, tok)
	}
	return append(b, ']')
}

const hex = "0123456789abcdef"

// safeASCII marks the ASCII bytes a JSON string carries as they are (and
// no byte of 0x80 or more, so that one look-up passes a plain byte).
var safeASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendString appends s as a JSON string, escaped as encoding/json does
// (including <, >, & and the line separators U+2028 and U+2029, and with
// invalid UTF-8 replaced by U+FFFD).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && safeASCII[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// Two bytes of valid UTF-8 (U+0080 to U+07FF, the accented
			// letters of most texts): carried as they are, undecoded.
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
