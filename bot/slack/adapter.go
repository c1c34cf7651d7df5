// Package slack is refundbot's Slack adapter: the agents' desk. It verifies
// and parses Slack's requests (HTTP interactions, slash commands, events,
// or Socket Mode), turns button clicks and modal submissions into calls of
// conversations.Desk, renders the case card and its modals in Block Kit,
// and delivers the Slack outbox messages. All deciding happens in the Desk;
// this package only translates.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"github.com/rockerstop/refundbot/conversations"
)

// Modes of receiving Slack's requests.
const (
	ModeHTTP   = "http"
	ModeSocket = "socket"
)

// CaseReader reads one case (the Desk re-reads it too; this is for modals
// and the card). *storage.DB implements it.
type CaseReader interface {
	Case(ctx context.Context, id string) (conversations.Case, error)
}

// CaseLister lists cases for /refund. *storage.DB implements it.
type CaseLister interface {
	// Cases lists a provider's cases, newest first.
	Cases(ctx context.Context, providerID string) ([]conversations.Case, error)
	// OpenCases lists cases that are not final, oldest first.
	OpenCases(ctx context.Context) ([]conversations.Case, error)
}

// WalletReader reads a provider's wallet for /refund. *storage.DB implements it.
type WalletReader interface {
	Wallet(ctx context.Context, providerID string) (conversations.Wallet, error)
}

// RejectReason is one entry of the policy's rejection catalogue.
type RejectReason struct {
	Code  string // stored in the case; at most 150 characters
	Label string // shown to agents; at most 75 characters
}

// Options configures the adapter. BotToken, SigningSecret (HTTP mode),
// Desk, Cases and at least one RejectReason are required.
type Options struct {
	BotToken      string
	SigningSecret string
	AppToken      string // xapp- token, Socket Mode only
	APIURL        string // Web API base, ending in "/"; default Slack's
	Mode          string // ModeHTTP (default) or ModeSocket
	Channel       string // where cards are posted when a message names none
	// Approvers are the Slack user IDs allowed to decide, as configured;
	// the verdict on a user is Desk.CanDecide's, never this list's.
	Approvers []string
	// Agents may look cases and wallets up with /refund but not decide;
	// approvers may too, and nobody else.
	Agents []string
	// EvidenceDir holds evidence files named by their SHA-256: a cache of
	// this replica's.
	EvidenceDir string
	// Evidence, when set, fetches a file again from the chat it came from
	// when EvidenceDir lacks it (another replica downloaded it); the bytes
	// are kept and uploaded only when their SHA-256 is the file's name.
	// Nil: a missing file fails the upload for good.
	Evidence   EvidenceSource
	Logger     *slog.Logger
	Clock      conversations.Clock
	HTTPClient *http.Client
	// Foreground, when set, is called as an interaction or slash command
	// arriving over Socket Mode starts and its result when it is answered
	// (over HTTP the mux counts them): the delivery worker holds its
	// passes while an agent waits (bot.Foreground).
	Foreground func() (done func())
	// Location formats times shown to agents; default UTC.
	Location *time.Location

	Desk          conversations.Desk
	Cases         CaseReader
	Lister        CaseLister    // optional: /refund queue and provider lookups
	Wallets       WalletReader  // optional: /refund <provider>
	Similar       SimilarFinder // optional: "Decide similar…"
	RejectReasons []RejectReason
	// MarkOnce records an idempotency key and reports whether it is new
	// (InboxStore.MarkOnce); Events API deliveries are deduplicated by
	// event_id through it. Nil disables deduplication.
	MarkOnce func(ctx context.Context, key string, at time.Time) (bool, error)
	// ChannelRate and ChannelBurst pace chat.postMessage per channel;
	// default SlackLimits' 1/s, burst 3.
	ChannelRate  rate.Limit
	ChannelBurst int
	// Limits pace each Web API method; nil is SlackLimits. A method not
	// listed is paced as Tier 3.
	Limits map[string]Limit
	// OnInteraction, when set, is told how long each interaction request
	// took, from its handler starting to the acknowledgement written.
	OnInteraction func(took time.Duration)
	// PaceNow is the time pacing counts in; time.Now when nil. Slack's
	// limits are on the wall clock even when Clock is simulated.
	PaceNow func() time.Time
}

// Adapter is the Slack desk. Its handlers are safe for concurrent use.
type Adapter struct {
	opts Options
	api  *slackapi.Client
	log  *slog.Logger

	// followups tracks the ephemeral answers sent after an acknowledgement.
	followups sync.WaitGroup

	pace *pacer
}

// New checks opts and builds an adapter.
func New(opts Options) (*Adapter, error) {
	switch {
	case opts.BotToken == "":
		return nil, errors.New("slack: bot token is required")
	case opts.Mode == "":
		opts.Mode = ModeHTTP
	}
	switch {
	case opts.Mode != ModeHTTP && opts.Mode != ModeSocket:
		return nil, fmt.Errorf("slack: mode %q is not %s or %s", opts.Mode, ModeHTTP, ModeSocket)
	case opts.Mode == ModeHTTP && opts.SigningSecret == "":
		return nil, errors.New("slack: signing secret is required in http mode")
	case opts.Mode == ModeSocket && opts.AppToken == "":
		return nil, errors.New("slack: app token is required in socket mode")
	case opts.Desk == nil || opts.Cases == nil:
		return nil, errors.New("slack: desk and case reader are required")
	case len(opts.RejectReasons) == 0 || len(opts.RejectReasons) > 100:
		return nil, errors.New("slack: 1 to 100 reject reasons are required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Clock == nil {
		opts.Clock = conversations.SystemClock{}
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	limits := maps.Clone(opts.Limits)
	if limits == nil {
		limits = maps.Clone(SlackLimits)
	}
	if opts.ChannelRate != 0 {
		limits[MethodPostMessage] = Limit{Rate: opts.ChannelRate, Burst: max(opts.ChannelBurst, 1), PerChannel: true}
	}
	if opts.PaceNow == nil {
		opts.PaceNow = time.Now
	}
	var clientOpts []slackapi.Option
	if opts.APIURL != "" {
		clientOpts = append(clientOpts, slackapi.OptionAPIURL(opts.APIURL))
	}
	if opts.HTTPClient == nil {
		// slack-go's default is a bare http.Client, which keeps 2 idle
		// connections: see IdleConnsPerHost.
		opts.HTTPClient = &http.Client{Transport: apiTransport()}
	}
	clientOpts = append(clientOpts, slackapi.OptionHTTPClient(opts.HTTPClient))
	if opts.AppToken != "" {
		clientOpts = append(clientOpts, slackapi.OptionAppLevelToken(opts.AppToken))
	}
	return &Adapter{
		opts: opts,
		api:  slackapi.New(opts.BotToken, clientOpts...),
		log:  opts.Logger.With("component", "slack"),
		pace: newPacer(limits, opts.PaceNow),
	}, nil
}

// Wait blocks until every follow-up message started by a handler has been
// sent or given up. Call it after the HTTP server and Socket Mode stopped.
func (a *Adapter) Wait() { a.followups.Wait() }

// isApprover reports whether user may decide refunds, by the desk's one
// approver rule. It only spares a refused agent a form: every decision is
// checked again by the desk, inside its transaction.
func (a *Adapter) isApprover(user string) bool { return a.opts.Desk.CanDecide(user) }

// onDesk reports whether user may look things up with /refund: an
// approver or a listed agent.
func (a *Adapter) onDesk(user string) bool {
	return slices.Contains(a.opts.Agents, user) || a.isApprover(user)
}

func (a *Adapter) now() time.Time { return a.opts.Clock.Now() }
