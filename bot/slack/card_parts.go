package slack

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

func evidenceLine(ev []conversations.Evidence) string {
	var photos, docs, notes int
	for _, e := range ev {
		switch e.Kind {
		case conversations.EvidencePhoto:
			photos++
		case conversations.EvidenceDocument:
			docs++
		case conversations.EvidenceText:
			notes++
		}
	}
	if photos+docs+notes == 0 {
		return say(policy.KeyCardNoEvidence)
	}
	var parts []string
	for _, p := range []struct {
		n          int
		one, other policy.Key
	}{
		{photos, policy.KeyCardScreenshotsOne, policy.KeyCardScreenshotsMany},
		{docs, policy.KeyCardDocumentsOne, policy.KeyCardDocumentsMany},
		{notes, policy.KeyCardNotesOne, policy.KeyCardNotesMany},
	} {
		switch {
		case p.n == 1:
			parts = append(parts, say(p.one))
		case p.n > 1:
			parts = append(parts, say(p.other, "count", strconv.Itoa(p.n)))
		}
	}
	return say(policy.KeyCardEvidence, "items", strings.Join(parts, ", "))
}

func findingsText(fs []Finding) string {
	lines := make([]string, 0, len(fs))
	for _, f := range fs {
		icon := ":information_source:"
		switch f.Level {
		case "ok":
			icon = ":white_check_mark:"
		case "warn":
			icon = ":warning:"
		case "block":
			icon = ":no_entry:"
		}
		lines = append(lines, say(policy.KeyCardFindingLine, "icon", icon, "message", escape(f.Text)))
	}
	return say(policy.KeyCardFindings, "findings_lines", strings.Join(lines, "\n"))
}

func historyText(info CardInfo) string {
	return say(policy.KeyCardHistory,
		"cases_30", strconv.Itoa(info.Cases30), "refunded_30", strconv.Itoa(info.Refunds30),
		"cases_90", strconv.Itoa(info.Cases90), "refunded_90", strconv.Itoa(info.Refunds90),
		"rate", fmt.Sprintf("%.0f", info.RefundRate*100))
}

// stateLabel names a state for agents.
func stateLabel(s policy.State) string {
	if k, ok := policy.CardStateKey(s); ok {
		return say(k)
	}
	return escape(string(s))
}

// approvalsLine is "1 of 2 approvals".
func approvalsLine(c conversations.Case, needed int) string {
	if needed < 1 {
		needed = 1
	}
	got := len(c.Approvals)
	if c.State == policy.StateApproved || c.State == policy.StatePartlyApproved {
		got = needed
	}
	return say(policy.KeyAgentApprovals, "have", strconv.Itoa(got), "need", strconv.Itoa(needed))
}

func statusText(c conversations.Case, info CardInfo, loc *time.Location) string {
	s := say(policy.KeyCardState, "state", stateLabel(c.State))
	if info.ApprovalsNeeded > 1 || len(c.Approvals) > 0 {
		s += " · " + approvalsLine(c, info.ApprovalsNeeded)
	}
	for _, a := range c.Approvals {
		s += fmt.Sprintf(" · %s %s", mention(a.By), a.At.In(loc).Format("2 Jan 15:04"))
	}
	if c.State == policy.StateWaitingProvider && c.Question != "" {
		s += "\n" + say(policy.KeyCardAsked, "question", escape(truncate(c.Question, 1000)))
	}
	return s
}

// decisionText is the line of a final case: who, when, coins credited.
func decisionText(c conversations.Case, info CardInfo, loc *time.Location) string {
	var last conversations.Transition
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].To == c.State {
			last = c.History[i]
			break
		}
	}
	s := "*" + stateLabel(c.State) + "*"
	if c.State == policy.StateWithdrawn {
		return s + " " + onDate(last.At.In(loc)) + " · " + say(policy.KeyCardNoCoinsMoved)
	}
	if last.By != "" && last.By != "system" {
		s += " " + say(policy.KeyCardDecidedBy, "mention", mention(last.By))
	}
	if !last.At.IsZero() {
		s += " " + onDate(last.At.In(loc))
	}
	switch c.State {
	case policy.StateApproved:
		s += " · " + say(policy.KeyCardCoinsCredited, "coins", coins(c.Credited))
	case policy.StatePartlyApproved:
		s += " · " + say(policy.KeyCardSomeCoinsCredited, "coins", coins(c.Credited), "total", coins(c.TotalCoins()))
	case policy.StateRejected:
		label := info.RejectLabel
		if label == "" {
			label = c.RejectReason
		}
		s += " · " + say(policy.KeyCardReasonIs, "reason", escape(label))
	}
	if last.Note != "" {
		s += "\n_" + escape(truncate(last.Note, 1000)) + "_"
	}
	return s
}

// buttons are the card's actions; their value is the case ID. "Decide
// similar…" is there only when similar is set (CardInfo.Similar).
func buttons(caseID string, similar bool) *slackapi.ActionBlock {
	approve := slackapi.NewButtonBlockElement(ActionApproveAll, caseID, plain(say(policy.KeyBtnApproveAll))).WithStyle(slackapi.StylePrimary)
	approve.WithConfirm(slackapi.NewConfirmationBlockObject(plain(say(policy.KeyConfirmApproveAll)),
		plain(say(policy.KeyConfirmApproveAllText, "case", caseID)),
		plain(say(policy.KeyModalSubmitApprove)), plain(say(policy.KeyModalClose))))
	elems := []slackapi.BlockElement{
		approve,
		slackapi.NewButtonBlockElement(ActionApproveSome, caseID, plain(say(policy.KeyBtnApproveSome))),
		slackapi.NewButtonBlockElement(ActionReject, caseID, plain(say(policy.KeyBtnReject))).WithStyle(slackapi.StyleDanger),
		slackapi.NewButtonBlockElement(ActionAsk, caseID, plain(say(policy.KeyBtnAsk))),
	}
	if similar {
		elems = append(elems, slackapi.NewButtonBlockElement(ActionDecideSimilar, caseID, plain(say(policy.KeyBtnDecideSimilar))))
	}
	return slackapi.NewActionBlock("actions", elems...)
}

// appealText is the section of an appeal's card: the original's history
// and a link to its card.
func appealText(c conversations.Case, info CardInfo) string {
	s := info.Appeal
	if s == "" {
		s = say(policy.KeyCardAppealTitle, "case", escape(c.AppealOf))
	}
	if info.OriginalURL != "" {
		s += "\n<" + info.OriginalURL + "|" + say(policy.KeyCardOriginalLink, "case", escape(c.AppealOf)) + ">"
	}
	return s
}

// CardURL is the address of a posted card: Slack redirects it to the
// message in the workspace.
func CardURL(channel, ts string) string {
	if channel == "" || ts == "" {
		return ""
	}
	return "https://slack.com/archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", "")
}
