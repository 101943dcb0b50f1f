package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"parley"
	"parley/align"
	"parley/export"
	"parley/ingest"
	"parley/segment"
)

func runCompare(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "compare", "OLD NEW [--format text|json|html|md]\n\nOLD and NEW are text or Markdown files, or ids of stored versions.")
	db := dbFlag(fs)
	format := formatFlag(fs, "text", "json", "html", "md")
	all := fs.Bool("all", false, "text and md: include unchanged points")
	kinds := fs.String("kind", "", "text: only links of these `KINDS`, comma-separated (reworded,added)")
	colour := fs.String("color", "auto", "text: colour the redline: auto (on a terminal), always or never")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json", "html", "md"); err != nil {
		return err
	}
	if *colour != "auto" && *colour != "always" && *colour != "never" {
		return usageErrorf("compare: --color %q: want auto, always or never", *colour)
	}
	if len(rest) != 2 {
		return usageErrorf("compare: want OLD and NEW, got %d arguments", len(rest))
	}
	keep, err := linkKinds(*kinds)
	if err != nil {
		return err
	}
	tuneGC(e, inputSize(rest))
	collect := pauseGC(e)
	sides, err := loadSides(ctx, e, *db, rest, true)
	collect(err == nil)
	if err != nil {
		return err
	}
	bothStored := sides[0].version != nil && sides[1].version != nil
	warnings := append(export.SideWarnings("old", sides[0].warnings), export.SideWarnings("new", sides[1].warnings)...)
	if *format != "json" {
		for _, s := range sides {
			printWarnings(e, s.label, s.warnings)
		}
	}
	if *format == "json" && !bothStored {
		return writeJSONWhileAligning(e.stdout, sides, warnings)
	}
	var al *align.Alignment
	if bothStored {
		if al, err = alignStored(ctx, e, *db, sides[0].version, sides[1].version); err != nil {
			return err
		}
	} else {
		al = alignSides(sides)
	}
	c := export.Compare(al, sides[0].label, sides[1].label)
	c.Warnings = warnings
	switch *format {
	case "json":
		return export.WriteJSON(e.stdout, c)
	case "html":
		return export.WriteHTML(e.stdout, c, al)
	case "md":
		return export.WriteMarkdown(e.stdout, c, al)
	}
	useColour := *colour == "always" || (*colour == "auto" && isTerminal(e.stdout) && e.getenv("NO_COLOR") == "")
	return export.WriteText(e.stdout, c, al, export.TextOptions{Color: useColour, All: *all, Kinds: keep})
}

// writeJSONWhileAligning aligns two versions and writes their comparison
// as JSON, byte for byte as export.WriteJSON writes it. The point lists,
// half of the document, need no alignment: they are written straight to w
// while the alignment runs, on the core it leaves idle much of the time;
// the links are then encoded on all cores as their redlines are written
// (see export.JSONWriter.WriteAlignment).
func writeJSONWhileAligning(w io.Writer, sides []side, warnings []export.WarningJSON) error {
	j := export.NewJSONWriter(w)
	j.Warnings = warnings
	written := make(chan struct{})
	go func() {
		j.WritePoints(sides[0].label, sides[0].points, sides[1].label, sides[1].points)
		close(written)
	}()
	al := alignSides(sides)
	<-written
	return j.WriteAlignment(al)
}

// side is one version to compare.
type side struct {
	label    string
	points   []parley.Point
	version  *parley.Version // set for a stored version
	prepared *align.Prepared // set for a file read with prepare
	// warnings are the self-checks on its reading (segment.Check): of a
	// file all of them, of a stored version those on its points alone.
	warnings []segment.Warning
}

// alignSides aligns two sides, with the features loadSides prepared.
func alignSides(sides []side) *align.Alignment {
	var p [2]*align.Prepared
	parallel(
		func() { p[0] = prepared(sides[0]) },
		func() { p[1] = prepared(sides[1]) },
	)
	return align.AlignPrepared(p[0], p[1], align.Options{})
}

func prepared(s side) *align.Prepared {
	if s.prepared != nil {
		return s.prepared
	}
	return align.Prepare(s.points)
}

// parallel runs the functions at once and waits for them all.
func parallel(fns ...func()) {
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Go(fn)
	}
	wg.Wait()
}

