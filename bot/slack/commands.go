package slack

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

var caseIDPattern = regexp.MustCompile(`^RF-[0-9]{1,12}$`)

const (
	maxQueueLines   = 25
	maxProviderCase = 10
	maxWalletLines  = 5
)

// CommandsHandler serves POST /slack/commands: the /refund command. The
// answer is ephemeral, in the response body. A bad signature gets 401.
func (a *Adapter) CommandsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := a.verified(w, r); !ok {
			return
		}
		sc, err := slackapi.SlashCommandParse(r)
		if err != nil {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		a.writeJSON(w, a.command(r.Context(), sc))
	})
}

// command answers one slash command, from HTTP or Socket Mode.
func (a *Adapter) command(ctx context.Context, sc slackapi.SlashCommand) *slackapi.Msg {
	reply := func(text string) *slackapi.Msg {
		return &slackapi.Msg{ResponseType: slackapi.ResponseTypeEphemeral, Text: text}
	}
	if sc.Command != "/refund" {
		return reply(say(policy.KeySlashUnknown))
	}
	if !a.onDesk(sc.UserID) {
		// Wallets and cases are the desk's data: nobody else in the
		// workspace sees them, not even whether a provider exists.
		a.log.Info("slack /refund refused: not an approver or agent", "user", sc.UserID)
		return reply(notOnDeskText(a.opts.Approvers))
	}
	arg := strings.TrimSpace(sc.Text)
	if f := strings.Fields(arg); len(f) > 0 {
		arg = f[0]
	}
	up := strings.ToUpper(arg)
	log := a.log.With("user", sc.UserID, "command", "/refund")
	switch {
	case arg == "" || strings.EqualFold(arg, "help"):
		return reply(say(policy.KeySlashUsage))
	case strings.EqualFold(arg, "queue"):
		return a.queueReply(ctx, a.queueText(ctx, log))
	case caseIDPattern.MatchString(up):
		c, err := a.opts.Cases.Case(ctx, up)
		if err != nil {
			return reply(a.lookupFailed(log, err, up))
		}
		return reply(a.caseSummary(c))
	default:
		return reply(a.providerText(ctx, log, arg))
	}
}

func (a *Adapter) lookupFailed(log *slog.Logger, err error, what string) string {
	if errors.Is(err, conversations.ErrNotFound) {
		return say(policy.KeySlashNotFound, "what", escape(truncate(what, 40)))
	}
	log.Error("slack /refund lookup failed", "error", err)
	return say(policy.KeyEphError)
}

// caseSummary is a short text view of a case.
func (a *Adapter) caseSummary(c conversations.Case) string {
	loc := a.opts.Location
	var b strings.Builder
	b.WriteString(say(policy.KeySlashCaseSummary, "case", escape(c.ID), "coins", coins(c.TotalCoins()), "state", stateLabel(c.State),
		"provider_id", escape(c.ProviderID), "reason", escape(string(c.Reason)), "date", c.CreatedAt.In(loc).Format("2 Jan 15:04")))
	for _, l := range c.Leads {
		b.WriteString("\n" + say(policy.KeySlashCaseLead, "lead", escape(l.LeadID), "coins", coins(l.Coins), "decision", escape(string(l.Decision))))
	}
	if c.Credited > 0 {
		b.WriteString("\n" + say(policy.KeySlashCaseCredited, "coins", coins(c.Credited)))
	}
	return truncate(b.String(), maxSectionChars)
}

func (a *Adapter) queueText(ctx context.Context, log *slog.Logger) string {
	if a.opts.Lister == nil {
		return say(policy.KeySlashQueueOff)
	}
	open, err := a.opts.Lister.OpenCases(ctx)
	if err != nil {
		return a.lookupFailed(log, err, "queue")
	}
	if len(open) == 0 {
		return say(policy.KeySlashQueueEmpty)
	}
	now := a.now()
	var b strings.Builder
	b.WriteString(say(policy.KeySlashQueueHead, "count", strconv.Itoa(len(open))))
	for i, c := range open {
		if i == maxQueueLines {
			b.WriteString("\n" + say(policy.KeySlashAndMore, "count", strconv.Itoa(len(open)-i)))
			break
		}
		b.WriteString("\n" + say(policy.KeySlashQueueLine, "case", escape(c.ID), "coins", coins(c.TotalCoins()),
			"state", stateLabel(c.State), "age", age(now.Sub(c.CreatedAt))))
	}
	return b.String()
}

func (a *Adapter) providerText(ctx context.Context, log *slog.Logger, id string) string {
	if a.opts.Wallets == nil || a.opts.Lister == nil {
		return say(policy.KeySlashUsage)
	}
	w, err := a.opts.Wallets.Wallet(ctx, id)
	if err != nil {
		return a.lookupFailed(log, err, id)
	}
	cases, err := a.opts.Lister.Cases(ctx, id)
	if err != nil {
		return a.lookupFailed(log, err, id)
	}
	var b strings.Builder
	b.WriteString(say(policy.KeySlashWalletHead, "provider_id", escape(w.ProviderID), "coins", coins(w.Balance)))
	start := max(0, len(w.Entries)-maxWalletLines)
	for _, e := range w.Entries[start:] {
		b.WriteString("\n" + say(policy.KeySlashWalletLine, "kind", escape(string(e.Kind)), "coins", coins(e.Coins),
			"ref", escape(e.Ref), "date", e.At.In(a.opts.Location).Format("2 Jan")))
	}
	b.WriteString("\n" + say(policy.KeySlashCasesHead, "count", strconv.Itoa(len(cases))))
	for i, c := range cases {
		if i == maxProviderCase {
			b.WriteString("\n" + say(policy.KeySlashAndMore, "count", strconv.Itoa(len(cases)-i)))
			break
		}
		b.WriteString("\n" + say(policy.KeySlashCaseLine, "case", escape(c.ID), "coins", coins(c.TotalCoins()), "state", stateLabel(c.State)))
	}
	return truncate(b.String(), maxSectionChars)
}

// notOnDeskText is the refusal of /refund to someone who is neither an
// approver nor an agent; it names the approvers to ask.
func notOnDeskText(approvers []string) string {
	if len(approvers) == 0 {
		return say(policy.KeySlashNotOnDesk)
	}
	mentions := make([]string, 0, len(approvers))
	for _, u := range approvers {
		mentions = append(mentions, "<@"+u+">")
	}
	return say(policy.KeySlashNotOnDeskAsk, "approvers", strings.Join(mentions, ", "))
}
