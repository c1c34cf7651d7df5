package policy

// englishCase is the English text of the case keys.
func englishCase(key Key) string {
	switch key {
	case KeyLeadPrompt:
		return "Send the ID of the lead you want refunded. You can send several IDs in one message, separated by spaces or commas (at most {max} in one request)."
	case KeyLeadAccepted:
		return "✅ Lead <b>{lead}</b> added: {coins} coins."
	case KeyLeadUnknown:
		return "❌ I can’t find lead <b>{lead}</b>. Please check the ID in your Rockerstop app and send it again."
	case KeyLeadNotYours:
		return "❌ Lead <b>{lead}</b> was not unlocked with your account, so it cannot be refunded to you."
	case KeyLeadOutsideWindow:
		return "❌ Lead <b>{lead}</b> is outside the refund window: leads can be refunded up to {days} days after unlock, and this one closed on {date}."
	case KeyLeadAlreadyRefunded:
		return "❌ Lead <b>{lead}</b> was already refunded in case {case}."
	case KeyLeadInOpenCase:
		return "❌ Lead <b>{lead}</b> is already in your open case {case}. You will hear from us there."
	case KeyLeadTooEarly:
		return "⏳ Lead <b>{lead}</b> was unlocked less than {hours} hours ago. Please give the client time to respond: you can ask for this refund from <b>{time}</b>."
	case KeyLeadNoCoins:
		return "❌ No coins were spent on lead <b>{lead}</b>, so there is nothing to refund."
	case KeyLeadAlreadyAdded:
		return "Lead <b>{lead}</b> is already in this request."
	case KeyLeadBadID:
		return "“{text}” does not look like a lead ID. Please send the ID as shown in your Rockerstop app."
	case KeyLeadTooMany:
		return "One request can hold at most {max} leads. Submit this one first, then send a new request for the others."
	case KeyLeadsNone:
		return "Please send at least one lead ID first."
	case KeyLeadsSoFar:
		return "Leads in this request: {count}, total <b>{total} coins</b>. Send more IDs, or tap <b>Done with leads</b>."
	case KeyBtnLeadsDone:
		return "✔️ Done with leads"
	case KeyEvidencePrompt:
		return "Now send your evidence: screenshots (photos or files) or a short text. You can send up to {max_files} files. Tap <b>Done with evidence</b> when you have finished."
	case KeyEvidenceNeedNonResponsive:
		return "<b>Required:</b> a screenshot of your call log, or a text describing your attempts (when you called or wrote, and how)."
	case KeyEvidenceNeedTechnical:
		return "<b>Required:</b> a text telling what happened and when, in your own words. Screenshots help too."
	case KeyEvidenceOptional:
		return "Evidence is optional for this reason, but a screenshot helps us decide faster."
	case KeyEvidenceMissingNonResponsive:
		return "Before you continue, please send a screenshot of your call log, or a text describing your attempts to reach the client."
	case KeyEvidenceMissingTechnical:
		return "Before you continue, please write what happened and when, in your own words."
	case KeyEvidenceReceived:
		return "Got it: {count} of at most {max_files}. Send more, or tap <b>Done with evidence</b>."
	case KeyEvidenceTooMany:
		return "You have reached the limit of {max_files} files for one request. Tap <b>Done with evidence</b> to continue."
	case KeyBtnEvidenceDone:
		return "✔️ Done with evidence"
	case KeyUnsupportedVoice:
		return "I can’t take voice messages. Please send a screenshot, a PDF or a text instead."
	case KeyUnsupportedAudio:
		return "I can’t take audio files. Please send a screenshot, a PDF or a text instead."
	case KeyUnsupportedVideo:
		return "I can’t take videos. Please send a screenshot, a PDF or a text instead."
	case KeyUnsupportedVideoNote:
		return "I can’t take video messages. Please send a screenshot, a PDF or a text instead."
	case KeyUnsupportedSticker:
		return "Stickers can’t be used here. Please send a screenshot, a PDF or a text."
	case KeyUnsupportedAnimation:
		return "I can’t take GIFs. Please send a screenshot, a PDF or a text instead."
	case KeyUnsupportedLocation:
		return "I can’t take locations. Please send a screenshot, a PDF or a text instead."
	case KeyUnsupportedPoll:
		return "I can’t take polls. Please send a screenshot, a PDF or a text instead."
	case KeyUnsupportedOther:
		return "I can’t take this kind of message. Please send a screenshot, a PDF or a text."
	case KeyFileTooBig:
		return "This file is too big. Please send a file of at most {max_mb} MB, or a screenshot instead."
	case KeyFileWrongType:
		return "I can take photos, images (JPG, PNG, WEBP) and PDF files only. Please send a screenshot or a PDF."
	case KeyFileFailed:
		return "I could not receive this file. Please send it again."
	case KeySummary:
		return "<b>Your refund request</b>\nReason: {reason}\n{answers_lines}\n\n<b>Leads ({count})</b>\n{leads_lines}\nTotal: <b>{total} coins</b>\nEvidence: {evidence} item(s)\n\nPlease check it, then tap <b>Submit</b>."
	case KeySummaryAnswerLine:
		return "{question}: <b>{answer}</b>"
	case KeySummaryLeadLine:
		return "• {lead}: {coins} coins"
	case KeyBtnSubmit:
		return "✅ Submit"
	case KeyBtnEdit:
		return "✏️ Edit"
	case KeyBtnCancel:
		return "✖️ Cancel"
	case KeyEditMenu:
		return "What do you want to change?"
	case KeyBtnEditAnswers:
		return "Answers"
	case KeyBtnEditLeads:
		return "Leads"
	case KeyBtnEditEvidence:
		return "Evidence"
	case KeyBtnBack:
		return "⬅️ Back"
	case KeySubmitted:
		return "Your case <b>{case}</b> is submitted. Our team will review it and you will get a message here with the decision. Tap /status any time to check it."
	case KeyCancelled:
		return "Cancelled. Nothing was sent. Tap /refund to start again."
	case KeyNothingToCancel:
		return "There is nothing to cancel. Tap /help to see what I can do."
	case KeyStepPassed:
		return "This step has passed. Please use the latest message."
	case KeyDraftInProgress:
		return "You have a refund request that is not submitted yet. Continue it, or tap /cancel to start over."
	case KeyBtnContinue:
		return "▶️ Continue"
	case KeyDraftReminder:
		return "Your refund request is not submitted yet. Tap <b>Continue</b> to finish it: unfinished requests are removed after {hours} hours."
	case KeyDraftExpired:
		return "Your unfinished refund request was removed because it was idle for too long. Tap /refund to start again."
	case KeyStatusHeader:
		return "<b>Your refund requests</b> ({count}):"
	case KeyStatusNone:
		return "You have no refund requests yet. Tap /refund to ask for one."
	case KeyStatusLine:
		return "• <b>{case}</b>, {date}: {state}, {coins} coins"
	case KeyStateOpenLabel:
		return "under review"
	case KeyStateWaitingLabel:
		return "waiting for your answer"
	case KeyStatePendingSecondLabel:
		return "under final review"
	case KeyStateApprovedLabel:
		return "approved"
	case KeyStatePartlyLabel:
		return "partly approved"
	case KeyStateRejectedLabel:
		return "not approved"
	case KeyStateExpiredLabel:
		return "closed, no answer"
	case KeyBalanceHeader:
		return "<b>Your wallet:</b> {balance} coins"
	case KeyBalanceLine:
		return "• {date}: {kind} {coins} ({ref})"
	case KeyBalanceLineBare:
		return "• {date}: {kind} {coins}"
	case KeyBalanceNone:
		return "No wallet entries yet."
	case KeyEntryOpening:
		return "opening balance"
	case KeyEntryUnlock:
		return "lead unlocked"
	case KeyEntryRefund:
		return "refund"
	case KeyEntryAdjustment:
		return "adjustment"
	case KeyPolicyText:
		return "<b>How coin refunds work</b>\n\nRockerstop does not give cash refunds for membership plans or recharges. Coins spent on a lead can come back to your wallet, for contacting clients and other platform features, when:\n1. the lead is invalid or inaccurate;\n2. the client does not respond despite genuine attempts (at least {min_attempts} attempts over {min_days} days; you can ask {min_wait_hours} hours after unlock);\n3. the lead was posted by mistake and you have not engaged with it;\n4. the phone number was not provided or is inaccessible;\n5. a technical issue stopped you from using the lead.\n\nAsk within {window_days} days of unlocking the lead, with up to {max_leads} leads in one request. Our team reviews every request. In a critical situation, write to {email}."
	case KeySupport:
		return "Our support team is here to help. Write to <b>{email}</b> with your registered phone number and, if you have one, your case ID (RF-…)."
	case KeyLanguageChoose:
		return "Choose your language:"
	case KeyBtnLangEnglish:
		return "English"
	case KeyBtnLangHindi:
		return "हिन्दी"
	case KeyLanguageChanged:
		return "Done: I will write in English from now on."
	case KeyApology:
		return "Sorry, something went wrong on our side. Nothing you sent is lost: please try again in a minute."
	case KeyAgentQuestion:
		return "About your case <b>{case}</b>, our team asks:\n\n<i>{question}</i>\n\nPlease send your answer here, as text or screenshots."
	case KeyAnswerReceived:
		return "Thank you, your answer was added to case <b>{case}</b>. Our team will continue the review."
	case KeyOutcomeApproved:
		return "✅ Your case <b>{case}</b> is approved: <b>{coins} coins</b> are back in your wallet. Your balance is now {balance} coins."
	case KeyOutcomePartly:
		return "Your case <b>{case}</b> is partly approved: <b>{coins} coins</b> are back in your wallet for {approved}. Your balance is now {balance} coins.\n\nNot refunded: {refused}. Reason: {reason}{note_block}"
	case KeyOutcomeRejected:
		return "Your case <b>{case}</b> was not approved.\nReason: {reason}{note_block}\n\nIf you have new evidence, you can send a new request with /refund while the leads are inside the refund window, or write to {email}."
	case KeyOutcomeNote:
		return "\nNote from our team: <i>{note}</i>"
	case KeyOutcomeExpired:
		return "Your case <b>{case}</b> was closed because we did not get your answer within {hours} hours. You can send a new request with /refund."
	case KeyRejectInsufficientEvidence:
		return "the evidence was not enough to show the problem."
	case KeyRejectOutsideWindow:
		return "the request came after the refund window had closed."
	case KeyRejectClientReached:
		return "our check shows you were able to reach the client."
	case KeyRejectLeadValid:
		return "our check shows the lead is valid."
	case KeyRejectDuplicateRequest:
		return "this lead was already requested in another case."
	case KeyRejectOther:
		return "see the note from our team."
	case KeyAnswerCollected:
		return "Got it: {count} item(s). Send more, or tap <b>Send answer</b>."
	case KeyBtnSendAnswer:
		return "📨 Send answer"
	}
	return ""
}
