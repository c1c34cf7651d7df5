package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	"github.com/rockerstop/refundbot/bot"
	slackad "github.com/rockerstop/refundbot/bot/slack"
)

// shutdownBound bounds the graceful stop: finishing updates in flight and
// a last delivery pass.
const shutdownBound = 10 * time.Second

// runServe runs the bot until ctx ends (SIGINT or SIGTERM).
func runServe(ctx context.Context, c *cli) error {
	cfg, src, err := c.config()
	if err != nil {
		return err
	}
	if ps := serveProblems(cfg, src); len(ps) > 0 {
		return &ConfigError{Problems: ps}
	}
	if err := ensureDirs(cfg); err != nil {
		return err
	}
	a, err := newApp(ctx, cfg, deps{Stderr: c.stderr})
	if err != nil {
		return err
	}
	defer a.Close()
	return a.serve(ctx)
}

// ensureDirs creates the backup and evidence directories serve writes to.
func ensureDirs(cfg Config) error {
	for _, dir := range []string{cfg.Storage.BackupDir, cfg.Storage.EvidenceDir} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("create storage directory: %w", err)
		}
	}
	return nil
}

// serve wires the system and runs it until ctx ends: HTTP on http.listen,
// Telegram intake, Slack Socket Mode when configured, the scheduled jobs
// and the outbox delivery worker. On shutdown it stops taking updates, lets those in
// flight finish, gives the outbox a last try and returns; the caller then
// closes the store.
func (a *app) serve(ctx context.Context) error {
	s, err := a.wire()
	if err != nil {
		return err
	}
	ln, err := a.listen("tcp", a.cfg.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.cfg.HTTP.Listen, err)
	}
	return a.run(ctx, s, ln)
}

// run runs a wired system on a listener until ctx ends.
func (a *app) run(ctx context.Context, s *system, ln net.Listener) error {
	log := a.log.With("component", "serve")
	lead, stopCampaign := a.campaign(ctx) // leader.go
	defer stopCampaign()
	srv := bot.NewServer(a.routes(s), bot.DefaultServerLimits())
	httpDone := make(chan error, 2)
	go func() { httpDone <- srv.Serve(ln) }()
	log.Info("http listening", "addr", ln.Addr().String())
	if addr := a.cfg.HTTP.MetricsListen; addr != "" {
		mln, err := a.listen("tcp", addr)
		if err != nil {
			srv.Close()
			return fmt.Errorf("listen on %s (http.metrics_listen): %w", addr, err)
		}
		msrv := bot.NewServer(bot.MetricsMux(a.routesBase(s)), bot.DefaultServerLimits())
		go func() { httpDone <- msrv.Serve(mln) }()
		defer msrv.Close()
		log.Info("metrics listening", "addr", mln.Addr().String())
	}

	intake, stopIntake := context.WithCancel(ctx)
	defer stopIntake()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	start := func(name string, f func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(intake); err != nil && intake.Err() == nil {
				errs <- fmt.Errorf("%s: %w", name, err)
			}
		}()
	}
	start("telegram", led(lead, a, "telegram", s.telegram.Run))
	start("scheduler", led(lead, a, "scheduler", s.jobs.Run))
	if a.cfg.Slack.Mode == slackad.ModeSocket {
		start("slack socket mode", s.slack.RunSocketMode)
	}
	deliveryCtx, stopDelivery := context.WithCancel(context.WithoutCancel(ctx))
	defer stopDelivery()
	deliveryDone := make(chan struct{})
	go func() {
		defer close(deliveryDone)
		_ = led(lead, a, "delivery", func(ctx context.Context) error { s.delivery.Run(ctx); return nil })(deliveryCtx)
	}()

	var runErr error
	select {
	case <-ctx.Done():
	case err := <-httpDone:
		runErr = fmt.Errorf("http server: %w", err)
	case runErr = <-errs:
	}
	log.Info("stopping")
	bound, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownBound)
	defer cancel()
	// Stop taking updates: HTTP first (Slack and webhook requests in
	// flight finish), then Telegram intake, which waits for its handlers,
	// and the scheduler, which waits for running jobs.
	if err := srv.Shutdown(bound); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	stopIntake()
	wg.Wait()
	s.slack.Wait()
	// One last delivery pass within the bound; what is left stays in the
	// outbox for the next start.
	stopDelivery()
	<-deliveryDone
	if lead.Leading() { // a follower leaves the outbox to the leader
		if _, err := s.delivery.Drain(bound); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			log.Warn("last delivery pass", "err", err)
		}
	}
	log.Info("stopped")
	return runErr
}
