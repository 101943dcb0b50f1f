package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
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

// handleCompare shows two versions side by side: one row per link with its
// kind and redline; mediators and owners get the forms to correct links.
func (s *Server) handleCompare() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		old, new, err := s.pairOf(ctx, r, rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		al, key, err := s.alignStoredKey(ctx, old, new)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		n, err := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		canCorrect := rq.member.Role == parley.RoleMediator || rq.member.Role == parley.RoleOwner
		c := s.comparison(key, al, old, new)
		rows, err := s.compareRows(key, canCorrect, al, c)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "compare.html", http.StatusOK, map[string]any{
			"Title": old.Label + " → " + new.Label, "Negotiation": n, "Old": old, "New": new, "RowsHTML": rows,
			"Summary": c.Summary, "CanCorrect": canCorrect, "Kinds": parley.LinkKinds, "Warnings": c.Warnings,
		})
	}
}

// compareRows renders the rows of the compare page: one per link, with its
// redline. They are most of the page's work and depend only on the
// alignment (named by its cache key) and on whether the reader may
// correct links, so they are rendered once for each and kept.
func (s *Server) compareRows(key string, canCorrect bool, al *align.Alignment, c *export.Comparison) (template.HTML, error) {
	key = "compare rows " + strconv.FormatBool(canCorrect) + " " + key
	if html, ok := s.alignments.get(key).(template.HTML); ok {
		return html, nil
	}
	rows := make([]compareRow, len(al.Links))
	for k, l := range al.Links {
		row := compareRow{Link: c.Links[k]}
		for _, i := range l.Old {
			row.Old = append(row.Old, al.Old[i])
		}
		for _, j := range l.New {
			row.New = append(row.New, al.New[j])
		}
		row.OldKeys, row.NewKeys = keys(row.Old), keys(row.New)
		rows[k] = row
	}
	var buf bytes.Buffer
	if err := s.pages["compare.html"].ExecuteTemplate(&buf, "compare-rows", map[string]any{"Rows": rows, "CanCorrect": canCorrect}); err != nil {
		return "", fmt.Errorf("web: render compare rows: %w", err)
	}
	// Made by html/template from the template above, every text escaped.
	html := template.HTML(buf.String())
	s.alignments.put(key, html)
	return html, nil
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
		http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
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
	Kind   string // the step from the version before, "" for the first
	Points []lineagePoint
}

// lineageRows is the evolution table: for each thread, each version's
// points with their first words, whole text and address.
func lineageRows(lin *align.Lineage, versions []*parley.Version) [][]lineageCell {
	rows := make([][]lineageCell, len(lin.Threads))
	for t, th := range lin.Threads {
		tj := export.ThreadJSON{Kinds: th.Kinds, Back: th.Back}
		row := make([]lineageCell, len(th.Points))
		for k, ps := range th.Points {
			if k > 0 {
				row[k].Kind = tj.StepKind(k - 1)
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
