package understand

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"parley"
)

// Outcomes of comparing the parties' claims on one subject of an event.
const (
	// Agreed: two or more parties speak to the subject, all say it was
	// agreed, and what they say is the same.
	Agreed = "agreed"
	// NotAgreed: two or more parties speak to the subject and all say it
	// was not agreed; they concur.
	NotAgreed = "not-agreed"
	// Contradiction: all who speak to the subject say it was agreed, but
	// they say different things: other figures, dates or names, one
	// negates what the other affirms, "will" against "may", or they tie it
	// to different issues.
	Contradiction = "contradiction"
	// Disputed: one party says the subject was agreed, another that it
	// was not.
	Disputed = "disputed"
	// OneSided: one party speaks to the subject; the others who recorded
	// an understanding of the event say nothing about it.
	OneSided = "one-sided"
)

// Outcomes lists the outcomes in the order a comparison reports them.
var Outcomes = []string{Contradiction, Disputed, OneSided, Agreed, NotAgreed}

// Kinds of difference between two claims that both say agreed.
const (
	DiffFigures  = "figures"
	DiffDates    = "dates"
	DiffNames    = "names"
	DiffPlaces   = "places"
	DiffNegation = "negation"
	DiffModality = "modality"
	DiffIssue    = "issue"
)

// Claim is one party's claim on a subject, with the understanding it comes
// from and what it says.
type Claim struct {
	PartyID         int64       `json:"party_id"`
	UnderstandingID int64       `json:"understanding_id"`
	Date            parley.Date `json:"date"`
	parley.Claim
	Content Content `json:"content"`
}

// Difference is one way the claims on a subject differ, with what each
// party's claim says, side by side, in the order of the subject's claims
// (those saying agreed first, each side by party).
type Difference struct {
	What string   `json:"what"` // DiffFigures, DiffDates, ...
	Says []Saying `json:"says"`
}

// Saying is what one party's claim says on one kind of content: "800,000",
// "will", "not said".
type Saying struct {
	PartyID int64  `json:"party_id"`
	Says    string `json:"says"`
}

// String writes the difference as a reader checks it: "figures: 800,000
// vs 100,000".
func (d Difference) String() string {
	says := make([]string, len(d.Says))
	for i, s := range d.Says {
		says[i] = s.Says
	}
	return d.What + ": " + strings.Join(says, " vs ")
}

// Topic is what the parties who recorded an understanding of one event
// say about one subject: a topic key, an issue or a point.
type Topic struct {
	Topic   string `json:"topic"` // the topic as the first claim on it writes it
	Key     string `json:"key"`   // the normalised key: a synonym group's where a claim's topic is in one, else the first claim's
	IssueID int64  `json:"issue_id,omitempty"`
	Outcome string `json:"outcome"` // Agreed, NotAgreed, Contradiction, Disputed or OneSided
	// Differences say why a contradiction is one, and for a disputed
	// subject how the readings differ besides the label; empty otherwise.
	Differences []Difference `json:"differences"`
	// PointsDiffer reports that the parties tie the subject to different
	// points. Point ids belong to versions, so two ids may be one point in
	// two versions: a reader should check, but it is no contradiction.
	PointsDiffer bool    `json:"points_differ,omitempty"`
	Agreed       []Claim `json:"agreed"`     // the parties that say it was agreed, by party id
	NotAgreed    []Claim `json:"not_agreed"` // the parties that say it was not agreed, by party id
	Silent       []int64 `json:"silent"`     // parties with an understanding of the event that do not speak to it
	// Scale places each party's claimed figure on the scale of the issue
	// the subject is tied to, where that issue is numeric and a claim
	// states a figure in its unit; nil otherwise.
	Scale *Placement `json:"scale,omitempty"`
}

// Claims returns every party's claim on the subject, agreed ones first.
func (t *Topic) Claims() []Claim {
	return append(slices.Clone(t.Agreed), t.NotAgreed...)
}

// ClaimOf returns the party's claim on the subject, or nil if it is silent.
func (t *Topic) ClaimOf(partyID int64) *Claim {
	for _, side := range [][]Claim{t.Agreed, t.NotAgreed} {
		for i := range side {
			if side[i].PartyID == partyID {
				return &side[i]
			}
		}
	}
	return nil
}

