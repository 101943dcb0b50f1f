package ingest

import (
	"bytes"
	"encoding/json"
	"strings"

	"parley"
)

// parley's JSON of a version ("parley export --format json", and "parley
// show --format json", which has the same points) is read back to its
// points as they are: paths, labels, headings and texts, in the order
// given, with the preamble, the label and the date. Other fields (ids,
// sources, lines) are not read: the lines are those of the text written
// for the document (see structured).

// versionFile is what parley's JSON of a version holds that import reads.
type versionFile struct {
	Label    string       `json:"label"`
	Date     string       `json:"date"`
	Preamble string       `json:"preamble"`
	Points   *[]pointFile `json:"points"`
}

type pointFile struct {
	Path    []string `json:"path"`
	Label   string   `json:"label"`
	Heading string   `json:"heading"`
	Text    string   `json:"text"`
}

// readJSON reads parley's JSON of a version.
func readJSON(name string, body []byte) (*structured, error) {
	if err := checkEncoding(name, body); err != nil {
		return nil, err
	}
	var f versionFile
	d := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))))
	if err := d.Decode(&f); err != nil {
		return nil, parley.Errorf(parley.EINVALID, "cannot read %s as parley's JSON of a version: %v", name, err)
	}
	if f.Points == nil {
		return nil, parley.Errorf(parley.EINVALID, "%s is JSON but not parley's JSON of a version: it has no \"points\" list", name)
	}
	s := &structured{label: strings.TrimSpace(f.Label), preamble: normalizeValid(sanitize(f.Preamble))}
	if _, err := parley.ParseDate(f.Date); err == nil {
		s.date = f.Date
	}
	for i, p := range *f.Points {
		if len(p.Path) == 0 {
			return nil, parley.Errorf(parley.EINVALID, "%s: point %d (%q) has no path", name, i+1, p.Label)
		}
		s.addPoint(parley.Point{
			Path: p.Path, Label: sanitize(p.Label), Heading: sanitize(p.Heading), Text: normalizeValid(sanitize(p.Text)),
		}, "")
	}
	s.eids = nil
	return s, nil
}

// looksLikeJSON reports a body that is a JSON object with a "points" key
// near its start, as parley's JSON of a version is.
func looksLikeJSON(body []byte) bool {
	s := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return bytes.HasPrefix(s, []byte("{")) && bytes.Contains(body, []byte(`"points"`)) && json.Valid(body)
}
