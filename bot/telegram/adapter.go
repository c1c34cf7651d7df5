// Package telegram is the Telegram transport of refundbot: it receives
// updates (long polling or webhook) durably, turns them into
// conversations events handled in order per chat, and sends replies.
//
// Intake is owned here rather than by go-telegram/bot, whose poller and
// webhook handler acknowledge updates before any handler has run: every
// update is saved with InboxStore.SaveInbound before the getUpdates offset
// moves past it or the webhook answers 200. Its event carries the update's
// Source and UpdateID, and the dialogue marks it handled in the same
// commit as the step it causes; an update no step committed (unparsable,
// or the step failed) is marked InboundDone by the adapter. Updates saved
// but not handled are replayed by the next Run.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// Modes of intake.
const (
	ModePolling = "polling"
	ModeWebhook = "webhook"
)

// Command is one entry of the bot's command menu.
type Command struct {
	Name        string // 1–32 of a-z, 0-9, _
	Description string // 1–256 characters
}

// Options configures an Adapter. Token and EvidenceDir are required;
// webhook mode also needs WebhookURL and WebhookSecret.
type Options struct {
	Token  string
	APIURL string // default https://api.telegram.org
	Mode   string // ModePolling (default) or ModeWebhook
	// WebhookURL is registered with setWebhook; Telegram then sends
	// WebhookSecret in X-Telegram-Bot-Api-Secret-Token.
	WebhookURL, WebhookSecret string
	// EvidenceDir receives downloaded files, named by their SHA-256.
	EvidenceDir string
	// MaxFileBytes is the largest file taken (default 20 MB, Telegram's
	// getFile limit); a bigger one becomes FileTooBig without a download.
	MaxFileBytes int64
	Logger       *slog.Logger
	Clock        conversations.Clock
	// HTTPClient makes every API call; its Timeout must exceed PollTimeout.
	HTTPClient  *http.Client
	PollTimeout time.Duration // long-poll wait, default 30s
	// Workers bounds how many chats are handled at once (default 8).
	Workers int
	// HandleTimeout bounds the handling of one update (default 30s).
	HandleTimeout time.Duration
	// ApologyText is sent, as plain text, to a provider whose update could
	// not be handled; default policy.KeyTelegramApology in English (the
	// provider's language may be what could not be read). The catalogue
	// is static tables, so rendering it cannot fail.
	ApologyText string
	// Commands is the command menu per language code ("" is the default).
	Commands map[string][]Command
	// OnStep, when set, is told how long each update took to handle, from
	// decoding to the dialogue's commit, and whether it failed (metrics).
	OnStep func(took time.Duration, failed bool)
	// OnContact, when set, is told each time Telegram answered a long poll
	// or accepted a message of the adapter's Sender (readiness).
	OnContact func(at time.Time)
	// Replicated: several serve replicas share the store and only the
	// leader runs Run (replicated.go). In webhook mode every replica's
	// WebhookHandler then saves an update and answers 200 without handling
	// it, and the running adapter hands the saved updates to the dialogue
	// in update order every PendingPoll (default 200ms), so that a chat's
	// updates keep their order whichever replica took them.
	Replicated  bool
	PendingPoll time.Duration
}

// Adapter receives Telegram updates and hands them to the dialogue.
type Adapter struct {
	opts     Options
	bot      *bot.Bot
	sender   *Sender
	dialogue conversations.Dialogue
	inbox    conversations.InboxStore
	log      *slog.Logger
	clock    conversations.Clock
	http     *http.Client
	// disp is the running dispatcher, nil outside Run (webhook calls are
	// then refused with 503 so Telegram retries them).
	disp atomic.Pointer[dispatcher]
	// username is the bot's username from getMe, nil until known.
	username atomic.Pointer[string]
}

