package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"parley"
	"parley/export"
)

// pointState is a point with the stances the caller may see, and whether
// the parties agree on it.
type pointState struct {
	Point   parley.Point
	Stances []chip
	State   string // parley.PointAgreed, PointOpen or PointBlocked
	// ToConfirm counts the stances carried from a parent version and not
	// yet confirmed.
	ToConfirm int
}

// chip is one party's stance on a point, for the coloured chips.
type chip struct {
	Party   string
	PartyID int64
	Value   string
	Note    string
	Date    string
	Own     bool // the caller's party's (possibly draft) stance
	// Carried is the kind of link that carried the stance from a parent
	// version ("reworded"), "" for a recorded one.
	Carried  string
	Stance   *parley.Stance
	Revision int64
	// CanConfirm: the caller may confirm this carried stance.
	CanConfirm bool
}

// Label writes the stance for people: "accept with changes".
func (c chip) Label() string { return parley.StanceLabel(c.Value) }

// sides returns the parties whose agreement a text needs (parley.HasSay).
func sides(parties []*parley.Party) []*parley.Party {
	var out []*parley.Party
	for _, p := range parties {
		if parley.HasSay(p) {
			out = append(out, p)
		}
	}
	return out
}

// pointStates gives each point of a version its visible stances and its
// state by parley.PointAgreement, from the stances the caller may see.
func (s *Server) pointStates(ctx context.Context, v *parley.Version, parties []*parley.Party, m *parley.Member) ([]pointState, error) {
	stances, err := s.Store.ListStances(ctx, parley.StanceFilter{VersionID: v.ID})
	if err != nil {
		return nil, err
	}
	code := map[int64]string{}
	for _, p := range parties {
		code[p.ID] = p.Code
	}
	byPoint := map[int64][]*parley.Stance{}
	for _, st := range stances {
		if parley.CanSee(m, st.PartyID, st.Visibility) {
			byPoint[st.PointID] = append(byPoint[st.PointID], st)
		}
	}
	var withSay []int64
	for _, p := range sides(parties) {
		withSay = append(withSay, p.ID)
	}
	out := make([]pointState, len(v.Points))
	for i, p := range v.Points {
		ps := pointState{Point: p, State: parley.PointAgreement(byPoint[p.ID], withSay)}
		for _, st := range byPoint[p.ID] {
			ps.Stances = append(ps.Stances, chip{Party: code[st.PartyID], PartyID: st.PartyID, Value: st.Value, Note: st.Note, Date: st.Date.String(),
				Own: m.Role == parley.RoleDelegate && st.PartyID == m.PartyID, Carried: st.CarriedKind, Stance: st, Revision: st.Revision})
			if st.ToConfirm() {
				ps.ToConfirm++
			}
		}
		out[i] = ps
	}
	return out, nil
}

// tally is how far a version's points are agreed, by the stances the
// caller may see.
type tally struct {
	Version *parley.Version
	Counts  map[string]int
	Points  int
	Stances int
}

func (s *Server) tally(ctx context.Context, v *parley.Version, parties []*parley.Party, m *parley.Member) (tally, error) {
	full, err := s.Store.FindVersionByID(ctx, v.ID)
	if err != nil {
		return tally{}, err
	}
	states, err := s.pointStates(ctx, full, parties, m)
	if err != nil {
		return tally{}, err
	}
	t := tally{Version: v, Counts: map[string]int{}, Points: len(states)}
	for _, st := range states {
		t.Counts[st.State]++
		t.Stances += len(st.Stances)
	}
	return t, nil
}

