package slack

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
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
	case errors.Is(err, conversations.ErrOutcomeUnknown):
		// It may have gone through: never "nothing was changed".
		log.Warn("slack desk call unconfirmed", "error", err)
		return say(policy.KeyEphUnconfirmed)
	case errors.As(err, &de):
		return decidedText(de, a.opts.Location, a.now())
	case errors.Is(err, conversations.ErrNotApprover):
		return say(policy.KeyEphNotApprover)
	case errors.Is(err, conversations.ErrSameApprover):
		return say(policy.KeyEphSecondMustDiffer)
	case errors.Is(err, conversations.ErrNotFound):
		return say(policy.KeyEphNotFound)
	case errors.Is(err, conversations.ErrBadTransition), errors.Is(err, conversations.ErrAlreadyDecided):
		return say(policy.KeyEphCannotMove)
	case errors.Is(err, conversations.ErrInvalid):
		return say(policy.KeyEphInvalid)
	}
	log.Error("slack desk call failed", "error", err)
	return say(policy.KeyEphError)
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
	if k, ok := policy.AgentStateVerbKey(s); ok {
		return say(k)
	}
	return escape(strings.ReplaceAll(string(s), "_", " "))
}

// decidedText is "Already approved by <@U123> at 14:05", in loc; the date
// is added when it is not today.
func decidedText(de *conversations.DecidedError, loc *time.Location, now time.Time) string {
	verb := stateVerb(de.State)
	by := de.By != "" && de.By != "system"
	switch {
	case by && !de.At.IsZero():
		return say(policy.KeyEphAlreadyDecided, "state", verb, "mention", mention(de.By), "when", clock(de.At, loc, now))
	case by:
		return say(policy.KeyEphAlreadyBy, "state", verb, "mention", mention(de.By))
	case !de.At.IsZero():
		return say(policy.KeyEphAlreadyAt, "state", verb, "when", clock(de.At, loc, now))
	}
	return say(policy.KeyEphAlready, "state", verb)
}

// clock is "at 14:05" today, else "on 2 Jan at 14:05", in loc.
func clock(t time.Time, loc *time.Location, now time.Time) string {
	t, now = t.In(loc), now.In(loc)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return say(policy.KeyAgentAtTime, "time", t.Format("15:04"))
	}
	return onDate(t)
}

// onDate is "on 2 Jan at 14:05", t already in its location.
func onDate(t time.Time) string {
	return say(policy.KeyAgentOnDateAt, "date", t.Format("2 Jan"), "time", t.Format("15:04"))
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
