package load

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// floodResult is what floodRun saw.
type floodResult struct {
	calls   int
	elapsed time.Duration
}

// floodRun turns on the fake's flood control, injects 429s, queues total
// notices round-robin to the chats of providers 1..chats ("Notice k of
// provider i") and waits until all are delivered.
func floodRun(ctx context.Context, s *sim, chats, total, injected int) (floodResult, error) {
	s.w.TG.EnforceRateLimit(true)
	s.w.TG.Fail429("sendMessage", injected, 1)
	before := s.w.TG.Calls("sendMessage")
	start := time.Now()
	msgs := make([]conversations.OutboxMessage, 0, total)
	for k := range total {
		p := s.provider(k%chats + 1)
		msgs = append(msgs, conversations.OutboxMessage{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
			Recipient: strconv.FormatInt(p.user, 10), Reply: &conversations.Reply{Text: fmt.Sprintf("Notice %d of provider %d", k/chats+1, p.i)}})
	}
	if err := s.w.App.Store.Enqueue(ctx, msgs...); err != nil {
		return floodResult{}, err
	}
	s.w.Sys.Delivery.Wake()
	deadline := time.Now().Add(2*time.Minute + time.Duration(total)*100*time.Millisecond)
	for {
		depth, _, err := s.w.App.Store.OutboxStats(ctx, time.Now())
		if err != nil {
			return floodResult{}, err
		}
		if depth == 0 {
			return floodResult{calls: s.w.TG.Calls("sendMessage") - before, elapsed: time.Since(start)}, nil
		}
		if time.Now().After(deadline) {
			return floodResult{}, fmt.Errorf("%d notices still queued", depth)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
