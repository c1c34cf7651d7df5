package policy

import "slices"

// sentences is the whole catalogue in declaration order: one table per
// feature, each sentence declared once with its key, audience, surface,
// parameters, English and Hindi. A new feature's table is one more
// argument here.
var sentences = slices.Concat(
	dialogueSentences,
	caseSentences,
	agentSentences,
	deskSentences,
	privateSentences,
	appealSentences,
	withdrawSentences,
	providerPathSentences,
	similarSentences,
	slackSentences,
)

// sentenceByKey indexes sentences by key, built once. A key declared twice
// keeps its first declaration (a test forbids declaring it twice).
var sentenceByKey = indexSentences(sentences)

func indexSentences(all []Sentence) map[Key]*Sentence {
	m := make(map[Key]*Sentence, len(all))
	for i := range all {
		if _, dup := m[all[i].Key]; !dup {
			m[all[i].Key] = &all[i]
		}
	}
	return m
}

// Keys lists every key of the catalogue with its audience, surface and
// parameters, in declaration order. The result is a fresh slice the
// caller may keep.
func Keys() []KeySpec {
	out := make([]KeySpec, len(sentences))
	for i := range sentences {
		out[i] = sentences[i].spec()
	}
	return out
}

// Spec returns the declaration of key.
func Spec(key Key) (KeySpec, bool) {
	s, ok := sentenceByKey[key]
	if !ok {
		return KeySpec{}, false
	}
	return s.spec(), true
}

// Params lists the parameters key declares, in declaration order.
func Params(key Key) []string {
	s, _ := Spec(key)
	return s.Params
}

// english is the English text of a provider key ("" for an agent key).
func english(key Key) string {
	if s, ok := sentenceByKey[key]; ok && s.Audience == Provider {
		return s.EN
	}
	return ""
}

// hindi is the Hindi text of a provider key.
func hindi(key Key) string {
	if s, ok := sentenceByKey[key]; ok {
		return s.HI
	}
	return ""
}

// agentText is the English text of an agent key ("" for a provider key).
func agentText(key Key) string {
	if s, ok := sentenceByKey[key]; ok && s.Audience == Agent {
		return s.EN
	}
	return ""
}

// ParseLang maps a language code ("hi", "hi-IN", "en-US"...) to a Lang;
// anything but Hindi is English.
func ParseLang(code string) Lang {
	if len(code) >= 2 && (code[:2] == "hi" || code[:2] == "HI" || code[:2] == "Hi") {
		return LangHindi
	}
	return LangEnglish
}

// StateKey is the provider-facing label of a case state.
func StateKey(s State) Key {
	switch s {
	case StateOpen:
		return KeyStateOpenLabel
	case StateWaitingProvider:
		return KeyStateWaitingLabel
	case StatePendingSecond:
		return KeyStatePendingSecondLabel
	case StateApproved:
		return KeyStateApprovedLabel
	case StatePartlyApproved:
		return KeyStatePartlyLabel
	case StateRejected:
		return KeyStateRejectedLabel
	case StateExpired:
		return KeyStateExpiredLabel
	case StateWithdrawn:
		return KeyStateWithdrawnLabel
	}
	return KeyStateOpenLabel
}

// AgentStateKey is the agent-facing label of a case state.
func AgentStateKey(s State) Key {
	switch s {
	case StateWaitingProvider:
		return KeyAgentStateWaiting
	case StatePendingSecond:
		return KeyAgentStatePendingSecond
	case StateApproved:
		return KeyAgentStateApproved
	case StatePartlyApproved:
		return KeyAgentStatePartly
	case StateRejected:
		return KeyAgentStateRejected
	case StateExpired:
		return KeyAgentStateExpired
	case StateWithdrawn:
		return KeyAgentStateWithdrawn
	}
	return KeyAgentStateOpen
}

// DecisionKey is the agent-facing label of a lead decision.
func DecisionKey(d LeadDecision) Key {
	switch d {
	case LeadApproved:
		return KeyAgentDecisionApproved
	case LeadRejected:
		return KeyAgentDecisionRejected
	}
	return KeyAgentDecisionPending
}

// EntryKindKey is the provider-facing label of a wallet entry kind
// ("opening", "unlock", "refund", "adjustment"); unknown kinds read as
// an adjustment.
func EntryKindKey(kind string) Key {
	switch kind {
	case "opening":
		return KeyEntryOpening
	case "unlock":
		return KeyEntryUnlock
	case "refund":
		return KeyEntryRefund
	}
	return KeyEntryAdjustment
}

