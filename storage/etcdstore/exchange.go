package etcdstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/conversations"
)

// Record is one key of one bucket in the bbolt store's layout (storage.
// Record): what `refundbot migrate --to etcd` copies in and what `verify`
// reads out to run storage's invariant checks. The layouts are the same
// bucket for bucket, with three translations: a pending outbox entry
// holds the lane in bbolt and the message here; sequences are
// records of bucket "seq" keyed by bucket name; and the ledger's one
// global entry sequence becomes one sequence per wallet.
type Record struct {
	Bucket     string
	Key, Value []byte
}

const seqBucket = "seq"

// buckets are the buckets that travel, in bbolt's layout.
var buckets = []string{bProviders, bPhones, bTelegram, bUnlocks, bUnlocksByLead, bWallets, bEntries, bEntryKeys,
	bCases, bCasesByProv, bOpenCases, bSessions, bOutbox, bOutboxPending, bInboxSeen, bInboxPending, bMarks, bJobs,
	bEvidenceIdx, bEvidenceBytes}

// Walk calls fn with every record in bbolt's layout, read at one
// revision.
func (s *Store) Walk(ctx context.Context, fn func(Record) error) error {
	resp, err := s.cli.Get(ctx, s.k(bMeta, "schema"))
	if err != nil {
		return fmt.Errorf("walk: %w", err)
	}
	rev := resp.Header.Revision
	var maxEntry uint64
	for _, b := range buckets {
		kvs, _, err := s.list(ctx, s.bucketPrefix(b), 0, rev)
		if err != nil {
			return fmt.Errorf("walk %s: %w", b, err)
		}
		for _, kv := range kvs {
			v := []byte(kv.Value)
			switch b {
			case bOutboxPending:
				var m conversations.OutboxMessage
				if err := json.Unmarshal(v, &m); err != nil {
					return fmt.Errorf("walk %s: %w", b, err)
				}
				v = []byte(m.Lane())
			case bEntries:
				maxEntry = max(maxEntry, seqOf(kv.Key))
			}
			if err := fn(Record{Bucket: b, Key: []byte(kv.Key), Value: v}); err != nil {
				return err
			}
		}
	}
	seqs, _, err := s.list(ctx, s.bucketPrefix(bSeq), 0, rev)
	if err != nil {
		return fmt.Errorf("walk: %w", err)
	}
	for _, kv := range seqs {
		if !strings.Contains(kv.Key, "\x00") {
			if err := fn(Record{Bucket: seqBucket, Key: []byte(kv.Key), Value: []byte(kv.Value)}); err != nil {
				return err
			}
		}
	}
	if maxEntry > 0 {
		return fn(Record{Bucket: seqBucket, Key: []byte(bEntries), Value: []byte(u64(maxEntry))})
	}
	return nil
}

// Load writes records in bbolt's layout, in transactions of at most
// maxOps writes, then builds the outbox's due index again from the
// pending messages. Writing the same records again changes no value, so a
// load that stopped half way is finished by loading again. It does not
// check what it writes: verify after.
func (s *Store) Load(ctx context.Context, recs []Record) error {
	known := map[string]bool{}
	for _, b := range buckets {
		known[b] = true
	}
	outbox := map[string][]byte{}
	entrySeq := map[string]uint64{}
	for _, r := range recs {
		switch {
		case r.Bucket == bOutbox:
			outbox[string(r.Key)] = r.Value
		case r.Bucket == bEntries:
			if p, _, ok := strings.Cut(string(r.Key), "\x00"); ok {
				entrySeq[p] = max(entrySeq[p], seqOf(string(r.Key)))
			}
		case r.Bucket != seqBucket && !known[r.Bucket]:
			return fmt.Errorf("load: unknown bucket %q", r.Bucket)
		}
	}
	var ops []clientv3.Op
	for _, r := range recs {
		switch {
		case r.Bucket == seqBucket && string(r.Key) == bEntries:
			continue // one sequence per wallet below
		case r.Bucket == seqBucket:
			ops = append(ops, clientv3.OpPut(s.k(bSeq, string(r.Key)), string(r.Value)))
		case r.Bucket == bOutboxPending:
			m, ok := outbox[string(r.Key)]
			if !ok {
				return fmt.Errorf("load: pending outbox entry %d has no message", seqOf(string(r.Key)))
			}
			ops = append(ops, clientv3.OpPut(s.k(bOutboxPending, string(r.Key)), string(m)))
		default:
			ops = append(ops, clientv3.OpPut(s.k(r.Bucket, string(r.Key)), string(r.Value)))
		}
	}
	for p, seq := range entrySeq {
		ops = append(ops, clientv3.OpPut(s.k(bSeq, entrySeqName(p)), u64(seq)))
	}
	for lo := 0; lo < len(ops); lo += s.maxOps {
		if _, err := s.cli.Txn(ctx).Then(ops[lo:min(lo+s.maxOps, len(ops))]...).Commit(); err != nil {
			return fmt.Errorf("load records %d to %d of %d: %w", lo+1, min(lo+s.maxOps, len(ops)), len(ops), err)
		}
	}
	return s.buildOutboxIndex(ctx, true) // the due index is derived: Walk leaves it out
}

// Empty reports whether the store holds no record (a fresh prefix).
func (s *Store) Empty(ctx context.Context) (bool, error) {
	for _, b := range []string{bProviders, bCases, bSessions, bOutbox} {
		kvs, _, err := s.list(ctx, s.bucketPrefix(b), 1, 0)
		if err != nil || len(kvs) > 0 {
			return false, err
		}
	}
	return true, nil
}

// Note returns the note stored under name in meta ("" when none).
func (s *Store) Note(ctx context.Context, name string) (string, error) {
	resp, err := s.cli.Get(ctx, s.k(bMeta, "note/"+name))
	if err != nil {
		return "", fmt.Errorf("note %s: %w", name, err)
	}
	if len(resp.Kvs) == 0 {
		return "", nil
	}
	return string(resp.Kvs[0].Value), nil
}

// SetNote stores a note under name in meta (what a migration wrote).
func (s *Store) SetNote(ctx context.Context, name, value string) error {
	if _, err := s.cli.Put(ctx, s.k(bMeta, "note/"+name), value); err != nil {
		return fmt.Errorf("note %s: %w", name, err)
	}
	return nil
}
