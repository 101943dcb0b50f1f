// Package contact is who talks to whom in a negotiation: parties and
// actors linked by the meetings, calls, summits and talks they share, each
// contact weighted by how recent it is (a half-life), with each side's
// strength and betweenness, and whom a party should talk to.
package contact

import (
	"parley"

	"cmp"
	"container/heap"
	"fmt"
	"math"
	"slices"
	"time"
)

// DefaultHalfLife is how fast a contact fades: its weight halves every 90
// days.
const DefaultHalfLife = 90 * 24 * time.Hour

// ColdLine is the weight under which a direct line counts as cold: less
// than one contact a half-life ago (one contact exactly one half-life ago
// weighs 0.5).
const ColdLine = 0.5

// Node is a party or an actor in a contact network.
type Node struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Code    string `json:"code"`     // the party's code; for an actor, its party's
	PartyID int64  `json:"party_id"` // the party itself, or the actor's party
	Role    string `json:"role,omitempty"`
	// Events counts the contact events it took part in, up to now.
	Events int `json:"events"`
	// Degree counts the others it met.
	Degree int `json:"degree"`
	// Strength is the weighted degree: the sum of the weights of its links.
	// It is the centrality nodes are sized and ranked by.
	Strength float64 `json:"strength"`
	// Betweenness counts the pairs of others whose shortest chain of
	// contacts runs through it (shared where several chains are shortest).
	Betweenness float64     `json:"betweenness"`
	LastContact parley.Date `json:"last_contact"`
}

// Link is the contact between two nodes: how often they took part
// in the same meeting, call, summit or talks, when they last did, and how
// much that weighs now.
type Link struct {
	A     int64       `json:"a"` // the smaller id, except in Network.Lines (a party)
	B     int64       `json:"b"`
	Count int         `json:"count"`
	Last  parley.Date `json:"last"`
	Kinds []string    `json:"kinds"` // the kinds of event, sorted
	// Weight sums the contacts, each halved for every half-life since it
	// happened: a contact today weighs 1, one a half-life ago 0.5.
	Weight   float64 `json:"weight"`
	EventIDs []int64 `json:"event_ids"`
}

// Graph is a network of nodes and the links between them.
type Graph struct {
	Nodes []Node `json:"nodes"`
	Links []Link `json:"links"`
}

// Node returns the node with the id, or nil.
func (g *Graph) Node(id int64) *Node {
	for i := range g.Nodes {
		if g.Nodes[i].ID == id {
			return &g.Nodes[i]
		}
	}
	return nil
}

// Link returns the link between two nodes, or nil if they never met.
func (g *Graph) Link(a, b int64) *Link {
	a, b = min(a, b), max(a, b)
	for i := range g.Links {
		if g.Links[i].A == a && g.Links[i].B == b {
			return &g.Links[i]
		}
	}
	return nil
}

// Network is who talks to whom in a negotiation, as of Now.
type Network struct {
	Now          time.Time `json:"now"`
	HalfLifeDays float64   `json:"half_life_days"`
	Parties      Graph     `json:"parties"`
	Actors       Graph     `json:"actors"`
	// Lines join a party (A) to each actor of another party (B) it met: a
	// party meets an actor when both take part in one contact event.
	Lines []Link `json:"lines"`
}

// line returns the line from a party to an actor, or nil.
func (n *Network) line(partyID, actorID int64) *Link {
	for i := range n.Lines {
		if n.Lines[i].A == partyID && n.Lines[i].B == actorID {
			return &n.Lines[i]
		}
	}
	return nil
}

