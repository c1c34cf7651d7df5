package conversations

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/rockerstop/refundbot/policy"
)

// waitingCase is the provider's newest case waiting for their answer.
func waitingCase(cs []Case) *Case {
	for i := range cs {
		if cs[i].State == policy.StateWaitingProvider {
			return &cs[i]
		}
	}
	return nil
}

// startAnswer begins collecting the provider's answer to an agent's
// question on case c.
func startAnswer(t *turn, c *Case) {
	t.s.Draft = Draft{}
	t.s.AnsweringCase = c.ID
}

func promptAnswer(t *turn) {
	t.advance(stepAnswer)
	t.show(t.text(policy.KeyAnswerCollected, "count", strconv.Itoa(len(t.s.Draft.Evidence))),
		[]Button{t.button(policy.KeyBtnSendAnswer, actAnsSend, ""), t.button(policy.KeyBtnCancel, actCancel, "")})
}

// answerText adds a text to the answer being collected.
func answerText(t *turn, s string) {
	if addNote(t, s) {
		promptAnswer(t)
	}
}

// answerFile adds a photo or a document to the answer being collected.
func answerFile(t *turn) {
	d := &t.s.Draft
	f, ok := takeFile(t, d.Evidence)
	if !ok {
		return
	}
	d.Evidence = append(append([]Evidence(nil), d.Evidence...), f)
	promptAnswer(t)
}

// sendAnswer asks the engine to add the answer to the case and return it
// to the agents' queue.
func sendAnswer(t *turn) {
	if t.s.Step != stepAnswer || t.s.AnsweringCase == "" || len(t.s.Draft.Evidence) == 0 {
		t.out = stale(t)
		return
	}
	t.out.Intent = intentAnswer
}

// answer commits the provider's answer: the case goes back to open with
// the answer as evidence, the answer goes to the card's thread (text and
// files), the card is updated, the provider is told and the session
// returns to idle, in one transaction with the inbound marker. A case no
// longer waiting (an agent decided meanwhile) just ends the answer.
func (e *Engine) answer(ctx context.Context, in stepIn, out *stepOut) error {
	s := in.Session
	caseID, pieces := s.AnsweringCase, s.Draft.Evidence
	s.Draft, s.AnsweringCase, s.UpdatedAt = Draft{}, "", in.Now
	s.Step = stepIdle
	s.Nonce++
	s.Language = out.Session.Language
	by := s.ProviderID
	out.Session = s
	_, err := e.o.Store.Decide(ctx, Decision{CaseID: caseID, Expect: []policy.State{policy.StateWaitingProvider},
		To: policy.StateOpen, By: by, At: in.Now, AddEvidence: pieces,
		Effects: func(c Case, _ int64) ([]OutboxMessage, error) {
			return answerEffects(c, e.channel(c), pieces, in.Event), nil
		},
		// The session and the inbound marker commit with the answer.
		Session: &s, Inbound: inboundOf(in.Event)})
	var de *DecidedError
	switch {
	case errors.As(err, &de):
		// Nothing was written: end the answer in a step of its own.
		out.Result.CallbackText = policy.Text(s.Language, policy.KeyStepPassed, nil)
		return e.saveStep(ctx, in, s, nil)
	case err != nil:
		return fmt.Errorf("answer case %s: %w", caseID, err)
	}
	e.log.Info("provider answered", "case_id", caseID, "provider_id", by, "pieces", len(pieces))
	return nil
}

// channel is where the case's card lives (or will be posted).
func (e *Engine) channel(c Case) string {
	if c.CardChannel != "" {
		return c.CardChannel
	}
	return e.o.SlackChannel
}

// answerEffects: the answer's notes and files in one message of the card's
// thread (evidenceMessages), the card
// updated, and the provider told the answer reached the case.
func answerEffects(c Case, channel string, pieces []Evidence, ev Event) []OutboxMessage {
	msgs := evidenceMessages(c.ID, channel, policy.KeyThreadAnswerEvidence, pieces)
	msgs = append(msgs, OutboxMessage{Transport: Slack, Kind: OutSlackCardUpdate, Recipient: channel, CaseID: c.ID})
	r := Reply{Text: policy.Msg(policy.KeyAnswerReceived, "case", c.ID).Render(c.Language, EscapeHTML)}
	if ev.Kind == EvCallback {
		r.EditMessageID = ev.MessageID
	}
	return append(msgs, telegramReply(c.ChatID, c.ID, r))
}

// telegramReply is one outbox record of a reply to a chat about a case.
func telegramReply(chatID int64, caseID string, r Reply) OutboxMessage {
	return OutboxMessage{Transport: Telegram, Kind: OutTelegramReply, Recipient: strconv.FormatInt(chatID, 10),
		CaseID: caseID, Reply: &r}
}
