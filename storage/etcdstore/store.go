// Package etcdstore is refundbot's second storage engine: the same store
// interfaces of conversations as storage's bbolt file, kept in an etcd
// cluster (three members tolerate the loss of one) so that several
// `serve` replicas share one wallet ledger.
//
// The guarantees are storage's. A state change and everything it causes
// (the case, its ledger entries under their idempotency keys, the unlocks,
// the indexes, the outbox records, the session and the inbound marker) is
// one etcd transaction: the function reads what it needs, the pure rules
// of conversations (OpenCase, DecideCase, CheckEntry) decide, and the
// writes commit with one Txn guarded by a mod-revision compare on every key
// read, so a concurrent change makes the commit fail and the function run
// again from the new state (optimistic concurrency; the function must
// reset its outputs, as with bbolt's Batch). Concurrent changes of one
// process share one Txn (group commit, txn.go), so they never conflict
// with each other. A wallet never goes negative: its balance is read under
// that guard.
//
// Limits: etcd refuses a Txn with more than --max-txn-ops operations
// (default 128) in one branch or compares, or a request over
// --max-request-bytes (default 1.5 MiB). A group commit stops adding
// changes before either; a decision of the largest case `check` allows
// (three writes a lead, one a file) fits alone; a getUpdates answer is
// saved in chunks; an import too large for one Txn is checked whole and
// then written in chunks of idempotent rows (import.go). Only v3 API
// features of etcd 3.4 are used: Txn with ModRevision compares (also over
// a range), ranges with limit and revision, leases and elections, and the
// Maintenance snapshot.
//
// Keys are Prefix + bucket + "/" + key; composite keys join their parts
// with a 0 byte and numbers are big-endian, so etcd's byte order is the
// order bbolt's cursors give.
package etcdstore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/conversations"
)

// SchemaVersion is the key layout version written under Prefix at the
// first Open and checked at every Open.
const SchemaVersion = 1

// Every store the domain's consumers declare.
var (
	_ conversations.EngineStore   = (*Store)(nil)
	_ conversations.DeskStore     = (*Store)(nil)
	_ conversations.StepStore     = (*Store)(nil)
	_ conversations.JobStore      = (*Store)(nil)
	_ conversations.RowStore      = (*Store)(nil)
	_ conversations.ProviderStore = (*Store)(nil)
	_ conversations.WalletStore   = (*Store)(nil)
	_ conversations.CaseStore     = (*Store)(nil)
	_ conversations.SessionStore  = (*Store)(nil)
	_ conversations.OutboxStore   = (*Store)(nil)
	_ conversations.InboxStore    = (*Store)(nil)
	_ conversations.EvidenceIndex = (*Store)(nil)
	_ conversations.EvidenceQuota = (*Store)(nil)
	_ conversations.AppealStore   = (*Store)(nil)
)

// Buckets: the first part of every key after the prefix.
const (
	bMeta          = "meta"              // "schema" → be(version)
	bSeq           = "seq"               // name → be(last sequence)
	bProviders     = "providers"         // provider ID → Provider JSON
	bPhones        = "phones"            // E.164 → provider ID
	bTelegram      = "telegram"          // i64(user ID) → provider ID
	bUnlocks       = "unlocks"           // provider 0 LEAD → Unlock JSON
	bUnlocksByLead = "unlocks_by_lead"   // LEAD 0 provider → ""
	bWallets       = "wallets"           // provider ID → walletRec
	bEntries       = "entries"           // provider 0 be(seq) → Entry JSON
	bEntryKeys     = "entry_keys"        // provider 0 key → be(seq)
	bCases         = "cases"             // be(seq) → Case JSON
	bCasesByProv   = "cases_by_provider" // provider 0 be(seq) → ""
	bOpenCases     = "open_cases"        // be(seq) → "" while not final
	bSessions      = "sessions"          // i64(chat ID) → Session JSON
	bOutbox        = "outbox"            // be(id) → OutboxMessage JSON
	bOutboxPending = "outbox_pending"    // be(id) → the same JSON while pending
	bInboxSeen     = "inbox_seen"        // source 0 i64(id) → state byte + be(unix nanos)
	bInboxPending  = "inbox_pending"     // i64(id) source → Inbound JSON
	bMarks         = "marks"             // key → time (RFC 3339)
	bJobs          = "jobs"              // job → JobMark JSON
	bEvidenceIdx   = "evidence_by_hash"  // sha256 0 be(seq) → provider ID
	bEvidenceBytes = "evidence_bytes"    // provider 0 day → be(bytes)
)