// UnsupportedKey is the answer to a message the dialogue cannot take,
// by the kind a transport names it: "voice", "audio", "video",
// "video_note", "sticker", "animation", "location" (or "venue"), "poll";
// anything else gets the generic answer.
func UnsupportedKey(kind string) Key {
	switch kind {
	case "voice":
		return KeyUnsupportedVoice
	case "audio":
		return KeyUnsupportedAudio
	case "video":
		return KeyUnsupportedVideo
	case "video_note":
		return KeyUnsupportedVideoNote
	case "sticker":
		return KeyUnsupportedSticker
	case "animation":
		return KeyUnsupportedAnimation
	case "location", "venue":
		return KeyUnsupportedLocation
	case "poll":
		return KeyUnsupportedPoll
	}
	return KeyUnsupportedOther
}

// Command is a bot command (without "/") and the key of its description.
type Command struct {
	Name string
	Key  Key
}

// Commands lists the bot's commands in menu order, for setMyCommands and
// for routing; the help text names the same commands.
func Commands() []Command {
	return []Command{
		{"refund", KeyCmdRefund}, {"status", KeyCmdStatus}, {"appeal", KeyCmdAppeal}, {"balance", KeyCmdBalance},
		{"policy", KeyCmdPolicy}, {"support", KeyCmdSupport}, {"language", KeyCmdLanguage},
		{"cancel", KeyCmdCancel}, {"help", KeyCmdHelp}, {"start", KeyCmdStart},
	}
}

// Lengths the catalogue is built for. Transports cut raw values with
// Truncate(value, ParamMaxChars(name)) before escaping, and keep rendered
// blocks within the block budget, so every rendered text fits its surface
// (the catalogue tests render every key at these lengths).
const (
	// SummaryAnswerChars: a text answer is shown this long in a summary.
	SummaryAnswerChars = 300
	// AgentBlockChars: an agent "_lines" block stays this long; the Slack
	// adapter starts another section for the rest.
	AgentBlockChars = 2500
)

// ParamMaxCharsIn is ParamMaxChars for one key: a few keys use a common
// parameter name for a shorter value (a summary line's "question" is the
// question's short label, a summary's "reason" the reason's title).
func ParamMaxCharsIn(key Key, name string) int {
	if n, ok := providerPathParamMax(key, name); ok {
		return n
	}
	switch {
	case key == KeySummaryAnswerLine && name == "question",
		(key == KeySummary || key == KeyReasonIntro) && name == "reason":
		return ParamMaxChars("label")
	}
	return ParamMaxChars(name)
}

// ParamMaxChars is the longest value, in characters, a parameter may carry.
// Unknown names get 100.
func ParamMaxChars(name string) int {
	switch name {
	case "case", "appeal":
		return 12
	case "lead":
		return MaxLeadIDLen
	case "coins", "balance", "total", "threshold":
		return 12
	case "count", "have", "need", "index", "approved_count", "min", "max", "length",
		"days", "hours", "min_attempts", "min_days", "min_wait_hours", "max_leads",
		"window_days", "max_files", "max_mb", "attempts", "unlocks", "refunded",
		"partly", "rejected", "expired", "ordinal", "rate", "limit", "evidence":
		return 8
	case "name":
		return 129 // Telegram first and last name, 64 each
	case "date", "time", "since", "age", "ago", "oldest":
		return 24
	case "question", "note":
		return MaxAgentTextChars
	case "answer":
		return SummaryAnswerChars
	case "text":
		return MaxTextCharsLimit
	case "approved", "refused":
		return 1000 // lead lists, cut with "…"
	case "answers_lines":
		return 1200
	case "leads_lines":
		return 2000
	case "answers_block", "findings_lines", "failures_lines", "history_lines":
		return AgentBlockChars
	case "reason", "explanation", "message", "state", "kind", "decision":
		return 200 // catalogue texts and findings
	case "icon", "language":
		return 4
	case "label", "title":
		return 40 // a question's short label, a reason's title
	}
	return 100
}

// AnswerCollectedText renders KeyAnswerCollected: how many pieces of an
// answer to an agent's question are collected (count is a number, nothing
// to escape). Kept for the dialogue; same as Text(lang, KeyAnswerCollected, ...).
func AnswerCollectedText(lang Lang, count string) string {
	return Text(lang, KeyAnswerCollected, Args{"count": count})
}

// SendAnswerLabel renders KeyBtnSendAnswer, the button that sends the
// collected answer.
func SendAnswerLabel(lang Lang) string { return Text(lang, KeyBtnSendAnswer, nil) }
