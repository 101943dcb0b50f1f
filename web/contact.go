package web

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"parley"
	"parley/contact"
	"parley/export"
)

// contactQuery is what a contacts request asks for: the network as of a
// day, with a half-life, and the suggestions for one party (nil: none).
type contactQuery struct {
	now      time.Time
	halfLife time.Duration
	party    *parley.Party
	asOf     string // as given, for the form
}

// contactQueryOf reads ?as_of=YYYY-MM-DD (default: the day of the last
// contact event, parley.LastContactDay), ?half_life_days=N (default 90)
// and ?party=CODE (a code or a name) from the request.
func (s *Server) contactQueryOf(r *http.Request, rec *eventRecord) (contactQuery, error) {
	q := r.URL.Query()
	parties := rec.parties
	cq := contactQuery{now: contact.LastDay(rec.events, s.Now().UTC()), halfLife: contact.DefaultHalfLife, asOf: q.Get("as_of")}
	if v := q.Get("as_of"); v != "" {
		d, err := parley.ParseDate(v)
		if err != nil || !d.Exact() || d.Precision() != parley.PrecisionDay {
			return cq, parley.Errorf(parley.EINVALID, "as_of %q: want a day, YYYY-MM-DD", v)
		}
		cq.now = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	if v := q.Get("half_life_days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3650 {
			return cq, parley.Errorf(parley.EINVALID, "half_life_days %q: want a whole number of days from 1 to 3650", v)
		}
		cq.halfLife = time.Duration(n) * 24 * time.Hour
	}
	if v := strings.TrimSpace(q.Get("party")); v != "" {
		for _, p := range parties {
			if strings.EqualFold(p.Code, v) || strings.EqualFold(p.Name, v) {
				cq.party = p
			}
		}
		if cq.party == nil {
			codes := make([]string, len(parties))
			for i, p := range parties {
				codes[i] = p.Code
			}
			return cq, parley.Errorf(parley.EINVALID, "party %q: not a party of this negotiation (its parties: %s)", v, strings.Join(codes, ", "))
		}
	}
	return cq, nil
}

// contacts builds the contact network and the suggestions the query asks for.
func (s *Server) contacts(rec *eventRecord, cq contactQuery) (*export.ContactsJSON, error) {
	net, err := contact.Build(rec.events, rec.parties, rec.actors, cq.now, cq.halfLife)
	if err != nil {
		return nil, err
	}
	out := &export.ContactsJSON{Network: net, Suggestions: []contact.Suggestion{}}
	if cq.party != nil {
		if out.Suggestions, err = net.Suggest(cq.party.ID); err != nil {
			return nil, err
		}
		ref := rec.index.Party(cq.party.ID)
		out.Party = &ref
	}
	return out, nil
}

// apiContacts is GET /api/v1/negotiations/{id}/contacts: who talks to whom
// and, with ?party=, whom that party should talk to.
func (s *Server) apiContacts() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		rec, err := s.eventRecord(r.Context(), rq.negotiationID)
		if err != nil {
			writeError(w, err)
			return
		}
		cq, err := s.contactQueryOf(r, rec)
		if err != nil {
			writeError(w, err)
			return
		}
		out, err := s.contacts(rec, cq)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// handleContacts draws who talks to whom, parties and people, and lists
// whom a party should talk to: its own party for a delegate, the one
// chosen in the form for others.
func (s *Server) handleContacts() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		ctx := r.Context()
		r = withCaller(r, rq)
		n, err := s.Store.FindNegotiationByID(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		rec, err := s.eventRecord(ctx, rq.negotiationID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		cq, err := s.contactQueryOf(r, rec)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if cq.party == nil && !r.URL.Query().Has("party") && rq.member.Role == parley.RoleDelegate {
			for _, p := range rec.parties {
				if p.ID == rq.member.PartyID {
					cq.party = p
				}
			}
		}
		c, err := s.contacts(rec, cq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		byStrength := func(nodes []contact.Node) []contact.Node {
			nodes = slices.Clone(nodes)
			slices.SortStableFunc(nodes, func(a, b contact.Node) int { return cmp.Compare(b.Strength, a.Strength) })
			return nodes
		}
		type pair struct {
			A, B string
			contact.Link
		}
		var pairs []pair
		for _, l := range c.Parties.Links {
			pairs = append(pairs, pair{c.Parties.Node(l.A).Name, c.Parties.Node(l.B).Name, l})
		}
		var people []pair
		for _, l := range c.Actors.Links {
			people = append(people, pair{c.Actors.Node(l.A).Name, c.Actors.Node(l.B).Name, l})
		}
		// The newest event in the record, for "as of the last recorded event".
		lastEvent, today := "", parley.DateOf(s.Now())
		for _, e := range rec.events {
			if e.Date.Exact() && e.Date.Precision() == parley.PrecisionDay && !today.Before(e.Date) && e.Date.String() > lastEvent {
				lastEvent = e.Date.String()
			}
		}
		selected := ""
		if cq.party != nil {
			selected = cq.party.Code
		}
		s.render(w, r, "contacts.html", http.StatusOK, map[string]any{
			"Title": "Contacts: " + n.Title, "Negotiation": n, "Contacts": c,
			"PartySVG":   template.HTML(export.PartyContactsSVG(c.Network, rec.parties)),
			"ActorSVG":   template.HTML(export.ActorContactsSVG(c.Network, rec.parties)),
			"PartyNodes": byStrength(c.Parties.Nodes), "ActorNodes": byStrength(c.Actors.Nodes),
			"Pairs": pairs, "People": people, "Parties": rec.parties, "Selected": selected,
			"AsOf": cq.now.Format(time.DateOnly), "LastEvent": lastEvent, "HalfLife": int(cq.halfLife.Hours() / 24),
		})
	}
}
