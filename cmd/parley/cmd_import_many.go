package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"parley"
	"parley/imports"
	"parley/ingest"
	"parley/segment"
)

const importUsage = `FILE --negotiation NAME --label LABEL [flags]
       parley import FILE... | DIR --negotiation NAME [flags]

Imports a text as a new version of a negotiated document. FILE is plain
text, Markdown, HTML, Word (.docx), PDF, Akoma Ntoso 3.0 XML (.akn, or
.xml whose root is <akomaNtoso>) or parley's JSON of a version (what
"parley export --format json" writes); --input names the format when the
file name and content do not. "-" reads standard input.

Several files, or a directory (its files, not its subdirectories, in
the order of their names; hidden files skipped), are imported in one
transaction: every file becomes a version, or, when any file cannot be
read or is refused, none does and the error names the file. Each version
is labelled with the title its file gives itself (the <docTitle> or
FRBRname of Akoma Ntoso, the label of parley's JSON) or else with its
file name without the extension; --label, which names one version, is
refused. Its date is --date, or else the date its file gives (the
expression's FRBRdate, the date of parley's JSON). The other flags apply
to every version. A text the negotiation holds already, or that an
earlier file of the same import holds, is refused unless --again. The
summary lists each file with its version, points and warnings, and the
totals; --format json writes it as {"negotiation", "versions": [{"file",
"version", "label", "points", "warnings", "carried_stances"}], "points",
"warnings"}.`

// manyFlags are the flags of "parley import" that apply to several files.
type manyFlags struct {
	db, negotiation, label, date, status, party, source, sourceKind, grade string
	document, venue, input, format                                         string
	again                                                                  bool
	parents                                                                []string
}

// importedFile is one file of an import of several, read and checked.
type importedFile struct {
	path    string
	doc     *ingest.Document
	version *parley.Version
	carried int
}

// isDir reports whether path names a directory.
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// importFiles lists the files to import: each argument, and the files of
// each directory argument in the order of their names.
func importFiles(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		if arg == "-" {
			return nil, usageErrorf("import: \"-\" (standard input) is for one FILE, not several")
		}
		if !isDir(arg) {
			out = append(out, arg)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, parley.Errorf(parley.EINVALID, "cannot read the directory %s: %v", arg, unwrapPathError(err))
		}
		n := 0
		for _, en := range entries { // os.ReadDir sorts by name
			if en.IsDir() || strings.HasPrefix(en.Name(), ".") {
				continue
			}
			out = append(out, filepath.Join(arg, en.Name()))
			n++
		}
		if n == 0 {
			return nil, parley.Errorf(parley.EINVALID, "the directory %s holds no files to import", arg)
		}
	}
	return out, nil
}

// fileLabel is the label of a version imported with others: the title
// its document gives itself, or its file name without the extension.
func fileLabel(path string, doc *ingest.Document) string {
	if doc.Label != "" {
		return doc.Label
	}
	base := filepath.Base(path)
	if l := strings.TrimSuffix(base, filepath.Ext(base)); l != "" {
		return l
	}
	return base
}

