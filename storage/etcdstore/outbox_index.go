package etcdstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"

	"github.com/rockerstop/refundbot/conversations"
)

// buildAttempts bounds how often a build of the due index starts over
// because the outbox changed under it.
const buildAttempts = 10

// buildOutboxIndex builds the due index from the pending messages: at
// Open, once, for a prefix written before the index existed; after Load
// (again true), whatever the index held. One process builds at a time,
// under an etcd lock; the index is first deleted, then written in
// transactions of at most maxOps writes, the last of which marks the
// prefix indexed (the deletes a transaction of their own). Each of them holds only while the builder owns the lock
// and no outbox record changed since the pending messages were read; when
// one fails, the build starts over from a fresh read, so a build that
// stopped half way (a crash, a lost lease) is finished by the next.
func (s *Store) buildOutboxIndex(ctx context.Context, again bool) error {
	sess, err := concurrency.NewSession(s.cli, concurrency.WithTTL(10), concurrency.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("build the outbox index: %w", err)
	}
	defer sess.Close()
	mu := concurrency.NewMutex(sess, s.k(bMeta, keyOutboxIndexLock))
	if err := mu.Lock(ctx); err != nil {
		return fmt.Errorf("build the outbox index: lock: %w", err)
	}
	defer func() { _ = mu.Unlock(context.WithoutCancel(ctx)) }()
	for range buildAttempts {
		resp, err := s.cli.Get(ctx, s.k(bMeta, keyOutboxIndexed))
		if err != nil {
			return fmt.Errorf("build the outbox index: %w", err)
		}
		if len(resp.Kvs) > 0 && !again {
			return nil // another process built it while we waited
		}
		rev := resp.Header.Revision
		kvs, _, err := s.list(ctx, s.bucketPrefix(bOutboxPending), 0, rev)
		if err != nil {
			return fmt.Errorf("build the outbox index: %w", err)
		}
		pending, err := decodeAll[conversations.OutboxMessage](kvs)
		if err != nil {
			return fmt.Errorf("build the outbox index: %w", err)
		}
		// etcd refuses a Txn that deletes a range and puts a key in it, so
		// the deletes go first, alone.
		chunks := [][]clientv3.Op{{
			clientv3.OpDelete(s.k(bMeta, keyOutboxIndexed)),
			clientv3.OpDelete(s.bucketPrefix(bOutboxLanes), clientv3.WithPrefix()),
			clientv3.OpDelete(s.bucketPrefix(bOutboxDue), clientv3.WithPrefix()),
		}}
		var ops []clientv3.Op
		headed := map[string]bool{}
		for _, m := range pending { // in ID order: a lane's first is its head
			lane := m.Lane()
			ops = append(ops, clientv3.OpPut(s.laneKey(lane, m.ID), string(m.Kind)))
			if !headed[lane] {
				headed[lane] = true
				ops = append(ops, clientv3.OpPut(s.dueKey(m), lane))
			}
		}
		ops = append(ops, clientv3.OpPut(s.k(bMeta, keyOutboxIndexed), u64(1)))
		for lo := 0; lo < len(ops); lo += s.maxOps {
			chunks = append(chunks, ops[lo:min(lo+s.maxOps, len(ops))])
		}
		guard := []clientv3.Cmp{mu.IsOwner(), clientv3.Compare(clientv3.ModRevision(s.bucketPrefix(bOutbox)), "<", rev+1).WithPrefix()}
		built := true
		for _, chunk := range chunks {
			r, err := s.cli.Txn(ctx).If(guard...).Then(chunk...).Commit()
			if err != nil {
				return fmt.Errorf("build the outbox index: %w", err)
			}
			if built = r.Succeeded; !built {
				break
			}
		}
		if built {
			return nil
		}
		again = true // the outbox moved on: what was written is stale
	}
	return fmt.Errorf("build the outbox index: the outbox kept changing (%d attempts): %w", buildAttempts, errConflict)
}

