// Package demo holds parley's demo case, the 2025 talks on ending the
// Russia-Ukraine war, and loads it into a store. The case is embedded in the
// binary: data/case.json for parties, actors, sources, versions, events,
// issues, positions, stances and understandings, and data/versions/*.txt
// for the texts, which go through the same reader and segmenter as any
// imported file.
package demo

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"parley"
	"parley/ingest"
)

//go:embed data/case.json data/versions/*.txt
var files embed.FS

// Case is the shape of data/case.json. References between entries use
// party codes, actor names and keys; point references are paths joined by
// "/" ("10/a") within the named version.
type Case struct {
	Negotiation struct {
		Title       string `json:"title"`
		Description string `json:"description"`
	} `json:"negotiation"`
	Parties []struct {
		Code, Name, Kind, Note string
	} `json:"parties"`
	Actors []struct {
		Party, Name, Role string
		From, Until       parley.Date
		Note              string
	} `json:"actors"`
	Sources []struct {
		Key, Title, Kind, Publisher, URL string
		Date                             parley.Date
		Reliability                      string
		Credibility                      int
		Note                             string
	} `json:"sources"`
	Documents []struct{ Key, Title string } `json:"documents"`
	Versions  []struct {
		Key, Document, Label string
		Date                 parley.Date
		Status, Party        string
		Actors               []string
		Venue                string
		Parents, Sources     []string
		File, Note           string
	} `json:"versions"`
	Events []struct {
		Key, Kind, Title                   string
		Date                               parley.Date
		Place, Description                 string
		Actors, Parties, Versions, Sources []string
	} `json:"events"`
	Issues []struct {
		Key, Name, Description, Scale, Unit string
		Min, Max                            float64
		Options, Veto                       []string
	} `json:"issues"`
	Positions []struct {
		Issue, Party          string
		Date                  parley.Date
		Ideal                 float64
		Reservation           *float64
		ReservationVisibility string `json:"reservation_visibility"`
		Salience, Capability  float64
		Source, Note          string
	} `json:"positions"`
	// Rounds are sealed overlap rounds run on the issues: the parties
	// listed submit the range of their position, and the round is closed.
	Rounds []struct {
		Issue  string
		Submit []string
	} `json:"rounds"`
	Stances []struct {
		Version, Point, Party, Value string
		Date                         parley.Date
		Visibility, Source, Note     string
	} `json:"stances"`
	// Record lists the versions recorded as official, oldest first, each
	// with the parties that endorse it.
	Record []struct {
		Version string
		Endorse []string
	} `json:"record"`
	Understandings []struct {
		Event, Party       string
		Date               parley.Date
		Source, Visibility string
		Claims             []struct {
			Topic, Text  string
			Agreed       bool
			Point, Issue string
		}
	} `json:"understandings"`
	// Synonyms are the list the mediators keep, by which the topics and
	// names of the understandings are matched.
	Synonyms []parley.SynonymGroup `json:"synonyms"`
}

// Read parses the embedded case.
func Read() (*Case, error) {
	b, err := files.ReadFile("data/case.json")
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c Case
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("demo: case.json: %w", err)
	}
	return &c, nil
}

// Title returns the demo negotiation's title.
func Title() string {
	c, err := Read()
	if err != nil {
		return ""
	}
	return c.Negotiation.Title
}

