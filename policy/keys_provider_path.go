package policy

// Keys of the provider's shorter path (issue #13): deep links, leads as
// buttons, the evidence acknowledgement that offers Submit.
const (
	KeyDeepLinkAfterLink Key = "deeplink.after_link"
	KeyDeepLinkRefused   Key = "deeplink.refused"
	KeyLeadPickHint      Key = "lead.pick_hint"
	KeyLeadsNext         Key = "lead.next"
	KeyLeadRemoved       Key = "lead.removed"
	KeyBtnLeadPick       Key = "btn.lead_pick"
	KeyBtnLeadPicked     Key = "btn.lead_picked"
	KeyEvidenceAck       Key = "evidence.ack"
	KeyBtnEvidenceRemove Key = "btn.evidence_remove"
	KeyEvidenceRemoved   Key = "evidence.removed"
)

// providerPathSentences declares the keys above: audience, surface, parameters and texts.
var providerPathSentences = []Sentence{
	{
		Key: KeyDeepLinkAfterLink, Audience: Provider, Surface: TGMessage, Params: []string{"lead"},
		EN: "Once you are linked, we will go on with your refund for lead <b>{lead}</b>.",
		HI: "खाता जुड़ते ही हम लीड <b>{lead}</b> के आपके रिफ़ंड को आगे बढ़ाएँगे।",
	},
	{
		Key: KeyDeepLinkRefused, Audience: Provider, Surface: TGMessage,
		EN: "You can still ask for a refund of another lead: tap <b>Ask for a refund</b>.",
		HI: "आप किसी दूसरी लीड के रिफ़ंड के लिए अब भी कह सकते हैं: <b>रिफ़ंड माँगें</b> दबाएँ।",
	},
	{
		Key: KeyLeadPickHint, Audience: Provider, Surface: TGMessage,
		EN: "Or tap one of your recent leads below (tap again to remove it).",
		HI: "या नीचे अपनी हाल की किसी लीड को दबाएँ (हटाने के लिए फिर से दबाएँ)।",
	},
	{
		Key: KeyLeadsNext, Audience: Provider, Surface: TGMessage, Params: []string{"count", "total"},
		EN: "Leads in this request: {count}, total <b>{total} coins</b>. Now send a screenshot, or add more leads, or tap <b>Done with leads</b>.",
		HI: "इस अनुरोध में लीड: {count}, कुल <b>{total} कॉइन</b>। अब स्क्रीनशॉट भेजें, या और लीड जोड़ें, या <b>लीड पूरी हुईं</b> दबाएँ।",
	},
	{
		Key: KeyLeadRemoved, Audience: Provider, Surface: TGMessage, Params: []string{"lead"},
		EN: "Lead <b>{lead}</b> removed from this request.",
		HI: "लीड <b>{lead}</b> इस अनुरोध से हटा दी गई।",
	},
	{
		Key: KeyBtnLeadPick, Audience: Provider, Surface: TGButton, Params: []string{"lead", "category", "coins", "date"},
		EN: "{lead} · {category} · {coins} coins · {date}",
		HI: "{lead} · {category} · {coins} कॉइन · {date}",
	},
	{
		Key: KeyBtnLeadPicked, Audience: Provider, Surface: TGButton, Params: []string{"lead", "coins"},
		EN: "✅ {lead} · {coins} coins (tap to remove)",
		HI: "✅ {lead} · {coins} कॉइन (हटाने के लिए दबाएँ)",
	},
	{
		Key: KeyEvidenceAck, Audience: Provider, Surface: TGMessage, Params: []string{"count", "max_files"},
		EN: "Got it: {count} of at most {max_files}. Send more, or check your request and tap <b>Submit</b>.",
		HI: "मिल गया: {count}, ज़्यादा से ज़्यादा {max_files} में से। और भेजें, या अपना अनुरोध देखकर <b>भेजें</b> दबाएँ।",
	},
	{
		Key: KeyBtnEvidenceRemove, Audience: Provider, Surface: TGButton, Params: []string{"n", "kind"},
		EN: "🗑 Remove {n}. {kind}",
		HI: "🗑 हटाएँ {n}. {kind}",
	},
	{
		Key: KeyEvidenceRemoved, Audience: Provider, Surface: TGMessage, Params: []string{"n"},
		EN: "Item {n} removed from your evidence.",
		HI: "सबूत {n} हटा दिया गया।",
	},
}

