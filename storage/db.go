// Package storage is refundbot's only bbolt code: providers and their lead
// unlocks, the append-only wallet ledger, refund cases with their history,
// conversation sessions, the outbox, the inbox and idempotency markers.
// *DB implements every store interface of conversations (asserted below).
//
// Every state change and everything it causes (ledger entries, index
// updates, outbox records) is one bbolt transaction. Batch (group commit)
// is used only for functions with no effect outside their transaction
// that reset their outputs on every run, because bbolt may run a batched
// function twice: dialogue steps, sessions, inbox markers and decisions
// (whose rules are the pure conversations.DecideCase).
package storage

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/rockerstop/refundbot/conversations"
)

// SchemaVersion is the on-disk layout version written at creation and
// checked at every Open.
const SchemaVersion = 1

// *DB is every store the domain's consumers declare.
var (
	_ conversations.EngineStore   = (*DB)(nil)
	_ conversations.DeskStore     = (*DB)(nil)
	_ conversations.StepStore     = (*DB)(nil)
	_ conversations.JobStore      = (*DB)(nil)
	_ conversations.RowStore      = (*DB)(nil)
	_ conversations.ProviderStore = (*DB)(nil)
	_ conversations.WalletStore   = (*DB)(nil)
	_ conversations.CaseStore     = (*DB)(nil)
	_ conversations.SessionStore  = (*DB)(nil)
	_ conversations.OutboxStore   = (*DB)(nil)
	_ conversations.InboxStore    = (*DB)(nil)
)

// Bucket names. All are created in Open.
var (
	bMeta          = []byte("meta")              // "schema" → version
	bProviders     = []byte("providers")         // provider ID → providerRec
	bPhones        = []byte("phones")            // E.164 → provider ID
	bTelegram      = []byte("telegram")          // int key(user ID) → provider ID
	bUnlocks       = []byte("unlocks")           // provider 0 LEAD → unlockRec
	bUnlocksByLead = []byte("unlocks_by_lead")   // LEAD 0 provider → ""
	bWallets       = []byte("wallets")           // provider ID → walletRec
	bEntries       = []byte("entries")           // provider 0 be(seq) → entryRec
	bEntryKeys     = []byte("entry_keys")        // provider 0 key → be(seq)
	bCases         = []byte("cases")             // be(seq) → case JSON
	bCasesByProv   = []byte("cases_by_provider") // provider 0 be(seq) → ""
	bOpenCases     = []byte("open_cases")        // be(seq) → "" while not final
	bSessions      = []byte("sessions")          // int key(chat ID) → session JSON
	bOutbox        = []byte("outbox")            // be(id) → message JSON
	bOutboxPending = []byte("outbox_pending")    // be(id) → lane (OutboxMessage.Lane)
	bInboxSeen     = []byte("inbox_seen")        // source 0 int key(id) → state byte
	bInboxPending  = []byte("inbox_pending")     // int key(id) source → inbound JSON
	bMarks         = []byte("marks")             // key → time (RFC 3339)

	allBuckets = [][]byte{bMeta, bProviders, bPhones, bTelegram, bUnlocks, bUnlocksByLead,
		bWallets, bEntries, bEntryKeys, bCases, bCasesByProv, bOpenCases, bSessions,
		bOutbox, bOutboxPending, bInboxSeen, bInboxPending, bMarks, bJobs, bEvidenceIdx, bEvidenceBytes,
		bOutboxLanes, bOutboxDue, bOpenSimilar}
	keySchema = []byte("schema")
)

// Options configure Open.
type Options struct {
	// DefaultRegion is the phonenumbers region for numbers without a
	// country code; "IN" when empty.
	DefaultRegion string
	// Timeout is how long Open waits for the file lock; 1s when zero.
	Timeout time.Duration
	// NoSync skips fsync on commit. Unsafe: for benchmarks and bulk tests only.
	NoSync bool
	// BatchDelay is how long a group commit (used by steps, decisions and
	// the inbox) waits for company before it starts; zero starts at once,
	// and calls arriving while a commit runs share the next (groupcommit.go).
	BatchDelay time.Duration
	// Now gives the time for records whose caller left a time unset (an
	// outbox message without CreatedAt); time.Now when nil.
	Now func() time.Time
}

// DB is the bbolt store. It is safe for concurrent use.
type DB struct {
	bolt   *bolt.DB
	region string
	now    func() time.Time
	group  *grouper // the group commit of batch
	due    dueCache // DueOutbox's decoded records
}

// Open opens or creates the database at path, creates every bucket and
// checks the schema version (a mismatch wraps conversations.ErrSchema).
// A file held by another process or handle fails after opts.Timeout with an
// error wrapping conversations.ErrLocked.
func Open(path string, opts Options) (*DB, error) {
	if opts.DefaultRegion == "" {
		opts.DefaultRegion = "IN"
	}
	if opts.Timeout <= 0 {
		opts.Timeout = time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, NoSync: opts.NoSync})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("open %s: %w (is a `refundbot serve` running on it?)", path, conversations.ErrLocked)
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bMeta)
		v := meta.Get(keySchema)
		if v == nil {
			if err := meta.Put(keySchema, u64(SchemaVersion)); err != nil {
				return err
			}
		} else if len(v) != 8 || binary.BigEndian.Uint64(v) != SchemaVersion {
			return fmt.Errorf("file has schema %x, this build needs %d: %w", v, SchemaVersion, conversations.ErrSchema)
		}
		if err := ensureEvidenceIndex(tx); err != nil {
			return err
		}
		if err := ensureOutboxIndex(tx); err != nil {
			return err
		}
		return ensureSimilarIndex(tx)
	})
	if err != nil {
		_ = bdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &DB{bolt: bdb, region: opts.DefaultRegion, now: opts.Now, group: &grouper{delay: opts.BatchDelay}}, nil
}

// Close closes the database, waiting for running transactions.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// u64 encodes v big-endian, so byte order is numeric order.
func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// i64 encodes a signed ID (chat IDs may be negative) so that byte order is
// numeric order.
func i64(v int64) []byte { return u64(uint64(v) ^ (1 << 63)) }

// fromI64 decodes i64.
func fromI64(b []byte) int64 { return int64(binary.BigEndian.Uint64(b) ^ (1 << 63)) }

// join builds a composite key a 0 b.
func join(a string, b []byte) []byte {
	k := make([]byte, 0, len(a)+1+len(b))
	k = append(k, a...)
	k = append(k, 0)
	return append(k, b...)
}

// update runs fn in one write transaction; errors are wrapped with op.
func (db *DB) update(ctx context.Context, op string, fn func(*bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := db.bolt.Update(fn); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// batch runs fn through the group commit (groupcommit.go). fn may run more
// than once, so it must be idempotent and have no effect outside its
// transaction.
func (db *DB) batch(ctx context.Context, op string, fn func(*bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := db.group.do(db.bolt, fn); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// view runs fn in a read transaction; errors are wrapped with op.
func (db *DB) view(ctx context.Context, op string, fn func(*bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := db.bolt.View(fn); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}
