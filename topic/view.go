package topic

import (
	"slices"

	"parley"
)

// Assigned is a point's topics as they stand: a person's decision where
// there is one, the suggestions otherwise.
type Assigned struct {
	PointID int64    `json:"point_id"`
	Path    []string `json:"path"`
	Label   string   `json:"label"`
	Text    string   `json:"text"`
	// Topics are the decided topics, or the suggested ones, sorted.
	Topics []string `json:"topics"`
	// Decided says whether a person confirmed or corrected them.
	Decided  bool                  `json:"decided"`
	Decision *parley.TopicDecision `json:"decision,omitempty"`
	// Suggestions are what the lexicons find, with their evidence, shown
	// next to a decision too.
	Suggestions []Suggestion `json:"suggestions"`
}

// Assign gives the points of one version their topics: decided holds the
// newest decision of each point (parley.CurrentTopics).
func Assign(points []parley.Point, decided map[int64]*parley.TopicDecision) []Assigned {
	in := make([]Point, len(points))
	for i, p := range points {
		in[i] = Point{Path: p.Path, Text: p.Text}
	}
	suggested := SuggestPoints(in)
	out := make([]Assigned, len(points))
	for i, p := range points {
		a := Assigned{PointID: p.ID, Path: p.Path, Label: p.Label, Text: p.Text, Suggestions: suggested[i], Topics: []string{}}
		if a.Suggestions == nil {
			a.Suggestions = []Suggestion{}
		}
		if d := decided[p.ID]; d != nil {
			a.Decided, a.Decision, a.Topics = true, d, slices.Clone(d.Topics)
		} else {
			for _, s := range suggested[i] {
				a.Topics = append(a.Topics, s.Topic)
			}
			slices.Sort(a.Topics)
		}
		out[i] = a
	}
	return out
}

// Change is what one version did to the topics of the text: the topics
// its points carry, and those it added or dropped against the versions it
// derives from (its parents, or else the version of its document before
// it).
type Change struct {
	VersionID int64          `json:"version_id"`
	Label     string         `json:"label"`
	Date      string         `json:"date"`
	Against   []int64        `json:"against"` // the versions compared with
	Topics    map[string]int `json:"topics"`  // points on each topic
	Added     []string       `json:"added"`
	Dropped   []string       `json:"dropped"`
	// Unknown counts the points whose text is not known: a topic they
	// may carry shows as dropped.
	Unknown int `json:"unknown"`
}

// Changes returns the topic changes of versions, given oldest first, with
// the assigned topics of each version's points.
func Changes(versions []*parley.Version, assigned map[int64][]Assigned) []Change {
	count := map[int64]map[string]int{}
	lastOfDocument := map[int64]int64{}
	out := make([]Change, 0, len(versions))
	for _, v := range versions {
		c := Change{VersionID: v.ID, Label: v.Label, Date: v.Date.String(), Topics: map[string]int{}, Added: []string{}, Dropped: []string{}}
		for _, a := range assigned[v.ID] {
			for _, t := range a.Topics {
				c.Topics[t]++
			}
			if unknownText(a.Text) && !a.Decided {
				c.Unknown++
			}
		}
		count[v.ID] = c.Topics
		c.Against = []int64{}
		for _, p := range v.ParentIDs {
			if count[p] != nil {
				c.Against = append(c.Against, p)
			}
		}
		if len(c.Against) == 0 {
			if prev, ok := lastOfDocument[v.DocumentID]; ok {
				c.Against = []int64{prev}
			}
		}
		before := map[string]bool{}
		for _, p := range c.Against {
			for t := range count[p] {
				before[t] = true
			}
		}
		for t := range c.Topics {
			if !before[t] {
				c.Added = append(c.Added, t)
			}
		}
		for t := range before {
			if c.Topics[t] == 0 {
				c.Dropped = append(c.Dropped, t)
			}
		}
		slices.Sort(c.Added)
		slices.Sort(c.Dropped)
		lastOfDocument[v.DocumentID] = v.ID
		out = append(out, c)
	}
	return out
}

// IssueTopics returns the topics an issue's name and description suggest,
// so that positions on the issue can be shown by topic.
func IssueTopics(is *parley.Issue) []Suggestion {
	return Suggest(is.Name+". "+is.Description, "")
}
