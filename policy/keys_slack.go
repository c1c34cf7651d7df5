package policy

// Keys of the Slack adapter's own texts (agents, English): the card's
// parts, the answers to a click or a submission, the modals' labels and
// the /refund command. Values are inserted as they are: the adapter
// escapes each raw value for mrkdwn (or leaves it plain in plain_text
// objects) before rendering.
const (
	KeyCardTitle             Key = "card.title"
	KeyCardTitleAppeal       Key = "card.title_appeal"
	KeyCardFallback          Key = "card.fallback"
	KeyCardProviderSince     Key = "card.provider_since"
	KeyCardAnswerCut         Key = "card.answer_cut"
	KeyCardAnswerFull        Key = "card.answer_full"
	KeyCardMoreLeads         Key = "card.more_leads"
	KeyCardMoreLeadsNote     Key = "card.more_leads_note"
	KeyCardNoEvidence        Key = "card.no_evidence"
	KeyCardScreenshotsOne    Key = "card.evidence.screenshots_one"
	KeyCardScreenshotsMany   Key = "card.evidence.screenshots_many"
	KeyCardDocumentsOne      Key = "card.evidence.documents_one"
	KeyCardDocumentsMany     Key = "card.evidence.documents_many"
	KeyCardNotesOne          Key = "card.evidence.notes_one"
	KeyCardNotesMany         Key = "card.evidence.notes_many"
	KeyCardHistory           Key = "card.history"
	KeyCardAsked             Key = "card.asked"
	KeyCardDecidedBy         Key = "card.decided_by"
	KeyCardNoCoinsMoved      Key = "card.no_coins_moved"
	KeyCardCoinsCredited     Key = "card.coins_credited"
	KeyCardSomeCoinsCredited Key = "card.some_coins_credited"
	KeyCardReasonIs          Key = "card.reason_is"
	KeyCardDeliveryProblems  Key = "card.delivery_problems"
	KeyCardAppealTitle       Key = "card.appeal_title"
	KeyCardOriginalLink      Key = "card.original_link"
	KeyConfirmApproveAll     Key = "confirm.approve_all.title"
	KeyConfirmApproveAllText Key = "confirm.approve_all.text"

	// The card's state labels (CardStateKey); the appeal's history uses
	// the shorter AgentStateKey labels.
	KeyCardStateOpen          Key = "card.state.open"
	KeyCardStateWaiting       Key = "card.state.waiting_provider"
	KeyCardStatePendingSecond Key = "card.state.pending_second"
	KeyCardStateApproved      Key = "card.state.approved"
	KeyCardStatePartly        Key = "card.state.partly_approved"
	KeyCardStateRejected      Key = "card.state.rejected"
	KeyCardStateExpired       Key = "card.state.expired"
	KeyCardStateWithdrawn     Key = "card.state.withdrawn"

	// A state in "Already <verb> by ..." (AgentStateVerbKey).
	KeyVerbOpen          Key = "agent.verb.open"
	KeyVerbWaiting       Key = "agent.verb.waiting_provider"
	KeyVerbPendingSecond Key = "agent.verb.pending_second"
	KeyVerbApproved      Key = "agent.verb.approved"
	KeyVerbPartly        Key = "agent.verb.partly_approved"
	KeyVerbRejected      Key = "agent.verb.rejected"
	KeyVerbExpired       Key = "agent.verb.expired"
	KeyVerbWithdrawn     Key = "agent.verb.withdrawn"

	KeyAgentApprovals  Key = "agent.approvals"
	KeyAgentAtTime     Key = "agent.at_time"
	KeyAgentOnDateAt   Key = "agent.on_date_at"
	KeyAgeAfterRequest Key = "agent.age.after_request"
	KeyAgeMinutes      Key = "agent.age.minutes"
	KeyAgeHours        Key = "agent.age.hours"
	KeyAgeDays         Key = "agent.age.days"

	KeyEphAlready         Key = "eph.already"
	KeyEphAlreadyBy       Key = "eph.already_by"
	KeyEphAlreadyAt       Key = "eph.already_at"
	KeyEphNotFound        Key = "eph.not_found"
	KeyEphCannotMove      Key = "eph.cannot_move"
	KeyEphInvalid         Key = "eph.invalid"
	KeyEphFormFailed      Key = "eph.form_failed"
	KeyEphNoReason        Key = "eph.no_reason"
	KeyModalIntro         Key = "modal.intro"
	KeyModalLeadsRange    Key = "modal.leads.range_label"
	KeyModalLeadOption    Key = "modal.leads.option"
	KeyModalReasonHint    Key = "modal.reason.placeholder"
	KeyModalQuestionHint  Key = "modal.question.hint"
	KeyModalSimilarOption Key = "modal.similar.option"

	KeySlashUsage        Key = "slash.usage"
	KeySlashUnknown      Key = "slash.unknown"
	KeySlashNotFound     Key = "slash.not_found"
	KeySlashNotOnDesk    Key = "slash.not_on_desk"
	KeySlashNotOnDeskAsk Key = "slash.not_on_desk_ask"
	KeySlashCaseSummary  Key = "slash.case_summary"
	KeySlashCaseLead     Key = "slash.case_lead"
	KeySlashCaseCredited Key = "slash.case_credited"
	KeySlashQueueOff     Key = "slash.queue_off"
	KeySlashQueueEmpty   Key = "slash.queue_empty"
	KeySlashQueueHead    Key = "slash.queue_head"
	KeySlashQueueLine    Key = "slash.queue_line"
	KeySlashAndMore      Key = "slash.and_more"
	KeySlashWalletHead   Key = "slash.wallet_head"
	KeySlashWalletLine   Key = "slash.wallet_line"
	KeySlashCasesHead    Key = "slash.cases_head"
	KeySlashCaseLine     Key = "slash.case_line"
	KeyTelegramApology   Key = "telegram.apology"
	// KeyTelegramUnconfirmed is said instead of the apology when the
	// store could not tell whether the step committed.
	KeyTelegramUnconfirmed Key = "telegram.unconfirmed"
)

