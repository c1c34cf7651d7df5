package policy

// Keys of the provider's case: leads, evidence, summary, status, balance, outcomes.
const (
	KeyLeadPrompt                   Key = "lead.prompt"
	KeyLeadAccepted                 Key = "lead.accepted"
	KeyLeadUnknown                  Key = "lead.unknown"
	KeyLeadNotYours                 Key = "lead.not_yours"
	KeyLeadOutsideWindow            Key = "lead.outside_window"
	KeyLeadAlreadyRefunded          Key = "lead.already_refunded"
	KeyLeadInOpenCase               Key = "lead.in_open_case"
	KeyLeadTooEarly                 Key = "lead.too_early"
	KeyLeadNoCoins                  Key = "lead.no_coins"
	KeyLeadAlreadyAdded             Key = "lead.already_added"
	KeyLeadBadID                    Key = "lead.bad_id"
	KeyLeadTooMany                  Key = "lead.too_many"
	KeyLeadsNone                    Key = "lead.none"
	KeyLeadsSoFar                   Key = "lead.so_far"
	KeyBtnLeadsDone                 Key = "btn.leads_done"
	KeyEvidencePrompt               Key = "evidence.prompt"
	KeyEvidenceNeedNonResponsive    Key = "evidence.need.non_responsive"
	KeyEvidenceNeedTechnical        Key = "evidence.need.technical_issue"
	KeyEvidenceOptional             Key = "evidence.optional"
	KeyEvidenceMissingNonResponsive Key = "evidence.missing.non_responsive"
	KeyEvidenceMissingTechnical     Key = "evidence.missing.technical_issue"
	KeyEvidenceReceived             Key = "evidence.received"
	KeyEvidenceTooMany              Key = "evidence.too_many"
	KeyBtnEvidenceDone              Key = "btn.evidence_done"
	KeyUnsupportedVoice             Key = "unsupported.voice"
	KeyUnsupportedAudio             Key = "unsupported.audio"
	KeyUnsupportedVideo             Key = "unsupported.video"
	KeyUnsupportedVideoNote         Key = "unsupported.video_note"
	KeyUnsupportedSticker           Key = "unsupported.sticker"
	KeyUnsupportedAnimation         Key = "unsupported.animation"
	KeyUnsupportedLocation          Key = "unsupported.location"
	KeyUnsupportedPoll              Key = "unsupported.poll"
	KeyUnsupportedOther             Key = "unsupported.other"
	KeyFileTooBig                   Key = "file.too_big"
	KeyFileWrongType                Key = "file.wrong_type"
	KeyFileFailed                   Key = "file.failed"
	KeySummary                      Key = "summary"
	KeySummaryAnswerLine            Key = "summary.answer_line"
	KeySummaryLeadLine              Key = "summary.lead_line"
	KeyBtnSubmit                    Key = "btn.submit"
	KeyBtnEdit                      Key = "btn.edit"
	KeyBtnCancel                    Key = "btn.cancel"
	KeyEditMenu                     Key = "edit.menu"
	KeyBtnEditAnswers               Key = "btn.edit_answers"
	KeyBtnEditLeads                 Key = "btn.edit_leads"
	KeyBtnEditEvidence              Key = "btn.edit_evidence"
	KeyBtnBack                      Key = "btn.back"
	KeySubmitted                    Key = "submitted"
	KeyCancelled                    Key = "cancelled"
	KeyNothingToCancel              Key = "nothing_to_cancel"
	KeyStepPassed                   Key = "step_passed"
	KeyDraftInProgress              Key = "draft.in_progress"
	KeyBtnContinue                  Key = "btn.continue"
	KeyDraftReminder                Key = "draft.reminder"
	KeyDraftExpired                 Key = "draft.expired"
	KeyStatusHeader                 Key = "status.header"
	KeyStatusNone                   Key = "status.none"
	KeyStatusLine                   Key = "status.line"
	KeyStateOpenLabel               Key = "state.open"
	KeyStateWaitingLabel            Key = "state.waiting_provider"
	KeyStatePendingSecondLabel      Key = "state.pending_second"
	KeyStateApprovedLabel           Key = "state.approved"
	KeyStatePartlyLabel             Key = "state.partly_approved"
	KeyStateRejectedLabel           Key = "state.rejected"
	KeyStateExpiredLabel            Key = "state.expired"
	KeyBalanceHeader                Key = "balance.header"
	KeyBalanceLine                  Key = "balance.line"
	KeyBalanceLineBare              Key = "balance.line_bare"
	KeyBalanceNone                  Key = "balance.none"
	KeyEntryOpening                 Key = "entry.opening"
	KeyEntryUnlock                  Key = "entry.unlock"
	KeyEntryRefund                  Key = "entry.refund"
	KeyEntryAdjustment              Key = "entry.adjustment"
	KeyPolicyText                   Key = "policy"
	KeySupport                      Key = "support"
	KeyLanguageChoose               Key = "language.choose"
	KeyBtnLangEnglish               Key = "btn.lang_en"
	KeyBtnLangHindi                 Key = "btn.lang_hi"
	KeyLanguageChanged              Key = "language.changed"
	KeyApology                      Key = "apology"
	KeyAgentQuestion                Key = "question.from_agent"
	KeyAnswerReceived               Key = "question.answer_received"
	KeyOutcomeApproved              Key = "outcome.approved"
	KeyOutcomePartly                Key = "outcome.partly"
	KeyOutcomeRejected              Key = "outcome.rejected"
	KeyOutcomeNote                  Key = "outcome.note"
	KeyOutcomeExpired               Key = "outcome.expired"
	KeyRejectInsufficientEvidence   Key = "reject.insufficient_evidence"
	KeyRejectOutsideWindow          Key = "reject.outside_window"
	KeyRejectClientReached          Key = "reject.client_reached"
	KeyRejectLeadValid              Key = "reject.lead_valid"
	KeyRejectDuplicateRequest       Key = "reject.duplicate_request"
	KeyRejectOther                  Key = "reject.other"
	KeyAnswerCollected              Key = "question.answer_collected"
	KeyBtnSendAnswer                Key = "btn.send_answer"
)

