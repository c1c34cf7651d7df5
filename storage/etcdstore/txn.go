package etcdstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/conversations"
)

// ErrTooLarge is a transaction over the cluster's operation limit.
var ErrTooLarge = errors.New("transaction over etcd's --max-txn-ops")

// errConflict is a lost optimistic race after every retry.
var errConflict = errors.New("etcd transaction kept conflicting")

// errCheckTooLarge: a batch that wrote nothing read more keys than one
// read-only Txn can check; commitBatch runs it again on one snapshot.
var errCheckTooLarge = errors.New("too many reads to check in one Txn")

// maxAttempts bounds the retries of a conflicting commit.
const maxAttempts = 100

// batchTimeout bounds one attempt of a batch, so that a cluster without
// quorum fails the calls instead of holding the queue for ever.
const batchTimeout = 30 * time.Second

// txn is one optimistic transaction. Every read is remembered with its
// mod revision; writes are buffered and committed by one Txn that holds
// only if nothing read has changed since, so the rules decide on the state
// at the commit, also when they refuse (a batch that wrote nothing but
// read from the cache or at several revisions is checked by a read-only
// Txn). A read sees the transaction's own writes first, then the cache
// (cache.go), then etcd. A range read (scan) does not see buffered
// writes; it guards its range against changed or new keys.
//
// A txn is either a batch (the root, which commits) or one caller's part
// of a batch (parent set): its writes join the batch when its function
// succeeds and are dropped when it fails; its reads are the batch's.
type txn struct {
	s      *Store
	ctx    context.Context
	parent *txn
	writes map[string]write
	order  []string
	// Root only:
	rev      int64     // the revision of the first read from etcd; 0 until then
	mixed    bool      // a read came from the cache or from another revision than rev
	pre      *inflight // set on the prefetch's root (cache.go), which records nothing
	snapshot bool      // read etcd at one revision, not the cache (see errCheckTooLarge)
	// A group of a batch (commitBatch):
	prior     *txn   // the batch's previous group
	depends   bool   // the running call touched an earlier group's writes
	mark      [2]int // reads and ranges before the running call
	calls     []*call
	results   []error
	reads     map[string]int64 // key → mod revision read (0: missing)
	readOrder []string
	ranges    []clientv3.Cmp
	guarded   []string // the prefix of each of ranges
}

type write struct {
	val string
	del bool
}

// call is one caller's function waiting for a batch.
type call struct {
	fn       func(*txn) error
	done     chan error
	attempts int  // commits lost to a race so far
	snapshot bool // run alone on one snapshot (errCheckTooLarge)
	warmed   bool // its reads were prefetched once (cache.go)
}

// update runs fn in a transaction and commits it. Concurrent calls of one
// Store are grouped into one etcd Txn (group commit, as bbolt's Batch):
// one batch runs at a time, each function on the state its predecessors
// in the batch left, so callers of one process never conflict with each
// other; a commit that conflicts with another process runs the whole
// batch again. fn must therefore reset its outputs every time and have no
// effect outside the transaction. An error from fn drops its writes only.
func (s *Store) update(ctx context.Context, op string, fn func(*txn) error) error {
	c := &call{fn: fn, done: make(chan error, 1)}
	s.bmu.Lock()
	s.queue = append(s.queue, c)
	start := !s.running
	s.running = true
	s.bmu.Unlock()
	if start {
		go s.runBatches(context.WithoutCancel(ctx))
	}
	select {
	case err := <-c.done:
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		return nil
	case <-ctx.Done():
		// The batch may still commit it, as a network error might.
		return fmt.Errorf("%s: %w: %w", op, conversations.ErrOutcomeUnknown, ctx.Err())
	}
}

// runBatches commits the queue batch after batch until it is empty.
func (s *Store) runBatches(ctx context.Context) {
	for {
		s.bmu.Lock()
		batch := s.queue
		s.queue = nil
		if len(batch) == 0 {
			s.running = false
			s.bmu.Unlock()
			return
		}
		s.bmu.Unlock()
		if again := s.commitBatch(ctx, batch); len(again) > 0 {
			s.bmu.Lock()
			s.queue = append(again, s.queue...)
			s.bmu.Unlock()
		}
	}
}

// maxGroups bounds the Txns one batch commits at once.
const maxGroups = 16

