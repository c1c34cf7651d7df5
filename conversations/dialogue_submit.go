package conversations

import (
	"errors"
	"slices"

	"github.com/rockerstop/refundbot/policy"
)

// submitEffects are the outbox records committed with a new case: the
// card in the agents' channel, one thread message carrying every file and
// every note of the evidence (evidenceMessages), and the provider's
// confirmation with the case ID (editing the
// summary message in place when Submit was a button).
func submitEffects(c Case, channel string, ev Event) []OutboxMessage {
	msgs := []OutboxMessage{{Transport: Slack, Kind: OutSlackCard, Recipient: channel, CaseID: c.ID}}
	msgs = append(msgs, evidenceMessages(c.ID, channel, policy.KeyThreadSubmitEvidence, c.Evidence)...)
	r := Reply{Text: policy.Msg(policy.KeySubmitted, "case", c.ID).Render(c.Language, EscapeHTML)}
	if ev.Kind == EvCallback {
		r.EditMessageID = ev.MessageID
	}
	return append(msgs, telegramReply(c.ChatID, c.ID, r))
}

// submitRefused is the step after storage refused a lead at submit (it
// entered another case, or was refunded, since it was checked): the lead
// leaves the draft, the provider is told why, and sees the summary again
// (or the lead prompt when no lead is left). It is pure.
func submitRefused(in stepIn, le *LeadError) stepOut {
	t := &turn{in: in, s: in.Session}
	t.s.UpdatedAt = in.Now
	t.lang = languageOf(in, t.s)
	t.s.Language = t.lang
	t.out.Write = true
	f := policy.LeadFacts{LeadID: le.LeadID, Found: true, Coins: 1}
	switch {
	case errors.Is(le.Err, ErrLeadRefunded):
		f.RefundedIn = le.CaseID
	case errors.Is(le.Err, ErrLeadReserved):
		f.OpenCase = le.CaseID
	default:
		f.Found = false
	}
	t.send(t.msg(policy.CheckLead(in.Policy, f, in.Now).Message))
	d := &t.s.Draft
	d.LeadIDs = slices.DeleteFunc(slices.Clone(d.LeadIDs), func(id string) bool { return id == le.LeadID })
	if len(d.LeadIDs) == 0 {
		promptLeads(t)
	} else {
		summary(t)
	}
	t.out.Session = t.s
	return t.out
}