// caseKeys declares the keys above with their surfaces and parameters.
func caseKeys() []KeySpec {
	return []KeySpec{
		{KeyLeadPrompt, Provider, TGMessage, []string{"max"}},
		{KeyLeadAccepted, Provider, TGMessage, []string{"lead", "coins"}},
		{KeyLeadUnknown, Provider, TGMessage, []string{"lead"}},
		{KeyLeadNotYours, Provider, TGMessage, []string{"lead"}},
		{KeyLeadOutsideWindow, Provider, TGMessage, []string{"lead", "date", "days"}},
		{KeyLeadAlreadyRefunded, Provider, TGMessage, []string{"lead", "case"}},
		{KeyLeadInOpenCase, Provider, TGMessage, []string{"lead", "case"}},
		{KeyLeadTooEarly, Provider, TGMessage, []string{"lead", "time", "hours"}},
		{KeyLeadNoCoins, Provider, TGMessage, []string{"lead"}},
		{KeyLeadAlreadyAdded, Provider, TGMessage, []string{"lead"}},
		{KeyLeadBadID, Provider, TGMessage, []string{"text"}},
		{KeyLeadTooMany, Provider, TGMessage, []string{"max"}},
		{KeyLeadsNone, Provider, TGMessage, nil},
		{KeyLeadsSoFar, Provider, TGMessage, []string{"count", "total"}},
		{KeyBtnLeadsDone, Provider, TGButton, nil},
		{KeyEvidencePrompt, Provider, TGMessage, []string{"max_files"}},
		{KeyEvidenceNeedNonResponsive, Provider, TGMessage, nil},
		{KeyEvidenceNeedTechnical, Provider, TGMessage, nil},
		{KeyEvidenceOptional, Provider, TGMessage, nil},
		{KeyEvidenceMissingNonResponsive, Provider, TGMessage, nil},
		{KeyEvidenceMissingTechnical, Provider, TGMessage, nil},
		{KeyEvidenceReceived, Provider, TGMessage, []string{"count", "max_files"}},
		{KeyEvidenceTooMany, Provider, TGMessage, []string{"max_files"}},
		{KeyBtnEvidenceDone, Provider, TGButton, nil},
		{KeyUnsupportedVoice, Provider, TGMessage, nil},
		{KeyUnsupportedAudio, Provider, TGMessage, nil},
		{KeyUnsupportedVideo, Provider, TGMessage, nil},
		{KeyUnsupportedVideoNote, Provider, TGMessage, nil},
		{KeyUnsupportedSticker, Provider, TGMessage, nil},
		{KeyUnsupportedAnimation, Provider, TGMessage, nil},
		{KeyUnsupportedLocation, Provider, TGMessage, nil},
		{KeyUnsupportedPoll, Provider, TGMessage, nil},
		{KeyUnsupportedOther, Provider, TGMessage, nil},
		{KeyFileTooBig, Provider, TGMessage, []string{"max_mb"}},
		{KeyFileWrongType, Provider, TGMessage, nil},
		{KeyFileFailed, Provider, TGMessage, nil},
		{KeySummary, Provider, TGMessage, []string{"reason", "answers_lines", "leads_lines", "count", "total", "evidence"}},
		{KeySummaryAnswerLine, Provider, TGMessage, []string{"question", "answer"}},
		{KeySummaryLeadLine, Provider, TGMessage, []string{"lead", "coins"}},
		{KeyBtnSubmit, Provider, TGButton, nil},
		{KeyBtnEdit, Provider, TGButton, nil},
		{KeyBtnCancel, Provider, TGButton, nil},
		{KeyEditMenu, Provider, TGMessage, nil},
		{KeyBtnEditAnswers, Provider, TGButton, nil},
		{KeyBtnEditLeads, Provider, TGButton, nil},
		{KeyBtnEditEvidence, Provider, TGButton, nil},
		{KeyBtnBack, Provider, TGButton, nil},
		{KeySubmitted, Provider, TGMessage, []string{"case"}},
		{KeyCancelled, Provider, TGMessage, nil},
		{KeyNothingToCancel, Provider, TGMessage, nil},
		{KeyStepPassed, Provider, TGCallback, nil},
		{KeyDraftInProgress, Provider, TGMessage, nil},
		{KeyBtnContinue, Provider, TGButton, nil},
		{KeyDraftReminder, Provider, TGMessage, []string{"hours"}},
		{KeyDraftExpired, Provider, TGMessage, nil},
		{KeyStatusHeader, Provider, TGMessage, []string{"count"}},
		{KeyStatusNone, Provider, TGMessage, nil},
		{KeyStatusLine, Provider, TGMessage, []string{"case", "date", "state", "coins"}},
		{KeyStateOpenLabel, Provider, TGButton, nil},
		{KeyStateWaitingLabel, Provider, TGButton, nil},
		{KeyStatePendingSecondLabel, Provider, TGButton, nil},
		{KeyStateApprovedLabel, Provider, TGButton, nil},
		{KeyStatePartlyLabel, Provider, TGButton, nil},
		{KeyStateRejectedLabel, Provider, TGButton, nil},
		{KeyStateExpiredLabel, Provider, TGButton, nil},
		{KeyBalanceHeader, Provider, TGMessage, []string{"balance"}},
		{KeyBalanceLine, Provider, TGMessage, []string{"date", "kind", "coins", "ref"}},
		{KeyBalanceLineBare, Provider, TGMessage, []string{"date", "kind", "coins"}},
		{KeyBalanceNone, Provider, TGMessage, nil},
		{KeyEntryOpening, Provider, TGButton, nil},
		{KeyEntryUnlock, Provider, TGButton, nil},
		{KeyEntryRefund, Provider, TGButton, nil},
		{KeyEntryAdjustment, Provider, TGButton, nil},
		{KeyPolicyText, Provider, TGMessage, []string{"window_days", "min_attempts", "min_days", "min_wait_hours", "max_leads", "email"}},
		{KeySupport, Provider, TGMessage, []string{"email"}},
		{KeyLanguageChoose, Provider, TGMessage, nil},
		{KeyBtnLangEnglish, Provider, TGButton, nil},
		{KeyBtnLangHindi, Provider, TGButton, nil},
		{KeyLanguageChanged, Provider, TGMessage, nil},
		{KeyApology, Provider, TGMessage, nil},
		{KeyAgentQuestion, Provider, TGMessage, []string{"case", "question"}},
		{KeyAnswerReceived, Provider, TGMessage, []string{"case"}},
		{KeyOutcomeApproved, Provider, TGMessage, []string{"case", "coins", "balance"}},
		{KeyOutcomePartly, Provider, TGMessage, []string{"case", "coins", "balance", "approved", "refused", "reason", "note_block"}},
		{KeyOutcomeRejected, Provider, TGMessage, []string{"case", "reason", "note_block", "email"}},
		{KeyOutcomeNote, Provider, TGMessage, []string{"note"}},
		{KeyOutcomeExpired, Provider, TGMessage, []string{"case", "hours"}},
		{KeyRejectInsufficientEvidence, Provider, TGMessage, nil},
		{KeyRejectOutsideWindow, Provider, TGMessage, nil},
		{KeyRejectClientReached, Provider, TGMessage, nil},
		{KeyRejectLeadValid, Provider, TGMessage, nil},
		{KeyRejectDuplicateRequest, Provider, TGMessage, nil},
		{KeyRejectOther, Provider, TGMessage, nil},
		{KeyAnswerCollected, Provider, TGMessage, []string{"count"}},
		{KeyBtnSendAnswer, Provider, TGButton, nil},
	}
}
