package export

import (
	"cmp"
	"fmt"
	"html"
	"math"
	"slices"
	"strings"

	"parley"
	"parley/contact"
)

// ContactsJSON is who talks to whom in a negotiation, and, for one party,
// whom it should talk to: the shape of GET .../contacts and "parley
// contacts --format json".
type ContactsJSON struct {
	*contact.Network
	// Party is the party the suggestions are for; nil when none was asked.
	Party       *PartyRef            `json:"party,omitempty"`
	Suggestions []contact.Suggestion `json:"suggestions"`
}

// partyColours tell the parties apart in a contact picture; a party's
// colour follows its place in the list of parties.
var partyColours = []string{"#1f5f99", "#b3261e", "#c28a00", "#3a7d44", "#8d5bbf", "#2b8a8a", "#a0522d", "#5f6b7a"}

// PartyContactsSVG draws the parties of a contact network, labelled by
// their codes; see contactsSVG.
func PartyContactsSVG(net *contact.Network, parties []*parley.Party) string {
	return contactsSVG(&net.Parties, parties, "Contacts between the parties", func(n contact.Node) string { return n.Code })
}

// ActorContactsSVG draws the actors of a contact network, labelled by
// name and party code; see contactsSVG.
func ActorContactsSVG(net *contact.Network, parties []*parley.Party) string {
	return contactsSVG(&net.Actors, parties, "Contacts between the actors", func(n contact.Node) string { return n.Name + " (" + n.Code + ")" })
}

// contactsSVG draws a contact graph as a circle of nodes: each node sized
// by its strength (the area grows with it), each link as wide as its
// number of contacts and as dark as its current weight. Actors sit next
// to the others of their party, and take their party's colour; parties
// gives the order of the colours. A node that met nobody is drawn hollow.
// Every text is escaped here.
func contactsSVG(g *contact.Graph, parties []*parley.Party, label string, text func(contact.Node) string) string {
	colour := map[int64]string{}
	for i, p := range parties {
		colour[p.ID] = partyColours[i%len(partyColours)]
	}
	rank := map[int64]int{}
	for i, p := range parties {
		rank[p.ID] = i
	}
	nodes := slices.Clone(g.Nodes)
	slices.SortStableFunc(nodes, func(a, b contact.Node) int { return cmp.Compare(rank[a.PartyID], rank[b.PartyID]) })

	const width, height = 760, 520
	cx, cy := float64(width)/2, float64(height)/2
	ring := 185.0
	if len(nodes) <= 6 {
		ring = 150
	}
	at := map[int64][2]float64{}
	angle := map[int64]float64{}
	for i, n := range nodes {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(max(len(nodes), 1))
		at[n.ID] = [2]float64{cx + ring*math.Cos(a), cy + ring*math.Sin(a)}
		angle[n.ID] = a
	}
	maxStrength, maxWeight := 0.0, 0.0
	for _, n := range nodes {
		maxStrength = max(maxStrength, n.Strength)
	}
	for _, l := range g.Links {
		maxWeight = max(maxWeight, l.Weight)
	}
	radius := func(n contact.Node) float64 {
		if maxStrength == 0 {
			return 7
		}
		return 7 + 23*math.Sqrt(n.Strength/maxStrength)
	}
	name := map[int64]string{}
	for _, n := range nodes {
		name[n.ID] = n.Name
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="contacts" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" font-family="system-ui, sans-serif" font-size="12">`,
		width, height, html.EscapeString(label))
	for _, l := range g.Links {
		p, q := at[l.A], at[l.B]
		opacity := 0.35
		if maxWeight > 0 {
			opacity += 0.6 * l.Weight / maxWeight
		}
		fmt.Fprintf(&b, `<line class="link" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#5f6b7a" stroke-opacity="%.2f" stroke-width="%.1f" stroke-linecap="round"><title>%s</title></line>`,
			p[0], p[1], q[0], q[1], opacity, min(2*float64(l.Count), 14),
			html.EscapeString(fmt.Sprintf("%s – %s: %d contact%s (%s), last %s; weight now %.2f",
				name[l.A], name[l.B], l.Count, plural(l.Count), strings.Join(l.Kinds, ", "), l.Last, l.Weight)))
	}
	for _, n := range nodes {
		p, r := at[n.ID], radius(n)
		fill, stroke := colour[n.PartyID], "#fff"
		if fill == "" {
			fill = "#8792a0"
		}
		if n.Degree == 0 {
			fill, stroke = "#fff", "#8792a0"
		}
		tip := fmt.Sprintf("%s (%s): %d contact event%s, met %d, strength %.2f, betweenness %.2f", n.Name, n.Code, n.Events, plural(n.Events), n.Degree, n.Strength, n.Betweenness)
		if !n.LastContact.IsZero() {
			tip += ", last " + n.LastContact.String()
		}
		fmt.Fprintf(&b, `<g class="node"><circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" stroke="%s" stroke-width="2"><title>%s</title></circle>`,
			p[0], p[1], r, fill, stroke, html.EscapeString(tip))
		// The label sits outside the circle, on the side away from the centre.
		a := angle[n.ID]
		lx, ly := p[0]+(r+6)*math.Cos(a), p[1]+(r+6)*math.Sin(a)+4
		anchor := "middle"
		switch c := math.Cos(a); {
		case c > 0.3:
			anchor = "start"
		case c < -0.3:
			anchor = "end"
		}
		if math.Sin(a) > 0.7 {
			ly += 8
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s">%s</text></g>`, lx, ly, anchor, html.EscapeString(text(n)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