// commitBatch runs the calls of batch in order and commits what they
// wrote, answering each; it returns the calls to run again in the next
// batch.
//
// etcd's --max-txn-ops (128) holds only a few calls' writes (a step
// writes about six keys, a decision about sixteen), so one Txn at a time
// would make a burst of calls wait for one quorum commit after another.
// The batch is therefore cut into groups of calls, each group one Txn
// within the limits, and the groups' Txns are in flight together (etcd
// commits concurrent proposals with one fsync). A group's Txn must not
// depend on an earlier group's, which may fail and whose order of
// arrival is not known: a call that reads or writes a key an earlier
// group of the batch wrote, or writes one it read, waits for the next
// batch. The outbox sequence (seq/outbox) is such a key: every change
// that sends a message waits for the group that first advanced it, so
// only changes that enqueue nothing (delivery marks, saved updates) and
// one group of those that do commit together.
func (s *Store) commitBatch(ctx context.Context, batch []*call) (again []*call) {
	s.counts.batches.Add(1)
	actx, cancel := context.WithTimeout(ctx, batchTimeout)
	defer cancel()
	if batch[0].snapshot {
		// Read too much to check in one Txn: alone, on one snapshot.
		return append(s.commitGroups(actx, []*txn{s.runAlone(actx, batch[0])}), batch[1:]...)
	}
	s.prefetch(actx, batch)
	var groups []*txn
	cur := s.newRoot(actx, nil)
	var rest []*call
	for i, c := range batch {
		if c.attempts == 0 {
			s.counts.calls.Add(1)
		}
		if c.snapshot {
			rest = append(rest, c)
			continue
		}
		part, err, dep := cur.run(c)
		if !dep && len(cur.calls) > 0 && cur.over(part) {
			cur.unwind()
			if len(groups)+1 >= maxGroups {
				rest = append(rest, batch[i:]...)
				break
			}
			groups = append(groups, cur)
			cur = s.newRoot(actx, cur)
			part, err, dep = cur.run(c)
		}
		if dep {
			// It waits for the next batch, and so do the calls after it:
			// the batch would run them again and again otherwise.
			cur.unwind()
			rest = append(rest, batch[i:]...)
			break
		}
		if err == nil {
			for _, k := range part.order {
				cur.set(k, part.writes[k])
			}
		}
		cur.calls = append(cur.calls, c)
		cur.results = append(cur.results, err)
	}
	if len(cur.calls) > 0 {
		groups = append(groups, cur)
	}
	return append(s.commitGroups(actx, groups), rest...)
}

// runAlone runs c in a group of its own that reads one snapshot.
func (s *Store) runAlone(ctx context.Context, c *call) *txn {
	g := s.newRoot(ctx, nil)
	g.snapshot = true
	part, err, _ := g.run(c)
	if err == nil {
		for _, k := range part.order {
			g.set(k, part.writes[k])
		}
	}
	g.calls, g.results = []*call{c}, []error{err}
	return g
}

// commitGroups commits the groups' Txns at once and answers their calls;
// it returns the calls of the groups that lost a race, to run again.
func (s *Store) commitGroups(ctx context.Context, groups []*txn) (again []*call) {
	oks, errs := make([]bool, len(groups)), make([]error, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		if i == len(groups)-1 {
			oks[i], errs[i] = g.commit()
			continue
		}
		wg.Go(func() { oks[i], errs[i] = g.commit() })
	}
	wg.Wait()
	tries := 0
	for i, g := range groups {
		switch {
		case errors.Is(errs[i], errCheckTooLarge):
			for _, c := range g.calls {
				c.snapshot = true
				again = append(again, c)
			}
		case errs[i] != nil || oks[i]:
			for j, c := range g.calls {
				r := g.results[j]
				switch {
				case errs[i] != nil && r == nil && len(g.order) > 0:
					r = commitOutcome(errs[i]) // it may have committed (outcome.go)
				case errs[i] != nil:
					r = errs[i]
				}
				c.done <- r
			}
		default:
			// Lost a race with another process, or with an earlier group
			// that failed, or read a stale cache entry (now refreshed):
			// run again on the new state.
			s.counts.conflicts.Add(1)
			for _, c := range g.calls {
				if c.attempts++; c.attempts >= maxAttempts {
					c.done <- errConflict
					continue
				}
				tries = max(tries, c.attempts)
				again = append(again, c)
			}
		}
	}
	if tries > 0 {
		// Wait a little, more as the attempts grow.
		time.Sleep(time.Duration(rand.IntN(min(tries, 20))+1) * 500 * time.Microsecond)
	}
	return again
}