func (o *Options) withDefaults() error {
	if o.Token == "" {
		return errors.New("telegram: token is empty")
	}
	if o.APIURL == "" {
		o.APIURL = "https://api.telegram.org"
	}
	switch o.Mode {
	case "":
		o.Mode = ModePolling
	case ModePolling:
	case ModeWebhook:
		if o.WebhookURL == "" || o.WebhookSecret == "" {
			return errors.New("telegram: webhook mode needs webhook_url and webhook_secret")
		}
	default:
		return fmt.Errorf("telegram: mode %q is neither polling nor webhook", o.Mode)
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = 20 << 20
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = conversations.SystemClock{}
	}
	if o.PollTimeout <= 0 {
		o.PollTimeout = 30 * time.Second
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: o.PollTimeout + 15*time.Second, Transport: apiTransport()}
	}
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.HandleTimeout <= 0 {
		o.HandleTimeout = 30 * time.Second
	}
	if o.ApologyText == "" {
		o.ApologyText = policy.Text(policy.LangEnglish, policy.KeyTelegramApology, nil)
	}
	return nil
}

// newBot builds the API client; it makes no call.
func newBot(o Options) (*bot.Bot, error) {
	b, err := bot.New(o.Token,
		bot.WithServerURL(o.APIURL),
		bot.WithSkipGetMe(),
		bot.WithHTTPClient(o.PollTimeout, o.HTTPClient),
		// Never used for dispatch; replaced so that no update is ever
		// printed by the library's default handler.
		bot.WithDefaultHandler(func(context.Context, *bot.Bot, *models.Update) {}),
		bot.WithErrorsHandler(func(err error) {
			o.Logger.Debug("telegram client", "component", "telegram", "err", err)
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: new client: %w", err)
	}
	return b, nil
}

// New builds an adapter. It makes no network call; Run does.
func New(opts Options, dialogue conversations.Dialogue, inbox conversations.InboxStore) (*Adapter, error) {
	if err := opts.withDefaults(); err != nil {
		return nil, err
	}
	if opts.EvidenceDir == "" {
		return nil, errors.New("telegram: evidence dir is empty")
	}
	b, err := newBot(opts)
	if err != nil {
		return nil, err
	}
	return &Adapter{
		opts:     opts,
		bot:      b,
		sender:   &Sender{bot: b, keyboards: map[int64]int{}, clock: opts.Clock, onContact: opts.OnContact},
		dialogue: dialogue,
		inbox:    inbox,
		log:      opts.Logger.With("component", "telegram"),
		clock:    opts.Clock,
		http:     opts.HTTPClient,
	}, nil
}

// Sender returns the adapter's sender, for the outbox delivery worker.
func (a *Adapter) Sender() *Sender { return a.sender }

// Run replays updates saved but not handled, registers the command menu,
// then receives updates until ctx ends: in polling mode it removes any
// webhook and long-polls; in webhook mode it registers the webhook and
// lets WebhookHandler receive. When ctx ends, Run stops taking updates,
// waits for the updates being handled and returns nil; updates still
// queued stay saved and are replayed by the next Run. An error is
// returned only when the inbox cannot be read at start.
func (a *Adapter) Run(ctx context.Context) error {
	d := newDispatcher(context.WithoutCancel(ctx), ctx.Done(), a.opts.Workers, a.handle)
	pending, err := a.inbox.PendingInbound(ctx)
	if err != nil {
		return fmt.Errorf("telegram: read pending updates: %w", err)
	}
	replayed := map[int64]bool{}
	for _, in := range pending {
		if in.Source == conversations.Telegram {
			d.enqueue(in)
			replayed[in.ID] = true
		}
	}
	if len(pending) > 0 {
		a.log.Info("replaying saved updates", "count", len(pending))
	}
	a.registerCommands(ctx)
	learned := make(chan struct{})
	go func() { defer close(learned); a.learnUsername(ctx) }()
	defer func() { <-learned }()
	a.disp.Store(d)
	if a.opts.Mode == ModeWebhook {
		a.setWebhook(ctx)
		a.awaitWebhook(ctx, d) // replicated.go
	} else {
		a.poll(ctx, d, replayed)
	}
	a.disp.Store(nil)
	d.stop()
	return nil
}
