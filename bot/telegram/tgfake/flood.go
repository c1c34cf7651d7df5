package tgfake

import (
	"sync"
	"time"
)

// floodControl approximates Telegram's limits with token buckets: per chat
// a burst of 3 then 1 message/s, overall a burst of 30 then 30/s.
type floodControl struct {
	mu     sync.Mutex
	global bucket
	chats  map[int64]*bucket
}

type bucket struct {
	tokens, burst, rate float64
	last                time.Time
}

func newFloodControl() *floodControl {
	return &floodControl{global: bucket{tokens: 30, burst: 30, rate: 30}, chats: map[int64]*bucket{}}
}

// allow takes a token for chatID at now; false means the send is refused.
func (f *floodControl) allow(chatID int64, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.chats[chatID]
	if !ok {
		c = &bucket{tokens: 3, burst: 3, rate: 1, last: now}
		f.chats[chatID] = c
	}
	if f.global.last.IsZero() {
		f.global.last = now
	}
	c.refill(now)
	f.global.refill(now)
	// A little slack absorbs the gap between a client pacer and this clock.
	if c.tokens < 0.95 || f.global.tokens < 0.95 {
		return false
	}
	c.tokens--
	f.global.tokens--
	return true
}

func (b *bucket) refill(now time.Time) {
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(b.burst, b.tokens+el*b.rate)
	}
	b.last = now
}
