package bot

import (
	"context"
	"log/slog"
	"time"
)

// Leadership is one leader among `serve` replicas that share a store:
// only the leader runs the singleton loops (Telegram polling, which
// allows one getUpdates consumer, the scheduler and the delivery worker);
// every replica serves HTTP. The etcd store provides it with a lease and
// an election (etcdstore.Elector); a lone replica on bbolt is Solo. bot
// imports no etcd.
type Leadership interface {
	// Lead blocks until this replica leads or ctx ends (then it returns
	// ctx's error). The context it returns ends as soon as the leadership
	// is lost (the lease expired or was revoked) or ctx ends.
	Lead(ctx context.Context) (context.Context, error)
	// Leading reports whether this replica leads now.
	Leading() bool
}

// Solo is the leadership of a lone replica: always the leader.
type Solo struct{}

// Lead returns ctx at once.
func (Solo) Lead(ctx context.Context) (context.Context, error) { return ctx, ctx.Err() }

// Leading is always true.
func (Solo) Leading() bool { return true }

// Role names what l makes this replica, for /readyz: "leader" or
// "follower".
func Role(l Leadership) string {
	if l == nil || l.Leading() {
		return "leader"
	}
	return "follower"
}

// RunLed runs fn each time this replica leads, with a context that ends
// when the leadership is lost, and returns when ctx ends. A loop that
// returns while still leading (an error) is started again after pause.
func RunLed(ctx context.Context, l Leadership, log *slog.Logger, name string, pause time.Duration, fn func(ctx context.Context) error) {
	if log == nil {
		log = slog.Default()
	}
	for ctx.Err() == nil {
		term, err := l.Lead(ctx)
		if err != nil {
			return
		}
		log.Info("leading: starting", "component", "leader", "loop", name)
		err = fn(term)
		switch {
		case ctx.Err() != nil:
			return
		case term.Err() != nil:
			log.Warn("leadership lost: stopped", "component", "leader", "loop", name)
		default:
			log.Error("singleton loop ended while leading; restarting", "component", "leader", "loop", name, "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(pause):
			}
		}
	}
}