// Contacts builds the contact network of a negotiation from its events, as
// of now. Only events that bring people together count (Event.IsContact):
// each joins every pair of its parties (the parties named, plus the parties
// of the actors named) and every pair of its actors. A contact weighs
// 2^(-age/halfLife), so recent contacts count more; an event dated to the
// month counts from the 15th, one dated to the year from 1 July (or from
// now, if that is later than now), and an event that starts after now does
// not count. The network has a node for every party and actor given, so
// that those who met nobody show too.
func Build(events []*parley.Event, parties []*parley.Party, actors []*parley.Actor, now time.Time, halfLife time.Duration) (*Network, error) {
	if now.IsZero() {
		return nil, parley.Errorf(parley.EINVALID, "contacts: now is required")
	}
	if halfLife <= 0 {
		return nil, parley.Errorf(parley.EINVALID, "contacts: half-life must be positive, not %s", halfLife)
	}
	net := &Network{Now: now, HalfLifeDays: halfLife.Hours() / 24}
	partyIdx := map[int64]int{}
	for _, p := range parties {
		if _, dup := partyIdx[p.ID]; dup {
			continue
		}
		partyIdx[p.ID] = len(net.Parties.Nodes)
		net.Parties.Nodes = append(net.Parties.Nodes, Node{ID: p.ID, Name: p.Name, Code: p.Code, PartyID: p.ID})
	}
	actorIdx := map[int64]int{}
	for _, a := range actors {
		if _, dup := actorIdx[a.ID]; dup {
			continue
		}
		i, ok := partyIdx[a.PartyID]
		if !ok {
			return nil, parley.Errorf(parley.EINVALID, "contacts: actor %q: party %d is not among the parties", a.Name, a.PartyID)
		}
		actorIdx[a.ID] = len(net.Actors.Nodes)
		net.Actors.Nodes = append(net.Actors.Nodes, Node{ID: a.ID, Name: a.Name, Code: net.Parties.Nodes[i].Code, PartyID: a.PartyID, Role: a.Role})
	}

	partyLinks, actorLinks, lines := map[[2]int64]*Link{}, map[[2]int64]*Link{}, map[[2]int64]*Link{}
	for _, e := range events {
		if e == nil || !e.IsContact() {
			continue
		}
		at, ok := contactTime(e.Date, now)
		if !ok {
			continue
		}
		weight := math.Exp2(-now.Sub(at).Hours() / halfLife.Hours())
		var ps, as []int64
		for _, id := range e.ActorIDs {
			i, ok := actorIdx[id]
			if !ok {
				return nil, parley.Errorf(parley.EINVALID, "contacts: event %q: actor %d is not among the actors", e.Title, id)
			}
			if !slices.Contains(as, id) {
				as = append(as, id)
			}
			if p := net.Actors.Nodes[i].PartyID; !slices.Contains(ps, p) {
				ps = append(ps, p)
			}
		}
		for _, id := range e.PartyIDs {
			if _, ok := partyIdx[id]; !ok {
				return nil, parley.Errorf(parley.EINVALID, "contacts: event %q: party %d is not among the parties", e.Title, id)
			}
			if !slices.Contains(ps, id) {
				ps = append(ps, id)
			}
		}
		for _, p := range ps {
			touch(&net.Parties.Nodes[partyIdx[p]], e.Date)
		}
		for _, a := range as {
			touch(&net.Actors.Nodes[actorIdx[a]], e.Date)
		}
		eachPair(ps, func(a, b int64) { addContact(partyLinks, [2]int64{min(a, b), max(a, b)}, e, weight) })
		eachPair(as, func(a, b int64) { addContact(actorLinks, [2]int64{min(a, b), max(a, b)}, e, weight) })
		for _, p := range ps {
			for _, a := range as {
				if net.Actors.Nodes[actorIdx[a]].PartyID != p {
					addContact(lines, [2]int64{p, a}, e, weight)
				}
			}
		}
	}
	net.Parties.Links = sortedLinks(partyLinks)
	net.Actors.Links = sortedLinks(actorLinks)
	net.Lines = sortedLinks(lines)
	for _, g := range []*Graph{&net.Parties, &net.Actors} {
		for _, l := range g.Links {
			for _, id := range []int64{l.A, l.B} {
				n := g.Node(id)
				n.Degree++
				n.Strength += l.Weight
			}
		}
		g.betweenness()
	}
	return net, nil
}

// LastContactDay is the day to weigh a negotiation's contacts as of when
// nobody names one: the day of its latest contact event that has started
// by today (the 15th of its month, or 1 July of its year, as Contacts
// counts it), or today when there is none. Weighed as of today, the
// contacts of talks that ended a year ago have all faded to nothing.
func LastDay(events []*parley.Event, today time.Time) time.Time {
	last := time.Time{}
	for _, e := range events {
		if e == nil || !e.IsContact() {
			continue
		}
		if at, ok := contactTime(e.Date, today); ok && at.After(last) {
			last = at
		}
	}
	if last.IsZero() {
		return today
	}
	return time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
}

