package etcdstore

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/conversations"
)

// The outbox's due index, as storage's (storage/outbox_due.go): what a
// delivery pass reads instead of every pending message.
//
//	outbox_lanes/ uvarint(len(lane)) lane be(id) → kind
//	              every pending message, by lane, in ID order
//	outbox_due/   u8(urgency) be(next_at nanos) be(id) → lane
//	              only each lane's head (its oldest pending message)
//
// The lane is length-prefixed so that no lane's keys fall under another
// lane's prefix. Both are written in the Txn of every outbox write
// (enqueue, and settle: sent, retry, attempt, failed), which reads what
// it relies on under the transaction's guards, so two replicas changing
// one lane conflict and one runs again. A pass reads outbox_due in key
// order, urgency by urgency (the first page of each in one request), up
// to now and the limit, then reads only those heads (and, for a card, its
// lane's later updates, which it covers; for a thread, whether its card
// is posted) in one more request.
// The order and the collapse of card updates are conversations.DueHeads'
// rules; storetest.TestDueOutbox holds the index to its answers.

const (
	bOutboxLanes = "outbox_lanes"
	bOutboxDue   = "outbox_due"
	// keyOutboxIndexed (in meta) marks a prefix whose pending messages
	// are indexed; keyOutboxIndexLock is the lock of the one who builds
	// the index (Open, Load).
	keyOutboxIndexed   = "outbox_due_indexed"
	keyOutboxIndexLock = "outbox_due_build"
)

// lanePrefix is the prefix of the lane index keys of lane.
func (s *Store) lanePrefix(lane string) string {
	return s.k(bOutboxLanes, string(binary.AppendUvarint(nil, uint64(len(lane))))+lane)
}

func (s *Store) laneKey(lane string, id uint64) string { return s.lanePrefix(lane) + u64(id) }

