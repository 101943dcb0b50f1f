package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"parley"
	"parley/align"
	"parley/export"
)

// compareRow is one link of the side-by-side page.
type compareRow struct {
	Link     export.LinkJSON
	Old, New []parley.Point
	OldKeys  string // "6,10/a": the paths, for the correction forms
	NewKeys  string
}

// rowCells are one row's three cells, rendered once per alignment.
type rowCells struct {
	OldCell, KindCell, NewCell template.HTML
	Names                      string // "6 → 6(a), 6(b)": the points, for the change list
	Words                      string // the first words of the new point, or of the old one if the new is not known
}

// compareView is a row of the page as the reader's filter shows it.
type compareView struct {
	rowCells
	N          int // the link's index: the row's anchor is c-N
	Kind       string
	Change     bool // not unchanged
	Low        bool // low confidence
	Fixed      bool // set by a person
	Prev, Next int  // the anchors of the changes before and after, -1 for none
}

// compareFilter is what the reader asked the compare page to show:
// ?hide=unchanged, ?kind=reworded (repeatable; every kind when absent),
// ?low=1 (only links the aligner is unsure of).
type compareFilter struct {
	HideUnchanged bool
	Kinds         map[string]bool
	LowOnly       bool
}

// parseCompareFilter reads the compare page's query; a value it does not
// know is refused, naming the parameter.
func parseCompareFilter(q url.Values) (compareFilter, error) {
	f := compareFilter{Kinds: map[string]bool{}}
	switch h := q.Get("hide"); h {
	case "", "none":
	case "unchanged":
		f.HideUnchanged = true
	default:
		return f, parley.Errorf(parley.EINVALID, "hide: want \"unchanged\", not %q", h)
	}
	for _, k := range strings.Split(strings.Join(q["kind"], ","), ",") {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		if !slices.Contains(parley.LinkKinds, k) {
			return f, parley.Errorf(parley.EINVALID, "kind: %q is not a kind of change (want one of %s)", k, strings.Join(parley.LinkKinds, ", "))
		}
		f.Kinds[k] = true
	}
	switch l := q.Get("low"); l {
	case "", "0":
	case "1":
		f.LowOnly = true
	default:
		return f, parley.Errorf(parley.EINVALID, "low: want 1, not %q", l)
	}
	return f, nil
}

// shows reports whether the filter shows a link.
func (f compareFilter) shows(l export.LinkJSON) bool {
	switch {
	case f.HideUnchanged && l.Kind == align.Unchanged:
		return false
	case len(f.Kinds) > 0 && !f.Kinds[l.Kind]:
		return false
	case f.LowOnly && !lowConfidence(l):
		return false
	}
	return true
}

