package app

import (
	"context"
	"sync"

	"github.com/rockerstop/refundbot/bot"
)

// campaign starts this replica's part in the leader election (etcd) and
// returns its leadership; stop ends the campaign (a leader resigns, so
// the next takes over at once) and waits for it. On bbolt the replica
// always leads and there is nothing to run.
func (a *App) campaign(ctx context.Context) (lead bot.Leadership, stop func()) {
	lead, run := a.leadership()
	a.lead = lead
	if run == nil {
		return lead, func() {}
	}
	cctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = run(cctx) }()
	return lead, func() { cancel(); wg.Wait() }
}

// led wraps a singleton loop: on bbolt (bot.Solo) it is the loop itself,
// whose error stops serve as before; on etcd it runs while this replica
// leads, stops at once when the lease is lost and starts again at the
// next term, until ctx ends.
func led(lead bot.Leadership, a *App, name string, loop func(context.Context) error) bot.RunnerFunc {
	if _, solo := lead.(bot.Solo); solo {
		return loop
	}
	return func(ctx context.Context) error {
		bot.RunLed(ctx, lead, a.Log, name, singletonPause, loop)
		return nil
	}
}

// ledOutbox runs the delivery worker while this replica leads; a
// follower's last pass at shutdown leaves the outbox to the leader.
type ledOutbox struct {
	bot.Outbox
	lead bot.Leadership
	a    *App
}

func (o ledOutbox) Run(ctx context.Context) error {
	return led(o.lead, o.a, "delivery", o.Outbox.Run).Run(ctx)
}

func (o ledOutbox) Drain(ctx context.Context) (int, error) {
	if !o.lead.Leading() {
		return 0, nil
	}
	return o.Outbox.Drain(ctx)
}

// closer is a func as an io.Closer.
type closer func() error

func (f closer) Close() error { return f() }