// Describe says in one sentence what the parties say, naming each party
// with name (a party code, say): "UA, RU say agreed, but differ: figures
// 800,000 vs 100,000".
func (t *Topic) Describe(name func(partyID int64) string) string {
	names := func(cs []Claim) string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = name(c.PartyID)
		}
		return strings.Join(out, ", ")
	}
	silent := ""
	if len(t.Silent) > 0 {
		s := make([]string, len(t.Silent))
		for i, id := range t.Silent {
			s[i] = name(id)
		}
		silent = "; " + strings.Join(s, ", ") + " silent"
	}
	switch t.Outcome {
	case Contradiction:
		diffs := make([]string, len(t.Differences))
		for i, d := range t.Differences {
			diffs[i] = d.String()
		}
		return fmt.Sprintf("%s say agreed, but differ: %s%s", names(t.Agreed), strings.Join(diffs, "; "), silent)
	case Disputed:
		return fmt.Sprintf("%s %s agreed; %s %s not agreed%s", names(t.Agreed), say(len(t.Agreed)), names(t.NotAgreed), say(len(t.NotAgreed)), silent)
	case OneSided:
		if len(t.Agreed) > 0 {
			return fmt.Sprintf("only %s says agreed%s", names(t.Agreed), silent)
		}
		return fmt.Sprintf("only %s says not agreed%s", names(t.NotAgreed), silent)
	case Agreed:
		return fmt.Sprintf("%s all say agreed, and say the same", names(t.Agreed))
	}
	return fmt.Sprintf("%s all say not agreed", names(t.NotAgreed))
}

func say(n int) string {
	if n == 1 {
		return "says"
	}
	return "say"
}

// Context is what a comparison knows of the negotiation: its parties (whose
// names and codes claims mention), its issues (to tie claims to and place
// figures on) and the synonyms its mediators keep.
type Context struct {
	Parties  []*parley.Party
	Issues   []*parley.Issue
	Synonyms []parley.SynonymGroup
}

// lexicon builds the names Extract knows: each party's name and code read
// as its code, each synonym term as its group's key.
func (cx *Context) lexicon() *Lexicon {
	lex := &Lexicon{}
	for _, p := range cx.Parties {
		lex.AddName(p.Name, p.Code)
		lex.AddName(p.Code, p.Code)
	}
	for _, g := range cx.Synonyms {
		key := g.Key
		// A group keyed by a party's code or name stands for that party.
		for _, p := range cx.Parties {
			if strings.EqualFold(g.Key, p.Code) || strings.EqualFold(g.Key, p.Name) {
				key = p.Code
			}
		}
		for _, t := range append([]string{g.Key}, g.Terms...) {
			lex.AddName(t, key)
		}
	}
	return lex
}

// topicKey maps a claim's topic to its subject key: normalised, then
// through the synonyms to its group's key.
func (cx *Context) topicKey(topic string) string {
	k := parley.NormalizeTopic(topic)
	for _, g := range cx.Synonyms {
		for _, t := range append([]string{g.Key}, g.Terms...) {
			if parley.NormalizeTopic(t) == k {
				return parley.NormalizeTopic(g.Key)
			}
		}
	}
	return k
}

func (cx *Context) issue(id int64) *parley.Issue {
	for _, i := range cx.Issues {
		if i.ID == id {
			return i
		}
	}
	return nil
}

