package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
)

var caseIDPattern = regexp.MustCompile(`^RF-[0-9]{1,12}$`)

const (
	maxQueueLines   = 25
	maxProviderCase = 10
	maxWalletLines  = 5
	textUsage       = "Usage: `/refund RF-12` shows a case, `/refund P-1001` a provider's wallet and cases, `/refund queue` the open cases by age."
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
		return reply("Unknown command.")
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
		return reply(textUsage)
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
		return fmt.Sprintf("Nothing found for `%s`.", escape(truncate(what, 40)))
	}
	log.Error("slack /refund lookup failed", "error", err)
	return textFailed
}

// caseSummary is a short text view of a case.
func (a *Adapter) caseSummary(c conversations.Case) string {
	loc := a.opts.Location
	var b strings.Builder
	fmt.Fprintf(&b, "*%s* · %s coins · %s\nProvider `%s` · reason %s · opened %s",
		escape(c.ID), coins(c.TotalCoins()), stateLabel(c.State), escape(c.ProviderID), escape(string(c.Reason)),
		c.CreatedAt.In(loc).Format("2 Jan 15:04"))
	for _, l := range c.Leads {
		fmt.Fprintf(&b, "\n• `%s` · %s coins · %s", escape(l.LeadID), coins(l.Coins), escape(string(l.Decision)))
	}
	if c.Credited > 0 {
		fmt.Fprintf(&b, "\nCredited: %s coins", coins(c.Credited))
	}
	return truncate(b.String(), maxSectionChars)
}

func (a *Adapter) queueText(ctx context.Context, log *slog.Logger) string {
	if a.opts.Lister == nil {
		return "The queue is not available."
	}
	open, err := a.opts.Lister.OpenCases(ctx)
	if err != nil {
		return a.lookupFailed(log, err, "queue")
	}
	if len(open) == 0 {
		return "No open cases."
	}
	now := a.now()
	var b strings.Builder
	fmt.Fprintf(&b, "*Open cases (%d), oldest first*", len(open))
	for i, c := range open {
		if i == maxQueueLines {
			fmt.Fprintf(&b, "\n…and %d more", len(open)-i)
			break
		}
		fmt.Fprintf(&b, "\n• *%s* · %s coins · %s · %s old", escape(c.ID), coins(c.TotalCoins()), stateLabel(c.State), age(now.Sub(c.CreatedAt)))
	}
	return b.String()
}

func (a *Adapter) providerText(ctx context.Context, log *slog.Logger, id string) string {
	if a.opts.Wallets == nil || a.opts.Lister == nil {
		return textUsage
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
	fmt.Fprintf(&b, "*Wallet of `%s`:* %s coins", escape(w.ProviderID), coins(w.Balance))
	start := max(0, len(w.Entries)-maxWalletLines)
	for _, e := range w.Entries[start:] {
		fmt.Fprintf(&b, "\n• %s %s coins · %s · %s", escape(string(e.Kind)), coins(e.Coins), escape(e.Ref), e.At.In(a.opts.Location).Format("2 Jan"))
	}
	fmt.Fprintf(&b, "\n*Cases (%d)*", len(cases))
	for i, c := range cases {
		if i == maxProviderCase {
			fmt.Fprintf(&b, "\n…and %d more", len(cases)-i)
			break
		}
		fmt.Fprintf(&b, "\n• *%s* · %s coins · %s", escape(c.ID), coins(c.TotalCoins()), stateLabel(c.State))
	}
	return truncate(b.String(), maxSectionChars)
}

// notOnDeskText is the refusal of /refund to someone who is neither an
// approver nor an agent; it names the approvers to ask.
func notOnDeskText(approvers []string) string {
	const base = "Only the refund desk (approvers and agents listed in slack.agents) can use `/refund`."
	if len(approvers) == 0 {
		return base + " Ask your support lead to add you."
	}
	mentions := make([]string, 0, len(approvers))
	for _, u := range approvers {
		mentions = append(mentions, "<@"+u+">")
	}
	return base + " Ask an approver: " + strings.Join(mentions, ", ") + "."
}
