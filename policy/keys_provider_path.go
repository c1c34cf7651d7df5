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

func providerPathKeys() []KeySpec {
	return append(append(appealKeys(), withdrawKeys()...), []KeySpec{
		{KeyDeepLinkAfterLink, Provider, TGMessage, []string{"lead"}},
		{KeyDeepLinkRefused, Provider, TGMessage, nil},
		{KeyLeadPickHint, Provider, TGMessage, nil},
		{KeyLeadsNext, Provider, TGMessage, []string{"count", "total"}},
		{KeyLeadRemoved, Provider, TGMessage, []string{"lead"}},
		{KeyBtnLeadPick, Provider, TGButton, []string{"lead", "category", "coins", "date"}},
		{KeyBtnLeadPicked, Provider, TGButton, []string{"lead", "coins"}},
		{KeyEvidenceAck, Provider, TGMessage, []string{"count", "max_files"}},
		{KeyBtnEvidenceRemove, Provider, TGButton, []string{"n", "kind"}},
		{KeyEvidenceRemoved, Provider, TGMessage, []string{"n"}},
	}...)
}

func englishProviderPath(key Key) string {
	if s := englishAppeal(key); s != "" {
		return s
	}
	if s := englishWithdraw(key); s != "" {
		return s
	}
	switch key {
	case KeyDeepLinkAfterLink:
		return "Once you are linked, we will go on with your refund for lead <b>{lead}</b>."
	case KeyDeepLinkRefused:
		return "You can still ask for a refund of another lead: tap <b>Ask for a refund</b>."
	case KeyLeadPickHint:
		return "Or tap one of your recent leads below (tap again to remove it)."
	case KeyLeadsNext:
		return "Leads in this request: {count}, total <b>{total} coins</b>. Now send a screenshot, or add more leads, or tap <b>Done with leads</b>."
	case KeyLeadRemoved:
		return "Lead <b>{lead}</b> removed from this request."
	case KeyBtnLeadPick:
		return "{lead} · {category} · {coins} coins · {date}"
	case KeyBtnLeadPicked:
		return "✅ {lead} · {coins} coins (tap to remove)"
	case KeyEvidenceAck:
		return "Got it: {count} of at most {max_files}. Send more, or check your request and tap <b>Submit</b>."
	case KeyBtnEvidenceRemove:
		return "🗑 Remove {n}. {kind}"
	case KeyEvidenceRemoved:
		return "Item {n} removed from your evidence."
	}
	return ""
}

