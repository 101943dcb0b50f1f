package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"parley"
)

// OpenRound opens a sealed round on r.IssueID. The unique index on open
// rounds turns a second open round on one issue into ECONFLICT.
func (s *DB) OpenRound(ctx context.Context, r *parley.Round) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		issue, err := scanIssue(tx.QueryRowContext(ctx, s.q(`SELECT `+issueColumns+` FROM issues WHERE id = ?`), r.IssueID))
		if err != nil {
			return s.wrap(err, "round: issue %d", r.IssueID)
		}
		if r.NegotiationID != 0 && r.NegotiationID != issue.NegotiationID {
			return parley.Errorf(parley.EINVALID, "issue_id: issue %d is not an issue of negotiation %d", r.IssueID, r.NegotiationID)
		}
		if len(issue.VetoPartyIDs) == 0 {
			return parley.Errorf(parley.EINVALID, "issue %q has no veto players: name the parties who must agree before running a round", issue.Name)
		}
		r.NegotiationID, r.OpenedAt, r.ClosedAt, r.Verdict, r.Submitted = issue.NegotiationID, s.Now(), nil, "", []int64{}
		id, err := s.insert(ctx, tx, `INSERT INTO rounds (negotiation_id, issue_id, opened_at) VALUES (?, ?, ?)`,
			r.NegotiationID, r.IssueID, formatTime(r.OpenedAt))
		if err != nil {
			if s.dialect.Classify(err) == parley.ECONFLICT {
				return parley.Errorf(parley.ECONFLICT, "issue %q already has an open round: close it first", issue.Name)
			}
			return s.wrap(err, "round on issue %d", r.IssueID)
		}
		r.ID = id
		return s.audit(ctx, tx, r.NegotiationID, "open", "round", r.ID, nil, r)
	})
}

// lockRound reads a round inside a write transaction, holding its row
// until the transaction ends, so that a submission and the close of one
// round happen one after the other.
func (s *DB) lockRound(ctx context.Context, tx *sql.Tx, id int64) (*parley.Round, error) {
	r, err := scanRound(tx.QueryRowContext(ctx, s.q(`SELECT `+roundColumns+` FROM rounds WHERE id = ?`+s.dialect.LockRow), id))
	if err != nil {
		return nil, s.wrap(err, "round %d", id)
	}
	return r, nil
}

// Submit seals a veto player's range into an open round.
func (s *DB) Submit(ctx context.Context, sub *parley.Submission) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.lockRound(ctx, tx, sub.RoundID)
		if err != nil {
			return err
		}
		if !r.IsOpen() {
			return parley.Errorf(parley.ECONFLICT, "round %d is closed: ask a mediator for a new round", r.ID)
		}
		issue, err := scanIssue(tx.QueryRowContext(ctx, s.q(`SELECT `+issueColumns+` FROM issues WHERE id = ?`), r.IssueID))
		if err != nil {
			return s.wrap(err, "round %d: issue %d", r.ID, r.IssueID)
		}
		if err := sub.Validate(issue); err != nil {
			return err
		}
		sub.At = s.Now()
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO round_submissions (round_id, party_id, low, high, submitted_at) VALUES (?, ?, ?, ?, ?)`),
			sub.RoundID, sub.PartyID, sub.Low, sub.High, formatTime(sub.At))
		if err != nil {
			if s.dialect.Classify(err) == parley.ECONFLICT {
				return parley.Errorf(parley.ECONFLICT, "party %d has already submitted to round %d: one submission per party per round", sub.PartyID, r.ID)
			}
			return s.wrap(err, "submission of party %d to round %d", sub.PartyID, r.ID)
		}
		// The audit log keeps that the party submitted and when, never the
		// range: the log is read by others than the party.
		return s.audit(ctx, tx, r.NegotiationID, "submit", "round", r.ID, nil, map[string]any{"round_id": r.ID, "party_id": sub.PartyID, "at": sub.At})
	})
}

// CloseRound closes an open round and computes its verdict from the
// sealed ranges, in the same transaction; the verdict is never computed
// again.
func (s *DB) CloseRound(ctx context.Context, id int64) (*parley.Round, error) {
	var out *parley.Round
	err := s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.lockRound(ctx, tx, id)
		if err != nil {
			return err
		}
		if !r.IsOpen() {
			return parley.Errorf(parley.ECONFLICT, "round %d is already closed", id)
		}
		issue, err := scanIssue(tx.QueryRowContext(ctx, s.q(`SELECT `+issueColumns+` FROM issues WHERE id = ?`), r.IssueID))
		if err != nil {
			return s.wrap(err, "round %d: issue %d", id, r.IssueID)
		}
		subs, err := s.submissions(ctx, tx, id)
		if err != nil {
			return err
		}
		before := *r
		now := s.Now()
		r.ClosedAt, r.Verdict = &now, parley.OverlapVerdict(issue, subs)
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET closed_at = ?, verdict = ? WHERE id = ? AND closed_at IS NULL`), formatTime(now), r.Verdict, id); err != nil {
			return s.wrap(err, "close round %d", id)
		}
		if r.Submitted, err = s.submitted(ctx, tx, id); err != nil {
			return err
		}
		before.Submitted = r.Submitted
		out = r
		return s.audit(ctx, tx, r.NegotiationID, "close", "round", id, &before, r)
	})
	return out, err
}