// dueNanos is t as the due index orders it: nanoseconds since 1970,
// clamped to int64's range.
func dueNanos(t time.Time) uint64 {
	switch {
	case t.Before(time.Unix(0, 0)):
		return 0
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return uint64(t.UnixNano())
}

func (s *Store) dueKey(m conversations.OutboxMessage) string {
	return s.k(bOutboxDue, string([]byte{byte(m.Urgency())})+u64(dueNanos(m.NextAt))+u64(m.ID))
}

// indexPending adds m, just enqueued (its ID the highest), to the index:
// it heads its lane if the lane was empty.
func (s *Store) indexPending(t *txn, m conversations.OutboxMessage) error {
	lane := m.Lane()
	_, _, busy, err := t.first(s.lanePrefix(lane))
	if err != nil {
		return err
	}
	t.put(s.laneKey(lane, m.ID), string(m.Kind))
	if !busy {
		t.put(s.dueKey(m), lane)
	}
	return nil
}

// reindex keeps the index in step with a pending message that changed
// from was to m: a head due at another time moves; a message settled
// leaves its lane, and if it was the head the lane's next message becomes
// the head.
func (s *Store) reindex(t *txn, was, m conversations.OutboxMessage) error {
	lane, wasKey := was.Lane(), s.dueKey(was)
	_, head, err := t.get(wasKey)
	if err != nil {
		return err
	}
	if m.State == conversations.OutboxPending {
		if head && s.dueKey(m) != wasKey {
			t.del(wasKey)
			t.put(s.dueKey(m), lane)
		}
		return nil
	}
	t.del(s.laneKey(lane, m.ID))
	if !head {
		return nil // a covered update: the head stays
	}
	t.del(wasKey)
	k, _, found, err := t.first(s.lanePrefix(lane))
	if err != nil || !found {
		return err
	}
	var next conversations.OutboxMessage
	if ok, err := t.getJSON(s.k(bOutbox, u64(seqOf(k))), &next); err != nil || !ok {
		return fmt.Errorf("outbox message %d of lane index: found %v, %w", seqOf(k), ok, err)
	}
	t.put(s.dueKey(next), lane)
	return nil
}

// DueOutbox returns the due heads of the outbox's lanes, most urgent
// first (Urgency, then ID), at most limit: conversations.DueHeads' answer
// over the pending messages, read from the due index. When more heads are
// due than limit, within an urgency those due longest go first.
func (s *Store) DueOutbox(ctx context.Context, now time.Time, limit int) ([]conversations.OutboxMessage, error) {
	page := int64(listPage)
	if limit > 0 {
		page = min(page, int64(limit))
	}
	// The first page of each urgency, in one request.
	var ops []clientv3.Op
	var ends []string
	for u := range byte(3) {
		from, end := s.k(bOutboxDue, string([]byte{u})), s.k(bOutboxDue, string([]byte{u})+u64(dueNanos(now)+1))
		ops = append(ops, clientv3.OpGet(from, clientv3.WithRange(end), clientv3.WithLimit(page)))
		ends = append(ends, end)
	}
	first, err := s.cli.Txn(ctx).Then(ops...).Commit()
	if err != nil {
		return nil, fmt.Errorf("due outbox: %w", err)
	}
	rev := first.Header.Revision
	out := []conversations.OutboxMessage{}
	for u := 0; u < 3 && (limit <= 0 || len(out) < limit); u++ {
		var batch []conversations.OutboxMessage
		r := first.Responses[u].GetResponseRange()
		kvs, more := r.Kvs, r.More
		for {
			if limit > 0 && len(kvs) > limit-len(out)-len(batch) {
				kvs, more = kvs[:limit-len(out)-len(batch)], true
			}
			heads, err := s.loadHeads(ctx, rev, kvs)
			if err != nil {
				return nil, fmt.Errorf("due outbox: %w", err)
			}
			batch = append(batch, heads...)
			if !more || len(kvs) == 0 || (limit > 0 && len(out)+len(batch) >= limit) {
				break
			}
			// Threads waiting for their cards were left out: read on.
			if limit > 0 {
				page = min(int64(listPage), int64(limit-len(out)-len(batch)))
			}
			resp, err := s.cli.Get(ctx, string(kvs[len(kvs)-1].Key)+"\x00", clientv3.WithRange(ends[u]), clientv3.WithLimit(page), clientv3.WithRev(rev))
			if err != nil {
				return nil, fmt.Errorf("due outbox: %w", err)
			}
			kvs, more = resp.Kvs, resp.More
		}
		slices.SortFunc(batch, func(a, b conversations.OutboxMessage) int { return cmp.Compare(a.ID, b.ID) })
		out = append(out, batch...)
	}
	return out, nil
}

// loadHeads reads, at rev, the messages of the due index entries kvs
// (key → lane) with what DueHeads' rules need: a card head's later
// updates (its Covers) and, for a thread head, whether its case's card
// waits to be posted (then the thread waits too, and is left out). It
// reads them in as few requests as etcd's operation limit allows.
func (s *Store) loadHeads(ctx context.Context, rev int64, kvs []*mvccpb.KeyValue) ([]conversations.OutboxMessage, error) {
	type head struct {
		id         uint64
		lane       string
		msg, extra int // indexes in ops; extra -1 when none
	}
	threadLane, cardLane := string(conversations.Slack)+"\x00thread\x00", string(conversations.Slack)+"\x00card\x00"
	var ops []clientv3.Op
	heads := make([]head, 0, len(kvs))
	for _, kv := range kvs {
		h := head{id: seqOf(string(kv.Key)), lane: string(kv.Value), msg: len(ops), extra: -1}
		ops = append(ops, clientv3.OpGet(s.k(bOutbox, u64(h.id)), clientv3.WithRev(rev)))
		if caseID, ok := strings.CutPrefix(h.lane, threadLane); ok {
			h.extra = len(ops)
			ops = append(ops, clientv3.OpGet(s.lanePrefix(conversations.CardLane(caseID)), clientv3.WithPrefix(), clientv3.WithLimit(1), clientv3.WithRev(rev)))
		} else if strings.HasPrefix(h.lane, cardLane) {
			h.extra = len(ops)
			ops = append(ops, clientv3.OpGet(s.laneKey(h.lane, h.id+1), clientv3.WithRange(clientv3.GetPrefixRangeEnd(s.lanePrefix(h.lane))),
				clientv3.WithKeysOnly(), clientv3.WithRev(rev)))
		}
		heads = append(heads, h)
	}
	resps, err := s.readOps(ctx, ops)
	if err != nil {
		return nil, err
	}
	out := make([]conversations.OutboxMessage, 0, len(heads))
	for _, h := range heads {
		got := resps[h.msg]
		if len(got) == 0 {
			return nil, fmt.Errorf("the due index names outbox message %d, which is not there", h.id)
		}
		var m conversations.OutboxMessage
		if err := json.Unmarshal(got[0].Value, &m); err != nil {
			return nil, fmt.Errorf("outbox message %d: %w", h.id, err)
		}
		m.Covers = nil
		switch m.Kind {
		case conversations.OutSlackThread, conversations.OutSlackUpload:
			if m.CaseID == "" {
				break
			}
			var first []*mvccpb.KeyValue
			if h.extra >= 0 && h.lane == threadLane+m.CaseID {
				first = resps[h.extra]
			} else {
				r, err := s.cli.Get(ctx, s.lanePrefix(conversations.CardLane(m.CaseID)), clientv3.WithPrefix(), clientv3.WithLimit(1), clientv3.WithRev(rev))
				if err != nil {
					return nil, err
				}
				first = r.Kvs
			}
			if len(first) > 0 && string(first[0].Value) == string(conversations.OutSlackCard) {
				continue // a case's thread waits for its card
			}
		case conversations.OutSlackCard, conversations.OutSlackCardUpdate:
			if h.extra >= 0 && h.lane == conversations.CardLane(m.CaseID) {
				for _, kv := range resps[h.extra] {
					m.Covers = append(m.Covers, seqOf(string(kv.Key)))
				}
			}
		}
		out = append(out, m)
	}
	return out, nil
}
