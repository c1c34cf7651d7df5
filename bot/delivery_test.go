package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
)

// testClock is a settable clock.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// scriptErr is a scripted failure; Classify reads it back.
type scriptErr struct {
	retryAfter time.Duration
	permanent  bool
}

func (e *scriptErr) Error() string {
	return fmt.Sprintf("scripted failure (retry after %s, permanent %v)", e.retryAfter, e.permanent)
}

// scriptSender fails each recipient's sends as its script says, in order,
// then succeeds; hook, when set, runs first and may replace the outcome.
type scriptSender struct {
	mu     sync.Mutex
	script map[string][]error
	sent   map[string][]string // recipient → texts delivered, in order
	calls  int
	hook   func(ctx context.Context, m conversations.OutboxMessage) (bool, error)
}

func (s *scriptSender) Send(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	if s.hook != nil {
		if done, err := s.hook(ctx, m); done {
			s.mu.Lock()
			s.calls++
			s.mu.Unlock()
			return "hooked", err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if q := s.script[m.Recipient]; len(q) > 0 {
		s.script[m.Recipient] = q[1:]
		if q[0] != nil {
			return "", q[0]
		}
	}
	if s.sent == nil {
		s.sent = map[string][]string{}
	}
	s.sent[m.Recipient] = append(s.sent[m.Recipient], m.Text)
	return fmt.Sprint("ref-", m.ID), nil
}

func (*scriptSender) Classify(err error) (time.Duration, bool) {
	var se *scriptErr
	if errors.As(err, &se) {
		return se.retryAfter, se.permanent
	}
	return 0, false
}

func (s *scriptSender) delivered() map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]string{}
	for r, ts := range s.sent {
		out[r] = slices.Clone(ts)
	}
	return out
}

type rig struct {
	t     *testing.T
	db    *storage.DB
	clock *testClock
	send  *scriptSender
	d     *Delivery
}

// newRig opens a real store and a worker on the Slack transport, unpaced
// unless pace is given.
func newRig(t *testing.T, pace *Pace) *rig {
	t.Helper()
	clock := &testClock{now: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)}
	db, err := storage.Open(filepath.Join(t.TempDir(), "refundbot.db"), storage.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	r := &rig{t: t, db: db, clock: clock, send: &scriptSender{script: map[string][]error{}}}
	r.d = &Delivery{Store: db, Clock: clock, PaceNow: clock.Now, MaxBackoff: 3 * time.Second,
		Senders: map[conversations.Transport]Sender{conversations.Slack: r.send}}
	if pace != nil {
		r.d.Paces = map[conversations.Transport]Pace{conversations.Slack: *pace}
	}
	return r
}