// importMany imports several files in one transaction (see importUsage).
func importMany(ctx context.Context, e *env, args []string, f manyFlags) error {
	if strings.TrimSpace(f.label) != "" {
		return usageErrorf("import: --label names one version; with several files each takes its file's title or name (see parley import --help)")
	}
	paths, err := importFiles(args)
	if err != nil {
		return err
	}
	parentIDs, err := parseIDs("--parent", f.parents)
	if err != nil {
		return err
	}
	date, err := parley.ParseDate(f.date)
	if err != nil {
		return parley.Errorf(parley.EINVALID, "--date: %s", parley.ErrorMessage(err))
	}
	newSource, err := parseSourceFlags(f.source, f.sourceKind, f.grade)
	if err != nil {
		return err
	}
	if f.party != "" {
		if err := (&parley.Party{Name: f.party, Code: partyCode(f.party), Kind: parley.PartyState}).Validate(); err != nil {
			return parley.Errorf(parley.EINVALID, "--party: %s", parley.ErrorMessage(err))
		}
	}
	if f.document != "" {
		if err := (&parley.Document{Title: f.document}).Validate(); err != nil {
			return parley.Errorf(parley.EINVALID, "--document: %s", parley.ErrorMessage(err))
		}
	}

	// Every file is read and checked before anything is written.
	files := make([]*importedFile, 0, len(paths))
	for _, path := range paths {
		body, err := readInput(e, path)
		if err != nil {
			return err
		}
		doc, err := ingest.Read(filepath.Base(path), body, f.input)
		if err != nil {
			return err
		}
		d := date
		if f.date == "" && doc.Date != "" {
			if d, err = parley.ParseDate(doc.Date); err != nil {
				d = parley.Date{}
			}
		}
		v := &parley.Version{
			Label: fileLabel(path, doc), Date: d, Status: f.status, Venue: f.venue, ParentIDs: slices.Clone(parentIDs),
			Format: doc.Format, Body: doc.Body, Text: doc.Text, Preamble: doc.Preamble, Points: doc.Points,
		}
		v.NegotiationID = -1 // checked for real once the negotiation is known
		if err := v.Validate(); err != nil {
			return parley.Errorf(parley.EINVALID, "%s: %s", path, parley.ErrorMessage(err))
		}
		files = append(files, &importedFile{path: path, doc: doc, version: v})
	}

	store, err := createStore(ctx, e, f.db)
	if err != nil {
		return err
	}
	defer store.Close()

	// All the writes, from the negotiation to the last version, in one
	// transaction; what was created is said once it is committed.
	var n *parley.Negotiation
	var notes []string
	err = store.InTx(ctx, func(tx parley.Store) error {
		var created bool
		n, created, err = negotiationFor(ctx, tx, f.negotiation)
		if err != nil {
			return err
		}
		if created {
			if len(parentIDs) > 0 {
				return parley.Errorf(parley.EINVALID, "--parent %d: no such version in negotiation %q", parentIDs[0], n.Title)
			}
			if err := tx.CreateNegotiation(ctx, n); err != nil {
				return err
			}
			notes = append(notes, fmt.Sprintf("created negotiation %q (id %d)", n.Title, n.ID))
		} else if err := imports.CheckParents(ctx, tx, n.ID, "--parent", parentIDs); err != nil {
			return err
		}
		d, dCreated, err := imports.Document(ctx, tx, n.ID, "--document", f.document)
		if err != nil {
			return err
		}
		if dCreated {
			notes = append(notes, fmt.Sprintf("created document %q (id %d)", d.Title, d.ID))
		}
		var partyID int64
		if f.party != "" {
			p, err := tx.FindParty(ctx, n.ID, f.party)
			if parley.ErrorCode(err) == parley.ENOTFOUND {
				p = &parley.Party{NegotiationID: n.ID, Name: f.party, Code: partyCode(f.party), Kind: parley.PartyState}
				if err = tx.CreateParty(ctx, p); err == nil {
					notes = append(notes, fmt.Sprintf("created party %q (code %s)", p.Name, p.Code))
				}
			}
			if err != nil {
				return err
			}
			partyID = p.ID
		}
		var sourceIDs []int64
		if newSource != nil {
			gradeField := "" // F6 for a new source; an old one keeps its grade
			if f.grade != "" {
				gradeField = "--grade"
			}
			id, sCreated, err := imports.Source(ctx, tx, n.ID, newSource, gradeField)
			if err != nil {
				return err
			}
			if sCreated {
				notes = append(notes, fmt.Sprintf("created source %q (grade %s)", newSource.Title, newSource.Grade()))
			}
			sourceIDs = []int64{id}
		}
		for _, file := range files {
			v := file.version
			v.NegotiationID, v.DocumentID, v.PartyID, v.SourceIDs = n.ID, d.ID, partyID, slices.Clone(sourceIDs)
			carried, err := imports.Save(ctx, tx, v, !f.again)
			if err != nil {
				return parley.Errorf(parley.ErrorCode(err), "%s: %s", file.path, parley.ErrorMessage(err))
			}
			file.carried = len(carried)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, note := range notes {
		fmt.Fprintln(e.stderr, note)
	}
	for _, file := range files {
		printWarnings(e, file.path, file.doc.Warnings)
	}
	return writeImportSummary(e, n, files, f.format)
}

// negotiationFor finds the negotiation named by --negotiation, or makes
// (without storing it) a new one of that title.
func negotiationFor(ctx context.Context, store parley.Store, name string) (*parley.Negotiation, bool, error) {
	n, err := findNegotiation(ctx, store, name)
	switch parley.ErrorCode(err) {
	case "":
		return n, false, nil
	case parley.ENOTFOUND:
		n = &parley.Negotiation{Title: strings.TrimSpace(name)}
		return n, true, n.Validate()
	}
	return nil, false, err
}

// importedJSON is one file of the summary of "parley import" of several.
type importedJSON struct {
	File           string            `json:"file"`
	Version        int64             `json:"version"`
	Label          string            `json:"label"`
	Points         int               `json:"points"`
	Warnings       []segment.Warning `json:"warnings"`
	CarriedStances int               `json:"carried_stances"`
}

// writeImportSummary writes what an import of several files stored: a
// line per file and the totals.
func writeImportSummary(e *env, n *parley.Negotiation, files []*importedFile, format string) error {
	points, warnings := 0, 0
	out := make([]importedJSON, len(files))
	for i, file := range files {
		v := file.version
		out[i] = importedJSON{File: file.path, Version: v.ID, Label: v.Label, Points: len(v.Points),
			Warnings: nonNil(file.doc.Warnings), CarriedStances: file.carried}
		points += len(v.Points)
		warnings += len(file.doc.Warnings)
	}
	if format == "json" {
		return writeJSON(e.stdout, map[string]any{"negotiation": n.ID, "versions": out, "points": points, "warnings": warnings})
	}
	for _, f := range out {
		fmt.Fprintf(e.stdout, "%s: version %d %q, %s, %s\n", f.File, f.Version, f.Label, plural(f.Points, "point"), plural(len(f.Warnings), "warning"))
	}
	fmt.Fprintf(e.stdout, "imported %s into %q: %s, %s\n", plural(len(files), "file"), n.Title, plural(points, "point"), plural(warnings, "warning"))
	carried := 0
	for _, f := range out {
		carried += f.CarriedStances
	}
	if carried > 0 {
		fmt.Fprintf(e.stdout, "%s carried from parent versions, to confirm (parley stance list VERSION)\n", plural(carried, "stance"))
	}
	return nil
}

// plural writes a count and a noun: "1 point", "3 points".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
