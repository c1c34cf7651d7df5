package conversations

import (
	"github.com/rockerstop/refundbot/policy"
)

// startRefund opens a new draft at the reason choice.
func startRefund(t *turn) {
	t.s.Draft = Draft{}
	t.s.AnsweringCase = ""
	t.advance(stepReason)
	promptReason(t)
}

func promptReason(t *turn) { promptReasonAfter(t, "") }

// promptReasonAfter shows the reason picker under intro (a deep link's
// checked lead), in one message.
func promptReasonAfter(t *turn, intro string) {
	var rows [][]Button
	for _, r := range policy.Reasons() {
		rows = append(rows, []Button{t.button(r.Title, actReason, string(r.Code))})
	}
	rows = append(rows, []Button{t.button(policy.KeyBtnCashRefund, actCash, "")}, t.cancelRow())
	text := t.text(policy.KeyChooseReason)
	if intro != "" {
		text = intro + "\n\n" + text
	}
	t.show(text, rows...)
}

// flowCallback runs the buttons of the refund flow; a button that does
// not belong to the current step is stale.
func flowCallback(t *turn, cb Callback) {
	switch {
	case t.s.Step == stepReason && cb.Action == actReason:
		r, ok := policy.ReasonByCode(policy.ReasonCode(cb.Arg))
		if !ok {
			t.out = stale(t)
			return
		}
		// Leads taken before the reason (a deep link) stay in the draft.
		d := t.s.Draft
		t.s.Draft = Draft{Reason: r.Code, Answers: map[string]string{}, LeadIDs: d.LeadIDs, Coins: d.Coins, Unlocked: d.Unlocked}
		intro := t.text(policy.KeyReasonIntro, "reason", t.label(r.Title), "explanation", t.label(r.Explanation))
		askNext(t, intro)
	case t.s.Step == stepReason && cb.Action == actCash:
		t.resetFlow()
		t.show(t.text(policy.KeyCashRefund, "email", supportEmail(t.in.Policy)))
	case t.s.Step == stepQuestion && cb.Action == actOption:
		answer(t, cb.Arg)
	case t.s.Step == stepLeads && cb.Action == actLeadDone:
		leadsDone(t)
	case t.s.Step == stepEvidence && cb.Action == actEvDone:
		evidenceDone(t)
	case t.s.Step == stepLeads && cb.Action == actPick:
		pickLead(t, cb.Arg)
	case t.s.Step == stepEvidence && cb.Action == actEvRemove:
		removeEvidence(t, cb.Arg)
	case (t.s.Step == stepSummary || t.s.Step == stepEvidence) && cb.Action == actSubmit:
		submit(t)
	case (t.s.Step == stepSummary || t.s.Step == stepEvidence) && cb.Action == actEdit:
		t.advance(stepEdit)
		t.show(t.text(policy.KeyEditMenu),
			[]Button{t.button(policy.KeyBtnEditAnswers, actEditPart, "answers"),
				t.button(policy.KeyBtnEditLeads, actEditPart, "leads"),
				t.button(policy.KeyBtnEditEvidence, actEditPart, "evidence")},
			[]Button{t.button(policy.KeyBtnBack, actBack, "")})
	case t.s.Step == stepEdit && cb.Action == actEditPart:
		editPart(t, cb.Arg)
	case t.s.Step == stepEdit && cb.Action == actBack:
		summary(t)
	default:
		t.out = stale(t)
	}
}

// editPart reopens one part of the draft; finishing it returns to the
// summary with the other parts untouched.
func editPart(t *turn, part string) {
	d := &t.s.Draft
	switch part {
	case "answers":
		d.Editing, d.Answers = true, map[string]string{}
		askNext(t, "")
	case "leads":
		// Adds to the leads there are; each can be removed with its button.
		d.Editing = true
		promptLeads(t)
	case "evidence":
		d.Editing = true
		promptEvidence(t)
	default:
		t.out = stale(t)
	}
}

// askNext asks the next unanswered question, or moves on when all are
// answered: to the lead IDs, or back to the summary when editing.
func askNext(t *turn, intro string) {
	d := t.s.Draft
	q, ok := policy.NextQuestion(d.Reason, d.Answers)
	if !ok {
		if d.Editing {
			summary(t)
		} else {
			promptLeads(t)
		}
		return
	}
	t.advance(stepQuestion)
	text := t.text(q.Prompt)
	if intro != "" {
		text = intro + "\n\n" + text
	}
	var rows [][]Button
	for _, o := range q.Options {
		rows = append(rows, []Button{t.button(o.Label, actOption, o.Code)})
	}
	t.show(text, append(rows, t.cancelRow())...)
}

