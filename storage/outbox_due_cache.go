package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// dueCache keeps the outbox records the last delivery pass decoded, with
// their stored bytes. A pass returns every due lane head (up to its limit)
// and the delivery worker sends only those its pacing allows, one per
// channel and method: in a wave the same few hundred heads waiting on
// Slack's pace came back, each decoded again, on every pass (one a commit).
// With 1,800 cards on the desk and 180 clicks, 1.19 million decodes served
// 25,000 sends. A record whose bytes are what the cache holds is copied
// from it instead: comparing bytes needs no invalidation, so a record
// settled, retried or rolled back is simply decoded again.
type dueCache struct {
	mu   sync.Mutex
	last map[uint64]*dueEntry // the records the last pass read
	next map[uint64]*dueEntry // the records this pass read (last's map, emptied, reused)
	// decoded counts the records decoded rather than copied (tests).
	decoded int
}

type dueEntry struct {
	raw []byte
	msg conversations.OutboxMessage
}

// get reads the record of key id in b, from the cache when its bytes are
// unchanged; a missing record reads as the zero message.
func (c *dueCache) get(b *bolt.Bucket, id []byte) (conversations.OutboxMessage, error) {
	raw := b.Get(id) // valid only in the transaction
	if raw == nil {
		return conversations.OutboxMessage{}, nil
	}
	key := binary.BigEndian.Uint64(id)
	c.mu.Lock()
	e := c.last[key]
	c.mu.Unlock()
	hit := e != nil && bytes.Equal(e.raw, raw)
	if !hit {
		e = &dueEntry{raw: bytes.Clone(raw)}
		if err := json.Unmarshal(e.raw, &e.msg); err != nil {
			return conversations.OutboxMessage{}, fmt.Errorf("decode %q: %w", id, err)
		}
	}
	c.mu.Lock()
	if !hit {
		c.decoded++
	}
	if c.next == nil {
		c.next = map[uint64]*dueEntry{}
	}
	c.next[key] = e
	c.mu.Unlock()
	return copyOutbox(e.msg), nil
}

// endPass keeps what this pass read for the next and forgets the rest
// (sent messages, and heads past the limit).
func (c *dueCache) endPass() {
	c.mu.Lock()
	c.last, c.next = c.next, c.last
	clear(c.next)
	c.mu.Unlock()
}

// copyOutbox copies m so that a caller changing its reply, buttons, files
// or covers cannot change the cached record.
func copyOutbox(m conversations.OutboxMessage) conversations.OutboxMessage {
	if m.Reply != nil {
		r := *m.Reply
		r.Buttons = slices.Clone(r.Buttons)
		for i := range r.Buttons {
			r.Buttons[i] = slices.Clone(r.Buttons[i])
		}
		m.Reply = &r
	}
	m.Files = slices.Clone(m.Files)
	m.Covers = slices.Clone(m.Covers)
	return m
}
