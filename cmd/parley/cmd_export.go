package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"parley"
	"parley/export"
)

// Formats of "parley export": a version's and a negotiation's; json is both.
var (
	versionFormats     = []string{"text", "md", "html", "json", "akn"}
	negotiationFormats = []string{"timelinejs", "csv", "json"}
)

const exportUsage = `VERSION [--format text|md|html|json|akn] [--output FILE]
       parley export NEGOTIATION --format timelinejs|csv|json [--output FILE]
       parley export --negotiation NEGOTIATION [--format timelinejs|csv|json]

Exports a stored version, or a whole negotiation, to standard output or
--output FILE (written to a temporary file and renamed, so FILE is never
half-written).

A version (VERSION is its id) exports as its text exactly as stored (text;
its SHA-256 is the version's text_hash), Markdown (md), a self-contained
HTML page (html), JSON with its metadata and points (json), or Akoma Ntoso
3.0 XML (akn). A negotiation (an id, or its title) exports as a TimelineJS
timeline (timelinejs), one CSV row per event (csv), or JSON (json).

How the argument is read: with a version format (text, md, html, akn) it is
a version id; with timelinejs or csv it is a negotiation, by id if it is a
number, else by title; with json, a number is a version id and anything else
a negotiation's title, unless --negotiation names the negotiation. The
format defaults to text for a version and json for a negotiation.

Exports of a negotiation hold only what is published: a party's draft
stances, its unpublished understandings and its reservation values are left
out, whoever runs the command.`

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", exportUsage)
	db := dbFlag(fs)
	format := fs.String("format", "", "output format: text|md|html|json|akn for a version, timelinejs|csv|json for a negotiation")
	negotiationFlag := fs.String("negotiation", "", "export this negotiation (an id or a title)")
	output := fs.String("output", "", "write to `FILE` instead of standard output")
	lang := fs.String("lang", "und", "ISO 639-2 language of the text, for akn (\"eng\"; \"und\" when unknown)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *format != "" {
		if err := checkFormat(*format, "text", "md", "html", "json", "akn", "timelinejs", "csv"); err != nil {
			return err
		}
	}
	target, isVersion, err := exportTarget(*format, *negotiationFlag, rest)
	if err != nil {
		return err
	}
	if *format == "" {
		*format = "json"
		if isVersion {
			*format = "text"
		}
	}

	store, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	var out bytes.Buffer
	if isVersion {
		id, _ := strconv.ParseInt(target, 10, 64)
		v, err := export.LoadVersion(ctx, store, id)
		if err != nil {
			return err
		}
		if *format == "akn" {
			err = export.WriteVersionAKN(&out, v, export.AKNOptions{Language: *lang})
		} else {
			var f export.Format
			if f, err = export.FindFormat(export.OfVersion, *format); err == nil {
				err = f.WriteVersion(&out, v)
			}
		}
		if err != nil {
			return fmt.Errorf("export version %d as %s: %w", id, *format, err)
		}
	} else {
		n, err := loadNegotiationExport(ctx, store, target)
		if err != nil {
			return err
		}
		f, err := export.FindFormat(export.OfNegotiation, *format)
		if err == nil {
			err = f.WriteNegotiation(&out, n)
		}
		if err != nil {
			return fmt.Errorf("export negotiation %d as %s: %w", n.Negotiation.ID, *format, err)
		}
	}
	if *output == "" {
		_, err := e.stdout.Write(out.Bytes())
		return err
	}
	if err := writeFileAtomic(*output, out.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s (%d bytes)\n", *output, out.Len())
	return nil
}

// exportTarget decides what the command line names: a version id (isVersion)
// or a negotiation id or title, by the rules in exportUsage.
func exportTarget(format, negotiation string, rest []string) (target string, isVersion bool, err error) {
	if negotiation != "" {
		if len(rest) > 0 {
			return "", false, usageErrorf("export: name the negotiation once, with --negotiation or as an argument, not both (got %q too)", rest[0])
		}
		if format != "" && !slices.Contains(negotiationFormats, format) {
			return "", false, usageErrorf("export: --format %s exports a version; a negotiation exports as %s", format, strings.Join(negotiationFormats, ", "))
		}
		return negotiation, false, nil
	}
	if len(rest) != 1 {
		return "", false, usageErrorf("export: want one VERSION id or NEGOTIATION, got %d arguments", len(rest))
	}
	arg := rest[0]
	id, err := strconv.ParseInt(arg, 10, 64)
	numeric := err == nil && id > 0
	switch {
	case format == "timelinejs" || format == "csv":
		return arg, false, nil
	case numeric:
		return arg, true, nil
	case format == "" || format == "json":
		return arg, false, nil
	}
	return "", false, usageErrorf("export: --format %s exports a version: %q is not a version id (a positive number)", format, arg)
}

// loadNegotiationExport finds a negotiation by id or title and loads all
// its record; the export keeps only what is published.
func loadNegotiationExport(ctx context.Context, store parley.Store, name string) (*export.Negotiation, error) {
	n, err := findNegotiation(ctx, store, name)
	if err != nil {
		return nil, err
	}
	return export.LoadNegotiation(ctx, store, n)
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it over path, so that a reader sees the old file or the new one, never a
// part.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	return nil
}