// issueOverlap says, for one issue, whether the acceptable ranges of its
// veto players overlap, without revealing any of them. The verdict comes
// from one of two places, and never from confidential limits read live:
// the published limits, when every veto player has published its own
// (consent to show them, and then where they overlap); otherwise the
// latest closed sealed round, computed once when a mediator closed it. A
// party that moves its own confidential limit changes neither, so it
// cannot probe another party's limit by reading the verdict again.
type issueOverlap struct {
	Issue *parley.Issue
	// Verdict is parley.VerdictOverlap, VerdictNoOverlap,
	// VerdictIncomplete (the latest round closed before every veto player
	// submitted), or "unknown" (no round closed yet).
	Verdict string
	// Round is the closed round the verdict comes from; nil when it comes
	// from published limits or there is none.
	Round *roundView
	// Open is the issue's open round, if any.
	Open *roundView
	// Rounds counts the issue's closed rounds: each told the parties at
	// most one bit about the others' limits.
	Rounds int
	// Zone is where the limits overlap, told only when every veto player
	// has published its reservation value (consent to show it); nil
	// otherwise, and then the verdict alone is shown.
	Zone *[2]float64
}

// VerdictUnknown is the verdict of an issue no round has decided.
const VerdictUnknown = "unknown"

// VerdictText writes the verdict for a reader.
func (o issueOverlap) VerdictText() string {
	switch o.Verdict {
	case parley.VerdictOverlap:
		return "limits overlap"
	case parley.VerdictNoOverlap:
		return "no overlap"
	case parley.VerdictIncomplete:
		return "round incomplete"
	}
	return "overlap not known"
}

// Basis says where the verdict comes from, for a reader.
func (o issueOverlap) Basis() string {
	switch {
	case o.Zone != nil || (o.Round == nil && o.Verdict != VerdictUnknown):
		return "from the limits every veto player published"
	case o.Round != nil && o.Verdict == parley.VerdictIncomplete:
		return "sealed round " + itoa(o.Round.Round.ID) + " closed " + o.Round.Round.ClosedAt.Format("2 Jan 2006") + " before " + strings.Join(o.Round.Waiting, ", ") + " submitted"
	case o.Round != nil:
		return "sealed round " + itoa(o.Round.Round.ID) + ", closed " + o.Round.Round.ClosedAt.Format("2 Jan 2006")
	}
	return "no sealed round has been closed"
}

// VerdictClass is the CSS class of the verdict.
func (o issueOverlap) VerdictClass() string { return strings.ReplaceAll(o.Verdict, " ", "-") }

// ZoneText says where the limits overlap, when every veto player agreed
// to show it: "between 600,000 and 800,000 personnel".
func (o issueOverlap) ZoneText() string {
	if o.Zone == nil {
		return ""
	}
	return "between " + export.ScaleLabel(o.Issue, o.Zone[0]) + " and " + export.ScaleLabel(o.Issue, o.Zone[1]) + " (all who must agree show their limits)"
}

// overlaps gives each issue of a negotiation its overlap verdict, as the
// member may see it.
func (s *Server) overlaps(ctx context.Context, m *parley.Member, negotiationID int64) ([]issueOverlap, error) {
	var l loader
	issues := load(&l, func() ([]*parley.Issue, error) { return s.Store.ListIssues(ctx, negotiationID) })
	positions := load(&l, func() ([]*parley.Position, error) {
		return s.Store.ListPositions(ctx, parley.PositionFilter{NegotiationID: negotiationID})
	})
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, negotiationID) })
	rounds := load(&l, func() ([]*parley.Round, error) { return s.Store.ListRounds(ctx, negotiationID) })
	if l.err != nil {
		return nil, l.err
	}
	views, err := s.roundViews(ctx, m, rounds, issues, parties)
	if err != nil {
		return nil, err
	}
	latest := map[[2]int64]*parley.Position{} // issue, party -> newest position
	for _, p := range positions {
		k := [2]int64{p.IssueID, p.PartyID}
		if old := latest[k]; old == nil || !p.Date.Before(old.Date) {
			latest[k] = p
		}
	}
	var out []issueOverlap
	for _, is := range issues {
		o := issueOverlap{Issue: is, Verdict: VerdictUnknown}
		for k := range views {
			v := &views[k]
			if v.Issue.ID != is.ID {
				continue
			}
			if v.Round.IsOpen() {
				o.Open = v
				continue
			}
			o.Round, o.Verdict = v, v.Round.Verdict
			o.Rounds++
		}
		if zone, ok := publishedZone(is, latest); ok {
			o.Round, o.Verdict, o.Zone = nil, parley.VerdictNoOverlap, nil
			if zone[0] <= zone[1] {
				o.Verdict, o.Zone = parley.VerdictOverlap, &zone
			}
		}
		out = append(out, o)
	}
	return out, nil
}