// contactTime is when a contact on date d counts from, as of now; false
// when d is unknown or starts after now.
//
// An exact day counts from that day; a month from its 15th, a year from
// 1 July; any other date (approximate, a season, an interval, digits not
// known) from the middle of the days it may mean.
func contactTime(d parley.Date, now time.Time) (time.Time, bool) {
	start, end, ok := d.Span()
	if !ok {
		return time.Time{}, false
	}
	at := start.Add(end.Sub(start) / 2)
	if d.Exact() {
		switch d.Precision() {
		case parley.PrecisionDay:
			at = start
		case parley.PrecisionMonth:
			at = start.AddDate(0, 0, 14)
		case parley.PrecisionYear:
			at = time.Date(d.Year, 7, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	if start.After(now) {
		return time.Time{}, false
	}
	if at.After(now) {
		at = now
	}
	return at, true
}

func touch(n *Node, d parley.Date) {
	n.Events++
	if n.LastContact.Before(d) {
		n.LastContact = d
	}
}

func eachPair(ids []int64, f func(a, b int64)) {
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			f(ids[i], ids[j])
		}
	}
}

func addContact(links map[[2]int64]*Link, key [2]int64, e *parley.Event, weight float64) {
	l := links[key]
	if l == nil {
		l = &Link{A: key[0], B: key[1], Kinds: []string{}, EventIDs: []int64{}}
		links[key] = l
	}
	l.Count++
	l.Weight += weight
	if l.Last.Before(e.Date) {
		l.Last = e.Date
	}
	if !slices.Contains(l.Kinds, e.Kind) {
		l.Kinds = append(l.Kinds, e.Kind)
		slices.Sort(l.Kinds)
	}
	l.EventIDs = append(l.EventIDs, e.ID)
}

func sortedLinks(m map[[2]int64]*Link) []Link {
	out := make([]Link, 0, len(m))
	for _, l := range m {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b Link) int {
		if c := cmp.Compare(a.A, b.A); c != 0 {
			return c
		}
		return cmp.Compare(a.B, b.B)
	})
	return out
}

// betweenness sets each node's betweenness: for every pair of other nodes,
// the share of their shortest chains of contacts that pass through it.
// A link's length is 1/weight, so a chain through recent, frequent
// contacts is shorter than one through a single old meeting. Brandes'
// algorithm (2001) with Dijkstra's for the weighted lengths.
func (g *Graph) betweenness() {
	n := len(g.Nodes)
	idx := make(map[int64]int, n)
	for i, node := range g.Nodes {
		idx[node.ID] = i
	}
	type edge struct {
		to     int
		length float64
	}
	adj := make([][]edge, n)
	for _, l := range g.Links {
		if l.Weight <= 0 || math.IsInf(1/l.Weight, 0) {
			continue // faded past what a float holds: no line
		}
		a, b := idx[l.A], idx[l.B]
		adj[a] = append(adj[a], edge{b, 1 / l.Weight})
		adj[b] = append(adj[b], edge{a, 1 / l.Weight})
	}
	score := make([]float64, n)
	dist, sigma, delta := make([]float64, n), make([]float64, n), make([]float64, n)
	settled := make([]bool, n)
	preds := make([][]int, n)
	for s := range n {
		for i := range n {
			dist[i], sigma[i], delta[i], settled[i], preds[i] = math.Inf(1), 0, 0, false, preds[i][:0]
		}
		dist[s], sigma[s] = 0, 1
		var order []int
		q := &distQueue{{s, 0}}
		for q.Len() > 0 {
			v := heap.Pop(q).(queued).node
			if settled[v] {
				continue
			}
			settled[v] = true
			order = append(order, v)
			for _, e := range adj[v] {
				if settled[e.to] {
					continue
				}
				d := dist[v] + e.length
				switch {
				case sameLength(d, dist[e.to]):
					sigma[e.to] += sigma[v]
					preds[e.to] = append(preds[e.to], v)
				case d < dist[e.to]:
					dist[e.to], sigma[e.to] = d, sigma[v]
					preds[e.to] = append(preds[e.to][:0], v)
					heap.Push(q, queued{e.to, d})
				}
			}
		}
		for k := len(order) - 1; k >= 0; k-- {
			w := order[k]
			for _, v := range preds[w] {
				delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
			}
			if w != s {
				score[w] += delta[w]
			}
		}
	}
	for i := range g.Nodes {
		// Each pair was counted from both ends.
		g.Nodes[i].Betweenness = score[i] / 2
	}
}

