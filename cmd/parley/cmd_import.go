package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"parley"
	"parley/imports"
	"parley/ingest"
	"parley/segment"
)

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", importUsage)
	db := dbFlag(fs)
	negotiation := fs.String("negotiation", "", "the negotiation: a title (created if no negotiation has it) or an id (required)")
	label := fs.String("label", "", "version label, such as \"28-point draft\" (required for one FILE; with several, see above)")
	again := fs.Bool("again", false, "store the text even when the negotiation already holds it as a version")
	date := fs.String("date", "", "version date with its precision: 2025, 2025-11 or 2025-11-20, or EDTF such as 2025-11~ (around), 2025-11? (uncertain), 2025-11-20/2025-11-23 (between)")
	status := fs.String("status", parley.StatusDraft, "status: "+strings.Join(parley.Statuses, ", "))
	party := fs.String("party", "", "drafting party, by code or name; created if new")
	source := fs.String("source", "", "source of the text, by title or id; created if new")
	sourceKind := fs.String("source-kind", parley.SourcePress, "kind of a new source: official, leak, press, statement, analysis, participant")
	grade := fs.String("grade", "", "Admiralty grade of the source: reliability A-F and credibility 1-6, such as B2 (a new source without one: F6, cannot be judged; a source found by title must already have it)")
	document := fs.String("document", "", "document title (default: the negotiation's only document, or \"Main text\")")
	venue := fs.String("venue", "", "where the version was drafted or tabled")
	inputFormat := fs.String("input", "", "input format: "+strings.Join(ingest.Formats, ", ")+" (default: from the file name and content)")
	format := formatFlag(fs, "text", "json")
	var parents multiFlag
	fs.Var(&parents, "parent", "id of a version this one derives from (repeatable)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	switch {
	case len(rest) == 0:
		return usageErrorf("import: want a FILE (or several, or a directory), got none")
	case strings.TrimSpace(*negotiation) == "":
		return usageErrorf("import: --negotiation is required")
	}
	if *inputFormat != "" && !slices.Contains(ingest.Formats, *inputFormat) {
		return usageErrorf("import: --input %q: want %s", *inputFormat, strings.Join(ingest.Formats, ", "))
	}
	if len(rest) > 1 || isDir(rest[0]) {
		return importMany(ctx, e, rest, manyFlags{
			db: *db, negotiation: *negotiation, label: *label, again: *again, date: *date, status: *status,
			party: *party, source: *source, sourceKind: *sourceKind, grade: *grade, document: *document,
			venue: *venue, input: *inputFormat, format: *format, parents: parents,
		})
	}
	if strings.TrimSpace(*label) == "" {
		return usageErrorf("import: --label is required")
	}

	// Everything the user gave is checked before anything is written.
	path := rest[0]
	body, err := readInput(e, path)
	if err != nil {
		return err
	}
	doc, err := ingest.Read(filepath.Base(path), body, *inputFormat)
	if err != nil {
		return err
	}
	d, err := parley.ParseDate(*date)
	if err != nil {
		return parley.Errorf(parley.EINVALID, "--date: %s", parley.ErrorMessage(err))
	}
	parentIDs, err := parseIDs("--parent", parents)
	if err != nil {
		return err
	}
	newSource, err := parseSourceFlags(*source, *sourceKind, *grade)
	if err != nil {
		return err
	}
	v := &parley.Version{
		Label: *label, Date: d, Status: *status, Venue: *venue, ParentIDs: parentIDs,
		Format: doc.Format, Body: doc.Body, Text: doc.Text, Preamble: doc.Preamble, Points: doc.Points,
	}
	v.NegotiationID = -1 // checked for real once the negotiation is known
	if err := v.Validate(); err != nil {
		return err
	}
	if *party != "" {
		if err := (&parley.Party{Name: *party, Code: partyCode(*party), Kind: parley.PartyState}).Validate(); err != nil {
			return parley.Errorf(parley.EINVALID, "--party: %s", parley.ErrorMessage(err))
		}
	}
	if *document != "" {
		if err := (&parley.Document{Title: *document}).Validate(); err != nil {
			return parley.Errorf(parley.EINVALID, "--document: %s", parley.ErrorMessage(err))
		}
	}

	store, err := createStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()

	n, err := findNegotiation(ctx, store, *negotiation)
	created := false
	switch parley.ErrorCode(err) {
	case "":
	case parley.ENOTFOUND:
		n = &parley.Negotiation{Title: strings.TrimSpace(*negotiation)}
		if err := n.Validate(); err != nil {
			return err
		}
		created = true
	default:
		return err
	}
	// Parents must be versions of this negotiation; a new negotiation has none.
	if created && len(parentIDs) > 0 {
		return parley.Errorf(parley.EINVALID, "--parent %d: no such version in negotiation %q", parentIDs[0], n.Title)
	}
	if !created {
		if err := imports.CheckParents(ctx, store, n.ID, "--parent", parentIDs); err != nil {
			return err
		}
	}
	if !created && !*again {
		if err := refuseSameText(ctx, store, n, path, v.Text); err != nil {
			return err
		}
	}
	if created {
		if err := store.CreateNegotiation(ctx, n); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "created negotiation %q (id %d)\n", n.Title, n.ID)
	}
	v.NegotiationID = n.ID
	if v.DocumentID, err = findOrCreateDocument(ctx, e, store, n.ID, *document); err != nil {
		return err
	}
	if *party != "" {
		p, err := findOrCreateParty(ctx, e, store, n.ID, *party)
		if err != nil {
			return err
		}
		v.PartyID = p.ID
	}
	if newSource != nil {
		gradeField := ""
		if *grade != "" {
			gradeField = "--grade"
		}
		id, err := findOrCreateSource(ctx, e, store, n.ID, newSource, gradeField)
		if err != nil {
			return err
		}
		v.SourceIDs = []int64{id}
	}
	// The version and the stances carried to it from its parents are
	// stored together or not at all.
	carried, err := imports.Save(ctx, store, v, !*again)
	if err != nil {
		return err
	}
	printWarnings(e, path, doc.Warnings)
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"negotiation": n.ID, "version": v.ID, "points": len(v.Points), "warnings": nonNil(doc.Warnings),
			"carried_stances": len(carried)})
	}
	fmt.Fprintf(e.stdout, "imported %s into %q as %q: %s\n", path, n.Title, v.Label, pointSummary(v.Points))
	fmt.Fprintf(e.stdout, "version %d\n", v.ID)
	if len(carried) > 0 {
		fmt.Fprintf(e.stdout, "%d stances carried from the parent version, to confirm (parley stance list %d)\n", len(carried), v.ID)
	}
	return nil
}

