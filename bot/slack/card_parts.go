package slack

import (
	"fmt"
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
		return ":paperclip: No evidence attached"
	}
	var parts []string
	for _, p := range []struct {
		n          int
		one, other string
	}{{photos, "screenshot", "screenshots"}, {docs, "document", "documents"}, {notes, "note", "notes"}} {
		switch {
		case p.n == 1:
			parts = append(parts, "1 "+p.one)
		case p.n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.other))
		}
	}
	return ":paperclip: Evidence: " + strings.Join(parts, ", ") + " — in the thread"
}

func findingsText(fs []Finding) string {
	var b strings.Builder
	b.WriteString("*Checks*")
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
		b.WriteString("\n" + icon + " " + escape(f.Text))
	}
	return b.String()
}

func historyText(info CardInfo) string {
	return fmt.Sprintf("*History* · 30 days: %d cases, %d refunded · 90 days: %d cases, %d refunded · refund rate %.0f%%",
		info.Cases30, info.Refunds30, info.Cases90, info.Refunds90, info.RefundRate*100)
}

// stateLabel names a state for agents.
func stateLabel(s policy.State) string {
	switch s {
	case policy.StateOpen:
		return "Open"
	case policy.StateWaitingProvider:
		return "Waiting for the provider"
	case policy.StatePendingSecond:
		return "Waiting for a second approval"
	case policy.StateApproved:
		return "Approved"
	case policy.StatePartlyApproved:
		return "Partly approved"
	case policy.StateRejected:
		return "Rejected"
	case policy.StateExpired:
		return "Expired"
	case policy.StateWithdrawn:
		return "Withdrawn by the provider"
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
	return fmt.Sprintf("%d of %d approvals", got, needed)
}

func statusText(c conversations.Case, info CardInfo, loc *time.Location) string {
	s := "*Status:* " + stateLabel(c.State)
	if info.ApprovalsNeeded > 1 || len(c.Approvals) > 0 {
		s += " · " + approvalsLine(c, info.ApprovalsNeeded)
	}
	for _, a := range c.Approvals {
		s += fmt.Sprintf(" · %s %s", mention(a.By), a.At.In(loc).Format("2 Jan 15:04"))
	}
	if c.State == policy.StateWaitingProvider && c.Question != "" {
		s += "\n*Asked:* " + escape(truncate(c.Question, 1000))
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
		return s + " on " + last.At.In(loc).Format("2 Jan at 15:04") + " · no coins moved"
	}
	if last.By != "" && last.By != "system" {
		s += " by " + mention(last.By)
	}
	if !last.At.IsZero() {
		s += " on " + last.At.In(loc).Format("2 Jan at 15:04")
	}
	switch c.State {
	case policy.StateApproved:
		s += fmt.Sprintf(" · %s coins credited", coins(c.Credited))
	case policy.StatePartlyApproved:
		s += fmt.Sprintf(" · %s of %s coins credited", coins(c.Credited), coins(c.TotalCoins()))
	case policy.StateRejected:
		label := info.RejectLabel
		if label == "" {
			label = c.RejectReason
		}
		s += " · reason: " + escape(label)
	}
	if last.Note != "" {
		s += "\n_" + escape(truncate(last.Note, 1000)) + "_"
	}
	return s
}

// buttons are the card's actions; their value is the case ID.
func buttons(caseID string) *slackapi.ActionBlock {
	approve := slackapi.NewButtonBlockElement(ActionApproveAll, caseID, plain("Approve all")).WithStyle(slackapi.StylePrimary)
	approve.WithConfirm(slackapi.NewConfirmationBlockObject(plain("Approve all?"),
		plain("Every lead of "+caseID+" is credited back to the provider's wallet."), plain("Approve"), plain("Cancel")))
	return slackapi.NewActionBlock("actions",
		approve,
		slackapi.NewButtonBlockElement(ActionApproveSome, caseID, plain("Approve some…")),
		slackapi.NewButtonBlockElement(ActionReject, caseID, plain("Reject…")).WithStyle(slackapi.StyleDanger),
		slackapi.NewButtonBlockElement(ActionAsk, caseID, plain("Ask provider…")),
		slackapi.NewButtonBlockElement(ActionDecideSimilar, caseID, plain("Decide similar…")),
	)
}

// appealText is the section of an appeal's card: the original's history
// and a link to its card.
func appealText(c conversations.Case, info CardInfo) string {
	s := info.Appeal
	if s == "" {
		s = "*Appeal of " + escape(c.AppealOf) + "*"
	}
	if info.OriginalURL != "" {
		s += "\n<" + info.OriginalURL + "|Original card of " + escape(c.AppealOf) + ">"
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