func (r *rig) enqueue(recipient, text, caseID string) {
	r.t.Helper()
	m := conversations.OutboxMessage{Transport: conversations.Slack, Kind: conversations.OutSlackPost, Recipient: recipient, Text: text, CaseID: caseID}
	if err := r.db.Enqueue(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
}

func (r *rig) drain(ctx context.Context) int {
	r.t.Helper()
	n, err := r.d.Drain(ctx)
	if err != nil && ctx.Err() == nil {
		r.t.Fatal(err)
	}
	return n
}

// due returns the pending messages due at the clock plus ahead.
func (r *rig) due(ahead time.Duration) []conversations.OutboxMessage {
	r.t.Helper()
	ms, err := r.db.DueOutbox(context.Background(), r.clock.Now().Add(ahead), 0)
	if err != nil {
		r.t.Fatal(err)
	}
	return ms
}

// TestDeliveryInOrderPerRecipient interleaves three recipients' messages,
// fails b's first one twice, and checks every recipient got its messages
// in the order they were queued: b's later messages waited behind it.
func TestDeliveryInOrderPerRecipient(t *testing.T) {
	r := newRig(t, nil)
	want := map[string][]string{}
	for i := 1; i <= 5; i++ {
		for _, rcpt := range []string{"a", "b", "c"} {
			text := fmt.Sprintf("%s%d", rcpt, i)
			r.enqueue(rcpt, text, "")
			want[rcpt] = append(want[rcpt], text)
		}
	}
	r.send.script["b"] = []error{&scriptErr{}, &scriptErr{retryAfter: 2 * time.Second}}
	for pass := 0; len(r.due(time.Hour)) > 0; pass++ {
		if pass > 40 {
			t.Fatalf("outbox not drained after %d passes: %v", pass, r.send.delivered())
		}
		r.drain(context.Background())
		r.clock.Advance(time.Second)
	}
	if got := r.send.delivered(); !mapsEqual(got, want) {
		t.Fatalf("delivered %v, want %v", got, want)
	}
}

func mapsEqual(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestDeliveryConcurrentAcrossRecipients: a's send cannot finish until b's
// has started, so one pass that delivers both proves they ran at once.
func TestDeliveryConcurrentAcrossRecipients(t *testing.T) {
	r := newRig(t, nil)
	bStarted := make(chan struct{})
	r.send.hook = func(ctx context.Context, m conversations.OutboxMessage) (bool, error) {
		switch m.Recipient {
		case "b":
			close(bStarted)
		case "a":
			select {
			case <-bStarted:
			case <-time.After(10 * time.Second): // only stops a hung test
				return true, errors.New("b never started while a was sending")
			}
		}
		return true, nil
	}
	r.enqueue("a", "a1", "")
	r.enqueue("b", "b1", "")
	if n := r.drain(context.Background()); n != 2 {
		t.Fatalf("sent %d of 2 in one pass", n)
	}
}

// TestDeliveryRetryAfter: a retry-after answer delays the message by at
// least that long, counted from the clock after the failure.
func TestDeliveryRetryAfter(t *testing.T) {
	r := newRig(t, nil)
	r.send.script["a"] = []error{&scriptErr{retryAfter: 7 * time.Second}}
	r.enqueue("a", "a1", "")
	r.drain(context.Background())
	if ms := r.due(7*time.Second - time.Nanosecond); len(ms) != 0 {
		t.Fatalf("due before retry-after passed: next at %v, now %v", ms[0].NextAt, r.clock.Now())
	}
	ms := r.due(7 * time.Second)
	if len(ms) != 1 || ms[0].Attempts != 1 || !strings.Contains(ms[0].LastError, "scripted") {
		t.Fatalf("after retry-after: %+v", ms)
	}
	r.clock.Advance(7 * time.Second)
	if n := r.drain(context.Background()); n != 1 {
		t.Fatalf("sent %d after the wait, want 1", n)
	}
}

// TestDeliveryBackoffGrowsAndCaps fails a message five times without a
// retry-after: each delay doubles from 1s, stops at MaxBackoff (3s), and
// carries at most 20% jitter.
func TestDeliveryBackoffGrowsAndCaps(t *testing.T) {
	r := newRig(t, nil)
	fail := &scriptErr{}
	r.send.script["a"] = []error{fail, fail, fail, fail, fail}
	r.enqueue("a", "a1", "")
	for i, base := range []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second, 3 * time.Second} {
		now := r.clock.Now()
		r.drain(context.Background())
		ms := r.due(time.Hour)
		if len(ms) != 1 {
			t.Fatalf("attempt %d: %d pending", i, len(ms))
		}
		if wait := ms[0].NextAt.Sub(now); wait < base || wait > base+base/5 {
			t.Fatalf("attempt %d: waits %v, want within [%v, %v]", i, wait, base, base+base/5)
		}
		r.clock.Advance(ms[0].NextAt.Sub(now))
	}
	if n := r.drain(context.Background()); n != 1 {
		t.Fatalf("not sent once the script ran out")
	}
}

// TestBackoffBounds checks the jitter spreads retries and stays in bounds.
func TestBackoffBounds(t *testing.T) {
	seen := map[time.Duration]bool{}
	for attempt := range 40 {
		lo := min(time.Second<<min(attempt, 30), time.Minute)
		for range 20 {
			d := Backoff(attempt, time.Second, time.Minute)
			if d < lo || d > lo+lo/5 {
				t.Fatalf("Backoff(%d) = %v, want within [%v, %v]", attempt, d, lo, lo+lo/5)
			}
			seen[d] = true
		}
	}
	if len(seen) < 100 {
		t.Fatalf("only %d distinct delays in 800 draws: no jitter", len(seen))
	}
}
