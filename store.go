package parley

import "context"

// Store is everything parley keeps. The sqlite and postgres packages
// implement it; both pass the conformance suite in storetest.
type Store interface {
	NegotiationService
	PartyService
	SourceService
	VersionService
	StanceService
	IssueService
	EventService
	UserService
	AlignmentService
	SessionService
	AuditService
	RecordService
	LoginThrottleService

	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	Close() error
}