// Load puts the demo case into the store unless a negotiation with its
// title is there already. It returns the negotiation and whether it loaded it.
//
// The load is one transaction: cut short (an error, Ctrl-C, a killed
// process), it leaves nothing of the demo behind. A demo negotiation that
// holds less than the case (left half-loaded by a parley that wrote entry by
// entry) is refused rather than served as the demo.
func Load(ctx context.Context, store parley.Store) (*parley.Negotiation, bool, error) {
	c, err := Read()
	if err != nil {
		return nil, false, err
	}
	var n *parley.Negotiation
	loaded := false
	err = store.InTx(ctx, func(tx parley.Store) error {
		var err error
		n, err = tx.FindNegotiationByTitle(ctx, c.Negotiation.Title)
		if err == nil {
			return complete(ctx, tx, c, n)
		}
		if parley.ErrorCode(err) != parley.ENOTFOUND {
			return err
		}
		l := &loader{store: tx, c: c, parties: map[string]int64{}, actors: map[string]int64{}, sources: map[string]int64{},
			documents: map[string]int64{}, versions: map[string]*parley.Version{}, events: map[string]int64{}, issues: map[string]int64{}}
		if err := l.load(ctx); err != nil {
			return err
		}
		n, loaded = l.n, true
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("demo: %w", err)
	}
	return n, loaded, nil
}

// complete checks that the demo negotiation n holds at least every entry of
// the case; entries added since are fine.
func complete(ctx context.Context, store parley.Store, c *Case, n *parley.Negotiation) error {
	var missing []string
	check := func(kind string, have, want int) {
		if have < want {
			missing = append(missing, fmt.Sprintf("%d of %d %s", have, want, kind))
		}
	}
	parties, err := store.ListParties(ctx, n.ID)
	if err != nil {
		return err
	}
	check("parties", len(parties), len(c.Parties))
	actors, err := store.ListActors(ctx, n.ID)
	if err != nil {
		return err
	}
	check("actors", len(actors), len(c.Actors))
	sources, err := store.ListSources(ctx, n.ID)
	if err != nil {
		return err
	}
	check("sources", len(sources), len(c.Sources))
	documents, err := store.ListDocuments(ctx, n.ID)
	if err != nil {
		return err
	}
	check("documents", len(documents), len(c.Documents))
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		return err
	}
	check("versions", len(versions), len(c.Versions))
	events, err := store.ListEvents(ctx, n.ID)
	if err != nil {
		return err
	}
	check("events", len(events), len(c.Events))
	issues, err := store.ListIssues(ctx, n.ID)
	if err != nil {
		return err
	}
	check("issues", len(issues), len(c.Issues))
	positions, err := store.ListPositions(ctx, parley.PositionFilter{NegotiationID: n.ID})
	if err != nil {
		return err
	}
	check("positions", len(positions), len(c.Positions))
	stances, err := store.ListStances(ctx, parley.StanceFilter{NegotiationID: n.ID})
	if err != nil {
		return err
	}
	check("stances", len(stances), len(c.Stances))
	understandings := 0
	for _, e := range events {
		us, err := store.ListUnderstandings(ctx, e.ID)
		if err != nil {
			return err
		}
		understandings += len(us)
	}
	check("understandings", understandings, len(c.Understandings))
	synonyms, err := store.ListSynonyms(ctx, n.ID)
	if err != nil {
		return err
	}
	check("synonyms", len(synonyms), len(c.Synonyms))
	if len(missing) > 0 {
		return parley.Errorf(parley.ECONFLICT, "the demo case %q in this database is incomplete (%s): an earlier load was cut short; load the demo into a new database",
			n.Title, strings.Join(missing, ", "))
	}
	return nil
}

// afterWrite, when a test sets it, runs after each entry the load writes,
// with their count so far.
var afterWrite func(n int)

type loader struct {
	store     parley.Store
	writes    int
	c         *Case
	n         *parley.Negotiation
	parties   map[string]int64
	actors    map[string]int64
	sources   map[string]int64
	documents map[string]int64
	versions  map[string]*parley.Version
	events    map[string]int64
	issues    map[string]int64
}

// wrote counts one written entry.
func (l *loader) wrote() {
	l.writes++
	if afterWrite != nil {
		afterWrite(l.writes)
	}
}

// ref resolves one reference, naming the missing one in the error.
func ref[V any](m map[string]V, kind, key string) (V, error) {
	v, ok := m[key]
	if !ok {
		var zero V
		return zero, parley.Errorf(parley.EINVALID, "unknown %s %q", kind, key)
	}
	return v, nil
}

