package export

import (
	"encoding/json"
	"io"
	"strings"

	"parley"
)

// Version is one stored version with what its exports print beside the
// text: the document and negotiation it belongs to, the drafting party and
// actors, its sources and the versions it derives from. The caller loads
// them from the store; export only renders.
type Version struct {
	Version     *parley.Version // with Text and Points loaded
	Document    string          // the document's title
	Negotiation string          // the negotiation's title
	Party       *parley.Party   // the drafting party, nil when unknown
	Actors      []*parley.Actor
	Sources     []*parley.Source
	Parents     []*parley.Version // the versions it derives from, metadata only
}

// WriteVersionText writes the version's text as parley keeps it: the body
// decoded and normalised (BOM dropped, LF line ends, NFC), the text its
// points and its text hash are taken from, so that the SHA-256 of the output
// is the version's text_hash. The body as received is not written: it may be
// a DOCX or PDF file rather than text. A text that does not match its stored
// hash is refused rather than passed on.
func WriteVersionText(w io.Writer, v *Version) error {
	if v.Version.TextHash != "" && parley.HashText(v.Version.Text) != v.Version.TextHash {
		return parley.Errorf(parley.EINTERNAL, "version %d: the stored text does not match its hash", v.Version.ID)
	}
	_, err := io.WriteString(w, v.Version.Text)
	return err
}

// VersionJSON is the JSON export of a version: its metadata, with names in
// place of ids, and every point at every depth, in the spirit of
// "parley show --format json".
type VersionJSON struct {
	ID          int64              `json:"id"`
	Label       string             `json:"label"`
	Document    string             `json:"document,omitempty"`
	Negotiation string             `json:"negotiation,omitempty"`
	Date        string             `json:"date"`
	Precision   string             `json:"date_precision"`
	Status      string             `json:"status"`
	Party       string             `json:"party,omitempty"`
	Actors      []string           `json:"actors"`
	Venue       string             `json:"venue,omitempty"`
	Parents     []VersionRef       `json:"parents"`
	Sources     []SourceJSON       `json:"sources"`
	Note        string             `json:"note,omitempty"`
	Format      string             `json:"format"`
	TextHash    string             `json:"text_hash"`
	Preamble    string             `json:"preamble"`
	PointCount  int                `json:"point_count"`
	Points      []VersionPointJSON `json:"points"`
}

// VersionRef names another version.
type VersionRef struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

// VersionPointJSON is one point of a version export.
type VersionPointJSON struct {
	Path    []string `json:"path"`
	Label   string   `json:"label"`
	Heading string   `json:"heading,omitempty"`
	Text    string   `json:"text"`
	Line    int      `json:"line"`
	Tags    []string `json:"tags,omitempty"`
}

// SourceJSON is a source with its Admiralty grade spelled out.
type SourceJSON struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Kind        string `json:"kind"`
	Publisher   string `json:"publisher,omitempty"`
	URL         string `json:"url,omitempty"`
	Date        string `json:"date,omitempty"`
	Grade       string `json:"grade"`
	Reliability string `json:"reliability"` // "usually reliable"
	Credibility string `json:"credibility"` // "probably true"
	Note        string `json:"note,omitempty"`
}

func sourceJSON(s *parley.Source) SourceJSON {
	return SourceJSON{ID: s.ID, Title: s.Title, Kind: s.Kind, Publisher: s.Publisher, URL: s.URL, Date: s.Date.String(),
		Grade: s.Grade(), Reliability: parley.ReliabilityMeaning[s.Reliability], Credibility: parley.CredibilityMeaning[s.Credibility], Note: s.Note}
}

// VersionJSONOf builds the JSON export of a version.
func VersionJSONOf(v *Version) *VersionJSON {
	pv := v.Version
	out := &VersionJSON{
		ID: pv.ID, Label: pv.Label, Document: v.Document, Negotiation: v.Negotiation,
		Date: pv.Date.String(), Precision: pv.Date.Precision(), Status: pv.Status,
		Actors: []string{}, Venue: pv.Venue, Parents: []VersionRef{}, Sources: []SourceJSON{}, Note: pv.Note,
		Format: pv.Format, TextHash: pv.TextHash, Preamble: pv.Preamble,
		PointCount: len(pv.Points), Points: make([]VersionPointJSON, len(pv.Points)),
	}
	if v.Party != nil {
		out.Party = v.Party.Name
	}
	for _, a := range v.Actors {
		out.Actors = append(out.Actors, a.Name)
	}
	for _, p := range v.Parents {
		out.Parents = append(out.Parents, VersionRef{ID: p.ID, Label: p.Label})
	}
	for _, s := range v.Sources {
		out.Sources = append(out.Sources, sourceJSON(s))
	}
	for i, p := range pv.Points {
		out.Points[i] = VersionPointJSON{Path: p.Path, Label: p.Label, Heading: p.Heading, Text: p.Text, Line: p.Line, Tags: p.Tags}
	}
	return out
}

// WriteVersionJSON writes the JSON export of a version, indented.
func WriteVersionJSON(w io.Writer, v *Version) error {
	return writeIndentedJSON(w, VersionJSONOf(v))
}

// writeIndentedJSON writes v as indented JSON with <, > and & as they are:
// the output is a file for people and programs, not a piece of a page.
func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// versionFacts lists what a reader wants to know about a version in one
// line each: document, status and date, drafter, venue, parents, sources.
func versionFacts(v *Version) [][2]string {
	pv := v.Version
	var facts [][2]string
	add := func(name, value string) {
		if value != "" {
			facts = append(facts, [2]string{name, value})
		}
	}
	add("Negotiation", v.Negotiation)
	add("Document", v.Document)
	add("Status", pv.Status)
	add("Date", pv.Date.String())
	drafter := ""
	if v.Party != nil {
		drafter = v.Party.Name
	}
	var actors []string
	for _, a := range v.Actors {
		actors = append(actors, a.Name)
	}
	if len(actors) > 0 {
		if drafter != "" {
			drafter += ": "
		}
		drafter += strings.Join(actors, ", ")
	}
	add("Drafted by", drafter)
	add("Venue", pv.Venue)
	var parents []string
	for _, p := range v.Parents {
		parents = append(parents, p.Label)
	}
	add("Derives from", strings.Join(parents, "; "))
	var sources []string
	for _, s := range v.Sources {
		sources = append(sources, sourceLine(s))
	}
	add("Sources", strings.Join(sources, "; "))
	add("Note", pv.Note)
	add("Text hash", pv.TextHash)
	return facts
}

// sourceLine names a source for people: title, publisher, date and grade.
func sourceLine(s *parley.Source) string {
	line := s.Title
	var more []string
	if s.Publisher != "" {
		more = append(more, s.Publisher)
	}
	if !s.Date.IsZero() {
		more = append(more, s.Date.String())
	}
	more = append(more, "graded "+s.Grade())
	return line + " (" + strings.Join(more, ", ") + ")"
}
