package understand

import (
	"strings"

	"parley"
)

// Placement is the scale of the issue a subject is tied to, with each
// party's claimed figure on it.
type Placement struct {
	IssueID int64   `json:"issue_id"`
	Issue   string  `json:"issue"`
	Unit    string  `json:"unit,omitempty"`
	Min     float64 `json:"min"`
	Max     float64 `json:"max"`
	Marks   []Mark  `json:"marks"`
}

// Mark is one party's claimed figure on an issue's scale.
type Mark struct {
	PartyID int64   `json:"party_id"`
	Value   float64 `json:"value"`
	Label   string  `json:"label"` // the value with thousands grouped: "800,000"
	Text    string  `json:"text"`  // the figure as the claim writes it
	Agreed  bool    `json:"agreed"`
	// At is the value's place on the scale, from 0 (Min) to 1 (Max).
	At float64 `json:"at"`
}

// place puts each claim's figure on the issue's scale: the first figure
// of the claim in the issue's unit (or with no unit stated) that lies
// within the scale. It returns nil for no issue, an ordinal issue, or no
// claim with such a figure.
func place(issue *parley.Issue, claims []Claim) *Placement {
	if issue == nil || issue.Scale != parley.ScaleNumeric {
		return nil
	}
	p := &Placement{IssueID: issue.ID, Issue: issue.Name, Unit: issue.Unit, Min: issue.Min, Max: issue.Max, Marks: []Mark{}}
	for _, c := range claims {
		for _, f := range c.Content.Figures {
			if !inUnit(f, issue.Unit) || !issue.InScale(f.Value) {
				continue
			}
			p.Marks = append(p.Marks, Mark{PartyID: c.PartyID, Value: f.Value, Label: formatNumber(f.Value), Text: f.Text, Agreed: c.Agreed,
				At: (f.Value - issue.Min) / (issue.Max - issue.Min)})
			break
		}
	}
	if len(p.Marks) == 0 {
		return nil
	}
	return p
}

// inUnit reports whether a figure is in an issue's unit: it states none,
// or the same one, as written or as this package reads unit words
// ("troops" and "personnel" are both "personnel").
func inUnit(f Figure, unit string) bool {
	if f.Unit == "" || strings.EqualFold(f.Unit, unit) {
		return true
	}
	return unitOf(strings.ToLower(unit)) == f.Unit
}
