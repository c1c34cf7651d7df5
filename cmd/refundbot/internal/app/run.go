package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"

	"github.com/rockerstop/refundbot/bot"
	slackad "github.com/rockerstop/refundbot/bot/slack"
)

// EnsureDirs creates the backup and evidence directories serve writes to.
func EnsureDirs(cfg Config) error {
	for _, dir := range []string{cfg.Storage.BackupDir, cfg.Storage.EvidenceDir} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("create storage directory: %w", err)
		}
	}
	return nil
}

// Serve wires the system and runs it until ctx ends: HTTP on http.listen,
// Telegram intake, Slack Socket Mode when configured, the scheduled jobs
// and the outbox delivery worker. On shutdown it stops taking updates, lets
// those in flight finish, gives the outbox a last try and closes the store.
func (a *App) Serve(ctx context.Context) error {
	s, err := a.Wire()
	if err != nil {
		return err
	}
	ln, err := a.listen("tcp", a.Config.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.Config.HTTP.Listen, err)
	}
	return a.Run(ctx, s, ln)
}

// Run runs a wired system on a listener until ctx ends, as bot.Lifecycle
// does: it starts the parts and stops them in order, closing the store
// last (Close afterwards is harmless).
func (a *App) Run(ctx context.Context, s *System, ln net.Listener) error {
	lead, stopCampaign := a.campaign(ctx) // leader.go: on etcd, one replica runs the singleton loops
	l := &bot.Lifecycle{
		HTTP:    []bot.HTTPServer{{Name: "http", Listener: ln, Server: bot.NewServer(a.routes(s), bot.DefaultServerLimits())}},
		Intake:  []bot.Part{{Name: "telegram", Runner: led(lead, a, "telegram", s.Telegram.Run)}},
		Waiters: []bot.Waiter{s.Slack},
		Jobs:    jobsOf(led(lead, a, "scheduler", s.Jobs.Run), s.OwnJobs), Outbox: ledOutbox{s.Delivery, lead, a},
		Store: closer(func() error { stopCampaign(); return a.Close() }), Logger: a.Log,
	}
	if addr := a.Config.HTTP.MetricsListen; addr != "" {
		mln, err := a.listen("tcp", addr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("listen on %s (http.metrics_listen): %w", addr, err)
		}
		l.HTTP = append(l.HTTP, bot.HTTPServer{Name: "metrics", Listener: mln,
			Server: bot.NewServer(bot.MetricsMux(a.routesBase(s)), bot.DefaultServerLimits())})
	}
	if a.Config.Slack.Mode == slackad.ModeSocket {
		l.Intake = append(l.Intake, bot.Part{Name: "slack socket mode", Runner: bot.RunnerFunc(s.Slack.RunSocketMode)})
	}
	return l.Run(ctx)
}

// jobsOf runs the leader's scheduler (led) and this replica's own jobs
// (own, may be nil) side by side until ctx ends, and returns when both
// have.
func jobsOf(led bot.Runner, own *bot.Scheduler) bot.Runner {
	if own == nil {
		return led
	}
	return bot.RunnerFunc(func(ctx context.Context) error {
		errs := make(chan error, 1)
		go func() { errs <- own.Run(ctx) }()
		err := led.Run(ctx)
		return errors.Join(err, <-errs)
	})
}