// newRoot starts a group after prior (nil for the first of a batch).
func (s *Store) newRoot(ctx context.Context, prior *txn) *txn {
	return &txn{s: s, ctx: ctx, prior: prior, reads: map[string]int64{}, writes: map[string]write{}}
}

// run runs c's function in a part of root t and reports whether it
// depends on an earlier group (see commitBatch); unwind forgets what the
// last run read.
func (t *txn) run(c *call) (part *txn, err error, dep bool) {
	t.mark = [2]int{len(t.readOrder), len(t.ranges)}
	t.depends = false
	part = &txn{s: t.s, ctx: t.ctx, parent: t, writes: map[string]write{}}
	err = c.fn(part)
	dep = t.depends
	for p := t.prior; p != nil && !dep; p = p.prior {
		for _, k := range part.order {
			_, wrote := p.writes[k]
			_, read := p.reads[k]
			if wrote || read {
				dep = true
				break
			}
		}
	}
	return part, err, dep
}

func (t *txn) unwind() {
	for _, k := range t.readOrder[t.mark[0]:] {
		delete(t.reads, k)
	}
	t.readOrder, t.ranges, t.guarded = t.readOrder[:t.mark[0]], t.ranges[:t.mark[1]], t.guarded[:t.mark[1]]
}

// priorWrite returns what an earlier group of the batch wrote to key.
func (t *txn) priorWrite(key string) (write, bool) {
	for p := t.prior; p != nil; p = p.prior {
		if w, ok := p.writes[key]; ok {
			return w, true
		}
	}
	return write{}, false
}

// over reports whether the root's writes and compares with part's writes
// would pass the cluster's operation limit, or maxBatchBytes.
func (t *txn) over(part *txn) bool {
	writes, size := len(t.order), 0
	for _, k := range t.order {
		if _, ok := part.writes[k]; !ok {
			size += len(k) + len(t.writes[k].val)
		}
	}
	for _, k := range part.order {
		if _, ok := t.writes[k]; !ok {
			writes++
		}
		size += len(k) + len(part.writes[k].val)
	}
	for _, k := range t.readOrder {
		size += len(k)
	}
	return writes > t.s.maxOps || len(t.reads)+len(t.ranges) > t.s.maxOps || size > maxBatchBytes
}

// maxBatchBytes keeps a group commit's request well under etcd's default
// --max-request-bytes of 1.5 MiB.
const maxBatchBytes = 1 << 20

// get reads key: from the transaction's own writes, then its batch's,
// then the cache, then etcd.
func (t *txn) get(key string) (string, bool, error) {
	if w, ok := t.writes[key]; ok {
		return w.val, !w.del, nil
	}
	if t.parent != nil {
		return t.parent.get(key)
	}
	if t.pre != nil {
		return t.prefetchGet(key)
	}
	if t.snapshot {
		return t.snapshotGet(key)
	}
	if w, ok := t.priorWrite(key); ok {
		t.depends = true
		return w.val, !w.del, nil
	}
	if rev, seen := t.reads[key]; seen {
		// Read before in this batch: the same version (nothing else
		// wrote it since, or the commit fails).
		if e, ok := t.s.cache.lookup(key); ok && e.mod == rev {
			return e.val, e.found, nil
		}
	}
	if e, ok := t.s.cache.lookup(key); ok {
		t.s.counts.cached.Add(1)
		t.mixed = true
		t.record(key, e.mod)
		return e.val, e.found, nil
	}
	resp, err := t.s.cli.Get(t.ctx, key)
	t.s.counts.gets.Add(1)
	if err != nil {
		return "", false, fmt.Errorf("get %q: %w", key, err)
	}
	t.s.cache.noteGet(key, resp)
	if t.rev == 0 {
		t.rev = resp.Header.Revision
	} else if t.rev != resp.Header.Revision {
		t.mixed = true
	}
	var val string
	var rev int64
	found := len(resp.Kvs) > 0
	if found {
		val, rev = string(resp.Kvs[0].Value), resp.Kvs[0].ModRevision
	}
	t.record(key, rev)
	return val, found, nil
}