// loadSides reads files (several at once) or stored versions. An argument
// that names an existing file is a file; a number that does not is a
// version id. With prepare, each file is also prepared for alignment as
// soon as it is read, on the core that read it (see align.Prepare): the
// two files rarely take the same time, and the first one's features are
// then computed while the second is still being read; after them, that
// core computes some of the alignment's work ahead (align.Prepared.Warm)
// until every file is ready.
func loadSides(ctx context.Context, e *env, db string, args []string, prepare bool) ([]side, error) {
	sides := make([]side, len(args))
	errs := make([]error, len(args))
	var stored []int
	var reading atomic.Int32 // files not read and prepared yet
	done := func() bool { return reading.Load() == 0 }
	load := func(k int) error {
		arg := args[k]
		body, err := readInput(e, arg)
		if err != nil {
			return err
		}
		doc, err := ingest.Read(filepath.Base(arg), body, "")
		if err != nil {
			return err
		}
		sides[k] = side{label: arg, points: doc.Points, warnings: doc.Warnings}
		if prepare {
			sides[k].prepared = align.Prepare(doc.Points)
		}
		return nil
	}
	read := func(k int) {
		errs[k] = load(k)
		reading.Add(-1)
		if errs[k] == nil && prepare {
			// Until the other files are ready, this core would wait.
			sides[k].prepared.Warm(done)
		}
	}
	var files []int
	for k, arg := range args {
		if _, err := os.Stat(arg); err != nil && arg != "-" {
			if id, perr := strconv.ParseInt(arg, 10, 64); perr == nil && id > 0 {
				stored = append(stored, k)
				continue
			}
		}
		files = append(files, k)
	}
	// Every file but the last is read on its own goroutine; the last on
	// this one, which would otherwise only wait (and a new goroutine may
	// start a few milliseconds late, which on a short text is felt).
	reading.Store(int32(len(files)))
	var wg sync.WaitGroup
	for n, k := range files {
		if n == len(files)-1 {
			read(k)
			break
		}
		wg.Go(func() { read(k) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return sides, err
		}
	}
	if len(stored) == 0 {
		return sides, nil
	}
	store, err := openStore(ctx, e, db)
	if parley.ErrorCode(err) == parley.ENOTFOUND {
		// No database: a number that is no file names nothing either.
		return sides, parley.Errorf(parley.EINVALID, "%s is neither a file nor a stored version (%s)", args[stored[0]], parley.ErrorMessage(err))
	}
	if err != nil {
		return sides, err
	}
	defer store.Close()
	for _, k := range stored {
		id, _ := strconv.ParseInt(args[k], 10, 64)
		v, err := store.FindVersionByID(ctx, id)
		if err != nil {
			if parley.ErrorCode(err) == parley.ENOTFOUND {
				return sides, parley.Errorf(parley.EINVALID, "%s is neither a file nor a stored version", args[k])
			}
			return sides, err
		}
		sides[k] = side{label: fmt.Sprintf("%s (version %d)", v.Label, v.ID), points: v.Points, version: v,
			warnings: segment.Check(segment.Segmented{Points: v.Points}, "")}
	}
	return sides, nil
}

// alignStored aligns two stored versions of one negotiation with the
// corrections people made, and saves the result.
func alignStored(ctx context.Context, e *env, db string, old, new *parley.Version) (*align.Alignment, error) {
	if old.NegotiationID != new.NegotiationID {
		return nil, parley.Errorf(parley.EINVALID, "versions %d and %d belong to different negotiations", old.ID, new.ID)
	}
	store, err := openStore(ctx, e, db)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	corrections, err := store.ListCorrections(ctx, old.ID, new.ID)
	if err != nil {
		return nil, err
	}
	al, stored := align.AlignVersions(old, new, corrections)
	if err := store.SaveAlignment(ctx, stored); err != nil {
		return nil, err
	}
	return al, nil
}

// tuneGC sets the collector's target for inputs of this many bytes, before
// they are read. Up to a few megabytes the collector is cheap and reusing
// memory saves the kernel's page faults, so main's setting (400) holds;
// above, marking a large heap that is nearly all alive costs more than the
// faults it saves, and the target is 1,000. The soft memory limit set in
// main bounds the heap whatever the target: the largest inputs are
// collected as they near it. Measured: the Commercial Code, 1.5 MB, 49 ms
// at 400 and 52 ms at 1,000; the 10,000-point pair, 5 MB, 85 ms at 400 and
// 74 ms at 1,000; the 100,000-point pair, 50 MB, 520 ms and a peak of 320
// MB with a target of 207 (kept under a budget), 480 ms and 451 MB at
// 1,000; 200,000 points, 1.21 s and 718 MB at 207, 0.93 s and 626 MB at
// 1,000, where the limit collected sooner.
func tuneGC(e *env, size int64) {
	if e.getenv("GOGC") != "" || size < 4<<20 {
		return
	}
	debug.SetGCPercent(1000)
}

// pauseGC stops the collector while the versions are read, and returns
// the function that, once they are, collects (if asked) and restarts it
// at the target it had. While texts are read almost everything allocated
// stays alive (the texts, their points, their word features), so a
// collection then marks much and frees little; once both are read, the
// segmenters' working memory (labels, line and list states, path tables:
// a fifth to a quarter of all a comparison allocates) is garbage, and one
// collection there lets the alignment and the output reuse it instead of
// taking fresh pages from the kernel, each a page fault. The soft memory
// limit still bounds the heap while the collector waits. Measured, median
// of paired runs: the 10,000-point nested pair 11% less processor time
// and a peak of 45 MB instead of 52, flat 3%, the Commercial Code the
// same; 100,000 points 10-17% less processor time, a fifth less memory
// and page faults. A GOGC in the environment is left alone.
func pauseGC(e *env) func(collect bool) {
	if e.getenv("GOGC") != "" {
		return func(bool) {}
	}
	target := debug.SetGCPercent(-1)
	return func(collect bool) {
		if collect {
			runtime.GC()
		}
		debug.SetGCPercent(target)
	}
}

// inputSize is the total size of the arguments that are files.
func inputSize(args []string) int64 {
	var n int64
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.Mode().IsRegular() {
			n += st.Size()
		}
	}
	return n
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// linkKinds reads --kind: link kinds, comma-separated.
func linkKinds(list string) (map[string]bool, error) {
	keep := map[string]bool{}
	for _, k := range strings.Split(list, ",") {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		if !slices.Contains(parley.LinkKinds, k) {
			return nil, usageErrorf("compare: --kind %q is not a kind of link (want %s)", k, strings.Join(parley.LinkKinds, ", "))
		}
		keep[k] = true
	}
	return keep, nil
}
