package export

import (
	"fmt"
	"html"
	"io"
	"net/url"
	"slices"
	"strings"

	"parley"
)

// Timeline is the TimelineJS3 JSON format: a title slide and one slide per
// dated event or version.
type Timeline struct {
	Title  TimelineSlide   `json:"title"`
	Events []TimelineSlide `json:"events"`
}

// TimelineSlide is one slide. Its text fields are HTML, as TimelineJS
// reads them; every text from the record is escaped.
type TimelineSlide struct {
	StartDate *TimelineDate `json:"start_date,omitempty"`
	EndDate   *TimelineDate `json:"end_date,omitempty"`
	Text      TimelineText  `json:"text"`
	Group     string        `json:"group,omitempty"`
	UniqueID  string        `json:"unique_id,omitempty"`
}

// TimelineDate is a date to its known precision: a month-precision date has
// no day, a year-precision date only a year, and TimelineJS shows each so.
type TimelineDate struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
	// DisplayDate is the date in words where the numbers alone would
	// say more than is known: "around November 2025", "spring 2025".
	DisplayDate string `json:"display_date,omitempty"`
}

// TimelineText is a slide's headline and body.
type TimelineText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

// TimelineOf builds the TimelineJS timeline of the shared part of n: every
// event, with its kind as its group, its place, participants, linked
// versions, sources and published understandings in its text; and every
// dated version, in the group "version", with its status, drafter, venue,
// parents and sources. Versions without a date have no place on a timeline
// and are left out.
func TimelineOf(n *Negotiation) *Timeline {
	n = n.Shared()
	nm := n.index()
	t := &Timeline{
		Title:  TimelineSlide{Text: TimelineText{Headline: html.EscapeString(n.Negotiation.Title), Text: htmlParagraphs(n.Negotiation.Description)}},
		Events: []TimelineSlide{},
	}
	for _, e := range n.events() {
		var b strings.Builder
		b.WriteString(htmlParagraphs(e.Description))
		facts := [][2]string{{"Place", e.Place}, {"Parties", strings.Join(nm.partyNames(e.PartyIDs), ", ")},
			{"People", strings.Join(nm.actorNames(e.ActorIDs), ", ")}, {"Texts", strings.Join(nm.versionLabels(e.VersionIDs), "; ")}}
		b.WriteString(htmlFacts(facts))
		b.WriteString(htmlSources(nm.sourcesOf(e.SourceIDs)))
		for _, u := range n.understandingsOf(e.ID) {
			fmt.Fprintf(&b, "<p><strong>As %s records it:</strong></p><ul>", html.EscapeString(nm.partyName(u.PartyID)))
			for _, c := range u.Claims {
				fmt.Fprintf(&b, "<li>%s: %s</li>", agreedWord(c.Agreed), html.EscapeString(c.Text))
			}
			b.WriteString("</ul>")
		}
		t.Events = append(t.Events, TimelineSlide{
			StartDate: timelineDate(e.Date),
			EndDate:   timelineEnd(e.Date),
			Text:      TimelineText{Headline: html.EscapeString(e.Title), Text: b.String()},
			Group:     e.Kind,
			UniqueID:  fmt.Sprintf("event-%d", e.ID),
		})
	}
	versions := slices.Clone(n.Versions)
	slices.SortStableFunc(versions, func(a, b *parley.Version) int {
		switch {
		case a.Date.Before(b.Date):
			return -1
		case b.Date.Before(a.Date):
			return 1
		}
		return 0
	})
	for _, v := range versions {
		if v.Date.IsZero() {
			continue
		}
		drafter := ""
		if p := nm.parties[v.PartyID]; p != nil {
			drafter = p.Name
		}
		if people := nm.actorNames(v.ActorIDs); len(people) > 0 {
			drafter = strings.TrimPrefix(drafter+": "+strings.Join(people, ", "), ": ")
		}
		points := v.PointCount
		if len(v.Points) > 0 {
			points = len(v.Points)
		}
		facts := [][2]string{{"Status", v.Status}, {"Drafted by", drafter}, {"Venue", v.Venue},
			{"Points", fmt.Sprint(points)}, {"Derives from", strings.Join(nm.versionLabels(v.ParentIDs), "; ")}}
		text := htmlFacts(facts) + htmlSources(nm.sourcesOf(v.SourceIDs)) + htmlParagraphs(v.Note)
		t.Events = append(t.Events, TimelineSlide{
			StartDate: timelineDate(v.Date),
			EndDate:   timelineEnd(v.Date),
			Text:      TimelineText{Headline: html.EscapeString(v.Label), Text: text},
			Group:     "version",
			UniqueID:  fmt.Sprintf("version-%d", v.ID),
		})
	}
	return t
}

