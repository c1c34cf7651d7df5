package main

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
	"github.com/rockerstop/refundbot/conversations"
)

// Names of the built-in fake workspace: the cases channel and its approvers.
const (
	fakeChannel       = "C0CASES001"
	fakeSigningSecret = "fake-signing-secret"
	fakeBotToken      = "xoxb-fake"
)

// fakeAgents are the fake workspace's members; the first two approve.
var fakeAgents = []slackfake.User{
	{ID: "U0MEERA001", Name: "meera"}, {ID: "U0RAVI0002", Name: "ravi"}, {ID: "U0KIRAN003", Name: "kiran"},
}

// world is refundbot running on built-in fakes: a fake Telegram Bot API
// and a fake Slack, with the real wiring (the same as serve) on a real
// bbolt file. The demo and the tests build one; nothing needs a token.
type world struct {
	tg    *tgfake.Server
	slack *slackfake.Server
	app   *app
	sys   *system
	// URL is the app's HTTP address (Slack requests go there).
	URL string

	cancel context.CancelFunc
	done   chan error
	// o is the options of the running app, for restart and crash.
	o worldOptions
}

// worldOptions shape a world. Zero values give a temporary-looking but
// caller-owned data directory, the system clock and discarded logs.
type worldOptions struct {
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
	Wire func(*system)
	// Configure may adjust the config before the app starts.
	Configure func(*Config)
}

// startWorld starts the fakes and the app on them.
func startWorld(ctx context.Context, o worldOptions) (*world, error) {
	w := &world{tg: tgfake.New(tgfake.Options{MaxPollTimeout: time.Second})}
	fo := slackfake.Options{
		Token: fakeBotToken, SigningSecret: fakeSigningSecret,
		Channels: []string{fakeChannel}, Users: fakeAgents,
	}
	if o.RealPace {
		// The fake enforces the limits the app paces by, with one call
		// more of burst so that loopback jitter is not a breach.
		fo.Limits = map[string]slackfake.Limit{}
		for m, l := range slackad.SlackLimits {
			fo.Limits[m] = slackfake.Limit{Rate: float64(l.Rate), Burst: l.Burst + 1, PerChannel: l.PerChannel}
		}
	}
	w.slack = slackfake.New(fo)
	if err := w.startApp(ctx, o); err != nil {
		w.tg.Close()
		w.slack.Close()
		return nil, err
	}
	return w, nil
}

// worldConfig is serve's config pointed at the fakes.
func (w *world) config(o worldOptions) Config {
	cfg := defaultConfig()
	cfg.Timezone = "Asia/Kolkata"
	cfg.Storage = StorageConfig{
		Path:        filepath.Join(o.Dir, "refundbot.db"),
		BackupDir:   filepath.Join(o.Dir, "backups"),
		EvidenceDir: filepath.Join(o.Dir, "evidence"),
	}
	cfg.HTTP.Listen = o.Listen
	if cfg.HTTP.Listen == "" {
		cfg.HTTP.Listen = "127.0.0.1:0"
	}
	cfg.Telegram.Token, cfg.Telegram.APIURL = w.tg.Token, w.tg.URL()
	cfg.Slack.BotToken, cfg.Slack.SigningSecret = fakeBotToken, fakeSigningSecret
	cfg.Slack.APIURL, cfg.Slack.Channel = w.slack.APIURL(), fakeChannel
	cfg.Slack.Approvers = []string{fakeAgents[0].ID, fakeAgents[1].ID}
	if o.Configure != nil {
		o.Configure(&cfg)
	}
	return cfg
}

// startApp opens the store in o.Dir and runs the app until stop.
func (w *world) startApp(ctx context.Context, o worldOptions) error {
	cfg := w.config(o)
	if ps := append(validate(cfg, configSource{}), serveProblems(cfg, configSource{})...); len(ps) > 0 {
		return &ConfigError{Problems: ps}
	}
	a, err := newApp(ctx, cfg, deps{Stderr: o.Stderr, Clock: o.Clock, PollTimeout: time.Second,
		DeliveryPoll: 20 * time.Millisecond, FastPace: !o.RealPace})
	if err != nil {
		return err
	}
	if err := ensureDirs(cfg); err != nil {
		a.Close()
		return err
	}
	sys, err := a.wire()
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
	w.app, w.sys, w.URL, w.cancel, w.done = a, sys, "http://"+ln.Addr().String(), cancel, make(chan error, 1)
	w.o = o
	go func() { w.done <- a.run(runCtx, sys, ln) }()
	return nil
}

// stopApp stops the app gracefully and closes its store; the fakes live on.
func (w *world) stopApp() error {
	w.cancel()
	err := <-w.done
	if cerr := w.app.Close(); err == nil {
		err = cerr
	}
	return err
}

// Close stops the app and the fakes.
func (w *world) Close() error {
	err := w.stopApp()
	w.tg.Close()
	w.slack.Close()
	return err
}

// restart stops the app gracefully and starts it again on the same data
// directory, as an operator's restart would.
func (w *world) restart(ctx context.Context) error {
	if err := w.stopApp(); err != nil {
		return fmt.Errorf("stop: %w", err)
	}
	return w.startApp(ctx, w.o)
}

// crash drops the running app without its graceful path, as kill -9
// would, and starts it again on the same data directory. The store is
// closed first, so nothing the old process does afterwards (updates in
// flight, the last delivery pass) can commit or acknowledge anything; bbolt
// must be closed for the file to reopen in this process. What was
// committed before the crash is all the new app finds.
func (w *world) crash(ctx context.Context) error {
	_ = w.app.Close() // the abrupt part: later writes of the old app fail
	w.cancel()
	<-w.done // its errors are the crash's symptoms, not news
	return w.startApp(ctx, w.o)
}

// runJob runs the scheduled job name once now, with the running app's
// store, desk and delivery worker, as the scheduler would at its slot.
func (w *world) runJob(ctx context.Context, name string) error {
	s, err := w.app.scheduler(w.sys.desk, w.sys.delivery.Wake)
	if err != nil {
		return err
	}
	return s.RunNow(ctx, name)
}
