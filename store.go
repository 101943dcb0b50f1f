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
	SynonymService
	UserService
	AlignmentService
	SessionService
	AuditService
	RecordService
	RoundService
	TopicService
	LoginThrottleService
	SearchService

	// InTx runs fn with a Store whose changes are kept only if fn returns
	// nil: one transaction, all or nothing, for work of many steps (the
	// demo load). The Store given to fn reads its own changes, is for the
	// calling goroutine only and is done when fn returns; fn must not
	// Close it.
	InTx(ctx context.Context, fn func(Store) error) error

	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	Close() error
}