// publishedZone intersects the veto players' ranges when every one of them
// has published its reservation value; ok is false otherwise. It reads no
// confidential value.
func publishedZone(is *parley.Issue, latest map[[2]int64]*parley.Position) (zone [2]float64, ok bool) {
	if len(is.VetoPartyIDs) == 0 {
		return zone, false
	}
	zone = [2]float64{is.Min, is.Max}
	for _, party := range is.VetoPartyIDs {
		p := latest[[2]int64{is.ID, party}]
		if p == nil || p.Reservation == nil || p.ReservationVisibility != parley.VisibilityPublished {
			return zone, false
		}
		low, high, _ := parley.RangeOf(p)
		zone = [2]float64{max(zone[0], low), min(zone[1], high)}
	}
	return zone, true
}

// handleNegotiation is the negotiation at a glance: the latest version and
// how far its points are agreed, whether the parties' limits overlap on
// each issue, and the recent events.
func (s *Server) handleNegotiation() handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) {
		r = withCaller(r, rq)
		data, err := s.negotiationPage(r.Context(), rq)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "negotiation.html", http.StatusOK, data)
	}
}

// negotiationPage is the data of the negotiation page.
func (s *Server) negotiationPage(ctx context.Context, rq *request) (map[string]any, error) {
	var l loader
	n := load(&l, func() (*parley.Negotiation, error) { return s.Store.FindNegotiationByID(ctx, rq.negotiationID) })
	versions := load(&l, func() ([]*parley.Version, error) {
		return s.Store.ListVersions(ctx, parley.VersionFilter{NegotiationID: rq.negotiationID})
	})
	parties := load(&l, func() ([]*parley.Party, error) { return s.Store.ListParties(ctx, rq.negotiationID) })
	overlaps := load(&l, func() ([]issueOverlap, error) { return s.overlaps(ctx, rq.member, rq.negotiationID) })
	events := load(&l, func() ([]*parley.Event, error) { return s.Store.ListEvents(ctx, rq.negotiationID) })
	sources := load(&l, func() ([]*parley.Source, error) { return s.Store.ListSources(ctx, rq.negotiationID) })
	if l.err != nil {
		return nil, l.err
	}
	data := map[string]any{"Title": n.Title, "Negotiation": n, "Versions": versions, "Parties": parties, "Member": rq.member}
	if rq.member.Role != parley.RoleObserver {
		data["Upload"] = uploadFormData(rq.member, parties, versions, sources, s.Now())
	}
	// The newest version, and the newest one the parties took stances
	// on, when that is an older one.
	var tallies []tally
	for k := len(versions) - 1; k >= 0; k-- {
		t, err := s.tally(ctx, versions[k], parties, rq.member)
		if err != nil {
			return nil, err
		}
		if k == len(versions)-1 || t.Stances > 0 {
			tallies = append(tallies, t)
		}
		if t.Stances > 0 {
			break
		}
	}
	data["Tallies"] = tallies
	data["NegotiationFormats"] = export.FormatsOf(export.OfNegotiation)
	if len(versions) >= 2 {
		oldID, newID := latestPair(versions)
		data["Pick"] = newComparePick(n.ID, versions, oldID, newID, compareFilter{}, nil)
	}
	data["Overlaps"] = overlaps
	slices.Reverse(events)
	data["Events"] = events[:min(len(events), 8)]
	return data, nil
}
