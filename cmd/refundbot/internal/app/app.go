package app

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
	"sync"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
)

// Deps is what the outside world hands to New. Zero fields get the
// real thing, so tests and the playground replace only what they need.
type Deps struct {
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
	// FastPace paces Telegram at 100,000 messages a second and Slack at
	// 1,000 a method instead of their real limits: the built-in fakes do
	// not limit unless asked, and `refundbot load` measures the bot, not a
	// pacer (at 1,000 a second Telegram's pacer capped the durable steps).
	FastPace bool
}

// App is the wired graph: config, logger, clock, store and metrics. Every
// command builds it with New and closes it when done; serve, demo and
// the stories then wire the running system on it (wire.go) and run it.
type App struct {
	Config  Config
	Log     *slog.Logger
	Clock   conversations.Clock
	Store   AppStore // store_backend.go: bbolt or etcd, as storage.backend says
	Metrics *bot.Metrics

	lead      bot.Leadership // set by serve (leader.go); nil: a lone replica
	closeOnce sync.Once
	closeErr  error
	listen    func(network, address string) (net.Listener, error)
	deps      Deps
	created   []string // the database file and directories New made, deepest first
}

// New builds the graph from a validated config. It opens the store,
// failing within about a second with a friendly message when another
// process (a running serve) holds it. The caller must Close the app.
func New(ctx context.Context, cfg Config, d Deps) (*App, error) {
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
	loc, err := cfg.Location()
	if err != nil {
		loc = time.UTC // validation prevents it
	}
	log, err := newLogger(cfg.Log, loc, d.Stderr)
	if err != nil {
		return nil, err
	}
	var created []string
	if cfg.Storage.backend() == backendBolt {
		created = missingPaths(cfg.Storage.Path)
	}
	store, err := openBackend(ctx, cfg, d)
	if err != nil {
		return nil, err
	}
	return &App{Config: cfg, Log: log, Clock: d.Clock, Store: store, Metrics: bot.NewMetrics(), listen: d.Listen, deps: d, created: created}, nil
}

// CloseUnwritten closes the app and, when New created the database for a
// command that then wrote nothing (an import whose every row was bad),
// removes the file and the directories New made for it: a command that
// fails leaves nothing behind.
func (a *App) CloseUnwritten() error {
	err := a.Close()
	if err != nil {
		return err
	}
	for _, p := range a.created {
		if rmErr := os.Remove(p); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
			return fmt.Errorf("remove the unused %s: %w", p, rmErr)
		}
	}
	a.created = nil
	return nil
}

// missingPaths lists path and its missing parent directories, deepest
// first: what opening a database at path creates.
func missingPaths(path string) []string {
	var out []string
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			return out
		}
		out = append(out, p)
		if filepath.Dir(p) == p {
			return out
		}
	}
}

// Close releases the store; a second call only repeats the first result.
func (a *App) Close() error {
	a.closeOnce.Do(func() { a.closeErr = a.Store.Close() })
	return a.closeErr
}

// Kill closes the store as a killed process leaves it: on etcd the
// connection is cut before the client closes, so that nothing goes out on
// the way (a closing client still lets its session revoke the election
// lease, which would hand the lead over at once; after kill -9 the lease
// must expire). On bbolt it is Close. The tests and `load` kill replicas
// with it.
func (a *App) Kill() error {
	a.closeOnce.Do(func() {
		if e, ok := a.Store.(*etcdApp); ok {
			_ = e.cli.ActiveConnection().Close()
		}
		a.closeErr = a.Store.Close()
	})
	return a.closeErr
}

// openStore opens the database and translates the failures a person can
// fix into plain words.
func openStore(cfg Config, d Deps) (*storage.DB, error) {
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

// newLogger builds the process logger, its times in the configured
// timezone as every time a person reads; secrets and phone numbers are
// never passed to it.
func newLogger(c LogConfig, loc *time.Location, w io.Writer) (*slog.Logger, error) {
	level, err := parseLevel(c.Level)
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Value.Kind() == slog.KindTime {
			a.Value = slog.TimeValue(a.Value.Time().In(loc))
		}
		return a
	}}
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

// Location is the configured timezone for human output (UTC if it fails,
// which validation prevents).
func (a *App) Location() *time.Location {
	if loc, err := a.Config.Location(); err == nil {
		return loc
	}
	return time.UTC
}