func (s *DB) submissions(ctx context.Context, qr queryer, roundID int64) ([]*parley.Submission, error) {
	rows, err := qr.QueryContext(ctx, s.q(`SELECT round_id, party_id, low, high, submitted_at FROM round_submissions WHERE round_id = ? ORDER BY party_id`), roundID)
	if err != nil {
		return nil, s.wrap(err, "round %d: submissions", roundID)
	}
	return collect(rows, scanSubmission, s.wrapper("round submissions"))
}

func scanSubmission(sc interface{ Scan(...any) error }) (*parley.Submission, error) {
	var sub parley.Submission
	var at string
	err := sc.Scan(&sub.RoundID, &sub.PartyID, &sub.Low, &sub.High, &at)
	sub.At = parseTime(at)
	return &sub, err
}

// submitted lists the parties that submitted to a round, without what.
func (s *DB) submitted(ctx context.Context, qr queryer, roundID int64) ([]int64, error) {
	subs, err := s.submissions(ctx, qr, roundID)
	if err != nil {
		return nil, err
	}
	parties := make([]int64, len(subs))
	for k, sub := range subs {
		parties[k] = sub.PartyID
	}
	return parties, nil
}

const roundColumns = `id, negotiation_id, issue_id, opened_at, closed_at, verdict`

func scanRound(sc interface{ Scan(...any) error }) (*parley.Round, error) {
	var r parley.Round
	var opened string
	var closed sql.NullString
	if err := sc.Scan(&r.ID, &r.NegotiationID, &r.IssueID, &opened, &closed, &r.Verdict); err != nil {
		return nil, err
	}
	r.OpenedAt = parseTime(opened)
	if closed.Valid {
		t := parseTime(closed.String)
		r.ClosedAt = &t
	}
	r.Submitted = []int64{}
	return &r, nil
}

// ListRounds returns a negotiation's rounds, oldest first, each with the
// parties that submitted.
func (s *DB) ListRounds(ctx context.Context, negotiationID int64) ([]*parley.Round, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT `+roundColumns+` FROM rounds WHERE negotiation_id = ? ORDER BY id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list rounds")
	}
	rounds, err := collect(rows, scanRound, s.wrapper("list rounds"))
	if err != nil {
		return nil, err
	}
	byID := map[int64]*parley.Round{}
	for _, r := range rounds {
		byID[r.ID] = r
	}
	rows, err = s.reads.QueryContext(ctx, s.q(`SELECT s.round_id, s.party_id FROM round_submissions s JOIN rounds r ON r.id = s.round_id WHERE r.negotiation_id = ? ORDER BY s.round_id, s.party_id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list rounds")
	}
	defer rows.Close()
	for rows.Next() {
		var roundID, partyID int64
		if err := rows.Scan(&roundID, &partyID); err != nil {
			return nil, s.wrap(err, "list rounds")
		}
		if r := byID[roundID]; r != nil {
			r.Submitted = append(r.Submitted, partyID)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err, "list rounds")
	}
	return rounds, nil
}

// FindRoundByID returns one round with the parties that submitted.
func (s *DB) FindRoundByID(ctx context.Context, id int64) (*parley.Round, error) {
	r, err := scanRound(s.reads.QueryRowContext(ctx, s.q(`SELECT `+roundColumns+` FROM rounds WHERE id = ?`), id))
	if err != nil {
		return nil, s.wrap(err, "round %d", id)
	}
	if r.Submitted, err = s.submitted(ctx, s.reads, id); err != nil {
		return nil, err
	}
	return r, nil
}

// FindSubmission returns a party's own submission to a round.
func (s *DB) FindSubmission(ctx context.Context, roundID, partyID int64) (*parley.Submission, error) {
	sub, err := scanSubmission(s.reads.QueryRowContext(ctx, s.q(`SELECT round_id, party_id, low, high, submitted_at FROM round_submissions WHERE round_id = ? AND party_id = ?`), roundID, partyID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parley.Errorf(parley.ENOTFOUND, "party %d has not submitted to round %d", partyID, roundID)
	}
	if err != nil {
		return nil, s.wrap(err, "round %d: submission of party %d", roundID, partyID)
	}
	return sub, nil
}
