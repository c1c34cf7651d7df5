package load

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/conversations"
)

// sendWatch wraps the delivery worker's Telegram sender. It notes when the
// fake API took the first reply to a chat after the chat was armed, and
// wakes whoever waits on the chat. That instant is "the reply handed to the
// API client" of DESIGN.md's step target, measured at its far end: the
// fake had answered.
type sendWatch struct {
	inner bot.Sender

	mu    sync.Mutex
	first map[int64]time.Time
	wake  map[int64]chan struct{}
}

func newSendWatch(inner bot.Sender) *sendWatch {
	return &sendWatch{inner: inner, first: map[int64]time.Time{}, wake: map[int64]chan struct{}{}}
}

func (s *sendWatch) Send(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	ref, err := s.inner.Send(ctx, m)
	if err != nil {
		return ref, err
	}
	chat, perr := strconv.ParseInt(m.Recipient, 10, 64)
	if perr != nil {
		return ref, nil
	}
	now := time.Now()
	s.mu.Lock()
	if s.first[chat].IsZero() {
		s.first[chat] = now
	}
	ch := s.wake[chat]
	s.mu.Unlock()
	if ch != nil {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	return ref, nil
}

func (s *sendWatch) Classify(err error) (time.Duration, bool) { return s.inner.Classify(err) }

// arm forgets the chat's last reply time; the next reply is timed.
func (s *sendWatch) arm(chat int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.first, chat)
}

// firstAt is when the first reply since arm was taken (zero if none).
func (s *sendWatch) firstAt(chat int64) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first[chat]
}

// signal is the chat's wake-up channel.
func (s *sendWatch) signal(chat int64) chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.wake[chat]
	if ch == nil {
		ch = make(chan struct{}, 1)
		s.wake[chat] = ch
	}
	return ch
}

// startWatchedWorld is world.Start with the Telegram sender wrapped in a
// sendWatch before the app runs.
func startWatchedWorld(ctx context.Context, o world.Options) (*world.World, *sendWatch, error) {
	var watch *sendWatch
	o.Wire = func(s *app.System) {
		watch = newSendWatch(s.Delivery.Senders[conversations.Telegram])
		s.Delivery.Senders[conversations.Telegram] = watch
	}
	w, err := world.Start(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	return w, watch, nil
}