// Compare compares the understandings of one event, subject by subject.
//
// Claims are on one subject when they share a topic key (NormalizeTopic,
// then the synonyms), an issue or a point; a claim tied to an issue also
// has the issue's name as a topic. These ties chain, so a claim keyed
// "army-cap" and one keyed "Army Cap" tied to the army-cap issue are one
// subject with a third tied to that issue under any key.
//
// Each party speaks once on a subject: where a party recorded several
// understandings of the event, its newest (by date, then id) that speaks
// to the subject counts, and within one understanding its last claim on
// it. Pass only the understandings the reader may see: the comparison is
// made from them alone and reveals nothing else.
//
// The rules, for the parties that speak to a subject:
//   - one party: OneSided (the others who recorded an understanding are
//     Silent);
//   - some say agreed and some not agreed: Disputed;
//   - all say agreed: Agreed when what they say is the same, Contradiction
//     when it differs (see Differ);
//   - all say not agreed: NotAgreed.
//
// Results come contradictions first, then disputed, one-sided, agreed and
// not-agreed subjects, each group in the order subjects first appear.
func Compare(understandings []*parley.Understanding, cx Context) []Topic {
	lex := cx.lexicon()
	type entry struct {
		claim Claim
		order int // the claim's place in the caller's order
	}
	var entries []entry
	for _, u := range understandings {
		if u == nil {
			continue
		}
		for _, c := range u.Claims {
			if parley.NormalizeTopic(c.Topic) == "" && c.IssueID == 0 && c.PointID == 0 {
				continue
			}
			entries = append(entries, entry{claim: Claim{PartyID: u.PartyID, UnderstandingID: u.ID, Date: u.Date, Claim: c, Content: Extract(c.Text, lex)}, order: len(entries)})
		}
	}
	// Join the claims that share a key, an issue or a point.
	parent := make([]int, len(entries))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	first := map[string]int{}
	for i, e := range entries {
		var keys []string
		if k := cx.topicKey(e.claim.Topic); k != "" {
			keys = append(keys, "topic:"+k)
		}
		if e.claim.IssueID != 0 {
			keys = append(keys, fmt.Sprintf("issue:%d", e.claim.IssueID))
			// The issue's name is one more topic of the claim, so that
			// a synonym joins an issue to the topics the parties use.
			if i := cx.issue(e.claim.IssueID); i != nil {
				keys = append(keys, "topic:"+cx.topicKey(i.Name))
			}
		}
		if e.claim.PointID != 0 {
			keys = append(keys, fmt.Sprintf("point:%d", e.claim.PointID))
		}
		for _, k := range keys {
			if j, ok := first[k]; ok {
				a, b := find(i), find(j)
				parent[max(a, b)] = min(a, b)
			} else {
				first[k] = i
			}
		}
	}
	groups := map[int][]entry{}
	var roots []int
	for i, e := range entries {
		r := find(i)
		if groups[r] == nil {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], e)
	}
	var parties []int64
	for _, u := range understandings {
		if u != nil && !slices.Contains(parties, u.PartyID) {
			parties = append(parties, u.PartyID)
		}
	}
	slices.Sort(parties)

	out := make([]Topic, 0, len(roots))
	for _, r := range roots {
		es := groups[r]
		// Each party's newest claim: by the understanding's date, then
		// its id, then the claim's place.
		newest := map[int64]entry{}
		for _, e := range es {
			old, ok := newest[e.claim.PartyID]
			if !ok || newer(e.claim, e.order, old.claim, old.order) {
				newest[e.claim.PartyID] = e
			}
		}
		head := es[0].claim
		t := Topic{Topic: strings.TrimSpace(head.Topic), Key: cx.topicKey(head.Topic), Differences: []Difference{},
			Agreed: []Claim{}, NotAgreed: []Claim{}, Silent: []int64{}}
		for _, e := range es {
			if t.IssueID == 0 {
				t.IssueID = e.claim.IssueID
			}
		}
		// A key the mediators chose (a synonym group's) names the subject
		// better than the first party's wording.
		for _, e := range es {
			if k := cx.topicKey(e.claim.Topic); k != parley.NormalizeTopic(e.claim.Topic) {
				t.Key = k
				break
			}
		}
		for _, p := range parties {
			e, ok := newest[p]
			switch {
			case !ok:
				t.Silent = append(t.Silent, p)
			case e.claim.Agreed:
				t.Agreed = append(t.Agreed, e.claim)
			default:
				t.NotAgreed = append(t.NotAgreed, e.claim)
			}
		}
		judge(&t)
		t.Scale = place(cx.issue(t.IssueID), t.Claims())
		out = append(out, t)
	}
	rank := func(o string) int { return slices.Index(Outcomes, o) }
	slices.SortStableFunc(out, func(a, b Topic) int {
		return cmp.Compare(rank(a.Outcome), rank(b.Outcome))
	})
	return out
}

// newer reports whether claim a (at place ai in the caller's order) is a
// party's later word than b.
func newer(a Claim, ai int, b Claim, bi int) bool {
	switch {
	case b.Date.Before(a.Date):
		return true
	case a.Date.Before(b.Date):
		return false
	case a.UnderstandingID != b.UnderstandingID:
		return a.UnderstandingID > b.UnderstandingID
	}
	return ai > bi
}

// judge applies the comparison rules to the claims on one subject.
func judge(t *Topic) {
	all := t.Claims()
	var point int64
	for _, c := range all {
		if c.PointID != 0 {
			if point != 0 && point != c.PointID {
				t.PointsDiffer = true
			}
			point = c.PointID
		}
	}
	switch {
	case len(all) == 1:
		t.Outcome = OneSided
	case len(t.Agreed) > 0 && len(t.NotAgreed) > 0:
		t.Outcome = Disputed
		t.Differences = Differ(all)
	case len(t.Agreed) > 0:
		t.Differences = Differ(t.Agreed)
		t.Outcome = Agreed
		if len(t.Differences) > 0 {
			t.Outcome = Contradiction
		}
	default:
		t.Outcome = NotAgreed
	}
}

