package story

import (
	"sync"
	"time"
)

// storyClock is the settable clock of stories and the playground. It keeps
// ticking at the real pace from the time it was last set, so retries and
// pacing that wait on it still happen, and it jumps when told: Set moves it
// to a given instant, Advance moves it forward. It implements
// conversations.Clock and is safe for concurrent use.
type storyClock struct {
	mu    sync.Mutex
	base  time.Time // the clock's time at mark
	mark  time.Time // the real time when base was set
	since func() time.Time
}

// newStoryClock returns a clock that reads at now.
func newStoryClock(at time.Time) *storyClock {
	c := &storyClock{since: time.Now}
	c.Set(at)
	return c
}

// Now returns the clock's time: the last set instant plus the real time
// elapsed since.
func (c *storyClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base.Add(c.since().Sub(c.mark))
}

// Set moves the clock to t (backwards too).
func (c *storyClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base, c.mark = t, c.since()
}

// Advance moves the clock forward by d; a negative d is refused so that
// stories cannot make time run backwards by accident (use Set for that).
func (c *storyClock) Advance(d time.Duration) bool {
	if d < 0 {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base = c.base.Add(d)
	return true
}
