package world

import (
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"time"

	slackad "github.com/rockerstop/refundbot/bot/slack"
	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
)

// Names of the built-in fake workspace: the cases channel and its approvers.
const (
	FakeChannel       = "C0CASES001"
	FakeSigningSecret = "fake-signing-secret"
	FakeBotToken      = "xoxb-fake"
)

// FakeAgents are the fake workspace's members; the first two approve,
// kiran is an agent (slack.agents: /refund lookups, no decisions) and
// vikram is neither, a workspace member outside the desk. Each call
// returns a new slice: the world has no package state.
func FakeAgents() []slackfake.User {
	return []slackfake.User{
		{ID: "U0MEERA001", Name: "meera"}, {ID: "U0RAVI0002", Name: "ravi"}, {ID: "U0KIRAN003", Name: "kiran"},
		{ID: "U0VIKRAM04", Name: "vikram"},
	}
}

// World is refundbot running on built-in fakes: a fake Telegram Bot API
// and a fake Slack, with the real wiring (the same as serve) on a real
// bbolt file, or on etcd (Options.Etcd). The demo and the tests build one;
// nothing needs a token.
type World struct {
	TG    *tgfake.Server
	Slack *slackfake.Server
	App   *app.App
	Sys   *app.System
	// URL is the app's HTTP address (Slack requests go there).
	URL string

	cancel context.CancelFunc
	done   chan error
	// o is the options of the running app, for restart and crash.
	o Options
	// replica: the fakes belong to another world (Replica); Close leaves
	// them. killed: Kill dropped the app, whose loops may still be ending.
	replica, killed bool
}

// Options shape a world. Zero values give a temporary-looking but
// caller-owned data directory, the system clock and discarded logs.
type Options struct {
	Dir    string // data directory (database, evidence, backups)
	Listen string // HTTP address; "127.0.0.1:0" when empty
	Clock  conversations.Clock
	Stderr io.Writer
	// RealPace keeps Telegram's and Slack's real pacing (about 1 message a
	// second per chat or channel); by default the world paces fast, since
	// the fakes do not limit unless asked.
	RealPace bool
	// Wire, when set, may adjust the wired system before it runs (the load
	// command wraps the Telegram sender to time replies).
	Wire func(*app.System)
	// Etcd, when set, puts the store on etcd (storage.backend: etcd) with
	// this storage.etcd instead of the bbolt file in Dir.
	Etcd *app.EtcdConfig
	// Configure may adjust the config before the app starts.
	Configure func(*app.Config)
	// WrapStore, when set, wraps the opened store before the system is
	// wired on it (a test's store that fails in a chosen way).
	WrapStore func(app.AppStore) app.AppStore
}

// Start starts the fakes and the app on them.
func Start(ctx context.Context, o Options) (*World, error) {
	w := &World{TG: tgfake.New(tgfake.Options{MaxPollTimeout: time.Second})}
	fo := slackfake.Options{
		Token: FakeBotToken, SigningSecret: FakeSigningSecret,
		Channels: []string{FakeChannel}, Users: FakeAgents(),
	}
	if o.RealPace {
		// The fake enforces the limits the app paces by, with one call
		// more of burst so that loopback jitter is not a breach.
		fo.Limits = map[string]slackfake.Limit{}
		for m, l := range slackad.SlackLimits {
			fo.Limits[m] = slackfake.Limit{Rate: float64(l.Rate), Burst: l.Burst + 1, PerChannel: l.PerChannel}
		}
	}
	w.Slack = slackfake.New(fo)
	if err := w.startApp(ctx, o); err != nil {
		w.TG.Close()
		w.Slack.Close()
		return nil, err
	}
	return w, nil
}

// worldConfig is serve's config pointed at the fakes.
func (w *World) config(o Options) app.Config {
	cfg := app.DefaultConfig()
	cfg.Timezone = "Asia/Kolkata"
	cfg.Storage = app.StorageConfig{
		Path:        filepath.Join(o.Dir, "refundbot.db"),
		BackupDir:   filepath.Join(o.Dir, "backups"),
		EvidenceDir: filepath.Join(o.Dir, "evidence"),
	}
	if o.Etcd != nil {
		cfg.Storage.Backend, cfg.Storage.Etcd = "etcd", *o.Etcd
	}
	cfg.HTTP.Listen = o.Listen
	if cfg.HTTP.Listen == "" {
		cfg.HTTP.Listen = "127.0.0.1:0"
	}
	cfg.Telegram.Token, cfg.Telegram.APIURL = w.TG.Token, w.TG.URL()
	cfg.Slack.BotToken, cfg.Slack.SigningSecret = FakeBotToken, FakeSigningSecret
	cfg.Slack.APIURL, cfg.Slack.Channel = w.Slack.APIURL(), FakeChannel
	cfg.Slack.Approvers = []string{FakeAgents()[0].ID, FakeAgents()[1].ID}
	cfg.Slack.Agents = []string{FakeAgents()[2].ID}
	if o.Configure != nil {
		o.Configure(&cfg)
	}
	return cfg
}