// WriteTimelineJS writes the TimelineJS JSON of the shared part of n.
func WriteTimelineJS(w io.Writer, n *Negotiation) error {
	return writeIndentedJSON(w, TimelineOf(n))
}

// timelineDate is where TimelineJS places d: an exact date as it is
// written; a date with a qualifier, an unknown digit or a season at the
// first day it may mean, to the precision known, with its words to show;
// an interval at its start (timelineEnd gives its end).
func timelineDate(d parley.Date) *TimelineDate {
	if d.Exact() {
		return &TimelineDate{Year: d.Year, Month: d.Month, Day: d.Day}
	}
	from, _, ok := d.Span()
	if !ok {
		return nil
	}
	t := &TimelineDate{Year: from.Year(), DisplayDate: d.Words()}
	switch d.Precision() {
	case parley.PrecisionDay:
		t.Month, t.Day = int(from.Month()), from.Day()
	case parley.PrecisionMonth:
		t.Month = int(from.Month())
	}
	return t
}

// timelineEnd is the last day of an interval with both ends known, nil
// for any other date.
func timelineEnd(d parley.Date) *TimelineDate {
	if !d.Interval || d.Bound.Year == 0 || d.End.Year == 0 {
		return nil
	}
	_, to, _ := d.Span()
	return &TimelineDate{Year: to.Year(), Month: int(to.Month()), Day: to.Day()}
}

func agreedWord(agreed bool) string {
	if agreed {
		return "agreed"
	}
	return "not agreed"
}

// htmlParagraphs writes a text as escaped HTML paragraphs.
func htmlParagraphs(s string) string {
	var b strings.Builder
	for _, para := range splitParagraphs(s) {
		b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(para), "\n", "<br>") + "</p>")
	}
	return b.String()
}

// htmlFacts writes the facts that have a value as one escaped paragraph.
func htmlFacts(facts [][2]string) string {
	var lines []string
	for _, f := range facts {
		if f[1] != "" {
			lines = append(lines, "<strong>"+html.EscapeString(f[0])+":</strong> "+html.EscapeString(f[1]))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return "<p>" + strings.Join(lines, "<br>") + "</p>"
}

// htmlSources lists sources with their grades, linked where they have a
// web address.
func htmlSources(sources []*parley.Source) string {
	if len(sources) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<p><strong>Sources:</strong></p><ul>")
	for _, s := range sources {
		line := html.EscapeString(sourceLine(s))
		if u, err := url.Parse(s.URL); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			line = `<a href="` + html.EscapeString(u.String()) + `">` + line + "</a>"
		}
		b.WriteString("<li>" + line + "</li>")
	}
	b.WriteString("</ul>")
	return b.String()
}

func (nm *negotiationIndex) partyName(id int64) string {
	if p := nm.parties[id]; p != nil {
		return p.Name
	}
	return fmt.Sprintf("party %d", id)
}

func (nm *negotiationIndex) partyNames(ids []int64) []string {
	var out []string
	for _, id := range ids {
		out = append(out, nm.partyName(id))
	}
	return out
}

// actorNames names people with their role: "Steve Witkoff (Special Envoy)".
func (nm *negotiationIndex) actorNames(ids []int64) []string {
	var out []string
	for _, id := range ids {
		a := nm.actors[id]
		switch {
		case a == nil:
			out = append(out, fmt.Sprintf("actor %d", id))
		case a.Role != "":
			out = append(out, a.Name+" ("+a.Role+")")
		default:
			out = append(out, a.Name)
		}
	}
	return out
}

func (nm *negotiationIndex) versionLabels(ids []int64) []string {
	var out []string
	for _, id := range ids {
		if v := nm.versions[id]; v != nil {
			out = append(out, v.Label)
		} else {
			out = append(out, fmt.Sprintf("version %d", id))
		}
	}
	return out
}

func (nm *negotiationIndex) sourcesOf(ids []int64) []*parley.Source {
	var out []*parley.Source
	for _, id := range ids {
		if s := nm.sources[id]; s != nil {
			out = append(out, s)
		}
	}
	return out
}
