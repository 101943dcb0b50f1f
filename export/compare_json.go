package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"
)

// WriteJSON writes a comparison as compact JSON, the same document
// encoding/json would write, by hand: a comparison of two long texts runs to
// megabytes, and reflection would cost more than the alignment. The two
// point lists are written at once on two cores.
func WriteJSON(w io.Writer, c *Comparison) error {
	var oldBuf, newBuf []byte
	done := make(chan struct{})
	go func() {
		newBuf = appendPointList(make([]byte, 0, listSize(c.New)), c.New)
		close(done)
	}()
	oldBuf = appendPointList(make([]byte, 0, listSize(c.Old)), c.Old)
	<-done
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`{"old":`)
	bw.Write(oldBuf)
	bw.WriteString(`,"new":`)
	bw.Write(newBuf)
	bw.WriteString(`,"links":[`)
	var b []byte
	for k, l := range c.Links {
		b = b[:0]
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"old":`...)
		b = appendPaths(b, l.Old)
		b = append(b, `,"new":`...)
		b = appendPaths(b, l.New)
		b = append(b, `,"kind":`...)
		b = appendString(b, l.Kind)
		b = append(b, `,"similarity":`...)
		b = strconv.AppendFloat(b, l.Similarity, 'g', -1, 64)
		if l.Fixed {
			b = append(b, `,"fixed":true`...)
		}
		if len(l.Redline) > 0 {
			b = append(b, `,"redline":[`...)
			for n, op := range l.Redline {
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
		b = append(b, '}')
		bw.Write(b)
	}
	bw.WriteString(`],"summary":`)
	summary, err := json.Marshal(c.Summary)
	if err != nil {
		return err
	}
	bw.Write(summary)
	bw.WriteString("}\n")
	return bw.Flush()
}

// listSize estimates the bytes a point list takes in JSON.
func listSize(l PointList) int {
	n := 64
	for _, p := range l.Points {
		n += len(p.Text) + len(p.Heading) + len(p.Label) + 48 + 8*len(p.Path)
	}
	return n + n/16
}

func appendPointList(b []byte, l PointList) []byte {
	b = append(b, '{')
	if l.Label != "" {
		b = append(b, `"label":`...)
		b = appendString(b, l.Label)
		b = append(b, ',')
	}
	b = append(b, `"points":[`...)
	for k, p := range l.Points {
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
	}
	return append(b, "]}"...)
}

func appendPaths(b []byte, paths [][]string) []byte {
	b = append(b, '[')
	for k, p := range paths {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendPath(b, p)
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

// safeASCII marks the ASCII bytes a JSON string carries as they are.
var safeASCII = func() (t [utf8.RuneSelf]bool) {
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
		c := s[i]
		if c < utf8.RuneSelf {
			if safeASCII[c] {
				i++
				continue
			}
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
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
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