// refuseSameText refuses a text the negotiation already holds as a
// version, naming that version: importing one file twice is a slip more
// often than a wish (--again keeps both).
func refuseSameText(ctx context.Context, store parley.Store, n *parley.Negotiation, path, text string) error {
	old, err := imports.SameText(ctx, store, n.ID, text)
	if err != nil || old == nil {
		return err
	}
	return parley.Errorf(parley.ECONFLICT, "%s: the same text is already version %d (%q) of %q; nothing imported (give --again to store it once more)", path, old.ID, old.Label, n.Title)
}

// printWarnings writes the self-checks' warnings on a text (see
// segment.Check) to standard error, one a line: "old.txt: warning: ...".
func printWarnings(e *env, name string, ws []segment.Warning) {
	for _, w := range ws {
		fmt.Fprintf(e.stderr, "%s: warning: %s\n", name, w.Message)
	}
}

// nonNil is ws, or an empty list for nil, so that JSON has [] not null.
func nonNil(ws []segment.Warning) []segment.Warning {
	if ws == nil {
		return []segment.Warning{}
	}
	return ws
}

// readInput reads FILE, or standard input for "-", up to one byte past the
// size limit so that an oversized file is refused without reading it all.
func readInput(e *env, path string) ([]byte, error) {
	var r io.Reader = e.stdin
	var size int64
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, parley.Errorf(parley.EINVALID, "cannot read %s: %v", path, unwrapPathError(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			if st.IsDir() {
				return nil, parley.Errorf(parley.EINVALID, "%s is a directory, not a text file", path)
			}
			size = st.Size()
		}
		r = f
	}
	body, err := readAll(io.LimitReader(r, ingest.MaxBytes+1), size)
	if err != nil {
		return nil, parley.Errorf(parley.EINVALID, "cannot read %s: %v", path, err)
	}
	return body, nil
}