// slackSentences declares the keys above: audience, surface, parameters and texts.
var slackSentences = []Sentence{
	{
		Key: KeyCardTitle, Audience: Agent, Surface: SlackHeader, Params: []string{"case", "coins"},
		EN: "{case} · {coins} coins",
	},
	{
		Key: KeyCardTitleAppeal, Audience: Agent, Surface: SlackHeader, Params: []string{"case", "appeal", "coins"},
		EN: "{case} · Appeal of {appeal} · {coins} coins",
	},
	{
		Key: KeyCardFallback, Audience: Agent, Surface: SlackSection, Params: []string{"case", "coins", "state"},
		EN: "{case} · {coins} coins · {state}",
	},
	{
		Key: KeyCardProviderSince, Audience: Agent, Surface: SlackSection, Params: []string{"name", "provider_id", "phone", "date"},
		EN: "*Provider:* {name} (`{provider_id}`) · {phone} · linked since {date}",
	},
	{
		Key: KeyCardAnswerCut, Audience: Agent, Surface: SlackSection, Params: []string{"answer"},
		EN: "{answer} (in full in the thread)",
	},
	{
		Key: KeyCardAnswerFull, Audience: Agent, Surface: SlackSection, Params: []string{"label", "answer"},
		EN: "*{label}* (in full):\n{answer}",
	},
	{
		Key: KeyCardMoreLeads, Audience: Agent, Surface: SlackSection, Params: []string{"case", "count", "leads_lines"},
		EN: "*More leads of {case} ({count}):*\n{leads_lines}",
	},
	{
		Key: KeyCardMoreLeadsNote, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "_…and {count} more leads in the thread_",
	},
	{
		Key: KeyCardNoEvidence, Audience: Agent, Surface: SlackSection,
		EN: ":paperclip: No evidence attached",
	},
	{
		Key: KeyCardScreenshotsOne, Audience: Agent, Surface: SlackSection,
		EN: "1 screenshot",
	},
	{
		Key: KeyCardScreenshotsMany, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "{count} screenshots",
	},
	{
		Key: KeyCardDocumentsOne, Audience: Agent, Surface: SlackSection,
		EN: "1 document",
	},
	{
		Key: KeyCardDocumentsMany, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "{count} documents",
	},
	{
		Key: KeyCardNotesOne, Audience: Agent, Surface: SlackSection,
		EN: "1 note",
	},
	{
		Key: KeyCardNotesMany, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "{count} notes",
	},
	{
		Key: KeyCardHistory, Audience: Agent, Surface: SlackSection, Params: []string{"cases_30", "refunded_30", "cases_90", "refunded_90", "rate"},
		EN: "*History* · 30 days: {cases_30} cases, {refunded_30} refunded · 90 days: {cases_90} cases, {refunded_90} refunded · refund rate {rate}%",
	},
	{
		Key: KeyCardAsked, Audience: Agent, Surface: SlackSection, Params: []string{"question"},
		EN: "*Asked:* {question}",
	},
	{
		Key: KeyCardDecidedBy, Audience: Agent, Surface: SlackSection, Params: []string{"mention"},
		EN: "by {mention}",
	},
	{
		Key: KeyCardNoCoinsMoved, Audience: Agent, Surface: SlackSection,
		EN: "no coins moved",
	},
	{
		Key: KeyCardCoinsCredited, Audience: Agent, Surface: SlackSection, Params: []string{"coins"},
		EN: "{coins} coins credited",
	},
	{
		Key: KeyCardSomeCoinsCredited, Audience: Agent, Surface: SlackSection, Params: []string{"coins", "total"},
		EN: "{coins} of {total} coins credited",
	},
	{
		Key: KeyCardReasonIs, Audience: Agent, Surface: SlackSection, Params: []string{"reason"},
		EN: "reason: {reason}",
	},
	{
		Key: KeyCardDeliveryProblems, Audience: Agent, Surface: SlackSection, Params: []string{"failures"},
		EN: ":x: Delivery problems: {failures}",
	},
	{
		Key: KeyCardAppealTitle, Audience: Agent, Surface: SlackSection, Params: []string{"case"},
		EN: "*Appeal of {case}*",
	},
	{
		Key: KeyCardOriginalLink, Audience: Agent, Surface: SlackSection, Params: []string{"case"},
		EN: "Original card of {case}",
	},
	{
		Key: KeyConfirmApproveAll, Audience: Agent, Surface: SlackModalTitle,
		EN: "Approve all?",
	},
	{
		Key: KeyConfirmApproveAllText, Audience: Agent, Surface: SlackConfirmText, Params: []string{"case"},
		EN: "Every lead of {case} is credited back to the provider's wallet.",
	},

	{
		Key: KeyCardStateOpen, Audience: Agent, Surface: SlackButton,
		EN: "Open",
	},
	{
		Key: KeyCardStateWaiting, Audience: Agent, Surface: SlackButton,
		EN: "Waiting for the provider",
	},
	{
		Key: KeyCardStatePendingSecond, Audience: Agent, Surface: SlackButton,
		EN: "Waiting for a second approval",
	},
	{
		Key: KeyCardStateApproved, Audience: Agent, Surface: SlackButton,
		EN: "Approved",
	},
	{
		Key: KeyCardStatePartly, Audience: Agent, Surface: SlackButton,
		EN: "Partly approved",
	},
	{
		Key: KeyCardStateRejected, Audience: Agent, Surface: SlackButton,
		EN: "Rejected",
	},
	{
		Key: KeyCardStateExpired, Audience: Agent, Surface: SlackButton,
		EN: "Expired",
	},
	{
		Key: KeyCardStateWithdrawn, Audience: Agent, Surface: SlackButton,
		EN: "Withdrawn by the provider",
	},

	{
		Key: KeyVerbOpen, Audience: Agent, Surface: SlackButton,
		EN: "open",
	},
	{
		Key: KeyVerbWaiting, Audience: Agent, Surface: SlackButton,
		EN: "sent back to the provider",
	},
	{
		Key: KeyVerbPendingSecond, Audience: Agent, Surface: SlackButton,
		EN: "approved once",
	},
	{
		Key: KeyVerbApproved, Audience: Agent, Surface: SlackButton,
		EN: "approved",
	},
	{
		Key: KeyVerbPartly, Audience: Agent, Surface: SlackButton,
		EN: "partly approved",
	},
	{
		Key: KeyVerbRejected, Audience: Agent, Surface: SlackButton,
		EN: "rejected",
	},
	{
		Key: KeyVerbExpired, Audience: Agent, Surface: SlackButton,
		EN: "expired",
	},
	{
		Key: KeyVerbWithdrawn, Audience: Agent, Surface: SlackButton,
		EN: "withdrawn",
	},

	{
		Key: KeyAgentApprovals, Audience: Agent, Surface: SlackSection, Params: []string{"have", "need"},
		EN: "{have} of {need} approvals",
	},
	{
		Key: KeyAgentAtTime, Audience: Agent, Surface: SlackSection, Params: []string{"time"},
		EN: "at {time}",
	},
	{
		Key: KeyAgentOnDateAt, Audience: Agent, Surface: SlackSection, Params: []string{"date", "time"},
		EN: "on {date} at {time}",
	},
	{
		Key: KeyAgeAfterRequest, Audience: Agent, Surface: SlackSection,
		EN: "after request",
	},
	{
		Key: KeyAgeMinutes, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "{count}m",
	},
	{
		Key: KeyAgeHours, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "{count}h",
	},
	{
		Key: KeyAgeDays, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "{count}d",
	},

	{
		Key: KeyEphAlready, Audience: Agent, Surface: SlackSection, Params: []string{"state"},
		EN: "Already {state}.",
	},
	{
		Key: KeyEphAlreadyBy, Audience: Agent, Surface: SlackSection, Params: []string{"state", "mention"},
		EN: "Already {state} by {mention}.",
	},
	{
		Key: KeyEphAlreadyAt, Audience: Agent, Surface: SlackSection, Params: []string{"state", "when"},
		EN: "Already {state} {when}.",
	},
	{
		Key: KeyEphNotFound, Audience: Agent, Surface: SlackSection,
		EN: "That case does not exist.",
	},
	{
		Key: KeyEphCannotMove, Audience: Agent, Surface: SlackSection,
		EN: "This case cannot change in its current state.",
	},
	{
		Key: KeyEphInvalid, Audience: Agent, Surface: SlackSection,
		EN: "That is not possible for this case.",
	},
	{
		Key: KeyEphFormFailed, Audience: Agent, Surface: SlackSection,
		EN: "The form could not be opened. Please click again.",
	},
	{
		Key: KeyEphNoReason, Audience: Agent, Surface: SlackSection,
		EN: "Choose a reason.",
	},
	{
		Key: KeyModalIntro, Audience: Agent, Surface: SlackSection, Params: []string{"case", "coins", "count"},
		EN: "*{case}* · {coins} coins · {count} leads",
	},
	{
		Key: KeyModalLeadsRange, Audience: Agent, Surface: SlackLabel, Params: []string{"from", "to"},
		EN: "Leads to approve ({from}–{to})",
	},
	{
		Key: KeyModalLeadOption, Audience: Agent, Surface: SlackButton, Params: []string{"lead", "coins", "category"}, Cut: true,
		EN: "{lead} · {coins} coins · {category}",
	},
	{
		Key: KeyModalReasonHint, Audience: Agent, Surface: SlackPlaceholder,
		EN: "Choose a reason",
	},
	{
		Key: KeyModalQuestionHint, Audience: Agent, Surface: SlackLabel,
		EN: "Sent to the provider on Telegram.",
	},
	{
		Key: KeyModalSimilarOption, Audience: Agent, Surface: SlackButton, Params: []string{"case", "coins", "provider_id", "phone"}, Cut: true,
		EN: "{case} · {coins} coins · {provider_id} {phone}",
	},

	{
		Key: KeySlashUsage, Audience: Agent, Surface: SlackSection,
		EN: "Usage: `/refund RF-12` shows a case, `/refund P-1001` a provider's wallet and cases, `/refund queue` the open cases by age.",
	},
	{
		Key: KeySlashUnknown, Audience: Agent, Surface: SlackSection,
		EN: "Unknown command.",
	},
	{
		Key: KeySlashNotFound, Audience: Agent, Surface: SlackSection, Params: []string{"what"},
		EN: "Nothing found for `{what}`.",
	},
	{
		Key: KeySlashNotOnDesk, Audience: Agent, Surface: SlackSection,
		EN: "Only the refund desk (approvers and agents listed in slack.agents) can use `/refund`. Ask your support lead to add you.",
	},
	{
		Key: KeySlashNotOnDeskAsk, Audience: Agent, Surface: SlackSection, Params: []string{"approvers"},
		EN: "Only the refund desk (approvers and agents listed in slack.agents) can use `/refund`. Ask an approver: {approvers}.",
	},
	{
		Key: KeySlashCaseSummary, Audience: Agent, Surface: SlackSection, Params: []string{"case", "coins", "state", "provider_id", "reason", "date"},
		EN: "*{case}* · {coins} coins · {state}\nProvider `{provider_id}` · reason {reason} · opened {date}",
	},
	{
		Key: KeySlashCaseLead, Audience: Agent, Surface: SlackSection, Params: []string{"lead", "coins", "decision"},
		EN: "• `{lead}` · {coins} coins · {decision}",
	},
	{
		Key: KeySlashCaseCredited, Audience: Agent, Surface: SlackSection, Params: []string{"coins"},
		EN: "Credited: {coins} coins",
	},
	{
		Key: KeySlashQueueOff, Audience: Agent, Surface: SlackSection,
		EN: "The queue is not available.",
	},
	{
		Key: KeySlashQueueEmpty, Audience: Agent, Surface: SlackSection,
		EN: "No open cases.",
	},
	{
		Key: KeySlashQueueHead, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "*Open cases ({count}), oldest first*",
	},
	{
		Key: KeySlashQueueLine, Audience: Agent, Surface: SlackSection, Params: []string{"case", "coins", "state", "age"},
		EN: "• *{case}* · {coins} coins · {state} · {age} old",
	},
	{
		Key: KeySlashAndMore, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "…and {count} more",
	},
	{
		Key: KeySlashWalletHead, Audience: Agent, Surface: SlackSection, Params: []string{"provider_id", "coins"},
		EN: "*Wallet of `{provider_id}`:* {coins} coins",
	},
	{
		Key: KeySlashWalletLine, Audience: Agent, Surface: SlackSection, Params: []string{"kind", "coins", "ref", "date"},
		EN: "• {kind} {coins} coins · {ref} · {date}",
	},
	{
		Key: KeySlashCasesHead, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "*Cases ({count})*",
	},
	{
		Key: KeySlashCaseLine, Audience: Agent, Surface: SlackSection, Params: []string{"case", "coins", "state"},
		EN: "• *{case}* · {coins} coins · {state}",
	},

	{
		Key: KeyTelegramApology, Audience: Provider, Surface: TGMessage,
		EN: "Sorry, something went wrong on our side. Please try again in a minute.",
		HI: "माफ़ कीजिए, हमारी तरफ़ से कुछ गड़बड़ हो गई। कृपया एक मिनट बाद फिर कोशिश करें।",
	},
	{
		Key: KeyTelegramUnconfirmed, Audience: Provider, Surface: TGMessage,
		EN: "We could not confirm whether that went through; it may have. Please check /status in a minute before you send it again.",
		HI: "हम पक्का नहीं कर पाए कि यह पहुँचा या नहीं; हो सकता है पहुँच गया हो। दोबारा भेजने से पहले एक मिनट बाद /status देख लें।",
	},
}