// sameLength says whether two path lengths are equal but for rounding.
func sameLength(a, b float64) bool {
	if math.IsInf(b, 1) {
		return false
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

type queued struct {
	node int
	dist float64
}

type distQueue []queued

func (q distQueue) Len() int           { return len(q) }
func (q distQueue) Less(i, j int) bool { return q[i].dist < q[j].dist }
func (q distQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *distQueue) Push(x any)        { *q = append(*q, x.(queued)) }
func (q *distQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// Kinds of suggestion.
const (
	SuggestParty  = "party"  // talk to this party directly
	SuggestActor  = "actor"  // talk to this person directly
	SuggestBroker = "broker" // reach a party you have no line to through this one
)

// Suggestion answers "whom should we talk to?" for one party.
type Suggestion struct {
	Kind     string  `json:"kind"`
	ID       int64   `json:"id"` // the party or actor to talk to (for a broker, the broker)
	Name     string  `json:"name"`
	Code     string  `json:"code"` // its party's code
	Strength float64 `json:"strength"`
	// Line is the weight of the asking party's direct line to it (0: they
	// never met), LastContact the date they last met.
	Line        float64     `json:"line"`
	LastContact parley.Date `json:"last_contact"`
	// For a broker: the party it connects you to, and the weight of its
	// own line to that party.
	Reach     int64   `json:"reach,omitempty"`
	ReachName string  `json:"reach_name,omitempty"`
	ReachLine float64 `json:"reach_line,omitempty"`
	Reason    string  `json:"reason"`
}

// Suggest answers "whom should we talk to?" for a party, in three lists,
// in this order:
//
//   - parties among the best connected (a strength at least half the
//     highest of any party) with which the party's line is cold (weight
//     under ColdLine) or missing, strongest first;
//   - actors of other parties among the best connected (at least half the
//     highest strength of any actor) whom the party has met too little
//     or never, strongest first;
//   - brokers: for each party it has never met, the parties that have a
//     line to both, warmest first (a chain is as warm as its colder line).
func (n *Network) Suggest(partyID int64) ([]Suggestion, error) {
	me := n.Parties.Node(partyID)
	if me == nil {
		return nil, parley.Errorf(parley.EINVALID, "contacts: party %d is not a party of the negotiation", partyID)
	}
	out := []Suggestion{}
	var direct []Suggestion
	top := strongest(n.Parties.Nodes)
	for _, q := range n.Parties.Nodes {
		if q.ID == partyID || q.Strength <= 0 || q.Strength < top/2 {
			continue
		}
		s := Suggestion{Kind: SuggestParty, ID: q.ID, Name: q.Name, Code: q.Code, Strength: q.Strength}
		if l := n.Parties.Link(partyID, q.ID); l != nil {
			s.Line, s.LastContact = l.Weight, l.Last
		}
		if s.Line >= ColdLine {
			continue
		}
		s.Reason = fmt.Sprintf("%s is among the best connected parties (strength %.2f) and %s", q.Name, q.Strength, lineWords(s, "you have never met", "you last met"))
		direct = append(direct, s)
	}
	out = append(out, byStrength(direct)...)

	direct = nil
	top = strongest(n.Actors.Nodes)
	for _, a := range n.Actors.Nodes {
		if a.PartyID == partyID || a.Strength <= 0 || a.Strength < top/2 {
			continue
		}
		s := Suggestion{Kind: SuggestActor, ID: a.ID, Name: a.Name, Code: a.Code, Strength: a.Strength}
		if l := n.line(partyID, a.ID); l != nil {
			s.Line, s.LastContact = l.Weight, l.Last
		}
		if s.Line >= ColdLine {
			continue
		}
		who := a.Name
		if a.Role != "" {
			who = fmt.Sprintf("%s (%s, %s)", a.Name, a.Code, a.Role)
		}
		s.Reason = fmt.Sprintf("%s is among the best connected people (strength %.2f) and %s", who, a.Strength, lineWords(s, "your side has never met them", "your side last met them"))
		direct = append(direct, s)
	}
	out = append(out, byStrength(direct)...)

	for _, r := range n.Parties.Nodes {
		if r.ID == partyID || r.Degree == 0 || n.Parties.Link(partyID, r.ID) != nil {
			continue
		}
		var brokers []Suggestion
		for _, b := range n.Parties.Nodes {
			toMe, toThem := n.Parties.Link(partyID, b.ID), n.Parties.Link(b.ID, r.ID)
			if b.ID == partyID || b.ID == r.ID || toMe == nil || toThem == nil {
				continue
			}
			brokers = append(brokers, Suggestion{Kind: SuggestBroker, ID: b.ID, Name: b.Name, Code: b.Code, Strength: b.Strength,
				Line: toMe.Weight, LastContact: toMe.Last, Reach: r.ID, ReachName: r.Name, ReachLine: toThem.Weight,
				Reason: fmt.Sprintf("you have no direct line to %s; %s talks to both (its line to you weighs %.2f, last %s; to %s %.2f, last %s)",
					r.Name, b.Name, toMe.Weight, toMe.Last, r.Name, toThem.Weight, toThem.Last)})
		}
		slices.SortStableFunc(brokers, func(x, y Suggestion) int {
			return cmp.Compare(min(y.Line, y.ReachLine), min(x.Line, x.ReachLine))
		})
		out = append(out, brokers...)
	}
	return out, nil
}

func strongest(nodes []Node) float64 {
	top := 0.0
	for _, n := range nodes {
		top = max(top, n.Strength)
	}
	return top
}

func byStrength(s []Suggestion) []Suggestion {
	slices.SortStableFunc(s, func(a, b Suggestion) int {
		if c := cmp.Compare(b.Strength, a.Strength); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return s
}

func lineWords(s Suggestion, never, last string) string {
	if s.LastContact.IsZero() {
		return never
	}
	return fmt.Sprintf("%s on %s (line %.2f, cold)", last, s.LastContact, s.Line)
}
