package policy

// hindiDialogue is the Hindi text of the dialogue keys, in Devanagari.
func hindiDialogue(key Key) string {
	switch key {
	case KeyWelcome:
		return "नमस्ते! यह <b>Rockerstop कॉइन रिफ़ंड डेस्क</b> है।\n\nआपका खाता ढूँढने के लिए Rockerstop पर रजिस्टर्ड फ़ोन नंबर भेजें: नीचे <b>मेरा फ़ोन नंबर भेजें</b> बटन दबाएँ।"
	case KeyBtnShareContact:
		return "📱 मेरा फ़ोन नंबर भेजें"
	case KeyLinkPrompt:
		return "कृपया चैट के नीचे <b>मेरा फ़ोन नंबर भेजें</b> बटन दबाएँ। नंबर टाइप करने से काम नहीं चलेगा: Telegram को पुष्टि करनी होती है कि नंबर आपका ही है।"
	case KeyLinked:
		return "धन्यवाद, {name}! आपका Telegram अब आपके Rockerstop खाते से जुड़ गया है।\n\nकॉइन रिफ़ंड माँगने के लिए /refund दबाएँ, या सारे विकल्प देखने के लिए /help दबाएँ।"
	case KeyLinkUnknownNumber:
		return "यह नंबर Rockerstop पर रजिस्टर्ड नहीं है।\n\nइसे ठीक करने के लिए यह नंबर अपनी Rockerstop प्रोफ़ाइल में जोड़ें और फिर से भेजें, या वह नंबर भेजें जिससे आपने रजिस्टर किया था। मदद चाहिए तो {email} पर लिखें।"
	case KeyLinkNotOwnContact:
		return "यह किसी और का संपर्क है। कृपया नीचे दिए बटन से <b>अपना</b> नंबर भेजें।"
	case KeyLinkForwarded:
		return "फ़ॉरवर्ड किया गया संपर्क इस्तेमाल नहीं हो सकता। अपना नंबर भेजने के लिए नीचे <b>मेरा फ़ोन नंबर भेजें</b> दबाएँ।"
	case KeyLinkRelinked:
		return "ध्यान दें: आपका Rockerstop खाता पहले किसी दूसरे Telegram खाते से जुड़ा था। वह खाता अब हटा दिया गया है: एक प्रोवाइडर एक ही Telegram खाता इस्तेमाल कर सकता है।"
	case KeyLinkUnlinkedOld:
		return "आपका Rockerstop खाता अब किसी दूसरे Telegram खाते से जुड़ गया है, इसलिए इस चैट में अब रिफ़ंड की जानकारी नहीं आएगी। अगर यह आपने नहीं किया, तो तुरंत {email} पर लिखें।"
	case KeyLinkRequired:
		return "कृपया पहले अपना Rockerstop खाता जोड़ें: /start दबाएँ।"
	case KeyLinkBadToken:
		return "यह लिंक पुराना हो गया है या सही नहीं है। /start दबाएँ और अपना फ़ोन नंबर भेजें।"
	case KeyHelp:
		return "<b>मैं क्या कर सकता हूँ</b>\n/refund: किसी लीड के लिए कॉइन रिफ़ंड माँगें\n/status: अपने रिफ़ंड अनुरोध देखें\n/balance: अपना वॉलेट और हाल की एंट्री देखें\n/policy: कॉइन रिफ़ंड कैसे मिलता है\n/support: हमारी सपोर्ट टीम से संपर्क करें\n/language: English या हिन्दी\n/cancel: जो चल रहा है उसे रोकें\n/start: खाता फिर से जोड़ें\n/help: यह सूची"
	case KeyCmdStart:
		return "अपना Rockerstop खाता जोड़ें"
	case KeyCmdRefund:
		return "कॉइन रिफ़ंड माँगें"
	case KeyCmdStatus:
		return "अपने रिफ़ंड अनुरोध देखें"
	case KeyCmdBalance:
		return "अपना वॉलेट देखें"
	case KeyCmdPolicy:
		return "कॉइन रिफ़ंड कैसे मिलता है"
	case KeyCmdSupport:
		return "सपोर्ट टीम से संपर्क करें"
	case KeyCmdLanguage:
		return "भाषा बदलें"
	case KeyCmdCancel:
		return "जो चल रहा है उसे रोकें"
	case KeyCmdHelp:
		return "सारे कमांड देखें"
	case KeyUnknownCommand:
		return "मुझे /{command} कमांड नहीं पता। मैं क्या कर सकता हूँ, यह देखने के लिए /help दबाएँ।"
	case KeyNotUnderstood:
		return "मैं यह समझ नहीं पाया। कॉइन रिफ़ंड माँगने के लिए /refund दबाएँ, या सारे विकल्प देखने के लिए /help दबाएँ।"
	case KeyBtnMenuRefund:
		return "💰 रिफ़ंड माँगें"
	case KeyBtnMenuStatus:
		return "📋 मेरे अनुरोध"
	case KeyBtnMenuBalance:
		return "👛 मेरा वॉलेट"
	case KeyBtnMenuPolicy:
		return "ℹ️ रिफ़ंड नीति"
	case KeyChooseReason:
		return "आप रिफ़ंड क्यों चाहते हैं? सबसे सही कारण चुनें।"
	case KeyReasonIntro:
		return "<b>{reason}</b>\n{explanation}"
	case KeyTitleInvalidLead:
		return "लीड सही नहीं है"
	case KeyTitleNonResponsive:
		return "क्लाइंट जवाब नहीं दे रहा"
	case KeyTitleMistakenPosting:
		return "लीड गलती से पोस्ट हुई"
	case KeyTitlePhoneUnavailable:
		return "फ़ोन नंबर उपलब्ध नहीं"
	case KeyTitleTechnicalIssue:
		return "तकनीकी समस्या"
	case KeyExplainInvalidLead:
		return "लीड गलत या अधूरी निकली, इसलिए आप क्लाइंट से संपर्क नहीं कर पाए।"
	case KeyExplainNonResponsive:
		return "सच्ची कोशिशों के बाद भी क्लाइंट ने आपके कॉल या मैसेज का जवाब नहीं दिया।"
	case KeyExplainMistakenPosting:
		return "लीड गलती से पोस्ट हुई थी, और आपने उस पर कोई संपर्क या बातचीत नहीं की।"
	case KeyExplainPhoneUnavailable:
		return "लीड के लिए कॉइन कटे, लेकिन संपर्क की जानकारी, जैसे फ़ोन नंबर, दी ही नहीं गई या उस पर संपर्क नहीं हो पाया।"
	case KeyExplainTechnicalIssue:
		return "तकनीकी समस्या या प्लेटफ़ॉर्म की खराबी की वजह से आप लीड का सही इस्तेमाल नहीं कर पाए।"
	case KeyBtnCashRefund:
		return "💵 मुझे पैसे वापस चाहिए"
	case KeyCashRefund:
		return "Rockerstop मेंबरशिप प्लान या प्लान रिचार्ज का पैसा नकद वापस नहीं करता: प्लान खरीदने या कॉइन जोड़ने के बाद पैसा नकद लौटाया नहीं जाता।\n\nहम <b>कॉइन रिफ़ंड</b> देते हैं: रिफ़ंड हुए कॉइन आपके Rockerstop वॉलेट में वापस आते हैं, जिनसे आप क्लाइंट से संपर्क कर सकते हैं और प्लेटफ़ॉर्म की दूसरी सुविधाएँ इस्तेमाल कर सकते हैं। कॉइन रिफ़ंड माँगने के लिए /refund दबाएँ।\n\nअगर आप किसी गंभीर स्थिति में हैं और आपको लगता है कि रिफ़ंड बनता है, तो हमारी सपोर्ट टीम को {email} पर लिखें। कुछ हालात में विशेष विचार किया जा सकता है, और हम मदद की पूरी कोशिश करेंगे।"
	case KeyQInvalidWhat:
		return "लीड में क्या गलत था?"
	case KeyLInvalidWhat:
		return "क्या गलत था"
	case KeyQInvalidDetails:
		return "कृपया कुछ शब्दों में बताएँ कि लीड में क्या गलत था।"
	case KeyLInvalidDetails:
		return "विवरण"
	case KeyQNonRespChannel:
		return "आपने क्लाइंट से कैसे संपर्क करने की कोशिश की?"
	case KeyLNonRespChannel:
		return "कोशिश का तरीका"
	case KeyQNonRespAttempts:
		return "आपने क्लाइंट से कितनी बार संपर्क करने की कोशिश की? एक संख्या भेजें, जैसे 3।"
	case KeyLNonRespAttempts:
		return "कोशिशें"
	case KeyQNonRespDays:
		return "आपने कितने अलग-अलग दिनों में कोशिश की? एक संख्या भेजें, जैसे 2।"
	case KeyLNonRespDays:
		return "दिन"
	case KeyQMistakenEngaged:
		return "क्या आपने इस क्लाइंट से संपर्क या कोई बातचीत की है?"
	case KeyLMistakenEngaged:
		return "क्लाइंट से संपर्क किया"
	case KeyQMistakenDetails:
		return "आपको क्यों लगता है कि लीड गलती से पोस्ट हुई? कृपया कुछ शब्द लिखें।"
	case KeyLMistakenDetails:
		return "गलती क्यों लगी"
	case KeyQPhoneProblem:
		return "फ़ोन नंबर में क्या समस्या थी?"
	case KeyLPhoneProblem:
		return "समस्या"
	case KeyQTechKind:
		return "क्या गड़बड़ हुई?"
	case KeyLTechKind:
		return "समस्या"
	case KeyOptWrongNumber:
		return "गलत या फ़र्ज़ी नंबर"
	case KeyOptNoRequirement:
		return "असल में कोई ज़रूरत नहीं"
	case KeyOptDuplicate:
		return "दोहराई गई लीड"
	case KeyOptWrongCategory:
		return "गलत कैटेगरी या जगह"
	case KeyOptOther:
		return "कुछ और"
	case KeyOptCalls:
		return "कॉल"
	case KeyOptMessages:
		return "मैसेज"
	case KeyOptBoth:
		return "कॉल और मैसेज दोनों"
	case KeyOptYes:
		return "हाँ"
	case KeyOptNo:
		return "नहीं"
	case KeyOptPhoneMissing:
		return "कोई नंबर नहीं दिखा"
	case KeyOptPhoneUnreachable:
		return "नंबर दिखा, पर लगा नहीं"
	case KeyOptLeadNotShown:
		return "कॉइन कटे, लीड नहीं दिखी"
	case KeyOptChargedTwice:
		return "एक लीड के दो बार कॉइन कटे"
	case KeyOptAppError:
		return "ऐप या वेबसाइट में गड़बड़ी"
	case KeyAnswerNotNumber:
		return "कृपया एक संख्या भेजें, जैसे 3।"
	case KeyAnswerOutOfRange:
		return "कृपया {min} से {max} के बीच की संख्या भेजें।"
	case KeyAnswerUseButtons:
		return "कृपया ऊपर दिए बटनों में से एक चुनें।"
	case KeyAnswerEmpty:
		return "कृपया कुछ शब्द लिखें।"
	case KeyTextTooLong:
		return "यह टेक्स्ट बहुत लंबा है ({length} अक्षर)। कृपया इसे {max} अक्षरों से छोटा रखें।"
	case KeyIneligibleEngaged:
		return "इस लीड का रिफ़ंड “गलती से पोस्ट हुई लीड” के तौर पर नहीं हो सकता: नीति उस लीड पर लागू होती है जो गलती से पोस्ट हुई हो और <b>जिस पर आपने कोई संपर्क या बातचीत न की हो</b>, जबकि आपने इस क्लाइंट से संपर्क या बातचीत की है।\n\nअगर क्लाइंट ने जवाब नहीं दिया या लीड सही नहीं थी, तो /refund दबाकर वह कारण चुनें।"
	case KeyIneligibleAttempts:
		return "जवाब न देने वाले क्लाइंट के रिफ़ंड के लिए सच्ची कोशिशें ज़रूरी हैं: कम से कम <b>{min_days} दिनों में {min_attempts} बार</b>। आपने {attempts} बार कोशिश की।\n\nकृपया क्लाइंट से फिर संपर्क करने की कोशिश करें, फिर /refund के साथ वापस आएँ।"
	case KeyIneligibleDays:
		return "जवाब न देने वाले क्लाइंट के रिफ़ंड के लिए सच्ची कोशिशें ज़रूरी हैं: कम से कम <b>{min_days} दिनों में {min_attempts} बार</b>। आपने {days} दिन कोशिश की।\n\nकृपया किसी और दिन फिर कोशिश करें, फिर /refund के साथ वापस आएँ।"
	}
	return ""
}
