package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// Texts shown to agents.
const (
	textNotApprover  = "You are not an approver for refunds."
	textNotFound     = "That case does not exist."
	textCannotMove   = "This case cannot change in its current state."
	textInvalid      = "That is not possible for this case."
	textSameApprover = "You gave the first approval; the second must come from another approver."
	textFailed       = "That did not work; nothing was changed. Please try again in a moment."
)

// followupTimeout bounds one ephemeral answer sent after the acknowledgement.
const followupTimeout = 10 * time.Second

// replyTo is where an ephemeral answer to an agent goes: the interaction's
// response_url when there is one, else chat.postEphemeral.
type replyTo struct {
	responseURL, channel, user string
}

// tell sends text to the agent ephemerally, after the request has been
// acknowledged. It is a courtesy: the decision itself is committed and the
// card update is in the outbox, so a lost ephemeral loses nothing.
func (a *Adapter) tell(ctx context.Context, to replyTo, text string) {
	base := context.WithoutCancel(ctx)
	a.followups.Go(func() {
		ctx, cancel := context.WithTimeout(base, followupTimeout)
		defer cancel()
		var err error
		switch {
		case to.responseURL != "":
			_, _, err = a.api.PostMessageContext(ctx, to.channel,
				slackapi.MsgOptionResponseURL(to.responseURL, slackapi.ResponseTypeEphemeral),
				slackapi.MsgOptionText(text, false))
		case to.channel != "":
			err = a.call(ctx, MethodPostEphemeral, to.channel, func() error {
				_, err := a.api.PostEphemeralContext(ctx, to.channel, to.user, slackapi.MsgOptionText(text, false))
				return err
			})
		default:
			return
		}
		if err != nil {
			a.log.Warn("slack ephemeral not delivered", "user", to.user, "error", err)
		}
	})
}

// explain translates a Desk error into text for the agent, in one place.
// err.Error() never reaches Slack; unexpected errors are logged here.
func (a *Adapter) explain(log *slog.Logger, err error) string {
	var de *conversations.DecidedError
	switch {
	case errors.As(err, &de):
		return decidedText(de, a.opts.Location, a.now())
	case errors.Is(err, conversations.ErrNotApprover):
		return textNotApprover
	case errors.Is(err, conversations.ErrSameApprover):
		return textSameApprover
	case errors.Is(err, conversations.ErrNotFound):
		return textNotFound
	case errors.Is(err, conversations.ErrBadTransition), errors.Is(err, conversations.ErrAlreadyDecided):
		return textCannotMove
	case errors.Is(err, conversations.ErrInvalid):
		return textInvalid
	}
	log.Error("slack desk call failed", "error", err)
	return textFailed
}

var userIDPattern = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}$`)

// mention renders a Slack user ID as a mention, anything else escaped.
func mention(by string) string {
	if userIDPattern.MatchString(by) {
		return "<@" + by + ">"
	}
	return escape(by)
}

// stateVerb names a state in "Already <verb> by ...".
func stateVerb(s policy.State) string {
	switch s {
	case policy.StatePartlyApproved:
		return "partly approved"
	case policy.StateWaitingProvider:
		return "sent back to the provider"
	case policy.StatePendingSecond:
		return "approved once"
	}
	return strings.ReplaceAll(string(s), "_", " ")
}

// decidedText is "Already approved by <@U123> at 14:05", in loc; the date
// is added when it is not today.
func decidedText(de *conversations.DecidedError, loc *time.Location, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Already %s", stateVerb(de.State))
	if de.By != "" && de.By != "system" {
		fmt.Fprintf(&b, " by %s", mention(de.By))
	}
	if !de.At.IsZero() {
		b.WriteString(" " + clock(de.At, loc, now))
	}
	b.WriteString(".")
	return b.String()
}

// clock is "at 14:05" today, else "on 2 Jan at 14:05", in loc.
func clock(t time.Time, loc *time.Location, now time.Time) string {
	t, now = t.In(loc), now.In(loc)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return "at " + t.Format("15:04")
	}
	return "on " + t.Format("2 Jan at 15:04")
}

// decidedFromCase says who moved c into its current state, from its history.
func (a *Adapter) decidedFromCase(c conversations.Case) *conversations.DecidedError {
	de := &conversations.DecidedError{CaseID: c.ID, State: c.State}
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].To == c.State {
			de.By, de.At = c.History[i].By, c.History[i].At
			break
		}
	}
	return de
}
