package policy

// Keys of the agents' Slack desk (English only).
const (
	KeyCardHeader                      Key = "card.header"
	KeyCardProvider                    Key = "card.provider"
	KeyCardReason                      Key = "card.reason"
	KeyCardAnswers                     Key = "card.answers"
	KeyCardAnswerLine                  Key = "card.answer_line"
	KeyCardLeads                       Key = "card.leads"
	KeyCardLeadLine                    Key = "card.lead_line"
	KeyCardEvidence                    Key = "card.evidence"
	KeyCardFindings                    Key = "card.findings"
	KeyCardFindingLine                 Key = "card.finding_line"
	KeyCardState                       Key = "card.state"
	KeyCardApprovals                   Key = "card.approvals"
	KeyCardApproved                    Key = "card.decided.approved"
	KeyCardPartly                      Key = "card.decided.partly"
	KeyCardRejected                    Key = "card.decided.rejected"
	KeyCardExpired                     Key = "card.decided.expired"
	KeyCardWaitingProvider             Key = "card.waiting_provider"
	KeyCardFailures                    Key = "card.failures"
	KeyAgentStateOpen                  Key = "agent.state.open"
	KeyAgentStateWaiting               Key = "agent.state.waiting_provider"
	KeyAgentStatePendingSecond         Key = "agent.state.pending_second"
	KeyAgentStateApproved              Key = "agent.state.approved"
	KeyAgentStatePartly                Key = "agent.state.partly_approved"
	KeyAgentStateRejected              Key = "agent.state.rejected"
	KeyAgentStateExpired               Key = "agent.state.expired"
	KeyAgentDecisionPending            Key = "agent.decision.pending"
	KeyAgentDecisionApproved           Key = "agent.decision.approved"
	KeyAgentDecisionRejected           Key = "agent.decision.rejected"
	KeyBtnApproveAll                   Key = "btn.approve_all"
	KeyBtnApproveSome                  Key = "btn.approve_some"
	KeyBtnReject                       Key = "btn.reject"
	KeyBtnAsk                          Key = "btn.ask"
	KeyModalApproveSomeTitle           Key = "modal.approve_some.title"
	KeyModalRejectTitle                Key = "modal.reject.title"
	KeyModalAskTitle                   Key = "modal.ask.title"
	KeyModalSubmitApprove              Key = "modal.submit.approve"
	KeyModalSubmitReject               Key = "modal.submit.reject"
	KeyModalSubmitAsk                  Key = "modal.submit.ask"
	KeyModalClose                      Key = "modal.close"
	KeyModalLeadsLabel                 Key = "modal.leads.label"
	KeyModalReasonLabel                Key = "modal.reason.label"
	KeyModalRefusedReasonLabel         Key = "modal.refused_reason.label"
	KeyModalNoteLabel                  Key = "modal.note.label"
	KeyModalNotePlaceholder            Key = "modal.note.placeholder"
	KeyModalQuestionLabel              Key = "modal.question.label"
	KeyModalQuestionPlaceholder        Key = "modal.question.placeholder"
	KeyRejectLabelInsufficientEvidence Key = "reject.label.insufficient_evidence"
	KeyRejectLabelOutsideWindow        Key = "reject.label.outside_window"
	KeyRejectLabelClientReached        Key = "reject.label.client_reached"
	KeyRejectLabelLeadValid            Key = "reject.label.lead_valid"
	KeyRejectLabelDuplicateRequest     Key = "reject.label.duplicate_request"
	KeyRejectLabelOther                Key = "reject.label.other"
	KeyEphNotApprover                  Key = "eph.not_approver"
	KeyEphAlreadyDecided               Key = "eph.already_decided"
	KeyEphSecondMustDiffer             Key = "eph.second_must_differ"
	KeyEphFirstApproval                Key = "eph.first_approval"
	KeyEphNoLeadsChosen                Key = "eph.no_leads_chosen"
	KeyEphNoteTooLong                  Key = "eph.note_too_long"
	KeyEphQuestionEmpty                Key = "eph.question_empty"
	KeyEphError                        Key = "eph.error"
	KeyEphUnconfirmed                  Key = "eph.unconfirmed"
	KeyThreadProviderAnswer            Key = "thread.provider_answer"
	KeyThreadQuestionSent              Key = "thread.question_sent"
	KeyThreadEvidence                  Key = "thread.evidence"
	KeyThreadDeliveryFailed            Key = "thread.delivery_failed"
	KeySLAReminder                     Key = "sla.reminder"
	KeySLAEscalation                   Key = "sla.escalation"
	KeyDigestHeader                    Key = "digest.header"
	KeyDigestOpen                      Key = "digest.open"
	KeyDigestOverdue                   Key = "digest.overdue"
	KeyDigestDecided                   Key = "digest.decided"
	KeyDigestCredited                  Key = "digest.credited"
	KeyDigestNone                      Key = "digest.none"
	KeyDigestNew                       Key = "digest.new"
	KeyDigestTopReasons                Key = "digest.top_reasons"
	KeyFindWindowOK                    Key = "find.window.ok"
	KeyFindWindowFail                  Key = "find.window.fail"
	KeyFindDupOK                       Key = "find.dup.ok"
	KeyFindDupRefunded                 Key = "find.dup.refunded"
	KeyFindDupOpen                     Key = "find.dup.open"
	KeyFindRepeatOK                    Key = "find.repeat.ok"
	KeyFindRepeatWarn                  Key = "find.repeat.warn"
	KeyFindRateOK                      Key = "find.rate.ok"
	KeyFindRateWarn                    Key = "find.rate.warn"
	KeyFindRateNone                    Key = "find.rate.none"
	KeyFindRecentOK                    Key = "find.recent.ok"
	KeyFindRecentWarn                  Key = "find.recent.warn"
	KeyFindHashOK                      Key = "find.hash.ok"
	KeyFindHashWarn                    Key = "find.hash.warn"
)