// snapshotGet reads key from etcd at the revision of the transaction's
// first read, as every read of a snapshot transaction does.
func (t *txn) snapshotGet(key string) (string, bool, error) {
	var opts []clientv3.OpOption
	if t.rev > 0 {
		opts = append(opts, clientv3.WithRev(t.rev))
	}
	resp, err := t.s.cli.Get(t.ctx, key, opts...)
	t.s.counts.gets.Add(1)
	if err != nil {
		return "", false, fmt.Errorf("get %q: %w", key, err)
	}
	if t.rev == 0 {
		t.rev = resp.Header.Revision
	}
	var val string
	var rev int64
	found := len(resp.Kvs) > 0
	if found {
		val, rev = string(resp.Kvs[0].Value), resp.Kvs[0].ModRevision
	}
	t.record(key, rev)
	return val, found, nil
}

// record remembers the first version of key read, for the commit's
// compares.
func (t *txn) record(key string, mod int64) {
	if _, seen := t.reads[key]; !seen {
		t.reads[key] = mod
		t.readOrder = append(t.readOrder, key)
	}
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

func (t *txn) set(key string, w write) {
	if _, ok := t.writes[key]; !ok {
		t.order = append(t.order, key)
	}
	t.writes[key] = w
}

func (t *txn) put(key, val string) { t.set(key, write{val: val}) }

func (t *txn) putJSON(key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %q: %w", key, err)
	}
	t.put(key, string(data))
	return nil
}

func (t *txn) del(key string) { t.set(key, write{del: true}) }

// scan reads every key under prefix (up to limit keys when limit > 0) at
// the snapshot and guards the range: the commit fails if a key in it
// changed or appeared since. It does not see buffered writes.
func (t *txn) scan(prefix string, limit int64) ([]keyValue, error) {
	if t.parent != nil {
		return t.parent.scan(prefix, limit)
	}
	if t.pre != nil {
		kvs, _, err := t.s.list(t.ctx, prefix, limit, 0)
		return kvs, err
	}
	for p := t.prior; p != nil; p = p.prior {
		for k := range p.writes {
			if strings.HasPrefix(k, prefix) {
				t.depends = true
			}
		}
	}
	kvs, rev, err := t.s.list(t.ctx, prefix, limit, t.rev)
	if err != nil {
		return nil, err
	}
	if t.rev != 0 && t.rev != rev {
		t.mixed = true
	}
	t.rev = rev
	t.guard(prefix)
	return kvs, nil
}

// guard makes the root's commit fail if a key under prefix changed or
// appeared since the snapshot (once per prefix). A key deleted is not
// seen by such a compare: a reader that relies on a key's presence reads
// it with a point compare too (first).
func (t *txn) guard(prefix string) {
	for _, p := range t.guarded {
		if p == prefix {
			return
		}
	}
	t.ranges = append(t.ranges, clientv3.Compare(clientv3.ModRevision(prefix), "<", t.rev+1).WithPrefix())
	t.guarded = append(t.guarded, prefix)
}

// first returns the first key under prefix and its value as the
// transaction sees them: its own writes and its batch's over the
// snapshot. It guards what it read: the commit fails if a key appeared
// under prefix, or the key it returned changed or went, since the
// snapshot.
func (t *txn) first(prefix string) (key, val string, found bool, err error) {
	root := t
	var chain []*txn // t first: its writes win over its batch's
	for ; ; root = root.parent {
		chain = append(chain, root)
		if root.parent == nil {
			break
		}
	}
	if root.pre != nil {
		// The prefetch: a plain read of the first key, recorded nowhere.
		kvs, _, err := t.s.list(root.ctx, prefix, 1, 0)
		if err != nil || len(kvs) == 0 {
			return "", "", false, err
		}
		return prefix + kvs[0].Key, kvs[0].Value, true, nil
	}
	for p := root.prior; p != nil; p = p.prior {
		for k := range p.writes {
			if strings.HasPrefix(k, prefix) {
				root.depends = true // an earlier group of the batch changed the range
			}
		}
	}
	buffered := func(k string) (write, bool) {
		for _, x := range chain {
			if w, ok := x.writes[k]; ok {
				return w, true
			}
		}
		return write{}, false
	}
	// The first key put by the buffered writes.
	for _, x := range chain {
		for _, k := range x.order {
			if len(k) < len(prefix) || k[:len(prefix)] != prefix || (found && k >= key) {
				continue
			}
			if w, _ := buffered(k); !w.del {
				key, val, found = k, w.val, true
			}
		}
	}
	// The first key of the snapshot not deleted by a buffered write.
	end := clientv3.GetPrefixRangeEnd(prefix)
	from, page := prefix, int64(4)
	for {
		opts := []clientv3.OpOption{clientv3.WithRange(end), clientv3.WithLimit(page)}
		if root.rev > 0 {
			opts = append(opts, clientv3.WithRev(root.rev))
		}
		resp, err := t.s.cli.Get(root.ctx, from, opts...)
		if err != nil {
			return "", "", false, fmt.Errorf("range %q: %w", prefix, err)
		}
		if root.rev == 0 {
			root.rev = resp.Header.Revision
		}
		root.guard(prefix)
		for _, kv := range resp.Kvs {
			k := string(kv.Key)
			if found && k >= key {
				return key, val, true, nil
			}
			w, ok := buffered(k)
			if ok && w.del {
				continue
			}
			if _, seen := root.reads[k]; !seen {
				root.reads[k] = kv.ModRevision
				root.readOrder = append(root.readOrder, k)
			}
			if ok {
				return k, w.val, true, nil
			}
			return k, string(kv.Value), true, nil
		}
		if !resp.More || len(resp.Kvs) == 0 {
			return key, val, found, nil
		}
		from, page = string(resp.Kvs[len(resp.Kvs)-1].Key)+"\x00", min(page*4, listPage)
	}
}

