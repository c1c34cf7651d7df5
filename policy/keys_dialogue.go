package policy

// Keys of the provider dialogue: linking, menu, reasons and their questions.
const (
	KeyWelcome                 Key = "welcome"
	KeyBtnShareContact         Key = "btn.share_contact"
	KeyLinkPrompt              Key = "link.prompt"
	KeyLinked                  Key = "link.ok"
	KeyLinkUnknownNumber       Key = "link.unknown_number"
	KeyLinkNotOwnContact       Key = "link.not_own_contact"
	KeyLinkForwarded           Key = "link.forwarded_contact"
	KeyLinkRelinked            Key = "link.relinked"
	KeyLinkUnlinkedOld         Key = "link.unlinked_old"
	KeyLinkRequired            Key = "link.required"
	KeyLinkBadToken            Key = "link.bad_token"
	KeyHelp                    Key = "help"
	KeyCmdStart                Key = "cmd.start"
	KeyCmdRefund               Key = "cmd.refund"
	KeyCmdStatus               Key = "cmd.status"
	KeyCmdAppeal               Key = "cmd.appeal"
	KeyCmdBalance              Key = "cmd.balance"
	KeyCmdPolicy               Key = "cmd.policy"
	KeyCmdSupport              Key = "cmd.support"
	KeyCmdLanguage             Key = "cmd.language"
	KeyCmdCancel               Key = "cmd.cancel"
	KeyCmdHelp                 Key = "cmd.help"
	KeyUnknownCommand          Key = "unknown_command"
	KeyNotUnderstood           Key = "not_understood"
	KeyBtnMenuRefund           Key = "btn.menu_refund"
	KeyBtnMenuStatus           Key = "btn.menu_status"
	KeyBtnMenuBalance          Key = "btn.menu_balance"
	KeyBtnMenuPolicy           Key = "btn.menu_policy"
	KeyChooseReason            Key = "reason.choose"
	KeyReasonIntro             Key = "reason.intro"
	KeyTitleInvalidLead        Key = "reason.invalid_lead.title"
	KeyTitleNonResponsive      Key = "reason.non_responsive.title"
	KeyTitleMistakenPosting    Key = "reason.mistaken_posting.title"
	KeyTitlePhoneUnavailable   Key = "reason.phone_unavailable.title"
	KeyTitleTechnicalIssue     Key = "reason.technical_issue.title"
	KeyExplainInvalidLead      Key = "reason.invalid_lead.explain"
	KeyExplainNonResponsive    Key = "reason.non_responsive.explain"
	KeyExplainMistakenPosting  Key = "reason.mistaken_posting.explain"
	KeyExplainPhoneUnavailable Key = "reason.phone_unavailable.explain"
	KeyExplainTechnicalIssue   Key = "reason.technical_issue.explain"
	KeyBtnCashRefund           Key = "btn.cash_refund"
	KeyCashRefund              Key = "cash_refund"
	KeyQInvalidWhat            Key = "q.invalid_lead.what"
	KeyLInvalidWhat            Key = "q.invalid_lead.what.label"
	KeyQInvalidDetails         Key = "q.invalid_lead.details"
	KeyLInvalidDetails         Key = "q.invalid_lead.details.label"
	KeyQNonRespChannel         Key = "q.non_responsive.channel"
	KeyLNonRespChannel         Key = "q.non_responsive.channel.label"
	KeyQNonRespAttempts        Key = "q.non_responsive.attempts"
	KeyLNonRespAttempts        Key = "q.non_responsive.attempts.label"
	KeyQNonRespDays            Key = "q.non_responsive.days"
	KeyLNonRespDays            Key = "q.non_responsive.days.label"
	KeyQMistakenEngaged        Key = "q.mistaken_posting.engaged"
	KeyLMistakenEngaged        Key = "q.mistaken_posting.engaged.label"
	KeyQMistakenDetails        Key = "q.mistaken_posting.details"
	KeyLMistakenDetails        Key = "q.mistaken_posting.details.label"
	KeyQPhoneProblem           Key = "q.phone_unavailable.problem"
	KeyLPhoneProblem           Key = "q.phone_unavailable.problem.label"
	KeyQTechKind               Key = "q.technical_issue.kind"
	KeyLTechKind               Key = "q.technical_issue.kind.label"
	KeyOptWrongNumber          Key = "opt.wrong_number"
	KeyOptNoRequirement        Key = "opt.no_requirement"
	KeyOptDuplicate            Key = "opt.duplicate"
	KeyOptWrongCategory        Key = "opt.wrong_category_location"
	KeyOptOther                Key = "opt.other"
	KeyOptCalls                Key = "opt.calls"
	KeyOptMessages             Key = "opt.messages"
	KeyOptBoth                 Key = "opt.both"
	KeyOptYes                  Key = "opt.yes"
	KeyOptNo                   Key = "opt.no"
	KeyOptPhoneMissing         Key = "opt.missing"
	KeyOptPhoneUnreachable     Key = "opt.shown_unreachable"
	KeyOptLeadNotShown         Key = "opt.lead_not_shown"
	KeyOptChargedTwice         Key = "opt.charged_twice"
	KeyOptAppError             Key = "opt.app_error"
	KeyAnswerNotNumber         Key = "answer.not_number"
	KeyAnswerOutOfRange        Key = "answer.out_of_range"
	KeyAnswerUseButtons        Key = "answer.use_buttons"
	KeyAnswerEmpty             Key = "answer.empty"
	KeyTextTooLong             Key = "text_too_long"
	KeyIneligibleEngaged       Key = "ineligible.engaged"
	KeyIneligibleAttempts      Key = "ineligible.attempts"
	KeyIneligibleDays          Key = "ineligible.days"
)

