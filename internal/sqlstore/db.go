package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"parley"
)

// Dialect is what differs between the databases behind DB.
type Dialect struct {
	// Name is "sqlite" or "postgres"; it prefixes error messages.
	Name string
	// Numbered reports whether placeholders are $1, $2, ... instead of ?.
	Numbered bool
	// Migrations holds NNNN_name.sql files applied in order.
	Migrations fs.FS
	// LockMigrations runs inside the migration transaction before anything
	// is read, so that two servers starting at once do not both migrate.
	LockMigrations string
	// LockRow is appended to a SELECT of one row, inside a write
	// transaction, to hold that row until the transaction ends: appends to
	// one negotiation's record queue on its row. It is "" where a write
	// transaction already holds the whole database (SQLite's BEGIN
	// IMMEDIATE).
	LockRow string
	// PrepareReads keeps every read query prepared (see stmtCache), where
	// the driver does not already: pgx keeps its own statement cache.
	PrepareReads bool
	// Classify returns the parley error code for a constraint violation
	// (ECONFLICT for a duplicate, EINVALID for a broken reference), or "".
	Classify func(error) string
}

// DB is a parley.Store on one database.
type DB struct {
	db    *sql.DB // write transactions
	rdb   *sql.DB // everything else: db itself, or a pool of readers
	reads queryer // runs every query outside a write transaction: on rdb, or InTx's transaction
	// txn is InTx's transaction, nil outside one.
	txn *sql.Tx
	// versions keeps what never changes of the versions read.
	versions *versionCache
	dialect  Dialect
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

var _ parley.Store = (*DB)(nil)

// Dir returns the directory dir of an embedded file system, where a store
// keeps its migrations.
func Dir(files fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // a constant, valid directory name: cannot happen
	}
	return sub
}

// Pool sizes a database/sql connection pool. database/sql keeps only two
// idle connections by default, so that under concurrent load connections
// are opened and closed all the time (for PostgreSQL a new backend process
// each); a pool sized for the load keeps them.
type Pool struct {
	MaxOpen int
	MaxIdle int
	// IdleTime closes a connection unused for that long; 0 keeps it.
	IdleTime time.Duration
}

func (p Pool) apply(db *sql.DB) {
	db.SetMaxOpenConns(p.MaxOpen)
	db.SetMaxIdleConns(p.MaxIdle)
	db.SetConnMaxIdleTime(p.IdleTime)
}

// Conn says how to reach a database: the driver and data source for
// writes, and optionally a second data source for a separate pool of
// readers.
type Conn struct {
	Driver string
	DSN    string
	Pool   Pool
	// ReadDSN, where set, opens a second pool that serves every query
	// outside a write transaction (SQLite: one writer connection, many
	// readers that WAL lets read while it writes).
	ReadDSN  string
	ReadPool Pool
}

// Connect opens a database, checks that it answers and brings its schema
// up to date, closing the database again on any failure. what names the
// database in errors ("sqlite: open parley.db").
func Connect(ctx context.Context, c Conn, what string, d Dialect) (*DB, error) {
	open := func(dsn string, p Pool) (*sql.DB, error) {
		db, err := sql.Open(c.Driver, dsn)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		p.apply(db)
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		return db, nil
	}
	db, err := open(c.DSN, c.Pool)
	if err != nil {
		return nil, err
	}
	rdb := db
	if c.ReadDSN != "" {
		// The schema first: readers would otherwise see a database
		// without tables until the writer has migrated it.
		if err := (&DB{db: db, rdb: db, reads: db, versions: newVersionCache(), dialect: d, Now: nowUTC}).migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
		if rdb, err = open(c.ReadDSN, c.ReadPool); err != nil {
			db.Close()
			return nil, err
		}
	}
	store, err := OpenPools(ctx, db, rdb, d)
	if err != nil {
		store.Close()
		return nil, err
	}
	return store, nil
}

func nowUTC() time.Time { return time.Now().UTC() }

// Open wraps an open database, applies the dialect's pending migrations and
// returns the store.
func Open(ctx context.Context, db *sql.DB, d Dialect) (*DB, error) {
	return OpenPools(ctx, db, db, d)
}

// OpenPools is Open with a separate pool for reads: writer runs the write
// transactions, reader every other query. On an error the store returned
// is still there to be closed.
func OpenPools(ctx context.Context, writer, reader *sql.DB, d Dialect) (*DB, error) {
	s := &DB{db: writer, rdb: reader, reads: reader, versions: newVersionCache(), dialect: d, Now: nowUTC}
	if d.PrepareReads {
		s.reads = newStmtCache(reader)
	}
	if err := s.migrate(ctx); err != nil {
		return s, err
	}
	return s, nil
}

