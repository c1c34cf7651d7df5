package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/playground"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// demoAddr is where the playground listens unless --addr says otherwise.
const demoAddr = "127.0.0.1:8080"

// runDemo runs refundbot on the built-in fakes, seeded with the
// sample providers and unlocks, and serves the playground page on --addr
// until ctx ends (Ctrl-C). The data lives in --data DIR, kept afterwards,
// or in a temporary directory removed on exit.
func runDemo(ctx context.Context, c *cli) error {
	addr := c.flag("addr")
	if addr == "" {
		addr = demoAddr
	}
	// Listen first: a busy port is the likeliest failure, and nothing has
	// been created yet when it happens.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return demoListenError(addr, err)
	}
	defer ln.Close()

	dir, keep := c.flag("data"), true
	if dir == "" {
		tmp, err := os.MkdirTemp("", "refundbot-demo-*")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir, keep = tmp, false
	} else if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("demo: create data directory: %w", err)
	}

	w, err := world.Start(ctx, world.Options{Dir: dir, Stderr: c.stderr, Configure: quietDemo})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	pgErr := playground.Serve(ctx, w, ln, c.stdout, dir, keep)
	if err := w.Close(); err != nil && pgErr == nil {
		pgErr = fmt.Errorf("demo: stop: %w", err)
	}
	return pgErr
}

// quietDemo keeps the demo's terminal for the startup message: the app
// logs warnings and errors only.
func quietDemo(cfg *app.Config) { cfg.Log.Level = "warn" }

// demoListenError explains a playground address that cannot be used.
func demoListenError(addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("demo: %s is already in use (is another demo running?); choose another address with --addr 127.0.0.1:8081", addr)
	}
	return fmt.Errorf("demo: cannot listen on %s (use --addr HOST:PORT): %w", addr, err)
}