// providerPathParamMax bounds the values of the button labels above so a
// label stays within Telegram's 64: the transport truncates each value to
// ParamMaxCharsIn (the button's data carries the full lead ID).
func providerPathParamMax(key Key, name string) (int, bool) {
	switch key {
	case KeyBtnLeadPick, KeyBtnLeadPicked:
		switch name {
		case "lead":
			return 14, true
		case "category":
			return 12, true
		case "coins":
			return 6, true
		case "date":
			return 6, true
		}
	case KeyBtnEvidenceRemove:
		switch name {
		case "n":
			return 2, true
		case "kind":
			return 20, true
		}
	}
	return 0, false
}

// Keys of the appeal (issue #13): one appeal per rejected or partly
// approved case, within policy.appeal_days.
const (
	KeyAppealOfAppeal      Key = "appeal.of_appeal"
	KeyAppealAlready       Key = "appeal.already"
	KeyAppealNotAppealable Key = "appeal.not_appealable"
	KeyAppealTooLate       Key = "appeal.too_late"
	KeyAppealNotFound      Key = "appeal.not_found"
	KeyAppealUsage         Key = "appeal.usage"
	KeyAppealPrompt        Key = "appeal.prompt"
	KeyAppealCollected     Key = "appeal.collected"
	KeyAppealNeedText      Key = "appeal.need_text"
	KeyAppealSubmitted     Key = "appeal.submitted"
	KeyAppealHint          Key = "appeal.hint"
	KeyBtnAppeal           Key = "btn.appeal"
	KeyBtnAppealSend       Key = "btn.appeal_send"
	// Agent texts: the appeal's card and thread.
	KeyCardAppealOf          Key = "card.appeal_of"
	KeyCardAppealHistoryLine Key = "card.appeal_history_line"
	KeyCardAppealHistorySys  Key = "card.appeal_history_line_system"
	KeyThreadAppeal          Key = "thread.appeal"
)

// appealSentences declares the keys above: audience, surface, parameters and texts.
var appealSentences = []Sentence{
	{
		Key: KeyAppealOfAppeal, Audience: Provider, Surface: TGMessage, Params: []string{"case", "appeal"},
		EN: "Case {case} is itself the appeal of {appeal}, and its decision is final: a case can be appealed only once.",
		HI: "केस {case} ख़ुद {appeal} की अपील है, और उसका फ़ैसला अंतिम है: किसी केस की अपील सिर्फ़ एक बार हो सकती है।",
	},
	{
		Key: KeyAppealAlready, Audience: Provider, Surface: TGMessage, Params: []string{"case", "appeal"},
		EN: "Case {case} was already appealed in case {appeal}: a case can be appealed only once.",
		HI: "केस {case} की अपील पहले ही केस {appeal} में हो चुकी है: किसी केस की अपील सिर्फ़ एक बार हो सकती है।",
	},
	{
		Key: KeyAppealNotAppealable, Audience: Provider, Surface: TGMessage, Params: []string{"case", "state"},
		EN: "Only a rejected or partly approved case can be appealed; case {case} is <b>{state}</b>.",
		HI: "सिर्फ़ अस्वीकार या आंशिक रूप से मंज़ूर केस की अपील हो सकती है; केस {case} की स्थिति <b>{state}</b> है।",
	},
	{
		Key: KeyAppealTooLate, Audience: Provider, Surface: TGMessage, Params: []string{"case", "date", "days"},
		EN: "The time to appeal case {case} ended on {date}: a decision can be appealed within {days} days.",
		HI: "केस {case} की अपील का समय {date} को ख़त्म हो गया: फ़ैसले की अपील {days} दिनों के अंदर हो सकती है।",
	},
	{
		Key: KeyAppealNotFound, Audience: Provider, Surface: TGMessage, Params: []string{"case"},
		EN: "I can’t find case {case} among your requests. Tap /status to see them.",
		HI: "आपके अनुरोधों में केस {case} नहीं मिला। उन्हें देखने के लिए /status दबाएँ।",
	},
	{
		Key: KeyAppealUsage, Audience: Provider, Surface: TGMessage,
		EN: "To appeal a decision, send /appeal and the case ID, for example: /appeal RF-12",
		HI: "फ़ैसले की अपील के लिए /appeal और केस ID भेजें, जैसे: /appeal RF-12",
	},
	{
		Key: KeyAppealPrompt, Audience: Provider, Surface: TGMessage, Params: []string{"case", "leads", "coins"},
		EN: "<b>Appeal of case {case}</b> (leads {leads}, {coins} coins).\n\nWrite why you disagree with the decision: a text is required. You can add screenshots too. Then tap <b>Send appeal</b>.",
		HI: "<b>केस {case} की अपील</b> (लीड {leads}, {coins} कॉइन)।\n\nलिखें कि आप फ़ैसले से असहमत क्यों हैं: टेक्स्ट ज़रूरी है। आप स्क्रीनशॉट भी जोड़ सकते हैं। फिर <b>अपील भेजें</b> दबाएँ।",
	},
	{
		Key: KeyAppealCollected, Audience: Provider, Surface: TGMessage, Params: []string{"count"},
		EN: "Added to your appeal: {count} item(s). Send more, or tap <b>Send appeal</b>.",
		HI: "आपकी अपील में जोड़ा गया: {count}। और भेजें, या <b>अपील भेजें</b> दबाएँ।",
	},
	{
		Key: KeyAppealNeedText, Audience: Provider, Surface: TGMessage,
		EN: "Please write a few words on why you disagree: an appeal needs a text.",
		HI: "कृपया कुछ शब्दों में लिखें कि आप असहमत क्यों हैं: अपील के लिए टेक्स्ट ज़रूरी है।",
	},
	{
		Key: KeyAppealSubmitted, Audience: Provider, Surface: TGMessage, Params: []string{"appeal", "case"},
		EN: "Your appeal {appeal} of case {case} is submitted. Our team will review it and you will get the decision here.",
		HI: "केस {case} की आपकी अपील {appeal} भेज दी गई है। हमारी टीम इसे देखेगी और फ़ैसला आपको यहीं मिलेगा।",
	},
	{
		Key: KeyAppealHint, Audience: Provider, Surface: TGMessage, Params: []string{"days"},
		EN: "Disagree? You can appeal once within {days} days: tap <b>Appeal</b> below or send /appeal with the case ID.",
		HI: "असहमत हैं? आप {days} दिनों के अंदर एक बार अपील कर सकते हैं: नीचे <b>अपील</b> दबाएँ या केस ID के साथ /appeal भेजें।",
	},
	{
		Key: KeyBtnAppeal, Audience: Provider, Surface: TGButton,
		EN: "⚖️ Appeal",
		HI: "⚖️ अपील",
	},
	{
		Key: KeyBtnAppealSend, Audience: Provider, Surface: TGButton,
		EN: "📨 Send appeal",
		HI: "📨 अपील भेजें",
	},
	{
		Key: KeyCardAppealOf, Audience: Agent, Surface: SlackSection, Params: []string{"case", "history_lines"},
		EN: ":scales: *Appeal of {case}.* Its history:\n{history_lines}",
	},
	{
		Key: KeyCardAppealHistoryLine, Audience: Agent, Surface: SlackSection, Params: []string{"time", "state", "by", "note"},
		EN: "• {time} · {state} · <@{by}>{note}",
	},
	{
		Key: KeyCardAppealHistorySys, Audience: Agent, Surface: SlackSection, Params: []string{"time", "state", "by", "note"},
		EN: "• {time} · {state} · {by}{note}",
	},
	{
		Key: KeyThreadAppeal, Audience: Agent, Surface: SlackSection, Params: []string{"case", "files", "notes"},
		EN: ":paperclip: *The provider's appeal {case}, in their words:* {files} file(s), {notes} note(s)",
	},
}

