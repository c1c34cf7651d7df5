package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/rockerstop/refundbot/bot"
	slackad "github.com/rockerstop/refundbot/bot/slack"
	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/csvimport"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// System is the running bot: the dialogue and the desk over the store, the
// Telegram and Slack adapters, the scheduled jobs and the outbox delivery
// worker.
type System struct {
	engine   *conversations.Engine
	Desk     *conversations.DeskService
	Telegram *telegram.Adapter
	Slack    *slackad.Adapter
	Delivery *bot.Delivery
	Jobs     *bot.Scheduler
	// OwnJobs, on etcd, are this replica's own jobs (pruning its
	// evidence cache), run whether it leads or not; nil on bbolt.
	OwnJobs *bot.Scheduler
	Contact *bot.Contact
	// Foreground counts the agents' requests in flight (bot.Foreground).
	Foreground *bot.Foreground
}

// Wire builds the system of a serving app. Nothing here makes a network
// call; run starts the parts.
func (a *App) Wire() (*System, error) {
	loc, err := a.Config.Location()
	if err != nil {
		return nil, fmt.Errorf("timezone: %w", err)
	}
	s := &System{Contact: &bot.Contact{}, Foreground: &bot.Foreground{}}
	pace, slackLimits := bot.TelegramPace, map[string]slackad.Limit(nil) // nil: Slack's real limits
	if a.deps.FastPace {
		pace = bot.Pace{Overall: 100000, OverallBurst: 1000, PerRecipient: 100000, Burst: 1000}
		slackLimits = map[string]slackad.Limit{}
		for m, l := range slackad.SlackLimits {
			slackLimits[m] = slackad.Limit{Rate: 1000, Burst: 100, PerChannel: l.PerChannel}
		}
	}
	s.Delivery = &bot.Delivery{
		Store:    a.Store,
		Clock:    a.Clock,
		Logger:   a.Log,
		Paces:    map[conversations.Transport]bot.Pace{conversations.Telegram: pace},
		Poll:     a.deps.DeliveryPoll,
		Parallel: 64,
		Metrics:  a.Metrics,
		// An agent's click is answered once its decision commits: the
		// outbox waits while clicks are in flight (100 ms at most).
		Foreground: s.Foreground,
	}
	wake := s.Delivery.Wake
	s.engine = conversations.NewEngine(conversations.EngineOptions{
		Store: a.Store, Steps: a.Store, Policy: a.Config.Policy, Clock: a.Clock, Logger: a.Log,
		SlackChannel: a.Config.Slack.Channel, Location: loc, OnCommit: wake, Appeals: a.Store,
	})
	s.Desk = a.desk(wake)
	s.Telegram, err = telegram.New(telegram.Options{
		Token: a.Config.Telegram.Token, APIURL: a.Config.Telegram.APIURL, Mode: a.Config.Telegram.Mode,
		WebhookURL: a.Config.Telegram.WebhookURL, WebhookSecret: a.Config.Telegram.WebhookSecret,
		EvidenceDir: a.Config.Storage.EvidenceDir, MaxFileBytes: policy.MaxFileBytes(a.Config.Policy),
		Logger: a.Log, Clock: a.Clock, PollTimeout: a.deps.PollTimeout,
		// Chats handled at once. Steps wait mostly on fsync, and concurrent
		// steps share one group commit, so more chats in flight is more
		// steps a second for the same disk.
		Workers:     64,
		Replicated:  a.Config.Storage.OnEtcd(), // several replicas share the store (leader.go)
		ApologyText: policy.Text(policy.LangEnglish, policy.KeyApology, nil),
		Commands:    telegramCommands(),
		OnStep:      a.Metrics.StepObserver("telegram"),
		OnContact:   s.Contact.SawFunc(conversations.Telegram),
	}, s.engine, a.Store)
	if err != nil {
		return nil, err
	}
	s.Slack, err = slackad.New(slackad.Options{
		BotToken: a.Config.Slack.BotToken, SigningSecret: a.Config.Slack.SigningSecret,
		AppToken: a.Config.Slack.AppToken, APIURL: a.Config.Slack.APIURL, Mode: a.Config.Slack.Mode,
		Channel: a.Config.Slack.Channel, Approvers: a.Config.Slack.Approvers, Agents: a.Config.Slack.Agents,
		EvidenceDir: a.Config.Storage.EvidenceDir, Evidence: telegramEvidence(s.Telegram),
		Logger: a.Log, Clock: a.Clock, Location: loc,
		Desk: s.Desk, Cases: a.Store, Lister: a.Store, Wallets: a.Store, Similar: s.Desk,
		RejectReasons: rejectReasons(), MarkOnce: a.Store.MarkOnce,
		Limits: slackLimits, OnInteraction: a.Metrics.InteractionObserver(), Foreground: s.Foreground.Enter,
	})
	if err != nil {
		return nil, err
	}
	if s.Jobs, s.OwnJobs, err = a.schedulers(s.Desk, wake); err != nil {
		return nil, err
	}
	s.Delivery.Senders = map[conversations.Transport]bot.Sender{
		conversations.Telegram: s.Telegram.Sender(),
		conversations.Slack:    slackad.NewSender(s.Slack, s.Desk, a.Store, s.Contact.SawFunc(conversations.Slack)),
	}
	return s, nil
}

