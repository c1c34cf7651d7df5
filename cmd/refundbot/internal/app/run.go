package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	slackad "github.com/rockerstop/refundbot/bot/slack"
)

// shutdownBound bounds the graceful stop: finishing updates in flight and
// a last delivery pass.
const shutdownBound = 10 * time.Second

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
// and the outbox delivery worker. On shutdown it stops taking updates, lets those in
// flight finish, gives the outbox a last try and returns; the caller then
// closes the store.
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

// Run runs a wired system on a listener until ctx ends.
func (a *App) Run(ctx context.Context, s *System, ln net.Listener) error {
	log := a.Log.With("component", "serve")
	srv := &http.Server{Handler: a.routes(s), ReadHeaderTimeout: 10 * time.Second}
	httpDone := make(chan error, 1)
	go func() { httpDone <- srv.Serve(ln) }()
	log.Info("http listening", "addr", ln.Addr().String())

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
	start("telegram", s.Telegram.Run)
	start("scheduler", s.Jobs.Run)
	if a.Config.Slack.Mode == slackad.ModeSocket {
		start("slack socket mode", s.Slack.RunSocketMode)
	}
	deliveryCtx, stopDelivery := context.WithCancel(context.WithoutCancel(ctx))
	defer stopDelivery()
	deliveryDone := make(chan struct{})
	go func() { defer close(deliveryDone); s.Delivery.Run(deliveryCtx) }()

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
	s.Slack.Wait()
	// One last delivery pass within the bound; what is left stays in the
	// outbox for the next start.
	stopDelivery()
	<-deliveryDone
	if _, err := s.Delivery.Drain(bound); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		log.Warn("last delivery pass", "err", err)
	}
	log.Info("stopped")
	return runErr
}
