package policy

// Keys of the provider's evidence on the desk (issue #11): what reaches
// the card's thread, the account quoted on the card, the limits a provider
// meets while sending evidence, and reuse of a file across providers.
const (
	// KeyNotesTooMany: a text note beyond policy.evidence.max_notes_per_case.
	KeyNotesTooMany Key = "evidence.notes_too_many"
	// KeyFileQuota: the provider's stored bytes today would pass
	// policy.evidence.max_mb_per_provider_per_day.
	KeyFileQuota Key = "file.quota"

	// KeyThreadSubmitEvidence heads the thread message carrying a submit's files and notes.
	KeyThreadSubmitEvidence Key = "thread.submit_evidence"
	// KeyThreadAnswerEvidence heads the thread message carrying an answer to "Ask provider".
	KeyThreadAnswerEvidence Key = "thread.answer_evidence"
	// KeyThreadSubmitMore heads a further part when the notes overflow one message.
	KeyThreadSubmitMore Key = "thread.submit_more"
	// KeyThreadNote introduces one note, numbered, in the thread; the note
	// follows on its own lines, escaped.
	KeyThreadNote Key = "thread.note"
	// KeyCardAccount quotes the start of the provider's account on the card.
	KeyCardAccount Key = "card.account"
	// KeyFindHashWarnOther: a file already sent by another provider.
	KeyFindHashWarnOther Key = "find.hash.warn_other"
)

// deskSentences declares the keys above: audience, surface, parameters and texts.
var deskSentences = []Sentence{
	{
		Key: KeyNotesTooMany, Audience: Provider, Surface: TGMessage, Params: []string{"max"},
		EN: "You have already sent {max} notes for this request, the most it can take. Please go on with the buttons, or send a screenshot instead.",
		HI: "आप इस अनुरोध के लिए पहले ही {max} नोट भेज चुके हैं, इससे ज़्यादा नहीं लिए जा सकते। कृपया बटन से आगे बढ़ें, या इसकी जगह स्क्रीनशॉट भेजें।",
	},
	{
		Key: KeyFileQuota, Audience: Provider, Surface: TGMessage, Params: []string{"max_mb"},
		EN: "You have sent a lot of files today (the limit is {max_mb} MB a day), so I could not take this one. Please try again tomorrow, or send a text instead.",
		HI: "आज आपने बहुत सारी फ़ाइलें भेजी हैं (सीमा दिन में {max_mb} MB है), इसलिए यह फ़ाइल नहीं ली जा सकी। कृपया कल फिर कोशिश करें, या इसकी जगह टेक्स्ट भेजें।",
	},
	{
		Key: KeyThreadSubmitEvidence, Audience: Agent, Surface: SlackSection, Params: []string{"case", "files", "notes"},
		EN: ":paperclip: *Evidence from the provider for {case}:* {files} file(s), {notes} note(s)",
	},
	{
		Key: KeyThreadAnswerEvidence, Audience: Agent, Surface: SlackSection, Params: []string{"case", "files", "notes"},
		EN: ":speech_balloon: *Provider’s answer on {case}:* {files} file(s), {notes} note(s)",
	},
	{
		Key: KeyThreadSubmitMore, Audience: Agent, Surface: SlackSection, Params: []string{"case", "part", "parts"},
		EN: ":paperclip: *Evidence from the provider for {case}*, continued ({part} of {parts})",
	},
	{
		Key: KeyThreadNote, Audience: Agent, Surface: SlackSection, Params: []string{"n"},
		EN: "*Note {n}:*",
	},
	{
		Key: KeyCardAccount, Audience: Agent, Surface: SlackSection, Params: []string{"quote"},
		EN: ":speech_balloon: *Provider's account:*\n{quote}",
	},
	{
		Key: KeyFindHashWarnOther, Audience: Agent, Surface: SlackSection, Params: []string{"case"},
		EN: "Same screenshot as {case}, a case of another provider",
	},
}