// query is the filter as a query string ("?hide=unchanged&kind=added"),
// "" when it shows everything.
func (f compareFilter) query() string {
	q := url.Values{}
	if f.HideUnchanged {
		q.Set("hide", "unchanged")
	}
	for _, k := range parley.LinkKinds {
		if f.Kinds[k] {
			q.Add("kind", k)
		}
	}
	if f.LowOnly {
		q.Set("low", "1")
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

func lowConfidence(l export.LinkJSON) bool { return !l.Fixed && l.Confidence < align.LowConfidence }

// kindSymbols mark each kind of change beside its name and colour, so
// that no kind is told by colour alone.
var kindSymbols = map[string]string{
	align.Unchanged: "=", align.Reworded: "≈", align.Moved: "⇅", align.Split: "⇉", align.Merged: "⇛",
	align.Deleted: "−", align.Added: "+", align.Unknown: "?",
}

func kindSymbol(kind string) string { return kindSymbols[kind] }

// kindCount is a kind of change with how many links have it, for the
// filter.
type kindCount struct {
	Kind    string
	Count   int
	Checked bool
}

// comparePick is the form that picks two versions and what to show of
// their comparison.
type comparePick struct {
	NegotiationID int64
	Versions      []*parley.Version
	OldID, NewID  int64
	Filter        compareFilter
	Kinds         []kindCount
	Counted       bool // Kinds have the counts of the comparison shown
}

// newComparePick fills the form; counts, when not nil, are the links of
// each kind in the comparison shown.
func newComparePick(n int64, versions []*parley.Version, oldID, newID int64, f compareFilter, counts map[string]int) *comparePick {
	p := &comparePick{NegotiationID: n, Versions: versions, OldID: oldID, NewID: newID, Filter: f, Counted: counts != nil}
	for _, k := range parley.LinkKinds {
		p.Kinds = append(p.Kinds, kindCount{Kind: k, Count: counts[k], Checked: f.Kinds[k]})
	}
	return p
}

// latestPair is the two newest versions, the default of the pick form:
// the newest one's first parent when it has one, else the one before it.
func latestPair(versions []*parley.Version) (oldID, newID int64) {
	if len(versions) == 0 {
		return 0, 0
	}
	last := versions[len(versions)-1]
	switch {
	case len(last.ParentIDs) > 0:
		return last.ParentIDs[0], last.ID
	case len(versions) > 1:
		return versions[len(versions)-2].ID, last.ID
	}
	return last.ID, last.ID
}

// handleCompare shows two versions side by side: one row per link with its
// kind and redline, filtered as the query asks, with a list of the changes
// shown, each row linked to the change before and after it; mediators and
// owners get the forms to correct links.
func (s *Server) handleCompare() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		filter, err := parseCompareFilter(r.URL.Query())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		old, new, al, key, err := s.alignedPair(ctx, r, rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		n, versions, err := s.negotiationVersions(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		canCorrect := rq.member.Role == parley.RoleMediator || rq.member.Role == parley.RoleOwner
		c := s.comparison(key, al, old, new)
		cells, err := s.compareRows(key, canCorrect, al, c)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		rows, changes := filterRows(c, cells, filter)
		counts := c.Summary.Kinds
		if counts == nil {
			counts = map[string]int{}
		}
		s.render(w, r, "compare.html", http.StatusOK, map[string]any{
			"Title": old.Label + " → " + new.Label, "Negotiation": n, "Old": old, "New": new, "Rows": rows, "Changes": changes,
			"Total": len(c.Links), "Query": filter.query(), "Pick": newComparePick(n.ID, versions, old.ID, new.ID, filter, counts),
			"Summary": c.Summary, "CanCorrect": canCorrect, "Kinds": parley.LinkKinds, "Warnings": c.Warnings,
			"VersionFormats": export.FormatsOf(export.OfVersion), "NegotiationFormats": export.FormatsOf(export.OfNegotiation),
			"ComparisonFormats": export.FormatsOf(export.OfComparison),
		})
	}
}

// alignedPair loads the two versions of an alignment route (see pairOf)
// and their stored alignment with its cache key.
func (s *Server) alignedPair(ctx context.Context, r *http.Request, rq *request) (old, new *parley.Version, al *align.Alignment, key string, err error) {
	if old, new, err = s.pairOf(ctx, r, rq); err != nil {
		return nil, nil, nil, "", err
	}
	al, key, err = s.alignStoredKey(ctx, old, new)
	return old, new, al, key, err
}

// negotiationVersions loads a negotiation and its versions.
func (s *Server) negotiationVersions(ctx context.Context, id int64) (*parley.Negotiation, []*parley.Version, error) {
	n, err := s.Store.FindNegotiationByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	versions, err := s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	return n, versions, err
}

// filterRows keeps the rows the filter shows and links each change to the
// changes shown before and after it; it returns the rows and the changes.
func filterRows(c *export.Comparison, cells []rowCells, f compareFilter) (rows, changes []compareView) {
	for k, l := range c.Links {
		if !f.shows(l) {
			continue
		}
		rows = append(rows, compareView{rowCells: cells[k], N: k, Kind: l.Kind, Change: l.Kind != align.Unchanged, Low: lowConfidence(l), Fixed: l.Fixed, Prev: -1, Next: -1})
	}
	prev := -1
	for k := range rows {
		if !rows[k].Change {
			continue
		}
		if prev >= 0 {
			rows[k].Prev, rows[prev].Next = rows[prev].N, rows[k].N
		}
		prev = k
	}
	for _, r := range rows {
		if r.Change {
			changes = append(changes, r)
		}
	}
	return rows, changes
}

// compareRows renders the cells of the compare page's rows: one row per
// link, with its redline. They are most of the page's work and depend only
// on the alignment (named by its cache key) and on whether the reader may
// correct links, so they are rendered once for each and kept; the page
// picks the rows its filter shows.
func (s *Server) compareRows(key string, canCorrect bool, al *align.Alignment, c *export.Comparison) ([]rowCells, error) {
	key = "compare rows " + strconv.FormatBool(canCorrect) + " " + key
	if cells, ok := s.alignments.get(key).([]rowCells); ok {
		return cells, nil
	}
	out := make([]rowCells, len(al.Links))
	t := s.pages["compare.html"]
	for k, l := range al.Links {
		row := compareRow{Link: c.Links[k]}
		for _, i := range l.Old {
			row.Old = append(row.Old, al.Old[i])
		}
		for _, j := range l.New {
			row.New = append(row.New, al.New[j])
		}
		row.OldKeys, row.NewKeys = keys(row.Old), keys(row.New)
		data := map[string]any{"Row": row, "CanCorrect": canCorrect}
		cells := [3]*template.HTML{&out[k].OldCell, &out[k].KindCell, &out[k].NewCell}
		for n, name := range []string{"compare-old", "compare-kind", "compare-new"} {
			var buf bytes.Buffer
			if err := t.ExecuteTemplate(&buf, name, data); err != nil {
				return nil, fmt.Errorf("web: render compare rows: %w", err)
			}
			// Made by html/template from the templates above, every text escaped.
			*cells[n] = template.HTML(buf.String())
		}
		out[k].Names = pointNames(row.Old) + " → " + pointNames(row.New)
		out[k].Words = knownWords(slices.Concat(row.New, row.Old))
	}
	s.alignments.put(key, out)
	return out, nil
}

// knownWords are the first words of the first point whose text is known,
// or "text not known".
func knownWords(points []parley.Point) string {
	for i := range points {
		if !align.Placeholder(&points[i]) {
			return firstWords(export.PointText(&points[i]), 8)
		}
	}
	return "text not known"
}

// pointNames names points by their paths ("6, 10(a)"), or "—" for none.
func pointNames(points []parley.Point) string {
	if len(points) == 0 {
		return "—"
	}
	names := make([]string, len(points))
	for i, p := range points {
		names[i] = parley.FormatPath(p.Path)
	}
	return strings.Join(names, ", ")
}

// comparePickPage shows the pick form alone, set to the newest version
// and the one it derives from.
func (s *Server) comparePickPage(w http.ResponseWriter, r *http.Request, rq *request, filter compareFilter) {
	n, versions, err := s.negotiationVersions(r.Context(), rq.negotiationID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	oldID, newID := latestPair(versions)
	s.render(w, r, "compare.html", http.StatusOK, map[string]any{"Title": "Compare: " + n.Title, "Negotiation": n, "PickOnly": true,
		"Pick": newComparePick(n.ID, versions, oldID, newID, filter, nil)})
}

// handleComparePick is GET /negotiations/{id}/compare?old=A&new=B, the
// form that picks any two versions of the negotiation: it sends the reader
// to their compare page, with the filter the form set. Without old and
// new it shows the form alone.
func (s *Server) handleComparePick() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		q := r.URL.Query()
		filter, err := parseCompareFilter(q)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !q.Has("old") && !q.Has("new") {
			s.comparePickPage(w, r, rq, filter)
			return
		}
		ids := [2]int64{}
		for k, field := range []string{"old", "new"} {
			id, err := strconv.ParseInt(q.Get(field), 10, 64)
			if err != nil || id <= 0 {
				s.fail(w, r, parley.Errorf(parley.EINVALID, "%s: pick a version (got %q)", field, q.Get(field)))
				return
			}
			v, err := s.Store.ListVersions(ctx, parley.VersionFilter{ID: id})
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if len(v) == 0 || v[0].NegotiationID != rq.negotiationID {
				s.fail(w, r, parley.Errorf(parley.EINVALID, "%s: this negotiation has no version %d", field, id))
				return
			}
			ids[k] = id
		}
		if ids[0] == ids[1] {
			s.fail(w, r, parley.Errorf(parley.EINVALID, "new: pick two different versions"))
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/compare/%d/%d%s", ids[0], ids[1], filter.query()), http.StatusSeeOther)
	}
}

func keys(points []parley.Point) string {
	k := make([]string, len(points))
	for i, p := range points {
		k[i] = p.Key()
	}
	return strings.Join(k, ",")
}

// handleCorrectForm records a correction from the compare page and goes
// back to it.
func (s *Server) handleCorrectForm() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		if err := readForm(w, r, MaxCorrectionFormBytes); err != nil {
			s.fail(w, r, err)
			return
		}
		old, new, err := s.pairOf(ctx, r, rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f := r.PostForm
		c := &parley.Correction{OldVersionID: old.ID, NewVersionID: new.ID, Action: f.Get("action"), Kind: f.Get("kind"), Note: f.Get("note"), UserID: rq.caller.user.ID}
		if c.OldPointIDs, err = pointIDsOf("old", old, splitKeys(f.Get("old"))); err == nil {
			c.NewPointIDs, err = pointIDsOf("new", new, splitKeys(f.Get("new")))
		}
		if err == nil {
			err = s.Store.CreateCorrection(ctx, c)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		// Back to the page as the reader filtered it.
		http.Redirect(w, r, r.URL.RequestURI(), http.StatusSeeOther)
	}
}

// splitKeys reads "6,10/a" or "6, 10(a)" into paths.
func splitKeys(s string) [][]string {
	var out [][]string
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if strings.Contains(item, "/") {
			out = append(out, strings.Split(item, "/"))
			continue
		}
		out = append(out, strings.FieldsFunc(strings.ToLower(item), func(r rune) bool { return r == '(' || r == ')' || r == '.' || r == ' ' }))
	}
	return out
}

// handleLineage draws every version of the negotiation, oldest first, as
// an alluvial diagram, with the evolution table under it. Each step uses
// the stored alignment of the two versions, people's corrections applied.
func (s *Server) handleLineage() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		n, err := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		list, err := s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		full := make([]*parley.Version, len(list))
		versions := make([][]parley.Point, len(list))
		labels := make([]string, len(list))
		for k, v := range list {
			if full[k], err = s.Store.FindVersionByID(ctx, v.ID); err != nil {
				s.fail(w, r, err)
				return
			}
			versions[k], labels[k] = full[k].Points, v.Label
		}
		data := map[string]any{"Title": "Lineage: " + n.Title, "Negotiation": n}
		if len(versions) >= 2 {
			steps := make([]*align.Alignment, len(full)-1)
			for k := range steps {
				if steps[k], err = s.alignStored(ctx, full[k], full[k+1]); err != nil {
					s.fail(w, r, err)
					return
				}
			}
			lin := align.Join(versions, steps)
			var svg bytes.Buffer
			href := func(k, i int) string { return pointHref(full[k], i) }
			if err := export.WriteLineageSVG(&svg, lin, labels, export.LineageSVGOptions{Href: href}); err != nil {
				s.fail(w, r, err)
				return
			}
			// The SVG is made here, every text in it escaped.
			data["SVG"] = template.HTML(svg.String())
			data["Versions"] = list
			data["Threads"] = lineageRows(lin, full)
		}
		s.render(w, r, "lineage.html", http.StatusOK, data)
	}
}