// agentSentences declares the keys above: audience, surface, parameters and texts.
var agentSentences = []Sentence{
	{
		Key: KeyCardHeader, Audience: Agent, Surface: SlackHeader, Params: []string{"case", "title"},
		EN: "Refund {case}: {title}",
	},
	{
		Key: KeyCardProvider, Audience: Agent, Surface: SlackSection, Params: []string{"name", "provider_id", "phone"},
		EN: "*Provider:* {name} (`{provider_id}`) · {phone}",
	},
	{
		Key: KeyCardReason, Audience: Agent, Surface: SlackSection, Params: []string{"title"},
		EN: "*Reason:* {title}",
	},
	{
		Key: KeyCardAnswers, Audience: Agent, Surface: SlackSection, Params: []string{"answers_lines"},
		EN: "*Answers*\n{answers_lines}",
	},
	{
		Key: KeyCardAnswerLine, Audience: Agent, Surface: SlackSection, Params: []string{"label", "answer"},
		EN: "*{label}:* {answer}",
	},
	{
		Key: KeyCardLeads, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "*Leads ({count})* — lead · category · coins · unlocked · age at request",
	},
	{
		Key: KeyCardLeadLine, Audience: Agent, Surface: SlackSection, Params: []string{"lead", "coins", "category", "age", "decision"},
		EN: "• `{lead}` {coins} coins, {category}, unlocked {age} ago: {decision}",
	},
	{
		Key: KeyCardEvidence, Audience: Agent, Surface: SlackSection, Params: []string{"items"},
		EN: ":paperclip: Evidence: {items} — in the thread",
	},
	{
		Key: KeyCardFindings, Audience: Agent, Surface: SlackSection, Params: []string{"findings_lines"},
		EN: "*Checks*\n{findings_lines}",
	},
	{
		Key: KeyCardFindingLine, Audience: Agent, Surface: SlackSection, Params: []string{"icon", "message"},
		EN: "{icon} {message}",
	},
	{
		Key: KeyCardState, Audience: Agent, Surface: SlackSection, Params: []string{"state"},
		EN: "*Status:* {state}",
	},
	{
		Key: KeyCardApprovals, Audience: Agent, Surface: SlackSection, Params: []string{"have", "need", "by"},
		EN: "{have} of {need} approvals: <@{by}>. A second, different approver is needed.",
	},
	{
		Key: KeyCardApproved, Audience: Agent, Surface: SlackSection, Params: []string{"by", "time", "coins"},
		EN: "✅ Approved by <@{by}> at {time}: {coins} coins credited.",
	},
	{
		Key: KeyCardPartly, Audience: Agent, Surface: SlackSection, Params: []string{"by", "time", "coins", "approved", "refused", "reason"},
		EN: "◐ Partly approved by <@{by}> at {time}: {coins} coins credited for {approved}; refused {refused} ({reason}).",
	},
	{
		Key: KeyCardRejected, Audience: Agent, Surface: SlackSection, Params: []string{"by", "time", "reason", "note"},
		EN: "❌ Rejected by <@{by}> at {time}: {reason}. {note}",
	},
	{
		Key: KeyCardExpired, Audience: Agent, Surface: SlackSection, Params: []string{"time"},
		EN: "⌛ Expired at {time}: the provider did not answer.",
	},
	{
		Key: KeyCardWaitingProvider, Audience: Agent, Surface: SlackSection, Params: []string{"by", "time", "question"},
		EN: "❓ <@{by}> asked the provider at {time}: _{question}_",
	},
	{
		Key: KeyCardFailures, Audience: Agent, Surface: SlackSection, Params: []string{"failures_lines"},
		EN: "*Delivery failures*\n{failures_lines}",
	},
	{
		Key: KeyAgentStateOpen, Audience: Agent, Surface: SlackButton,
		EN: "Open",
	},
	{
		Key: KeyAgentStateWaiting, Audience: Agent, Surface: SlackButton,
		EN: "Waiting for provider",
	},
	{
		Key: KeyAgentStatePendingSecond, Audience: Agent, Surface: SlackButton,
		EN: "Needs second approval",
	},
	{
		Key: KeyAgentStateApproved, Audience: Agent, Surface: SlackButton,
		EN: "Approved",
	},
	{
		Key: KeyAgentStatePartly, Audience: Agent, Surface: SlackButton,
		EN: "Partly approved",
	},
	{
		Key: KeyAgentStateRejected, Audience: Agent, Surface: SlackButton,
		EN: "Rejected",
	},
	{
		Key: KeyAgentStateExpired, Audience: Agent, Surface: SlackButton,
		EN: "Expired",
	},
	{
		Key: KeyAgentDecisionPending, Audience: Agent, Surface: SlackButton,
		EN: "pending",
	},
	{
		Key: KeyAgentDecisionApproved, Audience: Agent, Surface: SlackButton,
		EN: "approved",
	},
	{
		Key: KeyAgentDecisionRejected, Audience: Agent, Surface: SlackButton,
		EN: "refused",
	},
	{
		Key: KeyBtnApproveAll, Audience: Agent, Surface: SlackButton,
		EN: "Approve all",
	},
	{
		Key: KeyBtnApproveSome, Audience: Agent, Surface: SlackButton,
		EN: "Approve some…",
	},
	{
		Key: KeyBtnReject, Audience: Agent, Surface: SlackButton,
		EN: "Reject…",
	},
	{
		Key: KeyBtnAsk, Audience: Agent, Surface: SlackButton,
		EN: "Ask provider…",
	},
	{
		Key: KeyModalApproveSomeTitle, Audience: Agent, Surface: SlackModalTitle,
		EN: "Approve some leads",
	},
	{
		Key: KeyModalRejectTitle, Audience: Agent, Surface: SlackModalTitle,
		EN: "Reject refund",
	},
	{
		Key: KeyModalAskTitle, Audience: Agent, Surface: SlackModalTitle,
		EN: "Ask the provider",
	},
	{
		Key: KeyModalSubmitApprove, Audience: Agent, Surface: SlackModalTitle,
		EN: "Approve",
	},
	{
		Key: KeyModalSubmitReject, Audience: Agent, Surface: SlackModalTitle,
		EN: "Reject",
	},
	{
		Key: KeyModalSubmitAsk, Audience: Agent, Surface: SlackModalTitle,
		EN: "Send",
	},
	{
		Key: KeyModalClose, Audience: Agent, Surface: SlackModalTitle,
		EN: "Cancel",
	},
	{
		Key: KeyModalLeadsLabel, Audience: Agent, Surface: SlackLabel,
		EN: "Leads to approve",
	},
	{
		Key: KeyModalReasonLabel, Audience: Agent, Surface: SlackLabel,
		EN: "Reason",
	},
	{
		Key: KeyModalRefusedReasonLabel, Audience: Agent, Surface: SlackLabel,
		EN: "Why not the others?",
	},
	{
		Key: KeyModalNoteLabel, Audience: Agent, Surface: SlackLabel,
		EN: "Note to the provider",
	},
	{
		Key: KeyModalNotePlaceholder, Audience: Agent, Surface: SlackPlaceholder,
		EN: "Shown to the provider with the decision",
	},
	{
		Key: KeyModalQuestionLabel, Audience: Agent, Surface: SlackLabel,
		EN: "Question",
	},
	{
		Key: KeyModalQuestionPlaceholder, Audience: Agent, Surface: SlackPlaceholder,
		EN: "What do you need to know?",
	},
	{
		Key: KeyRejectLabelInsufficientEvidence, Audience: Agent, Surface: SlackButton,
		EN: "Insufficient evidence",
	},
	{
		Key: KeyRejectLabelOutsideWindow, Audience: Agent, Surface: SlackButton,
		EN: "Outside the refund window",
	},
	{
		Key: KeyRejectLabelClientReached, Audience: Agent, Surface: SlackButton,
		EN: "Client was reached",
	},
	{
		Key: KeyRejectLabelLeadValid, Audience: Agent, Surface: SlackButton,
		EN: "Lead is valid",
	},
	{
		Key: KeyRejectLabelDuplicateRequest, Audience: Agent, Surface: SlackButton,
		EN: "Duplicate request",
	},
	{
		Key: KeyRejectLabelOther, Audience: Agent, Surface: SlackButton,
		EN: "Other (explain in the note)",
	},
	{
		Key: KeyEphNotApprover, Audience: Agent, Surface: SlackSection,
		EN: "You are not an approver for refunds.",
	},
	{
		Key: KeyEphAlreadyDecided, Audience: Agent, Surface: SlackSection, Params: []string{"state", "mention", "when"},
		EN: "Already {state} by {mention} {when}.",
	},
	{
		Key: KeyEphSecondMustDiffer, Audience: Agent, Surface: SlackSection,
		EN: "You gave the first approval; the second must come from another approver.",
	},
	{
		Key: KeyEphFirstApproval, Audience: Agent, Surface: SlackSection, Params: []string{"case", "approvals"},
		EN: "Your approval of {case} is recorded. {approvals}: a second approver is needed.",
	},
	{
		Key: KeyEphNoLeadsChosen, Audience: Agent, Surface: SlackSection,
		EN: "Choose at least one lead.",
	},
	{
		Key: KeyEphNoteTooLong, Audience: Agent, Surface: SlackSection, Params: []string{"max"},
		EN: "At most {max} characters.",
	},
	{
		Key: KeyEphQuestionEmpty, Audience: Agent, Surface: SlackSection,
		EN: "Write the question.",
	},
	{
		Key: KeyEphError, Audience: Agent, Surface: SlackSection,
		EN: "That did not work; nothing was changed. Please try again in a moment.",
	},
	{
		Key: KeyEphUnconfirmed, Audience: Agent, Surface: SlackSection,
		EN: "We could not confirm whether that went through. Check the card in a moment before you try again.",
	},
	{
		Key: KeyThreadProviderAnswer, Audience: Agent, Surface: SlackSection, Params: []string{"case", "text"},
		EN: "*Provider’s answer on {case}:*\n{text}",
	},
	{
		Key: KeyThreadQuestionSent, Audience: Agent, Surface: SlackSection, Params: []string{"by", "question"},
		EN: "<@{by}> asked the provider: _{question}_",
	},
	{
		Key: KeyThreadEvidence, Audience: Agent, Surface: SlackSection, Params: []string{"index", "total", "kind"},
		EN: "Evidence {index} of {total} ({kind})",
	},
	{
		Key: KeyThreadDeliveryFailed, Audience: Agent, Surface: SlackSection, Params: []string{"error"},
		EN: "⚠️ A message could not be delivered: {error}",
	},
	{
		Key: KeySLAReminder, Audience: Agent, Surface: SlackSection, Params: []string{"case", "age"},
		EN: "⏰ {case} has waited {age} for a first response.",
	},
	{
		Key: KeySLAEscalation, Audience: Agent, Surface: SlackSection, Params: []string{"case", "age", "hours"},
		EN: "🚨 {case} has waited {age}, over the {hours} h limit: escalated.",
	},
	{
		Key: KeyDigestHeader, Audience: Agent, Surface: SlackHeader, Params: []string{"date"},
		EN: "Refund desk digest, {date}",
	},
	{
		Key: KeyDigestOpen, Audience: Agent, Surface: SlackSection, Params: []string{"count", "oldest"},
		EN: "*Open:* {count} case(s), the oldest waiting {oldest}",
	},
	{
		Key: KeyDigestOverdue, Audience: Agent, Surface: SlackSection, Params: []string{"count", "hours"},
		EN: "*Overdue:* {count} case(s) waiting over {hours} h",
	},
	{
		Key: KeyDigestDecided, Audience: Agent, Surface: SlackSection, Params: []string{"approved", "partly", "rejected", "expired"},
		EN: "*Decided since the last digest:* {approved} approved, {partly} partly approved, {rejected} rejected, {expired} expired",
	},
	{
		Key: KeyDigestCredited, Audience: Agent, Surface: SlackSection, Params: []string{"coins"},
		EN: "*Coins credited:* {coins}",
	},
	{
		Key: KeyDigestNone, Audience: Agent, Surface: SlackSection,
		EN: "No cases since the last digest.",
	},
	{
		Key: KeyDigestNew, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "*New cases:* {count}",
	},
	{
		Key: KeyDigestTopReasons, Audience: Agent, Surface: SlackSection, Params: []string{"reasons"},
		EN: "*Top reasons:* {reasons}",
	},
	{
		Key: KeyFindWindowOK, Audience: Agent, Surface: SlackSection, Params: []string{"count", "days"},
		EN: "All {count} lead(s) inside the {days}-day window",
	},
	{
		Key: KeyFindWindowFail, Audience: Agent, Surface: SlackSection, Params: []string{"lead", "date", "days"},
		EN: "{lead}: outside the {days}-day window since {date}",
	},
	{
		Key: KeyFindDupOK, Audience: Agent, Surface: SlackSection,
		EN: "No lead is in another case",
	},
	{
		Key: KeyFindDupRefunded, Audience: Agent, Surface: SlackSection, Params: []string{"lead", "case"},
		EN: "{lead}: already refunded in {case}",
	},
	{
		Key: KeyFindDupOpen, Audience: Agent, Surface: SlackSection, Params: []string{"lead", "case"},
		EN: "{lead}: also in open case {case}",
	},
	{
		Key: KeyFindRepeatOK, Audience: Agent, Surface: SlackSection, Params: []string{"ordinal", "days"},
		EN: "{ordinal} refund request in {days} days",
	},
	{
		Key: KeyFindRepeatWarn, Audience: Agent, Surface: SlackSection, Params: []string{"ordinal", "days"},
		EN: "{ordinal} refund request in {days} days",
	},
	{
		Key: KeyFindRateOK, Audience: Agent, Surface: SlackSection, Params: []string{"rate", "refunded", "unlocks", "days"},
		EN: "Refund rate with this case {rate} of unlocks in {days} days ({refunded} of {unlocks})",
	},
	{
		Key: KeyFindRateWarn, Audience: Agent, Surface: SlackSection, Params: []string{"rate", "refunded", "unlocks", "days", "limit"},
		EN: "Refund rate with this case {rate} of unlocks in {days} days ({refunded} of {unlocks}), over {limit}",
	},
	{
		Key: KeyFindRateNone, Audience: Agent, Surface: SlackSection, Params: []string{"days"},
		EN: "No unlocks recorded in {days} days",
	},
	{
		Key: KeyFindRecentOK, Audience: Agent, Surface: SlackSection, Params: []string{"hours"},
		EN: "Every lead unlocked over {hours} h before the request",
	},
	{
		Key: KeyFindRecentWarn, Audience: Agent, Surface: SlackSection, Params: []string{"lead", "ago"},
		EN: "{lead}: unlocked {ago} before the request",
	},
	{
		Key: KeyFindHashOK, Audience: Agent, Surface: SlackSection,
		EN: "No reused screenshots",
	},
	{
		Key: KeyFindHashWarn, Audience: Agent, Surface: SlackSection, Params: []string{"case"},
		EN: "Same screenshot as {case}",
	},
}
