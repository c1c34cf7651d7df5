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
	return []KeySpec{
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
	}
}

func englishProviderPath(key Key) string {
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