// Keys of /status and of withdrawing a case (issue #13).
const (
	KeyStateWithdrawnLabel Key = "state.withdrawn"
	KeyAgentStateWithdrawn Key = "agent.state.withdrawn"
	KeyStatusOpenHeader    Key = "status.open_header"
	KeyStatusOpenLine      Key = "status.open_line"
	KeyStatusWaitsAgent    Key = "status.waits.agent"
	KeyStatusWaitsYou      Key = "status.waits.you"
	KeyStatusWaitsSecond   Key = "status.waits.second"
	KeyStatusClosedHeader  Key = "status.closed_header"
	KeyStatusClosedLine    Key = "status.closed_line"
	KeyStatusNoneRecent    Key = "status.none_recent"
	KeyBtnWithdraw         Key = "btn.withdraw"
	KeyBtnWithdrawYes      Key = "btn.withdraw_yes"
	KeyBtnWithdrawNo       Key = "btn.withdraw_no"
	KeyWithdrawConfirm     Key = "withdraw.confirm"
	KeyWithdrawn           Key = "withdraw.done"
	KeyWithdrawKept        Key = "withdraw.kept"
	KeyWithdrawNotAllowed  Key = "withdraw.not_allowed"
	KeyCardWithdrawn       Key = "card.withdrawn"
)

