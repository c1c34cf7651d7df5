package etcdstore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// The read cache keeps the last known value and mod revision of keys this
// Store read or wrote, so that a transaction need not ask etcd again for
// what the process itself wrote a moment ago (a chat's session, a case, a
// sequence). It is never trusted: a transaction records every cached read
// with its mod revision, and the commit's compares hold only if each key
// is still at that revision, so a stale entry (another replica wrote the
// key) makes the commit fail; the failed Txn's Else branch reads the
// current values of every key read, which replace the stale entries, and
// the batch runs again. A transaction that writes nothing but read a
// cached value is checked the same way by a read-only Txn (txn.commit).
//
// Plain reads outside transactions (Session, Case, ...) always ask etcd,
// and note what they got.

// cacheBytes bounds the cache; past it, entries are dropped at random.
const cacheBytes = 32 << 20

type cached struct {
	val   string
	found bool
	mod   int64 // mod revision; 0 for a missing key
	asOf  int64 // the store revision this was known at
}

type readCache struct {
	mu    sync.Mutex
	m     map[string]cached
	bytes int
}

// lookup returns the cached state of key.
func (c *readCache) lookup(key string) (cached, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	return e, ok
}

// note records key's state as of revision asOf, unless a later one is
// known.
func (c *readCache) note(key string, e cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cached{}
	}
	old, ok := c.m[key]
	if ok && old.asOf > e.asOf {
		return
	}
	if ok {
		c.bytes -= len(key) + len(old.val)
	}
	c.m[key] = e
	c.bytes += len(key) + len(e.val)
	for k, v := range c.m { // map order is random enough to evict by
		if c.bytes <= cacheBytes {
			break
		}
		delete(c.m, k)
		c.bytes -= len(k) + len(v.val)
	}
}

// forget drops keys, whose state is unknown (a commit whose outcome is
// not known).
func (c *readCache) forget(keys []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		if old, ok := c.m[k]; ok {
			c.bytes -= len(k) + len(old.val)
			delete(c.m, k)
		}
	}
}

// noteGet records the answer to a single-key Get.
func (c *readCache) noteGet(key string, resp *clientv3.GetResponse) {
	e := cached{asOf: resp.Header.Revision}
	if len(resp.Kvs) > 0 {
		e.val, e.found, e.mod = string(resp.Kvs[0].Value), true, resp.Kvs[0].ModRevision
	}
	c.note(key, e)
}

// Counts are the etcd requests a Store made, for `refundbot load`.
type Counts struct {
	Calls     int64 // changes asked of update
	Batches   int64 // group commits run (attempts included)
	Txns      int64 // Txns that wrote (one a batch attempt with writes)
	Checks    int64 // read-only Txns checking the cached reads of a batch that wrote nothing
	Conflicts int64 // commits that failed a compare and ran again
	Gets      int64 // single-key Gets inside transactions (cache misses)
	Cached    int64 // reads inside transactions served by the cache
}

type counters struct {
	calls, batches, txns, checks, conflicts, gets, cached atomic.Int64
}

// Counts returns the requests made so far.
func (s *Store) Counts() Counts {
	c := &s.counts
	return Counts{Calls: c.calls.Load(), Batches: c.batches.Load(), Txns: c.txns.Load(), Checks: c.checks.Load(),
		Conflicts: c.conflicts.Load(), Gets: c.gets.Load(), Cached: c.cached.Load()}
}

// prefetch runs the functions of a batch at once, before the batch runs
// them one after the other, only to bring what they read into the cache:
// concurrent Gets are in flight together, where the batch would wait for
// each in turn. Their writes and results are dropped; each function runs
// again in the batch (they reset their outputs; see update).
func (s *Store) prefetch(ctx context.Context, batch []*call) {
	if len(batch) < 2 {
		return
	}
	pre := &txn{s: s, ctx: ctx, pre: &inflight{m: map[string]chan struct{}{}}}
	var wg sync.WaitGroup
	for _, c := range batch {
		if c.warmed {
			continue // a call left over from a batch before: once is enough
		}
		c.warmed = true
		wg.Go(func() {
			_ = c.fn(&txn{s: s, ctx: ctx, parent: pre, writes: map[string]write{}})
		})
	}
	wg.Wait()
}

// inflight dedupes the prefetch's Gets of one key.
type inflight struct {
	mu sync.Mutex
	m  map[string]chan struct{}
}

// prefetchGet brings key into the cache (once per prefetch) and returns
// what the cache holds for it.
func (t *txn) prefetchGet(key string) (string, bool, error) {
	t.pre.mu.Lock()
	wait, busy := t.pre.m[key]
	if !busy {
		wait = make(chan struct{})
		t.pre.m[key] = wait
	}
	t.pre.mu.Unlock()
	if busy {
		<-wait
	} else if _, ok := t.s.cache.lookup(key); !ok {
		resp, err := t.s.cli.Get(t.ctx, key)
		t.s.counts.gets.Add(1)
		if err == nil {
			t.s.cache.noteGet(key, resp)
		}
		close(wait)
		if err != nil {
			return "", false, fmt.Errorf("get %q: %w", key, err)
		}
	} else {
		close(wait)
	}
	e, _ := t.s.cache.lookup(key)
	return e.val, e.found, nil
}

// warm brings the keys the cache lacks into it, with one Txn of Gets per
// maxOps keys (all at one revision): a function that reads many keys one
// after the other (SaveInbounds) then waits for one round trip, not one a
// key. It only reads; the transaction still records and checks each key.
func (s *Store) warm(ctx context.Context, keys []string) error {
	var miss []string
	for _, k := range keys {
		if _, ok := s.cache.lookup(k); !ok {
			miss = append(miss, k)
		}
	}
	for lo := 0; lo < len(miss); lo += s.maxOps {
		hi := min(lo+s.maxOps, len(miss))
		ops := make([]clientv3.Op, 0, hi-lo)
		for _, k := range miss[lo:hi] {
			ops = append(ops, clientv3.OpGet(k))
		}
		resp, err := s.cli.Txn(ctx).Then(ops...).Commit()
		s.counts.checks.Add(1)
		if err != nil {
			return fmt.Errorf("get %d keys: %w", hi-lo, err)
		}
		for i, r := range resp.Responses {
			e := cached{asOf: resp.Header.Revision}
			if kvs := r.GetResponseRange().Kvs; len(kvs) > 0 {
				e.val, e.found, e.mod = string(kvs[0].Value), true, kvs[0].ModRevision
			}
			s.cache.note(miss[lo+i], e)
		}
	}
	return nil
}
