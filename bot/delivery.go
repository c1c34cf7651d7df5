// Package bot runs refundbot: the lifecycle of its parts, the outbox
// delivery worker, the scheduler and the HTTP server.
package bot

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"golang.org/x/time/rate"
)

// Sender delivers one outbox message over one transport. Send returns the
// API's reference (a Telegram message ID, a Slack ts). Classify tells the
// worker what to do with a failure: wait retryAfter, give up (permanent),
// or back off and retry (neither).
type Sender interface {
	Send(ctx context.Context, m conversations.OutboxMessage) (ref string, err error)
	Classify(err error) (retryAfter time.Duration, permanent bool)
}

// Pace is the outbound rate for one transport: Overall messages a second
// in all, and per recipient a burst of Burst then PerRecipient a second.
type Pace struct {
	Overall      rate.Limit
	OverallBurst int
	PerRecipient rate.Limit
	Burst        int
}

// TelegramPace follows the Bot FAQ: about 30 messages a second in all and
// about one a second per chat after a short burst.
var TelegramPace = Pace{Overall: 30, OverallBurst: 30, PerRecipient: 1, Burst: 3}

// Ready is implemented by a Sender that paces its API calls itself, per
// method (Slack's tiers): Ready reports whether m could go now without
// waiting on a limit, and names that limit (key). Delivery leaves a
// message that is not ready pending for a later pass, so that the next
// free call of a limit goes to the most urgent message waiting for it, and
// sends at most one message per key in a pass.
type Ready interface {
	Ready(m conversations.OutboxMessage) (key string, ok bool)
}

// Unrepeatable is implemented by a Sender some of whose sends cannot be
// repeated safely (Slack has no idempotency key: a post sent twice shows
// twice). Before such a send the worker records the attempt in the store
// (OutboxAttempt); a message found pending with Attempted set may already
// have gone out, because the process died or lost the answer before it
// was marked sent, and the Sender looks for it at the other side before
// sending again.
type Unrepeatable interface {
	Unrepeatable(m conversations.OutboxMessage) bool
}

// pacedPoll is how soon the outbox is read again after a pass that left
// messages waiting on a Sender's limit.
const pacedPoll = 25 * time.Millisecond

// Delivery drains the outbox: in order per lane (the store hands out only
// each lane's oldest pending message: a chat's messages, a case's card, a
// case's thread), most urgent first (a decision's card update and the
// provider's notice before new cards, new cards before thread messages),
// paced per transport and by a Sender's own limits (Ready), with backoff
// and jitter on failures, honouring retry-after, and recording permanent
// failures instead of retrying them for ever. A card update the store
// found redundant (Covers) is marked sent with the one delivered.
type Delivery struct {
	Store   conversations.OutboxStore
	Senders map[conversations.Transport]Sender
	Paces   map[conversations.Transport]Pace
	Clock   conversations.Clock
	Logger  *slog.Logger
	// Metrics, when set, counts deliveries by transport and result.
	Metrics *Metrics
	// Poll is how often the outbox is read when nothing woke the worker.
	Poll time.Duration
	// Parallel is how many messages may be in flight at once (distinct
	// recipients). MaxBackoff caps the retry delay.
	Parallel   int
	MaxBackoff time.Duration
	// PaceNow is the time the per-recipient pacing counts in; time.Now
	// when nil. Pacing follows the APIs' real limits, so it stays on the
	// wall clock even when Clock is simulated; tests of pacing set it.
	PaceNow func() time.Time
	// Foreground, when set, holds each pass of Run while a person waits on
	// a request (an agent's click), for at most MaxHold in all (default
	// 100 ms, well inside the targets of a card updated within 3 s and a
	// provider told within 2 s), so that under unending clicks, or clicks
	// with short gaps between them, a whole pass still runs at least that
	// often. Drain does not hold.
	Foreground *Foreground
	MaxHold    time.Duration

	wake    chan struct{}
	once    sync.Once
	mu      sync.Mutex
	overall map[conversations.Transport]*rate.Limiter
	per     map[string]*rate.Limiter
}