// withdrawSentences declares the keys above: audience, surface, parameters and texts.
var withdrawSentences = []Sentence{
	{
		Key: KeyStateWithdrawnLabel, Audience: Provider, Surface: TGButton,
		EN: "withdrawn",
		HI: "वापस लिया गया",
	},
	{
		Key: KeyAgentStateWithdrawn, Audience: Agent, Surface: SlackButton,
		EN: "Withdrawn",
	},
	{
		Key: KeyStatusOpenHeader, Audience: Provider, Surface: TGMessage, Params: []string{"count"},
		EN: "<b>Open requests ({count})</b>",
		HI: "<b>खुले अनुरोध ({count})</b>",
	},
	{
		Key: KeyStatusOpenLine, Audience: Provider, Surface: TGMessage, Params: []string{"case", "date", "coins", "waits"},
		EN: "• <b>{case}</b> · {date} · {coins} coins · {waits}",
		HI: "• <b>{case}</b> · {date} · {coins} कॉइन · {waits}",
	},
	{
		Key: KeyStatusWaitsAgent, Audience: Provider, Surface: TGButton,
		EN: "waiting for our team",
		HI: "हमारी टीम के जवाब का इंतज़ार",
	},
	{
		Key: KeyStatusWaitsYou, Audience: Provider, Surface: TGButton,
		EN: "waiting for your answer: reply here",
		HI: "आपके जवाब का इंतज़ार: यहीं जवाब दें",
	},
	{
		Key: KeyStatusWaitsSecond, Audience: Provider, Surface: TGButton,
		EN: "waiting for a second approval",
		HI: "दूसरी मंज़ूरी का इंतज़ार",
	},
	{
		Key: KeyStatusClosedHeader, Audience: Provider, Surface: TGMessage, Params: []string{"days"},
		EN: "<b>Closed in the last {days} days</b>",
		HI: "<b>पिछले {days} दिनों में बंद</b>",
	},
	{
		Key: KeyStatusClosedLine, Audience: Provider, Surface: TGMessage, Params: []string{"case", "date", "state", "coins"},
		EN: "• <b>{case}</b> · {date} · {state} · {coins} coins back",
		HI: "• <b>{case}</b> · {date} · {state} · {coins} कॉइन वापस",
	},
	{
		Key: KeyStatusNoneRecent, Audience: Provider, Surface: TGMessage, Params: []string{"days"},
		EN: "No refund request is open, and none was closed in the last {days} days.",
		HI: "कोई अनुरोध खुला नहीं है, और पिछले {days} दिनों में कोई बंद नहीं हुआ।",
	},
	{
		Key: KeyBtnWithdraw, Audience: Provider, Surface: TGButton, Params: []string{"case"},
		EN: "↩️ Withdraw {case}",
		HI: "↩️ {case} वापस लें",
	},
	{
		Key: KeyBtnWithdrawYes, Audience: Provider, Surface: TGButton,
		EN: "Yes, withdraw it",
		HI: "हाँ, वापस लें",
	},
	{
		Key: KeyBtnWithdrawNo, Audience: Provider, Surface: TGButton,
		EN: "No, keep it",
		HI: "नहीं, रहने दें",
	},
	{
		Key: KeyWithdrawConfirm, Audience: Provider, Surface: TGMessage, Params: []string{"case", "leads", "coins"},
		EN: "Withdraw case <b>{case}</b> (leads {leads}, {coins} coins)? Our team will stop working on it and its leads will be free again. No coins move.",
		HI: "केस <b>{case}</b> (लीड {leads}, {coins} कॉइन) वापस लें? हमारी टीम इस पर काम बंद कर देगी और इसकी लीड फिर से खाली हो जाएँगी। कोई कॉइन नहीं बदलेंगे।",
	},
	{
		Key: KeyWithdrawn, Audience: Provider, Surface: TGMessage, Params: []string{"case"},
		EN: "Case <b>{case}</b> is withdrawn. Its leads are free again: you can ask for them in a new request.",
		HI: "केस <b>{case}</b> वापस ले लिया गया। इसकी लीड फिर से खाली हैं: आप नए अनुरोध में उनके लिए कह सकते हैं।",
	},
	{
		Key: KeyWithdrawKept, Audience: Provider, Surface: TGMessage, Params: []string{"case"},
		EN: "Case <b>{case}</b> stays open.",
		HI: "केस <b>{case}</b> खुला रहेगा।",
	},
	{
		Key: KeyWithdrawNotAllowed, Audience: Provider, Surface: TGMessage, Params: []string{"case", "state"},
		EN: "Case <b>{case}</b> can no longer be withdrawn: it is {state}.",
		HI: "केस <b>{case}</b> अब वापस नहीं लिया जा सकता: उसकी स्थिति {state} है।",
	},
	{
		Key: KeyCardWithdrawn, Audience: Agent, Surface: SlackSection, Params: []string{"time"},
		EN: ":leftwards_arrow_with_hook: Withdrawn by the provider at {time}. The leads are free again; no coins moved.",
	},
}