// Options configure Open.
type Options struct {
	// Client is a connected etcd client; the caller closes it.
	Client *clientv3.Client
	// Prefix starts every key ("refundbot/" when empty), so one cluster
	// can hold several desks.
	Prefix string
	// NormalizePhone turns a phone into E.164 (storage.NormalizePhone with
	// phone.default_region): one normaliser for both engines. Required.
	NormalizePhone func(raw string) (string, error)
	// Now gives the time for records whose caller left a time unset;
	// time.Now when nil.
	Now func() time.Time
	// MaxTxnOps is the cluster's --max-txn-ops; 128 when zero.
	MaxTxnOps int
}

// Store is the etcd store. It is safe for concurrent use, also by several
// processes on one cluster and prefix.
type Store struct {
	cli    *clientv3.Client
	prefix string
	phone  func(string) (string, error)
	now    func() time.Time
	maxOps int

	// onCommit, when set (by tests), is told the writes, compares and
	// approximate bytes of every Txn that commits changes.
	onCommit func(ops, cmps, bytes int)

	bmu     sync.Mutex // guards the group commit's queue (txn.go)
	queue   []*call
	running bool

	cache  readCache // last known values of keys read or written (cache.go)
	counts counters
}

// Open checks the schema under opts.Prefix (writing it on an empty
// prefix); a mismatch wraps conversations.ErrSchema. On a prefix written
// before the outbox's due index existed it builds the index, once
// (outbox_index.go).
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.Client == nil || opts.NormalizePhone == nil {
		return nil, errors.New("etcdstore: Options.Client and Options.NormalizePhone are required")
	}
	if opts.Prefix == "" {
		opts.Prefix = "refundbot/"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxTxnOps <= 0 {
		opts.MaxTxnOps = 128
	}
	s := &Store{cli: opts.Client, prefix: opts.Prefix, phone: opts.NormalizePhone, now: opts.Now, maxOps: opts.MaxTxnOps}
	err := s.update(ctx, "open etcd store", func(t *txn) error {
		v, found, err := t.get(s.k(bMeta, "schema"))
		if err != nil {
			return err
		}
		if !found {
			t.put(s.k(bMeta, "schema"), u64(SchemaVersion))
			t.put(s.k(bMeta, keyOutboxIndexed), u64(1)) // nothing to index yet
			return nil
		}
		if len(v) != 8 || seqOf(v) != SchemaVersion {
			return fmt.Errorf("prefix %q has schema %x, this build needs %d: %w", s.prefix, v, SchemaVersion, conversations.ErrSchema)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	resp, err := s.cli.Get(ctx, s.k(bMeta, keyOutboxIndexed))
	if err != nil {
		return nil, fmt.Errorf("open etcd store: %w", err)
	}
	if len(resp.Kvs) == 0 {
		if err := s.buildOutboxIndex(ctx, false); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// k is the etcd key of key in bucket.
func (s *Store) k(bucket, key string) string { return s.prefix + bucket + "/" + key }

// bucketPrefix is the prefix of every key of bucket.
func (s *Store) bucketPrefix(bucket string) string { return s.prefix + bucket + "/" }

// u64 encodes v big-endian, so byte order is numeric order.
func u64(v uint64) string {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return string(b)
}

// i64 encodes a signed ID so that byte order is numeric order.
func i64(v int64) string { return u64(uint64(v) ^ (1 << 63)) }

// fromI64 decodes i64.
func fromI64(b string) int64 { return int64(seqOf(b) ^ (1 << 63)) }

// seqOf decodes the big-endian number at the end of a key.
func seqOf(k string) uint64 {
	if len(k) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64([]byte(k[len(k)-8:]))
}

// join builds a composite key a 0 b.
func join(a, b string) string { return a + "\x00" + b }
