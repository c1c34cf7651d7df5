package conversations

import (
	"hash/fnv"
	"strconv"

	"github.com/rockerstop/refundbot/policy"
)

// Session steps. They are stored: never rename one.
const (
	stepLink     = "link"     // waiting for the provider's own contact
	stepIdle     = "idle"     // linked, no flow
	stepReason   = "reason"   // choosing a reason
	stepQuestion = "question" // answering the reason's questions
	stepLeads    = "leads"    // sending lead IDs
	stepEvidence = "evidence" // sending screenshots and notes
	stepSummary  = "summary"  // Submit / Edit / Cancel
	stepEdit     = "edit"     // choosing the part to change
	stepAnswer   = "answer"   // answering an agent's question
)

// Callback actions. They travel in button data: never rename one.
const (
	actMenu     = "m"    // arg: a command name
	actLang     = "lang" // arg: en | hi
	actReason   = "r"    // arg: reason code
	actCash     = "cash"
	actOption   = "o"  // arg: option code of the current question
	actLeadDone = "ld" // done with leads
	actEvDone   = "ed" // done with evidence
	actSubmit   = "sub"
	actEdit     = "edit"
	actEditPart = "e" // arg: answers | leads | evidence
	actBack     = "back"
	actCancel   = "cancel"
	actContinue = "cont"
	actAnsSend  = "as"
	actPick     = "pk"  // arg: a lead ID, added or removed at the lead step
	actEvRemove = "evx" // arg: the index of a piece of evidence to remove
)

// intent is a store operation a step asks for beyond saving itself.
type intent int

const (
	intentNone intent = iota
	intentLink
	intentLanguage
	intentSubmit
	intentAnswer
	intentAppeal
	intentWithdraw
)

// stepOut is the outcome of a step.
type stepOut struct {
	// Write is false when nothing may change (a stale or forged button).
	Write   bool
	Session Session
	Replies []Reply
	// Extra are outbox records for other chats (the old account on relink).
	Extra  []OutboxMessage
	Result Result
	Intent intent
	// LinkProvider is the provider to link the sender to (intentLink).
	LinkProvider string
	// CaseID is the case to withdraw (intentWithdraw).
	CaseID string
}

// turn is one step being computed: the input, the session being built and
// the replies so far.
type turn struct {
	in   stepIn
	s    Session
	lang policy.Lang
	out  stepOut
	cb   Callback // the decoded button, on a callback
}

// step computes one dialogue step. It is pure: every fact it needs is in
// in, every effect is in the result.
func step(in stepIn) stepOut {
	t := &turn{in: in, s: in.Session}
	ev := in.Event
	if in.Fresh {
		t.s = Session{ChatID: ev.ChatID, UserID: ev.UserID, Step: stepLink, Nonce: seedNonce(ev.ChatID, in.Now.UnixNano())}
	}
	t.s.ChatID, t.s.UserID, t.s.UpdatedAt = ev.ChatID, ev.UserID, in.Now
	t.lang = languageOf(in, t.s)
	t.s.Language = t.lang
	t.out.Write = true

	if ev.Kind == EvCallback {
		cb, ok := ParseCallback(ev.Data)
		if !ok || (cb.Nonce != in.Session.Nonce || in.Fresh) && !caseBound(cb) {
			return stale(t)
		}
		t.cb = cb
	}
	if ev.Kind == EvText {
		if m := policy.CheckText(in.Policy, ev.Text); m != nil && m.Key == policy.KeyTextTooLong {
			t.s = in.Session // nothing changes
			if in.Fresh {
				t.s = Session{ChatID: ev.ChatID, UserID: ev.UserID, Step: stepLink, Nonce: seedNonce(ev.ChatID, in.Now.UnixNano()), Language: t.lang, UpdatedAt: in.Now}
			}
			t.send(t.msg(*m))
			t.out.Session = t.s
			return t.out
		}
	}
	if in.Provider == nil {
		unlinked(t)
	} else {
		t.s.ProviderID = in.Provider.ID
		if t.s.Step == "" || t.s.Step == stepLink {
			t.s.Step = stepIdle
		}
		linked(t)
	}
	t.out.Session = t.s
	return t.out
}

// stale answers a button that is not from the current step: it says so
// and changes nothing.
func stale(t *turn) stepOut {
	return stepOut{Result: Result{CallbackText: policy.Text(t.lang, policy.KeyStepPassed, nil)}}
}

// seedNonce starts a new session's nonce from its chat and time, so that
// buttons of a deleted session never match a new one.
func seedNonce(chatID, nanos int64) uint32 {
	h := fnv.New32a()
	h.Write([]byte(strconv.FormatInt(chatID, 36) + ":" + strconv.FormatInt(nanos, 36)))
	return h.Sum32()
}

// languageOf is the provider's language, else the session's, else the
// Telegram client's hint.
func languageOf(in stepIn, s Session) policy.Lang {
	if in.Provider != nil && in.Provider.Language != "" {
		return in.Provider.Language
	}
	if s.Language != "" {
		return s.Language
	}
	return policy.ParseLang(in.Event.LanguageCode)
}

// advance moves the session to step and renews the nonce, so that every
// button shown before goes stale.
func (t *turn) advance(step string) {
	t.s.Step = step
	t.s.Nonce++
}

// inFlow reports whether the session is inside a refund or answer flow.
func (t *turn) inFlow() bool {
	switch t.s.Step {
	case stepReason, stepQuestion, stepLeads, stepEvidence, stepSummary, stepEdit, stepAnswer, stepAppeal:
		return true
	}
	return false
}

// resetFlow drops the draft and any answer in progress.
func (t *turn) resetFlow() {
	t.s.Draft = Draft{}
	t.s.AnsweringCase, t.s.AppealCase = "", ""
	t.advance(stepIdle)
}

// linked routes an event of a linked provider.
func linked(t *turn) {
	ev := t.in.Event
	switch ev.Kind {
	case EvCommand:
		command(t, ev.Command, ev.Args)
	case EvCallback:
		callback(t)
	case EvContact:
		// Already linked: a contact again relinks only if it is their own.
		unlinked(t)
	case EvText:
		text(t, ev.Text)
	case EvFile, EvUnsupported:
		file(t)
	default:
		t.send(t.text(policy.KeyNotUnderstood), t.menu()...)
	}
}