// readAll reads r to the end into a buffer of the expected size, as
// os.ReadFile does. io.ReadAll grows its buffer as it reads, which for a
// text of megabytes allocates, and touches page by page, about twice the
// text: at this size every fresh page costs a page fault.
func readAll(r io.Reader, size int64) ([]byte, error) {
	// One byte to spare, so that the read that finds the end needs no
	// larger buffer.
	b := make([]byte, 0, max(512, min(size, ingest.MaxBytes+1)+1))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // more than expected: let append grow it
		}
	}
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func parseIDs(flagName string, values []string) ([]int64, error) {
	var out []int64
	for _, s := range values {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			return nil, parley.Errorf(parley.EINVALID, "%s %q: want a version id (a positive number)", flagName, s)
		}
		out = append(out, id)
	}
	return out, nil
}

// parseSourceFlags returns the source to find or create, or nil without
// --source. A source without --grade is graded F6 if it is new.
func parseSourceFlags(title, kind, grade string) (*parley.Source, error) {
	if strings.TrimSpace(title) == "" {
		if grade != "" {
			return nil, usageErrorf("import: --grade grades the source named by --source; give --source too")
		}
		return nil, nil
	}
	src := &parley.Source{Title: strings.TrimSpace(title), Kind: kind}
	if grade == "" {
		grade = "F6"
	}
	var err error
	if src.Reliability, src.Credibility, err = parley.ParseGrade("--grade", grade); err != nil {
		return nil, err
	}
	if err := src.Validate(); err != nil {
		return nil, err
	}
	return src, nil
}

func findOrCreateDocument(ctx context.Context, e *env, store parley.Store, negotiationID int64, title string) (int64, error) {
	d, created, err := imports.Document(ctx, store, negotiationID, "--document", title)
	if err != nil {
		return 0, err
	}
	if created {
		fmt.Fprintf(e.stderr, "created document %q (id %d)\n", d.Title, d.ID)
	}
	return d.ID, nil
}

func findOrCreateParty(ctx context.Context, e *env, store parley.Store, negotiationID int64, name string) (*parley.Party, error) {
	p, err := store.FindParty(ctx, negotiationID, name)
	if parley.ErrorCode(err) != parley.ENOTFOUND {
		return p, err
	}
	p = &parley.Party{NegotiationID: negotiationID, Name: name, Code: partyCode(name), Kind: parley.PartyState}
	if err := store.CreateParty(ctx, p); err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stderr, "created party %q (code %s)\n", p.Name, p.Code)
	return p, nil
}

// partyCode makes a short code from a name: "US" stays "US", "United
// Kingdom" becomes "UK".
func partyCode(name string) string {
	fields := strings.Fields(name)
	if len(fields) == 1 && len(name) <= 16 {
		return strings.ToUpper(name)
	}
	var b strings.Builder
	for _, f := range fields {
		if b.Len() < 16 {
			b.WriteString(strings.ToUpper(f[:1]))
		}
	}
	return b.String()
}

func findOrCreateSource(ctx context.Context, e *env, store parley.Store, negotiationID int64, want *parley.Source, gradeField string) (int64, error) {
	id, created, err := imports.Source(ctx, store, negotiationID, want, gradeField)
	if err != nil {
		return 0, err
	}
	if created {
		fmt.Fprintf(e.stderr, "created source %q (grade %s)\n", want.Title, want.Grade())
	}
	return id, nil
}

// pointSummary says how many points there are at each depth.
func pointSummary(points []parley.Point) string {
	byDepth := map[int]int{}
	maxDepth := 0
	for _, p := range points {
		byDepth[p.Depth()]++
		maxDepth = max(maxDepth, p.Depth())
	}
	s := fmt.Sprintf("%d points", len(points))
	if maxDepth > 1 {
		var parts []string
		for d := 1; d <= maxDepth; d++ {
			parts = append(parts, fmt.Sprintf("%d at depth %d", byDepth[d], d))
		}
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
