package main

import (
	"context"
	"sync"

	"github.com/rockerstop/refundbot/bot"
)

// campaign starts this replica's part in the leader election (etcd) and
// returns its leadership; stop ends the campaign (a leader resigns, so
// the next takes over at once) and waits for it. On bbolt the replica
// always leads and there is nothing to run.
func (a *app) campaign(ctx context.Context) (lead bot.Leadership, stop func()) {
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
func led(lead bot.Leadership, a *app, name string, loop func(context.Context) error) func(context.Context) error {
	if _, solo := lead.(bot.Solo); solo {
		return loop
	}
	return func(ctx context.Context) error {
		bot.RunLed(ctx, lead, a.log, name, singletonPause, loop)
		return nil
	}
}
