package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// EventsCSVHeader is the header row of the events CSV.
var EventsCSVHeader = []string{"date", "precision", "kind", "title", "place", "parties", "actors", "versions", "sources", "description", "understandings"}

// WriteEventsCSV writes the events of the shared part of n as CSV (RFC
// 4180, through encoding/csv): a header row, then one row per event, oldest
// first. Cells that hold several names join them with "; ": parties by
// name, actors with their role, versions by label, sources with their
// Admiralty grade, and the published understandings as "Party: claim
// (agreed)".
func WriteEventsCSV(w io.Writer, n *Negotiation) error {
	n = n.Shared()
	nm := n.index()
	cw := csv.NewWriter(w)
	if err := cw.Write(EventsCSVHeader); err != nil {
		return err
	}
	for _, e := range n.events() {
		var sources []string
		for _, s := range nm.sourcesOf(e.SourceIDs) {
			sources = append(sources, fmt.Sprintf("%s [%s]", s.Title, s.Grade()))
		}
		var claims []string
		for _, u := range n.understandingsOf(e.ID) {
			for _, c := range u.Claims {
				claims = append(claims, fmt.Sprintf("%s: %s (%s)", nm.partyName(u.PartyID), c.Text, agreedWord(c.Agreed)))
			}
		}
		row := []string{e.Date.String(), e.Date.Precision(), e.Kind, e.Title, e.Place,
			strings.Join(nm.partyNames(e.PartyIDs), "; "), strings.Join(nm.actorNames(e.ActorIDs), "; "),
			strings.Join(nm.versionLabels(e.VersionIDs), "; "), strings.Join(sources, "; "),
			e.Description, strings.Join(claims, "; ")}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
