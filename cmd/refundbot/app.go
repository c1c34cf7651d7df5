package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
)

// deps is what the outside world hands to newApp. Zero fields get the
// real thing, so tests and the playground replace only what they need.
type deps struct {
	// Stderr receives the logs; io.Discard when nil.
	Stderr io.Writer
	// Clock gives the time; conversations.SystemClock when nil.
	Clock conversations.Clock
	// Listen opens the HTTP listener; net.Listen when nil. Tests pass one
	// that reports the address of 127.0.0.1:0.
	Listen func(network, address string) (net.Listener, error)
	// MustExist refuses to create a missing database: the read-only
	// commands must not leave an empty file behind a mistyped path.
	MustExist bool
	// PollTimeout is Telegram's long-poll wait (the adapter's default when
	// zero); DeliveryPoll how often the outbox is read without a wake-up.
	// Stories shorten both.
	PollTimeout  time.Duration
	DeliveryPoll time.Duration
	// FastPace paces Telegram and Slack at 1,000 messages a second instead
	// of their real limits: the built-in fakes do not limit unless asked.
	FastPace bool
}

// app is the wired graph: config, logger, clock, store and metrics. Every
// command builds it with newApp and closes it when done; serve, demo and
// the stories then wire the running system on it (wire.go) and run it.
type app struct {
	cfg     Config
	log     *slog.Logger
	clock   conversations.Clock
	store   appStore       // store_backend.go
	lead    bot.Leadership // set by serve (leader.go); nil: a lone replica
	metrics *bot.Metrics
	listen  func(network, address string) (net.Listener, error)
	deps    deps
}

// newApp builds the graph from a validated config. It opens the store,
// failing within about a second with a friendly message when another
// process (a running serve) holds it. The caller must Close the app.
func newApp(ctx context.Context, cfg Config, d deps) (*app, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if d.Stderr == nil {
		d.Stderr = io.Discard
	}
	if d.Clock == nil {
		d.Clock = conversations.SystemClock{}
	}
	if d.Listen == nil {
		d.Listen = net.Listen
	}
	log, err := newLogger(cfg.Log, d.Stderr)
	if err != nil {
		return nil, err
	}
	store, err := openBackend(ctx, cfg, d)
	if err != nil {
		return nil, err
	}
	return &app{cfg: cfg, log: log, clock: d.Clock, store: store, metrics: bot.NewMetrics(), listen: d.Listen, deps: d}, nil
}

// Close releases the store.
func (a *app) Close() error { return a.store.Close() }

// openStore opens the database and translates the failures a person can
// fix into plain words.
func openStore(cfg Config, d deps) (*storage.DB, error) {
	path := cfg.Storage.Path
	if d.MustExist {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no database at %s (import providers first, or set storage.path)", path)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create the database directory: %w", err)
	}
	db, err := storage.Open(path, storage.Options{
		DefaultRegion: cfg.Phone.DefaultRegion,
		Timeout:       time.Second,
		Now:           d.Clock.Now,
	})
	switch {
	case errors.Is(err, conversations.ErrLocked):
		return nil, fmt.Errorf("the database %s is in use (is `refundbot serve` running?)", path)
	case errors.Is(err, conversations.ErrSchema):
		return nil, fmt.Errorf("the database %s was written by a different version of refundbot: %w", path, err)
	case err != nil:
		return nil, err
	}
	return db, nil
}

// newLogger builds the process logger; secrets and phone numbers are
// never passed to it.
func newLogger(c LogConfig, w io.Writer) (*slog.Logger, error) {
	level, err := parseLevel(c.Level)
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	switch strings.ToLower(s) {
	case "debug", "info", "warn", "error":
		return l, l.UnmarshalText([]byte(s))
	}
	return l, fmt.Errorf("unknown log level %q", s)
}