// startApp opens the store in o.Dir and runs the app until stop.
func (w *World) startApp(ctx context.Context, o Options) error {
	cfg := w.config(o)
	if ps := append(app.Validate(cfg, app.Source{}), app.ServeProblems(cfg, app.Source{})...); len(ps) > 0 {
		return &app.ConfigError{Problems: ps}
	}
	a, err := app.New(ctx, cfg, app.Deps{Stderr: o.Stderr, Clock: o.Clock, PollTimeout: time.Second,
		DeliveryPoll: 20 * time.Millisecond, FastPace: !o.RealPace})
	if err != nil {
		return err
	}
	if err := app.EnsureDirs(cfg); err != nil {
		a.Close()
		return err
	}
	if o.WrapStore != nil {
		a.Store = o.WrapStore(a.Store)
	}
	sys, err := a.Wire()
	if err != nil {
		a.Close()
		return err
	}
	if o.Wire != nil {
		o.Wire(sys)
	}
	ln, err := net.Listen("tcp", cfg.HTTP.Listen)
	if err != nil {
		a.Close()
		return fmt.Errorf("listen on %s: %w", cfg.HTTP.Listen, err)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	w.App, w.Sys, w.URL, w.cancel, w.done = a, sys, "http://"+ln.Addr().String(), cancel, make(chan error, 1)
	w.o = o
	go func() { w.done <- a.Run(runCtx, sys, ln) }()
	return nil
}

// stopApp stops the app gracefully and closes its store; the fakes live
// on. After Kill it only waits for the dropped app's loops.
func (w *World) stopApp() error {
	w.cancel()
	err := <-w.done
	if w.killed {
		w.killed = false
		return nil // its errors are the kill's symptoms, not news
	}
	if cerr := w.App.Close(); err == nil {
		err = cerr
	}
	return err
}

// Close stops the app and, unless the world is a Replica of another, the
// fakes.
func (w *World) Close() error {
	err := w.stopApp()
	if !w.replica {
		w.TG.Close()
		w.Slack.Close()
	}
	return err
}

// Restart stops the app gracefully and starts it again on the same data
// directory, as an operator's Restart would.
func (w *World) Restart(ctx context.Context) error {
	if err := w.stopApp(); err != nil {
		return fmt.Errorf("stop: %w", err)
	}
	return w.startApp(ctx, w.o)
}

// Crash drops the running app without its graceful path, as kill -9
// would, and starts it again on the same data directory (Kill, then
// Rejoin).
func (w *World) Crash(ctx context.Context) error {
	w.Kill()
	return w.Rejoin(ctx)
}

// Kill drops the running app without its graceful path, as kill -9 would
// leave it: the store is closed first, so nothing the old app does
// afterwards (updates in flight, the last delivery pass) can commit or
// acknowledge anything, and on etcd it does not resign (its lease
// expires); then its loops are told to stop. It does not wait for them.
func (w *World) Kill() {
	if w.killed {
		return
	}
	_ = w.App.Kill() // the abrupt part: later writes of the old app fail, nothing resigns
	w.cancel()
	w.killed = true
}

// Rejoin waits for the loops of the app Kill dropped to end and starts the
// app again with the same options (bbolt must be closed for the file to
// reopen in this process). What was committed before the kill is all the
// new app finds; on etcd it joins the election again.
func (w *World) Rejoin(ctx context.Context) error {
	if !w.killed {
		return fmt.Errorf("rejoin: the app was not killed")
	}
	_ = w.stopApp()
	if err := w.startApp(ctx, w.o); err != nil {
		// Nothing runs: a later Close has nothing to wait for.
		w.done, w.killed = make(chan error, 1), true
		w.done <- nil
		return err
	}
	return nil
}

// RunJob runs the scheduled job name once now, with the running app's
// store, desk and delivery worker, as the scheduler would at its slot.
func (w *World) RunJob(ctx context.Context, name string) error {
	s, err := w.App.Scheduler(w.Sys.Desk, w.Sys.Delivery.Wake)
	if err != nil {
		return err
	}
	return s.RunNow(ctx, name)
}
