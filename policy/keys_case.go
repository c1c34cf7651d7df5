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

// caseSentences declares the keys above: audience, surface, parameters and texts.
var caseSentences = []Sentence{
	{
		Key: KeyLeadPrompt, Audience: Provider, Surface: TGMessage, Params: []string{"max"},
		EN: "Send the ID of the lead you want refunded. You can send several IDs in one message, separated by spaces or commas (at most {max} in one request).",
		HI: "जिस लीड का रिफ़ंड चाहिए, उसकी ID भेजें। एक मैसेज में कई ID भेज सकते हैं, स्पेस या कॉमा लगाकर (एक अनुरोध में ज़्यादा से ज़्यादा {max})।",
	},
	{
		Key: KeyLeadAccepted, Audience: Provider, Surface: TGMessage, Params: []string{"lead", "coins"},
		EN: "✅ Lead <b>{lead}</b> added: {coins} coins.",
		HI: "✅ लीड <b>{lead}</b> जोड़ दी गई: {coins} कॉइन।",
	},
	{
		Key: KeyLeadUnknown, Audience: Provider, Surface: TGMessage, Params: []string{"lead"},
		EN: "❌ I can’t find lead <b>{lead}</b>. Please check the ID in your Rockerstop app and send it again.",
		HI: "❌ लीड <b>{lead}</b> नहीं मिली। कृपया अपने Rockerstop ऐप में ID जाँचकर फिर से भेजें।",
	},
	{
		Key: KeyLeadNotYours, Audience: Provider, Surface: TGMessage, Params: []string{"lead"},
		EN: "❌ Lead <b>{lead}</b> was not unlocked with your account, so it cannot be refunded to you.",
		HI: "❌ लीड <b>{lead}</b> आपके खाते से अनलॉक नहीं हुई थी, इसलिए इसका रिफ़ंड आपको नहीं मिल सकता।",
	},
	{
		Key: KeyLeadOutsideWindow, Audience: Provider, Surface: TGMessage, Params: []string{"lead", "date", "days"},
		EN: "❌ Lead <b>{lead}</b> is outside the refund window: leads can be refunded up to {days} days after unlock, and this one closed on {date}.",
		HI: "❌ लीड <b>{lead}</b> रिफ़ंड की समय-सीमा से बाहर है: अनलॉक के {days} दिन तक ही रिफ़ंड माँगा जा सकता है, और इस लीड की सीमा {date} को खत्म हो गई।",
	},
	{
		Key: KeyLeadAlreadyRefunded, Audience: Provider, Surface: TGMessage, Params: []string{"lead", "case"},
		EN: "❌ Lead <b>{lead}</b> was already refunded in case {case}.",
		HI: "❌ लीड <b>{lead}</b> का रिफ़ंड केस {case} में पहले ही हो चुका है।",
	},
	{
		Key: KeyLeadInOpenCase, Audience: Provider, Surface: TGMessage, Params: []string{"lead", "case"},
		EN: "❌ Lead <b>{lead}</b> is already in your open case {case}. You will hear from us there.",
		HI: "❌ लीड <b>{lead}</b> पहले से आपके खुले केस {case} में है। उसी केस पर आपको जवाब मिलेगा।",
	},
	{
		Key: KeyLeadTooEarly, Audience: Provider, Surface: TGMessage, Params: []string{"lead", "time", "hours"},
		EN: "⏳ Lead <b>{lead}</b> was unlocked less than {hours} hours ago. Please give the client time to respond: you can ask for this refund from <b>{time}</b>.",
		HI: "⏳ लीड <b>{lead}</b> को अनलॉक हुए {hours} घंटे से कम हुए हैं। कृपया क्लाइंट को जवाब देने का समय दें: आप <b>{time}</b> से इस रिफ़ंड के लिए अनुरोध कर सकते हैं।",
	},
	{
		Key: KeyLeadNoCoins, Audience: Provider, Surface: TGMessage, Params: []string{"lead"},
		EN: "❌ No coins were spent on lead <b>{lead}</b>, so there is nothing to refund.",
		HI: "❌ लीड <b>{lead}</b> पर कोई कॉइन खर्च नहीं हुआ, इसलिए रिफ़ंड के लिए कुछ नहीं है।",
	},
	{
		Key: KeyLeadAlreadyAdded, Audience: Provider, Surface: TGMessage, Params: []string{"lead"},
		EN: "Lead <b>{lead}</b> is already in this request.",
		HI: "लीड <b>{lead}</b> पहले से इस अनुरोध में है।",
	},
	{
		Key: KeyLeadBadID, Audience: Provider, Surface: TGMessage, Params: []string{"text"},
		EN: "“{text}” does not look like a lead ID. Please send the ID as shown in your Rockerstop app.",
		HI: "“{text}” लीड ID जैसा नहीं लगता। कृपया वही ID भेजें जो आपके Rockerstop ऐप में दिखती है।",
	},
	{
		Key: KeyLeadTooMany, Audience: Provider, Surface: TGMessage, Params: []string{"max"},
		EN: "One request can hold at most {max} leads. Submit this one first, then send a new request for the others.",
		HI: "एक अनुरोध में ज़्यादा से ज़्यादा {max} लीड हो सकती हैं। पहले यह अनुरोध भेजें, फिर बाकी लीड के लिए नया अनुरोध करें।",
	},
	{
		Key: KeyLeadsNone, Audience: Provider, Surface: TGMessage,
		EN: "Please send at least one lead ID first.",
		HI: "कृपया पहले कम से कम एक लीड ID भेजें।",
	},
	{
		Key: KeyLeadsSoFar, Audience: Provider, Surface: TGMessage, Params: []string{"count", "total"},
		EN: "Leads in this request: {count}, total <b>{total} coins</b>. Send more IDs, or tap <b>Done with leads</b>.",
		HI: "इस अनुरोध में लीड: {count}, कुल <b>{total} कॉइन</b>। और ID भेजें, या <b>लीड पूरी हुईं</b> दबाएँ।",
	},
	{
		Key: KeyBtnLeadsDone, Audience: Provider, Surface: TGButton,
		EN: "✔️ Done with leads",
		HI: "✔️ लीड पूरी हुईं",
	},
	{
		Key: KeyEvidencePrompt, Audience: Provider, Surface: TGMessage, Params: []string{"max_files"},
		EN: "Now send your evidence: screenshots (photos or files) or a short text. You can send up to {max_files} files. Tap <b>Done with evidence</b> when you have finished.",
		HI: "अब अपना सबूत भेजें: स्क्रीनशॉट (फ़ोटो या फ़ाइल) या छोटा सा टेक्स्ट। आप ज़्यादा से ज़्यादा {max_files} फ़ाइलें भेज सकते हैं। भेज देने के बाद <b>सबूत पूरे हुए</b> दबाएँ।",
	},
	{
		Key: KeyEvidenceNeedNonResponsive, Audience: Provider, Surface: TGMessage,
		EN: "<b>Required:</b> a screenshot of your call log, or a text describing your attempts (when you called or wrote, and how).",
		HI: "<b>ज़रूरी:</b> अपने कॉल लॉग का स्क्रीनशॉट, या एक टेक्स्ट जिसमें आपकी कोशिशों का ब्योरा हो (कब कॉल या मैसेज किया, और कैसे)।",
	},
	{
		Key: KeyEvidenceNeedTechnical, Audience: Provider, Surface: TGMessage,
		EN: "<b>Required:</b> a text telling what happened and when, in your own words. Screenshots help too.",
		HI: "<b>ज़रूरी:</b> अपने शब्दों में एक टेक्स्ट कि क्या हुआ और कब हुआ। स्क्रीनशॉट से भी मदद मिलती है।",
	},
	{
		Key: KeyEvidenceOptional, Audience: Provider, Surface: TGMessage,
		EN: "Evidence is optional for this reason, but a screenshot helps us decide faster.",
		HI: "इस कारण के लिए सबूत ज़रूरी नहीं है, लेकिन स्क्रीनशॉट से हम जल्दी फ़ैसला कर पाते हैं।",
	},
	{
		Key: KeyEvidenceMissingNonResponsive, Audience: Provider, Surface: TGMessage,
		EN: "Before you continue, please send a screenshot of your call log, or a text describing your attempts to reach the client.",
		HI: "आगे बढ़ने से पहले कृपया अपने कॉल लॉग का स्क्रीनशॉट भेजें, या एक टेक्स्ट जिसमें क्लाइंट से संपर्क की आपकी कोशिशों का ब्योरा हो।",
	},
	{
		Key: KeyEvidenceMissingTechnical, Audience: Provider, Surface: TGMessage,
		EN: "Before you continue, please write what happened and when, in your own words.",
		HI: "आगे बढ़ने से पहले कृपया अपने शब्दों में लिखें कि क्या हुआ और कब हुआ।",
	},
	{
		Key: KeyEvidenceReceived, Audience: Provider, Surface: TGMessage, Params: []string{"count", "max_files"},
		EN: "Got it: {count} of at most {max_files}. Send more, or tap <b>Done with evidence</b>.",
		HI: "मिल गया: {count}, ज़्यादा से ज़्यादा {max_files} में से। और भेजें, या <b>सबूत पूरे हुए</b> दबाएँ।",
	},
	{
		Key: KeyEvidenceTooMany, Audience: Provider, Surface: TGMessage, Params: []string{"max_files"},
		EN: "You have reached the limit of {max_files} files for one request. Tap <b>Done with evidence</b> to continue.",
		HI: "एक अनुरोध में {max_files} फ़ाइलों की सीमा पूरी हो गई है। आगे बढ़ने के लिए <b>सबूत पूरे हुए</b> दबाएँ।",
	},
	{
		Key: KeyBtnEvidenceDone, Audience: Provider, Surface: TGButton,
		EN: "✔️ Done with evidence",
		HI: "✔️ सबूत पूरे हुए",
	},
	{
		Key: KeyUnsupportedVoice, Audience: Provider, Surface: TGMessage,
		EN: "I can’t take voice messages. Please send a screenshot, a PDF or a text instead.",
		HI: "मैं वॉइस मैसेज नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyUnsupportedAudio, Audience: Provider, Surface: TGMessage,
		EN: "I can’t take audio files. Please send a screenshot, a PDF or a text instead.",
		HI: "मैं ऑडियो फ़ाइल नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyUnsupportedVideo, Audience: Provider, Surface: TGMessage,
		EN: "I can’t take videos. Please send a screenshot, a PDF or a text instead.",
		HI: "मैं वीडियो नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyUnsupportedVideoNote, Audience: Provider, Surface: TGMessage,
		EN: "I can’t take video messages. Please send a screenshot, a PDF or a text instead.",
		HI: "मैं वीडियो मैसेज नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyUnsupportedSticker, Audience: Provider, Surface: TGMessage,
		EN: "Stickers can’t be used here. Please send a screenshot, a PDF or a text.",
		HI: "यहाँ स्टिकर काम नहीं आएँगे। कृपया स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyUnsupportedAnimation, Audience: Provider, Surface: TGMessage,
		EN: "I can’t take GIFs. Please send a screenshot, a PDF or a text instead.",
		HI: "मैं GIF नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyUnsupportedLocation, Audience: Provider, Surface: TGMessage,
		EN: "I can’t take locations. Please send a screenshot, a PDF or a text instead.",
		HI: "मैं लोकेशन नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyUnsupportedPoll, Audience: Provider, Surface: TGMessage,
		EN: "I can’t take polls. Please send a screenshot, a PDF or a text instead.",
		HI: "मैं पोल नहीं ले सकता। कृपया इसकी जगह स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyUnsupportedOther, Audience: Provider, Surface: TGMessage,
		EN: "I can’t take this kind of message. Please send a screenshot, a PDF or a text.",
		HI: "मैं इस तरह का मैसेज नहीं ले सकता। कृपया स्क्रीनशॉट, PDF या टेक्स्ट भेजें।",
	},
	{
		Key: KeyFileTooBig, Audience: Provider, Surface: TGMessage, Params: []string{"max_mb"},
		EN: "This file is too big. Please send a file of at most {max_mb} MB, or a screenshot instead.",
		HI: "यह फ़ाइल बहुत बड़ी है। कृपया ज़्यादा से ज़्यादा {max_mb} MB की फ़ाइल भेजें, या उसकी जगह स्क्रीनशॉट भेजें।",
	},
	{
		Key: KeyFileWrongType, Audience: Provider, Surface: TGMessage,
		EN: "I can take photos, images (JPG, PNG, WEBP) and PDF files only. Please send a screenshot or a PDF.",
		HI: "मैं सिर्फ़ फ़ोटो, इमेज (JPG, PNG, WEBP) और PDF फ़ाइलें ले सकता हूँ। कृपया स्क्रीनशॉट या PDF भेजें।",
	},
	{
		Key: KeyFileFailed, Audience: Provider, Surface: TGMessage,
		EN: "I could not receive this file. Please send it again.",
		HI: "यह फ़ाइल मुझ तक नहीं पहुँची। कृपया इसे फिर से भेजें।",
	},
	{
		Key: KeySummary, Audience: Provider, Surface: TGMessage, Params: []string{"reason", "answers_lines", "leads_lines", "count", "total", "evidence"},
		EN: "<b>Your refund request</b>\nReason: {reason}\n{answers_lines}\n\n<b>Leads ({count})</b>\n{leads_lines}\nTotal: <b>{total} coins</b>\nEvidence: {evidence} item(s)\n\nPlease check it, then tap <b>Submit</b>.",
		HI: "<b>आपका रिफ़ंड अनुरोध</b>\nकारण: {reason}\n{answers_lines}\n\n<b>लीड ({count})</b>\n{leads_lines}\nकुल: <b>{total} कॉइन</b>\nसबूत: {evidence}\n\nकृपया जाँच लें, फिर <b>भेजें</b> दबाएँ।",
	},
	{
		Key: KeySummaryAnswerLine, Audience: Provider, Surface: TGMessage, Params: []string{"question", "answer"},
		EN: "{question}: <b>{answer}</b>",
		HI: "{question}: <b>{answer}</b>",
	},
	{
		Key: KeySummaryLeadLine, Audience: Provider, Surface: TGMessage, Params: []string{"lead", "coins"},
		EN: "• {lead}: {coins} coins",
		HI: "• {lead}: {coins} कॉइन",
	},
	{
		Key: KeyBtnSubmit, Audience: Provider, Surface: TGButton,
		EN: "✅ Submit",
		HI: "✅ भेजें",
	},
	{
		Key: KeyBtnEdit, Audience: Provider, Surface: TGButton,
		EN: "✏️ Edit",
		HI: "✏️ बदलें",
	},
	{
		Key: KeyBtnCancel, Audience: Provider, Surface: TGButton,
		EN: "✖️ Cancel",
		HI: "✖️ रद्द करें",
	},
	{
		Key: KeyEditMenu, Audience: Provider, Surface: TGMessage,
		EN: "What do you want to change?",
		HI: "आप क्या बदलना चाहते हैं?",
	},
	{
		Key: KeyBtnEditAnswers, Audience: Provider, Surface: TGButton,
		EN: "Answers",
		HI: "जवाब",
	},
	{
		Key: KeyBtnEditLeads, Audience: Provider, Surface: TGButton,
		EN: "Leads",
		HI: "लीड",
	},
	{
		Key: KeyBtnEditEvidence, Audience: Provider, Surface: TGButton,
		EN: "Evidence",
		HI: "सबूत",
	},
	{
		Key: KeyBtnBack, Audience: Provider, Surface: TGButton,
		EN: "⬅️ Back",
		HI: "⬅️ वापस",
	},
	{
		Key: KeySubmitted, Audience: Provider, Surface: TGMessage, Params: []string{"case"},
		EN: "Your case <b>{case}</b> is submitted. Our team will review it and you will get a message here with the decision. Tap /status any time to check it.",
		HI: "आपका केस <b>{case}</b> भेज दिया गया है। हमारी टीम इसकी जाँच करेगी और फ़ैसले का मैसेज आपको यहीं मिलेगा। स्थिति देखने के लिए कभी भी /status दबाएँ।",
	},
	{
		Key: KeyCancelled, Audience: Provider, Surface: TGMessage,
		EN: "Cancelled. Nothing was sent. Tap /refund to start again.",
		HI: "रद्द कर दिया गया। कुछ नहीं भेजा गया। फिर से शुरू करने के लिए /refund दबाएँ।",
	},
	{
		Key: KeyNothingToCancel, Audience: Provider, Surface: TGMessage,
		EN: "There is nothing to cancel. Tap /help to see what I can do.",
		HI: "रद्द करने के लिए कुछ नहीं है। मैं क्या कर सकता हूँ, यह देखने के लिए /help दबाएँ।",
	},
	{
		Key: KeyStepPassed, Audience: Provider, Surface: TGCallback,
		EN: "This step has passed. Please use the latest message.",
		HI: "यह चरण निकल चुका है। कृपया सबसे नया मैसेज इस्तेमाल करें।",
	},
	{
		Key: KeyDraftInProgress, Audience: Provider, Surface: TGMessage,
		EN: "You have a refund request that is not submitted yet. Continue it, or tap /cancel to start over.",
		HI: "आपका एक रिफ़ंड अनुरोध अभी भेजा नहीं गया है। उसे पूरा करें, या नए सिरे से शुरू करने के लिए /cancel दबाएँ।",
	},
	{
		Key: KeyBtnContinue, Audience: Provider, Surface: TGButton,
		EN: "▶️ Continue",
		HI: "▶️ जारी रखें",
	},
	{
		Key: KeyDraftReminder, Audience: Provider, Surface: TGMessage, Params: []string{"hours"},
		EN: "Your refund request is not submitted yet. Tap <b>Continue</b> to finish it: unfinished requests are removed after {hours} hours.",
		HI: "आपका रिफ़ंड अनुरोध अभी भेजा नहीं गया है। इसे पूरा करने के लिए <b>जारी रखें</b> दबाएँ: अधूरे अनुरोध {hours} घंटे बाद हटा दिए जाते हैं।",
	},
	{
		Key: KeyDraftExpired, Audience: Provider, Surface: TGMessage,
		EN: "Your unfinished refund request was removed because it was idle for too long. Tap /refund to start again.",
		HI: "आपका अधूरा रिफ़ंड अनुरोध बहुत देर तक रुका रहा, इसलिए हटा दिया गया। फिर से शुरू करने के लिए /refund दबाएँ।",
	},
	{
		Key: KeyStatusHeader, Audience: Provider, Surface: TGMessage, Params: []string{"count"},
		EN: "<b>Your refund requests</b> ({count}):",
		HI: "<b>आपके रिफ़ंड अनुरोध</b> ({count}):",
	},
	{
		Key: KeyStatusNone, Audience: Provider, Surface: TGMessage,
		EN: "You have no refund requests yet. Tap /refund to ask for one.",
		HI: "आपका अभी कोई रिफ़ंड अनुरोध नहीं है। अनुरोध करने के लिए /refund दबाएँ।",
	},
	{
		Key: KeyStatusLine, Audience: Provider, Surface: TGMessage, Params: []string{"case", "date", "state", "coins"},
		EN: "• <b>{case}</b>, {date}: {state}, {coins} coins",
		HI: "• <b>{case}</b>, {date}: {state}, {coins} कॉइन",
	},
	{
		Key: KeyStateOpenLabel, Audience: Provider, Surface: TGButton,
		EN: "under review",
		HI: "जाँच चल रही है",
	},
	{
		Key: KeyStateWaitingLabel, Audience: Provider, Surface: TGButton,
		EN: "waiting for your answer",
		HI: "आपके जवाब का इंतज़ार",
	},
	{
		Key: KeyStatePendingSecondLabel, Audience: Provider, Surface: TGButton,
		EN: "under final review",
		HI: "अंतिम जाँच चल रही है",
	},
	{
		Key: KeyStateApprovedLabel, Audience: Provider, Surface: TGButton,
		EN: "approved",
		HI: "मंज़ूर",
	},
	{
		Key: KeyStatePartlyLabel, Audience: Provider, Surface: TGButton,
		EN: "partly approved",
		HI: "आंशिक रूप से मंज़ूर",
	},
	{
		Key: KeyStateRejectedLabel, Audience: Provider, Surface: TGButton,
		EN: "not approved",
		HI: "मंज़ूर नहीं हुआ",
	},
	{
		Key: KeyStateExpiredLabel, Audience: Provider, Surface: TGButton,
		EN: "closed, no answer",
		HI: "बंद, जवाब नहीं मिला",
	},
	{
		Key: KeyBalanceHeader, Audience: Provider, Surface: TGMessage, Params: []string{"balance"},
		EN: "<b>Your wallet:</b> {balance} coins",
		HI: "<b>आपका वॉलेट:</b> {balance} कॉइन",
	},
	{
		Key: KeyBalanceLine, Audience: Provider, Surface: TGMessage, Params: []string{"date", "kind", "coins", "ref"},
		EN: "• {date}: {kind} {coins} ({ref})",
		HI: "• {date}: {kind} {coins} ({ref})",
	},
	{
		Key: KeyBalanceLineBare, Audience: Provider, Surface: TGMessage, Params: []string{"date", "kind", "coins"},
		EN: "• {date}: {kind} {coins}",
		HI: "• {date}: {kind} {coins}",
	},
	{
		Key: KeyBalanceNone, Audience: Provider, Surface: TGMessage,
		EN: "No wallet entries yet.",
		HI: "वॉलेट में अभी कोई एंट्री नहीं है।",
	},
	{
		Key: KeyEntryOpening, Audience: Provider, Surface: TGButton,
		EN: "opening balance",
		HI: "शुरुआती बैलेंस",
	},
	{
		Key: KeyEntryUnlock, Audience: Provider, Surface: TGButton,
		EN: "lead unlocked",
		HI: "लीड अनलॉक",
	},
	{
		Key: KeyEntryRefund, Audience: Provider, Surface: TGButton,
		EN: "refund",
		HI: "रिफ़ंड",
	},
	{
		Key: KeyEntryAdjustment, Audience: Provider, Surface: TGButton,
		EN: "adjustment",
		HI: "सुधार",
	},
	{
		Key: KeyPolicyText, Audience: Provider, Surface: TGMessage, Params: []string{"window_days", "min_attempts", "min_days", "min_wait_hours", "max_leads", "email"},
		EN: "<b>How coin refunds work</b>\n\nRockerstop does not give cash refunds for membership plans or recharges. Coins spent on a lead can come back to your wallet, for contacting clients and other platform features, when:\n1. the lead is invalid or inaccurate;\n2. the client does not respond despite genuine attempts (at least {min_attempts} attempts over {min_days} days; you can ask {min_wait_hours} hours after unlock);\n3. the lead was posted by mistake and you have not engaged with it;\n4. the phone number was not provided or is inaccessible;\n5. a technical issue stopped you from using the lead.\n\nAsk within {window_days} days of unlocking the lead, with up to {max_leads} leads in one request. Our team reviews every request. In a critical situation, write to {email}.",
		HI: "<b>कॉइन रिफ़ंड कैसे मिलता है</b>\n\nRockerstop मेंबरशिप प्लान या रिचार्ज का पैसा नकद वापस नहीं करता। किसी लीड पर खर्च हुए कॉइन आपके वॉलेट में वापस आ सकते हैं, क्लाइंट से संपर्क और प्लेटफ़ॉर्म की दूसरी सुविधाओं के लिए, जब:\n1. लीड गलत या अधूरी हो;\n2. सच्ची कोशिशों के बाद भी क्लाइंट जवाब न दे (कम से कम {min_days} दिनों में {min_attempts} बार; अनलॉक के {min_wait_hours} घंटे बाद अनुरोध कर सकते हैं);\n3. लीड गलती से पोस्ट हुई हो और आपने उस पर कोई संपर्क न किया हो;\n4. फ़ोन नंबर दिया ही न गया हो या उस पर संपर्क न हो पाए;\n5. किसी तकनीकी समस्या की वजह से आप लीड इस्तेमाल न कर पाए हों।\n\nलीड अनलॉक करने के {window_days} दिनों के अंदर अनुरोध करें, एक अनुरोध में ज़्यादा से ज़्यादा {max_leads} लीड। हमारी टीम हर अनुरोध की जाँच करती है। किसी गंभीर स्थिति में {email} पर लिखें।",
	},
	{
		Key: KeySupport, Audience: Provider, Surface: TGMessage, Params: []string{"email"},
		EN: "Our support team is here to help. Write to <b>{email}</b> with your registered phone number and, if you have one, your case ID (RF-…).",
		HI: "हमारी सपोर्ट टीम मदद के लिए तैयार है। <b>{email}</b> पर लिखें, साथ में अपना रजिस्टर्ड फ़ोन नंबर और, अगर हो तो, अपना केस ID (RF-…) भेजें।",
	},
	{
		Key: KeyLanguageChoose, Audience: Provider, Surface: TGMessage,
		EN: "Choose your language:",
		HI: "अपनी भाषा चुनें:",
	},
	{
		Key: KeyBtnLangEnglish, Audience: Provider, Surface: TGButton,
		EN: "English",
		HI: "English",
	},
	{
		Key: KeyBtnLangHindi, Audience: Provider, Surface: TGButton,
		EN: "हिन्दी",
		HI: "हिन्दी",
	},
	{
		Key: KeyLanguageChanged, Audience: Provider, Surface: TGMessage,
		EN: "Done: I will write in English from now on.",
		HI: "ठीक है: अब से मैं हिन्दी में लिखूँगा।",
	},
	{
		Key: KeyApology, Audience: Provider, Surface: TGMessage,
		EN: "Sorry, something went wrong on our side. Nothing you sent is lost: please try again in a minute.",
		HI: "माफ़ कीजिए, हमारी तरफ़ से कुछ गड़बड़ हो गई। आपने जो भेजा वह सुरक्षित है: कृपया एक मिनट बाद फिर कोशिश करें।",
	},
	{
		Key: KeyAgentQuestion, Audience: Provider, Surface: TGMessage, Params: []string{"case", "question"},
		EN: "About your case <b>{case}</b>, our team asks:\n\n<i>{question}</i>\n\nPlease send your answer here, as text or screenshots.",
		HI: "आपके केस <b>{case}</b> के बारे में हमारी टीम पूछ रही है:\n\n<i>{question}</i>\n\nकृपया अपना जवाब यहीं भेजें, टेक्स्ट या स्क्रीनशॉट के रूप में।",
	},
	{
		Key: KeyAnswerReceived, Audience: Provider, Surface: TGMessage, Params: []string{"case"},
		EN: "Thank you, your answer was added to case <b>{case}</b>. Our team will continue the review.",
		HI: "धन्यवाद, आपका जवाब केस <b>{case}</b> में जोड़ दिया गया है। हमारी टीम जाँच जारी रखेगी।",
	},
	{
		Key: KeyOutcomeApproved, Audience: Provider, Surface: TGMessage, Params: []string{"case", "coins", "balance"},
		EN: "✅ Your case <b>{case}</b> is approved: <b>{coins} coins</b> are back in your wallet. Your balance is now {balance} coins.",
		HI: "✅ आपका केस <b>{case}</b> मंज़ूर हो गया है: <b>{coins} कॉइन</b> आपके वॉलेट में वापस आ गए हैं। अब आपका बैलेंस {balance} कॉइन है।",
	},
	{
		Key: KeyOutcomePartly, Audience: Provider, Surface: TGMessage, Params: []string{"case", "coins", "balance", "approved", "refused", "reason", "note_block"},
		EN: "Your case <b>{case}</b> is partly approved: <b>{coins} coins</b> are back in your wallet for {approved}. Your balance is now {balance} coins.\n\nNot refunded: {refused}. Reason: {reason}{note_block}",
		HI: "आपका केस <b>{case}</b> आंशिक रूप से मंज़ूर हुआ है: {approved} के लिए <b>{coins} कॉइन</b> आपके वॉलेट में वापस आ गए हैं। अब आपका बैलेंस {balance} कॉइन है।\n\nजिनका रिफ़ंड नहीं हुआ: {refused}। कारण: {reason}{note_block}",
	},
	{
		Key: KeyOutcomeRejected, Audience: Provider, Surface: TGMessage, Params: []string{"case", "reason", "note_block", "email"},
		EN: "Your case <b>{case}</b> was not approved.\nReason: {reason}{note_block}\n\nIf you have new evidence, you can send a new request with /refund while the leads are inside the refund window, or write to {email}.",
		HI: "आपका केस <b>{case}</b> मंज़ूर नहीं हुआ।\nकारण: {reason}{note_block}\n\nअगर आपके पास नया सबूत है, तो लीड के रिफ़ंड की समय-सीमा रहते /refund से नया अनुरोध भेज सकते हैं, या {email} पर लिख सकते हैं।",
	},
	{
		Key: KeyOutcomeNote, Audience: Provider, Surface: TGMessage, Params: []string{"note"},
		EN: "\nNote from our team: <i>{note}</i>",
		HI: "\nहमारी टीम का नोट: <i>{note}</i>",
	},
	{
		Key: KeyOutcomeExpired, Audience: Provider, Surface: TGMessage, Params: []string{"case", "hours"},
		EN: "Your case <b>{case}</b> was closed because we did not get your answer within {hours} hours. You can send a new request with /refund.",
		HI: "आपका केस <b>{case}</b> बंद कर दिया गया, क्योंकि {hours} घंटे में आपका जवाब नहीं मिला। आप /refund से नया अनुरोध भेज सकते हैं।",
	},
	{
		Key: KeyRejectInsufficientEvidence, Audience: Provider, Surface: TGMessage,
		EN: "the evidence was not enough to show the problem.",
		HI: "भेजे गए सबूत से समस्या साबित नहीं हुई।",
	},
	{
		Key: KeyRejectOutsideWindow, Audience: Provider, Surface: TGMessage,
		EN: "the request came after the refund window had closed.",
		HI: "अनुरोध रिफ़ंड की समय-सीमा खत्म होने के बाद आया।",
	},
	{
		Key: KeyRejectClientReached, Audience: Provider, Surface: TGMessage,
		EN: "our check shows you were able to reach the client.",
		HI: "हमारी जाँच में पाया गया कि क्लाइंट से आपका संपर्क हो गया था।",
	},
	{
		Key: KeyRejectLeadValid, Audience: Provider, Surface: TGMessage,
		EN: "our check shows the lead is valid.",
		HI: "हमारी जाँच में लीड सही पाई गई।",
	},
	{
		Key: KeyRejectDuplicateRequest, Audience: Provider, Surface: TGMessage,
		EN: "this lead was already requested in another case.",
		HI: "इस लीड के लिए किसी दूसरे केस में पहले ही अनुरोध हो चुका है।",
	},
	{
		Key: KeyRejectOther, Audience: Provider, Surface: TGMessage,
		EN: "see the note from our team.",
		HI: "हमारी टीम का नोट देखें।",
	},
	{
		Key: KeyAnswerCollected, Audience: Provider, Surface: TGMessage, Params: []string{"count"},
		EN: "Got it: {count} item(s). Send more, or tap <b>Send answer</b>.",
		HI: "मिल गया: {count}। और भेजें, या <b>जवाब भेजें</b> दबाएँ।",
	},
	{
		Key: KeyBtnSendAnswer, Audience: Provider, Surface: TGButton,
		EN: "📨 Send answer",
		HI: "📨 जवाब भेजें",
	},
}
