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

// agentKeys declares the keys above with their surfaces and parameters.
func agentKeys() []KeySpec {
	return []KeySpec{
		{KeyCardHeader, Agent, SlackHeader, []string{"case", "title"}},
		{KeyCardProvider, Agent, SlackSection, []string{"name", "provider_id", "phone", "language"}},
		{KeyCardReason, Agent, SlackSection, []string{"title", "explanation"}},
		{KeyCardAnswers, Agent, SlackSection, []string{"answers_lines"}},
		{KeyCardAnswerLine, Agent, SlackSection, []string{"label", "answer"}},
		{KeyCardLeads, Agent, SlackSection, []string{"count", "total", "leads_lines"}},
		{KeyCardLeadLine, Agent, SlackSection, []string{"lead", "coins", "category", "age", "decision"}},
		{KeyCardEvidence, Agent, SlackSection, []string{"count"}},
		{KeyCardFindings, Agent, SlackSection, []string{"findings_lines"}},
		{KeyCardFindingLine, Agent, SlackSection, []string{"icon", "message"}},
		{KeyCardState, Agent, SlackSection, []string{"state", "since"}},
		{KeyCardApprovals, Agent, SlackSection, []string{"have", "need", "by"}},
		{KeyCardApproved, Agent, SlackSection, []string{"by", "time", "coins"}},
		{KeyCardPartly, Agent, SlackSection, []string{"by", "time", "coins", "approved", "refused", "reason"}},
		{KeyCardRejected, Agent, SlackSection, []string{"by", "time", "reason", "note"}},
		{KeyCardExpired, Agent, SlackSection, []string{"time"}},
		{KeyCardWaitingProvider, Agent, SlackSection, []string{"by", "time", "question"}},
		{KeyCardFailures, Agent, SlackSection, []string{"failures_lines"}},
		{KeyAgentStateOpen, Agent, SlackButton, nil},
		{KeyAgentStateWaiting, Agent, SlackButton, nil},
		{KeyAgentStatePendingSecond, Agent, SlackButton, nil},
		{KeyAgentStateApproved, Agent, SlackButton, nil},
		{KeyAgentStatePartly, Agent, SlackButton, nil},
		{KeyAgentStateRejected, Agent, SlackButton, nil},
		{KeyAgentStateExpired, Agent, SlackButton, nil},
		{KeyAgentDecisionPending, Agent, SlackButton, nil},
		{KeyAgentDecisionApproved, Agent, SlackButton, nil},
		{KeyAgentDecisionRejected, Agent, SlackButton, nil},
		{KeyBtnApproveAll, Agent, SlackButton, nil},
		{KeyBtnApproveSome, Agent, SlackButton, nil},
		{KeyBtnReject, Agent, SlackButton, nil},
		{KeyBtnAsk, Agent, SlackButton, nil},
		{KeyModalApproveSomeTitle, Agent, SlackModalTitle, nil},
		{KeyModalRejectTitle, Agent, SlackModalTitle, nil},
		{KeyModalAskTitle, Agent, SlackModalTitle, nil},
		{KeyModalSubmitApprove, Agent, SlackModalTitle, nil},
		{KeyModalSubmitReject, Agent, SlackModalTitle, nil},
		{KeyModalSubmitAsk, Agent, SlackModalTitle, nil},
		{KeyModalClose, Agent, SlackModalTitle, nil},
		{KeyModalLeadsLabel, Agent, SlackLabel, nil},
		{KeyModalReasonLabel, Agent, SlackLabel, nil},
		{KeyModalRefusedReasonLabel, Agent, SlackLabel, nil},
		{KeyModalNoteLabel, Agent, SlackLabel, nil},
		{KeyModalNotePlaceholder, Agent, SlackPlaceholder, nil},
		{KeyModalQuestionLabel, Agent, SlackLabel, nil},
		{KeyModalQuestionPlaceholder, Agent, SlackPlaceholder, nil},
		{KeyRejectLabelInsufficientEvidence, Agent, SlackButton, nil},
		{KeyRejectLabelOutsideWindow, Agent, SlackButton, nil},
		{KeyRejectLabelClientReached, Agent, SlackButton, nil},
		{KeyRejectLabelLeadValid, Agent, SlackButton, nil},
		{KeyRejectLabelDuplicateRequest, Agent, SlackButton, nil},
		{KeyRejectLabelOther, Agent, SlackButton, nil},
		{KeyEphNotApprover, Agent, SlackSection, nil},
		{KeyEphAlreadyDecided, Agent, SlackSection, []string{"state", "by", "time"}},
		{KeyEphSecondMustDiffer, Agent, SlackSection, nil},
		{KeyEphFirstApproval, Agent, SlackSection, []string{"have", "need", "threshold"}},
		{KeyEphNoLeadsChosen, Agent, SlackSection, nil},
		{KeyEphNoteTooLong, Agent, SlackSection, []string{"max"}},
		{KeyEphQuestionEmpty, Agent, SlackSection, nil},
		{KeyEphError, Agent, SlackSection, nil},
		{KeyThreadProviderAnswer, Agent, SlackSection, []string{"case", "text"}},
		{KeyThreadQuestionSent, Agent, SlackSection, []string{"by", "question"}},
		{KeyThreadEvidence, Agent, SlackSection, []string{"index", "total", "kind"}},
		{KeyThreadDeliveryFailed, Agent, SlackSection, []string{"error"}},
		{KeySLAReminder, Agent, SlackSection, []string{"case", "age"}},
		{KeySLAEscalation, Agent, SlackSection, []string{"case", "age", "hours"}},
		{KeyDigestHeader, Agent, SlackHeader, []string{"date"}},
		{KeyDigestOpen, Agent, SlackSection, []string{"count", "oldest"}},
		{KeyDigestOverdue, Agent, SlackSection, []string{"count", "hours"}},
		{KeyDigestDecided, Agent, SlackSection, []string{"approved", "partly", "rejected", "expired"}},
		{KeyDigestCredited, Agent, SlackSection, []string{"coins"}},
		{KeyDigestNone, Agent, SlackSection, nil},
		{KeyFindWindowOK, Agent, SlackSection, []string{"count", "days"}},
		{KeyFindWindowFail, Agent, SlackSection, []string{"lead", "date", "days"}},
		{KeyFindDupOK, Agent, SlackSection, nil},
		{KeyFindDupRefunded, Agent, SlackSection, []string{"lead", "case"}},
		{KeyFindDupOpen, Agent, SlackSection, []string{"lead", "case"}},
		{KeyFindRepeatOK, Agent, SlackSection, []string{"ordinal", "days"}},
		{KeyFindRepeatWarn, Agent, SlackSection, []string{"ordinal", "days"}},
		{KeyFindRateOK, Agent, SlackSection, []string{"rate", "refunded", "unlocks", "days"}},
		{KeyFindRateWarn, Agent, SlackSection, []string{"rate", "refunded", "unlocks", "days", "limit"}},
		{KeyFindRateNone, Agent, SlackSection, []string{"days"}},
		{KeyFindRecentOK, Agent, SlackSection, []string{"hours"}},
		{KeyFindRecentWarn, Agent, SlackSection, []string{"lead", "ago"}},
		{KeyFindHashOK, Agent, SlackSection, nil},
		{KeyFindHashWarn, Agent, SlackSection, []string{"case"}},
	}
}