// pointHref is the address of point i on its version's page.
func pointHref(v *parley.Version, i int) string {
	return "/versions/" + strconv.FormatInt(v.ID, 10) + "#p-" + v.Points[i].Key()
}

// lineagePoint is one point in a cell of the evolution table.
type lineagePoint struct {
	Label, Words, Text, Href string
}

// lineageCell is one version's points of a thread, with the step that
// led there.
type lineageCell struct {
	Kind   string // the kind of step from the version before, "" for the first
	Back   bool   // the provision comes back here after a gap
	Points []lineagePoint
}

// lineageRows is the evolution table: for each thread, each version's
// points with their first words, whole text and address.
func lineageRows(lin *align.Lineage, versions []*parley.Version) [][]lineageCell {
	rows := make([][]lineageCell, len(lin.Threads))
	for t, th := range lin.Threads {
		row := make([]lineageCell, len(th.Points))
		for k, ps := range th.Points {
			if k > 0 {
				row[k].Kind, row[k].Back = th.Kinds[k-1], th.Back[k-1]
			}
			for _, i := range ps {
				p := &lin.Versions[k][i]
				text := export.PointText(p)
				row[k].Points = append(row[k].Points, lineagePoint{Label: parley.FormatPath(p.Path), Words: firstWords(text, 6), Text: text, Href: pointHref(versions[k], i)})
			}
		}
		rows[t] = row
	}
	return rows
}
