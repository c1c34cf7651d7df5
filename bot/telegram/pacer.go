package telegram

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/time/rate"
)

// Pacer keeps sends inside Telegram's flood limits: about 30 messages/s
// overall and, per chat, a burst of 3 then 1 message/s.
type Pacer struct {
	global *rate.Limiter
	mu     sync.Mutex
	chats  map[int64]*rate.Limiter
}

// NewPacer returns a pacer with Telegram's limits.
func NewPacer() *Pacer {
	return &Pacer{global: rate.NewLimiter(30, 1), chats: map[int64]*rate.Limiter{}}
}

// Wait blocks until a message to chatID may be sent, or ctx ends.
func (p *Pacer) Wait(ctx context.Context, chatID int64) error {
	if err := p.chat(chatID).Wait(ctx); err != nil {
		return fmt.Errorf("pace chat %d: %w", chatID, err)
	}
	if err := p.global.Wait(ctx); err != nil {
		return fmt.Errorf("pace: %w", err)
	}
	return nil
}

func (p *Pacer) chat(chatID int64) *rate.Limiter {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.chats[chatID]
	if l == nil {
		if len(p.chats) >= 10000 {
			// Forget idle chats: a full bucket is the same as a new one.
			for id, cl := range p.chats {
				if cl.Tokens() >= float64(cl.Burst()) {
					delete(p.chats, id)
				}
			}
		}
		l = rate.NewLimiter(1, 3)
		p.chats[chatID] = l
	}
	return l
}
