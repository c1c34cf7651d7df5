package conversations

import (
	"strconv"
	"strings"

	"github.com/rockerstop/refundbot/policy"
)

// text renders a catalogue key in the provider's language, each raw
// argument escaped for Telegram HTML.
func (t *turn) text(key policy.Key, nameValues ...string) string {
	return policy.Msg(key, nameValues...).Render(t.lang, EscapeHTML)
}

// msg renders a policy message in the provider's language, escaped.
func (t *turn) msg(m policy.Message) string { return m.Render(t.lang, EscapeHTML) }

// label renders a catalogue key as plain text (buttons are not HTML).
func (t *turn) label(key policy.Key) string { return policy.Text(t.lang, key, nil) }

// button makes an inline button bound to the session's current nonce.
func (t *turn) button(key policy.Key, action, arg string) Button {
	data, _ := Callback{Nonce: t.s.Nonce, Action: action, Arg: arg}.Encode()
	return Button{Text: t.label(key), Data: data}
}

// send adds a new message to the chat.
func (t *turn) send(text string, rows ...[]Button) {
	t.out.Replies = append(t.out.Replies, Reply{Text: text, Buttons: rows})
}

// show answers a step: on a button, the button's message is edited in
// place (its old keyboard replaced); otherwise a new message is sent.
func (t *turn) show(text string, rows ...[]Button) {
	r := Reply{Text: text, Buttons: rows}
	if t.in.Event.Kind == EvCallback && t.in.Event.MessageID != 0 && len(t.out.Replies) == 0 {
		r.EditMessageID = t.in.Event.MessageID
	}
	t.out.Replies = append(t.out.Replies, r)
}

// menu is the main menu: refund, requests, wallet, policy.
func (t *turn) menu() [][]Button {
	return [][]Button{
		{t.button(policy.KeyBtnMenuRefund, actMenu, "refund"), t.button(policy.KeyBtnMenuStatus, actMenu, "status")},
		{t.button(policy.KeyBtnMenuBalance, actMenu, "balance"), t.button(policy.KeyBtnMenuPolicy, actMenu, "policy")},
	}
}

// cancelRow is the Cancel button under every flow prompt.
func (t *turn) cancelRow() []Button { return []Button{t.button(policy.KeyBtnCancel, actCancel, "")} }

func coins(n int64) string { return strconv.FormatInt(n, 10) }

// reasonTitle is the title of the draft's reason.
func (t *turn) reasonTitle(code policy.ReasonCode) string {
	if r, ok := policy.ReasonByCode(code); ok {
		return t.label(r.Title)
	}
	return string(code)
}

// summaryText renders the draft for the provider to check.
func (t *turn) summaryText() string {
	d := t.s.Draft
	var answers, leads []string
	for _, q := range policy.Applicable(d.Reason, d.Answers) {
		v, ok := d.Answers[q.ID]
		if !ok {
			continue
		}
		label, answer := policy.AnswerText(t.lang, d.Reason, q.ID, v)
		answers = append(answers, t.text(policy.KeySummaryAnswerLine, "question", label, "answer", answer))
	}
	var total int64
	for _, id := range d.LeadIDs {
		total += d.Coins[id]
		leads = append(leads, t.text(policy.KeySummaryLeadLine, "lead", id, "coins", coins(d.Coins[id])))
	}
	return t.text(policy.KeySummary, "reason", t.reasonTitle(d.Reason),
		"answers_lines", strings.Join(answers, "\n"), "leads_lines", strings.Join(leads, "\n"),
		"count", strconv.Itoa(len(d.LeadIDs)), "total", coins(total), "evidence", strconv.Itoa(len(d.Evidence)))
}

// supportEmail is the support address the texts name.
func supportEmail(cfg policy.Config) string { return cfg.SupportEmail }