// dialogueSentences declares the keys above: audience, surface, parameters and texts.
var dialogueSentences = []Sentence{
	{
		Key: KeyWelcome, Audience: Provider, Surface: TGMessage,
		EN: "Namaste! This is the <b>Rockerstop coin refund desk</b>.\n\nTo find your account, share the phone number registered on Rockerstop: tap <b>Share my phone number</b> below.",
		HI: "नमस्ते! यह <b>Rockerstop कॉइन रिफ़ंड डेस्क</b> है।\n\nआपका खाता ढूँढने के लिए Rockerstop पर रजिस्टर्ड फ़ोन नंबर भेजें: नीचे <b>मेरा फ़ोन नंबर भेजें</b> बटन दबाएँ।",
	},
	{
		Key: KeyBtnShareContact, Audience: Provider, Surface: TGButton,
		EN: "📱 Share my phone number",
		HI: "📱 मेरा फ़ोन नंबर भेजें",
	},
	{
		Key: KeyLinkPrompt, Audience: Provider, Surface: TGMessage,
		EN: "Please tap <b>Share my phone number</b> at the bottom of the chat. Typing the number does not work: Telegram must confirm it is yours.",
		HI: "कृपया चैट के नीचे <b>मेरा फ़ोन नंबर भेजें</b> बटन दबाएँ। नंबर टाइप करने से काम नहीं चलेगा: Telegram को पुष्टि करनी होती है कि नंबर आपका ही है।",
	},
	{
		Key: KeyLinked, Audience: Provider, Surface: TGMessage, Params: []string{"name"},
		EN: "Thank you, {name}! Your Telegram is now linked to your Rockerstop account.\n\nTap /refund to ask for a coin refund, or /help to see everything I can do.",
		HI: "धन्यवाद, {name}! आपका Telegram अब आपके Rockerstop खाते से जुड़ गया है।\n\nकॉइन रिफ़ंड माँगने के लिए /refund दबाएँ, या सारे विकल्प देखने के लिए /help दबाएँ।",
	},
	{
		Key: KeyLinkUnknownNumber, Audience: Provider, Surface: TGMessage, Params: []string{"email"},
		EN: "This number is not registered on Rockerstop.\n\nTo fix it, add this number to your Rockerstop profile and share it again, or share the number you registered with. If you need help, write to {email}.",
		HI: "यह नंबर Rockerstop पर रजिस्टर्ड नहीं है।\n\nइसे ठीक करने के लिए यह नंबर अपनी Rockerstop प्रोफ़ाइल में जोड़ें और फिर से भेजें, या वह नंबर भेजें जिससे आपने रजिस्टर किया था। मदद चाहिए तो {email} पर लिखें।",
	},
	{
		Key: KeyLinkNotOwnContact, Audience: Provider, Surface: TGMessage,
		EN: "That is someone else’s contact. Please share <b>your own</b> number with the button below.",
		HI: "यह किसी और का संपर्क है। कृपया नीचे दिए बटन से <b>अपना</b> नंबर भेजें।",
	},
	{
		Key: KeyLinkForwarded, Audience: Provider, Surface: TGMessage,
		EN: "A forwarded contact cannot be used. Please tap <b>Share my phone number</b> below to share your own number.",
		HI: "फ़ॉरवर्ड किया गया संपर्क इस्तेमाल नहीं हो सकता। अपना नंबर भेजने के लिए नीचे <b>मेरा फ़ोन नंबर भेजें</b> दबाएँ।",
	},
	{
		Key: KeyLinkRelinked, Audience: Provider, Surface: TGMessage,
		EN: "Note: your Rockerstop account was linked to another Telegram account before. That account is now unlinked: one provider can use one Telegram account.",
		HI: "ध्यान दें: आपका Rockerstop खाता पहले किसी दूसरे Telegram खाते से जुड़ा था। वह खाता अब हटा दिया गया है: एक प्रोवाइडर एक ही Telegram खाता इस्तेमाल कर सकता है।",
	},
	{
		Key: KeyLinkUnlinkedOld, Audience: Provider, Surface: TGMessage, Params: []string{"email"},
		EN: "Your Rockerstop account is now linked to another Telegram account, so this chat no longer receives refund updates. If that was not you, write to {email} at once.",
		HI: "आपका Rockerstop खाता अब किसी दूसरे Telegram खाते से जुड़ गया है, इसलिए इस चैट में अब रिफ़ंड की जानकारी नहीं आएगी। अगर यह आपने नहीं किया, तो तुरंत {email} पर लिखें।",
	},
	{
		Key: KeyLinkRequired, Audience: Provider, Surface: TGMessage,
		EN: "Please link your Rockerstop account first: tap /start.",
		HI: "कृपया पहले अपना Rockerstop खाता जोड़ें: /start दबाएँ।",
	},
	{
		Key: KeyLinkBadToken, Audience: Provider, Surface: TGMessage,
		EN: "This link has expired or is not valid. Tap /start and share your phone number instead.",
		HI: "यह लिंक पुराना हो गया है या सही नहीं है। /start दबाएँ और अपना फ़ोन नंबर भेजें।",
	},
	{
		Key: KeyHelp, Audience: Provider, Surface: TGMessage,
		EN: "<b>What I can do</b>\n/refund: ask for a coin refund for a lead\n/status: see your refund requests\n/appeal: appeal a decision once, e.g. /appeal RF-12\n/balance: see your wallet and recent entries\n/policy: how coin refunds work\n/support: reach our support team\n/language: English or हिन्दी\n/cancel: stop what you are doing\n/start: link your account again\n/help: this list",
		HI: "<b>मैं क्या कर सकता हूँ</b>\n/refund: किसी लीड के लिए कॉइन रिफ़ंड माँगें\n/status: अपने रिफ़ंड अनुरोध देखें\n/appeal: किसी फ़ैसले पर एक बार अपील करें, जैसे /appeal RF-12\n/balance: अपना वॉलेट और हाल की एंट्री देखें\n/policy: कॉइन रिफ़ंड कैसे मिलता है\n/support: हमारी सपोर्ट टीम से संपर्क करें\n/language: English या हिन्दी\n/cancel: जो चल रहा है उसे रोकें\n/start: खाता फिर से जोड़ें\n/help: यह सूची",
	},
	{
		Key: KeyCmdStart, Audience: Provider, Surface: TGCommand,
		EN: "Link your Rockerstop account",
		HI: "अपना Rockerstop खाता जोड़ें",
	},
	{
		Key: KeyCmdRefund, Audience: Provider, Surface: TGCommand,
		EN: "Ask for a coin refund",
		HI: "कॉइन रिफ़ंड माँगें",
	},
	{
		Key: KeyCmdStatus, Audience: Provider, Surface: TGCommand,
		EN: "See your refund requests",
		HI: "अपने रिफ़ंड अनुरोध देखें",
	},
	{
		Key: KeyCmdAppeal, Audience: Provider, Surface: TGCommand,
		EN: "Appeal a decision once",
		HI: "किसी फ़ैसले पर एक बार अपील करें",
	},
	{
		Key: KeyCmdBalance, Audience: Provider, Surface: TGCommand,
		EN: "See your wallet",
		HI: "अपना वॉलेट देखें",
	},
	{
		Key: KeyCmdPolicy, Audience: Provider, Surface: TGCommand,
		EN: "How coin refunds work",
		HI: "कॉइन रिफ़ंड कैसे मिलता है",
	},
	{
		Key: KeyCmdSupport, Audience: Provider, Surface: TGCommand,
		EN: "Reach our support team",
		HI: "सपोर्ट टीम से संपर्क करें",
	},
	{
		Key: KeyCmdLanguage, Audience: Provider, Surface: TGCommand,
		EN: "Change the language",
		HI: "भाषा बदलें",
	},
	{
		Key: KeyCmdCancel, Audience: Provider, Surface: TGCommand,
		EN: "Stop what you are doing",
		HI: "जो चल रहा है उसे रोकें",
	},
	{
		Key: KeyCmdHelp, Audience: Provider, Surface: TGCommand,
		EN: "Show all commands",
		HI: "सारे कमांड देखें",
	},
	{
		Key: KeyUnknownCommand, Audience: Provider, Surface: TGMessage, Params: []string{"command"},
		EN: "I don’t know the command /{command}. Tap /help to see what I can do.",
		HI: "मुझे /{command} कमांड नहीं पता। मैं क्या कर सकता हूँ, यह देखने के लिए /help दबाएँ।",
	},
	{
		Key: KeyNotUnderstood, Audience: Provider, Surface: TGMessage,
		EN: "I didn’t understand that. Tap /refund to ask for a coin refund, or /help to see everything I can do.",
		HI: "मैं यह समझ नहीं पाया। कॉइन रिफ़ंड माँगने के लिए /refund दबाएँ, या सारे विकल्प देखने के लिए /help दबाएँ।",
	},
	{
		Key: KeyBtnMenuRefund, Audience: Provider, Surface: TGButton,
		EN: "💰 Ask for a refund",
		HI: "💰 रिफ़ंड माँगें",
	},
	{
		Key: KeyBtnMenuStatus, Audience: Provider, Surface: TGButton,
		EN: "📋 My requests",
		HI: "📋 मेरे अनुरोध",
	},
	{
		Key: KeyBtnMenuBalance, Audience: Provider, Surface: TGButton,
		EN: "👛 My wallet",
		HI: "👛 मेरा वॉलेट",
	},
	{
		Key: KeyBtnMenuPolicy, Audience: Provider, Surface: TGButton,
		EN: "ℹ️ Refund policy",
		HI: "ℹ️ रिफ़ंड नीति",
	},
	{
		Key: KeyChooseReason, Audience: Provider, Surface: TGMessage,
		EN: "Why do you want a refund? Choose the reason that fits best.",
		HI: "आप रिफ़ंड क्यों चाहते हैं? सबसे सही कारण चुनें।",
	},
	{
		Key: KeyReasonIntro, Audience: Provider, Surface: TGMessage, Params: []string{"reason", "explanation"},
		EN: "<b>{reason}</b>\n{explanation}",
		HI: "<b>{reason}</b>\n{explanation}",
	},
	{
		Key: KeyTitleInvalidLead, Audience: Provider, Surface: TGButton,
		EN: "Invalid lead",
		HI: "लीड सही नहीं है",
	},
	{
		Key: KeyTitleNonResponsive, Audience: Provider, Surface: TGButton,
		EN: "Client does not respond",
		HI: "क्लाइंट जवाब नहीं दे रहा",
	},
	{
		Key: KeyTitleMistakenPosting, Audience: Provider, Surface: TGButton,
		EN: "Lead posted by mistake",
		HI: "लीड गलती से पोस्ट हुई",
	},
	{
		Key: KeyTitlePhoneUnavailable, Audience: Provider, Surface: TGButton,
		EN: "Phone number unavailable",
		HI: "फ़ोन नंबर उपलब्ध नहीं",
	},
	{
		Key: KeyTitleTechnicalIssue, Audience: Provider, Surface: TGButton,
		EN: "Technical issue",
		HI: "तकनीकी समस्या",
	},
	{
		Key: KeyExplainInvalidLead, Audience: Provider, Surface: TGMessage,
		EN: "The lead turned out to be invalid or inaccurate, so you could not make contact with the client.",
		HI: "लीड गलत या अधूरी निकली, इसलिए आप क्लाइंट से संपर्क नहीं कर पाए।",
	},
	{
		Key: KeyExplainNonResponsive, Audience: Provider, Surface: TGMessage,
		EN: "The client did not respond to your calls or messages despite genuine attempts to make contact.",
		HI: "सच्ची कोशिशों के बाद भी क्लाइंट ने आपके कॉल या मैसेज का जवाब नहीं दिया।",
	},
	{
		Key: KeyExplainMistakenPosting, Audience: Provider, Surface: TGMessage,
		EN: "The lead was posted mistakenly or erroneously, and you have not engaged with it.",
		HI: "लीड गलती से पोस्ट हुई थी, और आपने उस पर कोई संपर्क या बातचीत नहीं की।",
	},
	{
		Key: KeyExplainPhoneUnavailable, Audience: Provider, Surface: TGMessage,
		EN: "Coins were deducted for the lead, but the contact information, such as the phone number, was not provided or is inaccessible.",
		HI: "लीड के लिए कॉइन कटे, लेकिन संपर्क की जानकारी, जैसे फ़ोन नंबर, दी ही नहीं गई या उस पर संपर्क नहीं हो पाया।",
	},
	{
		Key: KeyExplainTechnicalIssue, Audience: Provider, Surface: TGMessage,
		EN: "Technical issues or platform malfunctions prevented you from using the lead effectively.",
		HI: "तकनीकी समस्या या प्लेटफ़ॉर्म की खराबी की वजह से आप लीड का सही इस्तेमाल नहीं कर पाए।",
	},
	{
		Key: KeyBtnCashRefund, Audience: Provider, Surface: TGButton,
		EN: "💵 I want my money back",
		HI: "💵 मुझे पैसे वापस चाहिए",
	},
	{
		Key: KeyCashRefund, Audience: Provider, Surface: TGMessage, Params: []string{"email"},
		EN: "Rockerstop does not give cash refunds for membership plans or plan recharges: once you buy a plan or add coins, the money is not refunded in cash.\n\nWhat we offer is a <b>coins refund</b>: refunded coins go back to your Rockerstop wallet, to use for contacting clients and other platform features. Tap /refund to ask for one.\n\nIf you are in a critical situation and believe a refund is warranted, write to our support team at {email}. Some circumstances may warrant special consideration, and we will do our best to help.",
		HI: "Rockerstop मेंबरशिप प्लान या प्लान रिचार्ज का पैसा नकद वापस नहीं करता: प्लान खरीदने या कॉइन जोड़ने के बाद पैसा नकद लौटाया नहीं जाता।\n\nहम <b>कॉइन रिफ़ंड</b> देते हैं: रिफ़ंड हुए कॉइन आपके Rockerstop वॉलेट में वापस आते हैं, जिनसे आप क्लाइंट से संपर्क कर सकते हैं और प्लेटफ़ॉर्म की दूसरी सुविधाएँ इस्तेमाल कर सकते हैं। कॉइन रिफ़ंड माँगने के लिए /refund दबाएँ।\n\nअगर आप किसी गंभीर स्थिति में हैं और आपको लगता है कि रिफ़ंड बनता है, तो हमारी सपोर्ट टीम को {email} पर लिखें। कुछ हालात में विशेष विचार किया जा सकता है, और हम मदद की पूरी कोशिश करेंगे।",
	},
	{
		Key: KeyQInvalidWhat, Audience: Provider, Surface: TGMessage,
		EN: "What was wrong with the lead?",
		HI: "लीड में क्या गलत था?",
	},
	{
		Key: KeyLInvalidWhat, Audience: Provider, Surface: TGButton,
		EN: "What was wrong",
		HI: "क्या गलत था",
	},
	{
		Key: KeyQInvalidDetails, Audience: Provider, Surface: TGMessage,
		EN: "Please describe in a few words what was wrong with the lead.",
		HI: "कृपया कुछ शब्दों में बताएँ कि लीड में क्या गलत था।",
	},
	{
		Key: KeyLInvalidDetails, Audience: Provider, Surface: TGButton,
		EN: "Details",
		HI: "विवरण",
	},
	{
		Key: KeyQNonRespChannel, Audience: Provider, Surface: TGMessage,
		EN: "How did you try to reach the client?",
		HI: "आपने क्लाइंट से कैसे संपर्क करने की कोशिश की?",
	},
	{
		Key: KeyLNonRespChannel, Audience: Provider, Surface: TGButton,
		EN: "Tried by",
		HI: "कोशिश का तरीका",
	},
	{
		Key: KeyQNonRespAttempts, Audience: Provider, Surface: TGMessage,
		EN: "How many times did you try to reach the client? Send a number, for example 3.",
		HI: "आपने क्लाइंट से कितनी बार संपर्क करने की कोशिश की? एक संख्या भेजें, जैसे 3।",
	},
	{
		Key: KeyLNonRespAttempts, Audience: Provider, Surface: TGButton,
		EN: "Attempts",
		HI: "कोशिशें",
	},
	{
		Key: KeyQNonRespDays, Audience: Provider, Surface: TGMessage,
		EN: "Over how many different days did you try? Send a number, for example 2.",
		HI: "आपने कितने अलग-अलग दिनों में कोशिश की? एक संख्या भेजें, जैसे 2।",
	},
	{
		Key: KeyLNonRespDays, Audience: Provider, Surface: TGButton,
		EN: "Days",
		HI: "दिन",
	},
	{
		Key: KeyQMistakenEngaged, Audience: Provider, Surface: TGMessage,
		EN: "Have you contacted or engaged with this client?",
		HI: "क्या आपने इस क्लाइंट से संपर्क या कोई बातचीत की है?",
	},
	{
		Key: KeyLMistakenEngaged, Audience: Provider, Surface: TGButton,
		EN: "Contacted the client",
		HI: "क्लाइंट से संपर्क किया",
	},
	{
		Key: KeyQMistakenDetails, Audience: Provider, Surface: TGMessage,
		EN: "Why do you think the lead was posted by mistake? Please write a few words.",
		HI: "आपको क्यों लगता है कि लीड गलती से पोस्ट हुई? कृपया कुछ शब्द लिखें।",
	},
	{
		Key: KeyLMistakenDetails, Audience: Provider, Surface: TGButton,
		EN: "Why a mistake",
		HI: "गलती क्यों लगी",
	},
	{
		Key: KeyQPhoneProblem, Audience: Provider, Surface: TGMessage,
		EN: "What was the problem with the phone number?",
		HI: "फ़ोन नंबर में क्या समस्या थी?",
	},
	{
		Key: KeyLPhoneProblem, Audience: Provider, Surface: TGButton,
		EN: "Problem",
		HI: "समस्या",
	},
	{
		Key: KeyQTechKind, Audience: Provider, Surface: TGMessage,
		EN: "What went wrong?",
		HI: "क्या गड़बड़ हुई?",
	},
	{
		Key: KeyLTechKind, Audience: Provider, Surface: TGButton,
		EN: "Issue",
		HI: "समस्या",
	},
	{
		Key: KeyOptWrongNumber, Audience: Provider, Surface: TGButton,
		EN: "Wrong or fake number",
		HI: "गलत या फ़र्ज़ी नंबर",
	},
	{
		Key: KeyOptNoRequirement, Audience: Provider, Surface: TGButton,
		EN: "No real requirement",
		HI: "असल में कोई ज़रूरत नहीं",
	},
	{
		Key: KeyOptDuplicate, Audience: Provider, Surface: TGButton,
		EN: "Duplicate lead",
		HI: "दोहराई गई लीड",
	},
	{
		Key: KeyOptWrongCategory, Audience: Provider, Surface: TGButton,
		EN: "Wrong category or location",
		HI: "गलत कैटेगरी या जगह",
	},
	{
		Key: KeyOptOther, Audience: Provider, Surface: TGButton,
		EN: "Something else",
		HI: "कुछ और",
	},
	{
		Key: KeyOptCalls, Audience: Provider, Surface: TGButton,
		EN: "Calls",
		HI: "कॉल",
	},
	{
		Key: KeyOptMessages, Audience: Provider, Surface: TGButton,
		EN: "Messages",
		HI: "मैसेज",
	},
	{
		Key: KeyOptBoth, Audience: Provider, Surface: TGButton,
		EN: "Calls and messages",
		HI: "कॉल और मैसेज दोनों",
	},
	{
		Key: KeyOptYes, Audience: Provider, Surface: TGButton,
		EN: "Yes",
		HI: "हाँ",
	},
	{
		Key: KeyOptNo, Audience: Provider, Surface: TGButton,
		EN: "No",
		HI: "नहीं",
	},
	{
		Key: KeyOptPhoneMissing, Audience: Provider, Surface: TGButton,
		EN: "No number was shown",
		HI: "कोई नंबर नहीं दिखा",
	},
	{
		Key: KeyOptPhoneUnreachable, Audience: Provider, Surface: TGButton,
		EN: "Shown but unreachable",
		HI: "नंबर दिखा, पर लगा नहीं",
	},
	{
		Key: KeyOptLeadNotShown, Audience: Provider, Surface: TGButton,
		EN: "Coins deducted, lead not shown",
		HI: "कॉइन कटे, लीड नहीं दिखी",
	},
	{
		Key: KeyOptChargedTwice, Audience: Provider, Surface: TGButton,
		EN: "Charged twice for one lead",
		HI: "एक लीड के दो बार कॉइन कटे",
	},
	{
		Key: KeyOptAppError, Audience: Provider, Surface: TGButton,
		EN: "App or website error",
		HI: "ऐप या वेबसाइट में गड़बड़ी",
	},
	{
		Key: KeyAnswerNotNumber, Audience: Provider, Surface: TGMessage,
		EN: "Please send a number, for example 3.",
		HI: "कृपया एक संख्या भेजें, जैसे 3।",
	},
	{
		Key: KeyAnswerOutOfRange, Audience: Provider, Surface: TGMessage, Params: []string{"min", "max"},
		EN: "Please send a number from {min} to {max}.",
		HI: "कृपया {min} से {max} के बीच की संख्या भेजें।",
	},
	{
		Key: KeyAnswerUseButtons, Audience: Provider, Surface: TGMessage,
		EN: "Please choose one of the buttons above.",
		HI: "कृपया ऊपर दिए बटनों में से एक चुनें।",
	},
	{
		Key: KeyAnswerEmpty, Audience: Provider, Surface: TGMessage,
		EN: "Please write a few words.",
		HI: "कृपया कुछ शब्द लिखें।",
	},
	{
		Key: KeyTextTooLong, Audience: Provider, Surface: TGMessage, Params: []string{"max", "length"},
		EN: "This text is too long ({length} characters). Please keep it under {max} characters.",
		HI: "यह टेक्स्ट बहुत लंबा है ({length} अक्षर)। कृपया इसे {max} अक्षरों से छोटा रखें।",
	},
	{
		Key: KeyIneligibleEngaged, Audience: Provider, Surface: TGMessage,
		EN: "This lead cannot be refunded as a mistaken posting: the policy covers a lead posted by mistake that <b>you have not engaged with</b>, and you have contacted or engaged with this client.\n\nIf the client did not respond, or the lead was invalid, tap /refund and choose that reason instead.",
		HI: "इस लीड का रिफ़ंड “गलती से पोस्ट हुई लीड” के तौर पर नहीं हो सकता: नीति उस लीड पर लागू होती है जो गलती से पोस्ट हुई हो और <b>जिस पर आपने कोई संपर्क या बातचीत न की हो</b>, जबकि आपने इस क्लाइंट से संपर्क या बातचीत की है।\n\nअगर क्लाइंट ने जवाब नहीं दिया या लीड सही नहीं थी, तो /refund दबाकर वह कारण चुनें।",
	},
	{
		Key: KeyIneligibleAttempts, Audience: Provider, Surface: TGMessage, Params: []string{"attempts", "min_attempts", "min_days"},
		EN: "A refund for a non-responsive client needs genuine attempts: at least <b>{min_attempts} attempts over {min_days} days</b>. You made {attempts}.\n\nPlease try again to reach the client, then come back with /refund.",
		HI: "जवाब न देने वाले क्लाइंट के रिफ़ंड के लिए सच्ची कोशिशें ज़रूरी हैं: कम से कम <b>{min_days} दिनों में {min_attempts} बार</b>। आपने {attempts} बार कोशिश की।\n\nकृपया क्लाइंट से फिर संपर्क करने की कोशिश करें, फिर /refund के साथ वापस आएँ।",
	},
	{
		Key: KeyIneligibleDays, Audience: Provider, Surface: TGMessage, Params: []string{"days", "min_attempts", "min_days"},
		EN: "A refund for a non-responsive client needs genuine attempts: at least <b>{min_attempts} attempts over {min_days} days</b>. You tried on {days} day(s).\n\nPlease try again on another day, then come back with /refund.",
		HI: "जवाब न देने वाले क्लाइंट के रिफ़ंड के लिए सच्ची कोशिशें ज़रूरी हैं: कम से कम <b>{min_days} दिनों में {min_attempts} बार</b>। आपने {days} दिन कोशिश की।\n\nकृपया किसी और दिन फिर कोशिश करें, फिर /refund के साथ वापस आएँ।",
	},
}
