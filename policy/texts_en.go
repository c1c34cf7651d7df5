package policy

// englishDialogue is the English text of the dialogue keys.
func englishDialogue(key Key) string {
	switch key {
	case KeyWelcome:
		return "Namaste! This is the <b>Rockerstop coin refund desk</b>.\n\nTo find your account, share the phone number registered on Rockerstop: tap <b>Share my phone number</b> below."
	case KeyBtnShareContact:
		return "📱 Share my phone number"
	case KeyLinkPrompt:
		return "Please tap <b>Share my phone number</b> at the bottom of the chat. Typing the number does not work: Telegram must confirm it is yours."
	case KeyLinked:
		return "Thank you, {name}! Your Telegram is now linked to your Rockerstop account.\n\nTap /refund to ask for a coin refund, or /help to see everything I can do."
	case KeyLinkUnknownNumber:
		return "This number is not registered on Rockerstop.\n\nTo fix it, add this number to your Rockerstop profile and share it again, or share the number you registered with. If you need help, write to {email}."
	case KeyLinkNotOwnContact:
		return "That is someone else’s contact. Please share <b>your own</b> number with the button below."
	case KeyLinkForwarded:
		return "A forwarded contact cannot be used. Please tap <b>Share my phone number</b> below to share your own number."
	case KeyLinkRelinked:
		return "Note: your Rockerstop account was linked to another Telegram account before. That account is now unlinked: one provider can use one Telegram account."
	case KeyLinkUnlinkedOld:
		return "Your Rockerstop account is now linked to another Telegram account, so this chat no longer receives refund updates. If that was not you, write to {email} at once."
	case KeyLinkRequired:
		return "Please link your Rockerstop account first: tap /start."
	case KeyLinkBadToken:
		return "This link has expired or is not valid. Tap /start and share your phone number instead."
	case KeyHelp:
		return "<b>What I can do</b>\n/refund: ask for a coin refund for a lead\n/status: see your refund requests\n/balance: see your wallet and recent entries\n/policy: how coin refunds work\n/support: reach our support team\n/language: English or हिन्दी\n/cancel: stop what you are doing\n/start: link your account again\n/help: this list"
	case KeyCmdStart:
		return "Link your Rockerstop account"
	case KeyCmdRefund:
		return "Ask for a coin refund"
	case KeyCmdStatus:
		return "See your refund requests"
	case KeyCmdBalance:
		return "See your wallet"
	case KeyCmdPolicy:
		return "How coin refunds work"
	case KeyCmdSupport:
		return "Reach our support team"
	case KeyCmdLanguage:
		return "Change the language"
	case KeyCmdCancel:
		return "Stop what you are doing"
	case KeyCmdHelp:
		return "Show all commands"
	case KeyUnknownCommand:
		return "I don’t know the command /{command}. Tap /help to see what I can do."
	case KeyNotUnderstood:
		return "I didn’t understand that. Tap /refund to ask for a coin refund, or /help to see everything I can do."
	case KeyBtnMenuRefund:
		return "💰 Ask for a refund"
	case KeyBtnMenuStatus:
		return "📋 My requests"
	case KeyBtnMenuBalance:
		return "👛 My wallet"
	case KeyBtnMenuPolicy:
		return "ℹ️ Refund policy"
	case KeyChooseReason:
		return "Why do you want a refund? Choose the reason that fits best."
	case KeyReasonIntro:
		return "<b>{reason}</b>\n{explanation}"
	case KeyTitleInvalidLead:
		return "Invalid lead"
	case KeyTitleNonResponsive:
		return "Client does not respond"
	case KeyTitleMistakenPosting:
		return "Lead posted by mistake"
	case KeyTitlePhoneUnavailable:
		return "Phone number unavailable"
	case KeyTitleTechnicalIssue:
		return "Technical issue"
	case KeyExplainInvalidLead:
		return "The lead turned out to be invalid or inaccurate, so you could not make contact with the client."
	case KeyExplainNonResponsive:
		return "The client did not respond to your calls or messages despite genuine attempts to make contact."
	case KeyExplainMistakenPosting:
		return "The lead was posted mistakenly or erroneously, and you have not engaged with it."
	case KeyExplainPhoneUnavailable:
		return "Coins were deducted for the lead, but the contact information, such as the phone number, was not provided or is inaccessible."
	case KeyExplainTechnicalIssue:
		return "Technical issues or platform malfunctions prevented you from using the lead effectively."
	case KeyBtnCashRefund:
		return "💵 I want my money back"
	case KeyCashRefund:
		return "Rockerstop does not give cash refunds for membership plans or plan recharges: once you buy a plan or add coins, the money is not refunded in cash.\n\nWhat we offer is a <b>coins refund</b>: refunded coins go back to your Rockerstop wallet, to use for contacting clients and other platform features. Tap /refund to ask for one.\n\nIf you are in a critical situation and believe a refund is warranted, write to our support team at {email}. Some circumstances may warrant special consideration, and we will do our best to help."
	case KeyQInvalidWhat:
		return "What was wrong with the lead?"
	case KeyLInvalidWhat:
		return "What was wrong"
	case KeyQInvalidDetails:
		return "Please describe in a few words what was wrong with the lead."
	case KeyLInvalidDetails:
		return "Details"
	case KeyQNonRespChannel:
		return "How did you try to reach the client?"
	case KeyLNonRespChannel:
		return "Tried by"
	case KeyQNonRespAttempts:
		return "How many times did you try to reach the client? Send a number, for example 3."
	case KeyLNonRespAttempts:
		return "Attempts"
	case KeyQNonRespDays:
		return "Over how many different days did you try? Send a number, for example 2."
	case KeyLNonRespDays:
		return "Days"
	case KeyQMistakenEngaged:
		return "Have you contacted or engaged with this client?"
	case KeyLMistakenEngaged:
		return "Contacted the client"
	case KeyQMistakenDetails:
		return "Why do you think the lead was posted by mistake? Please write a few words."
	case KeyLMistakenDetails:
		return "Why a mistake"
	case KeyQPhoneProblem:
		return "What was the problem with the phone number?"
	case KeyLPhoneProblem:
		return "Problem"
	case KeyQTechKind:
		return "What went wrong?"
	case KeyLTechKind:
		return "Issue"
	case KeyOptWrongNumber:
		return "Wrong or fake number"
	case KeyOptNoRequirement:
		return "No real requirement"
	case KeyOptDuplicate:
		return "Duplicate lead"
	case KeyOptWrongCategory:
		return "Wrong category or location"
	case KeyOptOther:
		return "Something else"
	case KeyOptCalls:
		return "Calls"
	case KeyOptMessages:
		return "Messages"
	case KeyOptBoth:
		return "Calls and messages"
	case KeyOptYes:
		return "Yes"
	case KeyOptNo:
		return "No"
	case KeyOptPhoneMissing:
		return "No number was shown"
	case KeyOptPhoneUnreachable:
		return "Shown but unreachable"
	case KeyOptLeadNotShown:
		return "Coins deducted, lead not shown"
	case KeyOptChargedTwice:
		return "Charged twice for one lead"
	case KeyOptAppError:
		return "App or website error"
	case KeyAnswerNotNumber:
		return "Please send a number, for example 3."
	case KeyAnswerOutOfRange:
		return "Please send a number from {min} to {max}."
	case KeyAnswerUseButtons:
		return "Please choose one of the buttons above."
	case KeyAnswerEmpty:
		return "Please write a few words."
	case KeyTextTooLong:
		return "This text is too long ({length} characters). Please keep it under {max} characters."
	case KeyIneligibleEngaged:
		return "This lead cannot be refunded as a mistaken posting: the policy covers a lead posted by mistake that <b>you have not engaged with</b>, and you have contacted or engaged with this client.\n\nIf the client did not respond, or the lead was invalid, tap /refund and choose that reason instead."
	case KeyIneligibleAttempts:
		return "A refund for a non-responsive client needs genuine attempts: at least <b>{min_attempts} attempts over {min_days} days</b>. You made {attempts}.\n\nPlease try again to reach the client, then come back with /refund."
	case KeyIneligibleDays:
		return "A refund for a non-responsive client needs genuine attempts: at least <b>{min_attempts} attempts over {min_days} days</b>. You tried on {days} day(s).\n\nPlease try again on another day, then come back with /refund."
	}
	return ""
}
