package etcdstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// ErrTooLarge is a transaction over the cluster's operation limit.
var ErrTooLarge = errors.New("transaction over etcd's --max-txn-ops")

// errConflict is a lost optimistic race after every retry.
var errConflict = errors.New("etcd transaction kept conflicting")

// maxAttempts bounds the retries of one conflicting transaction: fifty
// identical clicks on one case need at most fifty rounds.
const maxAttempts = 200

// txn is one optimistic transaction: every read sees one snapshot (the
// revision of the first read), so the rules decide on a consistent
// state even when they refuse, and is remembered with its mod revision; writes are buffered and committed
// by one Txn that holds only if nothing read has changed since. A read
// sees the transaction's own writes first. A range read (scan) does not
// see buffered writes; it guards its range against changed or new keys.
type txn struct {
	s      *Store
	ctx    context.Context
	rev    int64            // the snapshot every read sees; 0 until the first read
	reads  map[string]int64 // key → mod revision read (0: missing)
	ranges []clientv3.Cmp
	writes map[string]write
	order  []string
}

type write struct {
	val string
	del bool
}

// update runs fn in a transaction and commits it, running fn again on a
// conflict; fn must reset its outputs every time. An error from fn
// commits nothing.
func (s *Store) update(ctx context.Context, op string, fn func(*txn) error) error {
	for attempt := 0; attempt < maxAttempts; attempt++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		t := &txn{s: s, ctx: ctx, reads: map[string]int64{}, writes: map[string]write{}}
		if err := fn(t); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		ok, err := t.commit()
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if ok {
			return nil
		}
		// Lost a race: wait a little, more as the attempts grow, so that
		// contenders spread out instead of colliding again.
		time.Sleep(time.Duration(rand.IntN(min(attempt+1, 20))+1) * 500 * time.Microsecond)
	}
	return fmt.Errorf("%s: %w", op, errConflict)
}

// get reads key, from the transaction's own writes first.
func (t *txn) get(key string) (string, bool, error) {
	if w, ok := t.writes[key]; ok {
		return w.val, !w.del, nil
	}
	var opts []clientv3.OpOption
	if t.rev > 0 {
		opts = append(opts, clientv3.WithRev(t.rev))
	}
	resp, err := t.s.cli.Get(t.ctx, key, opts...)
	if err != nil {
		return "", false, fmt.Errorf("get %q: %w", key, err)
	}
	if t.rev == 0 {
		t.rev = resp.Header.Revision
	}
	if len(resp.Kvs) == 0 {
		if _, seen := t.reads[key]; !seen {
			t.reads[key] = 0
		}
		return "", false, nil
	}
	kv := resp.Kvs[0]
	if _, seen := t.reads[key]; !seen {
		t.reads[key] = kv.ModRevision
	}
	return string(kv.Value), true, nil
}

// getJSON reads key into v; found is false for a missing key.
func (t *txn) getJSON(key string, v any) (bool, error) {
	data, found, err := t.get(key)
	if err != nil || !found {
		return false, err
	}
	if err := json.Unmarshal([]byte(data), v); err != nil {
		return true, fmt.Errorf("decode %q: %w", key, err)
	}
	return true, nil
}

func (t *txn) put(key, val string) {
	if _, ok := t.writes[key]; !ok {
		t.order = append(t.order, key)
	}
	t.writes[key] = write{val: val}
}

func (t *txn) putJSON(key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %q: %w", key, err)
	}
	t.put(key, string(data))
	return nil
}

func (t *txn) del(key string) {
	if _, ok := t.writes[key]; !ok {
		t.order = append(t.order, key)
	}
	t.writes[key] = write{del: true}
}

// scan reads every key under prefix (up to limit keys when limit > 0)
// and guards the range: the commit fails if a key in it changed or
// appeared since.
func (t *txn) scan(prefix string, limit int64) ([]keyValue, error) {
	kvs, rev, err := t.s.list(t.ctx, prefix, limit, t.rev)
	if err != nil {
		return nil, err
	}
	t.rev = rev
	t.ranges = append(t.ranges, clientv3.Compare(clientv3.ModRevision(prefix), "<", rev+1).WithPrefix())
	return kvs, nil
}