// commit writes the buffered writes if nothing read has changed; ok is
// false on a conflict, after which the cache holds the current value of
// every key read (the Else branch reads them). A transaction that wrote
// nothing commits nothing; if its reads came from the cache or from
// several revisions, a read-only Txn checks that they are all current.
func (t *txn) commit() (bool, error) {
	if len(t.order) == 0 && (!t.mixed || len(t.readOrder)+len(t.ranges) == 0) {
		return true, nil
	}
	cmps := append([]clientv3.Cmp(nil), t.ranges...)
	elseOps := make([]clientv3.Op, 0, len(t.readOrder))
	for _, k := range t.readOrder {
		cmps = append(cmps, clientv3.Compare(clientv3.ModRevision(k), "=", t.reads[k]))
		elseOps = append(elseOps, clientv3.OpGet(k))
	}

	ops := make([]clientv3.Op, 0, len(t.order))
	for _, k := range t.order {
		if w := t.writes[k]; w.del {
			ops = append(ops, clientv3.OpDelete(k))
		} else {
			ops = append(ops, clientv3.OpPut(k, w.val))
		}
	}
	if len(ops) == 0 && len(cmps) > t.s.maxOps {
		return false, errCheckTooLarge
	}
	if t.s.onCommit != nil {
		size := 0
		for _, k := range t.order {
			size += len(k) + len(t.writes[k].val)
		}
		for _, k := range t.readOrder {
			size += len(k)
		}
		t.s.onCommit(len(ops), len(cmps), size)
	}
	if len(ops) > t.s.maxOps || len(cmps) > t.s.maxOps {
		return false, fmt.Errorf("%d writes and %d compares (limit %d): %w", len(ops), len(cmps), t.s.maxOps, ErrTooLarge)
	}
	if len(ops) == 0 {
		t.s.counts.checks.Add(1)
	} else {
		t.s.counts.txns.Add(1)
	}
	resp, err := t.s.cli.Txn(t.ctx).If(cmps...).Then(ops...).Else(elseOps...).Commit()
	if err != nil {
		// It may have committed or not: what it wrote is unknown now.
		t.s.cache.forget(t.order)
		return false, fmt.Errorf("commit: %w", err)
	}
	rev := resp.Header.Revision
	if !resp.Succeeded {
		for i, r := range resp.Responses {
			rr := r.GetResponseRange()
			if rr == nil || i >= len(t.readOrder) {
				continue
			}
			e := cached{asOf: rev}
			if len(rr.Kvs) > 0 {
				e.val, e.found, e.mod = string(rr.Kvs[0].Value), true, rr.Kvs[0].ModRevision
			}
			t.s.cache.note(t.readOrder[i], e)
		}
		return false, nil
	}
	for _, k := range t.order {
		if w := t.writes[k]; w.del {
			t.s.cache.note(k, cached{asOf: rev})
		} else {
			t.s.cache.note(k, cached{val: w.val, found: true, mod: rev, asOf: rev})
		}
	}
	return true, nil
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

// getJSON reads one key outside a transaction into v (from etcd, never
// the cache; the answer is noted in the cache).
func (s *Store) getJSON(ctx context.Context, key string, v any) (bool, error) {
	resp, err := s.cli.Get(ctx, key)
	if err != nil {
		return false, fmt.Errorf("get %q: %w", key, err)
	}
	s.cache.noteGet(key, resp)
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