// Wake asks the worker to read the outbox now (after a commit).
func (d *Delivery) Wake() {
	d.init()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func (d *Delivery) init() {
	d.once.Do(func() {
		d.wake = make(chan struct{}, 1)
		d.overall = map[conversations.Transport]*rate.Limiter{}
		d.per = map[string]*rate.Limiter{}
		if d.Poll <= 0 {
			d.Poll = 200 * time.Millisecond
		}
		if d.Parallel <= 0 {
			d.Parallel = 16
		}
		if d.MaxBackoff <= 0 {
			d.MaxBackoff = 5 * time.Minute
		}
		if d.Logger == nil {
			d.Logger = slog.New(slog.DiscardHandler)
		}
		if d.Clock == nil {
			d.Clock = conversations.SystemClock{}
		}
		if d.PaceNow == nil {
			d.PaceNow = time.Now
		}
		if d.MaxHold <= 0 {
			d.MaxHold = 100 * time.Millisecond
		}
	})
}

// Run delivers until ctx ends. It reads the outbox again at once after a
// pass that sent something, else after Poll or a Wake.
func (d *Delivery) Run(ctx context.Context) error {
	d.init()
	t := time.NewTicker(d.Poll)
	defer t.Stop()
	paced := time.NewTimer(pacedPoll)
	defer paced.Stop()
	// heldSince is when the worker began to hold or yield for foreground
	// requests, zero when it is not: MaxHold counts across passes, so
	// clicks that follow one another with short gaps cannot hold the
	// outbox longer than one that lasts.
	var heldSince time.Time
	for {
		// A pass once MaxHold is spent runs whole; one before stops
		// starting sends when somebody starts to wait.
		forced := d.hold(ctx, &heldSince)
		p, err := d.pass(ctx, !forced)
		if err != nil && ctx.Err() == nil {
			d.Logger.Error("outbox drain", "component", "delivery", "err", err)
		}
		switch {
		case !p.yielded:
			heldSince = time.Time{}
		case heldSince.IsZero():
			heldSince = time.Now()
		}
		if (p.sent > 0 || p.yielded) && ctx.Err() == nil {
			// A pass sends one message per lane; a lane's next message
			// (a card's thread after the card) is due now, and what a
			// yielding pass left is due still.
			continue
		}
		deferred := p.deferred
		var soon <-chan time.Time
		if deferred {
			paced.Reset(pacedPoll)
			soon = paced.C
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-soon:
		case <-d.wake:
		}
	}
}

// hold waits until no foreground request is in flight, for what is left
// of MaxHold since *since (set to now if zero), and reports whether
// MaxHold ran out.
func (d *Delivery) hold(ctx context.Context, since *time.Time) (forced bool) {
	idle := d.Foreground.Idle()
	select {
	case <-idle:
		return false
	default:
	}
	if since.IsZero() {
		*since = time.Now()
	}
	left := d.MaxHold - time.Since(*since)
	if left <= 0 {
		return true
	}
	t := time.NewTimer(left)
	defer t.Stop()
	select {
	case <-idle:
		return false
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// busy reports whether a foreground request is in flight.
func (d *Delivery) busy() bool {
	select {
	case <-d.Foreground.Idle():
		return false
	default:
		return true
	}
}

// Drain makes one pass over the due messages and returns how many were
// sent. Messages whose recipient is over its pace wait for a later pass.
func (d *Delivery) Drain(ctx context.Context) (int, error) {
	p, err := d.pass(ctx, false)
	return p.sent, err
}

// passResult is what one pass did: messages sent, whether one was left
// for a Sender's limit (deferred), whether it stopped starting sends for a
// foreground request (yielded).
type passResult struct {
	sent              int
	deferred, yielded bool
}

// pass makes one pass over the due messages; with yield it starts no
// further send once a foreground request is in flight.
func (d *Delivery) pass(ctx context.Context, yield bool) (passResult, error) {
	d.init()
	due, err := d.Store.DueOutbox(ctx, d.Clock.Now(), 256)
	if err != nil {
		return passResult{}, fmt.Errorf("read outbox: %w", err)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		res   passResult
		sem   = make(chan struct{}, d.Parallel)
		taken = map[string]bool{}
	)
	for _, m := range due {
		if r, ok := d.Senders[m.Transport].(Ready); ok {
			key, ready := r.Ready(m)
			if !ready || (key != "" && taken[key]) {
				res.deferred = true
				continue
			}
			if key != "" {
				taken[key] = true
			}
		}
		// A free slot first, then the pace: a click that arrived while
		// the slots were full stops the pass before this send.
		sem <- struct{}{}
		if yield && d.busy() {
			<-sem
			res.yielded = true
			break
		}
		if !d.allow(m) {
			<-sem
			continue
		}
		if err := d.overallLimiter(m.Transport).Wait(ctx); err != nil {
			<-sem
			break
		}
		wg.Add(1)
		go func(m conversations.OutboxMessage) {
			defer wg.Done()
			defer func() { <-sem }()
			if d.deliver(ctx, m) {
				mu.Lock()
				res.sent++
				mu.Unlock()
			}
		}(m)
	}
	wg.Wait()
	return res, ctx.Err()
}

// allow takes a token of the recipient's limiter without waiting, at
// PaceNow.
func (d *Delivery) allow(m conversations.OutboxMessage) bool {
	p, ok := d.Paces[m.Transport]
	if !ok {
		return true
	}
	key := string(m.Transport) + "\x00" + m.Recipient
	d.mu.Lock()
	l := d.per[key]
	if l == nil {
		l = rate.NewLimiter(p.PerRecipient, max(p.Burst, 1))
		d.per[key] = l
	}
	d.mu.Unlock()
	return l.AllowN(d.PaceNow(), 1)
}

func (d *Delivery) overallLimiter(t conversations.Transport) *rate.Limiter {
	d.mu.Lock()
	defer d.mu.Unlock()
	l := d.overall[t]
	if l == nil {
		p, ok := d.Paces[t]
		if !ok {
			l = rate.NewLimiter(rate.Inf, 1)
		} else {
			l = rate.NewLimiter(p.Overall, max(p.OverallBurst, 1))
		}
		d.overall[t] = l
	}
	return l
}

// recordBound bounds the commit of a delivery's outcome, which runs even
// when the worker is stopping.
const recordBound = 5 * time.Second

// deliver sends one message and records the outcome; it reports success.
// The outcome is recorded even when ctx ended during the send: a message
// the API took must be marked sent, or the next start would send it again.
// A send that failed because ctx ended records nothing: the message stays
// pending and due, without a retry counted against it.
func (d *Delivery) deliver(ctx context.Context, m conversations.OutboxMessage) bool {
	log := d.Logger.With("component", "delivery", "outbox_id", m.ID, "transport", m.Transport, "kind", m.Kind, "case_id", m.CaseID)
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordBound)
	defer cancel()
	s, ok := d.Senders[m.Transport]
	if !ok {
		d.count(m, "failed")
		d.record(log, d.Store.OutboxFailed(rec, m.ID, d.Clock.Now(), "no sender for transport "+string(m.Transport)))
		return false
	}
	if u, ok := s.(Unrepeatable); ok && m.Attempted.IsZero() && u.Unrepeatable(m) {
		// Committed before the send: whoever delivers m next knows it
		// may be out there already. m itself goes on unmarked: this
		// attempt is the first.
		if err := d.Store.OutboxAttempt(ctx, m.ID, d.Clock.Now()); err != nil {
			if ctx.Err() == nil {
				log.Error("record delivery attempt", "err", err)
			}
			return false // not sent: the message stays pending and due
		}
	}
	ref, err := s.Send(ctx, m)
	now := d.Clock.Now()
	if err == nil {
		d.count(m, "sent")
		d.record(log, d.Store.OutboxSent(rec, m.ID, now, ref))
		for _, id := range m.Covers {
			// Already delivered by this one: the card shows the case as
			// it is now. A crash before these commit resends a redundant
			// update, never loses one.
			d.record(log, d.Store.OutboxSent(rec, id, now, ref))
		}
		return true
	}
	if ctx.Err() != nil {
		return false // shutting down: the message stays pending
	}
	retryAfter, permanent := s.Classify(err)
	if permanent {
		d.count(m, "failed")
		log.Warn("delivery failed for good", "err", err)
		d.record(log, d.Store.OutboxFailed(rec, m.ID, now, err.Error()))
		return false
	}
	wait := retryAfter
	if wait <= 0 {
		wait = Backoff(m.Attempts, time.Second, d.MaxBackoff)
	}
	d.count(m, "retry")
	log.Info("delivery will retry", "err", err, "attempt", m.Attempts+1, "wait", wait)
	d.record(log, d.Store.OutboxRetry(rec, m.ID, now.Add(wait), err.Error()))
	return false
}

// count records a delivery attempt's result in the metrics, if any.
func (d *Delivery) count(m conversations.OutboxMessage, result string) {
	if d.Metrics != nil {
		d.Metrics.Deliveries.WithLabelValues(string(m.Transport), result).Inc()
	}
}

func (d *Delivery) record(log *slog.Logger, err error) {
	if err != nil {
		log.Error("record delivery outcome", "err", err)
	}
}

// Backoff is the delay before retry number attempt+1: exponential from
// base, capped at limit, with up to 20% jitter so that many failed
// messages do not retry in lockstep.
func Backoff(attempt int, base, limit time.Duration) time.Duration {
	d := base
	for i := 0; i < attempt && d < limit; i++ {
		d *= 2
	}
	if d > limit {
		d = limit
	}
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}
