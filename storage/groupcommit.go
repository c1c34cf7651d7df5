package storage

import (
	"errors"
	"fmt"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Group commit. bbolt's own Batch starts a batch's commit MaxBatchDelay
// after its first call and then queues it for the writer; calls arriving
// meanwhile start a batch of their own. Under a burst the commits are many
// and small (one per delay's worth of arrivals), each an fsync, and they
// run one after the other: 180 concurrent approval clicks arriving over
// some 50 ms made some 50 commits. Here the batch being gathered is the
// one committed as soon as the writer is free: calls that arrive while a
// commit runs all go into the next, however long the commit takes, and a
// lone call starts at once instead of waiting out a delay.
//
// The contract is bbolt's Batch: fn may run more than once, so it must
// have no effect outside its transaction and set its outputs afresh each
// time; a fn that fails (or panics) is taken out of the batch and run
// again alone with Update, so its error (or panic) is its own and the
// others still share one commit.

// maxGroup bounds the calls of one commit (bbolt's default MaxBatchSize).
const maxGroup = 1000

// errSolo tells a caller to run its function alone.
var errSolo = errors.New("group commit: run alone")

type groupCall struct {
	fn  func(*bolt.Tx) error
	err chan error
}

// grouper gathers the calls of the next commit; one goroutine at a time
// commits (running).
type grouper struct {
	delay time.Duration

	mu      sync.Mutex
	pending []*groupCall
	running bool
}

// do runs fn in a shared write transaction of b and returns when it is
// committed.
func (g *grouper) do(b *bolt.DB, fn func(*bolt.Tx) error) error {
	c := &groupCall{fn: fn, err: make(chan error, 1)}
	g.mu.Lock()
	g.pending = append(g.pending, c)
	if !g.running {
		g.running = true
		go g.commitLoop(b)
	}
	g.mu.Unlock()
	err := <-c.err
	if err == errSolo {
		err = b.Update(fn)
	}
	return err
}

// commitLoop commits what is pending until nothing is.
func (g *grouper) commitLoop(b *bolt.DB) {
	if g.delay > 0 {
		time.Sleep(g.delay) // let company arrive
	}
	for {
		g.mu.Lock()
		calls := g.pending
		if len(calls) > maxGroup {
			calls, g.pending = calls[:maxGroup:maxGroup], calls[maxGroup:]
		} else {
			g.pending = nil
		}
		if len(calls) == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		commitGroup(b, calls)
	}
}

// commitGroup runs calls in one Update, as bbolt's batch does: a call that
// fails is sent off to run alone and the rest are run again without it.
func commitGroup(b *bolt.DB, calls []*groupCall) {
	for len(calls) > 0 {
		failed := -1
		err := b.Update(func(tx *bolt.Tx) error {
			for i, c := range calls {
				if err := safeCall(c.fn, tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		if failed >= 0 {
			calls[failed].err <- errSolo
			calls = append(calls[:failed:failed], calls[failed+1:]...)
			continue
		}
		for _, c := range calls {
			c.err <- err
		}
		return
	}
}

// safeCall runs fn, turning a panic into an error (the caller's solo run
// then panics in the caller's goroutine, not here).
func safeCall(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("group commit: function panicked: %v", p)
		}
	}()
	return fn(tx)
}
