package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/rockerstop/refundbot/bot"
	slackad "github.com/rockerstop/refundbot/bot/slack"
	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"golang.org/x/time/rate"
)

// system is the running bot: the dialogue and the desk over the store, the
// Telegram and Slack adapters, the scheduled jobs and the outbox delivery
// worker.
type system struct {
	engine   *conversations.Engine
	desk     *conversations.DeskService
	telegram *telegram.Adapter
	slack    *slackad.Adapter
	delivery *bot.Delivery
	jobs     *bot.Scheduler
	contact  *bot.Contact
}

// wire builds the system of a serving app. Nothing here makes a network
// call; run starts the parts.
func (a *app) wire() (*system, error) {
	loc, err := a.cfg.Location()
	if err != nil {
		return nil, fmt.Errorf("timezone: %w", err)
	}
	s := &system{contact: &bot.Contact{}}
	pace, slackRate, slackBurst := bot.TelegramPace, rate.Limit(0), 0 // 0: the adapter's real pace
	if a.deps.FastPace {
		pace = bot.Pace{Overall: 1000, OverallBurst: 100, PerRecipient: 1000, Burst: 100}
		slackRate, slackBurst = 1000, 100
	}
	s.delivery = &bot.Delivery{
		Store:    a.store,
		Clock:    a.clock,
		Logger:   a.log,
		Paces:    map[conversations.Transport]bot.Pace{conversations.Telegram: pace},
		Poll:     a.deps.DeliveryPoll,
		Parallel: 64,
		Metrics:  a.metrics,
	}
	wake := s.delivery.Wake
	s.engine = conversations.NewEngine(conversations.EngineOptions{
		Store: a.store, Steps: a.store, Policy: a.cfg.Policy, Clock: a.clock, Logger: a.log,
		SlackChannel: a.cfg.Slack.Channel, Location: loc, OnCommit: wake,
	})
	s.desk = conversations.NewDesk(conversations.DeskOptions{
		Store: a.store, Policy: a.cfg.Policy, Approvers: a.cfg.Slack.Approvers, Clock: a.clock,
		Logger: a.log, OnCommit: wake, SlackChannel: a.cfg.Slack.Channel, Location: loc,
	})
	s.telegram, err = telegram.New(telegram.Options{
		Token: a.cfg.Telegram.Token, APIURL: a.cfg.Telegram.APIURL, Mode: a.cfg.Telegram.Mode,
		WebhookURL: a.cfg.Telegram.WebhookURL, WebhookSecret: a.cfg.Telegram.WebhookSecret,
		EvidenceDir: a.cfg.Storage.EvidenceDir, MaxFileBytes: policy.MaxFileBytes(a.cfg.Policy),
		Logger: a.log, Clock: a.clock, PollTimeout: a.deps.PollTimeout,
		// Chats handled at once. Steps wait mostly on fsync, and concurrent
		// steps share one group commit, so more chats in flight is more
		// steps a second for the same disk.
		Workers:     64,
		Replicated:  a.cfg.Storage.backend() == backendEtcd, // several replicas share the store (leader.go)
		ApologyText: policy.Text(policy.LangEnglish, policy.KeyApology, nil),
		Commands:    telegramCommands(),
		OnStep: func(took time.Duration, failed bool) {
			a.metrics.Updates.WithLabelValues("telegram").Inc()
			a.metrics.StepLatency.Observe(took.Seconds())
		},
		OnContact: func(at time.Time) { s.contact.Saw(conversations.Telegram, at) },
	}, s.engine, a.store)
	if err != nil {
		return nil, err
	}
	s.slack, err = slackad.New(slackad.Options{
		BotToken: a.cfg.Slack.BotToken, SigningSecret: a.cfg.Slack.SigningSecret,
		AppToken: a.cfg.Slack.AppToken, APIURL: a.cfg.Slack.APIURL, Mode: a.cfg.Slack.Mode,
		Channel: a.cfg.Slack.Channel, Approvers: a.cfg.Slack.Approvers, Agents: a.cfg.Slack.Agents,
		EvidenceDir: a.cfg.Storage.EvidenceDir, Logger: a.log, Clock: a.clock, Location: loc,
		Desk: s.desk, Cases: a.store, Lister: a.store, Wallets: a.store,
		RejectReasons: rejectReasons(), MarkOnce: a.store.MarkOnce,
		ChannelRate: slackRate, ChannelBurst: slackBurst,
	})
	if err != nil {
		return nil, err
	}
	if s.jobs, err = a.scheduler(s.desk, wake); err != nil {
		return nil, err
	}
	s.delivery.Senders = map[conversations.Transport]bot.Sender{
		conversations.Telegram: telegramSender{s.telegram.Sender(), s.contact, a.clock},
		conversations.Slack:    &slackSender{slack: s.slack, desk: s.desk, cards: a.store, contact: s.contact, clock: a.clock, loc: loc},
	}
	return s, nil
}