func refs(m map[string]int64, kind string, keys []string) ([]int64, error) {
	out := []int64{}
	for _, k := range keys {
		id, err := ref(m, kind, k)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// optional resolves a reference that may be empty.
func optional(m map[string]int64, kind, key string) (int64, error) {
	if key == "" {
		return 0, nil
	}
	return ref(m, kind, key)
}

func (l *loader) load(ctx context.Context) error {
	s, c := l.store, l.c
	l.n = &parley.Negotiation{Title: c.Negotiation.Title, Description: c.Negotiation.Description}
	if err := s.CreateNegotiation(ctx, l.n); err != nil {
		return err
	}
	l.wrote()
	for _, p := range c.Parties {
		party := &parley.Party{NegotiationID: l.n.ID, Code: p.Code, Name: p.Name, Kind: p.Kind, Note: p.Note}
		if err := s.CreateParty(ctx, party); err != nil {
			return err
		}
		l.wrote()
		l.parties[p.Code] = party.ID
	}
	for _, a := range c.Actors {
		partyID, err := ref(l.parties, "party", a.Party)
		if err != nil {
			return fmt.Errorf("actor %q: %w", a.Name, err)
		}
		actor := &parley.Actor{NegotiationID: l.n.ID, PartyID: partyID, Name: a.Name, Role: a.Role, From: a.From, Until: a.Until, Note: a.Note}
		if err := s.CreateActor(ctx, actor); err != nil {
			return err
		}
		l.wrote()
		l.actors[a.Name] = actor.ID
	}
	for _, src := range c.Sources {
		source := &parley.Source{NegotiationID: l.n.ID, Title: src.Title, Kind: src.Kind, Publisher: src.Publisher, URL: src.URL,
			Date: src.Date, Reliability: src.Reliability, Credibility: src.Credibility, Note: src.Note}
		if err := s.CreateSource(ctx, source); err != nil {
			return err
		}
		l.wrote()
		l.sources[src.Key] = source.ID
	}
	for _, d := range c.Documents {
		doc := &parley.Document{NegotiationID: l.n.ID, Title: d.Title}
		if err := s.CreateDocument(ctx, doc); err != nil {
			return err
		}
		l.wrote()
		l.documents[d.Key] = doc.ID
	}
	if err := l.loadVersions(ctx); err != nil {
		return err
	}
	if err := l.loadEvents(ctx); err != nil {
		return err
	}
	if err := l.loadIssues(ctx); err != nil {
		return err
	}
	if err := l.loadRounds(ctx); err != nil {
		return err
	}
	if err := l.loadStances(ctx); err != nil {
		return err
	}
	if err := l.loadUnderstandings(ctx); err != nil {
		return err
	}
	if len(c.Synonyms) > 0 {
		if err := s.SetSynonyms(ctx, l.n.ID, c.Synonyms); err != nil {
			return fmt.Errorf("synonyms: %w", err)
		}
		l.wrote()
	}
	return nil
}

func (l *loader) loadVersions(ctx context.Context) error {
	for _, cv := range l.c.Versions {
		body, err := files.ReadFile(path.Join("data", cv.File))
		if err != nil {
			return fmt.Errorf("version %q: %w", cv.Key, err)
		}
		doc, err := ingest.Read(path.Base(cv.File), body, "")
		if err != nil {
			return fmt.Errorf("version %q: %w", cv.Key, err)
		}
		v := &parley.Version{NegotiationID: l.n.ID, Label: cv.Label, Date: cv.Date, Status: cv.Status, Venue: cv.Venue, Note: cv.Note,
			Format: doc.Format, Body: doc.Body, Text: doc.Text, Preamble: doc.Preamble, Points: doc.Points}
		if v.DocumentID, err = ref(l.documents, "document", cv.Document); err != nil {
			return fmt.Errorf("version %q: %w", cv.Key, err)
		}
		if v.PartyID, err = optional(l.parties, "party", cv.Party); err != nil {
			return fmt.Errorf("version %q: %w", cv.Key, err)
		}
		if v.ActorIDs, err = refs(l.actors, "actor", cv.Actors); err != nil {
			return fmt.Errorf("version %q: %w", cv.Key, err)
		}
		if v.SourceIDs, err = refs(l.sources, "source", cv.Sources); err != nil {
			return fmt.Errorf("version %q: %w", cv.Key, err)
		}
		for _, p := range cv.Parents {
			parent, err := ref(l.versions, "parent version", p)
			if err != nil {
				return fmt.Errorf("version %q: %w", cv.Key, err)
			}
			v.ParentIDs = append(v.ParentIDs, parent.ID)
		}
		if err := l.store.CreateVersion(ctx, v); err != nil {
			return fmt.Errorf("version %q: %w", cv.Key, err)
		}
		l.wrote()
		l.versions[cv.Key] = v
	}
	return nil
}

func (l *loader) loadEvents(ctx context.Context) error {
	versionIDs := map[string]int64{}
	for k, v := range l.versions {
		versionIDs[k] = v.ID
	}
	for _, ce := range l.c.Events {
		e := &parley.Event{NegotiationID: l.n.ID, Kind: ce.Kind, Title: ce.Title, Date: ce.Date, Place: ce.Place, Description: ce.Description}
		var err error
		if e.ActorIDs, err = refs(l.actors, "actor", ce.Actors); err != nil {
			return fmt.Errorf("event %q: %w", ce.Key, err)
		}
		if e.PartyIDs, err = refs(l.parties, "party", ce.Parties); err != nil {
			return fmt.Errorf("event %q: %w", ce.Key, err)
		}
		if e.VersionIDs, err = refs(versionIDs, "version", ce.Versions); err != nil {
			return fmt.Errorf("event %q: %w", ce.Key, err)
		}
		if e.SourceIDs, err = refs(l.sources, "source", ce.Sources); err != nil {
			return fmt.Errorf("event %q: %w", ce.Key, err)
		}
		if err := l.store.CreateEvent(ctx, e); err != nil {
			return fmt.Errorf("event %q: %w", ce.Key, err)
		}
		l.wrote()
		l.events[ce.Key] = e.ID
	}
	return nil
}

func (l *loader) loadIssues(ctx context.Context) error {
	for _, ci := range l.c.Issues {
		i := &parley.Issue{NegotiationID: l.n.ID, Name: ci.Name, Description: ci.Description, Scale: ci.Scale, Unit: ci.Unit,
			Min: ci.Min, Max: ci.Max, Options: ci.Options}
		var err error
		if i.VetoPartyIDs, err = refs(l.parties, "party", ci.Veto); err != nil {
			return fmt.Errorf("issue %q: %w", ci.Key, err)
		}
		if err := l.store.CreateIssue(ctx, i); err != nil {
			return fmt.Errorf("issue %q: %w", ci.Key, err)
		}
		l.wrote()
		l.issues[ci.Key] = i.ID
	}
	for _, cp := range l.c.Positions {
		p := &parley.Position{Date: cp.Date, Ideal: cp.Ideal, Reservation: cp.Reservation, ReservationVisibility: cp.ReservationVisibility,
			Salience: cp.Salience, Capability: cp.Capability, Note: cp.Note}
		var err error
		if p.IssueID, err = ref(l.issues, "issue", cp.Issue); err != nil {
			return fmt.Errorf("position of %s: %w", cp.Party, err)
		}
		if p.PartyID, err = ref(l.parties, "party", cp.Party); err != nil {
			return fmt.Errorf("position on %s: %w", cp.Issue, err)
		}
		if p.SourceID, err = optional(l.sources, "source", cp.Source); err != nil {
			return fmt.Errorf("position of %s on %s: %w", cp.Party, cp.Issue, err)
		}
		if err := l.store.CreatePosition(ctx, p); err != nil {
			return fmt.Errorf("position of %s on %s: %w", cp.Party, cp.Issue, err)
		}
		l.wrote()
	}
	return nil
}

func (l *loader) loadRounds(ctx context.Context) error {
	for _, cr := range l.c.Rounds {
		issueID, err := ref(l.issues, "issue", cr.Issue)
		if err != nil {
			return fmt.Errorf("round: %w", err)
		}
		r := &parley.Round{NegotiationID: l.n.ID, IssueID: issueID}
		if err := l.store.OpenRound(ctx, r); err != nil {
			return fmt.Errorf("round on %s: %w", cr.Issue, err)
		}
		for _, code := range cr.Submit {
			partyID, err := ref(l.parties, "party", code)
			if err != nil {
				return fmt.Errorf("round on %s: %w", cr.Issue, err)
			}
			positions, err := l.store.ListPositions(ctx, parley.PositionFilter{IssueID: issueID, PartyID: partyID})
			newest := parley.NewestPosition(positions)
			if err != nil || newest == nil {
				return fmt.Errorf("round on %s: %s has no position to submit", cr.Issue, code)
			}
			low, high, err := parley.RangeOf(newest)
			if err != nil {
				return fmt.Errorf("round on %s: %s: %w", cr.Issue, code, err)
			}
			if err := l.store.Submit(ctx, &parley.Submission{RoundID: r.ID, PartyID: partyID, Low: low, High: high}); err != nil {
				return fmt.Errorf("round on %s: %s: %w", cr.Issue, code, err)
			}
		}
		if _, err := l.store.CloseRound(ctx, r.ID); err != nil {
			return fmt.Errorf("round on %s: %w", cr.Issue, err)
		}
	}
	return nil
}

// pointID finds the point with the given "/"-joined path in a version.
func pointID(v *parley.Version, key string) (int64, error) {
	for _, p := range v.Points {
		if p.Key() == key {
			return p.ID, nil
		}
	}
	return 0, parley.Errorf(parley.EINVALID, "version %q has no point %q", v.Label, key)
}

func (l *loader) loadStances(ctx context.Context) error {
	for _, cs := range l.c.Stances {
		v, err := ref(l.versions, "version", cs.Version)
		if err != nil {
			return fmt.Errorf("stance of %s on %s: %w", cs.Party, cs.Point, err)
		}
		st := &parley.Stance{NegotiationID: l.n.ID, Value: cs.Value, Date: cs.Date, Visibility: cs.Visibility, Note: cs.Note}
		if st.PointID, err = pointID(v, cs.Point); err != nil {
			return fmt.Errorf("stance of %s: %w", cs.Party, err)
		}
		if st.PartyID, err = ref(l.parties, "party", cs.Party); err != nil {
			return fmt.Errorf("stance on %s: %w", cs.Point, err)
		}
		if st.SourceID, err = optional(l.sources, "source", cs.Source); err != nil {
			return fmt.Errorf("stance of %s on %s: %w", cs.Party, cs.Point, err)
		}
		if err := l.store.CreateStance(ctx, st); err != nil {
			return fmt.Errorf("stance of %s on %s: %w", cs.Party, cs.Point, err)
		}
		l.wrote()
	}
	return nil
}

// latestWith returns the id of the point with the path in the newest
// version that has one.
func (l *loader) latestWith(key string) (int64, error) {
	for i := len(l.c.Versions) - 1; i >= 0; i-- {
		if id, err := pointID(l.versions[l.c.Versions[i].Key], key); err == nil {
			return id, nil
		}
	}
	return 0, parley.Errorf(parley.EINVALID, "no version has point %q", key)
}

func (l *loader) loadUnderstandings(ctx context.Context) error {
	for _, cu := range l.c.Understandings {
		u := &parley.Understanding{Date: cu.Date, Visibility: cu.Visibility}
		var err error
		if u.EventID, err = ref(l.events, "event", cu.Event); err != nil {
			return fmt.Errorf("understanding of %s: %w", cu.Party, err)
		}
		if u.PartyID, err = ref(l.parties, "party", cu.Party); err != nil {
			return fmt.Errorf("understanding of %s: %w", cu.Event, err)
		}
		if u.SourceID, err = optional(l.sources, "source", cu.Source); err != nil {
			return fmt.Errorf("understanding of %s: %w", cu.Party, err)
		}
		for _, cc := range cu.Claims {
			claim := parley.Claim{Topic: cc.Topic, Text: cc.Text, Agreed: cc.Agreed}
			if cc.Point != "" {
				if claim.PointID, err = l.latestWith(cc.Point); err != nil {
					return fmt.Errorf("understanding of %s, claim %q: %w", cu.Party, cc.Topic, err)
				}
			}
			if claim.IssueID, err = optional(l.issues, "issue", cc.Issue); err != nil {
				return fmt.Errorf("understanding of %s, claim %q: %w", cu.Party, cc.Topic, err)
			}
			u.Claims = append(u.Claims, claim)
		}
		if err := l.store.CreateUnderstanding(ctx, u); err != nil {
			return fmt.Errorf("understanding of %s at %s: %w", cu.Party, cu.Event, err)
		}
		l.wrote()
	}
	return nil
}
