package conversations

import (
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// originalOf is the case c appeals, among the provider's cases.
func originalOf(c Case, cases []Case) *Case {
	if c.AppealOf == "" {
		return nil
	}
	for i := range cases {
		if cases[i].ID == c.AppealOf {
			o := cases[i]
			return &o
		}
	}
	return nil
}

// AppealSection is the agents' view of an appeal's original: its history,
// one line per move with who and the note (finished mrkdwn).
func AppealSection(orig Case, loc *time.Location) string {
	var lines []string
	for _, tr := range orig.History {
		key := policy.KeyCardAppealHistorySys
		if strings.HasPrefix(tr.By, "U") || strings.HasPrefix(tr.By, "W") {
			key = policy.KeyCardAppealHistoryLine // a Slack user: a mention
		}
		note := ""
		if r, ok := policy.RejectReasonByCode(policy.RejectCode(orig.RejectReason)); ok && tr.To == policy.StateRejected {
			note = " · " + policy.Text(policy.LangEnglish, r.AgentLabel, nil)
		}
		if tr.Note != "" {
			note += " · " + tr.Note
		}
		lines = append(lines, agentText(key, "time", tr.At.In(loc).Format("2 Jan 15:04"),
			"state", policy.Text(policy.LangEnglish, policy.AgentStateKey(tr.To), nil), "by", tr.By, "note", note))
	}
	return agentText(policy.KeyCardAppealOf, "case", orig.ID, "history_lines", strings.Join(lines, "\n"))
}
