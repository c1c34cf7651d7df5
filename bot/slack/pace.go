package slack

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"github.com/rockerstop/refundbot/conversations"
)

// Slack Web API methods the adapter calls, each paced by its own limit.
const (
	MethodPostMessage    = "chat.postMessage"
	MethodUpdate         = "chat.update"
	MethodPostEphemeral  = "chat.postEphemeral"
	MethodViewsOpen      = "views.open"
	MethodViewsUpdate    = "views.update"
	MethodGetUploadURL   = "files.getUploadURLExternal"
	MethodCompleteUpload = "files.completeUploadExternal"
	MethodHistory        = "conversations.history"
	MethodReplies        = "conversations.replies"
)

// Limit is the pace of one Web API method: Rate calls a second after a
// burst of Burst. PerChannel limits every channel on its own (Slack's
// chat.postMessage); otherwise the limit is the workspace's, per method.
type Limit struct {
	Rate       rate.Limit
	Burst      int
	PerChannel bool
}

// Slack's tiers (https://api.slack.com/apis/rate-limits): Tier 3 is "50+
// per minute, sporadic bursts are welcome", Tier 4 "100+ per minute,
// generous burst behavior". A burst of a fifth of the minute's quota is
// ours, not Slack's: the page gives no number.
var (
	tier3 = Limit{Rate: rate.Limit(50.0 / 60), Burst: 10}
	tier4 = Limit{Rate: rate.Limit(100.0 / 60), Burst: 20}
)

// SlackLimits are the limits the adapter paces by, per method, and the
// fake Slack enforces (with one call more of burst, for loopback jitter).
// Each method's reference page names its tier; every tier below was read
// there (2026-12-02).
//
//	method                        limit used                 source (the method's reference page, "Facts: Rate limits")
//	chat.postMessage              1/s per channel, burst 3   api.slack.com/apis/rate-limits ("Posting messages: 1 per second, short bursts >1 allowed"; Special tier)
//	chat.update                   Tier 3: 50/min, burst 10   api.slack.com/methods/chat.update: "Rate limits: Tier 3"
//	chat.postEphemeral            Tier 4: 100/min, burst 20  api.slack.com/methods/chat.postEphemeral: "Rate limiting: Tier 4"
//	views.open                    Tier 4: 100/min, burst 20  api.slack.com/methods/views.open: "Tier 4: 100+ per minute"
//	views.update                  Tier 4: 100/min, burst 20  api.slack.com/methods/views.update: "Rate limiting: Tier 4"
//	files.getUploadURLExternal    Tier 4: 100/min, burst 20  api.slack.com/methods/files.getUploadURLExternal: "Rate limits: Tier 4"
//	files.completeUploadExternal  Tier 4: 100/min, burst 20  api.slack.com/methods/files.completeUploadExternal: "Rate limits: Tier 4"
//	conversations.history         Tier 3: 50/min, burst 10   docs.slack.dev/reference/methods/conversations.history: "For Marketplace and internal customer-built applications, this method has Tier 3 rate limits"
//	conversations.replies         Tier 3: 50/min, burst 10   docs.slack.dev/reference/methods/conversations.replies: the same words
//
// The two conversations.* methods are read only to find a post an earlier
// attempt may have made (reconcile.go). The same pages warn that apps
// distributed commercially outside the Marketplace get 1 request a minute
// and at most 15 messages a page: refundbot is an internal app.
//
// A 429 answers with Retry-After for that method only: the adapter holds
// that method (and no other) until then.
var SlackLimits = map[string]Limit{
	MethodPostMessage:    {Rate: 1, Burst: 3, PerChannel: true},
	MethodUpdate:         tier3,
	MethodPostEphemeral:  tier4,
	MethodViewsOpen:      tier4,
	MethodViewsUpdate:    tier4,
	MethodGetUploadURL:   tier4,
	MethodCompleteUpload: tier4,
	MethodHistory:        tier3,
	MethodReplies:        tier3,
}