// Differ compares what the claims say and returns each kind of content on
// which two of them differ, with every claim's side of it. Two claims
// differ on
//   - figures: both state figures and one states a figure the other does
//     not (a figure matches one of equal value whose unit is the same or
//     unstated: "800 тыс." matches "800,000 troops");
//   - dates: both state dates and one states a date the other does not (a
//     month matches any day in it);
//   - names: each names a party or a synonym the other does not (naming
//     fewer is not contradicting);
//   - places: both are in one language and each has a capitalised name
//     the other does not ("Kherson" against "Zaporizhzhia"); across
//     languages only names a synonym joins are compared;
//   - negation: one says not, no or never (не, нет, ни; не, ні) and the
//     other does not;
//   - modality: both state one and one says "will" (shall, must, promised;
//     будет, должен; буде, має) where the other says "may" (could,
//     possibly; может; може);
//   - issue: they are tied to different issues.
func Differ(claims []Claim) []Difference {
	out := []Difference{}
	kinds := []struct {
		what   string
		differ func(a, b Claim) bool
		says   func(c Claim) string
	}{
		{DiffFigures, func(a, b Claim) bool {
			fa, fb := a.Content.Figures, b.Content.Figures
			return len(fa) > 0 && len(fb) > 0 && (!coveredFigures(fa, fb) || !coveredFigures(fb, fa))
		}, func(c Claim) string { return joinOr(figureStrings(c.Content.Figures), "no figure") }},
		{DiffDates, func(a, b Claim) bool {
			da, db := a.Content.Dates, b.Content.Dates
			return len(da) > 0 && len(db) > 0 && (!coveredDates(da, db) || !coveredDates(db, da))
		}, func(c Claim) string { return joinOr(c.Content.Dates, "no date") }},
		{DiffNames, func(a, b Claim) bool {
			return lacks(a.Content.Names, b.Content.Names) && lacks(b.Content.Names, a.Content.Names)
		}, func(c Claim) string { return joinOr(c.Content.Names, "no name") }},
		{DiffPlaces, func(a, b Claim) bool {
			return a.Content.Lang == b.Content.Lang && lacks(a.Content.Places, b.Content.Places) && lacks(b.Content.Places, a.Content.Places)
		}, func(c Claim) string { return joinOr(c.Content.Places, "no place") }},
		{DiffNegation, func(a, b Claim) bool { return a.Content.Negated != b.Content.Negated }, func(c Claim) string {
			if c.Content.Negated {
				return "negative"
			}
			return "affirmative"
		}},
		{DiffModality, func(a, b Claim) bool {
			return a.Content.Modality != "" && b.Content.Modality != "" && a.Content.Modality != b.Content.Modality
		}, func(c Claim) string { return joinOr([]string{c.Content.Modality}, "not said") }},
		{DiffIssue, func(a, b Claim) bool { return a.IssueID != 0 && b.IssueID != 0 && a.IssueID != b.IssueID }, func(c Claim) string {
			if c.IssueID == 0 {
				return "no issue"
			}
			return fmt.Sprintf("issue %d", c.IssueID)
		}},
	}
	for _, k := range kinds {
		differ := false
		for i := range claims {
			for j := i + 1; j < len(claims); j++ {
				differ = differ || k.differ(claims[i], claims[j])
			}
		}
		if !differ {
			continue
		}
		d := Difference{What: k.what}
		for _, c := range claims {
			d.Says = append(d.Says, Saying{PartyID: c.PartyID, Says: k.says(c)})
		}
		out = append(out, d)
	}
	return out
}

// coveredFigures reports whether every figure of a has a match in b.
func coveredFigures(a, b []Figure) bool {
	for _, f := range a {
		if !slices.ContainsFunc(b, func(g Figure) bool {
			return f.Value == g.Value && (f.Unit == g.Unit || f.Unit == "" || g.Unit == "")
		}) {
			return false
		}
	}
	return true
}

// coveredDates reports whether every date of a has a match in b: the same
// date, or one within the other ("2025-08" and "2025-08-15").
func coveredDates(a, b []string) bool {
	for _, d := range a {
		if !slices.ContainsFunc(b, func(e string) bool { return strings.HasPrefix(d, e) || strings.HasPrefix(e, d) }) {
			return false
		}
	}
	return true
}

// lacks reports whether a holds a name that b does not.
func lacks(a, b []string) bool {
	for _, n := range a {
		if !slices.Contains(b, n) {
			return true
		}
	}
	return false
}

func figureStrings(fs []Figure) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.String()
	}
	return out
}

func joinOr(s []string, none string) string {
	s = slices.DeleteFunc(slices.Clone(s), func(x string) bool { return x == "" })
	if len(s) == 0 {
		return none
	}
	return strings.Join(s, ", ")
}

// CountOutcomes counts the compared subjects by outcome.
func CountOutcomes(topics []Topic) map[string]int {
	out := map[string]int{}
	for _, o := range Outcomes {
		out[o] = 0
	}
	for _, t := range topics {
		out[t.Outcome]++
	}
	return out
}