// SQL returns the underlying database (the writer's pool), for backups and
// tests.
func (s *DB) SQL() *sql.DB { return s.db }

// Pools returns the connection pools by name ("writer" and "reader", or
// "main" where one pool does both), for their statistics.
func (s *DB) Pools() map[string]*sql.DB {
	if s.rdb == s.db {
		return map[string]*sql.DB{"main": s.db}
	}
	return map[string]*sql.DB{"writer": s.db, "reader": s.rdb}
}

// Ping reports whether the database answers.
func (s *DB) Ping(ctx context.Context) error { return s.rdb.PingContext(ctx) }

// Close closes the database: the readers first, so that the writer, the
// last connection, folds SQLite's write-ahead log back into the file. The
// store InTx hands its function cannot be closed: the database belongs to
// the store InTx was called on.
func (s *DB) Close() error {
	if s.txn != nil {
		return fmt.Errorf("%s: close: the store of a transaction is not closed by its user", s.dialect.Name)
	}
	if c, ok := s.reads.(*stmtCache); ok {
		c.Close()
	}
	var err error
	if s.rdb != s.db {
		err = s.rdb.Close()
	}
	return errors.Join(err, s.db.Close())
}

// InTx runs fn with a store whose every query goes through one
// transaction, committed if fn returns nil and rolled back otherwise. Each
// write fn makes runs in a savepoint, so that a write that fails (a
// duplicate fn chooses to skip) undoes only itself and fn may go on;
// PostgreSQL would refuse every later statement of the transaction
// otherwise. InTx inside InTx nests as one more savepoint.
func (s *DB) InTx(ctx context.Context, fn func(parley.Store) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		inner := *s
		inner.reads, inner.txn = tx, tx
		return fn(&inner)
	})
}

// q rewrites ? placeholders for the dialect. Queries in this package never
// hold a ? inside a literal.
func (s *DB) q(query string) string {
	if !s.dialect.Numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tx runs fn in a write transaction and commits it if fn returns nil.
// Inside InTx, it runs fn in a savepoint of InTx's transaction instead.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.txn != nil {
		return s.savepoint(ctx, fn)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", s.dialect.Name, err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", s.dialect.Name, err)
	}
	return nil
}

// savepoint runs fn in a savepoint of InTx's transaction and undoes what
// fn wrote if it fails. Savepoints of one name nest in both SQLite and
// PostgreSQL: ROLLBACK TO and RELEASE act on the innermost.
func (s *DB) savepoint(ctx context.Context, fn func(*sql.Tx) error) error {
	if _, err := s.txn.ExecContext(ctx, `SAVEPOINT parley_step`); err != nil {
		return fmt.Errorf("%s: savepoint: %w", s.dialect.Name, err)
	}
	if err := fn(s.txn); err != nil {
		// Undo fn's writes and keep the transaction usable. If this fails
		// too, the transaction is gone (its context ended) and InTx's
		// commit reports it.
		if _, rerr := s.txn.ExecContext(ctx, `ROLLBACK TO SAVEPOINT parley_step`); rerr == nil {
			_, _ = s.txn.ExecContext(ctx, `RELEASE SAVEPOINT parley_step`)
		}
		return err
	}
	if _, err := s.txn.ExecContext(ctx, `RELEASE SAVEPOINT parley_step`); err != nil {
		return fmt.Errorf("%s: release savepoint: %w", s.dialect.Name, err)
	}
	return nil
}

// wrap turns a driver error into a parley error where it is the caller's
// fault, and adds context otherwise.
func (s *DB) wrap(err error, what string, args ...any) error {
	if err == nil {
		return nil
	}
	var pe *parley.Error
	if errors.As(err, &pe) {
		return err
	}
	desc := fmt.Sprintf(what, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return parley.Errorf(parley.ENOTFOUND, "%s: not found", desc)
	}
	switch s.dialect.Classify(err) {
	case parley.ECONFLICT:
		return parley.Errorf(parley.ECONFLICT, "%s: already exists", desc)
	case parley.EINVALID:
		return parley.Errorf(parley.EINVALID, "%s: refers to something that does not exist", desc)
	}
	return fmt.Errorf("%s: %s: %w", s.dialect.Name, desc, err)
}

