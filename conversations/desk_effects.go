package conversations

import (
	"strconv"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// agentText renders an agent text (English mrkdwn), raw values escaped.
func agentText(key policy.Key, nameValues ...string) string {
	return policy.Msg(key, nameValues...).Render(policy.LangEnglish, EscapeMrkdwn)
}

// providerText renders a provider text in lang, raw values escaped.
func providerText(lang policy.Lang, key policy.Key, nameValues ...string) string {
	return policy.Msg(key, nameValues...).Render(lang, EscapeHTML)
}

func (d *DeskService) channel(c Case) string {
	if c.CardChannel != "" {
		return c.CardChannel
	}
	return d.o.SlackChannel
}

func (d *DeskService) clock(t time.Time) string { return t.In(d.o.Location).Format("15:04") }

// slackLine is a card update plus a line in the card's thread.
func (d *DeskService) slackLine(c Case, line string) []OutboxMessage {
	ch := d.channel(c)
	return []OutboxMessage{
		{Transport: Slack, Kind: OutSlackCardUpdate, Recipient: ch, CaseID: c.ID},
		{Transport: Slack, Kind: OutSlackThread, Recipient: ch, CaseID: c.ID, Text: line},
	}
}

func (d *DeskService) firstApprovalEffects(c Case, agent string, st policy.ApprovalStep) []OutboxMessage {
	return d.slackLine(c, agentText(policy.KeyCardApprovals,
		"have", strconv.Itoa(st.Have), "need", strconv.Itoa(st.Need), "by", agent))
}

// outcomeEffects tell both sides a final decision: the card and its
// thread, and the provider in their language (coins and new balance;
// which leads and why not the others; or the rejection's reason, note and
// what next).
func (d *DeskService) outcomeEffects(c Case, agent, note string, balance int64) []OutboxMessage {
	var approved, refused []string
	for _, l := range c.Leads {
		if l.Decision == policy.LeadApproved {
			approved = append(approved, l.LeadID)
		} else {
			refused = append(refused, l.LeadID)
		}
	}
	at := d.clock(c.UpdatedAt)
	lang := c.Language
	noteBlock := ""
	if note != "" {
		noteBlock = providerText(lang, policy.KeyOutcomeNote, "note", note)
	}
	var line, text string
	switch c.State {
	case policy.StateApproved:
		line = agentText(policy.KeyCardApproved, "by", agent, "time", at, "coins", coins(c.Credited))
		text = providerText(lang, policy.KeyOutcomeApproved, "case", c.ID, "coins", coins(c.Credited), "balance", coins(balance))
	case policy.StatePartlyApproved:
		other, _ := policy.RejectReasonByCode(policy.RejectOther)
		line = agentText(policy.KeyCardPartly, "by", agent, "time", at, "coins", coins(c.Credited),
			"approved", strings.Join(approved, ", "), "refused", strings.Join(refused, ", "), "reason", note)
		text = providerText(lang, policy.KeyOutcomePartly, "case", c.ID, "coins", coins(c.Credited), "balance", coins(balance),
			"approved", strings.Join(approved, ", "), "refused", strings.Join(refused, ", "),
			"reason", policy.Text(lang, other.ProviderText, nil), "note_block", noteBlock)
	default:
		r, _ := policy.RejectReasonByCode(policy.RejectCode(c.RejectReason))
		if r.Code == "" {
			r, _ = policy.RejectReasonByCode(policy.RejectOther)
		}
		line = agentText(policy.KeyCardRejected, "by", agent, "time", at,
			"reason", policy.Text(policy.LangEnglish, r.AgentLabel, nil), "note", note)
		text = providerText(lang, policy.KeyOutcomeRejected, "case", c.ID,
			"reason", policy.Text(lang, r.ProviderText, nil), "note_block", noteBlock, "email", d.o.Policy.SupportEmail)
	}
	return append(d.slackLine(c, line), telegramReply(c.ChatID, c.ID, appealOffer(c, d.o.Policy, Reply{Text: text})))
}

func (d *DeskService) askEffects(c Case, agent, question string) []OutboxMessage {
	msgs := d.slackLine(c, agentText(policy.KeyThreadQuestionSent, "by", agent, "question", question))
	return append(msgs, telegramReply(c.ChatID, c.ID,
		Reply{Text: providerText(c.Language, policy.KeyAgentQuestion, "case", c.ID, "question", question)}))
}

func (d *DeskService) expireEffects(c Case, at time.Time) []OutboxMessage {
	msgs := d.slackLine(c, agentText(policy.KeyCardExpired, "time", d.clock(at)))
	return append(msgs, telegramReply(c.ChatID, c.ID, Reply{Text: providerText(c.Language, policy.KeyOutcomeExpired,
		"case", c.ID, "hours", strconv.Itoa(d.o.Policy.InfoRequestExpiryHours))}))
}
