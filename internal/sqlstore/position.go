package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// CreateIssue stores i and sets its ID.
func (s *DB) CreateIssue(ctx context.Context, i *parley.Issue) error {
	if err := i.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkRefs(ctx, tx, "veto party", "parties", i.NegotiationID, i.VetoPartyIDs); err != nil {
			return err
		}
		id, err := s.insert(ctx, tx, `INSERT INTO issues (negotiation_id, name, description, scale, unit, min_value, max_value, options, veto_party_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			i.NegotiationID, i.Name, i.Description, i.Scale, i.Unit, i.Min, i.Max, toJSON(tagsOrEmpty(i.Options)), toJSON(ids(i.VetoPartyIDs)))
		if err != nil {
			return s.wrap(err, "issue %q", i.Name)
		}
		i.ID = id
		return s.audit(ctx, tx, i.NegotiationID, "create", "issue", i.ID, nil, i)
	})
}

const issueColumns = `id, negotiation_id, name, description, scale, unit, min_value, max_value, options, veto_party_ids`

func scanIssue(sc interface{ Scan(...any) error }) (*parley.Issue, error) {
	var i parley.Issue
	var options, veto string
	err := sc.Scan(&i.ID, &i.NegotiationID, &i.Name, &i.Description, &i.Scale, &i.Unit, &i.Min, &i.Max, &options, &veto)
	i.Options, i.VetoPartyIDs = fromJSON[[]string](options), fromJSON[[]int64](veto)
	return &i, err
}

// ListIssues returns the issues of a negotiation.
func (s *DB) ListIssues(ctx context.Context, negotiationID int64) ([]*parley.Issue, error) {
	rows, err := s.reads.QueryContext(ctx, s.q(`SELECT `+issueColumns+` FROM issues WHERE negotiation_id = ? ORDER BY id`), negotiationID)
	if err != nil {
		return nil, s.wrap(err, "list issues")
	}
	return collect(rows, scanIssue, s.wrapper("list issues"))
}

// FindIssueByID returns one issue.
func (s *DB) FindIssueByID(ctx context.Context, id int64) (*parley.Issue, error) {
	i, err := scanIssue(s.reads.QueryRowContext(ctx, s.q(`SELECT `+issueColumns+` FROM issues WHERE id = ?`), id))
	if err != nil {
		return nil, s.wrap(err, "issue %d", id)
	}
	return i, nil
}

// CreatePosition stores p after checking it against its issue's scale.
func (s *DB) CreatePosition(ctx context.Context, p *parley.Position) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		negotiationID, err := s.checkPosition(ctx, tx, p)
		if err != nil {
			return err
		}
		id, err := s.insert(ctx, tx, `INSERT INTO positions (issue_id, party_id, date, ideal, reservation, reservation_visibility, salience, capability, source_id, note, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			p.IssueID, p.PartyID, p.Date.String(), p.Ideal, p.Reservation, p.ReservationVisibility, p.Salience, p.Capability, nullID(p.SourceID), p.Note)
		if err != nil {
			return s.wrap(err, "position of party %d on issue %d", p.PartyID, p.IssueID)
		}
		p.ID, p.Revision = id, 1
		return s.audit(ctx, tx, negotiationID, "create", "position", p.ID, nil, p)
	})
}

// checkPosition validates p against its issue, checks its references and
// returns the negotiation it belongs to.
func (s *DB) checkPosition(ctx context.Context, tx *sql.Tx, p *parley.Position) (int64, error) {
	issue, err := scanIssue(tx.QueryRowContext(ctx, s.q(`SELECT `+issueColumns+` FROM issues WHERE id = ?`), p.IssueID))
	if err != nil {
		return 0, s.wrap(err, "position: issue %d", p.IssueID)
	}
	if err := p.Validate(issue); err != nil {
		return 0, err
	}
	if err := s.checkRefs(ctx, tx, "party", "parties", issue.NegotiationID, []int64{p.PartyID}); err != nil {
		return 0, err
	}
	if p.SourceID != 0 {
		return issue.NegotiationID, s.checkRefs(ctx, tx, "source", "sources", issue.NegotiationID, []int64{p.SourceID})
	}
	return issue.NegotiationID, nil
}

// ListPositions returns the positions f selects, by issue, party and date.
func (s *DB) ListPositions(ctx context.Context, f parley.PositionFilter) ([]*parley.Position, error) {
	query := `SELECT p.id, p.issue_id, p.party_id, p.date, p.ideal, p.reservation, p.reservation_visibility, p.salience, p.capability, p.source_id, p.note, p.revision
FROM positions p JOIN issues i ON i.id = p.issue_id WHERE 1 = 1`
	var args []any
	if f.NegotiationID != 0 {
		query, args = query+` AND i.negotiation_id = ?`, append(args, f.NegotiationID)
	}
	if f.IssueID != 0 {
		query, args = query+` AND p.issue_id = ?`, append(args, f.IssueID)
	}
	if f.PartyID != 0 {
		query, args = query+` AND p.party_id = ?`, append(args, f.PartyID)
	}
	rows, err := s.reads.QueryContext(ctx, s.q(query+` ORDER BY p.issue_id, p.party_id, p.date, p.id`), args...)
	if err != nil {
		return nil, s.wrap(err, "list positions")
	}
	return collect(rows, func(sc interface{ Scan(...any) error }) (*parley.Position, error) {
		var p parley.Position
		var date string
		var reservation sql.NullFloat64
		var source sql.NullInt64
		err := sc.Scan(&p.ID, &p.IssueID, &p.PartyID, &date, &p.Ideal, &reservation, &p.ReservationVisibility, &p.Salience, &p.Capability, &source, &p.Note, &p.Revision)
		p.Date, p.SourceID = parseDate(date), fromNullID(source)
		if reservation.Valid {
			r := reservation.Float64
			p.Reservation = &r
		}
		return &p, err
	}, s.wrapper("list positions"))
}

// UpdatePosition writes the position if p.Revision is current.
func (s *DB) UpdatePosition(ctx context.Context, p *parley.Position) error {
	var before *parley.Position
	if list, err := s.ListPositions(ctx, parley.PositionFilter{IssueID: p.IssueID, PartyID: p.PartyID}); err == nil {
		for _, x := range list {
			if x.ID == p.ID {
				before = x
			}
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		negotiationID, err := s.checkPosition(ctx, tx, p)
		if err != nil {
			return err
		}
		err = s.updateRevision(ctx, tx, "positions", p.ID, p.Revision,
			`UPDATE positions SET date = ?, ideal = ?, reservation = ?, reservation_visibility = ?, salience = ?, capability = ?, source_id = ?, note = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
			p.Date.String(), p.Ideal, p.Reservation, p.ReservationVisibility, p.Salience, p.Capability, nullID(p.SourceID), p.Note)
		if err != nil {
			return err
		}
		p.Revision++
		return s.audit(ctx, tx, negotiationID, "update", "position", p.ID, before, p)
	})
}
