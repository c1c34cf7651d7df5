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
	return append(appealKeys(), []KeySpec{
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
		{KeyThreadAppeal, Agent, SlackSection, []string{"case", "text"}},
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
	switch key {
	case KeyCardAppealOf:
		return ":scales: *Appeal of {case}.* Its history:\n{history_lines}"
	case KeyCardAppealHistoryLine:
		return "• {time} · {state} · <@{by}>{note}"
	case KeyCardAppealHistorySys:
		return "• {time} · {state} · {by}{note}"
	case KeyThreadAppeal:
		return "*The provider appeals the decision on {case}:*\n{text}"
	}
	return ""
}