// answer takes an answer to the current question (a button or typed
// text), checks it and the eligibility so far, and asks the next one. An
// answer that makes the request ineligible ends the flow with the
// policy's reason.
func answer(t *turn, raw string) {
	d := &t.s.Draft
	q, ok := policy.NextQuestion(d.Reason, d.Answers)
	if !ok {
		t.out = stale(t)
		return
	}
	v, problem := policy.CheckAnswer(t.in.Policy, d.Reason, q.ID, raw)
	if problem != nil {
		if problem.Key == policy.KeyStepPassed {
			t.out = stale(t)
			return
		}
		t.send(t.msg(*problem))
		return
	}
	answers := make(map[string]string, len(d.Answers)+1)
	for k, v := range d.Answers {
		answers[k] = v
	}
	answers[q.ID] = v
	d.Answers = answers
	if ok, why := policy.AnswersOutcome(t.in.Policy, d.Reason, answers); !ok {
		t.resetFlow()
		if why != nil {
			t.show(t.msg(*why))
		}
		return
	}
	askNext(t, "")
}

// summary shows the whole draft with Submit, Edit and Cancel.
func summary(t *turn) {
	t.s.Draft.Editing = false
	t.advance(stepSummary)
	t.show(t.summaryText(), []Button{
		t.button(policy.KeyBtnSubmit, actSubmit, ""),
		t.button(policy.KeyBtnEdit, actEdit, ""),
		t.button(policy.KeyBtnCancel, actCancel, "")})
}

// submit asks the engine to create the case; the confirmation with the
// case ID is built with the case, inside its transaction.
func submit(t *turn) {
	d := t.s.Draft
	if len(d.LeadIDs) == 0 {
		promptLeads(t)
		return
	}
	if m := policy.CheckEvidence(d.Reason, evidenceKinds(d.Evidence)...); m != nil {
		t.send(t.msg(*m))
		promptEvidence(t)
		return
	}
	t.out.Intent = intentSubmit
	t.s.Draft = Draft{}
	t.advance(stepIdle)
}

// reprompt shows the current step's prompt again (Continue).
func reprompt(t *turn) {
	switch t.s.Step {
	case stepReason:
		t.advance(stepReason)
		promptReason(t)
	case stepQuestion:
		askNext(t, "")
	case stepLeads:
		promptLeads(t)
	case stepEvidence:
		promptEvidence(t)
	case stepSummary, stepEdit:
		summary(t)
	case stepAnswer:
		promptAnswer(t)
	case stepAppeal:
		promptAppeal(t)
	default:
		t.show(t.text(policy.KeyHelp), t.menu()...)
	}
}

// text routes a typed message by step.
func text(t *turn, s string) {
	switch t.s.Step {
	case stepQuestion:
		answer(t, s)
	case stepLeads:
		leadsText(t, s)
	case stepEvidence:
		evidenceText(t, s)
	case stepAnswer:
		answerText(t, s)
	case stepAppeal:
		appealText(t, s)
	case stepReason, stepSummary, stepEdit:
		t.send(t.text(policy.KeyAnswerUseButtons))
	default:
		if c := waitingCase(t.in.Cases); c != nil {
			startAnswer(t, c)
			answerText(t, s)
			return
		}
		t.send(t.text(policy.KeyNotUnderstood), t.menu()...)
	}
}

// file routes a photo, a document, a refused file or an unsupported
// message by step.
func file(t *turn) {
	switch t.s.Step {
	case stepEvidence:
		evidenceFile(t)
	case stepAnswer:
		answerFile(t)
	case stepAppeal:
		appealFile(t)
	default:
		if leadStepFile(t) {
			return
		}
		if c := waitingCase(t.in.Cases); c != nil && t.s.Step == stepIdle && t.in.Event.Kind == EvFile {
			startAnswer(t, c)
			answerFile(t)
			return
		}
		if t.in.Event.Kind == EvUnsupported {
			t.send(t.text(policy.UnsupportedKey(t.in.Event.Text)))
			return
		}
		if t.inFlow() {
			// A file before the evidence step: say again what this step
			// wants, rather than the idle "tap /refund" with the menu.
			reprompt(t)
			return
		}
		t.send(t.text(policy.KeyNotUnderstood), t.menu()...)
	}
}
