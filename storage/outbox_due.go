package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// The outbox's due index: what a delivery pass reads instead of every
// pending message.
//
//	outbox_lanes  lane 0 be(id) → kind     every pending message, by lane
//	outbox_due    u8(urgency) be(next_at) be(id) → lane
//	              only each lane's head (its oldest pending message)
//
// A pass reads outbox_due in order of urgency and then of when each head
// is due, up to now and the limit, and reads only those heads (and, for a
// card, its lane's later updates, which it covers; for a thread, whether
// its card is posted). The lane order and the collapse of card updates
// are conversations.DueHeads' rules; TestDueIndexMatchesDueHeads holds
// the two to the same answers.

var (
	bOutboxLanes = []byte("outbox_lanes")
	bOutboxDue   = []byte("outbox_due")
	// keyOutboxIndexed marks a file whose pending messages are indexed.
	keyOutboxIndexed = []byte("outbox_due_indexed")
)

func laneKey(lane string, id uint64) []byte { return join(lane, u64(id)) }

func laneOf(lane string) []byte { return append([]byte(lane), 0) }

func dueKey(m conversations.OutboxMessage) []byte {
	k := make([]byte, 17)
	k[0] = byte(m.Urgency())
	binary.BigEndian.PutUint64(k[1:], uint64(max(m.NextAt.UnixNano(), 0)))
	binary.BigEndian.PutUint64(k[9:], m.ID)
	return k
}

// indexPending adds m, just enqueued (its ID the highest), to the index:
// it heads its lane if the lane was empty.
func indexPending(tx *bolt.Tx, m conversations.OutboxMessage) error {
	lane := m.Lane()
	lanes := tx.Bucket(bOutboxLanes)
	k, _ := lanes.Cursor().Seek(laneOf(lane))
	empty := k == nil || !bytes.HasPrefix(k, laneOf(lane))
	if err := lanes.Put(laneKey(lane, m.ID), []byte(m.Kind)); err != nil {
		return err
	}
	if !empty {
		return nil
	}
	return tx.Bucket(bOutboxDue).Put(dueKey(m), []byte(lane))
}

// reindex keeps the index in step with a pending message that changed
// from was to m: a head due at another time moves; a message settled
// leaves, and its lane's next message becomes the head.
func reindex(tx *bolt.Tx, was, m conversations.OutboxMessage) error {
	due := tx.Bucket(bOutboxDue)
	head := due.Get(dueKey(was)) != nil
	if m.State == conversations.OutboxPending {
		if !head || m.NextAt.Equal(was.NextAt) {
			return nil
		}
		if err := due.Delete(dueKey(was)); err != nil {
			return err
		}
		return due.Put(dueKey(m), []byte(m.Lane()))
	}
	lane := m.Lane()
	if err := tx.Bucket(bOutboxLanes).Delete(laneKey(lane, m.ID)); err != nil {
		return err
	}
	if !head {
		return nil // a covered update: the head stays
	}
	if err := due.Delete(dueKey(was)); err != nil {
		return err
	}
	k, _ := tx.Bucket(bOutboxLanes).Cursor().Seek(laneOf(lane))
	if k == nil || !bytes.HasPrefix(k, laneOf(lane)) {
		return nil
	}
	var next conversations.OutboxMessage
	if _, err := getJSON(tx.Bucket(bOutbox), k[len(k)-8:], &next); err != nil {
		return err
	}
	return due.Put(dueKey(next), []byte(lane))
}