// CheckOutboxIndex compares the due index with the pending messages, all
// read at one revision, and says what differs: every pending message in
// its lane's index with its kind and nothing else there, and exactly each
// lane's first message (by ID) in the due index, under its urgency and
// due time.
func (s *Store) CheckOutboxIndex(ctx context.Context) ([]string, error) {
	resp, err := s.cli.Get(ctx, s.k(bMeta, keyOutboxIndexed))
	if err != nil {
		return nil, fmt.Errorf("check the outbox index: %w", err)
	}
	if len(resp.Kvs) == 0 {
		return []string{"the outbox's due index is not built (meta " + keyOutboxIndexed + " missing)"}, nil
	}
	rev := resp.Header.Revision
	read := func(b string) (map[string]string, error) {
		kvs, _, err := s.list(ctx, s.bucketPrefix(b), 0, rev)
		if err != nil {
			return nil, fmt.Errorf("check the outbox index: %w", err)
		}
		m := make(map[string]string, len(kvs))
		for _, kv := range kvs {
			m[s.bucketPrefix(b)+kv.Key] = kv.Value
		}
		return m, nil
	}
	kvs, _, err := s.list(ctx, s.bucketPrefix(bOutboxPending), 0, rev)
	if err != nil {
		return nil, fmt.Errorf("check the outbox index: %w", err)
	}
	pending, err := decodeAll[conversations.OutboxMessage](kvs)
	if err != nil {
		return nil, fmt.Errorf("check the outbox index: %w", err)
	}
	lanes, err := read(bOutboxLanes)
	if err != nil {
		return nil, err
	}
	due, err := read(bOutboxDue)
	if err != nil {
		return nil, err
	}
	var problems []string
	headed := map[string]bool{}
	for _, m := range pending {
		lane := m.Lane()
		k := s.laneKey(lane, m.ID)
		if kind, ok := lanes[k]; !ok {
			problems = append(problems, fmt.Sprintf("pending outbox message %d is not in its lane's index", m.ID))
		} else if kind != string(m.Kind) {
			problems = append(problems, fmt.Sprintf("the lane index has outbox message %d as %q, it is %q", m.ID, kind, m.Kind))
		}
		delete(lanes, k)
		if headed[lane] {
			continue
		}
		headed[lane] = true
		dk := s.dueKey(m)
		if l, ok := due[dk]; !ok {
			problems = append(problems, fmt.Sprintf("outbox message %d heads its lane but is not in the due index under its urgency and due time", m.ID))
		} else if l != lane {
			problems = append(problems, fmt.Sprintf("the due index has outbox message %d in lane %q, it is in %q", m.ID, l, lane))
		}
		delete(due, dk)
	}
	for _, k := range slices.Sorted(maps.Keys(lanes)) {
		problems = append(problems, fmt.Sprintf("the lane index lists outbox message %d, which is not pending", seqOf(k)))
	}
	for _, k := range slices.Sorted(maps.Keys(due)) {
		problems = append(problems, fmt.Sprintf("the due index has outbox message %d (lane %q), which heads no lane", seqOf(k), strings.ReplaceAll(due[k], "\x00", "/")))
	}
	return problems, nil
}

// readOps runs read-only ops in transactions of at most maxOps and
// returns each op's keys, in order.
func (s *Store) readOps(ctx context.Context, ops []clientv3.Op) ([][]*mvccpb.KeyValue, error) {
	out := make([][]*mvccpb.KeyValue, 0, len(ops))
	for lo := 0; lo < len(ops); lo += s.maxOps {
		hi := min(lo+s.maxOps, len(ops))
		resp, err := s.cli.Txn(ctx).Then(ops[lo:hi]...).Commit()
		if err != nil {
			return nil, fmt.Errorf("read %d ranges: %w", hi-lo, err)
		}
		for _, r := range resp.Responses {
			out = append(out, r.GetResponseRange().Kvs)
		}
	}
	return out, nil
}
