package telegram

import (
	"context"
	"sync"

	"github.com/rockerstop/refundbot/conversations"
)

// dispatcher runs updates in order within a chat and concurrently across
// chats: each chat with queued updates has one goroutine draining its
// queue, and at most `workers` of them handle an update at a time, so a
// slow chat never holds up the others.
type dispatcher struct {
	// ctx is the handling context of the Run that owns the dispatcher
	// (not cancelled when Run's ctx ends, so in-flight updates finish).
	ctx context.Context
	// quit is Run's ctx.Done(): once closed no queued update is started.
	quit   <-chan struct{}
	handle func(ctx context.Context, in conversations.Inbound)
	sem    chan struct{}
	done   chan struct{} // closed by stop
	wg     sync.WaitGroup

	mu      sync.Mutex
	stopped bool
	queues  map[int64][]conversations.Inbound
	known   map[int64]bool // update IDs queued or being handled
	room    chan struct{}  // signalled when an update finishes
	// finishes counts the updates handled; finished holds, for each update
	// handled since the last read of the inbox began, the count when it
	// finished (see mark and enqueueRead). Only kept once mark is called
	// (the replicated webhook's reads), so polling keeps no record.
	finishes uint64
	finished map[int64]uint64
}

// newDispatcher handles updates with ctx until quit is closed.
func newDispatcher(ctx context.Context, quit <-chan struct{}, workers int, handle func(context.Context, conversations.Inbound)) *dispatcher {
	return &dispatcher{
		ctx:    ctx,
		quit:   quit,
		handle: handle,
		sem:    make(chan struct{}, workers),
		done:   make(chan struct{}),
		queues: map[int64][]conversations.Inbound{},
		known:  map[int64]bool{},
		room:   make(chan struct{}, 1),
	}
}

// mark is taken before a read of the pending updates, for enqueueRead.
func (d *dispatcher) mark() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.finished == nil {
		d.finished = map[int64]uint64{}
	}
	return d.finishes
}

// enqueueRead queues updates read as pending from the inbox by a read
// that began at mark, skipping each one whose handling finished after
// mark: the read may have seen it just before its handler marked it
// handled, and queueing it again would handle it twice. (The step's
// commit refuses a handled update too, ErrInboundHandled; this spares
// the second handling and whatever it says outside a commit.) An update
// whose handling finished before the read and is still pending was not
// marked (its marking failed) and is queued again.
func (d *dispatcher) enqueueRead(ins []conversations.Inbound, mark uint64) {
	for _, in := range ins {
		d.mu.Lock()
		late := d.finished[in.ID] > mark
		d.mu.Unlock()
		if !late {
			d.enqueue(in)
		}
	}
	// Reads from now on begin after these finishes.
	d.mu.Lock()
	defer d.mu.Unlock()
	for id, at := range d.finished {
		if at <= mark {
			delete(d.finished, id)
		}
	}
}

// enqueue queues in behind the earlier updates of its chat. An update
// already queued or in flight is ignored. It returns false after stop.
func (d *dispatcher) enqueue(in conversations.Inbound) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return false
	}
	if d.known[in.ID] {
		return true
	}
	d.known[in.ID] = true
	q, active := d.queues[in.ChatID]
	d.queues[in.ChatID] = append(q, in)
	if !active {
		d.wg.Add(1)
		go d.drain(in.ChatID)
	}
	return true
}

// drain handles a chat's updates one after another until its queue is
// empty or the dispatcher stops.
func (d *dispatcher) drain(chatID int64) {
	defer d.wg.Done()
	for {
		select {
		case d.sem <- struct{}{}:
		case <-d.done:
			d.forget(chatID)
			return
		case <-d.quit:
			d.forget(chatID)
			return
		}
		d.mu.Lock()
		if d.stopped || isClosed(d.quit) {
			d.mu.Unlock()
			<-d.sem
			d.forget(chatID)
			return
		}
		in := d.queues[chatID][0]
		d.mu.Unlock()

		d.handle(d.ctx, in)
		<-d.sem

		d.mu.Lock()
		delete(d.known, in.ID)
		d.finishes++
		if d.finished != nil {
			d.finished[in.ID] = d.finishes
		}
		q := d.queues[chatID][1:]
		if len(q) == 0 {
			delete(d.queues, chatID)
		} else {
			d.queues[chatID] = q
		}
		d.mu.Unlock()
		select {
		case d.room <- struct{}{}:
		default:
		}
		if len(q) == 0 {
			return
		}
	}
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// forget drops a chat's queue at stop; its updates stay saved in the inbox.
func (d *dispatcher) forget(chatID int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, in := range d.queues[chatID] {
		delete(d.known, in.ID)
	}
	delete(d.queues, chatID)
}

// queued reports how many updates are queued or in flight.
func (d *dispatcher) queued() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.known)
}

// waitRoom blocks while more than limit updates are queued.
func (d *dispatcher) waitRoom(ctx context.Context, limit int) error {
	for d.queued() > limit {
		select {
		case <-d.room:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// stop refuses new updates, lets the updates being handled finish, and
// returns when every chat goroutine has exited.
func (d *dispatcher) stop() {
	d.mu.Lock()
	if !d.stopped {
		d.stopped = true
		close(d.done)
	}
	d.mu.Unlock()
	d.wg.Wait()
}
