package telegram

import (
	"context"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// defaultPendingPoll is how often a replicated leader in webhook mode
// picks up the updates that any replica saved.
const defaultPendingPoll = 200 * time.Millisecond

// awaitWebhook waits for ctx to end while the webhook receives. With
// Options.Replicated it hands the saved, unhandled updates to d in update
// order every PendingPoll: every replica's webhook only saves, so this is
// the one path by which an update reaches the dialogue, and a chat's
// updates keep their order. An update already queued or in flight is
// not queued twice, nor one whose handler finished while the read ran
// (enqueueRead); should another replica's handling overlap this one's
// (a leader change), the step's commit refuses the second
// (ErrInboundHandled).
func (a *Adapter) awaitWebhook(ctx context.Context, d *dispatcher) {
	if !a.opts.Replicated {
		<-ctx.Done()
		return
	}
	every := a.opts.PendingPoll
	if every <= 0 {
		every = defaultPendingPoll
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		mark := d.mark()
		pending, err := a.inbox.PendingInbound(ctx)
		if err != nil {
			if ctx.Err() == nil {
				a.log.Error("read saved updates", "err", err)
			}
			continue
		}
		ours := pending[:0]
		for _, in := range pending {
			if in.Source == conversations.Telegram {
				ours = append(ours, in)
			}
		}
		d.enqueueRead(ours, mark)
	}
}