// commit writes the buffered writes if nothing read has changed; ok is
// false on a conflict. A transaction that wrote nothing commits nothing.
func (t *txn) commit() (bool, error) {
	if len(t.order) == 0 {
		return true, nil
	}
	cmps := append([]clientv3.Cmp(nil), t.ranges...)
	for k, rev := range t.reads {
		cmps = append(cmps, clientv3.Compare(clientv3.ModRevision(k), "=", rev))
	}
	ops := make([]clientv3.Op, 0, len(t.order))
	for _, k := range t.order {
		if w := t.writes[k]; w.del {
			ops = append(ops, clientv3.OpDelete(k))
		} else {
			ops = append(ops, clientv3.OpPut(k, w.val))
		}
	}
	if len(ops) > t.s.maxOps || len(cmps) > t.s.maxOps {
		return false, fmt.Errorf("%d writes and %d compares (limit %d): %w", len(ops), len(cmps), t.s.maxOps, ErrTooLarge)
	}
	resp, err := t.s.cli.Txn(t.ctx).If(cmps...).Then(ops...).Commit()
	if err != nil {
		return false, fmt.Errorf("commit: %w", err)
	}
	return resp.Succeeded, nil
}

// keyValue is one key read by a range, without the prefix.
type keyValue struct {
	Key   string // the key after the range's prefix
	Value string
}

// listPage is how many keys one range request reads.
const listPage = 500

// list reads the keys under prefix in key order at one revision (rev, or
// the latest when 0), in pages, up to limit keys when limit > 0. It
// returns the revision read.
func (s *Store) list(ctx context.Context, prefix string, limit, rev int64) ([]keyValue, int64, error) {
	var out []keyValue
	end := clientv3.GetPrefixRangeEnd(prefix)
	from := prefix
	for {
		page := int64(listPage)
		if limit > 0 && limit-int64(len(out)) < page {
			page = limit - int64(len(out))
		}
		opts := []clientv3.OpOption{clientv3.WithRange(end), clientv3.WithLimit(page)}
		if rev > 0 {
			opts = append(opts, clientv3.WithRev(rev))
		}
		resp, err := s.cli.Get(ctx, from, opts...)
		if err != nil {
			return nil, 0, fmt.Errorf("range %q: %w", prefix, err)
		}
		if rev == 0 {
			rev = resp.Header.Revision
		}
		for _, kv := range resp.Kvs {
			out = append(out, keyValue{Key: string(kv.Key[len(prefix):]), Value: string(kv.Value)})
		}
		if !resp.More || len(resp.Kvs) == 0 || (limit > 0 && int64(len(out)) >= limit) {
			return out, rev, nil
		}
		from = string(resp.Kvs[len(resp.Kvs)-1].Key) + "\x00"
	}
}

// getMany reads keys at one revision (rev, or the latest when 0), in
// transactions of at most maxOps gets; a missing key gives "" and false.
func (s *Store) getMany(ctx context.Context, keys []string, rev int64) ([]string, []bool, error) {
	vals, found := make([]string, len(keys)), make([]bool, len(keys))
	for lo := 0; lo < len(keys); lo += s.maxOps {
		hi := min(lo+s.maxOps, len(keys))
		ops := make([]clientv3.Op, 0, hi-lo)
		for _, k := range keys[lo:hi] {
			if rev > 0 {
				ops = append(ops, clientv3.OpGet(k, clientv3.WithRev(rev)))
			} else {
				ops = append(ops, clientv3.OpGet(k))
			}
		}
		resp, err := s.cli.Txn(ctx).Then(ops...).Commit()
		if err != nil {
			return nil, nil, fmt.Errorf("get %d keys: %w", hi-lo, err)
		}
		if rev == 0 {
			rev = resp.Header.Revision
		}
		for i, r := range resp.Responses {
			if kvs := r.GetResponseRange().Kvs; len(kvs) > 0 {
				vals[lo+i], found[lo+i] = string(kvs[0].Value), true
			}
		}
	}
	return vals, found, nil
}

// view reads one key outside a transaction into v.
func (s *Store) getJSON(ctx context.Context, key string, v any) (bool, error) {
	resp, err := s.cli.Get(ctx, key)
	if err != nil {
		return false, fmt.Errorf("get %q: %w", key, err)
	}
	if len(resp.Kvs) == 0 {
		return false, nil
	}
	if err := json.Unmarshal(resp.Kvs[0].Value, v); err != nil {
		return true, fmt.Errorf("decode %q: %w", key, err)
	}
	return true, nil
}

// decodeAll decodes the JSON values of kvs into a slice of T.
func decodeAll[T any](kvs []keyValue) ([]T, error) {
	out := make([]T, 0, len(kvs))
	for _, kv := range kvs {
		var v T
		if err := json.Unmarshal([]byte(kv.Value), &v); err != nil {
			return nil, fmt.Errorf("decode record: %w", err)
		}
		out = append(out, v)
	}
	return out, nil
}