// pacer keeps the adapter's calls inside the limits: a token bucket per
// method (per method and channel for chat.postMessage) and, per method,
// the time a 429's Retry-After holds it until.
type pacer struct {
	limits map[string]Limit
	now    func() time.Time

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
	held    map[string]time.Time
}

func newPacer(limits map[string]Limit, now func() time.Time) *pacer {
	return &pacer{limits: limits, now: now, buckets: map[string]*rate.Limiter{}, held: map[string]time.Time{}}
}

func (p *pacer) bucket(method, channel string) *rate.Limiter {
	lim, ok := p.limits[method]
	if !ok {
		lim = tier3
	}
	key := method
	if lim.PerChannel {
		key += " " + channel
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.buckets[key]
	if b == nil {
		b = rate.NewLimiter(lim.Rate, max(lim.Burst, 1))
		p.buckets[key] = b
	}
	return b
}

// wait blocks until a call of method (to channel) may go: after any hold
// of the method and a token of its bucket.
func (p *pacer) wait(ctx context.Context, method, channel string) error {
	p.mu.Lock()
	until := p.held[method]
	p.mu.Unlock()
	if d := until.Sub(p.now()); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("pace %s: %w", method, ctx.Err())
		case <-t.C:
		}
	}
	if err := p.bucket(method, channel).Wait(ctx); err != nil {
		return fmt.Errorf("pace %s %s: %w", method, channel, err)
	}
	return nil
}

// ready reports whether a call of method (to channel) could go now without
// waiting, spending nothing.
func (p *pacer) ready(method, channel string) bool {
	p.mu.Lock()
	until := p.held[method]
	p.mu.Unlock()
	now := p.now()
	return !until.After(now) && p.bucket(method, channel).TokensAt(now) >= 1
}

// observe holds method after Slack answered it 429 with Retry-After.
func (p *pacer) observe(method string, err error) {
	rl, ok := errors.AsType[*slackapi.RateLimitedError](err)
	if !ok || rl.RetryAfter <= 0 {
		return
	}
	until := p.now().Add(rl.RetryAfter)
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.After(p.held[method]) {
		p.held[method] = until
	}
}

// firstCall is the Web API method an outbox message's delivery starts
// with, and the channel it is paced in; "" for a kind the adapter does not
// deliver.
func firstCall(m conversations.OutboxMessage) (method, channel string) {
	if !m.Attempted.IsZero() {
		// An earlier attempt may have posted it: the look-up goes first.
		switch m.Kind {
		case conversations.OutSlackCard, conversations.OutSlackPost:
			return MethodHistory, ""
		case conversations.OutSlackThread:
			return MethodReplies, ""
		}
	}
	switch m.Kind {
	case conversations.OutSlackCard, conversations.OutSlackThread, conversations.OutSlackPost:
		return MethodPostMessage, m.Recipient
	case conversations.OutSlackCardUpdate:
		return MethodUpdate, ""
	case conversations.OutSlackUpload:
		return MethodGetUploadURL, ""
	}
	return "", ""
}

// Ready reports whether m could be delivered now without waiting on a
// Slack limit, and names the limit its delivery starts with (key). The
// delivery worker leaves a message that is not ready in the outbox, so
// the next free call of a limit goes to the most urgent message waiting
// for it rather than to whichever asked first; and it sends at most one
// message per key at a time.
func (a *Adapter) Ready(m conversations.OutboxMessage) (key string, ok bool) {
	method, channel := firstCall(m)
	if method == "" {
		return "", true
	}
	if channel == "" && method == MethodPostMessage {
		channel = a.opts.Channel
	}
	key = method
	if a.pace.limits[method].PerChannel {
		key += " " + channel
	}
	return key, a.pace.ready(method, channel)
}

// call paces one Web API call of method (to channel), makes it, and holds
// the method when Slack answers 429.
func (a *Adapter) call(ctx context.Context, method, channel string, do func() error) error {
	if err := a.pace.wait(ctx, method, channel); err != nil {
		return err
	}
	err := do()
	a.pace.observe(method, err)
	return err
}
