package policy

// agentText is the English text of the agent keys (Slack mrkdwn).
func agentText(key Key) string {
	if s := agentAppeal(key); s != "" {
		return s
	}
	if s := agentSimilarText(key); s != "" {
		return s
	}
	switch key {
	case KeyCardHeader:
		return "Refund {case}: {title}"
	case KeyCardProvider:
		return "*Provider:* {name} ({provider_id}), phone {phone}, language {language}"
	case KeyCardReason:
		return "*Reason:* {title}\n{explanation}"
	case KeyCardAnswers:
		return "*Answers*\n{answers_lines}"
	case KeyCardAnswerLine:
		return "• {label}: *{answer}*"
	case KeyCardLeads:
		return "*Leads ({count}), total {total} coins*\n{leads_lines}"
	case KeyCardLeadLine:
		return "• `{lead}` {coins} coins, {category}, unlocked {age} ago: {decision}"
	case KeyCardEvidence:
		return "*Evidence:* {count} item(s), in the thread"
	case KeyCardFindings:
		return "*Automatic checks*\n{findings_lines}"
	case KeyCardFindingLine:
		return "{icon} {message}"
	case KeyCardState:
		return "*State:* {state} since {since}"
	case KeyCardApprovals:
		return "{have} of {need} approvals: <@{by}>. A second, different approver is needed."
	case KeyCardApproved:
		return "✅ Approved by <@{by}> at {time}: {coins} coins credited."
	case KeyCardPartly:
		return "◐ Partly approved by <@{by}> at {time}: {coins} coins credited for {approved}; refused {refused} ({reason})."
	case KeyCardRejected:
		return "❌ Rejected by <@{by}> at {time}: {reason}. {note}"
	case KeyCardExpired:
		return "⌛ Expired at {time}: the provider did not answer."
	case KeyCardWaitingProvider:
		return "❓ <@{by}> asked the provider at {time}: _{question}_"
	case KeyCardFailures:
		return "*Delivery failures*\n{failures_lines}"
	case KeyAgentStateOpen:
		return "Open"
	case KeyAgentStateWaiting:
		return "Waiting for provider"
	case KeyAgentStatePendingSecond:
		return "Needs second approval"
	case KeyAgentStateApproved:
		return "Approved"
	case KeyAgentStatePartly:
		return "Partly approved"
	case KeyAgentStateRejected:
		return "Rejected"
	case KeyAgentStateExpired:
		return "Expired"
	case KeyAgentDecisionPending:
		return "pending"
	case KeyAgentDecisionApproved:
		return "approved"
	case KeyAgentDecisionRejected:
		return "refused"
	case KeyBtnApproveAll:
		return "Approve all"
	case KeyBtnApproveSome:
		return "Approve some…"
	case KeyBtnReject:
		return "Reject…"
	case KeyBtnAsk:
		return "Ask provider…"
	case KeyModalApproveSomeTitle:
		return "Approve some leads"
	case KeyModalRejectTitle:
		return "Reject the case"
	case KeyModalAskTitle:
		return "Ask the provider"
	case KeyModalSubmitApprove:
		return "Approve"
	case KeyModalSubmitReject:
		return "Reject"
	case KeyModalSubmitAsk:
		return "Send"
	case KeyModalClose:
		return "Cancel"
	case KeyModalLeadsLabel:
		return "Leads to approve"
	case KeyModalReasonLabel:
		return "Reason"
	case KeyModalRefusedReasonLabel:
		return "Reason for the leads not approved"
	case KeyModalNoteLabel:
		return "Note to the provider (optional)"
	case KeyModalNotePlaceholder:
		return "Shown to the provider with the decision"
	case KeyModalQuestionLabel:
		return "Your question to the provider"
	case KeyModalQuestionPlaceholder:
		return "For example: please send a screenshot of your call log"
	case KeyRejectLabelInsufficientEvidence:
		return "Insufficient evidence"
	case KeyRejectLabelOutsideWindow:
		return "Outside the refund window"
	case KeyRejectLabelClientReached:
		return "Client was reached"
	case KeyRejectLabelLeadValid:
		return "Lead is valid"
	case KeyRejectLabelDuplicateRequest:
		return "Duplicate request"
	case KeyRejectLabelOther:
		return "Other (explain in the note)"
	case KeyEphNotApprover:
		return "You are not an approver: only configured approvers can decide refunds."
	case KeyEphAlreadyDecided:
		return "Already {state} by <@{by}> at {time}. Nothing was changed."
	case KeyEphSecondMustDiffer:
		return "You already approved this case. A second, different approver must confirm it."
	case KeyEphFirstApproval:
		return "Recorded: {have} of {need} approvals. Cases over {threshold} coins need a second, different approver."
	case KeyEphNoLeadsChosen:
		return "Choose at least one lead to approve, or use Reject…."
	case KeyEphNoteTooLong:
		return "The text is too long: keep it under {max} characters."
	case KeyEphQuestionEmpty:
		return "Write a question for the provider."
	case KeyEphError:
		return "Something went wrong and nothing was changed. Please try again."
	case KeyThreadProviderAnswer:
		return "*Provider’s answer on {case}:*\n{text}"
	case KeyThreadQuestionSent:
		return "<@{by}> asked the provider: _{question}_"
	case KeyThreadEvidence:
		return "Evidence {index} of {total} ({kind})"
	case KeyThreadDeliveryFailed:
		return "⚠️ A message could not be delivered: {error}"
	case KeySLAReminder:
		return "⏰ {case} has waited {age} for a first response."
	case KeySLAEscalation:
		return "🚨 {case} has waited {age}, over the {hours} h limit: escalated."
	case KeyDigestHeader:
		return "Refund desk digest, {date}"
	case KeyDigestOpen:
		return "*Open:* {count} case(s), the oldest waiting {oldest}"
	case KeyDigestOverdue:
		return "*Overdue:* {count} case(s) waiting over {hours} h"
	case KeyDigestDecided:
		return "*Decided since the last digest:* {approved} approved, {partly} partly approved, {rejected} rejected, {expired} expired"
	case KeyDigestCredited:
		return "*Coins credited:* {coins}"
	case KeyDigestNone:
		return "No cases since the last digest."
	case KeyFindWindowOK:
		return "All {count} lead(s) inside the {days}-day window"
	case KeyFindWindowFail:
		return "{lead}: outside the {days}-day window since {date}"
	case KeyFindDupOK:
		return "No lead is in another case"
	case KeyFindDupRefunded:
		return "{lead}: already refunded in {case}"
	case KeyFindDupOpen:
		return "{lead}: also in open case {case}"
	case KeyFindRepeatOK:
		return "{ordinal} refund request in {days} days"
	case KeyFindRepeatWarn:
		return "{ordinal} refund request in {days} days"
	case KeyFindRateOK:
		return "Refund rate with this case {rate} of unlocks in {days} days ({refunded} of {unlocks})"
	case KeyFindRateWarn:
		return "Refund rate with this case {rate} of unlocks in {days} days ({refunded} of {unlocks}), over {limit}"
	case KeyFindRateNone:
		return "No unlocks recorded in {days} days"
	case KeyFindRecentOK:
		return "Every lead unlocked over {hours} h before the request"
	case KeyFindRecentWarn:
		return "{lead}: unlocked {ago} before the request"
	case KeyFindHashOK:
		return "No reused screenshots"
	case KeyFindHashWarn:
		return "Same screenshot as {case}"
	}
	return agentDesk(key)
}
