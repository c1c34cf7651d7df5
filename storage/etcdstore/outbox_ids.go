package etcdstore

import (
	"hash/fnv"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// Outbox IDs. One sequence for every message would be a key that every
// step and decision writes, so two commits never could be in flight
// together (txn.go's groups) and two replicas would conflict on every
// change. The ID space is instead cut into outboxShards shards by the
// message's lane (conversations.OutboxMessage.Lane): an ID is n *
// outboxShards + shard, and seq/outbox/<shard> holds the last ID given in
// its shard. A lane is in one shard, so within a lane IDs grow in commit
// order (the lane's delivery order); messages of different lanes need no
// order. n is at least the milliseconds since outboxEpoch, so IDs of
// different shards still grow with time (the urgency ties of DueHeads go
// to the older message), and above every ID of the old single sequence
// (seq/outbox, read when a shard starts).
const outboxShards = 1024

var outboxEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// nextOutboxID gives m its ID inside t.
func (s *Store) nextOutboxID(t *txn, m conversations.OutboxMessage, at time.Time) (uint64, error) {
	h := fnv.New32a()
	h.Write([]byte(m.Lane()))
	shard := uint64(h.Sum32() % outboxShards)
	key := s.k(bSeq, join(bOutbox, u64(shard)))
	v, found, err := t.get(key)
	if err != nil {
		return 0, err
	}
	if !found {
		if v, _, err = t.get(s.k(bSeq, bOutbox)); err != nil { // the old single sequence
			return 0, err
		}
	}
	var last uint64
	if len(v) == 8 {
		last = seqOf(v)
	}
	n := last/outboxShards + 1
	if ms := at.Sub(outboxEpoch).Milliseconds(); ms > 0 && uint64(ms) > n {
		n = uint64(ms)
	}
	id := n*outboxShards + shard
	t.put(key, u64(id))
	return id, nil
}