func (s *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(s.dialect.Migrations, "*.sql")
	if err != nil {
		return fmt.Errorf("%s: migrations: %w", s.dialect.Name, err)
	}
	sort.Strings(names)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if s.dialect.LockMigrations != "" {
			if _, err := tx.ExecContext(ctx, s.dialect.LockMigrations); err != nil {
				return fmt.Errorf("%s: lock migrations: %w", s.dialect.Name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
			return fmt.Errorf("%s: create schema_migrations: %w", s.dialect.Name, err)
		}
		applied := map[int]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
		if err != nil {
			return fmt.Errorf("%s: read schema_migrations: %w", s.dialect.Name, err)
		}
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return err
			}
			applied[v] = true
		}
		rows.Close()
		for _, name := range names {
			num, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
			if err != nil {
				return fmt.Errorf("%s: migration %s: name must start with a number", s.dialect.Name, name)
			}
			if applied[num] {
				continue
			}
			body, err := fs.ReadFile(s.dialect.Migrations, name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("%s: migration %s: %w", s.dialect.Name, name, err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`), num, name, s.Now().Format(time.RFC3339Nano)); err != nil {
				return fmt.Errorf("%s: record migration %s: %w", s.dialect.Name, name, err)
			}
		}
		return nil
	})
}

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// insert runs an INSERT ... RETURNING id and returns the id.
func (s *DB) insert(ctx context.Context, qr queryer, query string, args ...any) (int64, error) {
	var id int64
	err := qr.QueryRowContext(ctx, s.q(query+" RETURNING id"), args...).Scan(&id)
	return id, err
}

// updateRevision runs an UPDATE that ends in "WHERE id = ? AND revision = ?"
// and tells a stale write (ECONFLICT) from a missing row (ENOTFOUND).
func (s *DB) updateRevision(ctx context.Context, qr queryer, table string, id, revision int64, query string, args ...any) error {
	res, err := qr.ExecContext(ctx, s.q(query), append(args, id, revision)...)
	if err != nil {
		return s.wrap(err, "update %s %d", strings.TrimSuffix(table, "s"), id)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: update %s: %w", s.dialect.Name, table, err)
	}
	if n == 1 {
		return nil
	}
	var current int64
	err = qr.QueryRowContext(ctx, s.q("SELECT revision FROM "+table+" WHERE id = ?"), id).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return parley.Errorf(parley.ENOTFOUND, "%s %d not found", strings.TrimSuffix(table, "s"), id)
	}
	if err != nil {
		return fmt.Errorf("%s: update %s: %w", s.dialect.Name, table, err)
	}
	return parley.Errorf(parley.ECONFLICT, "%s %d was changed by someone else (revision %d, you had %d): reload and try again", strings.TrimSuffix(table, "s"), id, current, revision)
}

// byDate sorts records that SQL returned by the text of their dates and
// their ids into the order of their dates (parley.Date.Compare): the text
// order is right for plain dates but not for EDTF's qualified ones, seasons
// or unknown digits ("2025-21", spring, sorts after December as text). The
// sort is stable, so records of one date keep their id order.
func byDate[T any](list []T, date func(T) parley.Date) {
	slices.SortStableFunc(list, func(a, b T) int { return date(a).Compare(date(b)) })
}

// Helpers for columns.

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func fromNullID(n sql.NullInt64) int64 {
	if n.Valid {
		return n.Int64
	}
	return 0
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

func parseDate(s string) parley.Date {
	d, _ := parley.ParseDate(s)
	return d
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("sqlstore: marshal %T: %v", v, err)) // only plain slices are stored
	}
	return string(b)
}

func fromJSON[T any](s string) T {
	var v T
	_ = json.Unmarshal([]byte(s), &v)
	return v
}

func ids(v []int64) []int64 {
	if v == nil {
		return []int64{}
	}
	return v
}

// checkRefs verifies that every id names a row of table in the negotiation.
func (s *DB) checkRefs(ctx context.Context, qr queryer, what, table string, negotiationID int64, refs []int64) error {
	for _, id := range refs {
		var n int
		err := qr.QueryRowContext(ctx, s.q("SELECT count(*) FROM "+table+" WHERE id = ? AND negotiation_id = ?"), id, negotiationID).Scan(&n)
		if err != nil {
			return fmt.Errorf("%s: check %s %d: %w", s.dialect.Name, what, id, err)
		}
		if n == 0 {
			return parley.Errorf(parley.EINVALID, "%s %d does not exist in negotiation %d", what, id, negotiationID)
		}
	}
	return nil
}