// rebuildOutboxIndex builds the due index again from the pending
// messages, after a Load.
func rebuildOutboxIndex(tx *bolt.Tx) error {
	for _, name := range [][]byte{bOutboxLanes, bOutboxDue} {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	if err := tx.Bucket(bMeta).Delete(keyOutboxIndexed); err != nil {
		return err
	}
	return ensureOutboxIndex(tx)
}

// ensureOutboxIndex builds the due index once, in Open's transaction,
// for a file that predates it.
func ensureOutboxIndex(tx *bolt.Tx) error {
	meta := tx.Bucket(bMeta)
	if meta.Get(keyOutboxIndexed) != nil {
		return nil
	}
	msgs := tx.Bucket(bOutbox)
	err := tx.Bucket(bOutboxPending).ForEach(func(k, _ []byte) error {
		var m conversations.OutboxMessage
		if _, err := getJSON(msgs, k, &m); err != nil {
			return err
		}
		return indexPending(tx, m)
	})
	if err != nil {
		return err
	}
	return meta.Put(keyOutboxIndexed, u64(1))
}

// dueHeads reads the due heads of the lanes from the index, most urgent
// first (Urgency, then ID), at most limit (no limit when limit <= 0),
// through cache (nil: every record decoded).
func dueHeads(tx *bolt.Tx, now time.Time, limit int, cache *dueCache) ([]conversations.OutboxMessage, error) {
	if cache != nil {
		defer cache.endPass()
	}
	msgs, lanes := tx.Bucket(bOutbox), tx.Bucket(bOutboxLanes)
	c := tx.Bucket(bOutboxDue).Cursor()
	// Sized once: a pass returns up to hundreds of these large records,
	// and growing the slice was most of the pass's allocation.
	out := make([]conversations.OutboxMessage, 0, countDue(c, now, limit))
	for u := byte(0); u <= 2 && (limit <= 0 || len(out) < limit); u++ {
		start := len(out) // this urgency's heads, sorted by ID below
		for k, lane := c.Seek([]byte{u}); k != nil && k[0] == u; k, lane = c.Next() {
			if int64(binary.BigEndian.Uint64(k[1:9])) > now.UnixNano() {
				break // the rest of this urgency is due later
			}
			m, err := readDue(msgs, k[9:], cache)
			if err != nil {
				return nil, err
			}
			m.Covers = nil
			switch m.Kind {
			case conversations.OutSlackThread, conversations.OutSlackUpload:
				if m.CaseID != "" && cardPending(lanes, m.CaseID) {
					continue // a case's thread waits for its card
				}
			case conversations.OutSlackCard, conversations.OutSlackCardUpdate:
				if string(lane) == conversations.CardLane(m.CaseID) {
					m.Covers = laterInLane(lanes, string(lane), m.ID)
				}
			}
			out = append(out, m)
			if limit > 0 && len(out) >= limit {
				break
			}
		}
		slices.SortFunc(out[start:], func(a, b conversations.OutboxMessage) int { return cmp.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// countDue counts the due index's keys due at now, up to limit (no limit
// when limit <= 0): the most dueHeads can return.
func countDue(c *bolt.Cursor, now time.Time, limit int) int {
	n := 0
	for u := byte(0); u <= 2; u++ {
		for k, _ := c.Seek([]byte{u}); k != nil && k[0] == u; k, _ = c.Next() {
			if int64(binary.BigEndian.Uint64(k[1:9])) > now.UnixNano() {
				break
			}
			if n++; limit > 0 && n >= limit {
				return n
			}
		}
	}
	return n
}

// readDue reads the outbox record id through cache (nil: decoded); a
// missing record reads as the zero message, as getJSON leaves it.
func readDue(msgs *bolt.Bucket, id []byte, cache *dueCache) (conversations.OutboxMessage, error) {
	if cache != nil {
		return cache.get(msgs, id)
	}
	var m conversations.OutboxMessage
	_, err := getJSON(msgs, id, &m)
	return m, err
}

// cardPending reports whether the card of caseID waits to be posted: its
// lane's head is the post (DueHeads' rule).
func cardPending(lanes *bolt.Bucket, caseID string) bool {
	prefix := laneOf(conversations.CardLane(caseID))
	k, kind := lanes.Cursor().Seek(prefix)
	return k != nil && bytes.HasPrefix(k, prefix) && string(kind) == string(conversations.OutSlackCard)
}

// laterInLane lists the IDs after id in lane.
func laterInLane(lanes *bolt.Bucket, lane string, id uint64) []uint64 {
	var ids []uint64
	c := lanes.Cursor()
	prefix := laneOf(lane)
	for k, _ := c.Seek(laneKey(lane, id+1)); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, binary.BigEndian.Uint64(k[len(k)-8:]))
	}
	return ids
}
