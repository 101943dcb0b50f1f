package parley

import (
	"context"
	"fmt"
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

// Validate checks the fields a caller sets.
// SourceKinds lists the kinds of source.
var SourceKinds = []string{SourceOfficial, SourceLeak, SourcePress, SourceStatement, SourceAnalysis, SourceParticipant}

func (s *Source) Validate() error {
	if err := validName("source title", s.Title, 300); err != nil {
		return err
	}
	if err := oneOf("source kind", s.Kind, SourceKinds...); err != nil {
		return err
	}
	if _, ok := ReliabilityMeaning[s.Reliability]; !ok {
		return Errorf(EINVALID, "source %q: reliability %q is not a grade from A to F", s.Title, s.Reliability)
	}
	if _, ok := CredibilityMeaning[s.Credibility]; !ok {
		return Errorf(EINVALID, "source %q: credibility %d is not a grade from 1 to 6", s.Title, s.Credibility)
	}
	return s.Date.Validate()
}

// SourceService stores sources.
type SourceService interface {
	CreateSource(ctx context.Context, s *Source) error
	ListSources(ctx context.Context, negotiationID int64) ([]*Source, error)
	FindSourceByID(ctx context.Context, id int64) (*Source, error)
}