// CardStateKey is the card's label of a case state; false for a state
// the catalogue does not know.
func CardStateKey(s State) (Key, bool) {
	switch s {
	case StateOpen:
		return KeyCardStateOpen, true
	case StateWaitingProvider:
		return KeyCardStateWaiting, true
	case StatePendingSecond:
		return KeyCardStatePendingSecond, true
	case StateApproved:
		return KeyCardStateApproved, true
	case StatePartlyApproved:
		return KeyCardStatePartly, true
	case StateRejected:
		return KeyCardStateRejected, true
	case StateExpired:
		return KeyCardStateExpired, true
	case StateWithdrawn:
		return KeyCardStateWithdrawn, true
	}
	return "", false
}

// AgentStateVerbKey names a state in "Already <verb> by ..."; false for a
// state the catalogue does not know.
func AgentStateVerbKey(s State) (Key, bool) {
	switch s {
	case StateOpen:
		return KeyVerbOpen, true
	case StateWaitingProvider:
		return KeyVerbWaiting, true
	case StatePendingSecond:
		return KeyVerbPendingSecond, true
	case StateApproved:
		return KeyVerbApproved, true
	case StatePartlyApproved:
		return KeyVerbPartly, true
	case StateRejected:
		return KeyVerbRejected, true
	case StateExpired:
		return KeyVerbExpired, true
	case StateWithdrawn:
		return KeyVerbWithdrawn, true
	}
	return "", false
}
