package parley

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Source kinds.
const (
	SourceOfficial    = "official"
	SourceLeak        = "leak"
	SourcePress       = "press"
	SourceStatement   = "statement"
	SourceAnalysis    = "analysis"
	SourceParticipant = "participant"
)

// Source is where a text or a claim came from, graded with the Admiralty
// (NATO) code: the reliability of the source from A (completely reliable) to
// F (cannot be judged), and the credibility of the information from 1
// (confirmed) to 6 (cannot be judged).
type Source struct {
	ID            int64  `json:"id"`
	NegotiationID int64  `json:"negotiation_id"`
	Title         string `json:"title"`
	Kind          string `json:"kind"`
	Publisher     string `json:"publisher,omitempty"`
	URL           string `json:"url,omitempty"`
	Date          Date   `json:"date"`
	Reliability   string `json:"reliability"`
	Credibility   int    `json:"credibility"`
	Note          string `json:"note,omitempty"`
	// Revision counts the source's grades: 1 for its first, one more for
	// each regrading. A regrading names the revision it read.
	Revision int64 `json:"revision"`
}

// SourceGrade is one grade a source was given: its first, or a later
// regrading, with who gave it and when. Grades are kept, never replaced.
type SourceGrade struct {
	ID          int64     `json:"id"`
	SourceID    int64     `json:"source_id"`
	Revision    int64     `json:"revision"`
	Reliability string    `json:"reliability"`
	Credibility int       `json:"credibility"`
	Note        string    `json:"note,omitempty"`
	UserID      int64     `json:"user_id,omitempty"` // 0: the command line, or graded before grades were kept
	GradedAt    time.Time `json:"graded_at"`         // zero: graded before grades were kept
}

// Grade returns the Admiralty grade, such as "B2".
func (g *SourceGrade) Grade() string { return fmt.Sprintf("%s%d", g.Reliability, g.Credibility) }

// ParseGrade reads an Admiralty grade, a letter A-F and a digit 1-6 such
// as "B2" (the letter in either case), naming field when it is not one.
func ParseGrade(field, grade string) (reliability string, credibility int, err error) {
	grade = strings.TrimSpace(grade)
	if len(grade) != 2 || !strings.ContainsAny(strings.ToUpper(grade[:1]), "ABCDEF") || grade[1] < '1' || grade[1] > '6' {
		return "", 0, Errorf(EINVALID, "%s %q: want a letter A-F and a digit 1-6, such as B2", field, grade)
	}
	return strings.ToUpper(grade[:1]), int(grade[1] - '0'), nil
}

// ValidGrade checks an Admiralty grade given as its two parts, naming
// the field at fault: "reliability" (A to F) or "credibility" (1 to 6).
func ValidGrade(reliability string, credibility int) error {
	if _, ok := ReliabilityMeaning[reliability]; !ok {
		return Errorf(EINVALID, "reliability: %q is not a grade from A to F", reliability)
	}
	if _, ok := CredibilityMeaning[credibility]; !ok {
		return Errorf(EINVALID, "credibility: %d is not a grade from 1 to 6", credibility)
	}
	return nil
}

// Grade returns the Admiralty grade, such as "B2".
func (s *Source) Grade() string { return fmt.Sprintf("%s%d", s.Reliability, s.Credibility) }

// ReliabilityMeaning and CredibilityMeaning spell out the Admiralty scale.
var (
	ReliabilityMeaning = map[string]string{
		"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
		"D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
	}
	CredibilityMeaning = map[int]string{
		1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
		4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
	}
)

// SourceKinds lists the kinds of source.
var SourceKinds = []string{SourceOfficial, SourceLeak, SourcePress, SourceStatement, SourceAnalysis, SourceParticipant}

// Validate checks the fields a caller sets.
func (s *Source) Validate() error {
	if err := validName("source title", s.Title, 300); err != nil {
		return err
	}
	if err := oneOf("source kind", s.Kind, SourceKinds...); err != nil {
		return err
	}
	if err := ValidGrade(s.Reliability, s.Credibility); err != nil {
		return Errorf(EINVALID, "source %q: %s", s.Title, ErrorMessage(err))
	}
	if s.URL != "" && !WebURL(s.URL) {
		return Errorf(EINVALID, "source %q: url %q is not an http or https address", s.Title, s.URL)
	}
	return s.Date.Validate()
}

// WebURL reports whether s is an absolute http or https address: a
// source's link is shown to every member, and no other scheme belongs
// there.
func WebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// SourceService stores sources.
type SourceService interface {
	// CreateSource stores s with its first grade, at revision 1.
	CreateSource(ctx context.Context, s *Source) error
	ListSources(ctx context.Context, negotiationID int64) ([]*Source, error)
	FindSourceByID(ctx context.Context, id int64) (*Source, error)
	// RegradeSource gives the source s.ID the grade s.Reliability and
	// s.Credibility if s.Revision is still the stored revision (ECONFLICT
	// otherwise), keeping the grade before in its history with note; it
	// sets s to the source as stored after.
	RegradeSource(ctx context.Context, s *Source, note string) error
	// ListSourceGrades returns every grade the source was given, oldest
	// first; the last is its grade now.
	ListSourceGrades(ctx context.Context, sourceID int64) ([]*SourceGrade, error)
}

// MayAddSource says whether a member may add a source to its negotiation:
// owners, mediators and delegates (who cite where their texts and claims
// come from); observers only read.
func MayAddSource(m *Member) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only members of the negotiation may add sources")
	case m.Role == RoleObserver:
		return Errorf(EFORBIDDEN, "observers may not add sources")
	}
	return nil
}

// MayGradeSource says whether a member may regrade a source: owners and
// mediators, who judge sources for every party. A delegate's party has a
// stake in how its own sources are judged.
func MayGradeSource(m *Member) error {
	switch {
	case m == nil:
		return Errorf(EFORBIDDEN, "only members of the negotiation may grade sources")
	case m.Role == RoleMediator || m.Role == RoleOwner:
		return nil
	}
	return Errorf(EFORBIDDEN, "only a mediator or an owner regrades a source; you are %s of this negotiation", RoleName(m.Role))
}
