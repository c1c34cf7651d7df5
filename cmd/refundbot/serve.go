package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/rockerstop/refundbot/bot"
)

// runServe runs the bot until ctx ends (SIGINT or SIGTERM). For now it
// serves only health, readiness and metrics over HTTP: the Telegram and Slack transports,
// the scheduler and the delivery worker are not wired yet, and it says so.
func runServe(ctx context.Context, c *cli) error {
	cfg, src, err := c.config()
	if err != nil {
		return err
	}
	if ps := serveProblems(cfg, src); len(ps) > 0 {
		return &ConfigError{Problems: ps}
	}
	for _, dir := range []string{cfg.Storage.BackupDir, cfg.Storage.EvidenceDir} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("create storage directory: %w", err)
		}
	}
	a, err := newApp(ctx, cfg, deps{Stderr: c.stderr})
	if err != nil {
		return err
	}
	defer a.Close()
	return a.serve(ctx)
}

// serve runs the HTTP server on http.listen until ctx ends, then shuts it
// down gracefully.
func (a *app) serve(ctx context.Context) error {
	log := a.log.With("component", "serve")
	ln, err := a.listen("tcp", a.cfg.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.cfg.HTTP.Listen, err)
	}
	srv := &http.Server{Handler: a.handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	log.Info("http listening", "addr", ln.Addr().String())
	log.Warn("telegram and slack transports are not wired yet: serving /healthz, /readyz and /metrics only; no messages are received or sent")

	select {
	case err := <-done:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http server: %w", err)
	}
	log.Info("stopped")
	return nil
}

// handler is the HTTP surface served so far: bot's mux with /healthz,
// /readyz (the store's outbox) and /metrics. The Slack, Telegram webhook
// and platform API routes are added here as their handlers are wired.
func (a *app) handler() http.Handler {
	return bot.NewMux(bot.Routes{
		Metrics: a.metrics,
		Ready:   &bot.Readiness{Outbox: a.store, Clock: a.clock},
	})
}
