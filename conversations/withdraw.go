package conversations

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// Callback actions of /status, bound to a case ("0:wd:<case>"): the
// server checks the case, not the step.
const (
	actWithdraw    = "wd"  // ask to confirm
	actWithdrawYes = "wdy" // confirmed
	actWithdrawNo  = "wdn" // kept
)

// statusClosedDays is how far back /status lists closed cases.
const statusClosedDays = 30

// Withdrawable reports whether the provider may still withdraw c: it is
// open or waiting for their answer, and no agent has approved any of it.
func Withdrawable(c Case) bool {
	return (c.State == policy.StateOpen || c.State == policy.StateWaitingProvider) && len(c.Approvals) == 0
}

// closedAt is when a final case reached its final state.
func closedAt(c Case) time.Time {
	if n := len(c.History); n > 0 {
		return c.History[n-1].At
	}
	return c.UpdatedAt
}

// statusList is /status: each open case with what it waits for (and a
// Withdraw button while no agent has decided), then each case closed in
// the last 30 days with its outcome.
func statusList(t *turn) {
	var open, closed []Case
	for _, c := range t.in.Cases {
		switch {
		case !c.State.Final():
			open = append(open, c)
		case t.in.Now.Sub(closedAt(c)) <= statusClosedDays*24*time.Hour:
			closed = append(closed, c)
		}
	}
	days := coins(statusClosedDays)
	if len(open)+len(closed) == 0 {
		if len(t.in.Cases) == 0 {
			t.send(t.text(policy.KeyStatusNone))
		} else {
			t.send(t.text(policy.KeyStatusNoneRecent, "days", days))
		}
		return
	}
	loc := t.in.Now.Location()
	var parts []string
	var rows [][]Button
	if len(open) > 0 {
		lines := []string{t.text(policy.KeyStatusOpenHeader, "count", coins(int64(len(open))))}
		for i, c := range open {
			if i == maxStatusCases {
				break
			}
			waits := policy.KeyStatusWaitsAgent
			switch c.State {
			case policy.StateWaitingProvider:
				waits = policy.KeyStatusWaitsYou
			case policy.StatePendingSecond:
				waits = policy.KeyStatusWaitsSecond
			}
			lines = append(lines, t.text(policy.KeyStatusOpenLine, "case", c.ID, "date", policy.FormatDate(c.CreatedAt, loc),
				"coins", coins(c.TotalCoins()), "waits", t.label(waits)))
			if Withdrawable(c) {
				rows = append(rows, []Button{caseButton(t.lang, policy.Msg(policy.KeyBtnWithdraw, "case", c.ID), actWithdraw, c.ID)})
			}
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	if len(closed) > 0 {
		lines := []string{t.text(policy.KeyStatusClosedHeader, "days", days)}
		for i, c := range closed {
			if i == maxStatusCases {
				break
			}
			lines = append(lines, t.text(policy.KeyStatusClosedLine, "case", c.ID, "date", policy.FormatDate(closedAt(c), loc),
				"state", t.label(policy.StateKey(c.State)), "coins", coins(c.Credited)))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	t.send(strings.Join(parts, "\n\n"), rows...)
}

// caseButton is a button bound to a case rather than to the step.
func caseButton(lang policy.Lang, label policy.Message, action, caseID string) Button {
	data, _ := Callback{Action: action, Arg: caseID}.Encode()
	return Button{Text: label.Render(lang, nil), Data: data}
}

// withdrawCallback runs the Withdraw, Yes and No buttons of /status.
func withdrawCallback(t *turn, cb Callback) {
	i := slices.IndexFunc(t.in.Cases, func(c Case) bool { return c.ID == cb.Arg })
	if i < 0 {
		t.out = stale(t)
		return
	}
	c := t.in.Cases[i]
	if !Withdrawable(c) {
		t.show(t.text(policy.KeyWithdrawNotAllowed, "case", c.ID, "state", t.label(policy.StateKey(c.State))))
		return
	}
	switch cb.Action {
	case actWithdraw:
		var ids []string
		for _, l := range c.Leads {
			ids = append(ids, l.LeadID)
		}
		t.show(t.text(policy.KeyWithdrawConfirm, "case", c.ID, "leads", strings.Join(ids, ", "), "coins", coins(c.TotalCoins())),
			[]Button{caseButton(t.lang, policy.Msg(policy.KeyBtnWithdrawYes), actWithdrawYes, c.ID),
				caseButton(t.lang, policy.Msg(policy.KeyBtnWithdrawNo), actWithdrawNo, c.ID)})
	case actWithdrawNo:
		t.show(t.text(policy.KeyWithdrawKept, "case", c.ID))
	case actWithdrawYes:
		if t.s.AnsweringCase == c.ID {
			t.s.Draft, t.s.AnsweringCase = Draft{}, ""
			t.advance(stepIdle)
		}
		t.out.Intent, t.out.CaseID = intentWithdraw, c.ID
	}
}

// withdraw commits a withdrawal: the case moves to withdrawn (only from
// open or waiting for the provider, checked in the transaction), its leads
// are free again, the card is updated (no buttons) with a line in its
// thread, and the provider is told, in one transaction with the session.
// A case an agent decided meanwhile is not withdrawn, and the provider is
// told its state.
func (e *Engine) withdraw(ctx context.Context, in stepIn, out *stepOut) error {
	s, id, pid := out.Session, out.CaseID, in.Provider.ID
	_, err := e.o.Store.Decide(ctx, Decision{CaseID: id, Expect: []policy.State{policy.StateOpen, policy.StateWaitingProvider},
		To: policy.StateWithdrawn, By: pid, At: in.Now,
		Owner: pid,
		Effects: func(c Case, _ int64) ([]OutboxMessage, error) {
			return withdrawEffects(c, e.channel(c), in.Now.In(e.o.Location), in.Event), nil
		},
		Session: &s, Inbound: inboundOf(in.Event)})
	var de *DecidedError
	switch {
	case errors.As(err, &de):
		r := Reply{Text: providerText(s.Language, policy.KeyWithdrawNotAllowed, "case", id,
			"state", policy.Text(s.Language, policy.StateKey(de.State), nil)), EditMessageID: in.Event.MessageID}
		return e.saveStep(ctx, in, s, []Reply{r})
	case err != nil:
		return fmt.Errorf("withdraw %s: %w", id, err)
	}
	e.log.Info("case withdrawn", "case_id", id, "provider_id", pid)
	return nil
}

// withdrawEffects: the card updated, a line in its thread, the provider
// told (the confirmation edited in place).
func withdrawEffects(c Case, channel string, at time.Time, ev Event) []OutboxMessage {
	r := Reply{Text: providerText(c.Language, policy.KeyWithdrawn, "case", c.ID)}
	if ev.Kind == EvCallback {
		r.EditMessageID = ev.MessageID
	}
	return []OutboxMessage{
		{Transport: Slack, Kind: OutSlackCardUpdate, Recipient: channel, CaseID: c.ID},
		{Transport: Slack, Kind: OutSlackThread, Recipient: channel, CaseID: c.ID,
			Text: agentText(policy.KeyCardWithdrawn, "time", at.Format("15:04"))},
		telegramReply(c.ChatID, c.ID, r),
	}
}