func hindiProviderPath(key Key) string {
	if s := hindiAppeal(key); s != "" {
		return s
	}
	if s := hindiWithdraw(key); s != "" {
		return s
	}
	switch key {
	case KeyDeepLinkAfterLink:
		return "खाता जुड़ते ही हम लीड <b>{lead}</b> के आपके रिफ़ंड को आगे बढ़ाएँगे।"
	case KeyDeepLinkRefused:
		return "आप किसी दूसरी लीड के रिफ़ंड के लिए अब भी कह सकते हैं: <b>रिफ़ंड माँगें</b> दबाएँ।"
	case KeyLeadPickHint:
		return "या नीचे अपनी हाल की किसी लीड को दबाएँ (हटाने के लिए फिर से दबाएँ)।"
	case KeyLeadsNext:
		return "इस अनुरोध में लीड: {count}, कुल <b>{total} कॉइन</b>। अब स्क्रीनशॉट भेजें, या और लीड जोड़ें, या <b>लीड पूरी हुईं</b> दबाएँ।"
	case KeyLeadRemoved:
		return "लीड <b>{lead}</b> इस अनुरोध से हटा दी गई।"
	case KeyBtnLeadPick:
		return "{lead} · {category} · {coins} कॉइन · {date}"
	case KeyBtnLeadPicked:
		return "✅ {lead} · {coins} कॉइन (हटाने के लिए दबाएँ)"
	case KeyEvidenceAck:
		return "मिल गया: {count}, ज़्यादा से ज़्यादा {max_files} में से। और भेजें, या अपना अनुरोध देखकर <b>भेजें</b> दबाएँ।"
	case KeyBtnEvidenceRemove:
		return "🗑 हटाएँ {n}. {kind}"
	case KeyEvidenceRemoved:
		return "सबूत {n} हटा दिया गया।"
	}
	return ""
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

func appealKeys() []KeySpec {
	return []KeySpec{
		{KeyAppealOfAppeal, Provider, TGMessage, []string{"case", "appeal"}},
		{KeyAppealAlready, Provider, TGMessage, []string{"case", "appeal"}},
		{KeyAppealNotAppealable, Provider, TGMessage, []string{"case", "state"}},
		{KeyAppealTooLate, Provider, TGMessage, []string{"case", "date", "days"}},
		{KeyAppealNotFound, Provider, TGMessage, []string{"case"}},
		{KeyAppealUsage, Provider, TGMessage, nil},
		{KeyAppealPrompt, Provider, TGMessage, []string{"case", "leads", "coins"}},
		{KeyAppealCollected, Provider, TGMessage, []string{"count"}},
		{KeyAppealNeedText, Provider, TGMessage, nil},
		{KeyAppealSubmitted, Provider, TGMessage, []string{"appeal", "case"}},
		{KeyAppealHint, Provider, TGMessage, []string{"days"}},
		{KeyBtnAppeal, Provider, TGButton, nil},
		{KeyBtnAppealSend, Provider, TGButton, nil},
		{KeyCardAppealOf, Agent, SlackSection, []string{"case", "history_lines"}},
		{KeyCardAppealHistoryLine, Agent, SlackSection, []string{"time", "state", "by", "note"}},
		{KeyCardAppealHistorySys, Agent, SlackSection, []string{"time", "state", "by", "note"}},
		{KeyThreadAppeal, Agent, SlackSection, []string{"case", "files", "notes"}},
	}
}

func englishAppeal(key Key) string {
	switch key {
	case KeyAppealOfAppeal:
		return "Case {case} is itself the appeal of {appeal}, and its decision is final: a case can be appealed only once."
	case KeyAppealAlready:
		return "Case {case} was already appealed in case {appeal}: a case can be appealed only once."
	case KeyAppealNotAppealable:
		return "Only a rejected or partly approved case can be appealed; case {case} is <b>{state}</b>."
	case KeyAppealTooLate:
		return "The time to appeal case {case} ended on {date}: a decision can be appealed within {days} days."
	case KeyAppealNotFound:
		return "I can’t find case {case} among your requests. Tap /status to see them."
	case KeyAppealUsage:
		return "To appeal a decision, send /appeal and the case ID, for example: /appeal RF-12"
	case KeyAppealPrompt:
		return "<b>Appeal of case {case}</b> (leads {leads}, {coins} coins).\n\nWrite why you disagree with the decision: a text is required. You can add screenshots too. Then tap <b>Send appeal</b>."
	case KeyAppealCollected:
		return "Added to your appeal: {count} item(s). Send more, or tap <b>Send appeal</b>."
	case KeyAppealNeedText:
		return "Please write a few words on why you disagree: an appeal needs a text."
	case KeyAppealSubmitted:
		return "Your appeal {appeal} of case {case} is submitted. Our team will review it and you will get the decision here."
	case KeyAppealHint:
		return "Disagree? You can appeal once within {days} days: tap <b>Appeal</b> below or send /appeal with the case ID."
	case KeyBtnAppeal:
		return "⚖️ Appeal"
	case KeyBtnAppealSend:
		return "📨 Send appeal"
	}
	return ""
}

func hindiAppeal(key Key) string {
	switch key {
	case KeyAppealOfAppeal:
		return "केस {case} ख़ुद {appeal} की अपील है, और उसका फ़ैसला अंतिम है: किसी केस की अपील सिर्फ़ एक बार हो सकती है।"
	case KeyAppealAlready:
		return "केस {case} की अपील पहले ही केस {appeal} में हो चुकी है: किसी केस की अपील सिर्फ़ एक बार हो सकती है।"
	case KeyAppealNotAppealable:
		return "सिर्फ़ अस्वीकार या आंशिक रूप से मंज़ूर केस की अपील हो सकती है; केस {case} की स्थिति <b>{state}</b> है।"
	case KeyAppealTooLate:
		return "केस {case} की अपील का समय {date} को ख़त्म हो गया: फ़ैसले की अपील {days} दिनों के अंदर हो सकती है।"
	case KeyAppealNotFound:
		return "आपके अनुरोधों में केस {case} नहीं मिला। उन्हें देखने के लिए /status दबाएँ।"
	case KeyAppealUsage:
		return "फ़ैसले की अपील के लिए /appeal और केस ID भेजें, जैसे: /appeal RF-12"
	case KeyAppealPrompt:
		return "<b>केस {case} की अपील</b> (लीड {leads}, {coins} कॉइन)।\n\nलिखें कि आप फ़ैसले से असहमत क्यों हैं: टेक्स्ट ज़रूरी है। आप स्क्रीनशॉट भी जोड़ सकते हैं। फिर <b>अपील भेजें</b> दबाएँ।"
	case KeyAppealCollected:
		return "आपकी अपील में जोड़ा गया: {count}। और भेजें, या <b>अपील भेजें</b> दबाएँ।"
	case KeyAppealNeedText:
		return "कृपया कुछ शब्दों में लिखें कि आप असहमत क्यों हैं: अपील के लिए टेक्स्ट ज़रूरी है।"
	case KeyAppealSubmitted:
		return "केस {case} की आपकी अपील {appeal} भेज दी गई है। हमारी टीम इसे देखेगी और फ़ैसला आपको यहीं मिलेगा।"
	case KeyAppealHint:
		return "असहमत हैं? आप {days} दिनों के अंदर एक बार अपील कर सकते हैं: नीचे <b>अपील</b> दबाएँ या केस ID के साथ /appeal भेजें।"
	case KeyBtnAppeal:
		return "⚖️ अपील"
	case KeyBtnAppealSend:
		return "📨 अपील भेजें"
	}
	return ""
}

func agentAppeal(key Key) string {
	if s := agentWithdraw(key); s != "" {
		return s
	}
	switch key {
	case KeyCardAppealOf:
		return ":scales: *Appeal of {case}.* Its history:\n{history_lines}"
	case KeyCardAppealHistoryLine:
		return "• {time} · {state} · <@{by}>{note}"
	case KeyCardAppealHistorySys:
		return "• {time} · {state} · {by}{note}"
	case KeyThreadAppeal:
		return ":paperclip: *The provider's appeal {case}, in their words:* {files} file(s), {notes} note(s)"
	}
	return ""
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

func withdrawKeys() []KeySpec {
	return []KeySpec{
		{KeyStateWithdrawnLabel, Provider, TGButton, nil},
		{KeyAgentStateWithdrawn, Agent, SlackButton, nil},
		{KeyStatusOpenHeader, Provider, TGMessage, []string{"count"}},
		{KeyStatusOpenLine, Provider, TGMessage, []string{"case", "date", "coins", "waits"}},
		{KeyStatusWaitsAgent, Provider, TGButton, nil},
		{KeyStatusWaitsYou, Provider, TGButton, nil},
		{KeyStatusWaitsSecond, Provider, TGButton, nil},
		{KeyStatusClosedHeader, Provider, TGMessage, []string{"days"}},
		{KeyStatusClosedLine, Provider, TGMessage, []string{"case", "date", "state", "coins"}},
		{KeyStatusNoneRecent, Provider, TGMessage, []string{"days"}},
		{KeyBtnWithdraw, Provider, TGButton, []string{"case"}},
		{KeyBtnWithdrawYes, Provider, TGButton, nil},
		{KeyBtnWithdrawNo, Provider, TGButton, nil},
		{KeyWithdrawConfirm, Provider, TGMessage, []string{"case", "leads", "coins"}},
		{KeyWithdrawn, Provider, TGMessage, []string{"case"}},
		{KeyWithdrawKept, Provider, TGMessage, []string{"case"}},
		{KeyWithdrawNotAllowed, Provider, TGMessage, []string{"case", "state"}},
		{KeyCardWithdrawn, Agent, SlackSection, []string{"time"}},
	}
}

func englishWithdraw(key Key) string {
	switch key {
	case KeyStateWithdrawnLabel:
		return "withdrawn"
	case KeyStatusOpenHeader:
		return "<b>Open requests ({count})</b>"
	case KeyStatusOpenLine:
		return "• <b>{case}</b> · {date} · {coins} coins · {waits}"
	case KeyStatusWaitsAgent:
		return "waiting for our team"
	case KeyStatusWaitsYou:
		return "waiting for your answer: reply here"
	case KeyStatusWaitsSecond:
		return "waiting for a second approval"
	case KeyStatusClosedHeader:
		return "<b>Closed in the last {days} days</b>"
	case KeyStatusClosedLine:
		return "• <b>{case}</b> · {date} · {state} · {coins} coins back"
	case KeyStatusNoneRecent:
		return "No refund request is open, and none was closed in the last {days} days."
	case KeyBtnWithdraw:
		return "↩️ Withdraw {case}"
	case KeyBtnWithdrawYes:
		return "Yes, withdraw it"
	case KeyBtnWithdrawNo:
		return "No, keep it"
	case KeyWithdrawConfirm:
		return "Withdraw case <b>{case}</b> (leads {leads}, {coins} coins)? Our team will stop working on it and its leads will be free again. No coins move."
	case KeyWithdrawn:
		return "Case <b>{case}</b> is withdrawn. Its leads are free again: you can ask for them in a new request."
	case KeyWithdrawKept:
		return "Case <b>{case}</b> stays open."
	case KeyWithdrawNotAllowed:
		return "Case <b>{case}</b> can no longer be withdrawn: it is {state}."
	}
	return ""
}

func hindiWithdraw(key Key) string {
	switch key {
	case KeyStateWithdrawnLabel:
		return "वापस लिया गया"
	case KeyStatusOpenHeader:
		return "<b>खुले अनुरोध ({count})</b>"
	case KeyStatusOpenLine:
		return "• <b>{case}</b> · {date} · {coins} कॉइन · {waits}"
	case KeyStatusWaitsAgent:
		return "हमारी टीम के जवाब का इंतज़ार"
	case KeyStatusWaitsYou:
		return "आपके जवाब का इंतज़ार: यहीं जवाब दें"
	case KeyStatusWaitsSecond:
		return "दूसरी मंज़ूरी का इंतज़ार"
	case KeyStatusClosedHeader:
		return "<b>पिछले {days} दिनों में बंद</b>"
	case KeyStatusClosedLine:
		return "• <b>{case}</b> · {date} · {state} · {coins} कॉइन वापस"
	case KeyStatusNoneRecent:
		return "कोई अनुरोध खुला नहीं है, और पिछले {days} दिनों में कोई बंद नहीं हुआ।"
	case KeyBtnWithdraw:
		return "↩️ {case} वापस लें"
	case KeyBtnWithdrawYes:
		return "हाँ, वापस लें"
	case KeyBtnWithdrawNo:
		return "नहीं, रहने दें"
	case KeyWithdrawConfirm:
		return "केस <b>{case}</b> (लीड {leads}, {coins} कॉइन) वापस लें? हमारी टीम इस पर काम बंद कर देगी और इसकी लीड फिर से खाली हो जाएँगी। कोई कॉइन नहीं बदलेंगे।"
	case KeyWithdrawn:
		return "केस <b>{case}</b> वापस ले लिया गया। इसकी लीड फिर से खाली हैं: आप नए अनुरोध में उनके लिए कह सकते हैं।"
	case KeyWithdrawKept:
		return "केस <b>{case}</b> खुला रहेगा।"
	case KeyWithdrawNotAllowed:
		return "केस <b>{case}</b> अब वापस नहीं लिया जा सकता: उसकी स्थिति {state} है।"
	}
	return ""
}

func agentWithdraw(key Key) string {
	switch key {
	case KeyAgentStateWithdrawn:
		return "Withdrawn"
	case KeyCardWithdrawn:
		return ":leftwards_arrow_with_hook: Withdrawn by the provider at {time}. The leads are free again; no coins moved."
	}
	return ""
}