// routesBase is the part of the HTTP surface that needs no transport:
// health, readiness and metrics.
func (a *app) routesBase(s *system) bot.Routes {
	ready := &bot.Readiness{Outbox: a.store, Clock: a.clock, Contact: s.contact,
		MaxOutboxAge: 15 * time.Minute, MaxSilence: 5 * time.Minute, Leadership: a.lead}
	if a.cfg.Telegram.Mode != telegram.ModeWebhook {
		// A polling intake hears from Telegram at every long poll; Slack
		// and a webhook speak only when there is traffic, so for them the
		// outbox age stands in.
		ready.Transports = []conversations.Transport{conversations.Telegram}
	}
	return bot.Routes{Metrics: a.metrics, Stats: a.store, Ready: ready,
		MetricsElsewhere: a.cfg.HTTP.MetricsListen != ""}
}

// routes is the HTTP surface of a serving app on http.listen.
func (a *app) routes(s *system) http.Handler {
	r := a.routesBase(s)
	if a.cfg.API.Token != "" {
		r.PlatformAPI = bot.NewPlatformAPI(bot.APIOptions{
			Token: a.cfg.API.Token, Store: a.store, NormalizePhone: phoneNormalizer(a.cfg.Phone.DefaultRegion),
			Clock: a.clock, Logger: a.log,
		})
	}
	if a.cfg.Slack.Mode != slackad.ModeSocket {
		r.SlackInteractions = s.slack.InteractionsHandler()
		r.SlackCommands = s.slack.CommandsHandler()
		r.SlackEvents = s.slack.EventsHandler()
	}
	if a.cfg.Telegram.Mode == telegram.ModeWebhook {
		r.TelegramWebhook = s.telegram.WebhookHandler()
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

// telegramSender delivers Telegram outbox messages.
type telegramSender struct {
	s       *telegram.Sender
	contact *bot.Contact
	clock   conversations.Clock
}

func (t telegramSender) Send(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	ref, err := t.s.Send(ctx, m)
	if err == nil {
		t.contact.Saw(conversations.Telegram, t.clock.Now())
	}
	return ref, err
}

func (telegramSender) Classify(err error) (time.Duration, bool) { return telegram.Classify(err) }

// cardStore reads a case and records where its posted card lives.
type cardStore interface {
	Case(ctx context.Context, id string) (conversations.Case, error)
	SetCard(ctx context.Context, caseID, channel, ts string) error
}

// slackSender delivers Slack outbox messages, rendering cards from the
// case as it is now, so a card always shows the latest state.
type slackSender struct {
	slack   *slackad.Adapter
	desk    *conversations.DeskService
	cards   cardStore
	contact *bot.Contact
	clock   conversations.Clock
	loc     *time.Location
}

func (s *slackSender) Send(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	var (
		c    conversations.Case
		info slackad.CardInfo
	)
	switch {
	case m.Kind == conversations.OutSlackCard || m.Kind == conversations.OutSlackCardUpdate:
		// Only a card needs the provider, findings and history.
		v, err := s.desk.CaseView(ctx, m.CaseID)
		if err != nil {
			return "", err
		}
		c, info = cardOf(v, s.loc)
	case m.CaseID != "":
		var err error
		if c, err = s.cards.Case(ctx, m.CaseID); err != nil {
			return "", err
		}
	}
	ref, err := s.slack.Send(ctx, m, c, info)
	if err != nil {
		return "", err
	}
	s.contact.Saw(conversations.Slack, s.clock.Now())
	if m.Kind == conversations.OutSlackCard {
		// A failure here retries the post: a duplicate card is acceptable,
		// a card whose updates cannot find it is not.
		if err := s.cards.SetCard(ctx, m.CaseID, m.Recipient, ref); err != nil {
			return "", fmt.Errorf("record card of %s: %w", m.CaseID, err)
		}
	}
	return ref, nil
}

func (*slackSender) Classify(err error) (time.Duration, bool) { return slackad.Classify(err) }

// cardOf turns the desk's view of a case into what the card renders:
// answers shown as the policy words them in English, findings by level.
func cardOf(v conversations.CaseView, loc *time.Location) (conversations.Case, slackad.CardInfo) {
	c := v.Case
	info := slackad.CardInfo{
		ProviderName: v.Provider.Name, ProviderID: v.Provider.ID, Phone: v.Provider.Phone,
		LinkedSince: v.Provider.LinkedAt, AnswerLabel: map[string]string{},
		Cases30: v.Cases30, Refunds30: v.Refunds30, Cases90: v.Cases90, Refunds90: v.Refunds90,
		RefundRate: v.RefundRate, ApprovalsNeeded: v.ApprovalsNeeded, Location: loc,
	}
	if r, ok := policy.ReasonByCode(c.Reason); ok {
		info.ReasonLabel = policy.Text(policy.LangEnglish, r.Title, nil)
	}
	if r, ok := policy.RejectReasonByCode(policy.RejectCode(c.RejectReason)); ok {
		info.RejectLabel = policy.Text(policy.LangEnglish, r.AgentLabel, nil)
	}
	answers := make(map[string]string, len(c.Answers))
	for q, val := range c.Answers {
		label, text := policy.AnswerText(policy.LangEnglish, c.Reason, q, val)
		info.AnswerLabel[q] = label
		answers[q] = text
	}
	c.Answers = answers
	for _, f := range v.Findings {
		level := map[policy.Level]string{policy.LevelPass: "ok", policy.LevelWarn: "warn", policy.LevelFail: "block"}[f.Level]
		info.Findings = append(info.Findings, slackad.Finding{Level: level, Text: f.Message})
	}
	return c, info
}
