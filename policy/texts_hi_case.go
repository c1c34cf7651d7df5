package policy

// hindiCase is the Hindi text of the case keys, in Devanagari.
func hindiCase(key Key) string {
	switch key {
	case KeyLeadPrompt:
		return "जिस लीड का रिफ़ंड चाहिए, उसकी ID भेजें। एक मैसेज में कई ID भेज सकते हैं, स्पेस या कॉमा लगाकर (एक अनुरोध में ज़्यादा से ज़्यादा {max})।"
	case KeyLeadAccepted:
		return "✅ लीड <b>{lead}</b> जोड़ दी गई: {coins} कॉइन।"
	case KeyLeadUnknown:
		return "❌ लीड <b>{lead}</b> नहीं मिली। कृपया अपने Rockerstop ऐप में ID जाँचकर फिर से भेजें।"
	case KeyLeadNotYours:
		return "❌ लीड <b>{lead}</b> आपके खाते से अनलॉक नहीं हुई थी, इसलिए इसका रिफ़ंड आपको नहीं मिल सकता।"
	case KeyLeadOutsideWindow:
		return "❌ लीड <b>{lead}</b> रिफ़ंड की समय-सीमा से बाहर है: अनलॉक के {days} दिन तक ही रिफ़ंड माँगा जा सकता है, और इस लीड की सीमा {date} को खत्म हो गई।"
	case KeyLeadAlreadyRefunded:
		return "❌ लीड <b>{lead}</b> का रिफ़ंड केस {case} में पहले ही हो चुका है।"
	case KeyLeadInOpenCase:
		return "❌ लीड <b>{lead}</b> पहले से आपके खुले केस {case} में है। उसी केस पर आपको जवाब मिलेगा।"
	case KeyLeadTooEarly:
		return "⏳ लीड <b>{lead}</b> को अनलॉक हुए {hours} घंटे से कम हुए हैं। कृपया क्लाइंट को जवाब देने का समय दें: आप <b>{time}</b> से इस रिफ़ंड के लिए अनुरोध कर सकते हैं।"
	case KeyLeadNoCoins:
		return "❌ लीड <b>{lead}</b> पर कोई कॉइन खर्च नहीं हुआ, इसलिए रिफ़ंड के लिए कुछ नहीं है।"
	case KeyLeadAlreadyAdded:
		return "लीड <b>{lead}</b> पहले से इस अनुरोध में है।"
	case KeyLeadBadID:
		return "“{text}” लीड ID जैसा नहीं लगता। कृपया वही ID भेजें जो आपके Rockerstop ऐप में दिखती है।"
	case KeyLeadTooMany:
		return "एक अनुरोध में ज़्यादा से ज़्यादा {max} लीड हो सकती हैं। पहले यह अनुरोध भेजें, फिर बाकी लीड के लिए नया अनुरोध करें।"
	case KeyLeadsNone:
		return "कृपया पहले कम से कम एक लीड ID भेजें।"
	case KeyLeadsSoFar:
		return "इस अनुरोध में लीड: {count}, कुल <b>{total} कॉइन</b>। और ID भेजें, या <b>लीड पूरी हुईं</b> दबाएँ।"
	case KeyBtnLeadsDone:
		return "✔️ लीड पूरी हुईं"
	case KeyEvidencePrompt:
		return "अब अपना सबूत भेजें: स्क्रीनशॉट (फ़ोटो या फ़ाइल) या छोटा सा टेक्स्ट। आप ज़्यादा से ज़्यादा {max_files} फ़ाइलें भेज सकते हैं। भेज देने के बाद <b>सबूत पूरे हुए</b> दबाएँ।"
	case KeyEvidenceNeedNonResponsive:
		return "<b>ज़रूरी:</b> अपने कॉल लॉग का स्क्रीनशॉट, या एक टेक्स्ट जिसमें आपकी कोशिशों का ब्योरा हो (कब कॉल या मैसेज किया, और कैसे)।"
	case KeyEvidenceNeedTechnical:
		return "<b>ज़रूरी:</b> अपने शब्दों में एक टेक्स्ट कि क्या हुआ और कब हुआ। स्क्रीनशॉट से भी मदद मिलती है।"
	case KeyEvidenceOptional:
		return "इस कारण के लिए सबूत ज़रूरी नहीं है, लेकिन स्क्रीनशॉट से हम जल्दी फ़ैसला कर पाते हैं।"
	case KeyEvidenceMissingNonResponsive:
		return "आगे बढ़ने से पहले कृपया अपने कॉल लॉग का स्क्रीनशॉट भेजें, या एक टेक्स्ट जिसमें क्लाइंट से संपर्क की आपकी कोशिशों का ब्योरा हो।"
	case KeyEvidenceMissingTechnical:
		return "आगे बढ़ने से पहले कृपया अपने शब्दों में लिखें कि क्या हुआ और कब हुआ।"
	case KeyEvidenceReceived:
		return "मिल गया: {count}, ज़्यादा से ज़्यादा {max_files} में से। और भेजें, या <b>सबूत पूरे हुए</b> दबाएँ।"
	case KeyEvidenceTooMany:
		return "एक अनुरोध में {max_files} फ़ाइलों की सीमा पूरी हो गई है। आगे बढ़ने के लिए <b>सबूत पूरे हुए</b> दबाएँ।"
	case KeyBtnEvidenceDone:
		return "✔️ सबूत पूरे हुए"
	case KeyUnsupportedVoice:
		return "मैं वॉइस मैसेज नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyUnsupportedAudio:
		return "मैं ऑडियो फ़ाइल नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyUnsupportedVideo:
		return "मैं वीडियो नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyUnsupportedVideoNote:
		return "मैं वीडियो मैसेज नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyUnsupportedSticker:
		return "यहाँ स्टिकर काम नहीं आएँगे। कृपया स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyUnsupportedAnimation:
		return "मैं GIF नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyUnsupportedLocation:
		return "मैं लोकेशन नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyUnsupportedPoll:
		return "मैं पोल नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyUnsupportedOther:
		return "मैं इस तरह का मैसेज नहीं ले सकता। कृपया स्क्रीनशॉट, PDF या टेक्स्ट भेजें।"
	case KeyFileTooBig:
		return "यह फ़ाइल बहुत बड़ी है। कृपया ज़्यादा से ज़्यादा {max_mb} MB की फ़ाइल भेजें, या उसकी जगह स्क्रीनशॉट भेजें।"
	case KeyFileWrongType:
		return "मैं सिर्फ़ फ़ोटो, इमेज (JPG, PNG, WEBP) और PDF फ़ाइलें ले सकता हूँ। कृपया स्क्रीनशॉट या PDF भेजें।"
	case KeyFileFailed:
		return "यह फ़ाइल मुझ तक नहीं पहुँची। कृपया इसे फिर से भेजें।"
	case KeySummary:
		return "<b>आपका रिफ़ंड अनुरोध</b>\nकारण: {reason}\n{answers_lines}\n\n<b>लीड ({count})</b>\n{leads_lines}\nकुल: <b>{total} कॉइन</b>\nसबूत: {evidence}\n\nकृपया जाँच लें, फिर <b>भेजें</b> दबाएँ।"
	case KeySummaryAnswerLine:
		return "{question}: <b>{answer}</b>"
	case KeySummaryLeadLine:
		return "• {lead}: {coins} कॉइन"
	case KeyBtnSubmit:
		return "✅ भेजें"
	case KeyBtnEdit:
		return "✏️ बदलें"
	case KeyBtnCancel:
		return "✖️ रद्द करें"
	case KeyEditMenu:
		return "आप क्या बदलना चाहते हैं?"
	case KeyBtnEditAnswers:
		return "जवाब"
	case KeyBtnEditLeads:
		return "लीड"
	case KeyBtnEditEvidence:
		return "सबूत"
	case KeyBtnBack:
		return "⬅️ वापस"
	case KeySubmitted:
		return "आपका केस <b>{case}</b> भेज दिया गया है। हमारी टीम इसकी जाँच करेगी और फ़ैसले का मैसेज आपको यहीं मिलेगा। स्थिति देखने के लिए कभी भी /status दबाएँ।"
	case KeyCancelled:
		return "रद्द कर दिया गया। कुछ नहीं भेजा गया। फिर से शुरू करने के लिए /refund दबाएँ।"
	case KeyNothingToCancel:
		return "रद्द करने के लिए कुछ नहीं है। मैं क्या कर सकता हूँ, यह देखने के लिए /help दबाएँ।"
	case KeyStepPassed:
		return "यह चरण निकल चुका है। कृपया सबसे नया मैसेज इस्तेमाल करें।"
	case KeyDraftInProgress:
		return "आपका एक रिफ़ंड अनुरोध अभी भेजा नहीं गया है। उसे पूरा करें, या नए सिरे से शुरू करने के लिए /cancel दबाएँ।"
	case KeyBtnContinue:
		return "▶️ जारी रखें"
	case KeyDraftReminder:
		return "आपका रिफ़ंड अनुरोध अभी भेजा नहीं गया है। इसे पूरा करने के लिए <b>जारी रखें</b> दबाएँ: अधूरे अनुरोध {hours} घंटे बाद हटा दिए जाते हैं।"
	case KeyDraftExpired:
		return "आपका अधूरा रिफ़ंड अनुरोध बहुत देर तक रुका रहा, इसलिए हटा दिया गया। फिर से शुरू करने के लिए /refund दबाएँ।"
	case KeyStatusHeader:
		return "<b>आपके रिफ़ंड अनुरोध</b> ({count}):"
	case KeyStatusNone:
		return "आपका अभी कोई रिफ़ंड अनुरोध नहीं है। अनुरोध करने के लिए /refund दबाएँ।"
	case KeyStatusLine:
		return "• <b>{case}</b>, {date}: {state}, {coins} कॉइन"
	case KeyStateOpenLabel:
		return "जाँच चल रही है"
	case KeyStateWaitingLabel:
		return "आपके जवाब का इंतज़ार"
	case KeyStatePendingSecondLabel:
		return "अंतिम जाँच चल रही है"
	case KeyStateApprovedLabel:
		return "मंज़ूर"
	case KeyStatePartlyLabel:
		return "आंशिक रूप से मंज़ूर"
	case KeyStateRejectedLabel:
		return "मंज़ूर नहीं हुआ"
	case KeyStateExpiredLabel:
		return "बंद, जवाब नहीं मिला"
	case KeyBalanceHeader:
		return "<b>आपका वॉलेट:</b> {balance} कॉइन"
	case KeyBalanceLine:
		return "• {date}: {kind} {coins} ({ref})"
	case KeyBalanceLineBare:
		return "• {date}: {kind} {coins}"
	case KeyBalanceNone:
		return "वॉलेट में अभी कोई एंट्री नहीं है।"
	case KeyEntryOpening:
		return "शुरुआती बैलेंस"
	case KeyEntryUnlock:
		return "लीड अनलॉक"
	case KeyEntryRefund:
		return "रिफ़ंड"
	case KeyEntryAdjustment:
		return "सुधार"
	case KeyPolicyText:
		return "<b>कॉइन रिफ़ंड कैसे मिलता है</b>\n\nRockerstop मेंबरशिप प्लान या रिचार्ज का पैसा नकद वापस नहीं करता। किसी लीड पर खर्च हुए कॉइन आपके वॉलेट में वापस आ सकते हैं, क्लाइंट से संपर्क और प्लेटफ़ॉर्म की दूसरी सुविधाओं के लिए, जब:\n1. लीड गलत या अधूरी हो;\n2. सच्ची कोशिशों के बाद भी क्लाइंट जवाब न दे (कम से कम {min_days} दिनों में {min_attempts} बार; अनलॉक के {min_wait_hours} घंटे बाद अनुरोध कर सकते हैं);\n3. लीड गलती से पोस्ट हुई हो और आपने उस पर कोई संपर्क न किया हो;\n4. फ़ोन नंबर दिया ही न गया हो या उस पर संपर्क न हो पाए;\n5. किसी तकनीकी समस्या की वजह से आप लीड इस्तेमाल न कर पाए हों।\n\nलीड अनलॉक करने के {window_days} दिनों के अंदर अनुरोध करें, एक अनुरोध में ज़्यादा से ज़्यादा {max_leads} लीड। हमारी टीम हर अनुरोध की जाँच करती है। किसी गंभीर स्थिति में {email} पर लिखें।"
	case KeySupport:
		return "हमारी सपोर्ट टीम मदद के लिए तैयार है। <b>{email}</b> पर लिखें, साथ में अपना रजिस्टर्ड फ़ोन नंबर और, अगर हो तो, अपना केस ID (RF-…) भेजें।"
	case KeyLanguageChoose:
		return "अपनी भाषा चुनें:"
	case KeyBtnLangEnglish:
		return "English"
	case KeyBtnLangHindi:
		return "हिन्दी"
	case KeyLanguageChanged:
		return "ठीक है: अब से मैं हिन्दी में लिखूँगा।"
	case KeyApology:
		return "माफ़ कीजिए, हमारी तरफ़ से कुछ गड़बड़ हो गई। आपने जो भेजा वह सुरक्षित है: कृपया एक मिनट बाद फिर कोशिश करें।"
	case KeyAgentQuestion:
		return "आपके केस <b>{case}</b> के बारे में हमारी टीम पूछ रही है:\n\n<i>{question}</i>\n\nकृपया अपना जवाब यहीं भेजें, टेक्स्ट या स्क्रीनशॉट के रूप में।"
	case KeyAnswerReceived:
		return "धन्यवाद, आपका जवाब केस <b>{case}</b> में जोड़ दिया गया है। हमारी टीम जाँच जारी रखेगी।"
	case KeyOutcomeApproved:
		return "✅ आपका केस <b>{case}</b> मंज़ूर हो गया है: <b>{coins} कॉइन</b> आपके वॉलेट में वापस आ गए हैं। अब आपका बैलेंस {balance} कॉइन है।"
	case KeyOutcomePartly:
		return "आपका केस <b>{case}</b> आंशिक रूप से मंज़ूर हुआ है: {approved} के लिए <b>{coins} कॉइन</b> आपके वॉलेट में वापस आ गए हैं। अब आपका बैलेंस {balance} कॉइन है।\n\nजिनका रिफ़ंड नहीं हुआ: {refused}। कारण: {reason}{note_block}"
	case KeyOutcomeRejected:
		return "आपका केस <b>{case}</b> मंज़ूर नहीं हुआ।\nकारण: {reason}{note_block}\n\nअगर आपके पास नया सबूत है, तो लीड के रिफ़ंड की समय-सीमा रहते /refund से नया अनुरोध भेज सकते हैं, या {email} पर लिख सकते हैं।"
	case KeyOutcomeNote:
		return "\nहमारी टीम का नोट: <i>{note}</i>"
	case KeyOutcomeExpired:
		return "आपका केस <b>{case}</b> बंद कर दिया गया, क्योंकि {hours} घंटे में आपका जवाब नहीं मिला। आप /refund से नया अनुरोध भेज सकते हैं।"
	case KeyRejectInsufficientEvidence:
		return "भेजे गए सबूत से समस्या साबित नहीं हुई।"
	case KeyRejectOutsideWindow:
		return "अनुरोध रिफ़ंड की समय-सीमा खत्म होने के बाद आया।"
	case KeyRejectClientReached:
		return "हमारी जाँच में पाया गया कि क्लाइंट से आपका संपर्क हो गया था।"
	case KeyRejectLeadValid:
		return "हमारी जाँच में लीड सही पाई गई।"
	case KeyRejectDuplicateRequest:
		return "इस लीड के लिए किसी दूसरे केस में पहले ही अनुरोध हो चुका है।"
	case KeyRejectOther:
		return "हमारी टीम का नोट देखें।"
	case KeyAnswerCollected:
		return "मिल गया: {count}। और भेजें, या <b>जवाब भेजें</b> दबाएँ।"
	case KeyBtnSendAnswer:
		return "📨 जवाब भेजें"
	}
	return ""
}
