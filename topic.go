package parley

import (
	"context"
	"slices"
	"time"
)

// Topic decision actions.
const (
	// TopicConfirm accepts the suggested topics of a point as they are.
	TopicConfirm = "confirm"
	// TopicCorrect sets a point's topics to a person's own list.
	TopicCorrect = "correct"
)

// TopicDecision is a person's decision about the topics of a point, like a
// Correction is about a link: kept for good, never edited, and the newest
// decision on a point wins over the suggester. The point's earlier
// decisions stay as its history.
//
// Decisions are kept in a table of their own rather than in the points'
// tags: a version's points are its text as received and are not rewritten,
// and a decision needs who and when, and the decisions before it.
type TopicDecision struct {
	ID      int64    `json:"id"`
	PointID int64    `json:"point_id"`
	Topics  []string `json:"topics"` // sorted, each once; empty: the point has no topic
	Action  string   `json:"action"`
	Note    string   `json:"note,omitempty"`
	UserID  int64    `json:"user_id,omitempty"`
	// VersionID is the point's version, filled in when read.
	VersionID int64     `json:"version_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks the action and the topic keys, and sorts the keys.
func (d *TopicDecision) Validate() error {
	if d.PointID == 0 {
		return Errorf(EINVALID, "topics: a point is required")
	}
	if err := oneOf("topics action", d.Action, TopicConfirm, TopicCorrect); err != nil {
		return err
	}
	for _, k := range d.Topics {
		if !validTopicKey(k) {
			return Errorf(EINVALID, "topics: %q is not a topic key (lower-case letters, digits and hyphens, at most 40)", k)
		}
	}
	d.Topics = slices.Compact(slices.Sorted(slices.Values(d.Topics)))
	if d.Topics == nil {
		d.Topics = []string{}
	}
	if len(d.Note) > 2000 {
		return Errorf(EINVALID, "topics: note longer than 2000 bytes")
	}
	return nil
}

// validTopicKey reports whether k is a topic key: "ceasefire",
// "power-sharing".
func validTopicKey(k string) bool {
	if k == "" || len(k) > 40 || k[0] == '-' {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// TopicFilter selects topic decisions: those of a negotiation, of a
// version, or of a point.
type TopicFilter struct {
	NegotiationID int64
	VersionID     int64
	PointID       int64
}

// TopicService stores people's decisions about the topics of points.
type TopicService interface {
	// CreateTopicDecision stores d after checking its point, and audits it.
	CreateTopicDecision(ctx context.Context, d *TopicDecision) error
	// ListTopicDecisions returns the decisions the filter selects, oldest
	// first.
	ListTopicDecisions(ctx context.Context, f TopicFilter) ([]*TopicDecision, error)
}

// CurrentTopics returns the newest decision of each point among ds (oldest
// first, as ListTopicDecisions gives them), by point id.
func CurrentTopics(ds []*TopicDecision) map[int64]*TopicDecision {
	out := map[int64]*TopicDecision{}
	for _, d := range ds {
		out[d.PointID] = d
	}
	return out
}