// telegramEvidence lets the Slack adapter fetch a file its replica's
// evidence_dir lacks again from Telegram (each replica's evidence_dir is
// a cache). A file Telegram will not serve again is a permanent failure.
func telegramEvidence(tg *telegram.Adapter) slackad.EvidenceSource {
	return slackad.EvidenceSourceFunc(func(ctx context.Context, fileID string) (io.ReadCloser, error) {
		r, err := tg.FetchEvidence(ctx, fileID)
		if errors.Is(err, telegram.ErrFileGone) {
			err = fmt.Errorf("%w: %w", slackad.ErrBadMessage, err)
		}
		return r, err
	})
}

// routesBase is the part of the HTTP surface that needs no transport:
// health, readiness and metrics.
func (a *App) routesBase(s *System) bot.Routes {
	ready := &bot.Readiness{Outbox: a.Store, Clock: a.Clock, Contact: s.Contact,
		MaxOutboxAge: 15 * time.Minute, MaxSilence: 5 * time.Minute, Leadership: a.lead}
	if a.Config.Telegram.Mode != telegram.ModeWebhook {
		// A polling intake hears from Telegram at every long poll; Slack
		// and a webhook speak only when there is traffic, so for them the
		// outbox age stands in.
		ready.Transports = []conversations.Transport{conversations.Telegram}
	}
	return bot.Routes{Metrics: a.Metrics, Stats: a.Store, Ready: ready,
		MetricsElsewhere: a.Config.HTTP.MetricsListen != "", Foreground: s.Foreground}
}

// routes is the HTTP surface of a serving app on http.listen.
func (a *App) routes(s *System) http.Handler {
	r := a.routesBase(s)
	if a.Config.API.Token != "" {
		r.PlatformAPI = bot.NewPlatformAPI(bot.APIOptions{
			Token: a.Config.API.Token, Store: a.Store, NormalizePhone: csvimport.PhoneNormalizer(a.Config.Phone.DefaultRegion),
			Clock: a.Clock, Logger: a.Log, BotUsername: s.Telegram.Username,
		})
	}
	if a.Config.Slack.Mode != slackad.ModeSocket {
		r.SlackInteractions = s.Slack.InteractionsHandler()
		r.SlackCommands = s.Slack.CommandsHandler()
		r.SlackEvents = s.Slack.EventsHandler()
	}
	if a.Config.Telegram.Mode == telegram.ModeWebhook {
		r.TelegramWebhook = s.Telegram.WebhookHandler()
	}
	return bot.NewMux(r)
}

// telegramCommands is the command menu in each language, from the policy.
func telegramCommands() map[string][]telegram.Command {
	menu := func(lang policy.Lang) []telegram.Command {
		var cs []telegram.Command
		for _, c := range policy.Commands() {
			cs = append(cs, telegram.Command{Name: c.Name, Description: policy.Text(lang, c.Key, nil)})
		}
		return cs
	}
	return map[string][]telegram.Command{"": menu(policy.LangEnglish), "hi": menu(policy.LangHindi)}
}

// rejectReasons is the policy's rejection catalogue as the Slack modal shows it.
func rejectReasons() []slackad.RejectReason {
	var rs []slackad.RejectReason
	for _, r := range policy.RejectReasons() {
		rs = append(rs, slackad.RejectReason{Code: string(r.Code), Label: policy.Text(policy.LangEnglish, r.AgentLabel, nil)})
	}
	return rs
}
