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
// an alluvial diagram, with the evolution table under it.
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
		var versions [][]parley.Point
		var labels []string
		for _, v := range list {
			full, err := s.Store.FindVersionByID(ctx, v.ID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			versions, labels = append(versions, full.Points), append(labels, v.Label)
		}
		data := map[string]any{"Title": "Lineage: " + n.Title, "Negotiation": n}
		if len(versions) >= 2 {
			lin := align.Follow(versions)
			var svg bytes.Buffer
			if err := export.WriteLineageSVG(&svg, lin, labels); err != nil {
				s.fail(w, r, err)
				return
			}
			// The SVG is made here, every text in it escaped.
			data["SVG"] = template.HTML(svg.String())
			data["Table"] = export.Lineage(lin, labels)
		}
		s.render(w, r, "lineage.html", http.StatusOK, data)
	}
}
